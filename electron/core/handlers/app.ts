import type { AppInfo } from '../../shared/contract'
import type { Routes } from '../dispatch'
import type { Services } from '../services'

// The app and its connection: what this counter is, and how it reaches the vendor.

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
    shell: id.shell,
    platform: id.platform,
    language: s.settings.get('language'),
    storeId: s.access.shownStoreId(),
    storeName: s.access.storeName(),
    connection: s.connection.current(),
  }
}

export function appRoutes(info: () => AppInfo): Routes<'app:info'> {
  return {
    'app:info': { roles: ['staff'], admin: false, handle: () => info() },
  }
}
