// Search is not an export: at most 10 last-three-digit searches reach the vendor in any
// minute, the 11th is refused saying when to try again, and every search is audited with
// its suffix and how many matched.

import { describe, expect, it } from 'vitest'
import { SEARCHES_PER_MINUTE, SearchLimit } from '../../../electron/core/search-limit'
import { AppFailure } from '../../../electron/core/errors'
import { maskPhoneForDisplay, parseTaiwanMobile } from '../../../electron/shared/phone'
import { coreFor, envFor, sandbox } from '../api/helpers'

describe('SearchLimit', () => {
  it('allows 10 in any minute, refuses the 11th with the seconds until the oldest leaves the window', () => {
    let now = 1_000_000
    const refused: number[] = []
    const limit = new SearchLimit({ now: () => now, message: (s) => `wait ${s}`, onRefused: (s) => refused.push(s) })
    for (let i = 0; i < SEARCHES_PER_MINUTE; i++) {
      limit.take()
      now += 2_000
    }
    // The first was 20 s ago: 40 s to wait.
    let failure: unknown
    try {
      limit.take()
    } catch (e) {
      failure = e
    }
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).code).toBe('RATE_LIMITED')
    expect((failure as AppFailure).message).toBe('wait 40')
    expect(refused).toEqual([40])
    now += 40_000 // the first one leaves the window: one more is allowed, and only one
    expect(() => limit.take()).not.toThrow()
    expect(() => limit.take()).toThrow(AppFailure)
  })
})

describe('member:search by the last three digits', () => {
  it('the 11th within a minute is refused in the staff\'s language without reaching the vendor; each search is audited', async () => {
    const sb = await sandbox()
    const { call, core } = await coreFor(envFor(sb))
    const before = sb.stats.apiRequests
    // A malformed suffix is refused before it counts.
    expect(await call('member:search', { by: 'phoneSuffix', value: '12' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const suffixes = ['678', '000', '001', '002', '003', '004', '005', '006', '007', '008']
    for (const value of suffixes) expect(await call('member:search', { by: 'phoneSuffix', value }), value).toMatchObject({ ok: true })
    const eleventh = await call('member:search', { by: 'phoneSuffix', value: '009' })
    expect(eleventh).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', fields: { value: 'search.rateLimited' } } })
    expect(!eleventh.ok && eleventh.error.message).toMatch(/^末三碼搜尋每分鐘最多 10 次，請在 (60|59|58) 秒後再試。$/)
    expect(sb.stats.apiRequests - before).toBe(10)
    // A member-id search (one exact id, not an enumeration) is not held back.
    expect(await call('member:search', { by: 'vipId', value: 'BLK-000001' })).toMatchObject({ ok: true })

    // The audit trail as stored in the local database.
    const audit = core.auditTrail()
    const searches = audit.filter((e) => e.event === 'member.search')
    expect(searches.slice(0, 10).map((e) => e.suffix)).toEqual(suffixes)
    expect(searches[0]).toMatchObject({ by: 'phoneSuffix', suffix: '678', matches: 3 })
    expect(searches[10]).toEqual({ at: expect.any(String), event: 'member.search', by: 'vipId', matches: 1 })
    expect(audit.filter((e) => e.event === 'member.searchRefused')).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toMatch(/09\d{8}|BLK-000001/)
  })
})

describe('the pick list\'s phone', () => {
  it('shows the first four and last three digits only', () => {
    expect(maskPhoneForDisplay(parseTaiwanMobile('0912345678'))).toBe('0912-***-678')
    expect(maskPhoneForDisplay(null)).toBe('')
  })
})
