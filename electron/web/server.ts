import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { EVENTS, type EventName } from '../shared/contract'
import { cspHeader } from '../shared/csp'
import type { Dispatch } from '../core/dispatch'

// Browser mode's host: the built renderer and the contract bridge over HTTP, on loopback.
// The launch URL carries a one-time random token; opening it sets an HttpOnly, SameSite
// session cookie and redirects to `/`. Every other request needs that cookie, a Host and
// Origin of this very server (DNS rebinding, CSRF), and bridge calls a custom header.

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
const MAX_BODY = 256 * 1024

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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const launchToken = opts.token ?? randomBytes(24).toString('base64url')
  const sessionToken = randomBytes(32).toString('base64url')
  const sseClients = new Set<ServerResponse>()
  let allowedHosts: Set<string> = new Set()

  const unsubscribe = opts.onEvent((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of sseClients) client.write(frame)
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

    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only')
      // A header a cross-site form cannot set: CSRF needs a preflight we never grant.
      if (req.headers['x-pos-bridge'] !== '1') return send(res, 403, 'bridge header missing')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'json only')
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length))
      let arg: unknown
      try {
        const text = await readBody(req)
        arg = text === '' ? undefined : (JSON.parse(text) as { arg?: unknown }).arg
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'bad request body' } }), 'application/json')
      }
      const result = await opts.dispatch(channel, arg)
      return send(res, 200, JSON.stringify(result), 'application/json')
    }

    if (opts.benchHeap && url.pathname === '/__bench/heap' && req.method === 'GET') {
      return send(res, 200, JSON.stringify(opts.benchHeap()), 'application/json')
    }

    if (url.pathname === '/api/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' })
      res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify(EVENTS)}\n\n`)
      sseClients.add(res)
      req.on('close', () => sseClients.delete(res))
      return
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
      for (const client of sseClients) client.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
