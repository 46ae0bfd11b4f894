// The built-in SANDBOX: a faithful fake of the store's member-API vendor over real HTTP
// (node:http only). It is the vendor, not the app: it imports neither `electron` nor
// electron/core, and it answers in the vendor's wire shapes, traps included.
//
// Endpoints (token, then Bearer auth on every API call):
//   POST /oauth/v1/token                  x-www-form-urlencoded client credentials
//   POST /v1/user/ocard/login             {store_id, phone_number} → full member payload
//   GET  /v1/user/ocard?shop_id=&mobile=  member + point card; not a member → 200 with nulls
//   POST /v2/user                         sign-up
//   GET  /v1/user/members?type=PHONE_NUMBER&id=<last 3> | type=VIP_ID&id=<full>
//                                         → {"members": [{id, name, mobile, group_id,
//                                            group_name, head_image, carrier}]}
//   GET  /v1/stores                       (the vendor page is not in our hands; shape chosen:)
//                                         → {"stores": [{"id": "9920", "name": "信義旗艦店",
//                                            "phone": "02-2722-9920",
//                                            "business_hours": "11:00-22:00"}, ...]}
// Choices where the vendor's pages are silent: login for a non-member → 404 {"message":
// "查無此會員"}; sign-up of a registered phone → 400 {"message": "此手機號碼已註冊為會員"};
// unknown store → 404 {"message": "查無此門市"}; a malformed phone → 400 {"message":
// "手機號碼格式錯誤"}; validation errors add a `field` key beside `message`.
//
// Test control (loopback callers naming this server in Host, and in Origin when a browser
// sends one, as browser mode's host checks: a web page cannot drive it; no latency, faults or stats):
//   POST /__sandbox/faults  {latencyMs?, failNext?: {status, count?, body?, paths?},
//                            revokeTokens?: true, dropNext?: n, truncateNext?: n,
//                            everyNth?: {drop?, status503?}, reset?: true}
//   GET /__sandbox/stats, DELETE /__sandbox/stats (reset the counters)
//   GET /__sandbox/members?phone=09…  → {phone, isMember, seeded, created, rejectedDuplicates}
//   POST /__sandbox/dialect {dialects: [...]}, GET /__sandbox/dialect (see dialects.ts)
//   POST /__sandbox/carrier {phone, carrier}  → sets a member's e-invoice carrier (or null)
// The sandbox's guesses where the pages are silent are in assumptions.ts.
//
// Every answer carries X-Sandbox-Time-Ms: request start to just before writing, injected
// latency included, so a benchmark can split vendor time from app time.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import defaultSeedJson from '../../resources/sandbox/seed.json'
import { handleAdmin } from './admin'
import { DialectSwitch, type OutgoingReply } from './dialects'
import { shapeProblem } from './self-check'
import type { Sandbox, SandboxOptions } from './contract'
import { FaultInjector, type FaultDecision } from './faults'
import { BodyTooLarge, isLoopbackAddress, mediaType, readBody, writeJson, writeRaw } from './http-io'
import { MemberDirectory } from './members'
import { defaultMessageFor, errorReply, type Reply } from './reply'
import { loadSeed } from './seed'
import { SignupService } from './signup'
import { StatsRecorder } from './stats'
import { handleTokenRequest } from './token-endpoint'
import { TokenStore } from './tokens'
import { VendorApi } from './vendor-api'

export type * from './contract'

const TOKEN_PATH = '/oauth/v1/token'
const ADMIN_PREFIX = '/__sandbox/'
const SIGNUP_PATH = '/v2/user'

