import type { AppInfo } from '../../shared/contract'
import type { Routes } from '../dispatch'
import type { Services } from '../services'

// The app and its connection: what this counter is, how it reaches the vendor, and what
// it must tell staff about itself (notices).

export interface AppIdentity {
  version: string
  shell: 'electron' | 'browser'
  platform: string
}

export function appInfo(s: Pick<Services, 'access' | 'settings' | 'connection'>, id: AppIdentity): AppInfo {
  return {
    name: 'Counter Companion',
    version: id.version,
    mode: s.access.isDemo() ? 'demo' : 'live',
    configProblems: s.access.configProblems(),
    shell: id.shell,
    platform: id.platform,
    language: s.settings.get('language'),
    storeId: s.access.shownStoreId(),
    storeName: s.access.storeName(),
    connection: s.connection.current(),
  }
}

export function appRoutes(info: () => AppInfo, { notices }: Pick<Services, 'notices'>): Routes<'app:info' | 'notices:list' | 'notices:dismiss'> {
  return {
    'app:info': { roles: ['staff'], admin: false, handle: () => info() },
    'notices:list': { roles: ['staff'], admin: false, handle: () => notices.list() },
    'notices:dismiss': { roles: ['staff'], admin: false, handle: ({ id }) => notices.dismiss(id) },
  }
}
