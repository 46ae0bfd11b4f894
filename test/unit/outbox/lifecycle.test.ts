// The outbox after close, after a failed write, and its background work (electron/core/outbox.ts):
// what it must not write, not lose, and not report twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { Outbox, type OutboxOptions, type OutboxTransport } from '../../../electron/core/outbox'
import type { SignupForm } from '../../../electron/shared/types'
import { tempStorage, type TestStorage } from '../storage/helpers'

const HOUR = 3_600_000
let storage: TestStorage
let clock: number
const opened: Outbox[] = []

beforeEach(async () => {
  storage = await tempStorage('cc-outbox-life-')
  clock = Date.parse('2026-03-02T02:00:00Z')
})
afterEach(async () => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  for (const o of opened.splice(0)) await o.close()
})

async function open(transport: OutboxTransport, opts: Partial<OutboxOptions> = {}): Promise<Outbox> {
  const o = await Outbox.open({ storage, transport, now: () => new Date(clock), random: () => 0.5, ...opts })
  opened.push(o)
  return o
}

const form = (n: number): SignupForm => ({ phone: `09${String(n).padStart(8, '0')}`, name: `會員${n}` })

/** Registers everyone; while `held`, member checks wait for release(). */
function vendor() {
  const calls = { isMember: 0, create: 0 }
  let waiting: Array<() => void> | null = null
  const transport: OutboxTransport = {
    isMember: async () => {
      calls.isMember++
      if (waiting) await new Promise<void>((r) => waiting!.push(r))
      return false
    },
    create: async (f) => {
      calls.create++
      return { memberId: `m-${f.phone}` }
    },
  }
  return {
    calls,
    transport,
    hold: () => (waiting = []),
    release: () => {
      const w = waiting ?? []
      waiting = null
      for (const r of w) r()
    },
    held: () => waiting?.length ?? 0,
  }
}

const offline: OutboxTransport = {
  isMember: () => Promise.reject(new AppFailure('OFFLINE', '')),
  create: () => Promise.reject(new AppFailure('OFFLINE', '')),
}

const until = async (what: string, ok: () => boolean) => {
  for (let k = 0; k < 500 && !ok(); k++) await new Promise((r) => setTimeout(r, 2))
  if (!ok()) throw new Error(`timed out waiting for ${what}`)
}

/** Rejections nobody handled while `fn` ran (and a few turns after). */
async function unhandledDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = []
  const listener = (reason: unknown) => seen.push(reason)
  process.on('unhandledRejection', listener)
  try {
    await fn()
    for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 5))
  } finally {
    process.off('unhandledRejection', listener)
  }
  return seen
}

describe('after close', () => {
  it('writes nothing, neither when listing nor when a drain in flight ends, even with done items past their retention', async () => {
    const v = vendor()
    const o = await open(v.transport)
    await o.enqueue(form(1))
    await o.drain()
    clock += 25 * HOUR // the done item is past its day, and nobody has listed since
    await o.enqueue(form(2))
    v.hold()
    const drain = o.drain()
    await until('the member check', () => v.held() === 1)
    await o.close()
    const writes = vi.spyOn(storage.store.db, 'batch')
    v.release()
    await drain
    expect(o.list().map((i) => i.state)).toEqual(['done', 'pending']) // what it had when it closed
    expect(writes).not.toHaveBeenCalled() // another instance may own the records by now
  })
})

describe('a send whose outcome could not be recorded', () => {
  it('stays sending, and cannot be discarded: it may have been created', async () => {
    const v = vendor()
    const o = await open(v.transport)
    const item = await o.enqueue(form(1))
    const batch = storage.store.db.batch.bind(storage.store.db)
    let writes = 0
    vi.spyOn(storage.store.db, 'batch').mockImplementation(((...args: Parameters<typeof batch>) =>
      writes++ === 0 ? batch(...args) : Promise.reject(new Error('disk full'))) as typeof batch)
    await expect(o.drain()).rejects.toThrow('disk full')
    expect(v.calls.create).toBe(1)
    vi.restoreAllMocks()
    expect(o.list()[0]!.state).toBe('sending')
    expect(await o.discard(item.id)).toBe(false)
    expect(o.list().map((i) => i.id)).toEqual([item.id])
  })
})

