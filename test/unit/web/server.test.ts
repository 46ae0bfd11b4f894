import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { EventName } from '../../../electron/shared/contract'
import { socketTransport, type SocketLike } from '../../../electron/shared/socket-bridge'
import { startWebHost, type WebHost } from '../../../electron/web/server'

// Browser mode's host over real HTTP and a real WebSocket: the token, the cookie,
// Host/Origin checks, CSP, and the bridge with the renderer's own transport.

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

/** Opens the bridge socket the way a page would, or with whatever a hostile client sends. */
function openBridge(port: number, headers: Record<string, string>, path = '/api/bridge'): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers: { Host: `127.0.0.1:${port}`, ...headers } })
}

/** The HTTP status a refused handshake got (or 101 when it opened). */
function handshakeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('error', () => resolve(-1))
  })
}

/** Why the host closed the socket. */
function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)))
}

let host: WebHost
let cookie = ''
let origin = ''
const calls: Array<[unknown, unknown]> = []
let emitEvent: (name: EventName, payload: unknown) => void = () => {}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'outside.txt'), 'outside')
  host = await startWebHost({
    dispatch: async (ch, arg) => {
      calls.push([ch, arg])
      // A slow call, to show answers are matched by id, not by order.
      if (ch === 'outbox:list') await new Promise((r) => setTimeout(r, 50))
      return { ok: true, value: { ch } }
    },
    onEvent: (listener) => {
      emitEvent = listener
      return () => (emitEvent = () => {})
    },
    rendererDir: dir,
    token: 'launch-token-123',
  })
  origin = `http://127.0.0.1:${host.port}`
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
    expect((await call(host.port, '/', { headers: { Cookie: cookie, Origin: 'http://evil.example' } })).status).toBe(403)
  })

  it('opens the bridge socket only with the session cookie, our Host and our Origin, on its path', async () => {
    expect(await handshakeStatus(openBridge(host.port, { Origin: origin }))).toBe(401)
    expect(await handshakeStatus(openBridge(host.port, { Cookie: cookie }))).toBe(403) // no Origin: not our page
    expect(await handshakeStatus(openBridge(host.port, { Cookie: cookie, Origin: 'http://evil.example' }))).toBe(403)
    expect(await handshakeStatus(openBridge(host.port, { Cookie: cookie, Origin: origin, Host: 'evil.example:80' }))).toBe(421)
    expect(await handshakeStatus(openBridge(host.port, { Cookie: cookie, Origin: origin }, '/api/other'))).toBe(404)
    expect(await handshakeStatus(openBridge(host.port, { Cookie: cookie, Origin: origin }))).toBe(101)
    expect(calls).toEqual([])
  })

  it('bridges calls and events with the renderer\'s own transport, answers matched by id', async () => {
    const { invoke, subscribe } = socketTransport(() => openBridge(host.port, { Cookie: cookie, Origin: origin }) as unknown as SocketLike)
    const seen: unknown[] = []
    subscribe('outbox:changed', (p) => seen.push(p))
    const slow = invoke('outbox:list', undefined)
    const fast = invoke('member:lookup', { phone: '0912345678' })
    expect(await fast).toEqual({ ok: true, value: { ch: 'member:lookup' } })
    expect(calls.at(-1)).toEqual(['member:lookup', { phone: '0912345678' }]) // overtook the slow one
    expect(await slow).toEqual({ ok: true, value: { ch: 'outbox:list' } })
    emitEvent('outbox:changed', { pending: 2 })
    await vi.waitFor(() => expect(seen).toEqual([{ pending: 2 }]))
  })

  it('closes the socket on a frame that is not a call, without dispatching it', async () => {
    const before = calls.length
    for (const bad of ['{not json', '[]', '{"id":"1","channel":"app:info"}', '{"id":1}']) {
      const ws = openBridge(host.port, { Cookie: cookie, Origin: origin })
      await new Promise((r) => ws.once('open', r))
      ws.send(bad)
      expect(await closeCode(ws), bad).toBe(1008)
    }
    const ws = openBridge(host.port, { Cookie: cookie, Origin: origin })
    await new Promise((r) => ws.once('open', r))
    ws.send(Buffer.from('{"id":1,"channel":"app:info"}'), { binary: true })
    expect(await closeCode(ws)).toBe(1008)
    expect(calls.length).toBe(before)
  })

  it('refuses frames over the size limit', async () => {
    const ws = openBridge(host.port, { Cookie: cookie, Origin: origin })
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ id: 1, channel: 'member:signup', arg: 'x'.repeat(300 * 1024) }))
    expect(await closeCode(ws)).toBe(1009)
  })

  it('answers calls in flight with "not reachable" when the host goes, and reopens for the next call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
    let release: () => void = () => {}
    const h = await startWebHost({
      dispatch: (ch) => (ch === 'outbox:list' ? new Promise(() => (release = () => {})) : Promise.resolve({ ok: true, value: ch })),
      onEvent: () => () => {},
      rendererDir: dir,
      token: 't0',
    })
    const c = String((await call(h.port, '/?token=t0')).headers['set-cookie']).split(';')[0]!
    let opened = 0
    const { invoke } = socketTransport(() => {
      opened++
      return openBridge(h.port, { Cookie: c, Origin: `http://127.0.0.1:${h.port}` }) as unknown as SocketLike
    })
    expect(await invoke('app:info', undefined)).toEqual({ ok: true, value: 'app:info' })
    const hanging = invoke('outbox:list', undefined)
    await new Promise((r) => setTimeout(r, 20))
    await h.close()
    release()
    expect(await hanging).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'local app host not reachable' } })
    expect(await invoke('app:info', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(opened).toBe(2) // the lost socket was not reused: a new one was tried
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
