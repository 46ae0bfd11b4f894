// What the log says when a vendor answer cannot be read: the endpoint, where the shape broke
// and what was there instead (its kind, never its value). This line is all a developer gets
// from a counter PC, so each kind of break is pinned word for word.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import {
  carrierType,
  normalizeLogin,
  normalizeMemberData,
  normalizeMemberSearch,
  normalizeStores,
  VendorPayloadError,
} from '../../../electron/core/vendor/normalize'

const ctx = { storeId: '9920', now: new Date('2026-01-10T12:00:00+08:00') }

function loginWith(patch: Record<string, unknown>, drop: string[] = []): unknown {
  const root = JSON.parse(readFileSync(new URL('../../fixtures/vendor/ocard-login.json', import.meta.url), 'utf8')) as Record<string, unknown>
  for (const key of drop) delete root[key]
  return { ...root, ...patch }
}

function detail(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(VendorPayloadError)
    return (e as Error).message
  }
  throw new Error('expected a VendorPayloadError')
}

describe('the detail of an unreadable vendor answer', () => {
  const cases: Array<[string, () => unknown]> = [
    ['POST /v1/user/ocard/login: the answer is not an object (got string)', () => normalizeLogin('<html>502</html>', ctx)],
    ['POST /v1/user/ocard/login: the answer is not an object (got an array)', () => normalizeLogin([], ctx)],
    ['POST /v1/user/ocard/login: the answer is not an object (got null)', () => normalizeLogin(null, ctx)],
    ['POST /v1/user/ocard/login: user is missing', () => normalizeLogin(loginWith({}, ['user']), ctx)],
    ['POST /v1/user/ocard/login: user is not an object (got string)', () => normalizeLogin(loginWith({ user: 'Chien' }), ctx)],
    ['POST /v1/user/ocard/login: coupon_list is not a list (got string)', () => normalizeLogin(loginWith({ coupon_list: '[]' }), ctx)],
    ['POST /v1/user/ocard/login: coupon_list[0] is not an object (got null)', () => normalizeLogin(loginWith({ coupon_list: [null] }), ctx)],
    ['POST /v1/user/ocard/login: coupon_list[0] has no id, serial or barcode code', () => normalizeLogin(loginWith({ coupon_list: [{ title: 'x' }] }), ctx)],
    ['POST /v1/user/ocard/login: point_gift is not a list (got number)', () => normalizeLogin(loginWith({ point_gift: 3 }), ctx)],
    ['POST /v1/user/ocard/login: point_card is not an object (got string)', () => normalizeLogin(loginWith({ point_card: '16088' }), ctx)],
    ['POST /v1/user/ocard/login: vip is not an object (got an array)', () => normalizeLogin(loginWith({ vip: ['x'] }), ctx)],
    ['GET /v1/user/ocard: the answer is not an object (got number)', () => normalizeMemberData(42)],
    ['GET /v1/user/ocard: the answer is not an object (got undefined)', () => normalizeMemberData(undefined)],
    ['GET /v1/user/ocard: member is missing', () => normalizeMemberData({ point_card: null })],
    ['GET /v1/user/ocard: member is not an object (got string)', () => normalizeMemberData({ member: 'x', point_card: null })],
    ['GET /v1/stores: the answer is not an object (got boolean)', () => normalizeStores(true)],
    ['GET /v1/stores: stores is missing', () => normalizeStores({ data: [] })],
    ['GET /v1/stores: stores is not a list (got string)', () => normalizeStores({ stores: 'all' })],
    ['GET /v1/stores: stores[0] is not an object (got number)', () => normalizeStores([1])],
    ['GET /v1/user/members: members is missing', () => normalizeMemberSearch({})],
    ['GET /v1/user/members: members is not a list (got string)', () => normalizeMemberSearch({ members: '' })],
    ['GET /v1/user/members: members[0].member is not an object (got number)', () => normalizeMemberSearch({ members: [{ member: 5 }] })],
  ]
  it.each(cases)('%s', (expected, run) => {
    expect(detail(run)).toBe(expected)
  })
})

