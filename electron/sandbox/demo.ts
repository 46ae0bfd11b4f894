import defaultSeedJson from '../../resources/sandbox/seed.json'
import { DEMO_STORE_ID, loadSeed } from './seed'
import { startSandbox } from './server'

// Demo mode's vendor: the hosts (the Electron shell, browser mode) start it beside core when
// nothing configures the connection, and hand core its URL and credentials like any vendor's.

export interface DemoVendorProcess {
  vendor: { apiBaseUrl: string; authUrl: string; clientId: string; clientSecret: string; storeId: string; storeName: string }
  close(): Promise<void>
}

export async function startDemoVendor(): Promise<DemoVendorProcess> {
  const sandbox = await startSandbox()
  const store = loadSeed(defaultSeedJson).stores.find((s) => s.id === DEMO_STORE_ID)
  return {
    vendor: {
      apiBaseUrl: sandbox.apiBaseUrl,
      authUrl: sandbox.authUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      storeId: DEMO_STORE_ID,
      storeName: store?.name ?? '',
    },
    close: () => sandbox.close(),
  }
}
