// Sending one queued sign-up (electron/core/outbox-drain.ts): which vendor answers end it as
// refused, which leave it for later, and how the workers stop when a write fails.
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { runWorkers, sendEntry, type OutboxTransport, type SendContext } from '../../../electron/core/outbox-drain'
import { addAttempt, reasonOf } from '../../../electron/core/outbox-entry'
import { ENTRY_AT, queuedEntry } from './entry-fixture'

const AT = ENTRY_AT
const entry = queuedEntry

/** The outbox's side of a send, in memory: every change applied, every state it went through kept. */
function context(transport: OutboxTransport, opts: { closeAfterChanges?: number } = {}) {
  const states: string[] = []
  let changes = 0
  const ctx: SendContext = {
    transport,
    change: async (item, mutate) => {
      if (opts.closeAfterChanges !== undefined && changes >= opts.closeAfterChanges) return false
      changes++
      mutate()
      states.push(item.state)
      return true
    },
    addAttempt: (item, outcome, reason) => addAttempt(item, AT, outcome, reason),
    scheduleRetry: (item, e) => {
      item.state = 'pending'
      addAttempt(item, AT, 'retry', reasonOf(e))
      item.nextAttemptAt = '2026-01-01T00:00:01.000Z'
    },
  }
  return { ctx, states }
}

const creating = (fail: unknown) => {
  const calls = { create: 0 }
  const transport: OutboxTransport = {
    isMember: async () => false,
    create: async () => {
      calls.create++
      throw fail
    },
  }
  return { calls, transport }
}

describe('sendEntry: what the vendor’s answer to the create means', () => {
  it.each([400, 404, 409, 422, 499])('a %i is a refusal: failed, with the reason, never resent', async (status) => {
    const item = entry()
    const { ctx } = context(creating(new AppFailure('VENDOR', '資料錯誤', { status, fromVendor: true })).transport)
    await sendEntry(item, ctx)
    expect(item).toMatchObject({ state: 'failed', sentOnce: false, nextAttemptAt: null })
    expect(item.lastError).toStrictEqual({ code: 'VENDOR', vendorMessage: '資料錯誤', status })
    expect(item.attempts).toStrictEqual([{ at: AT, outcome: 'failed', reason: { code: 'VENDOR', vendorMessage: '資料錯誤', status } }])
  })

  it('a 200 that carries only the vendor’s message is a refusal too (errors sent as 200)', async () => {
    const item = entry()
    const { ctx } = context(creating(new AppFailure('VENDOR', '會員已存在', { status: 200, fromVendor: true })).transport)
    await sendEntry(item, ctx)
    expect(item.state).toBe('failed')
    expect(item.lastError).toStrictEqual({ code: 'VENDOR', vendorMessage: '會員已存在', status: 200 })
  })

  it.each([
    ['a 200 the client could not read (not the vendor’s words)', new AppFailure('VENDOR', 'unreadable answer', { status: 200 })],
    ['a 300', new AppFailure('VENDOR', 'Multiple Choices', { status: 300, fromVendor: true })],
    ['a 408', new AppFailure('VENDOR', 'Request Timeout', { status: 408, fromVendor: true })],
    ['a 429', new AppFailure('VENDOR', 'Too Many Requests', { status: 429, fromVendor: true })],
    ['a 500', new AppFailure('VENDOR', 'Internal Server Error', { status: 500, fromVendor: true })],
    ['a timeout', new AppFailure('TIMEOUT', 'timed out')],
    ['a dropped connection', new AppFailure('OFFLINE', 'socket hang up')],
    ['something unexpected', new TypeError('x is undefined')],
  ])('%s: maybe sent, pending again after a backoff', async (_what, failure) => {
    const item = entry()
    const { ctx } = context(creating(failure).transport)
    await sendEntry(item, ctx)
    expect(item).toMatchObject({ state: 'pending', sentOnce: true, lastError: null, nextAttemptAt: '2026-01-01T00:00:01.000Z' })
    expect(item.attempts.map((a) => a.outcome)).toEqual(['retry'])
  })

  it('a phone already a member is someone else’s unless we may have sent it ourselves', async () => {
    const member: OutboxTransport = { isMember: async () => true, create: async () => Promise.reject(new Error('must not create')) }
    const theirs = entry({ nextAttemptAt: AT })
    await sendEntry(theirs, context(member).ctx)
    expect(theirs).toMatchObject({ state: 'conflict', nextAttemptAt: null, memberId: null })
    expect(theirs.attempts).toStrictEqual([{ at: AT, outcome: 'conflict', reason: { code: 'CONFLICT' } }])

    const ours = entry({ sentOnce: true, nextAttemptAt: AT })
    await sendEntry(ours, context(member).ctx)
    expect(ours).toMatchObject({ state: 'done', nextAttemptAt: null, memberId: null })
    expect(ours.attempts).toStrictEqual([{ at: AT, outcome: 'created', reason: { code: 'takenAsOurs' } }])
  })

  it('marks the item sending, on disk, before the create goes out', async () => {
    const item = entry()
    let stateAtCreate = ''
    const { ctx, states } = context({
      isMember: async () => false,
      create: async () => {
        stateAtCreate = states.at(-1) ?? ''
        return { memberId: 'm-1' }
      },
    })
    await sendEntry(item, ctx)
    expect(stateAtCreate).toBe('sending')
    expect(states).toEqual(['sending', 'done'])
    expect(item).toMatchObject({ state: 'done', memberId: 'm-1', lastError: null })
  })

  it('sends nothing when the outbox closed before the item could be marked sending', async () => {
    const item = entry()
    const { calls, transport } = creating(new Error('must not be called'))
    const { ctx } = context(transport, { closeAfterChanges: 0 })
    await sendEntry(item, ctx)
    expect(calls.create).toBe(0)
    expect(item.state).toBe('pending')
  })
})

describe('runWorkers', () => {
  const items = (n: number) => Array.from({ length: n }, (_, k) => entry({ id: `item-${k + 1}` }))

  it('takes every item once, with at most `concurrency` in flight', async () => {
    const queue = items(7)
    let inFlight = 0
    let most = 0
    const sent: string[] = []
    await runWorkers(
      () => queue.shift(),
      3,
      async (item) => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((r) => setTimeout(r, 2))
        sent.push(item.id)
        inFlight--
      },
    )
    expect(sent.sort()).toEqual(items(7).map((i) => i.id).sort())
    expect(most).toBe(3)
  })

  it('stops taking items after a send fails (a write failed), and throws that first error once the others are done', async () => {
    const queue = items(5)
    const started: string[] = []
    const run = runWorkers(
      () => queue.shift(),
      1,
      async (item) => {
        started.push(item.id)
        if (item.id === 'item-2') throw new Error('disk full')
      },
    )
    await expect(run).rejects.toThrow('disk full')
    expect(started).toEqual(['item-1', 'item-2'])
    expect(queue.map((i) => i.id)).toEqual(['item-3', 'item-4', 'item-5']) // left for the next drain
  })
})
