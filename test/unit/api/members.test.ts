// The member channels through createCore().dispatch, against the sandbox over real HTTP.

import { describe, expect, it } from 'vitest'
import type { MemberSummary, Store } from '../../../electron/shared/types'
import { coreFor, envFor, EXAMPLE_PHONE, NOT_A_MEMBER, sandbox } from './helpers'

async function rig() {
  const sb = await sandbox()
  const core = await coreFor(envFor(sb))
  return { sb, ...core }
}

const counters = (sb: Awaited<ReturnType<typeof sandbox>>) => ({
  token: sb.stats.tokenRequests,
  api: sb.stats.apiRequests,
  signup: sb.stats.signupPosts,
})

describe('sign-up validation happens before anything is sent', () => {
  const valid = { phone: '0987123456', name: '新會員', birthday: '1990-01-02', sex: 'female' as const }
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['bad phone', { ...valid, phone: '0812345678' }, 'phone', 'signup.phone'],
    ['future birthday', { ...valid, birthday: '2999-01-01' }, 'birthday', 'signup.birthdayFuture'],
    ['bad carrier /abc', { ...valid, defaultCarrierType: 'PHONE_CARRIER', phoneCarrier: '/abc' }, 'phoneCarrier', 'signup.mobileBarcode'],
    ['bad citizen certificate', { ...valid, defaultCarrierType: 'CITIZEN_DIGITAL_CERTIFICATE', citizenDigitalCertificate: 'A1234' }, 'citizenDigitalCertificate', 'signup.citizenCertificate'],
  ]

  it.each(cases)('%s → VALIDATION naming that field alone, and no request reached the sandbox', async (_label, form, field, problem) => {
    const { sb, call } = await rig()
    // Warm up (token fetched) so "nothing sent" is measured on a live client too.
    expect((await call('stores:list')).ok).toBe(true)
    const before = counters(sb)
    const r = await call('member:signup', form)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toBe('輸入的資料有誤，請檢查標示的欄位。')
    // The one field that is wrong, with its problem: the valid fields beside it are not blamed.
    expect(r.error.fields).toEqual({ [field]: problem })
    expect(counters(sb)).toEqual(before)
  })

  it('all four at once: every field is reported, still nothing sent (cold client: not even a token)', async () => {
    const { sb, call } = await rig()
    const r = await call('member:signup', {
      phone: '12345',
      birthday: '2999-12-31',
      defaultCarrierType: 'PHONE_CARRIER',
      phoneCarrier: '/abc',
      citizenDigitalCertificate: 'XX123',
    })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          phone: 'signup.phone',
          birthday: 'signup.birthdayFuture',
          phoneCarrier: 'signup.mobileBarcode',
          citizenDigitalCertificate: 'signup.citizenCertificate',
        },
      },
    })
    expect(counters(sb)).toEqual({ token: 0, api: 0, signup: 0 })
  })
})

describe('find, search, stores', () => {
  it('member:find: a member → its summary; the not-a-member phone → NOT_FOUND, not an empty member', async () => {
    const { call } = await rig()
    const found = await call<MemberSummary>('member:find', { phone: EXAMPLE_PHONE })
    // The vendor's own id for its example member (its member data's member.id).
    expect(found).toMatchObject({ ok: true, value: { id: '-JR04E188', name: 'Chien YH', phone: { local: EXAMPLE_PHONE } } })

    const none = await call('member:find', { phone: NOT_A_MEMBER })
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.error.code).toBe('NOT_FOUND')
  })

  it('member:search: last three digits → several hits; VIP id → one; bad suffix → VALIDATION', async () => {
    const { sb, call } = await rig()
    const bySuffix = await call<MemberSummary[]>('member:search', { by: 'phoneSuffix', value: '678' })
    expect(bySuffix.ok).toBe(true)
    if (!bySuffix.ok) return
    expect(bySuffix.value.map((m) => m.phone?.local).sort()).toEqual(['0912345678', '0935111678', '0958222678'])

    const byVip = await call<MemberSummary[]>('member:search', { by: 'vipId', value: 'BLK-000001' })
    expect(byVip.ok && byVip.value.map((m) => m.name)).toEqual(['張家豪'])

    const before = sb.stats.apiRequests
    for (const value of ['12', '1234', 'abc']) {
      const bad = await call('member:search', { by: 'phoneSuffix', value })
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { value: 'search.suffix' } } })
    }
    expect(sb.stats.apiRequests).toBe(before)
  })

  it('stores:list → the vendor store list', async () => {
    const { call } = await rig()
    const r = await call<Store[]>('stores:list')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toHaveLength(4)
    expect(r.value.find((s) => s.id === '9920')).toMatchObject({ name: '信義旗艦店', phone: '02-2722-9920' })
  })

  it("a vendor 4xx {message} reaches the staff in the vendor's words, fromVendor: true", async () => {
    const { sb, call } = await rig()
    const r = await call('member:signup', { phone: '0912345678', name: '王小明' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VENDOR', message: '此手機號碼已註冊為會員', fromVendor: true } })
    expect(sb.stats.signupPosts).toBe(1)
  })

  it('a sign-up that works → created, with the new member', async () => {
    const { sb, call } = await rig()
    const r = await call('member:signup', { phone: '0987654321', name: '新朋友', birthday: '1995-07-08', sex: 'male' })
    // A fresh sandbox hands out its first member id, 021100544 (9 digits, like the vendor's example).
    expect(r).toMatchObject({
      ok: true,
      value: { status: 'created', member: { id: '021100544', name: '新朋友', phone: { local: '0987654321' }, sex: 'male', birthday: '1995-07-08', points: 100 } },
    })
    expect(sb.stats.signupPosts).toBe(1)
    expect(await call('member:find', { phone: '0987654321' })).toMatchObject({ ok: true, value: { id: '021100544', name: '新朋友' } })
  })
})
