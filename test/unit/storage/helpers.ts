// The local database for unit tests: one LevelDB folder, its vault and notices, in `dir`.
// Services opened on one TestStorage share the database, as they do in the app; opening a
// service again on it reads back what the first one wrote (a restart without the close).
import { LocalStore } from '../../../electron/core/storage/local-store'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault } from '../../../electron/core/storage/vault'
import { Notices } from '../../../electron/core/notices'
import { onCleanup, tempDir } from '../cleanup'

export interface TestStorage {
  store: LocalStore
  vault: Vault
  notices: Notices
  dir: string
}

export async function openTestStorage(dir: string, vault: Vault = Vault.open(dir, new FileKeyProtector())): Promise<TestStorage> {
  const notices = new Notices()
  const store = await LocalStore.open({ dataDir: dir, notices })
  return { store, vault, notices, dir }
}

/** A TestStorage in a fresh temp folder, closed and removed after the test (after what the test itself closes). */
export async function tempStorage(prefix: string): Promise<TestStorage> {
  const storage = await openTestStorage(tempDir(prefix))
  onCleanup(() => storage.store.close())
  return storage
}
