import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { SealedRecords, type RecordKind } from '../../../electron/core/storage/sealed-records'
import { tempStorage, type TestStorage } from './helpers'

// The edges of the sealed records: every kind says its own damage; what is kept aside can still
// be opened by IT; a record of the wrong shape, a missing digest, a batch that names a record
// twice, a batch the database refused; which batches are fsynced; the bytes the benchmark counts.

interface Item {
  n: number
  name: string
}
const isItem = (x: unknown): x is Item => typeof (x as Item | null)?.n === 'number'
const anything = (_x: unknown): _x is Item => true
const AT = new Date('2026-11-29T10:22:04.123Z')

const open = (storage: TestStorage, kind: RecordKind = 'outbox', durable = true, valid = isItem) =>
  SealedRecords.open<Item>({ ...storage, kind, valid, durable, now: () => AT })
const item = (n: number): Item => ({ n, name: `名${n}` })
const ids = async (storage: TestStorage, kind: RecordKind = 'outbox') => (await open(storage, kind)).loaded.map((r) => r.id)

interface KeptAside {
  kind: string
  reason: string
  keptAsideAt: string
  records: Array<{ key: string; value: string }>
}
const keptAside = (storage: TestStorage, file: unknown) => JSON.parse(readFileSync(join(storage.dir, String(file)), 'utf8')) as KeptAside

async function flip(storage: TestStorage, key: string): Promise<void> {
  const bytes = (await storage.store.db.get(key))!
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01
  await storage.store.db.put(key, bytes)
}

