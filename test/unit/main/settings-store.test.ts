import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// The shell keeps settings through electron-store (with `electron` mocked: the binary is not
// here), in the very file and format browser mode's conf uses, and closes the IPC door
// electron-store opens for renderers.

const listeners = new Map<string, unknown[]>()
const ipcMain = {
  on: vi.fn((channel: string, l: unknown) => void listeners.set(channel, [...(listeners.get(channel) ?? []), l])),
  removeAllListeners: vi.fn((channel: string) => void listeners.delete(channel)),
}
const app = { getPath: vi.fn(() => '/nonexistent/userData'), getVersion: () => '0.1.0' }
vi.mock('electron', () => ({ default: { app, ipcMain, shell: {} }, app, ipcMain, shell: {} }))

describe('the desktop settings store', () => {
  it('is electron-store, writing settings.json (0600) in the data folder, readable by browser mode\'s conf', async () => {
    const { default: ElectronStore } = await import('electron-store')
    const { openConfStore, openSettingsFile } = await import('../../../electron/core/settings-file')
    const { openSettingsStore } = await import('../../../electron/main/settings-store')
    const dir = mkdtempSync(join(tmpdir(), 'cc-estore-'))
    const { store, keptAside } = openSettingsFile(dir, openSettingsStore)
    expect(store).toBeInstanceOf(ElectronStore)
    expect(keptAside).toBeNull()
    // electron-store opened its channel for renderers (user-data path, version); the shell closed it.
    expect(ipcMain.on).toHaveBeenCalledWith('electron-store-get-data', expect.any(Function))
    expect(listeners.has('electron-store-get-data')).toBe(false)
    store.store = { ...store.store, storeId: '9921' }
    const file = join(dir, 'settings.json')
    expect(store.path).toBe(file)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ storeId: '9921', cacheRetentionDays: 30 })
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    // Browser mode opens the same file with conf and sees the same settings.
    expect(openSettingsFile(dir, openConfStore).store.store).toMatchObject({ storeId: '9921' })
    expect(app.getPath).toHaveBeenCalledWith('userData') // electron-store asked, but the data folder won
  })
})
