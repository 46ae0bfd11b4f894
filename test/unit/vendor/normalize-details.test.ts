// What the log says when a vendor answer cannot be read: the endpoint, where the shape broke
// and what was there instead (its kind, never its value). This line is all a developer gets
// from a counter PC, so each kind of break is pinned word for word.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
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