describe('kept aside', () => {
  for (const [kind, code] of [
    ['member', 'cacheRecordsDamaged'],
    ['outbox', 'outboxRecordsDamaged'],
    ['audit', 'auditRecordsDamaged'],
    ['notice', 'noticeRecordsDamaged'],
  ] as const) {
    it(`a damaged ${kind} record: its own notice, and a file named for the kind and the time`, async () => {
      const storage = await tempStorage('cc-records-edges-')
      await (await open(storage, kind)).records.write([1, 2].map((n) => ({ id: `id-${n}`, value: item(n) })))
      await flip(storage, `${kind}/id-1`)
      expect(await ids(storage, kind)).toEqual(['id-2'])
      expect(storage.notices.list()).toEqual([
        expect.objectContaining({ kind: 'storage', code, params: { count: 1, file: `${kind}-records.damaged-2026-11-29T10-22-04-123Z` } }),
      ])
    })
  }

  it('the file holds the records still sealed, with the kind, the reason and the time: with the key, IT can open them', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    await records.write([1, 2, 3].map((n) => ({ id: `id-${n}`, value: item(n) })))
    // A record put back to an earlier version of itself: all three are kept aside, unverified.
    const earlier = (await storage.store.db.get('outbox/id-3'))!
    await records.put('id-3', { n: 3, name: '已送出' })
    await storage.store.db.put('outbox/id-3', earlier)
    expect(await ids(storage)).toEqual([])
    const aside = keptAside(storage, storage.notices.list()[0]?.params.file)
    expect(aside).toMatchObject({ kind: 'outbox', reason: 'unverified', keptAsideAt: '2026-11-29T10:22:04.123Z' })
    const opened = aside.records.map((r) => [r.key, storage.vault.openJson(Buffer.from(r.value, 'base64'), `record|${r.key.replace('/', '|')}`)])
    expect(opened).toEqual([
      ['outbox/id-1', item(1)],
      ['outbox/id-2', item(2)],
      ['outbox/id-3', item(3)],
    ])
  })

  it('after a kind is kept aside whole, the next start is clean and new records keep', async () => {
    const storage = await tempStorage('cc-records-edges-')
    await (await open(storage)).records.write([1, 2].map((n) => ({ id: `id-${n}`, value: item(n) })))
    await storage.store.db.del('outbox/id-1')
    expect(await ids(storage)).toEqual([])
    expect(await storage.store.count('outbox')).toBe(0)
    const { records, loaded } = await open(storage)
    expect(loaded).toEqual([])
    await records.put('id-7', item(7))
    expect(await ids(storage)).toEqual(['id-7'])
    expect(storage.notices.list()).toHaveLength(1)
  })

  it('a record that opens but is not of the expected shape (another version wrote it) is kept aside, the rest stay', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const loose = await open(storage, 'outbox', true, anything)
    await loose.records.write([
      { id: 'a', value: item(1) },
      { id: 'b', value: { name: 'no number' } as unknown as Item },
    ])
    expect(await ids(storage)).toEqual(['a'])
    const [notice] = storage.notices.list()
    expect(notice).toMatchObject({ code: 'outboxRecordsDamaged', params: { count: 1 } })
    expect(keptAside(storage, notice?.params.file)).toMatchObject({ reason: 'unreadable', records: [{ key: 'outbox/b' }] })
  })

  it('records whose digest was removed behind their back cannot be trusted: all kept aside', async () => {
    const storage = await tempStorage('cc-records-edges-')
    await (await open(storage)).records.write([1, 2].map((n) => ({ id: `id-${n}`, value: item(n) })))
    await storage.store.db.del('~digest/outbox')
    expect(await ids(storage)).toEqual([])
    expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 2 } }])
  })

  it('a digest copied over from another kind does not vouch for this one', async () => {
    const storage = await tempStorage('cc-records-edges-')
    await (await open(storage, 'member')).records.write([{ id: 'a', value: item(1) }])
    await (await open(storage, 'audit')).records.write([{ id: 'a', value: item(1) }])
    await storage.store.db.put('~digest/audit', (await storage.store.db.get('~digest/member'))!)
    expect(await ids(storage, 'member')).toEqual(['a'])
    expect(await ids(storage, 'audit')).toEqual([])
    expect(storage.notices.list()).toMatchObject([{ code: 'auditRecordsDamaged', params: { count: 1 } }])
  })

  it('a digest that opens but is not of the digest shape (another version wrote it) counts as no digest', async () => {
    const empty = '0'.repeat(64)
    for (const shape of [{ acc: empty, n: 0 }, { acc: 0, count: 0 }, { acc: empty, count: '0' }]) {
      const storage = await tempStorage('cc-records-edges-')
      await storage.store.db.put('~digest/outbox', storage.vault.sealJson(shape, 'digest|outbox'))
      // No records: nothing to distrust, nothing said.
      expect(await ids(storage), JSON.stringify(shape)).toEqual([])
      expect(storage.notices.list(), JSON.stringify(shape)).toEqual([])
      // Records it cannot vouch for: kept aside.
      const { records } = await open(storage)
      await records.put('a', item(1))
      await storage.store.db.put('~digest/outbox', storage.vault.sealJson(shape, 'digest|outbox'))
      expect(await ids(storage), JSON.stringify(shape)).toEqual([])
      expect(storage.notices.list()).toMatchObject([{ code: 'outboxRecordsDamaged', params: { count: 1 } }])
    }
  })

  it('an empty kind with no digest, or a digest that does not open, is simply empty', async () => {
    const storage = await tempStorage('cc-records-edges-')
    expect(await ids(storage)).toEqual([])
    await storage.store.db.put('~digest/outbox', Buffer.from('not a digest'))
    const { loaded, records } = await open(storage)
    expect(loaded).toEqual([])
    await records.put('x', item(1))
    expect(await ids(storage)).toEqual(['x'])
    expect(storage.notices.list()).toEqual([])
  })
})

