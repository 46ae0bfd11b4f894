import { connect, createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventName } from '../../../electron/shared/contract'
import { cspHeader } from '../../../electron/shared/csp'
import { benchHooks } from '../../../electron/web/bench-hooks'
import { startWebHost, type WebHost, type WebHostOptions } from '../../../electron/web/server'
import { call, closeCode, handshakeStatus, openBridge, redeem, rendererFolder, type Answer } from './door-client'

// Browser mode's door, property by property: what every answer carries, which requests get a
// session, which connections it keeps, and what the bridge hands to which window.
// (server.test.ts walks the happy path and the traversal probes.)

const hosts: WebHost[] = []
const open: Socket[] = []
afterEach(async () => {
  for (const s of open.splice(0)) s.destroy()
  for (const h of hosts.splice(0)) await h.close()
})

async function start(opts: Partial<WebHostOptions> = {}): Promise<WebHost> {
  const h = await startWebHost({
    dispatch: async (channel) => ({ ok: true, value: channel }),
    onEvent: () => () => {},
    rendererDir: rendererFolder(),
    token: 'door-token',
    ...opts,
  })
  hosts.push(h)
  return h
}

/** A raw TCP connection to the door that we keep open until the test ends. */
function rawConnection(port: number): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve) => {
    let data = ''
    let closed = false
    const socket = connect({ host: '127.0.0.1', port })
    open.push(socket)
    socket.on('error', () => {})
    socket.on('data', (c: Buffer) => (data += c.toString('latin1')))
    socket.once('close', () => (closed = true))
    socket.once('connect', () => resolve({ socket, received: () => data, closed: () => closed }))
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('what every answer of the door carries', () => {
  it('the security headers, on pages, assets, redirects, refusals and errors alike', async () => {
    const bench = benchHooks()
    bench.routes['heap'] = () => ({ heapUsed: 1 })
    const h = await start({ rendererDir: rendererFolder({ 'index.html': '<!doctype html>', 'assets/a.js': '1' }), bench })
    const launch = new URL(h.newLaunchUrl()).search
    const first = await call(h.port, `/?token=door-token`)
    const cookie = String(first.headers['set-cookie']).split(';')[0]!
    const withSession = { headers: { Cookie: cookie } }
    const answers: Array<[string, Answer]> = [
      ['redeemed', first],
      ['page', await call(h.port, '/', withSession)],
      ['asset', await call(h.port, '/assets/a.js', withSession)],
      ['bench route', await call(h.port, '/__bench/heap', withSession)],
      ['missing file', await call(h.port, '/nothing.js', withSession)],
      ['POST', await call(h.port, '/', { ...withSession, method: 'POST', body: 'x' })],
      ['malformed path', await call(h.port, '/%E0%A4%A', withSession)],
      ['again with its session', await call(h.port, '/?token=door-token', withSession)],
      ['spent link', await call(h.port, '/?token=door-token')],
      ['second launch', await call(h.port, `/${launch}`)],
      ['unknown token', await call(h.port, '/?token=nope')],
      ['no session', await call(h.port, '/')],
      ['wrong host', await call(h.port, '/', { headers: { Cookie: cookie, Host: 'evil.example' } })],
      ['wrong origin', await call(h.port, '/', { headers: { Cookie: cookie, Origin: 'http://evil.example' } })],
    ]
    expect(answers.map(([what, a]) => [what, a.status])).toEqual([
      ['redeemed', 303],
      ['page', 200],
      ['asset', 200],
      ['bench route', 200],
      ['missing file', 404],
      ['POST', 405],
      ['malformed path', 500],
      ['again with its session', 303],
      ['spent link', 410],
      ['second launch', 303],
      ['unknown token', 403],
      ['no session', 401],
      ['wrong host', 421],
      ['wrong origin', 403],
    ])
    for (const [what, a] of answers) {
      expect(a.headers['content-security-policy'], what).toBe(cspHeader())
      // Nothing is guessed, framed, referred, shared across origins, cached, or allowed hardware.
      expect(a.headers['x-content-type-options'], what).toBe('nosniff')
      expect(a.headers['x-frame-options'], what).toBe('DENY')
      expect(a.headers['referrer-policy'], what).toBe('no-referrer')
      expect(a.headers['cross-origin-opener-policy'], what).toBe('same-origin')
      expect(a.headers['cross-origin-resource-policy'], what).toBe('same-origin')
      expect(a.headers['cache-control'], what).toBe('no-store')
      const features = String(a.headers['permissions-policy']).split(/,\s*/)
      expect(features.sort(), what).toEqual(['camera=()', 'geolocation=()', 'hid=()', 'microphone=()', 'serial=()', 'usb=()'])
    }
    // The policy itself: the page may load only its own scripts and be framed by nobody.
    expect(cspHeader()).toContain("default-src 'none'")
    expect(cspHeader()).toContain("frame-ancestors 'none'")
  })

  it('each file with its type, so nosniff never blocks a script, a style or a font', async () => {
    const files = {
      'index.html': '<!doctype html><title>staff</title>',
      'assets/a.js': 'export {}',
      'assets/s.css': 'body{}',
      'assets/i.svg': '<svg/>',
      'assets/p.png': 'png',
      'favicon.ico': 'ico',
      'assets/f.woff2': 'font',
      'assets/m.json': '{}',
      'assets/x.map': 'map',
    }
    const h = await start({ rendererDir: rendererFolder(files) })
    const withSession = { headers: { Cookie: await redeem(h.port, 'door-token') } }
    const typeOf = async (path: string) => {
      const r = await call(h.port, path, withSession)
      expect(r.status, path).toBe(200)
      return r.headers['content-type']
    }
    expect(await typeOf('/index.html')).toBe('text/html; charset=utf-8')
    expect(await typeOf('/assets/a.js')).toBe('text/javascript; charset=utf-8')
    expect(await typeOf('/assets/s.css')).toBe('text/css; charset=utf-8')
    expect(await typeOf('/assets/i.svg')).toBe('image/svg+xml')
    expect(await typeOf('/assets/p.png')).toBe('image/png')
    expect(await typeOf('/favicon.ico')).toBe('image/x-icon')
    expect(await typeOf('/assets/f.woff2')).toBe('font/woff2')
    expect(await typeOf('/assets/m.json')).toBe('application/json')
    // Anything else is bytes, never something a browser would run.
    expect(await typeOf('/assets/x.map')).toBe('application/octet-stream')
  })

  it('the page at / and at /customer (the customer display), its bytes for GET, only its headers for HEAD', async () => {
    const h = await start({ rendererDir: rendererFolder({ 'index.html': '<!doctype html><title>staff</title>' }) })
    const withSession = { headers: { Cookie: await redeem(h.port, 'door-token') } }
    for (const path of ['/', '/customer']) {
      const r = await call(h.port, path, withSession)
      expect([r.status, r.headers['content-type'], r.body], path).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>staff</title>'])
    }
    const head = await call(h.port, '/', { ...withSession, method: 'HEAD' })
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'text/html; charset=utf-8', ''])
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await call(h.port, '/', { ...withSession, method, body: 'x' })
      expect([r.status, r.body], method).toEqual([405, 'GET only'])
    }
  })
})

