// The one retry policy: exponential backoff from a base, capped, with full jitter where many
// clients could retry in step (AWS's "Exponential Backoff and Jitter"), and the vendor's own
// Retry-After when it sends one. Used by the vendor client (reads), the outbox (queued
// sign-ups) and the connection probe.

export interface BackoffPolicy {
  /** The ceiling before the first retry. */
  baseMs: number
  /** No wait is longer than this, however many retries came before. */
  maxMs: number
  /**
   * 'full': uniform in [0, ceiling), so counters coming back after the same outage spread
   * their retries; 'none': the ceiling itself (the probe, whose times staff are shown).
   */
  jitter: 'full' | 'none'
}

/** The wait before retry `retry` (from 1): min(maxMs, baseMs · 2^(retry−1)), jittered per policy. */
export function backoffDelay(policy: BackoffPolicy, retry: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(retry) - 1)
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent)
  if (policy.jitter === 'none') return ceiling
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.floor(r * ceiling)
}

/** The wait before retry `retry`: the backoff, or longer when the vendor asked for longer (Retry-After). */
export function retryDelay(policy: BackoffPolicy, retry: number, random: () => number, retryAfterMs?: number): number {
  return Math.max(backoffDelay(policy, retry, random), retryAfterMs ?? 0)
}

/** `Retry-After: 2` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT` → ms from now; else null. */
export function retryAfterMs(header: unknown, now = Date.now()): number | null {
  if (typeof header !== 'string') return null
  // A blank header fails both patterns below.
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP date names its day or month; Date.parse alone would also take '-5' as a year.
  if (!/[A-Za-z]{3}/.test(text)) return null
  const at = Date.parse(text)
  return Number.isFinite(at) ? Math.max(0, at - now) : null
}
