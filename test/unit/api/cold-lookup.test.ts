// Issue 12.1: the first lookup after start waited for a token request in front of its login.
// Core now fetches the token when it starts, without claiming any connection state.

import { describe, expect, it, vi } from 'vitest'
import type { AppInfo } from '../../../electron/shared/contract'
import { coreFor, deadPort, envFor, EXAMPLE_PHONE, sandbox } from './helpers'

describe('the first lookup after start', () => {
  it('finds the token already fetched: core asks for it at start, and the lookup sends only its login and member data', async () => {
    const sb = await sandbox()
    // The connection check is far away: only the warm-up can have asked for the token.
    const rig = await coreFor(envFor(sb), undefined, { tuning: { startCheckDelayMs: 60_000 } })
    await vi.waitFor(() => expect(sb.stats.tokenRequests).toBe(1), { timeout: 5000 })
    // Fetching a token claims nothing: the header still says "checking".
    const info = await rig.call<AppInfo>('app:info')
    expect(info.ok && info.value.connection.state).toBe('checking')

    sb.stats.reset()
    const r = await rig.call<{ profile: { name: string } }>('member:lookup', { phone: EXAMPLE_PHONE })
    expect(r.ok && r.value.profile.name).toBe('Chien YH')
    expect(sb.stats.tokenRequests).toBe(0)
    expect(sb.stats.timings.map((t) => t.path)).toContain('/v1/user/ocard/login')
  })

  it('claims nothing when the warm-up finds no vendor: the header still says checking, and the lookup answers offline as before', async () => {
    const sb = await sandbox()
    const dead = `http://127.0.0.1:${await deadPort()}`
    const rig = await coreFor(envFor(sb, { POS_AUTH_URL: `${dead}/oauth/v1/token` }), undefined, { tuning: { startCheckDelayMs: 60_000 } })
    await new Promise((r) => setTimeout(r, 300))
    const info = await rig.call<AppInfo>('app:info')
    expect(info.ok && info.value.connection.state).toBe('checking')
    const r = await rig.call('member:lookup', { phone: EXAMPLE_PHONE })
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(sb.stats.apiRequests).toBe(0)
  })
})
