// The outbox as the core uses it: a sign-up is on disk before "queued" is answered, done
// items go after a day, and pending items are retried on the outbox's own timer.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { ClassicLevel } from 'classic-level'
import { Outbox, type OutboxOptions, type OutboxTransport } from '../../../electron/core/outbox'
import type { OutboxItem } from '../../../electron/shared/contract'
import { tempStorage, type TestStorage } from '../storage/helpers'
import { coreFor, deadPort, envFor, sandbox, tempDir } from '../api/helpers'
import { FAST, testSignup, waitFor } from './helpers'

const HOUR = 3_600_000
const noTransport: OutboxTransport = {
  isMember: () => Promise.reject(new AppFailure('OFFLINE', '')),
  create: () => Promise.reject(new AppFailure('OFFLINE', '')),
}

describe('sign-up while offline (through the core)', () => {
  it("answers {status: 'queued'} only once the item is on disk, and a new core on the same directory finds it", async () => {
    const sb = await sandbox()
    const port = await deadPort()
    const dataDir = tempDir('cc-queued-')
    const env = envFor(sb, { POS_API_BASE_URL: `http://127.0.0.1:${port}`, POS_AUTH_URL: `http://127.0.0.1:${port}/oauth/v1/token` })
    const first = await coreFor(env, dataDir, { tuning: FAST })
    const form = testSignup(7)

    // Which fsynced database writes had completed the moment the outbox reports the change:
    // that is before member:signup returns to the staff.
    const batch = ClassicLevel.prototype.batch as unknown as (this: unknown, ops: Array<{ key: string }>, opts?: { sync?: boolean }) => Promise<void>
    const synced: string[] = []
    vi.spyOn(ClassicLevel.prototype, 'batch').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const [ops, opts] = args as [Array<{ key: string }>, { sync?: boolean } | undefined]
      return batch.call(this, ops, opts).then(() => {
        if (opts?.sync) synced.push(...ops.map((o) => o.key))
      })
    } as never)
    const seenOnDisk: string[][] = []
    first.core.onEvent((name) => {
      if (name === 'outbox:changed') seenOnDisk.push(synced.filter((k) => k.startsWith('outbox/')))
    })
    const r = await first.call<{ status: string; outboxId: string }>('member:signup', form)
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } })
    expect(seenOnDisk[0]).toEqual([`outbox/${r.ok && r.value.outboxId}`])
    vi.restoreAllMocks()

    await first.core.close()
    const second = await coreFor(env, dataDir, { tuning: FAST })
    const list = await second.call<OutboxItem[]>('outbox:list')
    expect(list.ok && list.value.map((i) => [i.id, i.state, i.form.phone])).toEqual([[r.ok && r.value.outboxId, 'pending', form.phone]])
  })
})

