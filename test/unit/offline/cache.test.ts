// The offline copy through the core: served with source 'cache' and its original fetchedAt
// when the vendor cannot be reached, not served past the retention (a setting), and gone at
// once after "forget all cached members". The copy is written behind the reply (a short
// cacheFlushDelayMs here), so reads of the file wait for it; clear and prune are on disk at once.

import { relative } from 'node:path'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Core, CoreTuning } from '../../../electron/core/app-core'
import { LocalStore } from '../../../electron/core/storage/local-store'
import { Notices } from '../../../electron/core/notices'
import type { MemberView } from '../../../electron/shared/types'
import { allFiles, coreFor, envFor, EXAMPLE_PHONE, findLeaks, sandbox } from '../api/helpers'
import { plainForms } from './helpers'

const DAY = 86_400_000
const EXAMPLE_NAME = 'Chien YH'

afterEach(() => {
  vi.useRealTimers()
})

/** Short, so the tests can wait for the write-behind copy. */
const CACHE_FAST: CoreTuning = { cacheFlushDelayMs: 20 }

/** A core on a sandbox, one live lookup of the example member done; `cut()` makes the vendor unreachable. */
async function lookedUpOnce(tuning: CoreTuning = CACHE_FAST) {
  const sb = await sandbox()
  const rig = await coreFor(envFor(sb), undefined, { tuning })
  const live = await rig.call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
  if (!live.ok) throw new Error(JSON.stringify(live))
  expect(live.value.source).toBe('live')
  return { ...rig, sb, live: live.value, cut: () => sb.close() }
}

/** Member copies in the local database now, as the running core has written them. */
const cacheEntries = (core: Core) => core.storedRecords('member')

/** Member copies in the database of a closed core. */
async function cacheEntriesAfterClose(dataDir: string): Promise<number> {
  const store = await LocalStore.open({ dataDir, notices: new Notices() })
  try {
    return await store.count('member')
  } finally {
    await store.close()
  }
}

