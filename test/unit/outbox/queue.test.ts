// The outbox's queue (electron/core/outbox.ts) where outbox.test.ts does not go: order across
// restarts, failed writes, staff actions mid-send, its defaults, and the autoRetry timer's pace.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { Outbox, type OutboxOptions, type OutboxTransport } from '../../../electron/core/outbox'
import type { OutboxEntry } from '../../../electron/core/outbox-entry'
import type { SignupForm } from '../../../electron/shared/types'
import { tempStorage, type TestStorage } from '../storage/helpers'

const HOUR = 3_600_000
let storage: TestStorage
let clock: number
const opened: Outbox[] = []

beforeEach(async () => {
  storage = await tempStorage('cc-outbox-queue-')
  clock = Date.parse('2026-03-01T02:00:00Z')
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

/** A vendor that knows `members` and registers everyone else; `hold` keeps its answers (of one kind) until released. */
function vendor(members: string[] = []) {
  const known = new Set(members)
  const calls = { isMember: [] as string[], create: [] as SignupForm[] }
  let held: Array<() => void> | null = null
  let heldKind: 'isMember' | 'create' = 'isMember'
  const wait = (kind: typeof heldKind) => (held && kind === heldKind ? new Promise<void>((r) => held!.push(r)) : Promise.resolve())
  const transport: OutboxTransport = {
    isMember: async (phone) => {
      calls.isMember.push(phone)
      await wait('isMember')
      return known.has(phone)
    },
    create: async (f) => {
      calls.create.push(f)
      await wait('create')
      known.add(f.phone)
      return { memberId: `m-${f.phone}` }
    },
  }
  return {
    calls,
    transport,
    known,
    hold: (kind: typeof heldKind = 'isMember') => {
      heldKind = kind
      held = []
    },
    release: () => {
      const waiting = held ?? []
      held = null
      for (const r of waiting) r()
    },
    waiting: () => held?.length ?? 0,
  }
}

const offline: OutboxTransport = {
  isMember: () => Promise.reject(new AppFailure('OFFLINE', '')),
  create: () => Promise.reject(new AppFailure('OFFLINE', '')),
}

const stored = async (id: string) => {
  const raw = await storage.store.db.get(`outbox/${id}`)
  return raw === undefined ? undefined : storage.vault.openJson<OutboxEntry>(raw, `record|outbox|${id}`)
}

const until = async (what: string, ok: () => boolean) => {
  for (let k = 0; k < 500 && !ok(); k++) await new Promise((r) => setTimeout(r, 2))
  if (!ok()) throw new Error(`timed out waiting for ${what}`)
}

describe('order across restarts', () => {
  it('sign-ups queued within one millisecond come back in the order they were queued, also those queued after a restart', async () => {
    const first = await open(offline)
    const ids: string[] = []
    for (let n = 1; n <= 8; n++) ids.push((await first.enqueue(form(n))).id)
    await first.close()

    const second = await open(offline)
    expect(second.list().map((i) => i.id)).toEqual(ids)
    for (let n = 9; n <= 12; n++) ids.push((await second.enqueue(form(n))).id)
    await second.close()

    expect((await open(offline)).list().map((i) => i.id)).toEqual(ids)
  })

  it('older sign-ups come first whatever their sequence (items from the old file have none)', async () => {
    const o = await open(offline)
    const late = await o.enqueue(form(1))
    clock -= HOUR // a clock set back: createdAt decides, then the sequence
    const early = await o.enqueue(form(2))
    await o.close()
    expect((await open(offline)).list().map((i) => i.id)).toEqual([early.id, late.id])
  })
})

describe('recovery at open', () => {
  it('records an interrupted send once, however often the app restarts after it', async () => {
    const v = vendor()
    v.hold('create')
    const o = await open(v.transport)
    const item = await o.enqueue(form(1))
    void o.drain().catch(() => undefined)
    await until('the create to go out', () => v.calls.create.length === 1)
    await o.close()
    v.release()

    await (await open(offline)).close()
    const reopened = await open(offline)
    const [back] = reopened.list()
    expect(back).toMatchObject({ id: item.id, state: 'pending', sentOnce: true })
    expect(back!.attempts).toStrictEqual([{ at: new Date(clock).toISOString(), outcome: 'retry', reason: { code: 'interrupted' } }])
    expect((await stored(item.id))?.state).toBe('pending') // recovered on disk too, not only in memory
  })

  it('removes a done item past its retention from the database when it opens', async () => {
    const o = await open(vendor().transport, { doneRetentionMs: HOUR })
    const item = await o.enqueue(form(1))
    await o.drain()
    await o.close()
    clock += HOUR + 1
    const reopened = await open(offline, { doneRetentionMs: HOUR })
    expect(reopened.list()).toEqual([])
    await reopened.close()
    expect(await stored(item.id)).toBeUndefined()
  })
})

describe('when a write fails', () => {
  it('enqueue rejects, and the sign-up is not listed as if it were kept', async () => {
    const o = await open(offline)
    const kept = await o.enqueue(form(1))
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    await expect(o.enqueue(form(2))).rejects.toThrow('disk full')
    expect(o.list().map((i) => i.id)).toEqual([kept.id])
    expect(o.summary().pending).toBe(1)
  })

  it('discard rejects, and the item stays where it was in the queue', async () => {
    const o = await open(offline)
    const ids: string[] = []
    for (let n = 1; n <= 3; n++) ids.push((await o.enqueue(form(n))).id)
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    await expect(o.discard(ids[0]!)).rejects.toThrow('disk full')
    expect(o.list().map((i) => i.id)).toEqual(ids)
  })

  it('a drain whose write fails rejects, sends nothing, and leaves the item exactly as it was', async () => {
    const v = vendor()
    const o = await open(v.transport)
    await o.enqueue(form(1))
    await o.enqueue(form(2))
    const before = o.list()
    clock += 1000
    vi.spyOn(storage.store.db, 'batch').mockRejectedValue(new Error('disk full'))
    await expect(o.drain()).rejects.toThrow('disk full')
    expect(v.calls.create).toEqual([]) // never sent unless 'sending' reached the disk
    expect(o.list()).toStrictEqual(before)
  })

  it('a write of expired done items that fails is reported through autoRetry’s onError', async () => {
    const errors: unknown[] = []
    const o = await open(vendor().transport, { doneRetentionMs: HOUR, autoRetry: { onError: (e) => errors.push(e) } })
    await o.enqueue(form(1))
    await o.drain()
    clock += 2 * HOUR
    vi.spyOn(storage.store.db, 'batch').mockRejectedValueOnce(new Error('disk full'))
    expect(o.list()).toEqual([])
    await until('the error to be reported', () => errors.length > 0)
    expect(String(errors[0])).toMatch(/disk full/)
  })
})

describe('staff actions while a send is under way', () => {
  it('cannot discard an item whose member check is in flight (it may be created next)', async () => {
    const v = vendor()
    v.hold()
    const o = await open(v.transport)
    const item = await o.enqueue(form(1))
    const drain = o.drain()
    await until('the member check', () => v.waiting() === 1)
    expect(o.list()[0]!.state).toBe('pending')
    expect(await o.discard(item.id)).toBe(false)
    v.release()
    await drain
    expect(o.list()[0]!.state).toBe('done')
  })

  it('sends nothing more once closed in the middle of a member check, nor checks the next item', async () => {
    const v = vendor()
    v.hold()
    const o = await open(v.transport, { concurrency: 1 })
    await o.enqueue(form(1))
    await o.enqueue(form(2))
    const drain = o.drain()
    await until('the member check', () => v.waiting() === 1)
    await o.close()
    v.release()
    await drain
    expect(v.calls.create).toEqual([])
    expect(v.calls.isMember).toEqual([form(1).phone])
  })
})

describe('resubmit and the earlier send whose outcome was unknown', () => {
  /** An item whose create timed out (maybe sent), then was refused on the retry's check… */
  async function maybeSentThenFailed(o: Outbox, v: ReturnType<typeof vendor>) {
    v.transport.create = async () => {
      throw new AppFailure('TIMEOUT', 'timed out')
    }
    const item = await o.enqueue(form(1))
    await o.drain()
    expect(o.list()[0]).toMatchObject({ state: 'pending', sentOnce: true })
    v.transport.create = async () => {
      throw new AppFailure('VENDOR', 'Email 格式錯誤', { status: 422, fromVendor: true })
    }
    v.transport.isMember = async () => false
    clock += 60_000
    await o.drain()
    expect(o.list()[0]!.state).toBe('failed')
    return item
  }

  it('the same phone, written another way, keeps the earlier send: a member found then is ours', async () => {
    const v = vendor()
    const o = await open(v.transport)
    const item = await maybeSentThenFailed(o, v)
    v.transport.isMember = async () => true // the timed-out create did go through
    await o.resubmit(item.id, { ...form(1), phone: '+886 900-000-001' })
    expect(await o.drain()).toMatchObject({ done: 1, conflict: 0 })
  })

  it('a corrected phone starts clean: a member found for it is someone else’s', async () => {
    const v = vendor()
    const o = await open(v.transport)
    const item = await maybeSentThenFailed(o, v)
    v.transport.isMember = async () => true
    await o.resubmit(item.id, form(2))
    expect(await o.drain()).toMatchObject({ done: 0, conflict: 1 })
  })

  it('refuses to resubmit a sign-up already done, saying which state it is in', async () => {
    const o = await open(vendor().transport)
    const item = await o.enqueue(form(1))
    await o.drain()
    await expect(o.resubmit(item.id, form(1))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('done') })
    await expect(o.resubmit('gone', form(1))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no longer exists/) })
  })
})

