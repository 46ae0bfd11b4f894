import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app-core'
import { Notices } from '../../../electron/core/notices'
import type { OutboxEntry } from '../../../electron/core/outbox-entry'
import { FileKeyProtector, type KeyProtector } from '../../../electron/core/storage/key-protector'
import { LocalStore } from '../../../electron/core/storage/local-store'
import { SealedRecords } from '../../../electron/core/storage/sealed-records'
import { Vault } from '../../../electron/core/storage/vault'
import { startDemoVendor } from '../../../electron/sandbox/demo'
import type { Notice, OutboxItem, Result } from '../../../electron/shared/contract'
import { onCleanup, tempDir } from '../cleanup'

// The app on a data folder with one part damaged, each part in turn: it starts, keeps
// everything else, keeps the damaged part aside (never deleted) and says so in a notice.

const dataDir = () => tempDir('cc-start-damage-')

async function start(dir: string, keyProtector: KeyProtector = new FileKeyProtector()) {
  const demo = await startDemoVendor()
  const core: Core = await createCore({ dataDir: dir, env: {}, shell: 'browser', keyProtector, version: 'test', platform: 'linux', demo: demo.vendor })
  onCleanup(async () => {
    await core.close()
    await demo.close()
  })
  const call = async <T>(channel: string, arg?: unknown) => {
    const r = (await core.dispatch(channel, arg, 'staff')) as Result<T>
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    return r.value
  }
  return { core, call, notices: () => call<Notice[]>('notices:list'), outbox: () => call<OutboxItem[]>('outbox:list') }
}

const entry = (n: number): OutboxEntry => ({
  id: `item-${n}`,
  state: 'pending',
  form: { phone: `096600000${n}`, name: `排隊${n}`, password: 'secret-pw' },
  createdAt: `2026-01-0${n}T00:00:00.000Z`,
  updatedAt: `2026-01-0${n}T00:00:00.000Z`,
  attempts: [],
  lastError: null,
  memberId: null,
  sentOnce: false,
  nextAttemptAt: null,
})

/** A data folder as a counter leaves it: three queued sign-ups and two offline copies, in the browser-mode key's database. */
async function populated(keyDir = join('keys', 'file'), protector: KeyProtector = new FileKeyProtector()): Promise<string> {
  const dir = dataDir()
  const vault = Vault.open(join(dir, keyDir), protector)
  const notices = new Notices()
  const store = await LocalStore.open({ dataDir: dir, notices })
  const storage = { store, vault, notices }
  const outbox = await SealedRecords.open({ ...storage, kind: 'outbox', valid: (_x): _x is OutboxEntry => true, durable: true })
  await outbox.records.write([1, 2, 3].map((n) => ({ id: `item-${n}`, value: entry(n) })))
  const cache = await SealedRecords.open({ ...storage, kind: 'member', valid: (_x): _x is unknown => true, durable: true })
  await cache.records.write(['a', 'b'].map((id) => ({ id, value: { fetchedAt: new Date().toISOString(), view: { profile: { id } } } })))
  await store.close()
  return dir
}

async function flipRecord(dir: string, key: string): Promise<void> {
  const store = await LocalStore.open({ dataDir: dir, notices: new Notices() })
  const bytes = (await store.db.get(key))!
  bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x10
  await store.db.put(key, bytes)
  await store.close()
}

const damages = {
  flipped: (b: Buffer) => {
    const c = Buffer.from(b)
    c[Math.floor(c.length / 2)] = (c[Math.floor(c.length / 2)] ?? 0) ^ 0x55
    return c
  },
  torn: (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)),
  'zero length': () => Buffer.alloc(0),
  foreign: () => Buffer.from('PK\u0003\u0004 a zip file, not ours'),
} as const

const asideOf = (dir: string, name: string) => readdirSync(dir).filter((n) => n.startsWith(`${name}.damaged-`))