describe('retention', () => {
  it('keeps sign-ups that wait, failed or conflict for longer than a day: only sent ones expire', async () => {
    const o = await open(offline)
    await o.enqueue(form(1))
    clock += 3 * 24 * HOUR
    expect(o.list().map((i) => i.state)).toEqual(['pending'])
    await o.drain()
    clock += 3 * 24 * HOUR
    expect(o.list().map((i) => i.state)).toEqual(['pending'])
  })
})

describe('a failed write of expired items, in the background', () => {
  const expireWithFailingWrite = async (opts: Partial<OutboxOptions>) => {
    const o = await open(vendor().transport, opts)
    await o.enqueue(form(1))
    await o.drain()
    clock += 25 * HOUR
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    expect(o.list()).toEqual([])
  }

  it('is no unhandled rejection without autoRetry', async () => {
    expect(await unhandledDuring(() => expireWithFailingWrite({}))).toEqual([])
  })

  it('is no unhandled rejection with an autoRetry that has no onError', async () => {
    expect(await unhandledDuring(() => expireWithFailingWrite({ autoRetry: { minDelayMs: 60_000 } }))).toEqual([])
  })
})

describe('the autoRetry timer', () => {
  it('sends a new sign-up although a sent one is still listed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const v = vendor()
    const o = await open(v.transport, { autoRetry: { minDelayMs: 10 } })
    await o.enqueue(form(1))
    await o.drain()
    await o.enqueue(form(2))
    await vi.advanceTimersByTimeAsync(10)
    vi.useRealTimers()
    await until('the second sign-up to be sent', () => o.summary().done === 2)
    expect(v.calls.isMember).toBe(2)
  })

  it('leaves a drain its caller started to that caller: its failure is not also reported to onError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const errors: unknown[] = []
    const v = vendor()
    const o = await open(v.transport, { autoRetry: { minDelayMs: 10, onError: (e) => errors.push(e) } })
    await o.enqueue(form(1)) // the timer is armed for it…
    v.hold()
    const drain = o.drain() // …but staff press "send now" first
    await vi.advanceTimersByTimeAsync(0)
    expect(v.held()).toBe(1)
    await vi.advanceTimersByTimeAsync(10) // the timer fires mid-drain
    vi.spyOn(storage.store.db, 'batch').mockRejectedValue(new Error('disk full'))
    v.release()
    await expect(drain).rejects.toThrow('disk full')
    expect(errors).toEqual([])
  })
})

describe('a background drain that cannot write', () => {
  it('is reported once through onError, and not tried again before maxDelayMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const errors: unknown[] = []
    const v = vendor()
    const o = await open(v.transport, { autoRetry: { minDelayMs: 10, onError: (e) => errors.push(e) }, maxDelayMs: 5000 })
    await o.enqueue(form(1))
    vi.spyOn(storage.store.db, 'batch').mockRejectedValue(new Error('disk full'))
    await vi.advanceTimersByTimeAsync(10)
    expect(errors.map(String)).toEqual(['Error: disk full'])
    await vi.advanceTimersByTimeAsync(4000)
    expect(errors).toHaveLength(1)
    expect(v.calls.isMember).toBe(1)
    await vi.advanceTimersByTimeAsync(1000) // maxDelayMs after the failure: tried again
    expect(v.calls.isMember).toBe(2)
    expect(errors).toHaveLength(2)
  })
})

describe('a session-only outbox', () => {
  it('refuses with no words of its own, so the staff read the localised message', async () => {
    const o = await open(offline, { sessionOnly: true })
    await expect(o.enqueue(form(1))).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: '' })
  })
})
