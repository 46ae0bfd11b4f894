// Issue 13.2: the real client (createCore: vendor client, member service, connection monitor,
// cache, outbox) against the sandbox speaking each dialect, over real HTTP. Every dialect:
// a member's card, a non-member, and the sandbox's self-check stays quiet.
import { describe, expect, it } from 'vitest'
import { DIALECTS, type Dialect } from '../../../electron/sandbox/dialects'
import type { AppInfo, SignupOutcome } from '../../../electron/shared/contract'
import type { MemberView } from '../../../electron/shared/types'
import { coreFor, envFor, EXAMPLE_PHONE, NOT_A_MEMBER, sandbox } from './helpers'

async function rig(dialects: Dialect[]) {
  const sb = await sandbox({ dialects })
  const core = await coreFor(envFor(sb))
  return { sb, ...core }
}

/** Dialects in which the vendor is reachable and answers (the captive portal ones are not). */
const ANSWERING = DIALECTS.filter((d) => !d.startsWith('captive'))

describe.each(ANSWERING)('dialect %s', (dialect) => {
  it('a member gets the same card as with the documented vendor; a non-member is "not a member"', async () => {
    const plain = await rig([])
    const expected = await plain.call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
    const { sb, call } = await rig([dialect])
    const got = await call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
    expect(got.ok, JSON.stringify(got)).toBe(true)
    if (!got.ok || !expected.ok) return
    const strip = (v: MemberView) => ({ ...v, fetchedAt: '', profile: { ...v.profile, carrier: undefined } })
    const card = strip(got.value)
    const want = strip(expected.value)
    if (dialect.startsWith('expire-')) {
      // expire null / missing: nothing about to expire; as a list: the same entry.
      const expiring = dialect === 'expire-array' ? want.pointCard?.expiring : []
      expect(card.pointCard?.expiring).toEqual(expiring)
      expect({ ...card, pointCard: { ...card.pointCard, expiring: [] } }).toEqual({ ...want, pointCard: { ...want.pointCard, expiring: [] } })
    } else {
      expect(card).toEqual(want)
    }

    const none = await call('member:lookup', { phone: NOT_A_MEMBER })
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const find = await call('member:find', { phone: NOT_A_MEMBER })
    expect(find).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const carrier = await call<{ carrier: string | null }>('member:carrier', { phone: EXAMPLE_PHONE })
    expect(carrier).toEqual({ ok: true, value: { carrier: '/XXX1XXX' } })
    expect(sb.stats.shapeProblems).toEqual([])
  })
})

describe('dialect-specific behaviour', () => {
  it('errors-200: a refused sign-up is shown in the vendor’s words and never taken as created', async () => {
    const { sb, call } = await rig(['errors-200'])
    const r = await call<SignupOutcome>('member:signup', { phone: EXAMPLE_PHONE, name: '重複' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VENDOR', message: '此手機號碼已註冊為會員', fromVendor: true } })
    expect(sb.stats.signupPosts).toBe(1)
  })

  it('rate-limit: a read waits for Retry-After and succeeds; a sign-up is not retried on its own', async () => {
    const { sb, call } = await rig(['rate-limit-seconds'])
    const started = performance.now()
    const got = await call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
    expect(got.ok).toBe(true)
    expect(performance.now() - started).toBeGreaterThanOrEqual(900)
    const signup = await call('member:signup', { phone: '0911222333', name: '新朋友' })
    expect(signup).toMatchObject({ ok: false, error: { code: 'VENDOR' } })
    expect(sb.stats.signupPosts).toBe(1)
  })

  it('expires-in null/missing: one token for many calls (an hour, not every call)', async () => {
    for (const d of ['expires-in-null', 'expires-in-missing', 'expires-in-string'] as const) {
      const { sb, call } = await rig([d])
      for (let i = 0; i < 3; i++) expect((await call('member:lookup', { phone: EXAMPLE_PHONE })).ok).toBe(true)
      expect(sb.stats.tokenRequests, d).toBe(1)
    }
  })

  it.each(['captive-portal', 'captive-redirect'] as const)('%s: offline with reason "intercepted", the offline copy served', async (d) => {
    const { sb, call } = await rig([])
    expect((await call('member:lookup', { phone: EXAMPLE_PHONE })).ok).toBe(true)
    sb.dialects.set([d])
    const got = await call<MemberView>('member:lookup', { phone: EXAMPLE_PHONE })
    expect(got).toMatchObject({ ok: true, value: { source: 'cache', profile: { name: 'Chien YH', carrier: '/XXX1XXX' } } })
    const info = await call<AppInfo>('app:info')
    expect(info).toMatchObject({ ok: true, value: { connection: { state: 'offline', reason: 'intercepted' } } })
    // Never seen before: no copy, so the staff see "offline".
    expect(await call('member:lookup', { phone: '0912345678' })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })
})