describe('who gets in', () => {
  it('sends the launch URL to / with its session, and tells a visitor without one what to open', async () => {
    const h = await start()
    const r = await call(h.port, '/?token=door-token')
    expect([r.status, r.headers.location]).toEqual([303, '/'])
    expect(String(r.headers['set-cookie'])).toMatch(/; Path=\/(;|$)/)
    const again = await call(h.port, '/?token=door-token', { headers: { Cookie: String(r.headers['set-cookie']).split(';')[0]! } })
    expect([again.status, again.headers.location]).toEqual([303, '/'])
    const stranger = await call(h.port, '/')
    expect(stranger.status).toBe(401)
    expect(stranger.body).toContain('open the URL printed at start-up')
    expect((await call(h.port, '/?token=x')).body).toBe('invalid token')
    // A spent link's page is the last answer on that connection, like every refusal.
    expect((await call(h.port, '/?token=door-token')).headers.connection).toBe('close')
  })

  it('refuses a request that names no host at all (HTTP/1.0 without Host)', async () => {
    const h = await start()
    const c = await rawConnection(h.port)
    c.socket.write('GET / HTTP/1.0\r\n\r\n')
    await vi.waitFor(() => expect(c.closed()).toBe(true))
    expect(c.received()).toMatch(/^HTTP\/1\.1 421 /)
    expect(c.received()).toMatch(/\r\n\r\nwrong host$/)
  })

  it('opens the launch token only at /: on any other path it starts no session', async () => {
    const h = await start()
    for (const path of ['/customer?token=door-token', '/index.html?token=door-token', '/api/bridge?token=door-token']) {
      const r = await call(h.port, path)
      expect([r.status, r.headers['set-cookie']], path).toEqual([401, undefined])
    }
    expect((await call(h.port, '/?token=door-token')).status).toBe(303) // still unspent
  })

  it('reads its session among other cookies, and only its own cookie, exactly', async () => {
    const h = await start()
    const cookie = await redeem(h.port, 'door-token')
    const session = cookie.slice('pos_session='.length)
    const status = async (Cookie: string) => (await call(h.port, '/', { headers: { Cookie } })).status
    expect(await status(`theme=dark; ${cookie}; lang=zh-TW`)).toBe(200)
    expect(await status(`${cookie};other=1`)).toBe(200)
    expect(await status(`other=${session}`)).toBe(401)
    expect(await status(`x${cookie}`)).toBe(401)
    expect(await status(`pos_session=${session.slice(0, 20)}=${session.slice(20)}`)).toBe(401)
    expect(await status(`pos_session=${session.slice(0, -1)}`)).toBe(401)
    expect(await status(`pos_session=${session}x`)).toBe(401)
    expect(await status(`pos_session=`)).toBe(401)
  })

  it('hands out a fresh unguessable launch token when none is given, and a new one per start', async () => {
    const dir = rendererFolder()
    const options = { dispatch: async () => ({ ok: true as const, value: null }), onEvent: () => () => {}, rendererDir: dir }
    const a = await startWebHost(options)
    hosts.push(a)
    const b = await startWebHost(options)
    hosts.push(b)
    const token = (h: WebHost) => new URL(h.url).searchParams.get('token') ?? ''
    expect(token(a)).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(token(b)).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(token(a)).not.toBe(token(b))
    expect((await call(a.port, `/?token=${token(a)}`)).status).toBe(303)
    expect((await call(b.port, `/?token=${token(a)}`)).status).toBe(403)
  })

  it('accepts its own names as Host and Origin and refuses any other host, port or scheme', async () => {
    const h = await start()
    const cookie = await redeem(h.port, 'door-token')
    const status = async (headers: Record<string, string>) => (await call(h.port, '/', { headers: { Cookie: cookie, ...headers } })).status
    expect(await status({ Host: `localhost:${h.port}` })).toBe(200)
    expect(await status({ Host: `127.0.0.1:${h.port}`, Origin: `http://127.0.0.1:${h.port}` })).toBe(200)
    expect(await status({ Host: `localhost:${h.port}`, Origin: `http://localhost:${h.port}` })).toBe(200)
    for (const Host of ['127.0.0.1', `127.0.0.1:${h.port + 1}`, `evil.example:${h.port}`, `127.0.0.1:${h.port}.evil.example`]) {
      const r = await call(h.port, '/', { headers: { Cookie: cookie, Host } })
      expect([r.status, r.body, r.headers.connection], Host).toEqual([421, 'wrong host', 'close'])
    }
    const origins = [`https://127.0.0.1:${h.port}`, `http://127.0.0.1:${h.port + 1}`, 'null', `http://evil.example`, `ws://127.0.0.1:${h.port}`]
    // An Origin is a scheme and a host: our host alone, or with something after it, is no origin of ours.
    origins.push(`127.0.0.1:${h.port}`, `localhost:${h.port}`, `127.0.0.1:${h.port}http://`, `http://127.0.0.1:${h.port}/`)
    for (const Origin of origins) {
      const r = await call(h.port, '/', { headers: { Cookie: cookie, Origin } })
      expect([r.status, r.body, r.headers.connection], Origin).toEqual([403, 'wrong origin', 'close'])
    }
  })
})

