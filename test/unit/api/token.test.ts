// The bearer token over real HTTP: fetched once, form-encoded with scope=api, reused,
// refreshed ahead of expiry, shared by concurrent callers, renewed once after a 401.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { sharedMessage } from '../../../electron/shared/messages'
import { clientFor, coreFor, credentialsOf, envFor, EXAMPLE_PHONE, failure, sandbox } from './helpers'

afterEach(() => {
  vi.useRealTimers()
})

describe('token', () => {
  it('is fetched once (form-encoded, scope=api — the sandbox refuses anything else) and reused', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    const view = await members.lookup(EXAMPLE_PHONE)
    expect(view.profile.name).toBe('Chien YH')
    await members.find('0912345678')
    await members.search({ by: 'phoneSuffix', value: '678' })
    await members.stores()
    expect(sb.stats.tokenRequests).toBe(1)
    expect(sb.stats.apiRequests).toBe(4)
    // Every API call carried the one token: no 401 was answered.
    expect(sb.stats.timings.filter((t) => t.status === 401)).toEqual([])
    expect(sb.stats.issuedTokens).toHaveLength(1)
    // The test-only record of issued tokens is not served over HTTP.
    const served = await (await fetch(`${sb.apiBaseUrl}/__sandbox/stats`)).text()
    expect(served).toContain('"tokenRequests":1')
    expect(served).not.toContain(sb.stats.issuedTokens[0]!)
  })

  it('is refreshed ahead of expires_in, before the vendor would refuse it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const t0 = Date.parse('2026-03-01T02:00:00Z')
    vi.setSystemTime(t0)
    // 600 s lifetime: the client refreshes a minute early, at 540 s.
    const sb = await sandbox({ tokenTtlSeconds: 600 })
    const { members } = await clientFor(sb)

    await members.find(EXAMPLE_PHONE)
    expect(sb.stats.tokenRequests).toBe(1)

    vi.setSystemTime(t0 + 500_000)
    await members.find(EXAMPLE_PHONE)
    expect(sb.stats.tokenRequests).toBe(1)

    vi.setSystemTime(t0 + 545_000) // still valid at the vendor (expires at 600 s)
    await members.find(EXAMPLE_PHONE)
    expect(sb.stats.tokenRequests).toBe(2)
    // Refreshed proactively: no call was refused on the way.
    expect(sb.stats.timings.filter((t) => t.status === 401)).toEqual([])
    expect(sb.stats.apiRequests).toBe(3)

    // The new token is used afterwards, still without another fetch.
    vi.setSystemTime(t0 + 700_000)
    await members.find(EXAMPLE_PHONE)
    expect(sb.stats.tokenRequests).toBe(2)
    expect(sb.stats.timings.filter((t) => t.status === 401)).toEqual([])
  })

  it('single flight: 20 concurrent member:lookup calls on a cold client → exactly one token request', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    const phones = ['0903515908', '0912345678', '0928765432', '0935111678', '0958222678']
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call('member:lookup', { phone: phones[i % 5] })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(sb.stats.tokenRequests).toBe(1)
    // Each lookup is one login plus the member-data fetch beside it (for the carrier).
    expect(sb.stats.timings.filter((t) => t.path === '/v1/user/ocard/login')).toHaveLength(20)
    expect(sb.stats.apiRequests).toBe(40)
  })

  it('a revoked token is replaced transparently with one new token, even for 20 concurrent calls', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    await members.find(EXAMPLE_PHONE)
    expect(sb.stats.tokenRequests).toBe(1)

    sb.faults.revokeTokens()
    const member = await members.find(EXAMPLE_PHONE)
    expect(member.name).toBe('Chien YH')
    expect(sb.stats.tokenRequests).toBe(2)
    expect(sb.stats.apiRequests).toBe(3) // 1 + (401 + retry)

    sb.faults.revokeTokens()
    const all = await Promise.all(Array.from({ length: 20 }, () => members.find('0912345678')))
    expect(all.map((m) => m.name)).toEqual(Array(20).fill('王小明'))
    expect(sb.stats.tokenRequests).toBe(3)
  })

  it('a second 401 after the refresh → UNAUTHORIZED, "credentials refused", one refresh only', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    expect((await call('member:find', { phone: EXAMPLE_PHONE })).ok).toBe(true)
    sb.faults.failNext(401, 2)
    const r = await call('member:find', { phone: EXAMPLE_PHONE })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('UNAUTHORIZED')
    expect(r.error.message).toBe(sharedMessage('zh-TW', 'error.UNAUTHORIZED'))
    expect(r.error.message).toContain('拒絕')
    expect(r.error.fromVendor).toBeUndefined()
    expect(sb.stats.tokenRequests).toBe(2) // the first, and one refresh
    expect(sb.stats.apiRequests).toBe(3) // 1 ok, 401, 401 — no third try
  })

  it('credentials changed while a token request is in flight: the check uses the new ones, the old token is not kept', async () => {
    const sb = await sandbox()
    const creds = credentialsOf(sb)
    const { members, vendor } = await clientFor(sb, { credentials: () => creds })
    sb.faults.setLatency(300)
    const pending = members.find(EXAMPLE_PHONE) // token request with the right secret, in flight
    await new Promise((r) => setTimeout(r, 50))
    creds.clientSecret = 'typed-wrong'
    vendor.resetToken()
    const check = await failure(() => vendor.checkToken())
    expect(check.code).toBe('UNAUTHORIZED')
    await pending // the call that started with the old credentials may finish with them
    sb.faults.setLatency(0)
    // Nothing from before the change was kept: the next call asks again, and is refused.
    const next = await failure(() => members.find(EXAMPLE_PHONE))
    expect(next.code).toBe('UNAUTHORIZED')
  })

  it('credentials refused by the token endpoint: UNAUTHORIZED after ONE token request (no refresh loop)', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb, {}, { clientSecret: 'wrong-secret' })
    const f = await failure(() => members.find(EXAMPLE_PHONE))
    expect(f.code).toBe('UNAUTHORIZED')
    expect(sb.stats.tokenRequests).toBe(1)
    expect(sb.stats.apiRequests).toBe(0)
  })
})
