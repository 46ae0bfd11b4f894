import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SealedRecords, type RecordKind } from '../../../electron/core/storage/sealed-records'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault } from '../../../electron/core/storage/vault'
import { openTestStorage, type TestStorage } from './helpers'

// Each record is sealed on its own, bound to its kind and key; a record moved, swapped, rolled
// back or damaged does not open, is kept aside (still sealed) and said; the rest stay.

interface Item {
  n: number
  name: string
}
const isItem = (x: unknown): x is Item => typeof (x as Item | null)?.n === 'number'

let dir: string
let storage: TestStorage
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-records-'))
  storage = await openTestStorage(dir)
})
afterEach(async () => {
  await storage.store.close()
  rmSync(dir, { recursive: true, force: true })
})

const open = (kind: RecordKind = 'outbox', over: Partial<TestStorage> = {}) =>
  SealedRecords.open<Item>({ ...storage, ...over, kind, valid: isItem, durable: true })

async function three(kind: RecordKind = 'outbox') {
  const { records } = await open(kind)
  await records.write([1, 2, 3].map((n) => ({ id: `id-${n}`, value: { n, name: `名${n}` } })))
}
const raw = (key: string) => storage.store.db.get(key) as Promise<Buffer>
const ids = async (kind: RecordKind = 'outbox') => (await open(kind)).loaded.map((r) => r.id)
const keptAside = (file: string | number | undefined) =>
  JSON.parse(readFileSync(join(dir, String(file)), 'utf8')) as { reason: string; records: Array<{ key: string; value: string }> }

describe('SealedRecords', () => {
  it('puts, removes and reads back in key order, with no notice', async () => {
    await three()
    const { records } = await open()
    await records.remove('id-2')
    await records.put('id-4', { n: 4, name: 'x' })
    expect((await open()).loaded).toEqual([
      { id: 'id-1', value: { n: 1, name: '名1' } },
      { id: 'id-3', value: { n: 3, name: '名3' } },
      { id: 'id-4', value: { n: 4, name: 'x' } },
    ])
    expect(storage.notices.list()).toEqual([])
  })

  it('a flipped byte costs that record only: kept aside, sealed, and said', async () => {
    await three()
    const bytes = await raw('outbox/id-2')
    bytes[30] = (bytes[30] ?? 0) ^ 0x40
    await storage.store.db.put('outbox/id-2', bytes)
    expect(await ids()).toEqual(['id-1', 'id-3'])
    const [notice] = storage.notices.list()
    expect(notice).toMatchObject({ code: 'outboxRecordsDamaged', params: { count: 1 } })
    expect(keptAside(notice?.params.file)).toMatchObject({ reason: 'unreadable', records: [{ key: 'outbox/id-2', value: bytes.toString('base64') }] })
    // Once kept aside, the next open is clean.
    expect(await ids()).toEqual(['id-1', 'id-3'])
    expect(storage.notices.list()).toHaveLength(1)
  })

  for (const [how, value] of [
    ['torn', (b: Buffer) => b.subarray(0, b.length - 5)],
    ['zero length', () => Buffer.alloc(0)],
    ['foreign', () => Buffer.from('{"n":2,"name":"not sealed"}')],
  ] as const) {
    it(`a ${how} record is kept aside, the others stay`, async () => {
      await three()
      await storage.store.db.put('outbox/id-3', value(await raw('outbox/id-3')))
      expect(await ids()).toEqual(['id-1', 'id-2'])
      expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 1 } }])
    })
  }

  it('a record moved to another key does not open there', async () => {
    await three()
    await storage.store.db.put('outbox/id-9', await raw('outbox/id-1'))
    await storage.store.db.del('outbox/id-1')
    expect(await ids()).toEqual(['id-2', 'id-3'])
    expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 1 } }])
  })

  it('two records swapped do not open', async () => {
    await three()
    const [a, b] = [await raw('outbox/id-1'), await raw('outbox/id-2')]
    await storage.store.db.batch([
      { type: 'put', key: 'outbox/id-1', value: b },
      { type: 'put', key: 'outbox/id-2', value: a },
    ])
    expect(await ids()).toEqual(['id-3'])
    expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 2 } }])
  })

  it('a record moved to another kind does not open there', async () => {
    await three('outbox')
    await storage.store.db.put('member/id-1', await raw('outbox/id-1'))
    expect(await ids('member')).toEqual([])
    expect(storage.notices.list()).toMatchObject([{ code: 'cacheRecordsDamaged', params: { count: 1 } }])
    expect(await ids('outbox')).toEqual(['id-1', 'id-2', 'id-3'])
  })

  it('a record rolled back to an earlier version of itself: the kind cannot be trusted, all kept aside and said', async () => {
    await three()
    const earlier = await raw('outbox/id-2')
    const { records } = await open()
    await records.put('id-2', { n: 2, name: '已送出' })
    await storage.store.db.put('outbox/id-2', earlier) // the old version, which opens on its own
    expect(await ids()).toEqual([])
    const [notice] = storage.notices.list()
    expect(notice).toMatchObject({ code: 'outboxRecordsDamaged', params: { count: 3 } })
    expect(keptAside(notice?.params.file).reason).toBe('unverified')
    expect(keptAside(notice?.params.file).records.map((r) => r.key)).toEqual(['outbox/id-1', 'outbox/id-2', 'outbox/id-3'])
  })

  it('a record removed behind its back is noticed too', async () => {
    await three()
    await storage.store.db.del('outbox/id-1')
    expect(await ids()).toEqual([])
    expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 2 } }])
  })

  it('a key that no longer opens them: every record kept aside and said, the store usable again', async () => {
    await three()
    const otherVault = Vault.open(join(dir, 'other-key'), new FileKeyProtector())
    const { loaded, records } = await open('outbox', { vault: otherVault })
    expect(loaded).toEqual([])
    expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 3 } }])
    await records.put('id-5', { n: 5, name: 'new' })
    expect((await open('outbox', { vault: otherVault })).loaded.map((r) => r.id)).toEqual(['id-5'])
  })

  it('writes are applied in call order, so the digest on disk always matches the records', async () => {
    const { records } = await open()
    await Promise.all(Array.from({ length: 50 }, (_, i) => records.put(`id-${i % 7}`, { n: i, name: 'x' })))
    const { loaded } = await open()
    expect(loaded).toHaveLength(7)
    expect(storage.notices.list()).toEqual([])
    expect(loaded.find((r) => r.id === 'id-0')?.value.n).toBe(49)
  })
})