describe('the vendor’s words next to data are not a refusal', () => {
  // `{"message"}` alone (an error sent as 200) is the vendor's refusal; beside the data, or
  // beside data too broken to read, it is not, and the broken data is reported as such.
  const cases: Array<[string, () => unknown, string]> = [
    ['login', () => normalizeLogin(loginWith({ user: 'Chien', message: '系統忙碌' }), ctx), 'POST /v1/user/ocard/login: user is not an object (got string)'],
    ['member data', () => normalizeMemberData({ member: 'x', point_card: null, message: '系統忙碌' }), 'GET /v1/user/ocard: member is not an object (got string)'],
    ['member search', () => normalizeMemberSearch({ members: 'x', message: '系統忙碌' }), 'GET /v1/user/members: members is not a list (got string)'],
    ['stores', () => normalizeStores({ stores: 'x', message: '系統忙碌' }), 'GET /v1/stores: stores is not a list (got string)'],
  ]
  it.each(cases)('%s', (_name, run, expected) => {
    expect(detail(run)).toBe(expected)
  })

  it('a login answer with a message beside a readable user is the member', () => {
    expect(normalizeLogin(loginWith({ message: 'OK' }), ctx).profile.name).toBe('Chien YH')
  })

  it('only the words: a refusal in the vendor’s words (VENDOR, status 200)', () => {
    const e = (() => {
      try {
        normalizeLogin({ message: '  查無此會員  ' }, ctx)
      } catch (err) {
        return err as AppFailure
      }
      throw new Error('expected a refusal')
    })()
    expect(e).not.toBeInstanceOf(VendorPayloadError)
    expect(e).toMatchObject({ code: 'VENDOR', message: '查無此會員', status: 200, fromVendor: true })
  })

  it('a login whose user is all null is NOT_FOUND with no words of its own (the screen says "not a member")', () => {
    const user = Object.fromEntries(Object.keys((loginWith({}) as { user: object }).user).map((k) => [k, null]))
    try {
      normalizeLogin(loginWith({ user }), ctx)
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_FOUND', message: '', status: 200 })
      return
    }
    throw new Error('expected NOT_FOUND')
  })
})

describe('edges of the login view', () => {
  const coupon = (patch: Record<string, unknown>) => {
    const root = loginWith({}) as { coupon_list: Array<Record<string, unknown>> }
    const coupons = [{ ...root.coupon_list[0], ...patch }]
    return normalizeLogin({ ...root, coupon_list: coupons }, ctx).coupons[0]!
  }

  it('a coupon is usable through its last second, and from its first', () => {
    // ctx.now is 2026-01-10 12:00:00 at the store.
    expect(coupon({ end_time: '2026-01-10 12:00:00' }).state).toBe('usable')
    expect(coupon({ start_time: '2026-01-10 12:00:00' }).state).toBe('usable')
  })

  it('a VIP level with only an id or only a name is still shown; with neither it is none', () => {
    const vip = (over: Record<string, unknown>) => {
      const root = loginWith({}) as { vip: Record<string, unknown> }
      return normalizeLogin({ ...root, vip: { ...root.vip, ...over } }, ctx).vip
    }
    expect(vip({ name: null })).toMatchObject({ id: '9Vkg4N', name: '' })
    expect(vip({ id: null })).toMatchObject({ id: '', name: 'VIP_LV1 測試' })
    expect(vip({ id: null, name: null })).toBeNull()
  })

  it('a store id typed with spaces around it still matches the gift’s stores', () => {
    const gift = normalizeLogin(loginWith({}), { ...ctx, storeId: ' 9920 ' }).gifts[0]!
    expect(gift).toMatchObject({ redeemableNow: true, unavailableReason: null })
  })
})

describe('carrierType', () => {
  it('reads the three documented carrier types in any case; anything else is none', () => {
    expect(carrierType('PHONE_CARRIER')).toBe('PHONE_CARRIER')
    expect(carrierType('member_carrier')).toBe('MEMBER_CARRIER')
    expect(carrierType('Citizen_Digital_Certificate')).toBe('CITIZEN_DIGITAL_CERTIFICATE')
    for (const none of ['', 'CARRIER', 'PHONE', null]) expect(carrierType(none), String(none)).toBeNull()
  })
})
