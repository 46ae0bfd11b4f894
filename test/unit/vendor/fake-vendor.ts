// A scripted vendor over real HTTP for the VendorClient's own tests: the token endpoint and the
// API answer what each test queues, and every request is recorded as it arrived.

import { createServer as createNetServer } from 'node:net'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Logger } from '../../../electron/core/log'
import type { CallOutcome } from '../../../electron/core/connection'
import { VendorClient, type VendorClientOptions } from '../../../electron/core/vendor/http'
import { onCleanup } from '../cleanup'

export interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  /** The client's port: the same for two requests on one kept-alive connection. */
  remotePort: number | undefined
}

/** An answer: status, headers, body (a value is sent as JSON); 'hang' never answers, 'drop' cuts the connection. */
export type Answer = { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number } | 'hang' | 'drop'

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body,
})

function send(res: ServerResponse, answer: Answer): void {
  if (answer === 'hang') return
  if (answer === 'drop') {
    res.socket?.destroy()
    return
  }
  const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  setTimeout(() => {
    res.writeHead(answer.status, answer.headers ?? {})
    res.end(text)
  }, answer.delayMs ?? 0)
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  fields: Record<string, unknown>
  msg: string
}

/** A logger that keeps what it is told. */
export function memoryLog(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const at = (level: LogEntry['level']) => (fields: Record<string, unknown>, msg: string) => {
    entries.push({ level, fields, msg })
  }
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger
  return { log, entries }
}

export async function fakeVendor() {
  const token: Seen[] = []
  const api: Seen[] = []
  const tokenAnswers: Answer[] = []
  const apiAnswers: Answer[] = []
  let issued = 0
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, remotePort: req.socket.remotePort }
      if (req.url?.startsWith('/oauth/')) {
        token.push(seen)
        send(res, tokenAnswers.shift() ?? json(200, { access_token: `tok-${++issued}`, expires_in: 3600, token_type: 'Bearer' }))
        return
      }
      api.push(seen)
      send(res, apiAnswers.shift() ?? json(200, { stores: [] }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  onCleanup(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  )
  const port = (server.address() as { port: number }).port
  const base = `http://127.0.0.1:${port}`
  return {
    port,
    base,
    /** What reached the token endpoint and the API, in order. */
    token,
    api,
    /** Queues the token endpoint's next answers (after them: a fresh token, valid an hour). */
    tokenAnswers: (...a: Answer[]) => tokenAnswers.push(...a),
    /** Queues the API's next answers (after them: 200 {"stores": []}). */
    apiAnswers: (...a: Answer[]) => apiAnswers.push(...a),
    creds: { apiBaseUrl: base, authUrl: `${base}/oauth/v1/token`, clientId: 'store-9920', clientSecret: 'cs-secret', storeId: '9920' },
  }
}

export type FakeVendor = Awaited<ReturnType<typeof fakeVendor>>

/** A client of `fv` (no jitter: backoffs of 0 ms) that records its log and its outcomes. */
export function clientOf(fv: FakeVendor, opts: Partial<VendorClientOptions> = {}) {
  const { log, entries } = memoryLog()
  const outcomes: CallOutcome[] = []
  const client = new VendorClient({
    credentials: () => fv.creds,
    log,
    random: () => 0,
    onOutcome: (o) => outcomes.push(o),
    ...opts,
  })
  return { client, entries, outcomes, requests: (msg: string) => entries.filter((e) => e.msg === msg) }
}

/** The failure `p` rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<import('../../../electron/core/errors').AppFailure> {
  try {
    await p
  } catch (e) {
    return e as import('../../../electron/core/errors').AppFailure
  }
  throw new Error('expected a failure, got a value')
}

/** A port on 127.0.0.1 that nothing listens on (bound, read, released). */
export async function deadPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
