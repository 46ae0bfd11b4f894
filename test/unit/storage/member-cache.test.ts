import { createHmac } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MEMBER_CACHE_FLUSH_DELAY_MS, MEMBER_CACHE_MAX_ENTRIES, MemberCache, type MemberCacheOptions } from '../../../electron/core/member-cache'
import { SealedRecords } from '../../../electron/core/storage/sealed-records'
import type { MemberView } from '../../../electron/shared/types'
import { openTestStorage, type TestStorage } from '../storage/helpers'

const DAY = 86_400_000
let dir: string
let storage: TestStorage
let clock: number
let retention: number

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-cache-'))
  storage = await openTestStorage(dir)
  clock = Date.parse('2025-12-15T06:00:00Z')
  retention = 7
})
afterEach(async () => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  await storage.store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A cache on the test's database; a second one reads back what is in the database now. */
function cache(maxEntries?: number, more: Partial<MemberCacheOptions> = {}): Promise<MemberCache> {
  return MemberCache.open({ storage, retentionDays: () => retention, now: () => new Date(clock), maxEntries, ...more })
}

/** Member records in the database as it is now. */
async function onDisk(): Promise<number> {
  return (await storage.store.db.keys({ gt: 'member/', lt: 'member0' }).all()).length
}

function view(local: string, name = '王小明'): MemberView {
  return {
    profile: {
      id: `m-${local}`,
      name,
      phone: { local, e164: `+886${local.slice(1)}` },
      birthday: '1990-01-02',
      sex: 'male',
      avatarUrl: null,
      cardImageUrl: null,
      memberSince: '2020-01-01T10:00:00+08:00',
      visits: 12,
    },
    vip: { id: 'v1', level: '1', name: '金卡', posCode: null },
    pointCard: null,
    gifts: [],
    coupons: [],
    fetchedAt: '2025-12-15T14:00:00+08:00',
    source: 'live',
  }
}

function dirBytes(): Buffer {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
  return Buffer.concat(files.map((f) => readFileSync(join(f.parentPath, f.name))))
}

describe('MemberCache', () => {
  it('puts and gets, with the age by its clock, handing out copies', async () => {
    const c = await cache()
    expect(c.get('0912345678')).toBeNull()
    c.put('0912345678', view('0912345678'))
    clock += 5000
    const hit = c.get('0912345678')
    expect(hit?.view).toEqual(view('0912345678'))
    expect(hit?.ageMs).toBe(5000)
    expect(hit?.fetchedAt).toBe('2025-12-15T06:00:00.000Z')
    hit!.view.profile.name = 'changed'
    expect(c.get('0912345678')?.view.profile.name).toBe('王小明')
    expect(c.get('0912-345-678')?.view.profile.id).toBe('m-0912345678')
    expect(c.get('0987654321')).toBeNull()
  })

  it('writes behind: not on disk after put, on disk after flush(); flush is idempotent', async () => {
    const c = await cache()
    c.put('0912345678', view('0912345678'))
    expect(await onDisk()).toBe(0)
    expect((await cache()).get('0912345678')).toBeNull()
    const write = vi.spyOn(storage.store.db, 'batch')
    await c.flush()
    expect(write).toHaveBeenCalledTimes(1)
    expect((await cache()).get('0912345678')?.view.profile.id).toBe('m-0912345678')
    await c.flush() // nothing pending: no second write
    expect(write).toHaveBeenCalledTimes(1)
  })

  it('writes by itself once the delay (default 1 s) has passed, several puts in one write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const c = await cache()
    const write = vi.spyOn(storage.store.db, 'batch')
    c.put('0911111111', view('0911111111'))
    vi.advanceTimersByTime(MEMBER_CACHE_FLUSH_DELAY_MS - 100)
    c.put('0922222222', view('0922222222'))
    c.put('0933333333', view('0933333333'))
    c.put('0911111111', view('0911111111'))
    expect(write).not.toHaveBeenCalled()
    expect(await onDisk()).toBe(0)
    vi.advanceTimersByTime(100) // measured from the first change, not pushed back by later ones
    await c.settled()
    expect(write).toHaveBeenCalledTimes(1)
    expect(await onDisk()).toBe(3)
    for (const p of ['0911111111', '0922222222', '0933333333']) expect((await cache()).get(p)?.view.profile.id).toBe(`m-${p}`)
    vi.advanceTimersByTime(10 * MEMBER_CACHE_FLUSH_DELAY_MS) // nothing pending, nothing written
    await c.settled()
    expect(write).toHaveBeenCalledTimes(1)
    c.put('0944444444', view('0944444444')) // the next change arms a new save
    vi.advanceTimersByTime(MEMBER_CACHE_FLUSH_DELAY_MS)
    await c.settled()
    expect(write).toHaveBeenCalledTimes(2)
    expect(await onDisk()).toBe(4)
  })

  it('writes after flushDelayMs with real timers, and the timer does not hold the process', async () => {
    const c = await cache(undefined, { flushDelayMs: 20 })
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    c.put('0912345678', view('0912345678'))
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout
    expect(timer.hasRef()).toBe(false)
    expect(await onDisk()).toBe(0)
    await vi.waitFor(async () => expect(await onDisk()).toBe(1), { timeout: 2000, interval: 10 })
    expect((await cache()).get('0912345678')?.view.profile.id).toBe('m-0912345678')
  })

  it('drops entries older than the retention on read and on prune', async () => {
    const c = await cache()
    c.put('0911111111', view('0911111111'))
    clock += 2 * DAY
    c.put('0922222222', view('0922222222'))
    clock += 6 * DAY // first is 8 days old, second 6
    expect(c.get('0911111111')).toBeNull()
    expect(c.get('0922222222')?.view.profile.id).toBe('m-0922222222')
    await c.flush()
    expect(await onDisk()).toBe(1)
    expect((await cache()).get('0911111111')).toBeNull() // gone from disk too
    expect((await cache()).get('0922222222')?.view.profile.id).toBe('m-0922222222')

    retention = 3 // the setting is read each time
    expect(await c.prune()).toBe(1)
    expect(c.get('0922222222')).toBeNull()
    expect(await c.prune()).toBe(0)
  })

  it('prune is on disk when it returns', async () => {
    const c = await cache()
    c.put('0911111111', view('0911111111'))
    clock += 2 * DAY
    c.put('0922222222', view('0922222222'))
    await c.flush()
    clock += 6 * DAY
    c.put('0933333333', view('0933333333')) // pending; also drops the first from memory
    expect(await onDisk()).toBe(2)
    retention = 3
    await c.prune()
    expect(await onDisk()).toBe(1)
    expect((await cache()).get('0933333333')?.view.profile.id).toBe('m-0933333333')
  })

  it('drops expired entries when loading, and prune writes that at once', async () => {
    const first = await cache()
    first.put('0911111111', view('0911111111'))
    await first.flush()
    clock += 8 * DAY
    const c = await cache()
    expect(await onDisk()).toBe(1)
    expect(await c.prune()).toBe(0) // already dropped by the load
    expect(await onDisk()).toBe(0)
    expect(c.get('0911111111')).toBeNull()
  })

  it('clear removes everything and says how many', async () => {
    const c = await cache()
    c.put('0911111111', view('0911111111'))
    c.put('0922222222', view('0922222222'))
    c.put('0911111111', view('0911111111')) // same member again: still two
    expect(await c.clear()).toBe(2)
    expect(c.get('0911111111')).toBeNull()
    expect(await (await cache()).clear()).toBe(0)
  })

  it('clear after pending puts: the file holds nothing, then and after the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const c = await cache()
    c.put('0911111111', view('0911111111'))
    await c.flush()
    c.put('0922222222', view('0922222222'))
    c.put('0933333333', view('0933333333'))
    expect(await onDisk()).toBe(1)
    expect(await c.clear()).toBe(3)
    expect(await onDisk()).toBe(0)
    const write = vi.spyOn(storage.store.db, 'batch')
    vi.advanceTimersByTime(10 * MEMBER_CACHE_FLUSH_DELAY_MS)
    await c.settled()
    expect(write).not.toHaveBeenCalled() // the pending save was cancelled
    expect(await onDisk()).toBe(0)
    for (const p of ['0911111111', '0922222222', '0933333333']) expect((await cache()).get(p)).toBeNull()
  })

  /** A cache whose first background save (of 0911111111) has failed: the database refused the write once. */
  async function cacheAfterFailedSave() {
    const errors: unknown[] = []
    const c = await cache(undefined, { flushDelayMs: 10, onError: (e) => errors.push(e) })
    const write = vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))
    c.put('0911111111', view('0911111111'))
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 2000, interval: 10 })
    return { c, errors, write }
  }

  it('a failed background save is reported, not thrown; the entry is written once the disk is back', async () => {
    const { c, errors, write } = await cacheAfterFailedSave()
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOSPC')
    expect(c.get('0911111111')?.view.profile.id).toBe('m-0911111111') // still served from memory
    write.mockRejectedValueOnce(new Error('still full'))
    await expect(c.flush()).rejects.toThrow() // still pending: flush tries again (and says it failed)
    expect(await onDisk()).toBe(0)
    await c.flush()
    expect(await onDisk()).toBe(1)
    expect((await cache()).get('0911111111')?.view.profile.id).toBe('m-0911111111')
    expect(errors).toHaveLength(1)
  })

  it('after a failed background save, the next change schedules a retry', async () => {
    const { c, errors } = await cacheAfterFailedSave()
    await new Promise((r) => setTimeout(r, 50))
    expect(await onDisk()).toBe(0) // no retry loop of its own
    c.put('0922222222', view('0922222222'))
    await vi.waitFor(async () => expect(await onDisk()).toBe(2), { timeout: 2000, interval: 10 })
    expect(errors).toHaveLength(1)
  })

  it('keeps at most maxEntries, evicting the least recently fetched', async () => {
    expect(MEMBER_CACHE_MAX_ENTRIES).toBe(5000)
    const c = await cache(3)
    for (const p of ['0900000001', '0900000002', '0900000003']) {
      c.put(p, view(p))
      clock += 1000
    }
    c.put('0900000001', view('0900000001')) // refreshed: now the youngest
    clock += 1000
    c.put('0900000004', view('0900000004'))
    expect(c.get('0900000002')).toBeNull()
    for (const p of ['0900000001', '0900000003', '0900000004']) expect(c.get(p)?.view.profile.id).toBe(`m-${p}`)
    expect((await cache(2)).get('0900000003')).toBeNull() // a smaller cap trims on load, oldest first
  })

  it('writes no phone or name in plaintext, not even in the keys', async () => {
    const c = await cache()
    c.put('0912345678', view('0912345678', '陳美麗'))
    await c.flush()
    await storage.store.close() // LevelDB's files as they are left on disk
    const bytes = dirBytes()
    for (const secret of ['0912345678', '912345678', '+886912345678', '陳美麗', 'profile']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false)
    }
    storage = await openTestStorage(dir, storage.vault)
    const keys = await storage.store.db.keys({ gt: 'member/', lt: 'member0' }).all()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^member\/[0-9a-f]{64}$/)
  })

  it('serves gets from memory after one load of a full cache', async () => {
    // Write a full set of records directly (faster than 5,000 puts), keyed the way the cache keys it.
    const indexKey = storage.vault.deriveKey('member-cache/index')
    const phones = Array.from({ length: MEMBER_CACHE_MAX_ENTRIES }, (_, i) => `09${String(i).padStart(8, '0')}`)
    const at = new Date(clock).toISOString()
    const { records } = await SealedRecords.open({ ...storage, kind: 'member', valid: (_x): _x is unknown => true, durable: false })
    await records.write(phones.map((p) => ({ id: createHmac('sha256', indexKey).update(p).digest('hex'), value: { fetchedAt: at, view: view(p) } })))
    const c = await cache()
    expect(c.get(phones[0]!)?.view.profile.id).toBe(`m-${phones[0]}`) // the one load
    const read = vi.spyOn(storage.store.db, 'get')

    const started = performance.now()
    for (const p of phones) expect(c.get(p)?.view.profile.id).toBe(`m-${p}`)
    const perGetMs = (performance.now() - started) / phones.length
    expect(perGetMs).toBeLessThan(0.5)
    expect(read).not.toHaveBeenCalled() // only memory answered
  })
})
