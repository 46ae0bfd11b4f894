import { describe, expect, it, vi } from 'vitest'
import { ageParts, daysUntil, formatDate, formatDateTime } from '../../../src/composables/useFormat'

describe('dates in the store’s time', () => {
  it('keeps vendor +08:00 times as they are', () => {
    expect(formatDateTime('2025-12-15T14:27:43+08:00')).toBe('2025/12/15 14:27')
    expect(formatDate('2026-12-31')).toBe('2026/12/31')
  })
  it('shifts the app’s UTC timestamps to Taipei, across midnight', () => {
    expect(formatDateTime('2026-11-23T17:57:00.000Z')).toBe('2026/11/24 01:57')
    expect(formatDate('2026-11-23T17:57:00.000Z')).toBe('2026/11/24')
  })
  it('counts days to an expiry from Taipei’s today', () => {
    const now = new Date('2026-11-23T17:00:00Z') // 01:00 on the 24th in Taipei
    expect(daysUntil('2026-12-08', now)).toBe(14)
  })
  it('says how old an offline copy is', () => {
    const now = new Date('2026-11-23T12:00:00Z')
    expect(ageParts('2026-11-23T11:59:30Z', now)).toEqual({ unit: 'justNow', n: 0 })
    expect(ageParts('2026-11-23T11:15:00Z', now)).toEqual({ unit: 'minutes', n: 45 })
    expect(ageParts('2026-11-23T02:00:00Z', now)).toEqual({ unit: 'hours', n: 10 })
    expect(ageParts('2026-11-20T12:00:00Z', now)).toEqual({ unit: 'days', n: 3 })
  })
})

describe('numbers', () => {
  it('groups thousands as before (en-US), negative and fractional too', async () => {
    const { formatNumber } = await import('../../../src/composables/useFormat')
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatNumber(-4200)).toBe('-4,200')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(1234.5)).toBe((1234.5).toLocaleString('en-US'))
  })

  it('builds its one formatter at the idle-time warm-up, so the first card builds none', async () => {
    vi.resetModules()
    const Real = Intl.NumberFormat
    let built = 0
    Intl.NumberFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args)
        built++
      }
    } as typeof Intl.NumberFormat
    try {
      const { formatNumber, warmFormatters } = await import('../../../src/composables/useFormat')
      expect(built).toBe(0)
      warmFormatters()
      expect(built).toBe(1)
      expect([formatNumber(2500), formatNumber(12), formatNumber(987654)]).toEqual(['2,500', '12', '987,654'])
      expect(built).toBe(1)
    } finally {
      Intl.NumberFormat = Real
    }
  })
})
