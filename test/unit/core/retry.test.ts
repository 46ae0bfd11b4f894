import { describe, expect, it } from 'vitest'
import { backoffDelay, retryAfterMs, retryDelay, type BackoffPolicy } from '../../../electron/core/retry'

// The one retry policy (electron/core/retry.ts), covered once here; the vendor client, the
// outbox and the connection probe each keep their own behavioural tests.
const FULL: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 'full' }
const NONE: BackoffPolicy = { baseMs: 1000, maxMs: 15_000, jitter: 'none' }

describe('backoffDelay, full jitter', () => {
  it('is uniform below min(max, base · 2^(retry−1))', () => {
    expect(backoffDelay(FULL, 1, () => 0)).toBe(0)
    expect(backoffDelay(FULL, 1, () => 0.5)).toBe(500)
    expect(backoffDelay(FULL, 1, () => 0.999999)).toBe(999)
    expect(backoffDelay(FULL, 2, () => 0.5)).toBe(1000)
    expect(backoffDelay(FULL, 4, () => 0.5)).toBe(4000)
  })

  it('is capped by max, even for huge retry counts', () => {
    expect(backoffDelay(FULL, 7, () => 0.5)).toBe(30_000) // ceiling 60 s
    expect(backoffDelay(FULL, 8, () => 0.5)).toBe(30_000) // 128 s capped to 60 s
    expect(backoffDelay(FULL, 5000, () => 0.999)).toBe(59_940)
  })

  it('treats retries below 1 as the first, and clamps a misbehaving random', () => {
    expect(backoffDelay(FULL, 0, () => 0.5)).toBe(500)
    expect(backoffDelay(FULL, -3, () => 0.5)).toBe(500)
    expect(backoffDelay(FULL, 1, () => 1.5)).toBe(1000)
    expect(backoffDelay(FULL, 1, () => -1)).toBe(0)
  })

  it('stays within bounds over many random draws', () => {
    for (let retry = 1; retry <= 12; retry++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (retry - 1))
      for (let k = 0; k < 200; k++) {
        const d = backoffDelay(FULL, retry, Math.random)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(ceiling)
        expect(Number.isInteger(d)).toBe(true)
      }
    }
  })
})

describe('backoffDelay, no jitter', () => {
  it('doubles from base up to the cap and ignores random', () => {
    const never = () => {
      throw new Error('random must not be drawn without jitter')
    }
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => backoffDelay(NONE, n, never))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000])
  })
})

describe('retryDelay', () => {
  it("is the backoff, or the vendor's Retry-After when that is longer", () => {
    expect(retryDelay(FULL, 3, () => 0.5)).toBe(2000)
    expect(retryDelay(FULL, 3, () => 0.5, 500)).toBe(2000)
    expect(retryDelay(FULL, 3, () => 0.5, 90_000)).toBe(90_000) // asked for: above the cap too
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('2026-10-21T07:28:00Z')

  it('reads delta-seconds', () => {
    expect(retryAfterMs('2', now)).toBe(2000)
    expect(retryAfterMs(' 120 ', now)).toBe(120_000)
    expect(retryAfterMs('0', now)).toBe(0)
  })

  it('reads an HTTP date as the time left until then, never negative', () => {
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0)
  })

  it('reads only an HTTP date, not a timestamp without a day or month name', () => {
    // Date.parse would take these; the header allows delta-seconds or an HTTP date only.
    for (const h of ['2026-10-21T07:28:30Z', '2026-10-21 07:28:30', '10/21/2026']) expect(retryAfterMs(h, now), h).toBeNull()
  })

  it('is null for a missing, empty or unreadable header', () => {
    for (const h of [undefined, null, '', '   ', 'soon', '-5', '1.5', 3, ['2']]) expect(retryAfterMs(h, now), JSON.stringify(h)).toBeNull()
  })
})
