import Conf from 'conf'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { SETTINGS_FILE_NAME, settingsStoreOptions, type SettingsStore, type SettingsStoreOptions, type StoredSettings } from './settings'
import { isUnreadableJsonObject, moveAside } from './storage/damaged'

// Opening settings.json comes before core: the hosts read it to decide on demo mode, each
// through its own store (electron-store in the shell, conf in browser mode and tests).

/** The data directory, private to this user; made before anything (the settings store) writes into it. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
}

export interface OpenedSettings {
  store: SettingsStore
  /** The name a settings.json that could not be read was kept aside as, or null. */
  keptAside: string | null
}

/**
 * Opens settings.json through the host's store. One that cannot be read is kept aside first:
 * the app starts on environment and defaults, and says so (a notice).
 */
export function openSettingsFile(dataDir: string, open: (options: SettingsStoreOptions) => SettingsStore): OpenedSettings {
  ensureDataDir(dataDir)
  const file = join(dataDir, `${SETTINGS_FILE_NAME}.json`)
  const keptAside = isUnreadableJsonObject(file) ? moveAside(file) : null
  return { store: open(settingsStoreOptions(dataDir)), keptAside }
}

/** Browser mode's store (and the tests'): conf itself, which electron-store extends. */
export const openConfStore = (options: SettingsStoreOptions): SettingsStore =>
  new Conf<Partial<StoredSettings>>({ ...options, configName: SETTINGS_FILE_NAME })
