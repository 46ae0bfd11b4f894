// The sandbox over real HTTP: OAuth, auth on every endpoint, and each endpoint's wire shape
// with the vendor's traps.

import { describe, expect, it } from 'vitest'
import {
  call, DEMO_STORE, EXAMPLE_PHONE, getToken, login, memberData, NOT_A_MEMBER, sandbox, session, tokenForm,
} from './helpers'

describe('POST /oauth/v1/token', () => {
  it('issues a Bearer token for the right client credentials', async () => {
    const sb = await sandbox()
    const res = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ expires_in: 2592000, token_type: 'Bearer', scope: 'api' })
    expect(typeof body['expires_in']).toBe('number')
    expect(body['access_token']).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(sb.authUrl).toBe(`http://127.0.0.1:${sb.port}/oauth/v1/token`)
    expect(sb.stats.tokenRequests).toBe(1)
    expect(sb.stats.apiRequests).toBe(0)
  })

  it('never hands out the same token twice', async () => {
    const sb = await sandbox()
    const [a, b] = await Promise.all([getToken(sb), getToken(sb)])
    expect(a).not.toBe(b)
  })

  it('honours tokenTtlSeconds and custom credentials', async () => {
    const sb = await sandbox({ clientId: 'shop-1', clientSecret: 's3cret', tokenTtlSeconds: 60 })
    const res = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb) })
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(60)
    const wrong = await fetch(sb.authUrl, {
      method: 'POST',
      body: tokenForm(sb, { client_id: 'demo-client', client_secret: 'demo-secret' }),
    })
    expect(wrong.status).toBe(401)
  })

  it('answers 401 with a message for a wrong secret or id', async () => {
    const sb = await sandbox()
    const overrides: Record<string, string>[] = [{ client_secret: 'nope' }, { client_id: 'someone-else' }]
    for (const override of overrides) {
      const res = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb, override) })
      expect(res.status).toBe(401)
      const body = (await res.json()) as { message: string; access_token?: string }
      expect(body.message).toMatch(/client_secret/)
      expect(body.access_token).toBeUndefined()
    }
  })

  it('answers 400 for JSON instead of a form', async () => {
    const sb = await sandbox()
    const res = await fetch(sb.authUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(tokenForm(sb))),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toMatch(/x-www-form-urlencoded/)
  })

  it('answers 400 naming each missing field (scope, grant_type) and a wrong grant type', async () => {
    const sb = await sandbox()
    const noScope = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb, { scope: null }) })
    expect(noScope.status).toBe(400)
    expect(((await noScope.json()) as { message: string }).message).toContain('scope')
    const noGrant = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb, { grant_type: null }) })
    expect(((await noGrant.json()) as { message: string }).message).toContain('grant_type')
    const password = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb, { grant_type: 'password' }) })
    expect(password.status).toBe(400)
    const wrongScope = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb, { scope: 'admin' }) })
    expect(wrongScope.status).toBe(400)
  })

  it('answers 405 to GET', async () => {
    const sb = await sandbox()
    const res = await fetch(sb.authUrl)
    expect(res.status).toBe(405)
  })
})

describe('Bearer auth', () => {
  it('refuses API calls without a token, with a garbage token and with a revoked one', async () => {
    const { sb, token } = await session()
    const none = await call<{ message: string }>(sb, null, '/v1/stores')
    expect(none.status).toBe(401)
    expect(none.body.message).toMatch(/權杖/)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect((await call(sb, 'not-a-token', '/v1/stores')).status).toBe(401)

    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
    sb.faults.revokeTokens()
    const revoked = await call<{ message: string }>(sb, token, '/v1/stores')
    expect(revoked.status).toBe(401)
    expect(revoked.body.message).toMatch(/無效|過期/)
    // A token fetched after the revocation works.
    expect((await call(sb, await getToken(sb), '/v1/stores')).status).toBe(200)
  })

  it('expires tokens after tokenTtlSeconds', async () => {
    const sb = await sandbox({ tokenTtlSeconds: 1 })
    const token = await getToken(sb)
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1100))
    expect((await call(sb, token, '/v1/stores')).status).toBe(401)
  })

  it('guards every endpoint', async () => {
    const sb = await sandbox()
    const calls = [
      call(sb, null, '/v1/user/ocard/login', { json: { store_id: DEMO_STORE, phone_number: EXAMPLE_PHONE } }),
      call(sb, null, `/v1/user/ocard?shop_id=${DEMO_STORE}&mobile=${EXAMPLE_PHONE}`),
      call(sb, null, '/v2/user', { json: { type: 'PHONE_NUMBER', id: '0987654321' } }),
      call(sb, null, '/v1/stores'),
      call(sb, null, '/v1/user/members?type=PHONE_NUMBER&id=678'),
    ]
    for (const res of await Promise.all(calls)) expect(res.status).toBe(401)
  })
})