describe('starting on a damaged data folder', () => {
  it('undamaged: everything there, no notice', async () => {
    const dir = await populated()
    const app = await start(dir)
    expect(await app.notices()).toEqual([])
    expect((await app.outbox()).map((i) => i.id)).toEqual(['item-1', 'item-2', 'item-3'])
    expect(await app.core.storedRecords('member')).toBe(2)
  })

  it('one queued sign-up damaged: the other two stay, the one is kept aside and named', async () => {
    const dir = await populated()
    await flipRecord(dir, 'outbox/item-2')
    const app = await start(dir)
    expect((await app.outbox()).map((i) => i.id)).toEqual(['item-1', 'item-3'])
    const notices = await app.notices()
    expect(notices).toMatchObject([{ kind: 'storage', code: 'outboxRecordsDamaged', params: { count: 1 } }])
    const file = String(notices[0]!.params.file)
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8')).records.map((r: { key: string }) => r.key)).toEqual(['outbox/item-2'])
    expect(await app.core.storedRecords('member')).toBe(2)
  })

  it('one offline copy damaged: the other stays, the one is kept aside and named', async () => {
    const dir = await populated()
    await flipRecord(dir, 'member/b')
    const app = await start(dir)
    expect(await app.notices()).toMatchObject([{ code: 'cacheRecordsDamaged', params: { count: 1 } }])
    expect(await app.core.storedRecords('member')).toBe(1)
    expect((await app.outbox()).map((i) => i.id)).toEqual(['item-1', 'item-2', 'item-3'])
  })

  for (const [how, damage] of Object.entries(damages)) {
    it(`keys/file/vault.key ${how}: kept aside, a new key, what it sealed kept aside too, all said`, async () => {
      const dir = await populated()
      const keyFile = join(dir, 'keys', 'file', 'vault.key')
      const original = readFileSync(keyFile)
      writeFileSync(keyFile, damage(original))
      const app = await start(dir)
      const notices = await app.notices()
      expect(notices.map((n) => n.code).sort()).toEqual(['cacheRecordsDamaged', 'outboxRecordsDamaged', 'vaultKeyDamaged'])
      expect(notices.find((n) => n.code === 'outboxRecordsDamaged')?.params.count).toBe(3)
      expect(await app.outbox()).toEqual([])
      const aside = asideOf(join(dir, 'keys', 'file'), 'vault.key')
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, 'keys', 'file', aside[0]!)).equals(damage(original))).toBe(true)
      // The kept-aside records still open with the old key: nothing is lost for IT.
      const outboxFile = String(notices.find((n) => n.code === 'outboxRecordsDamaged')!.params.file)
      expect(JSON.parse(readFileSync(join(dir, outboxFile), 'utf8')).records).toHaveLength(3)
    })
  }

  for (const how of ['zero length', 'foreign'] as const) {
    it(`store/CURRENT ${how}: the database is kept aside whole, the app starts on a fresh one and says so`, async () => {
      const dir = await populated()
      writeFileSync(join(dir, 'store', 'CURRENT'), how === 'foreign' ? damages.foreign() : damages['zero length']())
      const app = await start(dir)
      const notices = await app.notices()
      expect(notices).toMatchObject([{ code: 'storeDamaged' }])
      expect(String(notices[0]!.params.file)).toMatch(/^store\.damaged-/)
      expect(existsSync(join(dir, String(notices[0]!.params.file), 'CURRENT'))).toBe(true)
      expect(await app.outbox()).toEqual([])
      // The fresh database works: the notice itself is kept in it.
      await app.core.close()
      expect((await start(dir).then((a) => a.notices())).map((n) => n.code)).toEqual(['storeDamaged'])
    })
  }
})

describe('the vault is pinned to its data folder', () => {
  /** A stand-in for the OS keyring: available or not, as the test says. */
  class TestKeyring implements KeyProtector {
    readonly kind = 'test-keyring'
    up = true
    available() {
      return this.up ? ({ ok: true } as const) : ({ ok: false, reason: 'locked' } as const)
    }
    protect(plain: Buffer) {
      return Buffer.from(plain.map((b) => b ^ 0x5a))
    }
    unprotect(sealed: Buffer) {
      return Buffer.from(sealed.map((b) => b ^ 0x5a))
    }
  }

  it('a later start without the keyring says so, keeps the data untouched and does not switch to the key file', async () => {
    const keyring = new TestKeyring()
    const dir = await populated(join('keys', 'test-keyring'), keyring)
    keyring.up = false
    const app = await start(dir, keyring)
    expect(await app.notices()).toMatchObject([{ code: 'vaultKeyringUnavailable', params: { kind: 'test-keyring' } }])
    expect(await app.outbox()).toEqual([])
    expect(existsSync(join(dir, 'keys', 'file'))).toBe(false) // no second key
    await app.core.close()

    keyring.up = true
    const back = await start(dir, keyring)
    expect((await back.outbox()).map((i) => i.id)).toEqual(['item-1', 'item-2', 'item-3'])
    expect(await back.notices()).toEqual([])
  })

  it('where the keyring was never available, the key file is used, with no notice', async () => {
    const keyring = new TestKeyring()
    keyring.up = false
    const dir = dataDir()
    const app = await start(dir, keyring)
    expect(await app.notices()).toEqual([])
    expect(existsSync(join(dir, 'keys', 'file', 'vault.key'))).toBe(true)
  })
})