describe('writes', () => {
  it('the digest on disk is the documented one: the XOR of HMAC-SHA256(kind NUL id NUL IV) under the key derived for records/digest, and the count', async () => {
    // Pinned, so that a later release can check the digests an earlier one wrote.
    const storage = await tempStorage('cc-records-edges-')
    await (await open(storage, 'audit')).records.write([1, 2, 3].map((n) => ({ id: `id-${n}`, value: item(n) })))
    const key = storage.vault.deriveKey('records/digest')
    const acc = Buffer.alloc(32)
    for (const id of ['id-1', 'id-2', 'id-3']) {
      const sealed = (await storage.store.db.get(`audit/${id}`))!
      const share = createHmac('sha256', key).update(`audit\0${id}\0`).update(sealed.subarray(4, 16)).digest()
      share.forEach((b, i) => (acc[i] = (acc[i] ?? 0) ^ b))
    }
    const digest = (await storage.store.db.get('~digest/audit'))!
    expect(storage.vault.openJson(digest, 'digest|audit')).toEqual({ acc: acc.toString('hex'), count: 3 })
  })

  it('every kind keeps its own records and digest, side by side', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const kinds = ['audit', 'member', 'notice', 'outbox'] as const
    const opened = await Promise.all(kinds.map((k) => open(storage, k)))
    for (let n = 1; n <= 3; n++) {
      for (const [i, o] of opened.entries()) await o.records.put(`${kinds[i]}-${n}`, item(n))
    }
    await opened[1]!.records.remove('member-2')
    for (const kind of kinds) {
      const expected = [1, 2, 3].filter((n) => kind !== 'member' || n !== 2).map((n) => `${kind}-${n}`)
      expect(await ids(storage, kind), kind).toEqual(expected)
      expect(await storage.store.count(kind), kind).toBe(expected.length)
    }
    expect(storage.notices.list()).toEqual([])
  })

  it('a batch that names a record more than once leaves the last change, and a digest that agrees', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    await records.write([1, 2].map((n) => ({ id: `id-${n}`, value: item(n) })))
    await records.write([
      { id: 'id-1', value: item(10) },
      { id: 'id-1', value: item(11) },
      { id: 'id-2', value: item(20) },
      { id: 'id-2', value: null },
      { id: 'id-3', value: null },
      { id: 'id-3', value: item(30) },
    ])
    expect((await open(storage)).loaded).toEqual([
      { id: 'id-1', value: item(11) },
      { id: 'id-3', value: item(30) },
    ])
    expect(storage.notices.list()).toEqual([])
  })

  it('the caller may change its object once write() returns: what was asked is what is stored', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    const value = item(1)
    const done = records.put('a', value)
    value.n = 99
    await done
    expect((await open(storage)).loaded).toEqual([{ id: 'a', value: item(1) }])
  })

  it('a batch the database refused changes nothing: the next ones go through, and the digest still agrees', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    await records.put('a', item(1))
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    const refused = records.write([
      { id: 'a', value: null },
      { id: 'b', value: item(2) },
    ])
    const next = records.put('c', item(3))
    await expect(refused).rejects.toThrow('disk full')
    await next
    await records.settled()
    expect((await open(storage)).loaded.map((r) => r.id)).toEqual(['a', 'c'])
    expect(storage.notices.list()).toEqual([])
  })

  it('settled() waits for every write asked for so far, refused ones included', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    const outcomes: string[] = []
    records.put('a', item(1)).catch(() => outcomes.push('a refused'))
    void records.put('b', item(2)).then(() => outcomes.push('b stored'))
    await records.settled()
    expect(outcomes).toEqual(['a refused', 'b stored'])
  })

  it('the database counts a write that was asked for and not yet awaited', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    void records.write([1, 2, 3].map((n) => ({ id: `id-${n}`, value: item(n) })))
    expect(await storage.store.count('outbox')).toBe(3)
  })

  it('the outbox fsyncs every batch, the cache leaves it to the OS, keeping aside always fsyncs', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const batch = vi.spyOn(storage.store.db, 'batch')
    const calls = () => batch.mock.calls as unknown as Array<[unknown, { sync?: boolean }?]>
    const syncOf = () => calls().at(-1)?.[1]?.sync
    await (await open(storage, 'outbox', true)).records.put('a', item(1))
    expect(syncOf()).toBe(true)
    const cache = await open(storage, 'member', false)
    await cache.records.put('a', item(1))
    expect(syncOf()).toBe(false)
    await flip(storage, 'member/a')
    await open(storage, 'member', false)
    expect(storage.notices.list()).toHaveLength(1)
    expect(syncOf()).toBe(true)
  })

  it('bytesWritten counts every key and value handed to the database (the benchmark reads it)', async () => {
    const storage = await tempStorage('cc-records-edges-')
    const { records } = await open(storage)
    const batch = vi.spyOn(storage.store.db, 'batch')
    await records.write([1, 2].map((n) => ({ id: `id-${n}`, value: item(n) })))
    await records.write([{ id: 'id-1', value: null }])
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    await expect(records.put('id-3', item(3))).rejects.toThrow()
    type Op = { key: string; value?: Buffer }
    const handed = (batch.mock.calls as unknown as Array<[Op[]]>)
      .slice(0, 2)
      .flatMap((call) => call[0])
      .reduce((sum, op) => sum + op.key.length + (op.value?.length ?? 0), 0)
    expect(handed).toBeGreaterThan(0)
    expect(records.bytesWritten).toBe(handed)
  })
})
