// The seed loader (structure, forbidden phone, date tokens) and the demo seed's promises.

import { describe, expect, it } from 'vitest'
import seedJson from '../../../resources/sandbox/seed.json'
import { loadSeed, resolveDateTokens, SeedError, type SandboxSeed } from '../../../electron/sandbox/seed'
import { formatDateTime, formatSlashDate } from '../../../electron/sandbox/time'
import { call, memberData, sandbox, session } from './helpers'

const NOW = new Date('2026-11-23T10:00:00+08:00')
const demo = (): SandboxSeed => loadSeed(seedJson, NOW)
const copy = (): SandboxSeed => structuredClone(seedJson) as unknown as SandboxSeed

describe('date tokens', () => {
  it('turns @±Nd into the vendor date shapes, in Taipei time', () => {
    expect(resolveDateTokens('@+14d', NOW)).toBe('2026/12/07')
    expect(resolveDateTokens('@-3d 23:59:59', NOW)).toBe('2026-11-20 23:59:59')
    expect(resolveDateTokens('@+0d date', NOW)).toBe('2026-11-23')
    // 20:00 UTC on the 23rd is already the 24th in Taipei.
    expect(resolveDateTokens('@+0d', new Date('2026-11-23T20:00:00Z'))).toBe('2026/11/24')
    expect(resolveDateTokens({ a: ['@+1d', 'plain'], b: 3, c: null }, NOW)).toEqual({ a: ['2026/11/24', 'plain'], b: 3, c: null })
  })

  it('refuses a string that looks like a token but is not one', () => {
    expect(() => resolveDateTokens({ d: '@+14days' }, NOW)).toThrow(/\$\.d/)
  })

  it('formats Taipei wall-clock times', () => {
    expect(formatDateTime(new Date('2025-12-15T06:27:43Z'))).toBe('2025-12-15 14:27:43')
    expect(formatSlashDate(new Date('2026-12-30T16:00:00Z'))).toBe('2026/12/31')
  })
})

