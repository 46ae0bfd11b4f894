import { createHmac } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MEMBER_CACHE_FILE, MEMBER_CACHE_FLUSH_DELAY_MS, MEMBER_CACHE_MAX_ENTRIES, MemberCache, type MemberCacheOptions } from '../../../electron/core/member-cache'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault } from '../../../electron/core/storage/vault'
import type { MemberView } from '../../../electron/shared/types'

const DAY = 86_400_000
let dir: string
let vault: Vault
let clock: number
let retention: number

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-cache-'))
  vault = Vault.open(dir, new FileKeyProtector())
  clock = Date.parse('2025-12-15T06:00:00Z')
  retention = 7
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

function cache(maxEntries?: number, more: Partial<MemberCacheOptions> = {}): MemberCache {
  return new MemberCache({ dir, vault, retentionDays: () => retention, now: () => new Date(clock), maxEntries, ...more })
}

/** Entry count in the file as it is on disk now (null: no file). */
function onDisk(where = dir): number | null {
  const file = join(where, MEMBER_CACHE_FILE)
  if (!existsSync(file)) return null
  return vault.readJson<{ entries: unknown[] }>(file)?.entries.length ?? null
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
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))))
}

describe('MemberCache', () => {
  it('puts and gets, with the age by its clock, handing out copies', () => {
    const c = cache()
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

  it('writes behind: not on disk after put, on disk after flush(); flush is idempotent', () => {
    const c = cache()
    c.put('0912345678', view('0912345678'))
    expect(onDisk()).toBeNull()
    expect(cache().get('0912345678')).toBeNull()
    const seal = vi.spyOn(vault, 'seal')
    c.flush()
    expect(seal).toHaveBeenCalledTimes(1)
    expect(cache().get('0912345678')?.view.profile.id).toBe('m-0912345678')
    c.flush() // nothing pending: no second write
    expect(seal).toHaveBeenCalledTimes(1)
  })

  it('writes by itself once the delay (default 1 s) has passed, several puts in one write', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const seal = vi.spyOn(vault, 'seal')
    const c = cache()
    c.put('0911111111', view('0911111111'))
    vi.advanceTimersByTime(MEMBER_CACHE_FLUSH_DELAY_MS - 100)
    c.put('0922222222', view('0922222222'))
    c.put('0933333333', view('0933333333'))
    c.put('0911111111', view('0911111111'))
    expect(seal).not.toHaveBeenCalled()
    expect(onDisk()).toBeNull()
    vi.advanceTimersByTime(100) // measured from the first change, not pushed back by later ones
    expect(seal).toHaveBeenCalledTimes(1)
    expect(onDisk()).toBe(3)
    for (const p of ['0911111111', '0922222222', '0933333333']) expect(cache().get(p)).not.toBeNull()
    vi.advanceTimersByTime(10 * MEMBER_CACHE_FLUSH_DELAY_MS) // nothing pending, nothing written
    expect(seal).toHaveBeenCalledTimes(1)
    c.put('0944444444', view('0944444444')) // the next change arms a new save
    vi.advanceTimersByTime(MEMBER_CACHE_FLUSH_DELAY_MS)
    expect(seal).toHaveBeenCalledTimes(2)
    expect(onDisk()).toBe(4)
  })

  it('writes after flushDelayMs with real timers, and the timer does not hold the process', async () => {
    const c = cache(undefined, { flushDelayMs: 20 })
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    c.put('0912345678', view('0912345678'))
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout
    expect(timer.hasRef()).toBe(false)
    expect(onDisk()).toBeNull()
    await vi.waitFor(() => expect(onDisk()).toBe(1), { timeout: 2000, interval: 10 })
    expect(cache().get('0912345678')?.view.profile.id).toBe('m-0912345678')
  })

  it('drops entries older than the retention on read and on prune', () => {
    const c = cache()
    c.put('0911111111', view('0911111111'))
    clock += 2 * DAY
    c.put('0922222222', view('0922222222'))
    clock += 6 * DAY // first is 8 days old, second 6
    expect(c.get('0911111111')).toBeNull()
    expect(c.get('0922222222')).not.toBeNull()
    c.flush()
    expect(onDisk()).toBe(1)
    expect(cache().get('0911111111')).toBeNull() // gone from disk too
    expect(cache().get('0922222222')).not.toBeNull()

    retention = 3 // the setting is read each time
    expect(c.prune()).toBe(1)
    expect(c.get('0922222222')).toBeNull()
    expect(c.prune()).toBe(0)
  })

  it('prune is on disk when it returns', () => {
    const c = cache()
    c.put('0911111111', view('0911111111'))
    clock += 2 * DAY
    c.put('0922222222', view('0922222222'))
    c.flush()
    clock += 6 * DAY
    c.put('0933333333', view('0933333333')) // pending; also drops the first from memory
    expect(onDisk()).toBe(2)
    retention = 3
    c.prune()
    expect(onDisk()).toBe(1)
    expect(cache().get('0933333333')).not.toBeNull()
  })

  it('drops expired entries when loading, and prune writes that at once', () => {
    const first = cache()
    first.put('0911111111', view('0911111111'))
    first.flush()
    clock += 8 * DAY
    const c = cache()
    expect(onDisk()).toBe(1)
    expect(c.prune()).toBe(0) // already dropped by the load
    expect(onDisk()).toBe(0)
    expect(c.get('0911111111')).toBeNull()
  })

  it('clear removes everything and says how many', () => {
    const c = cache()
    c.put('0911111111', view('0911111111'))
    c.put('0922222222', view('0922222222'))
    c.put('0911111111', view('0911111111')) // same member again: still two
    expect(c.clear()).toBe(2)
    expect(c.get('0911111111')).toBeNull()
    expect(cache().clear()).toBe(0)
  })

  it('clear after pending puts: the file holds nothing, then and after the delay', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const c = cache()
    c.put('0911111111', view('0911111111'))
    c.flush()
    c.put('0922222222', view('0922222222'))
    c.put('0933333333', view('0933333333'))
    expect(onDisk()).toBe(1)
    expect(c.clear()).toBe(3)
    expect(onDisk()).toBe(0)
    const seal = vi.spyOn(vault, 'seal')
    vi.advanceTimersByTime(10 * MEMBER_CACHE_FLUSH_DELAY_MS)
    expect(seal).not.toHaveBeenCalled() // the pending save was cancelled
    expect(onDisk()).toBe(0)
    for (const p of ['0911111111', '0922222222', '0933333333']) expect(cache().get(p)).toBeNull()
  })

  /**
   * A cache whose first background save (of 0911111111) has failed: its directory was taken
   * away (works as root too, unlike a read-only directory). The directory is still gone.
   */
  async function cacheAfterFailedSave() {
    const sub = join(dir, 'sub')
    mkdirSync(sub)
    const errors: unknown[] = []
    const c = cache(undefined, { dir: sub, flushDelayMs: 10, onError: (e) => errors.push(e) })
    c.put('0911111111', view('0911111111'))
    rmSync(sub, { recursive: true })
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 2000, interval: 10 })
    return { c, sub, errors }
  }

  it('a failed background save is reported, not thrown; the entry is written once the disk is back', async () => {
    const { c, sub, errors } = await cacheAfterFailedSave()
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT')
    expect(c.get('0911111111')).not.toBeNull() // still served from memory
    expect(() => c.flush()).toThrow() // still dirty: flush tries again (and says it failed)
    mkdirSync(sub)
    expect(onDisk(sub)).toBeNull()
    c.flush()
    expect(onDisk(sub)).toBe(1)
    expect(cache(undefined, { dir: sub }).get('0911111111')).not.toBeNull()
    expect(errors).toHaveLength(1)
  })

  it('after a failed background save, the next change schedules a retry', async () => {
    const { c, sub, errors } = await cacheAfterFailedSave()
    mkdirSync(sub)
    await new Promise((r) => setTimeout(r, 50))
    expect(onDisk(sub)).toBeNull() // no retry loop of its own
    c.put('0922222222', view('0922222222'))
    await vi.waitFor(() => expect(onDisk(sub)).toBe(2), { timeout: 2000, interval: 10 })
    expect(errors).toHaveLength(1)
  })

  it('keeps at most maxEntries, evicting the least recently fetched', () => {
    expect(MEMBER_CACHE_MAX_ENTRIES).toBe(5000)
    const c = cache(3)
    for (const p of ['0900000001', '0900000002', '0900000003']) {
      c.put(p, view(p))
      clock += 1000
    }
    c.put('0900000001', view('0900000001')) // refreshed: now the youngest
    clock += 1000
    c.put('0900000004', view('0900000004'))
    expect(c.get('0900000002')).toBeNull()
    for (const p of ['0900000001', '0900000003', '0900000004']) expect(c.get(p)).not.toBeNull()
    expect(cache(2).get('0900000003')).toBeNull() // a smaller cap trims on load, oldest first
  })

  it('writes no phone or name in plaintext, not even in the index', () => {
    const c = cache()
    c.put('0912345678', view('0912345678', '陳美麗'))
    c.flush()
    const bytes = dirBytes()
    for (const secret of ['0912345678', '912345678', '+886912345678', '陳美麗', 'profile']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false)
    }
    const index = vault.readJson<{ entries: [string, string, unknown][] }>(join(dir, MEMBER_CACHE_FILE))
    expect(index?.entries[0]?.[0]).toMatch(/^[0-9a-f]{64}$/)
  })

  it('starts empty over an unreadable file and replaces it', () => {
    writeFileSync(join(dir, MEMBER_CACHE_FILE), 'not sealed')
    const c = cache()
    expect(c.get('0912345678')).toBeNull()
    c.put('0912345678', view('0912345678'))
    c.flush()
    expect(cache().get('0912345678')).not.toBeNull()
  })

  it('serves gets from memory after one load of a full cache', () => {
    // Write a full file directly (5,000 fsynced puts would be slow), keyed the way the cache keys it.
    const indexKey = vault.deriveKey('member-cache/index')
    const phones = Array.from({ length: MEMBER_CACHE_MAX_ENTRIES }, (_, i) => `09${String(i).padStart(8, '0')}`)
    const at = new Date(clock).toISOString()
    vault.writeJson(join(dir, MEMBER_CACHE_FILE), {
      v: 1,
      entries: phones.map((p) => [createHmac('sha256', indexKey).update(p).digest('hex'), at, view(p)]),
    })
    const c = cache()
    expect(c.get(phones[0]!)?.view.profile.id).toBe(`m-${phones[0]}`) // the one load
    rmSync(join(dir, MEMBER_CACHE_FILE)) // from here on, only memory can answer

    const started = performance.now()
    for (const p of phones) expect(c.get(p)?.view.profile.id).toBe(`m-${p}`)
    const perGetMs = (performance.now() - started) / phones.length
    expect(perGetMs).toBeLessThan(0.5)
  })
})