describe('the benchmark routes', () => {
  it('answer JSON to GET under /__bench/ only', async () => {
    const bench = benchHooks()
    bench.routes['heap'] = () => ({ heapUsed: 7 })
    const h = await start({ bench })
    const withSession = { headers: { Cookie: await redeem(h.port, 'door-token') } }
    const r = await call(h.port, '/__bench/heap', withSession)
    expect([r.status, r.headers['content-type'], JSON.parse(r.body)]).toEqual([200, 'application/json', { heapUsed: 7 }])
    expect((await call(h.port, '/__bench/heap', { ...withSession, method: 'POST', body: '{}' })).status).toBe(405)
    // A path that merely ends like a route is a file path (and there is no such file).
    expect((await call(h.port, '/__bench-heap', withSession)).status).toBe(404)
  })
})

describe('which connections the door keeps', () => {
  it('keeps a connection that showed a session or a launch token past the grace, and closes an idle one', async () => {
    const h = await start({ limits: { unauthenticatedGraceMs: 300 } })
    const cookie = await redeem(h.port, 'door-token')
    const launch = new URL(h.newLaunchUrl()).search
    const session = await rawConnection(h.port)
    session.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\n\r\n`)
    const launched = await rawConnection(h.port)
    launched.socket.write(`GET /${launch} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n\r\n`)
    await vi.waitFor(() => expect(session.received()).toMatch(/^HTTP\/1\.1 200/))
    await vi.waitFor(() => expect(launched.received()).toMatch(/^HTTP\/1\.1 303/))
    // Opened last: once it is closed, the grace of the two others is over too.
    const idle = await rawConnection(h.port)
    await vi.waitFor(() => expect(idle.closed()).toBe(true), { timeout: 3000 })
    await sleep(100)
    expect([session.closed(), launched.closed()]).toEqual([false, false])
    expect(await h.openConnections()).toBe(2)
  })

  it('drops connections beyond the cap at once and keeps those under it', async () => {
    const h = await start({ limits: { maxConnections: 3, unauthenticatedGraceMs: 60_000 } })
    const conns: Array<Awaited<ReturnType<typeof rawConnection>>> = []
    for (let i = 0; i < 6; i++) conns.push(await rawConnection(h.port))
    await vi.waitFor(() => expect(conns.filter((c) => c.closed()).length).toBe(3), { timeout: 3000 })
    expect(conns.slice(0, 3).map((c) => c.closed())).toEqual([false, false, false])
    expect(await h.openConnections()).toBe(3)
    // Once one goes, the next is let in.
    conns[0]!.socket.destroy()
    await vi.waitFor(async () => expect(await h.openConnections()).toBe(2))
    const next = await rawConnection(h.port)
    await sleep(200)
    expect(next.closed()).toBe(false)
  })

  it('reaps a refused handshake whose client never closes its side, after the grace', async () => {
    const h = await start({ limits: { unauthenticatedGraceMs: 300 } })
    await redeem(h.port, 'door-token') // a session exists: the stranger's socket is still not one
    const socket = connect({ host: '127.0.0.1', port: h.port, allowHalfOpen: true })
    open.push(socket)
    socket.on('error', () => {})
    let received = ''
    socket.on('data', (c: Buffer) => (received += c.toString('latin1')))
    await new Promise((r) => socket.once('connect', r))
    socket.write(
      `GET /api/bridge HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nOrigin: http://127.0.0.1:${h.port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    await vi.waitFor(() => expect(received).toMatch(/^HTTP\/1\.1 401 no session/))
    // The door ended its side at once; the client keeps its own open, and the grace closes it.
    await vi.waitFor(async () => expect(await h.openConnections()).toBe(0), { timeout: 3000 })
  })

  it('closes a connection that sends something other than HTTP, at once', async () => {
    const h = await start({ limits: { unauthenticatedGraceMs: 60_000 } })
    const c = await rawConnection(h.port)
    c.socket.write('HELLO THERE\r\n\r\n')
    await vi.waitFor(() => expect(c.closed()).toBe(true), { timeout: 3000 })
  })

  it('closes a bridge at once when its client sends an oversized frame and never answers the close', async () => {
    const h = await start({ limits: { unauthenticatedGraceMs: 60_000 } })
    const cookie = await redeem(h.port, 'door-token')
    const c = await rawConnection(h.port)
    c.socket.write(
      `GET /api/bridge HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nOrigin: http://127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    await vi.waitFor(() => expect(c.received()).toMatch(/^HTTP\/1\.1 101/))
    // A masked text frame announcing 1 MiB: refused from its header, before any payload.
    const header = Buffer.alloc(14)
    header[0] = 0x81
    header[1] = 0x80 | 127
    header.writeBigUInt64BE(1n << 20n, 2)
    c.socket.write(header)
    await vi.waitFor(() => expect(c.closed()).toBe(true), { timeout: 3000 })
  })
})

describe('the bridge', () => {
  it('gives each window only its own events, and calls dispatch with the window\'s role', async () => {
    let emit: (name: EventName, payload: unknown) => void = () => {}
    const roles: unknown[] = []
    const h = await start({
      dispatch: async (channel, _arg, role) => {
        roles.push([channel, role])
        return { ok: true, value: null }
      },
      onEvent: (listener) => {
        emit = listener
        return () => {}
      },
    })
    const cookie = await redeem(h.port, 'door-token')
    const origin = `http://127.0.0.1:${h.port}`
    const staff = openBridge(h.port, { Cookie: cookie, Origin: origin })
    const customer = openBridge(h.port, { Cookie: cookie, Origin: origin }, '/api/bridge/customer')
    const seen: Record<string, unknown[]> = { staff: [], customer: [] }
    staff.on('message', (d) => seen.staff!.push(JSON.parse(String(d))))
    customer.on('message', (d) => seen.customer!.push(JSON.parse(String(d))))
    await Promise.all([staff, customer].map((ws) => new Promise((r) => ws.once('open', r))))
    emit('outbox:changed', { pending: 1 })
    emit('customer:screen', { kind: 'idle' })
    customer.send(JSON.stringify({ id: 7, channel: 'customer:keyed', arg: { phone: '0912345678' } }))
    await vi.waitFor(() => expect(seen.customer).toHaveLength(2))
    await vi.waitFor(() => expect(seen.staff).toHaveLength(1))
    expect(seen.staff).toEqual([{ event: 'outbox:changed', payload: { pending: 1 } }])
    expect(seen.customer).toEqual([{ event: 'customer:screen', payload: { kind: 'idle' } }, { id: 7, result: { ok: true, value: null } }])
    expect(roles).toEqual([['customer:keyed', 'customer']])
    staff.close()
    customer.close()
  })

  it('answers a call whose dispatch throws with an internal error, and keeps the socket', async () => {
    const h = await start({
      dispatch: (channel) => (channel === 'app:info' ? Promise.reject(new Error('boom')) : Promise.resolve({ ok: true, value: 'fine' })),
    })
    const ws = openBridge(h.port, { Cookie: await redeem(h.port, 'door-token'), Origin: `http://127.0.0.1:${h.port}` })
    const answers: unknown[] = []
    ws.on('message', (d) => answers.push(JSON.parse(String(d))))
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ id: 1, channel: 'app:info' }))
    ws.send(JSON.stringify({ id: 2, channel: 'outbox:list' }))
    await vi.waitFor(() => expect(answers).toHaveLength(2))
    expect(answers.sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)).toEqual([
      { id: 1, result: { ok: false, error: { code: 'INTERNAL', message: 'internal error' } } },
      { id: 2, result: { ok: true, value: 'fine' } },
    ])
    ws.close()
  })

  it('says why it refuses a handshake, and negotiates no compression', async () => {
    const h = await start()
    const cookie = await redeem(h.port, 'door-token')
    const origin = `http://127.0.0.1:${h.port}`
    const refusal = (ws: ReturnType<typeof openBridge>) =>
      new Promise<[number, string]>((resolve) => ws.once('unexpected-response', (_q, res) => resolve([res.statusCode ?? 0, res.statusMessage ?? ''])))
    expect(await refusal(openBridge(h.port, { Cookie: cookie, Origin: origin, Host: 'evil.example' }))).toEqual([421, 'wrong host'])
    expect(await refusal(openBridge(h.port, { Cookie: cookie, Origin: 'http://evil.example' }))).toEqual([403, 'wrong origin'])
    expect(await refusal(openBridge(h.port, { Cookie: cookie }))).toEqual([403, 'wrong origin'])
    expect(await refusal(openBridge(h.port, { Cookie: cookie, Origin: origin }, '/api/nope'))).toEqual([404, 'not found'])
    expect(await refusal(openBridge(h.port, { Origin: origin }))).toEqual([401, 'no session'])
    expect(await handshakeStatus(openBridge(h.port, { Cookie: cookie, Origin: `http://localhost:${h.port}` }))).toBe(101)
    // The client offers permessage-deflate; the door turns it down (no decompression of untrusted frames).
    const ws = openBridge(h.port, { Cookie: cookie, Origin: origin })
    const extensions = await new Promise((resolve) => ws.once('upgrade', (res) => resolve(res.headers['sec-websocket-extensions'])))
    expect(extensions).toBeUndefined()
    ws.close()
  })

  it('closes on a frame that is not a call, saying so', async () => {
    const h = await start()
    const ws = openBridge(h.port, { Cookie: await redeem(h.port, 'door-token'), Origin: `http://127.0.0.1:${h.port}` })
    await new Promise((r) => ws.once('open', r))
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, reason.toString()])))
    ws.send('hello')
    expect(await closed).toEqual([1008, 'not a call frame'])
  })

  it('forgets a closed bridge: no event and no late answer is written to it', async () => {
    let emit: (name: EventName, payload: unknown) => void = () => {}
    let answer: (() => void) | undefined
    const h = await start({
      dispatch: () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: 'late' }))),
      onEvent: (listener) => {
        emit = listener
        return () => {}
      },
    })
    const ws = openBridge(h.port, { Cookie: await redeem(h.port, 'door-token'), Origin: `http://127.0.0.1:${h.port}` })
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ id: 1, channel: 'outbox:list' }))
    await vi.waitFor(() => expect(answer).toBeDefined())
    ws.close()
    await closeCode(ws)
    await vi.waitFor(async () => expect(await h.openConnections()).toBe(0))
    const sends = vi.spyOn(Object.getPrototypeOf(ws) as { send: () => void }, 'send')
    try {
      emit('outbox:changed', { pending: 3 })
      answer!()
      await sleep(50)
      expect(sends).not.toHaveBeenCalled()
    } finally {
      sends.mockRestore()
    }
  })
})

