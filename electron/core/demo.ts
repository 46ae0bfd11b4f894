import { DEMO_STORE_ID, startSandbox, type Sandbox } from '../sandbox/server'
import { AppFailure } from './errors'
import type { ApiCredentials, SettingsService } from './settings'

// Demo mode: no API configured → the built-in sandbox, started with the core. Which
// credentials a call uses, live or the sandbox's, is decided here and nowhere else.

/** The demo store's name: the built-in sandbox's flagship. */
const DEMO_STORE_NAME = '信義旗艦店'

export interface VendorAccess {
  isDemo(): boolean
  /** The credentials for the next call; NOT_CONFIGURED when there are none. */
  credentials(): ApiCredentials
  /** This counter's store id; NOT_CONFIGURED when there is none. */
  storeId(): string
  /** The same, or '' when not configured: for showing. */
  shownStoreId(): string
  /** The store's name for headers and the customer display. */
  storeName(): string
  close(): Promise<void>
}

export async function openVendorAccess(settings: SettingsService): Promise<VendorAccess> {
  const isDemo = () => settings.apiCredentials() === null
  let sandbox: Sandbox | null = null
  let demo: ApiCredentials | null = null
  if (isDemo()) {
    sandbox = await startSandbox()
    demo = {
      apiBaseUrl: sandbox.apiBaseUrl,
      authUrl: sandbox.authUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      storeId: DEMO_STORE_ID,
    }
  }
  const credentials = (): ApiCredentials => {
    const live = settings.apiCredentials()
    if (live) return live
    if (!demo) throw new AppFailure('NOT_CONFIGURED', '')
    return { ...demo, storeId: settings.get('storeId') || DEMO_STORE_ID }
  }
  return {
    isDemo,
    credentials,
    storeId: () => credentials().storeId,
    shownStoreId: () => {
      try {
        return credentials().storeId
      } catch {
        return ''
      }
    },
    storeName: () => settings.get('storeName') || (isDemo() ? DEMO_STORE_NAME : ''),
    close: async () => {
      await sandbox?.close()
    },
  }
}
