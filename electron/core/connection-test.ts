import type { ConnectionTestReport } from '../shared/contract'
import { sharedMessage } from '../shared/messages'
import { AppFailure } from './errors'
import type { MemberService } from './members'
import type { ApiCredentials, SettingsService } from './settings'
import type { VendorClient } from './vendor/http'

// "Test connection" in Settings: a fresh token, the store list, and this counter's store in
// it — reporting the first step that fails, in words the IT person can act on.

export interface ConnectionTestDeps {
  credentials: () => ApiCredentials
  vendor: VendorClient
  members: MemberService
  settings: SettingsService
  /** Store the store's name it learns (false: a read-only diagnosis, as staff without the PIN run it). */
  remember?: boolean
}

export async function testConnection(deps: ConnectionTestDeps): Promise<ConnectionTestReport> {
  const language = deps.settings.get('language')
  const fail = (stage: ConnectionTestReport['stage'], e: unknown): ConnectionTestReport => {
    const f = e instanceof AppFailure ? e : new AppFailure('INTERNAL', '')
    const error = f.toAppError()
    if (!error.message) error.message = sharedMessage(language, `error.${f.code}`)
    return { ok: false, stage, error }
  }
  let creds: ApiCredentials
  try {
    creds = deps.credentials()
  } catch (e) {
    return fail('config', e)
  }
  try {
    await deps.vendor.checkToken()
  } catch (e) {
    return fail('token', e)
  }
  let stores
  try {
    stores = await deps.members.stores()
  } catch (e) {
    return fail('stores', e)
  }
  const store = stores.find((s) => s.id === creds.storeId)
  if (!store) {
    return {
      ok: false,
      stage: 'store-id',
      storeCount: stores.length,
      error: { code: 'NOT_FOUND', message: sharedMessage(language, 'settings.storeNotFound') },
    }
  }
  // Remember the store's name for the header, unless the environment fixes it.
  if (deps.remember !== false && deps.settings.get('storeName') !== store.name && !deps.settings.view().fromEnvironment.includes('storeName')) {
    deps.settings.update({ storeName: store.name })
  }
  return { ok: true, stage: 'done', storeCount: stores.length, storeName: store.name }
}
