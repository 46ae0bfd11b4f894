// POST /v2/user: the vendor's validation, the created member's wire traps, and the new
// member showing up in every read endpoint.

import { describe, expect, it } from 'vitest'
import { call, DEMO_STORE, EXAMPLE_PHONE, login, memberData, NOT_A_MEMBER, session, signUp } from './helpers'

const minimal = (phone = '0987654321') => ({ type: 'PHONE_NUMBER', id: phone })

describe('POST /v2/user validation', () => {
  const badPhone = '手機號碼格式錯誤'
  const badBirthday = '生日格式錯誤 (YYYY-MM-DD)'
  const bad: [string, Record<string, unknown>, string, string][] = [
    ['type EMAIL', { type: 'EMAIL', id: '0987654321' }, 'type', 'type 只接受 PHONE_NUMBER'],
    ['no type', { id: '0987654321' }, 'type', 'type 只接受 PHONE_NUMBER'],
    ['no id', { type: 'PHONE_NUMBER' }, 'id', '缺少 id (手機號碼)'],
    ['landline', { type: 'PHONE_NUMBER', id: '0227006275' }, 'id', badPhone],
    ['too short', { type: 'PHONE_NUMBER', id: '098765432' }, 'id', badPhone],
    ['with dashes', { type: 'PHONE_NUMBER', id: '0987-654-321' }, 'id', badPhone],
    ['numeric id', { type: 'PHONE_NUMBER', id: 987654321 }, 'id', '缺少 id (手機號碼)'],
    ['sex M', { ...minimal(), sex: 'M' }, 'sex', 'sex 只接受 male 或 female'],
    ['sex capitalised', { ...minimal(), sex: 'Female' }, 'sex', 'sex 只接受 male 或 female'],
    ['carrier type', { ...minimal(), default_carrier_type: 'EMAIL_CARRIER' }, 'default_carrier_type',
      'default_carrier_type 只接受 PHONE_CARRIER、MEMBER_CARRIER、CITIZEN_DIGITAL_CERTIFICATE'],
    ['phone carrier', { ...minimal(), phone_carrier: 'ABC1234' }, 'phone_carrier', '手機條碼格式錯誤'],
    ['phone carrier lower', { ...minimal(), phone_carrier: '/abc1234' }, 'phone_carrier', '手機條碼格式錯誤'],
    ['PHONE_CARRIER without carrier', { ...minimal(), default_carrier_type: 'PHONE_CARRIER' }, 'phone_carrier',
      '預設載具為手機條碼時須提供 phone_carrier'],
    ['certificate', { ...minimal(), citizen_digital_certificate: 'A123' }, 'citizen_digital_certificate', '自然人憑證條碼格式錯誤'],
    ['email', { ...minimal(), email: 'not-an-email' }, 'email', '電子信箱格式錯誤'],
    ['birthday slash', { ...minimal(), birthday: '1990/01/01' }, 'birthday', badBirthday],
    ['birthday impossible', { ...minimal(), birthday: '1990-02-30' }, 'birthday', badBirthday],
    ['name number', { ...minimal(), name: 42 }, 'name', 'name 必須為字串'],
    ['external_data string', { ...minimal(), external_data: 'V1' }, 'external_data', 'external_data 必須為物件'],
    ['external_data.vip_id number', { ...minimal(), external_data: { vip_id: 1 } }, 'external_data', 'external_data.vip_id 必須為字串'],
  ]
  it.each(bad)('answers 400 with the vendor-style message for %s', async (_label, body, field, message) => {
    const { sb, token } = await session()
    const res = await signUp(sb, token, body)
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ message, field })
    // Nothing was created (a malformed phone could not have been).
    if (typeof body['id'] === 'string' && /^09\d{8}$/.test(body['id'])) {
      expect((await memberData(sb, token, body['id'])).body['point_card']).toBeNull()
    }
  })

  it('says 手機號碼格式錯誤 for a bad phone', async () => {
    const { sb, token } = await session()
    expect((await signUp(sb, token, minimal('12345'))).body).toEqual({ message: '手機號碼格式錯誤', field: 'id' })
  })

  it('answers 404 for an unknown store_id', async () => {
    const { sb, token } = await session()
    const res = await signUp(sb, token, { ...minimal(), store_id: '0000' })
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ message: '查無此門市' })
  })

  it('answers 400 for a body that is not JSON', async () => {
    const { sb, token } = await session()
    const res = await call(sb, token, '/v2/user', { rawBody: 'type=PHONE_NUMBER', contentType: 'application/json' })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ message: '請求內容不是有效的 JSON' })
    const array = await call(sb, token, '/v2/user', { json: [minimal()] })
    expect(array.status).toBe(400)
    expect(array.body).toEqual({ message: '請求內容必須為 JSON 物件' })
  })

  it('refuses a registered phone with 此手機號碼已註冊為會員, seeded or just signed up', async () => {
    const { sb, token } = await session()
    const seeded = await signUp(sb, token, minimal(EXAMPLE_PHONE))
    expect(seeded.status).toBe(400)
    expect(seeded.body['message']).toBe('此手機號碼已註冊為會員')
    expect((await signUp(sb, token, minimal())).status).toBe(200)
    const again = await signUp(sb, token, minimal('+886987654321'))
    expect(again.status).toBe(400)
    expect(again.body['message']).toBe('此手機號碼已註冊為會員')
    expect(sb.stats.signupPosts).toBe(3)
  })
})

