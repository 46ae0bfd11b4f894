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

// Browser mode's host: the built renderer over HTTP and the contract bridge over one
// WebSocket (shared/socket-bridge.ts), on loopback. The launch URL carries a one-time
// random token; opening it sets an HttpOnly, SameSite session cookie and redirects to `/`.
// Every other request needs that cookie and a Host of this very server (DNS rebinding);
// the bridge socket also needs an Origin of this server, which a page elsewhere cannot
// forge (cross-site WebSocket hijacking).

export interface WebHostOptions {
  dispatch: Dispatch
  onEvent: (listener: (name: EventName, payload: unknown) => void) => () => void
  rendererDir: string
  port?: number
  /** For tests: a fixed launch token. */
  token?: string
  /**
   * Benchmark hook (only when browser mode runs with POS_BENCH_HOOKS=1, see start.ts):
   * `GET /__bench/heap` answers this, behind the same session cookie as everything else.
   */
  benchHeap?: () => unknown
}

export interface WebHost {
  url: string
  port: number
  close(): Promise<void>
}

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

/** Answers an upgrade request we refuse with a plain HTTP status, and drops the socket. */
function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`)
}

const INTERNAL: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'internal error' } }

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const launchToken = opts.token ?? randomBytes(24).toString('base64url')
  const sessionToken = randomBytes(32).toString('base64url')
  /** Each open bridge socket and the window role its path gave it. */
  const bridges = new Map<WebSocket, WindowRole>()
  let allowedHosts: Set<string> = new Set()

  const unsubscribe = opts.onEvent((name, payload) => {
    const frame = JSON.stringify({ event: name, payload } satisfies HostFrame)
    for (const [ws, role] of bridges) if (receivesEvent(role, name)) ws.send(frame)
  })

  const hasSession = (req: IncomingMessage) => {
    const c = cookieValue(req, COOKIE)
    return c !== null && sameSecret(c, sessionToken)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: only our own loopback host names are accepted.
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'wrong host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return send(res, 403, 'wrong origin')
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')

    // The launch URL: trade the one-time token for a session cookie.
    const given = url.searchParams.get('token')
    if (url.pathname === '/' && given !== null) {
      if (!sameSecret(given, launchToken)) return send(res, 403, 'invalid token')
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE}=${sessionToken}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      })
      return void res.end()
    }
    if (!hasSession(req)) return send(res, 401, 'open the URL printed at start-up (it contains the access token)')

    if (opts.benchHeap && url.pathname === '/__bench/heap' && req.method === 'GET') {
      return send(res, 200, JSON.stringify(opts.benchHeap()), 'application/json')
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only')
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
    const file = normalize(join(opts.rendererDir, rel))
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'not found')
    try {
      const body = await readFile(file)
      return send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream')
    } catch {
      return send(res, 404, 'not found')
    }
  }

  const server: Server = createServer((req, res) => {
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
      opts
        .dispatch(frame.channel, frame.arg, role)
        .catch(() => INTERNAL) // dispatch answers envelopes; this is only a backstop
        .then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result } satisfies HostFrame))
        })
    })
  }
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (!allowedHosts.has(req.headers.host ?? '')) return refuseUpgrade(socket, 421, 'wrong host')
    // Browsers always send Origin on a WebSocket handshake; without ours, it is not our page.
    const origin = req.headers.origin
    if (origin === undefined || !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return refuseUpgrade(socket, 403, 'wrong origin')
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
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

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${launchToken}`,
    async close() {
      unsubscribe()
      for (const ws of bridges.keys()) ws.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