/** Injected latency, cancellable so close() never waits for a sleeping answer. */
class Sleeper {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; done: () => void }>()

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => this.finish(entry), ms), done: resolve }
      this.pending.add(entry)
    })
  }

  cancelAll(): void {
    for (const entry of [...this.pending]) {
      clearTimeout(entry.timer)
      this.finish(entry)
    }
  }

  private finish(entry: { timer: NodeJS.Timeout; done: () => void }): void {
    this.pending.delete(entry)
    entry.done()
  }
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1'
  const clientId = opts.clientId ?? 'demo-client'
  const clientSecret = opts.clientSecret ?? 'demo-secret'
  const seed = loadSeed(opts.seed ?? defaultSeedJson)

  const tokens = new TokenStore(clientId, clientSecret, opts.tokenTtlSeconds ?? 2592000)
  const faults = new FaultInjector(() => tokens.revokeAll())
  const stats = new StatsRecorder()
  const members = new MemberDirectory(seed)
  const storeIds = new Set(seed.stores.map((s) => s.id))
  const signup = new SignupService(members, seed.signup, (id) => storeIds.has(id))
  const api = new VendorApi(seed.stores, members, signup, tokens)
  const dialects = new DialectSwitch(opts.dialects ?? [])
  const sleeper = new Sleeper()
  const sockets = new Set<Socket>()
  let closing = false
  /** `host:port` names of this server, set once it listens. */
  let ownHosts = new Set<string>()
  const mayControl = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin
    return (
      isLoopbackAddress(req.socket.remoteAddress) &&
      ownHosts.has(req.headers.host ?? '') &&
      (origin === undefined || ownHosts.has(origin.replace(/^http:\/\//, '')))
    )
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now()
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const elapsed = (): string => (performance.now() - startedAt).toFixed(3)

    let body: string
    try {
      body = await readBody(req)
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e
      writeJson(res, 413, { message: '請求內容過大' }, { 'X-Sandbox-Time-Ms': elapsed(), Connection: 'close' })
      return
    }

    if (path.startsWith(ADMIN_PREFIX)) {
      const reply = mayControl(req)
        ? handleAdmin({ method, path, query: url.searchParams, body }, { faults, stats, members, dialects })
        : errorReply(403, 'Forbidden')
      writeJson(res, reply.status, reply.body, { ...reply.headers, 'X-Sandbox-Time-Ms': elapsed() })
      return
    }

    const isTokenCall = path === TOKEN_PATH
    if (isTokenCall) stats.tokenRequests++
    else stats.apiRequests++
    if (path === SIGNUP_PATH && method === 'POST') stats.signupPosts++

    const fault: FaultDecision = faults.decide(path, !isTokenCall)
    // A dropped or truncated answer is lost on the way back: the vendor did the work
    // (a sign-up is created), which is exactly what makes retries dangerous.
    const documented: Reply =
      fault.kind === 'fail'
        ? { status: fault.status, body: fault.body ?? { message: defaultMessageFor(fault.status) } }
        : isTokenCall
          ? handleTokenRequest({ method, contentType: mediaType(req), body }, tokens)
          : api.handle({
              method,
              path,
              query: url.searchParams,
              authorization: req.headers.authorization,
              contentType: mediaType(req),
              body,
            })

    // Injected faults are sent as injected; everything else in the switched-on dialects.
    const reply: OutgoingReply =
      fault.kind === 'fail' ? documented : dialects.apply(documented, { method, path, isTokenCall })
    const problem = reply.raw ? null : shapeProblem(`${method} ${path}`, reply.status, reply.body)
    if (problem) stats.noteShapeProblem(problem)

    if (isTokenCall && fault.kind === 'none' && reply.status === 200) {
      const issued = (reply.body as { access_token?: unknown } | null)?.access_token
      if (typeof issued === 'string') stats.issuedTokens.push(issued)
    }

    await sleeper.sleep(faults.latencyMs)
    const ms = Number(elapsed())
    if (fault.kind === 'drop' || closing) {
      stats.recordTiming({ path, status: 0, ms })
      req.socket.destroy()
      return
    }
    const status = fault.kind === 'truncate' ? 200 : reply.status
    stats.recordTiming({ path, status, ms })
    const headers = { ...reply.headers, 'X-Sandbox-Time-Ms': ms.toFixed(3) }
    if (reply.raw) writeRaw(res, status, reply.raw, headers)
    else writeJson(res, status, reply.body, headers, fault.kind === 'truncate')
  }

  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      // A bug in a handler must not take the sandbox down; the client sees a 500.
      writeJson(res, 500, { message: defaultMessageFor(500) }, { 'X-Sandbox-Time-Ms': '0' })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  // A client that hangs up mid-request is not the sandbox's problem.
  server.on('clientError', (_err, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  const apiBaseUrl = `http://${urlHost}:${port}`
  ownHosts = new Set([`${urlHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])

  let closed: Promise<void> | null = null
  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
      sleeper.cancelAll()
    })
    return closed
  }

  return {
    port,
    authUrl: `${apiBaseUrl}${TOKEN_PATH}`,
    apiBaseUrl,
    clientId,
    clientSecret,
    faults,
    stats,
    dialects,
    close,
  }
}