describe('routing', () => {
  it('answers 404 {"message":"Not Found"} for unknown paths, token or not', async () => {
    const { sb, token } = await session()
    for (const t of [token, null]) {
      const res = await call(sb, t, '/v1/nope')
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ message: 'Not Found' })
    }
  })

  it('answers 405 for a known path with the wrong method', async () => {
    const { sb, token } = await session()
    const res = await call(sb, token, '/v1/stores', { method: 'POST', json: {} })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET')
  })

  it('puts X-Sandbox-Time-Ms on every answer', async () => {
    const { sb, token } = await session()
    for (const res of [await call(sb, token, '/v1/stores'), await call(sb, null, '/nope')]) {
      expect(res.headers.get('x-sandbox-time-ms')).toMatch(/^\d+\.\d{3}$/)
    }
  })
})

describe('POST /v1/user/ocard/login', () => {
  it("returns the vendor page's example member in its exact wire shape", async () => {
    const { sb, token } = await session()
    const res = await login(sb, token, EXAMPLE_PHONE)
    expect(res.status).toBe(200)
    const body = res.body as {
      user: Record<string, unknown>
      vip: Record<string, unknown>
      point_card: Record<string, unknown>
      point_gift: Record<string, unknown>[]
      point_pros: unknown[]
      coupon_list: Record<string, unknown>[]
    }
    expect(Object.keys(body)).toEqual(['user', 'vip', 'point_card', 'point_gift', 'point_pros', 'coupon_list'])
    expect(body.user).toMatchObject({
      cell: '+886903515908', name: 'Chien YH', birth: '1911-01-01', sex: '1', id: '-JR04E188',
      accept_brand_time: '2025-12-15 14:27:43', visited_count: '7', vip_name: 'VIP_LV1 測試',
    })
    expect(body.vip).toMatchObject({ id: '9Vkg4N', level: '1', name: 'VIP_LV1 測試', pos_code: '01' })
    // Numbers as strings, except expire.point which is a number; expire is ONE object.
    expect(body.point_card).toMatchObject({ point: '16088', spend: '1320', available_gift_count: '9' })
    expect(body.point_card['expire']).toEqual({ date: '2026/12/31', point: 16088 })
    expect(body.point_gift).toHaveLength(1)
    expect(body.point_gift[0]).toMatchObject({ available_store: ',9920,', require_point: '2', redeem: 1 })
    expect(body.point_pros).toEqual([])
    const coupon = body.coupon_list[0]!
    expect(coupon['barcode']).toEqual({ type: 'Code128', code: '1NWLGQK3G' })
    expect(coupon['redeemable']).toBe(true)
    expect(coupon['multi_enable']).toBe(false)
    expect(coupon['used']).toBe('0')
    expect(typeof coupon['properties']).toBe('string')
    expect(JSON.parse(coupon['properties'] as string)).toEqual({
      repeat_limit: 0, exclude_cond_item: null, oboss_redeem_enable: 1,
    })
  })

  it('accepts the +886 form of the phone', async () => {
    const { sb, token } = await session()
    const res = await login(sb, token, '+886903515908')
    expect(res.status).toBe(200)
    expect((res.body['user'] as { name: string }).name).toBe('Chien YH')
  })

  it('sends expire as an array, missing, or with a string point for the members seeded so', async () => {
    const { sb, token } = await session()
    const card = async (phone: string) => (await login(sb, token, phone)).body['point_card'] as Record<string, unknown>
    const asArray = (await card('0935111678'))['expire']
    expect(Array.isArray(asArray)).toBe(true)
    expect(asArray).toHaveLength(2)
    expect(await card('0912345678')).not.toHaveProperty('expire')
    expect((await card('0958222678'))['expire']).toEqual({ date: '2027/01/31', point: '250' })
  })

  it('turns the @+14d seed token into a YYYY/MM/DD date 14 days from now', async () => {
    // Taipei's date 14 days on, worked out here without the sandbox's own date helpers;
    // read before and after, so a run across Taipei's midnight still knows both answers.
    const in14Days = () => new Date(Date.now() + 14 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '/')
    const before = in14Days()
    const { sb, token } = await session()
    const expire = ((await login(sb, token, '0928765432')).body['point_card'] as { expire: { date: string } }).expire
    expect([before, in14Days()]).toContain(expire.date)
  })

  it('gives a member coupons in every state', async () => {
    const { sb, token } = await session()
    const coupons = (await login(sb, token, '0912345678')).body['coupon_list'] as Record<string, unknown>[]
    const byCode = new Map(coupons.map((c) => [(c['barcode'] as { code: string }).code, c]))
    expect(byCode.get('USED4K9P2M')).toMatchObject({ used: '1', used_time: '2026-03-02 12:41:09' })
    expect(byCode.get('EXP7Q2W9RT')).toMatchObject({ expired: '1' })
    const late = byCode.get('LATE3D8H2K')!
    expect(late['expired']).toBe('0')
    expect(Date.parse((late['end_time'] as string).replace(' ', 'T') + '+08:00')).toBeLessThan(Date.now())
    expect(byCode.get('NR5T8Y2U1I')!['redeemable']).toBe(false)
    const soon = byCode.get('SOON-7D-Z4X8')!
    expect(Date.parse((soon['start_time'] as string).replace(' ', 'T') + '+08:00')).toBeGreaterThan(Date.now())
    expect(byCode.get('A7X9Q2')!['multi_enable']).toBe(true)
    expect(byCode.get('TW2026COFFEE-0001-ABCDEF')).toMatchObject({ id: 'TW2026COFFEE-0001-ABCDEF', used: '0', expired: '0', redeemable: true })
  })

  it("keeps one member's broken properties string as it is", async () => {
    const { sb, token } = await session()
    const coupons = (await login(sb, token, '0958222678')).body['coupon_list'] as { properties: string }[]
    const broken = coupons.filter((c) => {
      try {
        JSON.parse(c.properties)
        return false
      } catch {
        return true
      }
    })
    expect(broken).toHaveLength(1)
  })

  it('answers 404 查無此會員 for a non-member and 404 for an unknown store', async () => {
    const { sb, token } = await session()
    const none = await login(sb, token, NOT_A_MEMBER)
    expect(none.status).toBe(404)
    expect(none.body).toEqual({ message: '查無此會員' })
    const store = await login(sb, token, EXAMPLE_PHONE, '0000')
    expect(store.status).toBe(404)
    expect(store.body['message']).toBe('查無此門市')
  })

  it('answers 400 for missing fields, a malformed phone, a non-JSON body or the wrong content type', async () => {
    const { sb, token } = await session()
    const path = '/v1/user/ocard/login'
    const noPhone = await call<{ message: string }>(sb, token, path, { json: { store_id: DEMO_STORE } })
    expect(noPhone.status).toBe(400)
    expect(noPhone.body.message).toContain('phone_number')
    const noStore = await call<{ message: string }>(sb, token, path, { json: { phone_number: EXAMPLE_PHONE } })
    expect(noStore.body.message).toContain('store_id')
    expect((await login(sb, token, '0903-515-908')).status).toBe(400)
    const numericStore = await call(sb, token, path, { json: { store_id: 9920, phone_number: EXAMPLE_PHONE } })
    expect(numericStore.status).toBe(400)
    const notJson = await call<{ message: string }>(sb, token, path, {
      rawBody: '{"store_id": "9920",', contentType: 'application/json',
    })
    expect(notJson.status).toBe(400)
    expect(notJson.body.message).toMatch(/JSON/)
    const form = await call(sb, token, path, {
      rawBody: `store_id=${DEMO_STORE}&phone_number=${EXAMPLE_PHONE}`,
      contentType: 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(400)
  })
})

describe('GET /v1/user/ocard', () => {
  it('returns member and point card, mobile in 09 form, without the display fields', async () => {
    const { sb, token } = await session()
    const res = await memberData(sb, token, EXAMPLE_PHONE)
    expect(res.status).toBe(200)
    expect(res.body['member']).toEqual({
      head_image: 'https://d3egcl3bvwgcig.cloudfront.net/user/51eed9112f1c1d944d3f4a257b9cc187_m.jpg',
      id: '-JR04E188',
      name: 'Chien YH',
      mobile: '0903515908',
      group_id: '01',
      group_name: 'VIP_LV1 測試',
      carrier: '/XXX1XXX',
    })
    expect(res.body['point_card']).toEqual({
      point: '16088', spend: '1320', convert: '100', available_gift_count: '9', title: '電子集點', content: '電子集點',
      expire: { date: '2026/12/31', point: 16088 },
    })
  })

  it('answers a non-member with HTTP 200 and exactly the vendor\'s all-null example', async () => {
    const { sb, token } = await session()
    const res = await memberData(sb, token, NOT_A_MEMBER)
    expect(res.status).toBe(200)
    expect(res.body).toStrictEqual({
      member: { head_image: null, id: null, name: null, mobile: null, group_id: null, group_name: null },
      point_card: null,
    })
  })

  it('leaves carrier out for a member without one, and keeps the expire array', async () => {
    const { sb, token } = await session()
    const res = await memberData(sb, token, '0935111678')
    expect(res.body['member']).not.toHaveProperty('carrier')
    expect(Array.isArray((res.body['point_card'] as { expire: unknown }).expire)).toBe(true)
  })

  it('answers 400 for missing shop_id or mobile, 404 for an unknown shop', async () => {
    const { sb, token } = await session()
    expect((await call(sb, token, `/v1/user/ocard?mobile=${EXAMPLE_PHONE}`)).status).toBe(400)
    expect((await call(sb, token, `/v1/user/ocard?shop_id=${DEMO_STORE}`)).status).toBe(400)
    expect((await call(sb, token, `/v1/user/ocard?shop_id=${DEMO_STORE}&mobile=`)).status).toBe(400)
    expect((await memberData(sb, token, EXAMPLE_PHONE, '000030')).status).toBe(404)
  })
})

describe('GET /v1/stores', () => {
  it('lists the stores, the demo store 9920 信義旗艦店 among them', async () => {
    const { sb, token } = await session()
    const res = await call<{ stores: Record<string, unknown>[] }>(sb, token, '/v1/stores')
    expect(res.status).toBe(200)
    // The seed's four stores, in the seed's order.
    expect(res.body.stores.map((s) => s['id'])).toEqual(['9920', '9921', '9922', '9930'])
    expect(res.body.stores).toContainEqual(expect.objectContaining({ id: '9920', name: '信義旗艦店' }))
    for (const s of res.body.stores) expect(Object.keys(s).sort()).toEqual(['business_hours', 'id', 'name', 'phone'])
  })
})

describe('GET /v1/user/members', () => {
  it('finds every member ending with the three digits (a pick list)', async () => {
    const { sb, token } = await session()
    const res = await call<{ members: Record<string, unknown>[] }>(
      sb, token, '/v1/user/members?type=PHONE_NUMBER&id=678',
    )
    expect(res.status).toBe(200)
    expect(res.body.members.map((m) => m['mobile']).sort()).toEqual(['0912345678', '0935111678', '0958222678'])
    expect(Object.keys(res.body.members[0]!).sort()).toEqual(
      ['carrier', 'group_id', 'group_name', 'head_image', 'id', 'mobile', 'name'],
    )
    const none = await call<{ members: unknown[] }>(sb, token, '/v1/user/members?type=PHONE_NUMBER&id=000')
    expect(none.status).toBe(200)
    expect(none.body.members).toEqual([])
  })

  it('finds a member by full VIP id', async () => {
    const { sb, token } = await session()
    const res = await call<{ members: { name: string }[] }>(sb, token, '/v1/user/members?type=VIP_ID&id=BLK-000001')
    expect(res.body.members.map((m) => m.name)).toEqual(['張家豪'])
    const partial = await call<{ members: unknown[] }>(sb, token, '/v1/user/members?type=VIP_ID&id=BLK')
    expect(partial.body.members).toEqual([])
  })

  it('answers 400 for a bad type or id, naming the field in words', async () => {
    const { sb, token } = await session()
    const badType = { message: 'type 只接受 PHONE_NUMBER 或 VIP_ID', field: 'type' }
    const badSuffix = { message: 'id 必須為手機號碼末三碼', field: 'id' }
    const cases: Array<[string, { message: string; field: string }]> = [
      ['type=EMAIL&id=678', badType],
      ['id=678', badType],
      ['type=PHONE_NUMBER&id=5678', badSuffix],
      ['type=PHONE_NUMBER&id=6a8', badSuffix],
      ['type=VIP_ID&id=', { message: '缺少 id (會員編號)', field: 'id' }],
    ]
    for (const [q, answer] of cases) {
      const res = await call(sb, token, `/v1/user/members?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.body, q).toEqual(answer)
    }
  })
})