describe('loadSeed', () => {
  it('accepts the demo seed and resolves its tokens', () => {
    const seed = demo()
    expect(JSON.stringify(seed)).not.toMatch(/"@[+-]/)
    const c = seed.members.find((m) => m.phone === '0928765432')!
    expect(c.login.point_card.expire).toEqual({ date: '2026/12/07', point: 200 })
  })

  it('never seeds the not-a-member demo phone 0911000000', () => {
    const seed = copy()
    seed.members[1]!.phone = '0911000000'
    seed.members[1]!.login.user.cell = '+886911000000'
    expect(() => loadSeed(seed, NOW)).toThrow(/0911000000/)
  })

  it('refuses duplicate phones, a cell that disagrees with the phone, and bad barcodes', () => {
    const dup = copy()
    dup.members.push(structuredClone(dup.members[0]!))
    expect(() => loadSeed(dup, NOW)).toThrow(SeedError)

    const cell = copy()
    cell.members[0]!.login.user.cell = '+886900000000'
    expect(() => loadSeed(cell, NOW)).toThrow(/user\.cell/)

    const code = copy()
    code.members[0]!.login.coupon_list[0]!.barcode.code = 'AB C'
    expect(() => loadSeed(code, NOW)).toThrow(/barcode\.code/)

    const stores = copy()
    stores.members[0]!.login.point_gift[0]!.available_store = '9920'
    expect(() => loadSeed(stores, NOW)).toThrow(/available_store/)
  })

  it('requires the demo store 9920', () => {
    const seed = copy()
    seed.stores = seed.stores.filter((s) => s.id !== '9920')
    expect(() => loadSeed(seed, NOW)).toThrow(/9920/)
  })

  it('does not let a running sandbox change the seed it was given', async () => {
    const seed = demo()
    const before = JSON.stringify(seed)
    const sb = await sandbox({ seed })
    const token = (await (await fetch(sb.authUrl, {
      method: 'POST',
      body: new URLSearchParams({ client_id: sb.clientId, client_secret: sb.clientSecret, grant_type: 'client_credentials', scope: 'api' }),
    })).json() as { access_token: string }).access_token
    await call(sb, token, '/v2/user', { json: { type: 'PHONE_NUMBER', id: '0987654321' } })
    expect(JSON.stringify(seed)).toBe(before)
  })
})

describe('the demo seed', () => {
  const seed = demo()
  const byPhone = new Map(seed.members.map((m) => [m.phone, m]))

  it('has 6–8 members and the vendor example verbatim', () => {
    expect(seed.members.length).toBeGreaterThanOrEqual(6)
    expect(seed.members.length).toBeLessThanOrEqual(8)
    const a = byPhone.get('0903515908')!
    expect(a.login.user.name).toBe('Chien YH')
    expect(a.login.vip.name).toBe('VIP_LV1 測試')
    expect(a.login.point_gift.map((g) => g.id)).toEqual(['2PR65XJ6E'])
    expect(a.login.coupon_list.map((c) => c.barcode.code)).toEqual(['1NWLGQK3G'])
  })

  it('has a member with points expiring within 30 days and one with nothing expiring', () => {
    const soon = seed.members.filter((m) => {
      const e = m.login.point_card.expire
      const dates = e === undefined ? [] : (Array.isArray(e) ? e : [e]).map((x) => x.date)
      return dates.some((d) => {
        const days = (Date.parse(d.replaceAll('/', '-') + 'T00:00:00+08:00') - NOW.getTime()) / 86_400_000
        return days >= 0 && days <= 30
      })
    })
    expect(soon.map((m) => m.phone)).toEqual(['0928765432'])
    expect(seed.members.some((m) => !('expire' in m.login.point_card))).toBe(true)
  })

  it('has a gift not at 9920 and a gift beyond its member\'s points', () => {
    const c = byPhone.get('0928765432')!
    expect(c.login.point_gift.some((g) => !g.available_store.includes(',9920,'))).toBe(true)
    expect(c.login.point_gift.some((g) => Number(g.require_point) > Number(c.login.point_card.point))).toBe(true)
  })

  it('uses barcode codes of 6–24 letters, digits and dashes, some with dashes', () => {
    const codes = seed.members.flatMap((m) => m.login.coupon_list.map((c) => c.barcode.code))
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9-]{6,24}$/)
    expect(codes.some((c) => c.includes('-'))).toBe(true)
    expect(new Set(codes.map((c) => c.length)).size).toBeGreaterThan(3)
  })

  it('uses e-invoice carriers of the right shape', () => {
    // Not vacuous: the seed does hold carriers (and a member whose carrier is null), and each is checked.
    const carriers = seed.members.flatMap((m) => (typeof m.carrier === 'string' ? [m.carrier] : []))
    expect(carriers).toEqual(['/XXX1XXX', '/ABC+123', '/K8-Q.2Z', '/7N.4P+Q', '/QW.12-3'])
    for (const carrier of carriers) expect(carrier).toMatch(/^\/[0-9A-Z.+-]{7}$/)
    expect(seed.members.some((m) => m.carrier === null)).toBe(true)
  })
})

describe('opts.seed', () => {
  it('replaces the demo data', async () => {
    const seed = copy()
    seed.members = seed.members.filter((m) => m.phone === '0903515908')
    const { sb, token } = await session({ seed })
    expect((await memberData(sb, token, '0912345678')).body['point_card']).toBeNull()
    expect((await memberData(sb, token, '0903515908')).body).toMatchObject({
      member: { id: '-JR04E188', name: 'Chien YH' },
      point_card: { point: '16088' },
    })
  })

  it('is checked like the demo seed', async () => {
    const seed = copy()
    seed.members[0]!.phone = 'not a phone'
    await expect(sandbox({ seed })).rejects.toThrow(SeedError)
  })
})
