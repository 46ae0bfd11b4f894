import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../electron/core/outbox-retry'

describe('backoffDelay (full jitter)', () => {
  it('is uniform below min(max, base · 2^(attempt−1))', () => {
    expect(backoffDelay(1, () => 0, 1000, 60_000)).toBe(0)
    expect(backoffDelay(1, () => 0.5, 1000, 60_000)).toBe(500)
    expect(backoffDelay(1, () => 0.999999, 1000, 60_000)).toBe(999)
    expect(backoffDelay(2, () => 0.5, 1000, 60_000)).toBe(1000)
    expect(backoffDelay(4, () => 0.5, 1000, 60_000)).toBe(4000)
  })

  it('is capped by max, even for huge attempt counts', () => {
    expect(backoffDelay(7, () => 0.5, 1000, 60_000)).toBe(30_000) // ceiling 60 s
    expect(backoffDelay(8, () => 0.5, 1000, 60_000)).toBe(30_000) // 128 s capped to 60 s
    expect(backoffDelay(5000, () => 0.999, 1000, 60_000)).toBe(59_940)
  })

  it('treats attempts below 1 as the first, and clamps a misbehaving random', () => {
    expect(backoffDelay(0, () => 0.5, 1000, 60_000)).toBe(500)
    expect(backoffDelay(-3, () => 0.5, 1000, 60_000)).toBe(500)
    expect(backoffDelay(1, () => 1.5, 1000, 60_000)).toBe(1000)
    expect(backoffDelay(1, () => -1, 1000, 60_000)).toBe(0)
  })

  it('stays within bounds over many random draws', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1))
      for (let k = 0; k < 200; k++) {
        const d = backoffDelay(attempt, Math.random, 1000, 60_000)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(ceiling)
        expect(Number.isInteger(d)).toBe(true)
      }
    }
  })
})
