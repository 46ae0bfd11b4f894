import { ipcMain } from 'electron'
import ElectronStore from 'electron-store'
import { SETTINGS_FILE_NAME, type SettingsStore, type SettingsStoreOptions, type StoredSettings } from '../core/settings'

// The desktop app keeps its settings through electron-store (conf underneath, as in browser
// mode), in the same `settings.json` with the same options: core sees one SettingsStore.

/** electron-store answers this channel for renderers that use it; no window of ours does. */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data'

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const store = new ElectronStore<Partial<StoredSettings>>({ ...options, name: SETTINGS_FILE_NAME })
  // It would tell any page that asked the user-data path and the version: close that door.
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL)
  return store
}