describe('Outbox timers and retention', () => {
  let storage: TestStorage
  const opened: Outbox[] = []
  beforeEach(async () => {
    storage = await tempStorage('cc-outbox-offline-')
  })
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close()
    vi.useRealTimers()
    vi.restoreAllMocks()
  })
  const open = async (transport: OutboxTransport, opts: Partial<OutboxOptions> = {}) => {
    const o = await Outbox.open({ storage, transport, random: () => 0.5, ...opts })
    opened.push(o)
    return o
  }
  /** A vendor that cannot be reached for the first `failures` checks, then signs everyone up. */
  const flaky = (failures: number) => {
    const calls = { isMember: 0, create: 0 }
    const transport: OutboxTransport = {
      isMember: async () => {
        calls.isMember++
        if (calls.isMember <= failures) throw new AppFailure('OFFLINE', '')
        return false
      },
      create: async (form) => {
        calls.create++
        return { memberId: `m-${form.phone}` }
      },
    }
    return { calls, transport }
  }

  it('done items are removed after a day (fake clock): still listed at 23 h, gone at 25 h, on disk too', async () => {
    let clock = Date.parse('2025-12-15T06:00:00Z')
    const { transport } = flaky(0)
    const o = await open(transport, { now: () => new Date(clock) })
    await o.enqueue(testSignup(1))
    await o.drain()
    expect(o.list().map((i) => i.state)).toEqual(['done'])
    clock += 23 * HOUR
    expect(o.list()).toHaveLength(1)
    clock += 2 * HOUR
    expect(o.list()).toEqual([]) // listing applies the retention, without a drain
    expect((await open(noTransport, { now: () => new Date(clock) })).list()).toEqual([])
  })

  it('with autoRetry, a done item is removed by the timer after a day, with nobody listing', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    const summaries: number[] = []
    const { transport } = flaky(0)
    const o = await open(transport, { autoRetry: { minDelayMs: 10 }, onChange: (s) => summaries.push(s.done) })
    await o.enqueue(testSignup(2))
    await o.drain()
    expect(o.summary().done).toBe(1)
    await vi.advanceTimersByTimeAsync(23 * HOUR)
    expect(o.summary().done).toBe(1)
    await vi.advanceTimersByTimeAsync(2 * HOUR)
    expect(o.summary().done).toBe(0)
    expect(summaries.at(-1)).toBe(0) // the renderer hears of it
    await o.close()
    expect((await open(noTransport)).list()).toEqual([])
  })

  it('with autoRetry, a pending item is retried after its backoff without anyone calling drain', async () => {
    const { calls, transport } = flaky(2)
    const o = await open(transport, { autoRetry: { minDelayMs: 5 }, baseDelayMs: 20, maxDelayMs: 40 })
    await o.enqueue(testSignup(3)) // the timer takes it from here
    await waitFor('the item to be sent', () => o.summary().done === 1, 5000)
    expect(calls).toEqual({ isMember: 3, create: 1 })
    expect(o.list()[0]?.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'created'])
  })

  it('while canDrain() says no (offline), the timer does not send; it looks again after maxDelayMs', async () => {
    let online = false
    const { calls, transport } = flaky(0)
    const o = await open(transport, { autoRetry: { minDelayMs: 5, canDrain: () => online }, maxDelayMs: 100 })
    await o.enqueue(testSignup(4))
    await new Promise((r) => setTimeout(r, 60))
    expect(calls.isMember).toBe(0)
    online = true
    await waitFor('the item to be sent', () => o.summary().done === 1, 2000)
    expect(calls).toEqual({ isMember: 1, create: 1 })
  })

  it('close() clears the timer; without autoRetry there is none', async () => {
    // Asserted by what gets sent, not by counting timers: other code may hold timers too.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    const { calls, transport } = flaky(0)
    const plain = await open(transport)
    await plain.enqueue(testSignup(5))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls.isMember).toBe(0) // nobody drains a plain outbox but its caller
    await plain.close()

    const closed = await open(transport, { autoRetry: { minDelayMs: 10 } })
    await closed.close()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls.isMember).toBe(0) // the timer armed for the pending item went with close()

    const auto = await open(transport, { autoRetry: { minDelayMs: 10 } })
    await vi.advanceTimersByTimeAsync(60_000)
    vi.useRealTimers()
    await waitFor('the pending item to be sent by the timer', () => auto.summary().done === 1, 5000)
    expect(calls).toEqual({ isMember: 1, create: 1 })
  })

  it('a background drain that cannot write reports through onError, never as an unhandled rejection', async () => {
    const errors: unknown[] = []
    const { transport } = flaky(0)
    const o = await open(transport, { autoRetry: { minDelayMs: 5, onError: (e) => errors.push(e) } })
    await o.enqueue(testSignup(6))
    const write = vi.spyOn(storage.store.db, 'batch').mockRejectedValue(new Error('disk full'))
    try {
      await waitFor('the error to be reported', () => errors.length > 0, 2000)
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      write.mockRestore()
    }
    expect(errors).toHaveLength(1) // backs off to maxDelayMs, no tight loop of failing writes
    expect(String(errors[0])).toMatch(/disk full/)
    expect(o.list()[0]?.state).toBe('pending') // memory did not run ahead of the disk
  })
})
