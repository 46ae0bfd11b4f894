import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { receivesEvent, WINDOW_ROLES, type EventName, type Result, type WindowRole } from '../shared/contract'
import { cspHeader } from '../shared/csp'
import { BRIDGE_SOCKET_PATHS, MAX_FRAME_BYTES, parseCallFrame, type HostFrame } from '../shared/socket-bridge'
import type { Dispatch } from '../core/dispatch'
import { epochMs, type BenchHooks } from './bench-hooks'

// Browser mode's host: the built renderer over HTTP and the contract bridge over one
// WebSocket (shared/socket-bridge.ts), on loopback. The launch URL carries a one-time
// random token; opening it starts a session of its own (an HttpOnly, SameSite cookie) and
// redirects to `/`; opening it again starts none and says to restart the app.
// Every other request needs that cookie and a Host of this very server (DNS rebinding);
// the bridge socket also needs an Origin of this server, which a page elsewhere cannot
// forge (cross-site WebSocket hijacking). Connections are capped, and one that has not
// shown a session within a few seconds is closed, so idle sockets cannot use up the file
// descriptors the outbox and the vendor client need.

export interface WebHostOptions {
  dispatch: Dispatch
  onEvent: (listener: (name: EventName, payload: unknown) => void) => () => void
  rendererDir: string
  port?: number
  /** For tests: a fixed launch token. */
  token?: string
  /** `npm run bench` only (POS_BENCH_HOOKS=1): its routes under `/__bench/`, and every call's timing. */
  bench?: BenchHooks
  /** For tests: shorter than the defaults below. */
  limits?: { unauthenticatedGraceMs?: number; maxConnections?: number }
}

export interface WebHost {
  /** The one-time launch URL printed at start-up. */
  url: string
  port: number
  /** Another one-time launch URL, with a session of its own once opened (e.g. a second window). */
  newLaunchUrl(): string
  /** Connections the door holds now (sessions' sockets included): for tests and diagnosis. */
  openConnections(): Promise<number>
  close(): Promise<void>
}

/** Node's HTTP parser gives up on a request whose headers have not all come within this. */
export const HEADERS_TIMEOUT_MS = 5_000
/** A connection that has shown neither a session nor a launch token by then is closed. */
const UNAUTHENTICATED_GRACE_MS = 5_000
/** One page needs a handful (assets, the bridge); anything beyond this is refused at once. */
export const MAX_CONNECTIONS = 64

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': cspHeader(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  'Cache-Control': 'no-store',
}

const COOKIE = 'pos_session'

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...rest] = part.trim().split('=')
    if (k === name) return rest.join('=')
  }
  return null
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type })
  res.end(body)
}

/** Refusals end the connection: a client without a session gets no idle socket to keep. */
function refuse(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
  res.end(body)
}

/** What a spent launch URL shows: no session, and what to do instead (no script, no style: any CSP allows it). */
const SPENT_LINK_PAGE = `<!doctype html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>會員櫃檯助手 · Counter Companion</title></head>
<body data-testid="launch-spent">
<h1>這個啟動連結已經用過了</h1>
<p>為了安全，啟動網址只能開啟一次。請關閉會員櫃檯助手並重新啟動，再開啟它新印出的網址。</p>
<h2 lang="en">This start-up link has already been used</h2>
<p lang="en">For safety, the start-up URL opens only once. Close Counter Companion, start it again, and open the new URL it prints.</p>
</body></html>
`

