// Demo only when nothing is configured; a live configuration that cannot work says what is
// missing, serves nobody, and keeps sign-ups in the outbox until it works. The secret is
// bound to the auth URL's origin and the client id it was entered for.

import { createServer } from 'node:http'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, ConnectionTestReport, SettingsView } from '../../../electron/shared/contract'
import { coreFor, demoVendor, envFor, onCleanup, sandbox, STORE, tempDir } from '../api/helpers'

const SIGNUP = { phone: '0987002001', name: '設定 測試' }

/** A loopback server that records every request: where a secret must never arrive. */
async function captureServer(): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      hits.push(`${req.method} ${req.url} ${body}`)
      res.writeHead(500).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  onCleanup(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits }
}

const settingsFile = (dir: string) => join(dir, 'settings.json')
const readStored = (dir: string) => JSON.parse(readFileSync(settingsFile(dir), 'utf8')) as Record<string, unknown>
const editStored = (dir: string, change: Record<string, unknown>) => writeFileSync(settingsFile(dir), JSON.stringify({ ...readStored(dir), ...change }))

describe('demo only when nothing is configured', () => {
  it('nothing configured: the demo vendor the host started, no problem', async () => {
    const { call } = await coreFor({})
    expect(await call('app:info')).toMatchObject({ ok: true, value: { mode: 'demo', configProblems: [], storeId: '9920', storeName: '信義旗艦店' } })
    expect(await call('member:find', { phone: '0903515908' })).toMatchObject({ ok: true })
  })

  it('URLs and client id but no secret: live, says what is missing, serves no member, queues sign-ups until the secret comes', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb, { POS_CLIENT_SECRET: undefined }), undefined, { demo: await demoVendor() })
    const info = await call<AppInfo>('app:info')
    expect(info).toMatchObject({ ok: true, value: { mode: 'live', configProblems: [{ code: 'missing', field: 'clientSecret' }] } })
    // The demo vendor is there, but a live configuration never falls back to it.
    expect(await call('member:lookup', { phone: '0903515908' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
    expect(await call('member:search', { by: 'phoneSuffix', value: '908' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
    const queued = await call<{ status: string }>('member:signup', SIGNUP)
    expect(queued).toMatchObject({ ok: true, value: { status: 'queued' } })
    expect(sb.stats.tokenRequests + sb.stats.apiRequests).toBe(0)

    // The secret is entered: the configuration works, and the queued sign-up goes out once.
    expect(await call<SettingsView>('settings:setSecret', { secret: sb.clientSecret })).toMatchObject({ ok: true, value: { secretSet: true } })
    expect(await call('app:info')).toMatchObject({ ok: true, value: { mode: 'live', configProblems: [] } })
    await vi.waitFor(async () => expect(await call('outbox:list')).toMatchObject({ ok: true, value: [{ state: 'done' }] }), { timeout: 10_000 })
    expect(sb.stats.signupPosts).toBe(1)
  })

  it('one stored connection setting is enough to mean live', async () => {
    const dir = tempDir('cc-core-')
    const first = await coreFor({}, dir)
    expect(await first.call('settings:set', { clientId: 'store-7' })).toMatchObject({ ok: true })
    expect(await first.call('app:info')).toMatchObject({
      ok: true,
      value: {
        mode: 'live',
        configProblems: [
          { code: 'missing', field: 'apiBaseUrl' },
          { code: 'missing', field: 'authUrl' },
          { code: 'missing', field: 'clientSecret' },
          { code: 'missing', field: 'storeId' },
        ],
      },
    })
    expect(await first.call('member:find', { phone: '0903515908' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
  })

  it('a sealed secret whose key is gone (keys/ deleted) is reported unreadable, not silently demo', async () => {
    const sb = await sandbox()
    const dir = tempDir('cc-core-')
    const env = envFor(sb, { POS_CLIENT_SECRET: undefined })
    const first = await coreFor(env, dir)
    await first.call('settings:setSecret', { secret: sb.clientSecret })
    expect(await first.call('app:info')).toMatchObject({ ok: true, value: { mode: 'live', configProblems: [] } })
    await first.core.close()

    rmSync(join(dir, 'keys'), { recursive: true, force: true })
    const second = await coreFor(env, dir)
    expect(await second.call('app:info')).toMatchObject({ ok: true, value: { mode: 'live', configProblems: [{ code: 'secretUnreadable', field: 'clientSecret' }] } })
    expect(await second.call<SettingsView>('settings:get')).toMatchObject({ ok: true, value: { secretSet: false } })
    expect(await second.call('member:signup', SIGNUP)).toMatchObject({ ok: true, value: { status: 'queued' } })
  })
})

describe('the secret is bound to where it may go', () => {
  async function configured() {
    const sb = await sandbox()
    const rig = await coreFor({ POS_STORE_ID: STORE })
    await rig.call('settings:set', { apiBaseUrl: sb.apiBaseUrl, authUrl: sb.authUrl, clientId: sb.clientId })
    expect(await rig.call('settings:setSecret', { secret: sb.clientSecret })).toMatchObject({ ok: true, value: { secretSet: true } })
    return { sb, ...rig }
  }

  it('a new auth origin or client id clears it (audited); a new path on the same origin keeps it', async () => {
    const { sb, call, dataDir, core } = await configured()
    expect(await call<SettingsView>('settings:set', { authUrl: `${sb.authUrl}?v=2` })).toMatchObject({ ok: true, value: { secretSet: true } })
    expect(await call<SettingsView>('settings:set', { clientId: 'another-client' })).toMatchObject({ ok: true, value: { secretSet: false } })
    expect(readStored(dataDir).sealedSecret).toBe('')
    // The audit trail as stored in the local database.
    const audit = JSON.stringify(core.auditTrail())
    expect(audit).toContain('"keys":["clientId","clientSecret"]')

    await call('settings:set', { clientId: sb.clientId })
    await call('settings:setSecret', { secret: sb.clientSecret })
    const other = await captureServer()
    expect(await call<SettingsView>('settings:set', { authUrl: `${other.url}/oauth/v1/token` })).toMatchObject({ ok: true, value: { secretSet: false } })
    expect(await call<ConnectionTestReport>('settings:testConnection')).toMatchObject({ ok: true, value: { ok: false, stage: 'config' } })
    expect(other.hits).toEqual([])
  })

  it('test connection never posts it to a host it was not sealed for (settings.json edited by hand)', async () => {
    const { call, dataDir } = await configured()
    const other = await captureServer()
    editStored(dataDir, { authUrl: `${other.url}/oauth/v1/token` })
    expect(await call('app:info')).toMatchObject({ ok: true, value: { configProblems: [{ code: 'secretUnbound', field: 'clientSecret' }] } })
    expect(await call<ConnectionTestReport>('settings:testConnection')).toMatchObject({ ok: true, value: { ok: false, stage: 'config', error: { code: 'NOT_CONFIGURED' } } })
    expect(await call('member:find', { phone: '0903515908' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
    expect(other.hits).toEqual([])
  })

  it('a secret from the environment is used only with URLs from the environment', async () => {
    const other = await captureServer()
    const { call } = await coreFor({ POS_CLIENT_SECRET: 'env-secret-value', POS_CLIENT_ID: 'c', POS_STORE_ID: STORE })
    expect(await call('settings:set', { apiBaseUrl: other.url, authUrl: `${other.url}/oauth/v1/token` })).toMatchObject({ ok: true })
    expect(await call('app:info')).toMatchObject({ ok: true, value: { mode: 'live', configProblems: [{ code: 'envSecretNeedsEnvUrls', field: 'clientSecret' }] } })
    expect(await call<ConnectionTestReport>('settings:testConnection')).toMatchObject({ ok: true, value: { ok: false, stage: 'config' } })
    expect(other.hits).toEqual([])
  })

  it('auth and API URLs must be https, except loopback, with a localised reason', async () => {
    const { call } = await coreFor({ POS_LANG: 'en' })
    for (const field of ['apiBaseUrl', 'authUrl']) {
      const r = await call('settings:set', { [field]: 'http://vendor.example/api' })
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { [field]: 'settings.httpsRequired' } } })
    }
    expect(await call('settings:set', { apiBaseUrl: 'https://omni.vendor.example', authUrl: 'http://127.0.0.1:8080/token' })).toMatchObject({ ok: true })
    expect(await call('settings:set', { authUrl: 'http://localhost:8080/token' })).toMatchObject({ ok: true })
    // Given by the environment, the same rule shows as a configuration problem.
    const env = await coreFor({ POS_API_BASE_URL: 'http://omni.vendor.example', POS_AUTH_URL: 'https://login.vendor.example/t', POS_CLIENT_ID: 'c', POS_CLIENT_SECRET: 's', POS_STORE_ID: STORE })
    expect(await env.call('app:info')).toMatchObject({ ok: true, value: { configProblems: [{ code: 'httpsRequired', field: 'apiBaseUrl' }] } })
  })

  it('a secret sealed before secrets were bound is bound once to where it is configured', async () => {
    const sb = await sandbox()
    const dir = tempDir('cc-core-')
    const env = envFor(sb, { POS_CLIENT_SECRET: undefined })
    const first = await coreFor(env, dir)
    await first.core.close()
    // What an older version wrote: the bare secret, sealed with this directory's key.
    const { Vault } = await import('../../../electron/core/storage/vault')
    const { FileKeyProtector } = await import('../../../electron/core/storage/key-protector')
    const vault = Vault.open(join(dir, 'keys', 'file'), new FileKeyProtector())
    editStored(dir, { sealedSecret: vault.seal(sb.clientSecret).toString('base64') })
    const second = await coreFor(env, dir)
    expect(await second.call('settings:testConnection')).toMatchObject({ ok: true, value: { ok: true } })
  })
})
