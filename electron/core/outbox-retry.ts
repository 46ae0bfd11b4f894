// When the outbox tries again: how many retries in a row drive the backoff (retry.ts), and
// the one timer that wakes the outbox for the next thing due (autoRetry). Pure timing; what is sent lives in
// outbox-drain.ts, what is stored in outbox-entry.ts.
import type { OutboxAttempt } from '../shared/contract'
import type { OutboxEntry } from './outbox-entry'

export interface OutboxAutoRetry {
  /** Whether sending makes sense now (e.g. not offline); default always. */
  canDrain?: () => boolean
  /** The timer never fires sooner than this after being armed; default 1000 ms. */
  minDelayMs?: number
  /** A background drain failed (a write failed); the timer is re-armed regardless. */
  onError?: (e: unknown) => void
}

/** Consecutive retry outcomes at the end of the history: drives the backoff. */
export function trailingRetries(attempts: OutboxAttempt[]): number {
  let n = 0
  while (attempts.at(-1 - n)?.outcome === 'retry') n++
  return n
}

/** A pending item whose backoff has passed (a fresh one is due at once). */
export function isDue(item: OutboxEntry, now: number): boolean {
  return item.state === 'pending' && (item.nextAttemptAt === null || Date.parse(item.nextAttemptAt) <= now)
}

/**
 * When the outbox next has something to do: the earliest pending item's attempt or done item's
 * expiry; Infinity when nothing is due. `blocked`: sending is not possible now, so pending items
 * are looked at again after `maxDelayMs` at the soonest.
 */
export function nextWakeAt(
  items: readonly OutboxEntry[],
  now: number,
  opts: { blocked: boolean; maxDelayMs: number; doneRetentionMs: number },
): number {
  let at = Infinity
  for (const i of items) {
    if (i.state === 'pending') {
      const due = i.nextAttemptAt === null ? now : Date.parse(i.nextAttemptAt)
      at = Math.min(at, opts.blocked ? Math.max(due, now + opts.maxDelayMs) : due)
    } else if (i.state === 'done') at = Math.min(at, Date.parse(i.updatedAt) + opts.doneRetentionMs + 1)
  }
  return at
}

/** One unref'd timer: arming it again replaces the previous one. */
export class WakeTimer {
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly minDelayMs: number) {}

  /** Fires `wake` at `at` (ms since the epoch), never sooner than minDelayMs from `now`. */
  arm(at: number, now: number, wake: () => void): void {
    this.clear()
    if (!Number.isFinite(at)) return
    // setTimeout's ceiling is ~24.8 days; a far wake just re-arms.
    const delay = Math.min(2 ** 31 - 1, Math.max(this.minDelayMs, at - now))
    this.timer = setTimeout(() => {
      this.timer = undefined
      wake()
    }, delay)
    this.timer.unref()
  }

  clear(): void {
    clearTimeout(this.timer) // nothing to do when there is none
    this.timer = undefined
  }
}
