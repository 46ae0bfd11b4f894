import type { ConfigProblem } from '../shared/contract'
import { AppFailure } from './errors'
import type { ApiCredentials, SettingsService } from './settings'

// Which credentials a call uses, and nowhere else decided: the demo vendor the host started
// (only while nothing configures the connection), or the live configuration — which, when it
// cannot work yet, serves nobody and says why (configProblems), never falling back to the demo.

/** The vendor to use while nothing is configured: the host's demo sandbox. */
export interface DemoVendor extends ApiCredentials {
  storeName: string
}

export interface VendorAccess {
  isDemo(): boolean
  /** What keeps the live configuration from working; empty in demo mode and when it works. */
  configProblems(): ConfigProblem[]
  /** The credentials for the next call; NOT_CONFIGURED when there are none. */
  credentials(): ApiCredentials
  /** This counter's store id; NOT_CONFIGURED when there is none. */
  storeId(): string
  /** The same, or the stored one when not configured: for showing. */
  shownStoreId(): string
  /** The store's name for headers and the customer display. */
  storeName(): string
}

export function vendorAccess(settings: SettingsService, demo: DemoVendor | undefined): VendorAccess {
  const isDemo = () => demo !== undefined && !settings.connectionConfigured()
  const credentials = (): ApiCredentials => {
    if (demo && isDemo()) return { ...demo, storeId: settings.get('storeId') || demo.storeId }
    const live = settings.apiCredentials()
    if (!live) throw new AppFailure('NOT_CONFIGURED', '')
    return live
  }
  return {
    isDemo,
    configProblems: () => (isDemo() ? [] : settings.connectionProblems()),
    credentials,
    storeId: () => credentials().storeId,
    shownStoreId: () => {
      try {
        return credentials().storeId
      } catch {
        return settings.get('storeId')
      }
    },
    storeName: () => settings.get('storeName') || (demo && isDemo() ? demo.storeName : ''),
  }
}