describe('POST /v2/user success', () => {
  it("answers the created member in the vendor's shape, traps included", async () => {
    const { sb, token } = await session()
    const res = await signUp(sb, token, {
      type: 'PHONE_NUMBER',
      id: '0987654321',
      password: '111111',
      name: 'Jane',
      email: 'jane@example.com',
      birthday: '2020-01-01',
      sex: 'female',
      Invitation_code: '6vq4tt',
      address: '台北市大安區復興南路二段171巷20號1樓',
      line_id: 'U4af4980629',
      store_id: DEMO_STORE,
      external_data: { vip_id: 'EXT-77', uuid: '6f1c', card_no: 'C0001' },
      default_carrier_type: 'PHONE_CARRIER',
      phone_carrier: '/ABC+123',
      memo: '櫃檯註冊',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Jane',
      sex: 'Female',
      birthday: '2020-01-01T00:00:00',
      email: 'jane@example.com',
      mobile: '0987654321',
      points: '100',
      group_id: 'APP',
      group_name: '品牌APP會員',
      card_no: 'C0001',
      phone_carrier: '/ABC+123',
      Invitation_code: '6vq4tt',
      default_carrier_type: 'PHONE_CARRIER',
      apply_shop_id: DEMO_STORE,
      address: '台北市大安區復興南路二段171巷20號1樓',
      is_can_credit: false,
      memo: '櫃檯註冊',
    })
    // A fresh sandbox's first member id: 9 digits, like the vendor's example 021100543.
    expect(res.body['id']).toBe('021100544')
    expect(res.body['apply_date']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(typeof res.body['points']).toBe('string')
  })

  it('says Male, unknown and birthday null the way the vendor does', async () => {
    const { sb, token } = await session()
    expect((await signUp(sb, token, { ...minimal('0987000001'), sex: 'male' })).body['sex']).toBe('Male')
    const bare = await signUp(sb, token, minimal('0987000002'))
    expect(bare.body).toMatchObject({ sex: 'unknown', birthday: null, Invitation_code: '', memo: null })
  })

  it('ignores a lower-case invitation_code: only Invitation_code is documented', async () => {
    const { sb, token } = await session()
    const res = await signUp(sb, token, { ...minimal(), invitation_code: 'abc123' })
    expect(res.status).toBe(200)
    expect(res.body['Invitation_code']).toBe('')
  })

  it('makes the new member findable by every read endpoint', async () => {
    const { sb, token } = await session()
    const created = await signUp(sb, token, {
      ...minimal(NOT_A_MEMBER), name: '周杰倫', sex: 'male', birthday: '1979-01-18', phone_carrier: '/QW.12-3',
      external_data: { vip_id: 'NEW-0001' },
    })
    expect(created.status).toBe(200)
    const id = created.body['id']
    expect(id).toBe('021100544')

    const data = await memberData(sb, token, NOT_A_MEMBER)
    expect(data.body['member']).toMatchObject({ id, name: '周杰倫', mobile: NOT_A_MEMBER, carrier: '/QW.12-3' })
    const card = data.body['point_card'] as Record<string, unknown>
    expect(card['point']).toBe('100')
    expect(card).not.toHaveProperty('expire')

    const full = await login(sb, token, NOT_A_MEMBER)
    expect(full.status).toBe(200)
    expect(full.body['user']).toMatchObject({ cell: '+886911000000', name: '周杰倫', sex: '1', birth: '1979-01-18', id })
    expect(full.body['coupon_list']).toEqual([])
    expect(full.body['point_card']).not.toHaveProperty('expire')

    const bySuffix = await call<{ members: { id: string }[] }>(sb, token, '/v1/user/members?type=PHONE_NUMBER&id=000')
    expect(bySuffix.body.members.map((m) => m.id)).toEqual([id])
    const byVip = await call<{ members: { id: string }[] }>(sb, token, '/v1/user/members?type=VIP_ID&id=NEW-0001')
    expect(byVip.body.members.map((m) => m.id)).toEqual([id])
  })

  it('gives each new member its own id, and a fresh sandbox forgets them', async () => {
    const first = await session()
    const a = await signUp(first.sb, first.token, minimal('0987000001'))
    const b = await signUp(first.sb, first.token, minimal('0987000002'))
    // Handed out in order, so no two share one.
    expect([a.body['id'], b.body['id']]).toEqual(['021100544', '021100545'])
    const second = await session()
    expect((await memberData(second.sb, second.token, '0987000001')).body['point_card']).toBeNull()
  })
})
