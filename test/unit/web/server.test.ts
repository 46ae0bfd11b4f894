import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/server'

// Browser mode's host over real HTTP: the token, the cookie, Host/Origin checks, CSP.

function call(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

let host: WebHost
let cookie = ''
const calls: Array<[unknown, unknown]> = []

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'outside.txt'), 'outside')
  host = await startWebHost({
    dispatch: async (ch, arg) => {
      calls.push([ch, arg])
      return { ok: true, value: { ch } }
    },
    onEvent: () => () => {},
    rendererDir: dir,
    token: 'launch-token-123',
  })
})
afterAll(() => host.close())

describe('browser-mode host', () => {
  it('listens on loopback and prints a URL with the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=launch-token-123$/)
  })

  it('refuses everything without the token', async () => {
    expect((await call(host.port, '/')).status).toBe(401)
    expect((await call(host.port, '/assets/a.js')).status).toBe(401)
    expect((await call(host.port, '/?token=wrong')).status).toBe(403)
  })

  it('trades the launch token for an HttpOnly SameSite cookie', async () => {
    const r = await call(host.port, '/?token=launch-token-123')
    expect(r.status).toBe(303)
    const set = String(r.headers['set-cookie'])
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Strict/)
    cookie = set.split(';')[0]!
    const page = await call(host.port, '/', { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.headers['content-security-policy']).toContain("object-src 'none'")
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await call(host.port, '/', { headers: { Cookie: cookie, Host: 'evil.example:80' } })).status).toBe(421)
    const r = await call(host.port, '/api/invoke/app:info', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://evil.example', 'X-Pos-Bridge': '1', 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(r.status).toBe(403)
  })

  it('bridges a call with the cookie and the bridge header only', async () => {
    const headers = { Cookie: cookie, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${host.port}` }
    expect((await call(host.port, '/api/invoke/app:info', { method: 'POST', headers, body: '{}' })).status).toBe(403)
    const r = await call(host.port, '/api/invoke/member:lookup', {
      method: 'POST',
      headers: { ...headers, 'X-Pos-Bridge': '1' },
      body: JSON.stringify({ arg: { phone: '0912345678' } }),
    })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { ch: 'member:lookup' } })
    expect(calls.at(-1)).toEqual(['member:lookup', { phone: '0912345678' }])
  })

  it('answers a broken body with VALIDATION, not a crash', async () => {
    const r = await call(host.port, '/api/invoke/app:info', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-Pos-Bridge': '1' },
      body: '{not json',
    })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('serves no file outside the renderer folder', async () => {
    expect((await call(host.port, '/../outside.txt', { headers: { Cookie: cookie } })).status).toBe(404)
    expect((await call(host.port, '/%2e%2e/outside.txt', { headers: { Cookie: cookie } })).status).toBe(404)
  })
})

describe('the benchmark heap route', () => {
  it('exists only when browser mode was given the hook, and still needs the session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
    const plain = await startWebHost({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => {}, rendererDir: dir, token: 't1' })
    const hooked = await startWebHost({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => {}, rendererDir: dir, token: 't2', benchHeap: () => ({ heapUsed: 42 }) })
    try {
      const session = async (h: WebHost, token: string) => String((await call(h.port, `/?token=${token}`)).headers['set-cookie']).split(';')[0]!
      const plainCookie = await session(plain, 't1')
      expect((await call(plain.port, '/__bench/heap', { headers: { Cookie: plainCookie } })).status).toBe(404)
      expect((await call(hooked.port, '/__bench/heap')).status).toBe(401)
      const hookedCookie = await session(hooked, 't2')
      const r = await call(hooked.port, '/__bench/heap', { headers: { Cookie: hookedCookie } })
      expect(r.status).toBe(200)
      expect(JSON.parse(r.body)).toEqual({ heapUsed: 42 })
    } finally {
      await plain.close()
      await hooked.close()
    }
  })
})
