// When the outbox tries again (electron/core/outbox-retry.ts): the retries that drive the
// backoff, which items are due, when the timer next wakes, and the timer itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxAttempt } from '../../../electron/shared/contract'
import type { OutboxEntry } from '../../../electron/core/outbox-entry'
import { isDue, nextWakeAt, trailingRetries, WakeTimer } from '../../../electron/core/outbox-retry'
import { queuedEntry } from './entry-fixture'

const NOW = Date.parse('2026-01-01T12:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3_600_000

const item = (state: OutboxEntry['state'], over: Partial<OutboxEntry> = {}): OutboxEntry =>
  queuedEntry({
    id: `${state}-${Math.random()}`,
    state,
    form: { phone: '0912345678' },
    createdAt: iso(NOW - HOUR),
    updatedAt: iso(NOW - HOUR),
    ...over,
  })

describe('trailingRetries', () => {
  const outcomes = (...o: Array<OutboxAttempt['outcome']>): OutboxAttempt[] => o.map((outcome) => ({ at: iso(NOW), outcome }))

  it('counts the retries in a row at the end of the history', () => {
    expect(trailingRetries([])).toBe(0)
    expect(trailingRetries(outcomes('retry'))).toBe(1)
    expect(trailingRetries(outcomes('retry', 'retry', 'retry'))).toBe(3)
    // A refusal corrected by staff starts the backoff over.
    expect(trailingRetries(outcomes('retry', 'retry', 'failed', 'retry'))).toBe(1)
    expect(trailingRetries(outcomes('retry', 'conflict'))).toBe(0)
  })
})

describe('isDue', () => {
  it('a pending item is due at once, or from its next attempt on', () => {
    expect(isDue(item('pending'), NOW)).toBe(true)
    expect(isDue(item('pending', { nextAttemptAt: iso(NOW) }), NOW)).toBe(true)
    expect(isDue(item('pending', { nextAttemptAt: iso(NOW - 1) }), NOW)).toBe(true)
    expect(isDue(item('pending', { nextAttemptAt: iso(NOW + 1) }), NOW)).toBe(false)
  })

  it('nothing else is ever due', () => {
    for (const state of ['sending', 'failed', 'conflict', 'done'] as const) expect(isDue(item(state), NOW), state).toBe(false)
  })
})

describe('nextWakeAt', () => {
  const opts = { blocked: false, maxDelayMs: 60_000, doneRetentionMs: 24 * HOUR }

  it('is Infinity when nothing will ever be due (no items, or only failed and conflicting ones)', () => {
    expect(nextWakeAt([], NOW, opts)).toBe(Infinity)
    expect(nextWakeAt([item('failed'), item('conflict'), item('sending')], NOW, opts)).toBe(Infinity)
  })

  it('is now for a fresh pending item, else the earliest next attempt', () => {
    expect(nextWakeAt([item('pending', { nextAttemptAt: iso(NOW + 5000) }), item('pending')], NOW, opts)).toBe(NOW)
    expect(
      nextWakeAt([item('pending', { nextAttemptAt: iso(NOW + 5000) }), item('pending', { nextAttemptAt: iso(NOW + 2000) })], NOW, opts),
    ).toBe(NOW + 2000)
  })

  it('is one millisecond past a done item’s retention, when that comes first', () => {
    const done = item('done', { updatedAt: iso(NOW - 1000) })
    expect(nextWakeAt([done], NOW, opts)).toBe(NOW - 1000 + 24 * HOUR + 1)
    expect(nextWakeAt([done, item('pending', { nextAttemptAt: iso(NOW + 48 * HOUR) })], NOW, opts)).toBe(NOW - 1000 + 24 * HOUR + 1)
    expect(nextWakeAt([done, item('pending', { nextAttemptAt: iso(NOW + 5000) })], NOW, opts)).toBe(NOW + 5000)
  })

  it('when sending is blocked, looks at pending items again only after maxDelayMs, or at their own later time', () => {
    const blocked = { ...opts, blocked: true }
    expect(nextWakeAt([item('pending')], NOW, blocked)).toBe(NOW + 60_000)
    expect(nextWakeAt([item('pending', { nextAttemptAt: iso(NOW + 90_000) })], NOW, blocked)).toBe(NOW + 90_000)
    // A done item's expiry does not wait for the vendor.
    expect(nextWakeAt([item('pending'), item('done', { updatedAt: iso(NOW - 24 * HOUR) })], NOW, blocked)).toBe(NOW + 1)
  })
})

describe('WakeTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fires at the time asked', () => {
    const wake = vi.fn()
    new WakeTimer(10).arm(NOW + 500, NOW, wake)
    vi.advanceTimersByTime(499)
    expect(wake).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(wake).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10_000)
    expect(wake).toHaveBeenCalledTimes(1)
  })

  it('never sooner than minDelayMs, even for a time already past', () => {
    const wake = vi.fn()
    new WakeTimer(100).arm(NOW - 5000, NOW, wake)
    vi.advanceTimersByTime(99)
    expect(wake).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(wake).toHaveBeenCalledTimes(1)
  })

  it('arms nothing for Infinity', () => {
    const wake = vi.fn()
    new WakeTimer(10).arm(Infinity, NOW, wake)
    vi.advanceTimersByTime(2 ** 31)
    expect(wake).not.toHaveBeenCalled()
  })

  it('waits out a time beyond setTimeout’s ceiling (~24.8 days) instead of firing at once', () => {
    const wake = vi.fn()
    new WakeTimer(10).arm(NOW + 30 * 24 * HOUR, NOW, wake)
    vi.advanceTimersByTime(24 * HOUR)
    expect(wake).not.toHaveBeenCalled()
    vi.advanceTimersByTime(2 ** 31 - 1 - 24 * HOUR)
    expect(wake).toHaveBeenCalledTimes(1) // at the ceiling: the outbox then re-arms for the rest
  })

  it('arming again replaces the previous wake; clear() drops it', () => {
    const first = vi.fn()
    const second = vi.fn()
    const timer = new WakeTimer(10)
    timer.arm(NOW + 100, NOW, first)
    timer.arm(NOW + 200, NOW, second)
    vi.advanceTimersByTime(1000)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)

    const dropped = vi.fn()
    timer.arm(NOW + 100, NOW, dropped)
    timer.clear()
    vi.advanceTimersByTime(1000)
    expect(dropped).not.toHaveBeenCalled()
  })

  it('does not keep the process alive', () => {
    const timer = new WakeTimer(10)
    const spy = vi.spyOn(globalThis, 'setTimeout')
    timer.arm(NOW + 100, NOW, () => undefined)
    const handle = spy.mock.results[0]?.value as NodeJS.Timeout
    expect(handle.hasRef()).toBe(false)
    spy.mockRestore()
    timer.clear()
  })
})
