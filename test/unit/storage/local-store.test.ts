import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { Notices } from '../../../electron/core/notices'
import { LocalStore } from '../../../electron/core/storage/local-store'
import { onCleanup, tempDir } from '../cleanup'

// The local database's folder: created owner-only, never taken from a second copy of the app,
// kept aside whole when it will not open, and a session-only one that leaves nothing behind.

const posix = process.platform !== 'win32'
const AT = new Date('2026-11-29T10:22:04.123Z')

async function opened(dataDir: string, notices = new Notices()): Promise<LocalStore> {
  const store = await LocalStore.open({ dataDir, notices, now: () => AT })
  onCleanup(() => store.close())
  return store
}

describe('LocalStore', () => {
  it('creates the data folder with its parents, owner-only, and keeps what was written across a close', async () => {
    const dataDir = join(tempDir('cc-local-store-'), 'Counter Companion', 'data')
    const notices = new Notices()
    const store = await LocalStore.open({ dataDir, notices })
    if (posix) expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    await store.db.put('outbox/a', Buffer.from([1, 2, 3]))
    await store.close()
    expect(existsSync(join(dataDir, 'store', 'CURRENT'))).toBe(true)
    const again = await opened(dataDir, notices)
    expect(await again.db.get('outbox/a')).toEqual(Buffer.from([1, 2, 3]))
    expect(notices.list()).toEqual([])
  })

  it('a data folder in use by another copy of the app is refused, and the copy that has it keeps it whole', async () => {
    const dataDir = tempDir('cc-local-store-')
    const first = await opened(dataDir)
    await first.db.put('outbox/a', Buffer.from('queued'))
    const notices = new Notices()
    const second = LocalStore.open({ dataDir, notices, now: () => AT })
    await expect(second).rejects.toMatchObject({ name: 'StoreLockedError', message: expect.stringMatching(/in use by another copy of the app/) })
    await expect(second).rejects.toHaveProperty('cause')
    expect(readdirSync(dataDir)).toEqual(['store'])
    expect(notices.list()).toEqual([])
    expect((await first.db.get('outbox/a'))?.toString()).toBe('queued')
  })

  it('a database that will not open is kept aside whole under the time, said, and a fresh one started', async () => {
    const dataDir = tempDir('cc-local-store-')
    const before = await LocalStore.open({ dataDir, notices: new Notices() })
    await before.db.put('member/a', Buffer.from('x'))
    await before.close()
    writeFileSync(join(dataDir, 'store', 'CURRENT'), '')
    const notices = new Notices()
    const store = await opened(dataDir, notices)
    expect(notices.list()).toMatchObject([{ kind: 'storage', code: 'storeDamaged', params: { file: 'store.damaged-2026-11-29T10-22-04-123Z' } }])
    expect(readdirSync(join(dataDir, 'store.damaged-2026-11-29T10-22-04-123Z'))).toContain('CURRENT')
    expect(await store.db.get('member/a')).toBeUndefined()
    await store.db.put('member/b', Buffer.from('y'))
    expect(await store.count('member')).toBe(1)
  })

  it('counts one kind only: not its digest, not another kind whose name begins the same', async () => {
    const store = await opened(tempDir('cc-local-store-'))
    await store.db.batch([
      { type: 'put', key: 'member/a', value: Buffer.from('1') },
      { type: 'put', key: 'member/b', value: Buffer.from('2') },
      { type: 'put', key: 'members/c', value: Buffer.from('3') },
      { type: 'put', key: 'member', value: Buffer.from('4') },
      { type: 'put', key: '~digest/member', value: Buffer.from('5') },
      { type: 'put', key: 'outbox/a', value: Buffer.from('6') },
    ])
    expect(await store.count('member')).toBe(2)
    expect(await store.count('outbox')).toBe(1)
    expect(await store.count('audit')).toBe(0)
  })

  it('forgets a write once it is done: a counter PC runs for days, writing on every lookup', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const store = await opened(tempDir('cc-local-store-'))
    // The write is referenced only inside this function: once it returns, only the store could keep it.
    const ref = ((write: Promise<unknown>) => {
      store.track(write)
      return new WeakRef(write)
    })(store.db.put('outbox/a', Buffer.from('x')))
    expect(await store.count('outbox')).toBe(1)
    // A WeakRef keeps its target until the current job ends; collect in a later one.
    await new Promise((resolve) => setImmediate(resolve))
    gc()
    expect(ref.deref()).toBeUndefined()
  })

  it('a session-only database lives in a temporary folder named for the app, and is gone once closed', async () => {
    const store = await LocalStore.sessionOnly()
    expect(dirname(store.dataDir)).toBe(tmpdir())
    expect(basename(store.dataDir)).toMatch(/^counter-companion-session-/)
    await store.db.put('outbox/a', Buffer.from('x'))
    expect(await store.count('outbox')).toBe(1)
    await store.close()
    expect(existsSync(store.dataDir)).toBe(false)
  })

  it('closing a real data folder leaves it and its data where they are', async () => {
    const dataDir = tempDir('cc-local-store-')
    const store = await LocalStore.open({ dataDir, notices: new Notices() })
    await store.db.put('outbox/a', Buffer.from('x'))
    await store.close()
    expect(readdirSync(dataDir)).toEqual(['store'])
    const again = await opened(dataDir)
    expect(await again.count('outbox')).toBe(1)
  })
})