/** Answers an upgrade request we refuse with a plain HTTP status, and drops the socket. */
function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`)
}

const INTERNAL: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'internal error' } }

/** Only the path of a request is read; the base just lets URL parse it. */
const PATH_BASE = 'http://127.0.0.1'
function requestUrl(req: IncomingMessage): URL {
  // Stryker disable next-line StringLiteral: a request from node:http's server always has its url, and new URL('', base) is the base's "/" anyway
  return new URL(req.url ?? '/', PATH_BASE)
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const newToken = (bytes: number) => randomBytes(bytes).toString('base64url')
  /** Launch tokens not yet opened, and those already spent (to say so rather than "invalid"). */
  const unspent = new Set<string>([opts.token ?? newToken(24)])
  const spent = new Set<string>()
  /** One per redeemed launch token. */
  const sessions = new Set<string>()
  /** Connections that have shown a session or a launch token; the rest are closed soon. */
  const trusted = new WeakSet<Socket>()
  /** Each open bridge socket and the window role its path gave it. */
  const bridges = new Map<WebSocket, WindowRole>()
  let allowedHosts: Set<string> = new Set()
  /** What a page of this server sends as its Origin: the scheme and one of those hosts, exactly. */
  let allowedOrigins: Set<string> = new Set()
  // DNS rebinding: only our own loopback host names are accepted.
  // Stryker disable next-line StringLiteral: without a Host (HTTP/1.0) any stand-in name is refused alike, none being one of ours
  const fromOurHost = (req: IncomingMessage) => allowedHosts.has(req.headers.host ?? '')

  const unsubscribe = opts.onEvent((name, payload) => {
    const frame = JSON.stringify({ event: name, payload } satisfies HostFrame)
    for (const [ws, role] of bridges) if (receivesEvent(role, name)) ws.send(frame)
  })

  const findToken = (set: Set<string>, given: string) => [...set].find((t) => sameSecret(given, t))
  const hasSession = (req: IncomingMessage) => {
    const c = cookieValue(req, COOKIE)
    const ok = c !== null && findToken(sessions, c) !== undefined
    if (ok) trusted.add(req.socket)
    return ok
  }

  /** The launch URL: a new session for an unspent token; a spent one starts none. */
  function redeem(req: IncomingMessage, res: ServerResponse, given: string): void {
    const token = findToken(unspent, given)
    if (token !== undefined) {
      unspent.delete(token)
      spent.add(token)
      const session = newToken(32)
      sessions.add(session)
      trusted.add(req.socket)
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      })
      return void res.end()
    }
    if (findToken(spent, given) === undefined) return refuse(res, 403, 'invalid token')
    // Opened again (history, a second tab): a page that already has its session goes on
    // with it; anyone else is told to restart the app for a new link.
    if (hasSession(req)) {
      res.writeHead(303, { ...SECURITY_HEADERS, Location: '/' })
      return void res.end()
    }
    res.writeHead(410, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' })
    res.end(SPENT_LINK_PAGE)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!fromOurHost(req)) return refuse(res, 421, 'wrong host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return refuse(res, 403, 'wrong origin')
    }
    const url = requestUrl(req)

    const given = url.searchParams.get('token')
    if (url.pathname === '/' && given !== null) return redeem(req, res, given)
    if (!hasSession(req)) return refuse(res, 401, 'open the URL printed at start-up (it contains the access token)')

    const benchRoute = url.pathname.startsWith('/__bench/') ? url.pathname.slice('/__bench/'.length) : null
    if (
      opts.bench &&
      // Stryker disable next-line ConditionalExpression: without it, hasOwn(routes, null) looks for a route named "null", and there is none
      benchRoute !== null &&
      Object.hasOwn(opts.bench.routes, benchRoute) &&
      req.method === 'GET'
    ) {
      return send(res, 200, JSON.stringify(opts.bench.routes[benchRoute]!()), 'application/json')
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only')
    // The customer display is the same page at its own path (src/role.ts tells them apart).
    const rel = url.pathname === '/' || url.pathname === '/customer' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
    const file = normalize(join(opts.rendererDir, rel))
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'not found')
    try {
      const body = await readFile(file)
      return send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream')
    } catch {
      return send(res, 404, 'not found')
    }
  }

  const server: Server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 2 * HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error')
      else res.end()
    })
  })

  // The bridge: each text frame is one call, made with the socket's role and answered by id
  // (out of order when a slow call is overtaken); events go to every open bridge whose role
  // receives them. Anything else closes the socket.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false })
  function serveBridge(ws: WebSocket, role: WindowRole): void {
    bridges.set(ws, role)
    ws.on('close', () => bridges.delete(ws))
    ws.on('error', () => ws.terminate())
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? null : parseCallFrame(String(data))
      if (!frame) return ws.close(1008, 'not a call frame')
      const receivedAt = opts.bench ? epochMs() : 0
      opts
        .dispatch(frame.channel, frame.arg, role)
        .catch(() => INTERNAL) // dispatch answers envelopes; this is only a backstop
        .then((result) => {
          opts.bench?.callAnswered({ channel: frame.channel, receivedAt, answeredAt: epochMs() })
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result } satisfies HostFrame))
        })
    })
  }
  server.maxConnections = opts.limits?.maxConnections ?? MAX_CONNECTIONS
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (!trusted.has(socket)) socket.destroy()
    }, opts.limits?.unauthenticatedGraceMs ?? UNAUTHENTICATED_GRACE_MS)
    timer.unref()
    // Stryker disable next-line StringLiteral,ArrowFunction: without it the unref'd timer fires on a closed socket, whose destroy() does nothing
    socket.once('close', () => clearTimeout(timer))
  })
  server.on('clientError', (_err, socket: Socket) => socket.destroy())
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (!fromOurHost(req)) return refuseUpgrade(socket, 421, 'wrong host')
    // Browsers always send Origin on a WebSocket handshake; without ours, it is not our page.
    const origin = req.headers.origin
    if (origin === undefined || !allowedOrigins.has(origin)) return refuseUpgrade(socket, 403, 'wrong origin')
    const path = requestUrl(req).pathname
    const role = WINDOW_ROLES.find((r) => BRIDGE_SOCKET_PATHS[r] === path)
    if (role === undefined) return refuseUpgrade(socket, 404, 'not found')
    if (!hasSession(req)) return refuseUpgrade(socket, 401, 'no session')
    sockets.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, role))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`))

  const launchUrl = (token: string) => `http://127.0.0.1:${port}/?token=${token}`
  return {
    port,
    url: launchUrl([...unspent][0]!),
    newLaunchUrl() {
      const token = newToken(24)
      unspent.add(token)
      return launchUrl(token)
    },
    openConnections: () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n))),
    async close() {
      unsubscribe()
      for (const ws of bridges.keys()) ws.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