describe('defaults', () => {
  it('a concurrency below one still sends, one at a time', async () => {
    const v = vendor()
    const o = await open(v.transport, { concurrency: 0 })
    for (let n = 1; n <= 3; n++) await o.enqueue(form(n))
    expect(await o.drain()).toMatchObject({ done: 3 })
  })

  it('backs off from 1 s, doubling, up to a minute', async () => {
    const o = await open(offline, { random: () => 0.999 })
    await o.enqueue(form(1))
    const delays: number[] = []
    for (let k = 0; k < 8; k++) {
      await o.drain()
      const next = Date.parse(o.list()[0]!.nextAttemptAt!)
      delays.push(next - clock)
      clock = next
    }
    expect(delays).toEqual([999, 1998, 3996, 7992, 15_984, 31_968, 59_940, 59_940])
  })

  it('keeps done items listed for a day', async () => {
    const o = await open(vendor().transport)
    await o.enqueue(form(1))
    await o.drain()
    clock += 24 * HOUR
    expect(o.list().map((i) => i.state)).toEqual(['done'])
    clock += 1
    expect(o.list()).toEqual([])
  })
})

describe('the autoRetry timer', () => {
  it('sends a new sign-up minDelayMs after it was queued, not a backoff later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const v = vendor()
    const o = await open(v.transport, { autoRetry: { minDelayMs: 50 } })
    await o.enqueue(form(1))
    await vi.advanceTimersByTimeAsync(49)
    expect(v.calls.isMember).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    vi.useRealTimers()
    await until('the item to be sent', () => o.summary().done === 1)
  })

  it('waits one second by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const v = vendor()
    const o = await open(v.transport, { autoRetry: {} })
    await o.enqueue(form(1))
    await vi.advanceTimersByTimeAsync(999)
    expect(v.calls.isMember).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    vi.useRealTimers()
    await until('the item to be sent', () => o.summary().done === 1)
  })

  it('retries a waiting item when its backoff has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let up = false
    const calls: string[] = []
    const transport: OutboxTransport = {
      isMember: async (p) => {
        calls.push(p)
        if (!up) throw new AppFailure('OFFLINE', '')
        return false
      },
      create: async (f) => ({ memberId: `m-${f.phone}` }),
    }
    const o = await open(transport, { autoRetry: { minDelayMs: 10 }, baseDelayMs: 10_000, maxDelayMs: 60_000 })
    await o.enqueue(form(1))
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toHaveLength(1)
    up = true
    clock += 4999
    await vi.advanceTimersByTimeAsync(4999) // the backoff: 0.5 × 10 s
    expect(calls).toHaveLength(1)
    clock += 1
    await vi.advanceTimersByTimeAsync(1)
    vi.useRealTimers()
    await until('the item to be sent', () => o.summary().done === 1)
    expect(calls).toHaveLength(2)
  })
})
