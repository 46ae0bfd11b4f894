import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildPosApi } from '@shared/bridge'
import type { Channel, Result } from '@shared/contract'
import type { MemberView } from '@shared/types'
import { freshPinia } from './helpers'

// A slow live lookup shows this counter's offline copy meanwhile; the live answer replaces it.
// The bridge is a fake whose answers the test releases, on fake time.

interface Pending {
  channel: Channel
  arg: unknown
  answer(r: Result<unknown>): void
}
let pending: Pending[] = []
window.pos = buildPosApi(
  (channel, arg) => new Promise((resolve) => pending.push({ channel, arg, answer: resolve })),
  () => () => {},
)

let useLookupStore: typeof import('../../../src/stores/lookup').useLookupStore
let OFFLINE_COPY_AFTER_MS: number
beforeAll(async () => {
  ;({ useLookupStore, OFFLINE_COPY_AFTER_MS } = await import('../../../src/stores/lookup'))
})
beforeEach(() => {
  vi.useFakeTimers()
  freshPinia()
  pending = []
})
afterEach(() => vi.useRealTimers())

function view(name: string, source: 'live' | 'cache'): MemberView {
  return {
    profile: {
      id: 'm1',
      name,
      phone: { local: '0912345678', e164: '+886912345678' },
      birthday: null,
      sex: 'unknown',
      avatarUrl: null,
      cardImageUrl: null,
      memberSince: null,
      visits: 1,
    },
    vip: null,
    pointCard: null,
    gifts: [],
    coupons: [],
    fetchedAt: '2026-11-23T10:00:00+08:00',
    source,
  }
}

/** Answers the oldest pending call on `channel`. */
function answer(channel: Channel, r: Result<unknown>): void {
  const i = pending.findIndex((p) => p.channel === channel)
  if (i < 0) throw new Error(`no pending ${channel}; pending: ${pending.map((p) => p.channel).join(', ')}`)
  pending.splice(i, 1)[0]!.answer(r)
}

describe('a slow lookup shows the offline copy meanwhile', () => {
  it('after OFFLINE_COPY_AFTER_MS the copy is on the card, still busy; the live answer replaces it', async () => {
    const lookup = useLookupStore()
    const done = lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS - 1)
    expect(pending.map((p) => p.channel)).toEqual(['member:lookup'])
    await vi.advanceTimersByTimeAsync(1)
    expect(pending.map((p) => p.channel)).toEqual(['member:lookup', 'member:offlineCopy'])
    expect(pending[1]!.arg).toEqual({ phone: '0912345678' })
    answer('member:offlineCopy', { ok: true, value: { copy: view('王小明', 'cache') } })
    await vi.advanceTimersByTimeAsync(0)
    expect(lookup.member?.source).toBe('cache')
    expect(lookup.waitingForLive).toBe(true)
    expect(lookup.status).toBe('busy') // no second lookup meanwhile
    answer('member:lookup', { ok: true, value: view('王小明', 'live') })
    await done
    expect(lookup.member?.source).toBe('live')
    expect(lookup.waitingForLive).toBe(false)
    expect(lookup.status).toBe('found')
  })

  it('a fast answer never asks for the copy', async () => {
    const lookup = useLookupStore()
    const done = lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(200)
    answer('member:lookup', { ok: true, value: view('王小明', 'live') })
    await done
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS * 2)
    // (The carrier is asked for after a live card; the copy never is.)
    expect(pending.filter((p) => p.channel !== 'member:carrier')).toEqual([])
    expect(lookup.waitingForLive).toBe(false)
  })

  it('no copy on this counter: the busy state simply goes on', async () => {
    const lookup = useLookupStore()
    void lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS)
    answer('member:offlineCopy', { ok: true, value: { copy: null } })
    await vi.advanceTimersByTimeAsync(0)
    expect(lookup.member).toBeNull()
    expect(lookup.waitingForLive).toBe(false)
    expect(lookup.status).toBe('busy')
  })

  it('a copy that arrives after the live answer, or after Esc, is not shown', async () => {
    const lookup = useLookupStore()
    const done = lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS)
    answer('member:lookup', { ok: true, value: view('王小明', 'live') })
    await done
    answer('member:offlineCopy', { ok: true, value: { copy: view('王小明', 'cache') } })
    await vi.advanceTimersByTimeAsync(0)
    expect(lookup.member?.source).toBe('live')
    expect(lookup.waitingForLive).toBe(false)

    void lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS)
    lookup.clear()
    answer('member:offlineCopy', { ok: true, value: { copy: view('王小明', 'cache') } })
    await vi.advanceTimersByTimeAsync(0)
    expect(lookup.member).toBeNull()
    expect(lookup.status).toBe('idle')
  })

  it('a live error after the copy was shown: the error, not a copy posing as the answer', async () => {
    const lookup = useLookupStore()
    const done = lookup.lookup('0912345678')
    await vi.advanceTimersByTimeAsync(OFFLINE_COPY_AFTER_MS)
    answer('member:offlineCopy', { ok: true, value: { copy: view('王小明', 'cache') } })
    await vi.advanceTimersByTimeAsync(0)
    answer('member:lookup', { ok: false, error: { code: 'UNAUTHORIZED', message: '會員系統拒絕了這組帳密。' } })
    await done
    expect(lookup.status).toBe('error')
    expect(lookup.waitingForLive).toBe(false)
  })
})