/** Waits until the database holds `n` copies (the write-behind save has run). */
async function entriesOnDisk(core: Core, n: number): Promise<void> {
  await vi.waitFor(async () => expect(await cacheEntries(core)).toBe(n), { timeout: 5000, interval: 10 })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('offline copy', () => {
  it('member:offlineCopy hands out the copy without asking the vendor, and nothing for a member never looked up', async () => {
    const { call, live, sb } = await lookedUpOnce()
    try {
      const before = sb.stats.apiRequests
      const copy = await call<{ copy: MemberView | null }>('member:offlineCopy', { phone: '0903-515-908' })
      expect(copy).toMatchObject({ ok: true, value: { copy: { source: 'cache', fetchedAt: live.fetchedAt } } })
      if (copy.ok) expect(copy.value.copy?.profile).toEqual(live.profile)
      expect(await call('member:offlineCopy', { phone: '0928765432' })).toEqual({ ok: true, value: { copy: null } })
      expect(await call('member:offlineCopy', { phone: '12345' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(sb.stats.apiRequests).toBe(before)
    } finally {
      await sb.close()
    }
  })

  it("vendor unreachable → the cached view, marked source 'cache', with the original fetchedAt (its age)", async () => {
    const { call, live, cut, core } = await lookedUpOnce()
    const states: string[] = []
    core.onEvent((name, p) => name === 'connection:changed' && states.push((p as { state: string }).state))
    await cut()
    await new Promise((r) => setTimeout(r, 30))
    const offline = await call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
    expect(offline).toMatchObject({ ok: true, value: { source: 'cache', fetchedAt: live.fetchedAt } })
    if (!offline.ok) return
    expect(offline.value.profile).toEqual(live.profile)
    const ageMs = Date.now() - Date.parse(offline.value.fetchedAt)
    expect(ageMs).toBeGreaterThanOrEqual(30)
    expect(states).toEqual(['offline'])
    // Any other spelling of the same phone finds the same copy.
    expect(await call('member:lookup', { phone: '+886 903-515-908' })).toMatchObject({ ok: true, value: { source: 'cache' } })
  })

  it('a phone never looked up is not invented: OFFLINE', async () => {
    const { call, cut } = await lookedUpOnce()
    await cut()
    expect(await call('member:lookup', { phone: '0912345678' })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })

  it('past the retention the copy is not served; lowering cacheRetentionDays removes old entries at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }) // only the clock: sockets and timers stay real
    vi.setSystemTime(new Date('2025-12-01T02:00:00Z'))
    const { call, cut, core } = await lookedUpOnce()
    await cut()

    vi.setSystemTime(new Date(Date.now() + 2 * DAY)) // two days later: within the default 30
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'cache' } })
    await entriesOnDisk(core, 1)

    expect(await call('settings:set', { cacheRetentionDays: 1 })).toMatchObject({ ok: true })
    expect(await cacheEntries(core)).toBe(0) // on disk, right away
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })

  it('the default retention is 30 days: a 31-day-old copy is not served', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2025-12-01T02:00:00Z'))
    const { call, cut, core } = await lookedUpOnce()
    await cut()
    await entriesOnDisk(core, 1)
    vi.setSystemTime(new Date(Date.now() + 29 * DAY))
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'cache' } })
    vi.setSystemTime(new Date(Date.now() + 2 * DAY))
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    await entriesOnDisk(core, 0) // the expired copy is removed from the file too
  })

  it('cache:clear erases every copy at once: the file holds none, and an offline lookup fails with OFFLINE', async () => {
    const { call, cut, core } = await lookedUpOnce()
    expect(await call('member:lookup', { phone: '0912345678' })).toMatchObject({ ok: true })
    await entriesOnDisk(core, 2)
    // A fresh copy still waiting for its write when the administrator clears.
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'live' } })
    expect(await call('cache:clear')).toMatchObject({ ok: true, value: { removed: 2 } })
    expect(await cacheEntries(core)).toBe(0)
    await sleep(100) // well past cacheFlushDelayMs: no pending save writes the copies back
    expect(await cacheEntries(core)).toBe(0)
    await cut()
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })

  it('closing the core writes copies still waiting for the write-behind save', async () => {
    const { dataDir, core } = await lookedUpOnce({ cacheFlushDelayMs: 60_000 })
    expect(await cacheEntries(core)).toBe(0) // the reply did not wait for the disk
    await core.close()
    expect(await cacheEntriesAfterClose(dataDir)).toBe(1)
  })

  it('a failed cache write is logged (no personal data), the lookup still answers, and close() writes it later', async () => {
    const { call, dataDir, core, logLines } = await lookedUpOnce()
    await entriesOnDisk(core, 1)
    // The database refuses the next write (a full disk).
    const write = vi.spyOn(ClassicLevel.prototype, 'batch').mockRejectedValueOnce(Object.assign(new Error('No space left on device'), { code: 'ENOSPC' }))
    expect(await call('member:lookup', { phone: '0912345678' })).toMatchObject({ ok: true, value: { source: 'live' } })
    const failed = await vi.waitFor(
      () => {
        const line = logLines().find((l) => l.msg === 'member cache write failed')
        expect(line).toBeDefined()
        return line!
      },
      { timeout: 5000, interval: 10 },
    )
    expect(failed.level).toBe(40) // warn
    expect(typeof failed.err).toBe('string')
    expect(JSON.stringify(failed)).not.toMatch(/0912|345678|Chien/)
    write.mockRestore()
    await core.close()
    expect(await cacheEntriesAfterClose(dataDir)).toBe(2)
  })

  it('the cache file holds no phone or name in plain text', async () => {
    const { call, cut, dataDir, core } = await lookedUpOnce()
    await cut()
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'cache' } })
    await core.close()
    const needles = [...plainForms(EXAMPLE_PHONE), ...plainForms(EXAMPLE_NAME)]
    const files = allFiles(dataDir)
    expect(files.map((f) => relative(dataDir, f.path))).toContain(join('store', 'CURRENT'))
    for (const f of files) expect(findLeaks(f.bytes, needles), relative(dataDir, f.path)).toEqual([])
  })
})