describe('starting and stopping', () => {
  it('listens on the port it is given, on 127.0.0.1 only', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const h = await start({ port: free })
    expect(h.port).toBe(free)
    expect(h.url).toBe(`http://127.0.0.1:${free}/?token=door-token`)
    // Another loopback address of this machine is not listened on (Linux routes all of 127/8 to lo).
    const elsewhere = await new Promise<string>((resolve) => {
      const s = connect({ host: '127.0.0.2', port: free })
      s.once('connect', () => {
        s.destroy()
        resolve('connected')
      })
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
    })
    expect(elsewhere).toBe('ECONNREFUSED')
  })

  it('fails to start on a port already taken, saying so', async () => {
    const h = await start()
    await expect(startWebHost({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => {}, rendererDir: rendererFolder(), port: h.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('closes at once though a page keeps its connection alive, a request is half sent and a bridge is open, and stops listening to the app\'s events', async () => {
    let listening = false
    const h = await startWebHost({
      dispatch: async () => ({ ok: true, value: null }),
      onEvent: () => {
        listening = true
        return () => (listening = false)
      },
      rendererDir: rendererFolder(),
      token: 'door-token',
    })
    const cookie = await redeem(h.port, 'door-token')
    const kept = await rawConnection(h.port)
    kept.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\n\r\n`)
    await vi.waitFor(() => expect(kept.received()).toMatch(/^HTTP\/1\.1 200/))
    const halfSent = await rawConnection(h.port)
    halfSent.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\n`)
    const bridge = openBridge(h.port, { Cookie: cookie, Origin: `http://127.0.0.1:${h.port}` })
    await new Promise((r) => bridge.once('open', r))
    const bridgeClosed = closeCode(bridge)
    expect(listening).toBe(true)
    const started = Date.now()
    await h.close()
    expect(Date.now() - started).toBeLessThan(2000)
    await vi.waitFor(() => expect([kept.closed(), halfSent.closed()]).toEqual([true, true]))
    expect(await bridgeClosed).toBe(1006) // cut, not a closing handshake
    expect(listening).toBe(false)
  })
})
