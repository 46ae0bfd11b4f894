// settings:testConnection against real servers, and how settings and the secret are stored.

import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConnectionTestReport, SettingsView } from '../../../electron/shared/contract'
import { allFiles, coreFor, deadPort, envFor, findLeaks, onCleanup, sandbox, STORE, tempDir } from './helpers'

/** A local https server with a self-signed certificate made by the openssl CLI. */
async function selfSignedServer(): Promise<string> {
  const dir = tempDir('cc-tls-')
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' })
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"access_token":"never-used","expires_in":3600}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  onCleanup(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  )
  return `https://127.0.0.1:${(server.address() as { port: number }).port}`
}

describe('settings:testConnection', () => {
  it('success reports the store name (and remembers it)', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    const r = await call<ConnectionTestReport>('settings:testConnection')
    expect(r).toEqual({ ok: true, value: { ok: true, stage: 'done', storeCount: 4, storeName: '信義旗艦店' } })
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { storeName: '信義旗艦店' } })
  })

  it('wrong secret → stage token, UNAUTHORIZED', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb, { POS_CLIENT_SECRET: 'not-the-secret' }))
    const r = await call<ConnectionTestReport>('settings:testConnection')
    expect(r).toMatchObject({ ok: true, value: { ok: false, stage: 'token', error: { code: 'UNAUTHORIZED' } } })
    expect(sb.stats.tokenRequests).toBe(1)
  })

  it('unreachable host → OFFLINE', async () => {
    const sb = await sandbox()
    const port = await deadPort()
    const { call } = await coreFor(
      envFor(sb, { POS_AUTH_URL: `http://127.0.0.1:${port}/oauth/v1/token`, POS_API_BASE_URL: `http://127.0.0.1:${port}` }),
    )
    const r = await call<ConnectionTestReport>('settings:testConnection')
    expect(r).toMatchObject({ ok: true, value: { ok: false, stage: 'token', error: { code: 'OFFLINE' } } })
  })

  it("a store id the vendor does not know → stage 'store-id'", async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb, { POS_STORE_ID: '1234' }))
    const r = await call<ConnectionTestReport>('settings:testConnection')
    expect(r).toMatchObject({ ok: true, value: { ok: false, stage: 'store-id', storeCount: 4, error: { code: 'NOT_FOUND' } } })
  })

  it('a certificate that does not verify → TLS', async () => {
    expect(execFileSync('which', ['openssl']).toString().trim()).not.toBe('')
    const sb = await sandbox()
    const base = await selfSignedServer()
    const { call } = await coreFor(envFor(sb, { POS_AUTH_URL: `${base}/oauth/v1/token`, POS_API_BASE_URL: base }))
    const r = await call<ConnectionTestReport>('settings:testConnection')
    expect(r).toMatchObject({ ok: true, value: { ok: false, stage: 'token', error: { code: 'TLS' } } })
    // And a member call on the same settings says TLS too (not OFFLINE, not retried into a timeout).
    const lookup = await call('member:find', { phone: '0903515908' })
    expect(lookup).toMatchObject({ ok: false, error: { code: 'TLS' } })
  })
})

describe('settings storage', () => {
  it('settings.json is 0600; the secret is sealed, never returned, and works', async () => {
    const sb = await sandbox()
    const env = envFor(sb, { POS_CLIENT_SECRET: undefined })
    const { call, dataDir } = await coreFor(env)
    const set = await call<SettingsView>('settings:setSecret', { secret: sb.clientSecret })
    expect(set.ok && set.value.secretSet).toBe(true)
    const view = await call<SettingsView>('settings:get')
    expect(view.ok && view.value.secretSet).toBe(true)
    expect(JSON.stringify(view)).not.toContain(sb.clientSecret)
    expect(Object.keys(view.ok ? view.value : {})).not.toContain('clientSecret')

    const file = join(dataDir, 'settings.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(typeof stored.sealedSecret).toBe('string')
    expect((stored.sealedSecret as string).length).toBeGreaterThan(20)
    for (const f of allFiles(dataDir)) expect(findLeaks(f.bytes, [sb.clientSecret]), f.path).toEqual([])

    // The sealed secret is the one used: the connection works.
    expect(await call('settings:testConnection')).toMatchObject({ ok: true, value: { ok: true } })
  })

  it('environment variables override stored values, are listed in fromEnvironment, and cannot be set', async () => {
    const sb = await sandbox()
    const dataDir = tempDir('cc-core-')
    // First run without the environment: a store id is saved.
    const first = await coreFor({}, dataDir)
    expect(await first.call('settings:set', { storeId: '9921', language: 'en' })).toMatchObject({ ok: true, value: { storeId: '9921' } })
    await first.core.close()

    const second = await coreFor(envFor(sb), dataDir)
    const view = await second.call<SettingsView>('settings:get')
    expect(view.ok).toBe(true)
    if (!view.ok) return
    expect(view.value.storeId).toBe(STORE)
    expect(view.value.apiBaseUrl).toBe(sb.apiBaseUrl)
    expect(view.value.language).toBe('en') // not fixed by the environment: the stored value
    expect(view.value.fromEnvironment.sort()).toEqual(['apiBaseUrl', 'authUrl', 'clientId', 'clientSecret', 'storeId'])
    expect(view.value.secretSet).toBe(true)

    const blocked = await second.call('settings:set', { storeId: '9922' })
    expect(blocked).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { storeId: 'settings.fromEnvironment' } } })
    const secret = await second.call('settings:setSecret', { secret: 'another' })
    expect(secret).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { clientSecret: 'settings.fromEnvironment' } } })
    // The stored value underneath is untouched.
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ storeId: '9921' })
  })
})
