import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import axios, { type AxiosInstance, type AxiosResponse } from 'axios'
import * as v from 'valibot'
import { TokenWire } from '../../shared/vendor-wire/endpoints'
import { AppFailure } from '../errors'
import type { Logger } from '../log'
import type { ApiCredentials } from '../settings'
import { vendorMessage } from './normalize'
import type { CallOutcome } from '../connection'
import { backoffDelay, retryAfterMs, type BackoffPolicy } from '../retry'
import { TokenCache, type IssuedToken } from './token'

// Every HTTP call to the vendor goes through here: the bearer token, one retry after a
// 401, retries with backoff for reads, one overall deadline, and the mapping of every
// failure to one error code. Nothing above this file sees axios or a status code.

export interface VendorRequest {
  method: 'GET' | 'POST'
  path: string
  params?: Record<string, string>
  body?: unknown
  /** Reads may be retried on network errors, timeouts and 5xx; sign-up never is. */
  retry: boolean
  /** Logged at debug, not info: the connection probe, every few seconds while offline. */
  quiet?: boolean
}

/** A vendor answer with a 2xx status: its parsed body. */
interface VendorAnswer {
  body: unknown
  status: number
}

export interface VendorClientOptions {
  credentials: () => ApiCredentials
  log: Logger
  /** Per attempt. */
  attemptTimeoutMs?: number
  /** Whatever happens, the caller has an answer within this. */
  deadlineMs?: number
  retries?: number
  random?: () => number
  /** Told about every outcome, for the connection monitor. */
  onOutcome?: (o: CallOutcome) => void
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED'])

function isTlsCode(code: string): boolean {
  return code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('SELF_SIGNED') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER'
}

/** Maps an axios/network error (no HTTP answer) to the contract's codes. */
function networkFailure(e: unknown): AppFailure {
  // Stryker disable next-line StringLiteral: any stand-in for "no code" that is no TLS or timeout code maps the same (to OFFLINE)
  const code = (e as { code?: string }).code ?? ''
  // Stryker disable next-line ObjectLiteral: only an OFFLINE failure's cause is ever read (mayHaveReachedVendor); the cause is kept for debugging
  if (isTlsCode(code)) return new AppFailure('TLS', '', { cause: e })
  // Stryker disable next-line ObjectLiteral: only an OFFLINE failure's cause is ever read (mayHaveReachedVendor); the cause is kept for debugging
  if (TIMEOUT_CODES.has(code)) return new AppFailure('TIMEOUT', '', { cause: e })
  // Everything else without an HTTP answer (refused, reset, no such host, hung up) is offline.
  return new AppFailure('OFFLINE', '', { cause: e })
}

/**
 * Something between us and the vendor answered instead of it: a shop Wi-Fi's login page
 * (200 text/html on an API path) or a redirect to a foreign host. Not the vendor's fault and
 * not an answer: the network is intercepted, which the app treats as offline with that reason.
 */
class NetworkIntercepted extends AppFailure {
  constructor(readonly detail: string) {
    // Recognised by its class (mayHaveReachedVendor, retryable, report), not by a cause.
    super('OFFLINE', '')
    this.name = 'NetworkIntercepted'
  }
}

/** A read's retries: 0–200 ms, then 0–400 ms, … never over 1.5 s, within the call's deadline. */
// Stryker disable next-line StringLiteral: backoffDelay jitters every policy but 'none', so '' backs off the same
const READ_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 1500, jitter: 'full' }

/** A 429 and how long the vendor asked us to wait (Retry-After, seconds or an HTTP date). */
class RateLimited extends AppFailure {
  constructor(retryAfterMs: number | null, message: string, fromVendor: boolean) {
    super('VENDOR', message, { status: 429, fromVendor, ...(retryAfterMs === null ? {} : { retryAfterMs }) })
  }
}

function looksLikeHtml(res: AxiosResponse<string>, text: string): boolean {
  const header = res.headers['content-type']
  // Stryker disable next-line StringLiteral: any stand-in for a missing header that does not contain "text/html" reads the same
  const type = String(header ?? '').toLowerCase()
  return type.includes('text/html') || /^\s*</.test(text)
}

/**
 * Parses a JSON body; a cut-off or non-JSON answer is the vendor's fault, not a crash.
 * An error status keeps its meaning whatever its body: a gateway's HTML 401/404/502 page
 * is still a 401/404/502 (null body, so no vendor message), never a parse failure.
 * HTML with a 2xx, or a redirect to another host, is an intercepted network (a captive portal).
 */
function parseBody(res: AxiosResponse<string>, requestUrl: string): unknown {
  // responseType 'text': axios hands over the body as a string, '' when there is none.
  const text = res.data
  if (res.status >= 300 && res.status < 400) {
    const header = res.headers['location']
    // Stryker disable next-line StringLiteral: a stand-in for a missing Location is read relative to the request, so names its host: not elsewhere, like ''
    const location = String(header ?? '')
    const target = URL.canParse(location, requestUrl) && location ? new URL(location, requestUrl) : null
    if (target && target.host !== new URL(requestUrl).host) throw new NetworkIntercepted(`redirect to ${target.host}`)
  }
  if (res.status < 300 && looksLikeHtml(res, text)) throw new NetworkIntercepted(`HTTP ${res.status} text/html`)
  if (text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    // Stryker disable next-line EqualityOperator: for a 300 either way ends as AppFailure('VENDOR', '', {status: 300}) (here, or statusFailure(300, null))
    if (res.status >= 300) return null
    throw new AppFailure('VENDOR', '', { status: res.status })
  }
}

/** Failures that happen before a request can reach the vendor: nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * Whether the vendor may have received (and acted on) a request that failed this way: a
 * timeout, a 5xx, or a connection that broke after it was made (reset, dropped, hung up).
 * Not when the connection was never made (refused, no such host) or TLS failed.
 */
export function mayHaveReachedVendor(f: AppFailure): boolean {
  if (f.code === 'TLS') return false
  if (f instanceof NetworkIntercepted) return false
  if (f.code === 'OFFLINE') {
    const cause = f.cause as { code?: unknown } | undefined
    // Stryker disable next-line StringLiteral: any stand-in for "no code" is not a not-sent code, like ''
    return !NOT_SENT_CODES.has(String(cause?.code ?? ''))
  }
  return f.code === 'TIMEOUT' || (f.status ?? 0) >= 500
}

/** Maps an HTTP error status to a failure carrying the vendor's own message when it sent one. */
function statusFailure(status: number, body: unknown, retryAfter?: unknown): AppFailure {
  const message = vendorMessage(body)
  const fromVendor = message !== null
  const opts = { status, fromVendor }
  if (status === 429) return new RateLimited(retryAfterMs(retryAfter), message ?? '', fromVendor)
  if (status === 401 || status === 403) return new AppFailure('UNAUTHORIZED', message ?? '', opts)
  if (status === 404) return new AppFailure('NOT_FOUND', message ?? '', opts)
  if (status === 409) return new AppFailure('CONFLICT', message ?? '', opts)
  if (status === 408) return new AppFailure('TIMEOUT', message ?? '', opts)
  return new AppFailure('VENDOR', message ?? '', opts)
}

/**
 * The token endpoint itself refused the client id/secret. Unlike a 401 from an API call
 * (a revoked or expired token), fetching another token cannot help, so it is final.
 */
class CredentialsRefused extends AppFailure {}

/** A token whose `expires_in` cannot be read is refreshed after this long. */
const UNKNOWN_TOKEN_LIFETIME_S = 3600

/** A 200 without a token: the vendor's words if it sent some, else an unreadable answer. */
function refusalOrBroken(body: unknown, status: number): AppFailure {
  const message = vendorMessage(body)
  return message ? new AppFailure('VENDOR', message, { status, fromVendor: true }) : new AppFailure('VENDOR', '', { status })
}

// An intercepted network (a captive portal) is not retried: the portal will not step aside in 200 ms.
const retryable = (f: AppFailure) =>
  (f.code === 'OFFLINE' && !(f instanceof NetworkIntercepted)) || f.code === 'TIMEOUT' || (f.status ?? 0) >= 500

export class VendorClient {
  private readonly http: AxiosInstance
  private readonly tokens: TokenCache
  private readonly attemptTimeoutMs: number
  private readonly deadlineMs: number
  private readonly retries: number
  private readonly random: () => number

  constructor(private readonly opts: VendorClientOptions) {
    this.attemptTimeoutMs = opts.attemptTimeoutMs ?? 4000
    this.deadlineMs = opts.deadlineMs ?? 9000
    this.retries = opts.retries ?? 2
    this.random = opts.random ?? Math.random
    this.http = axios.create({
      // Keep-alive: a lookup should not pay for a new TCP/TLS handshake every time.
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 8 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 8 }),
      // Stryker disable next-line StringLiteral: Node's adapter hands over any responseType but 'arraybuffer' and 'stream' as text
      responseType: 'text',
      // Stryker disable next-line ArrayDeclaration: no transform at all ([]) leaves the text as it is, like this one
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
    })
    this.tokens = new TokenCache(() => this.fetchToken())
  }

  /** Forgets the token (after the credentials changed). */
  resetToken(): void {
    this.tokens.clear()
  }

  private async fetchToken(): Promise<IssuedToken> {
    const c = this.opts.credentials()
    const form = new URLSearchParams({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      grant_type: 'client_credentials',
      scope: 'api',
    })
    const started = performance.now()
    let res: AxiosResponse<string>
    try {
      res = await this.http.post<string>(c.authUrl, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        timeout: this.attemptTimeoutMs,
      })
    } catch (e) {
      throw networkFailure(e)
    }
    this.opts.log.info({ endpoint: 'token', status: res.status, ms: Math.round(performance.now() - started) }, 'vendor token')
    const body = parseBody(res, c.authUrl)
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      // The token endpoint refusing us means the id/secret are wrong, whatever it says.
      throw new CredentialsRefused('UNAUTHORIZED', '', { status: res.status })
    }
    if (res.status >= 300) throw statusFailure(res.status, body)
    const t = v.safeParse(TokenWire, body)
    if (!t.success) throw refusalOrBroken(body, res.status)
    const expiresIn = t.output.expires_in
    if (expiresIn === null) {
      // Missing, null or unusable: refresh after an hour, never on every call.
      this.opts.log.warn({ endpoint: 'token', fallbackSeconds: UNKNOWN_TOKEN_LIFETIME_S }, 'vendor token lifetime unreadable')
    }
    return { accessToken: t.output.access_token, expiresIn: expiresIn ?? UNKNOWN_TOKEN_LIFETIME_S }
  }

  /**
   * Fetches a token now, before any call needs one (at start-up, off every critical path):
   * the first lookup then waits for its login alone, not for a token request in front of
   * it. A failure is only logged: the next call asks again and reports what it finds.
   */
  warmUp(): void {
    this.tokens.get().catch((e: unknown) => {
      this.opts.log.debug({ code: e instanceof AppFailure ? e.code : 'INTERNAL' }, 'vendor token warm-up failed')
    })
  }

  /** Fetches a token now (for "test connection"). */
  async checkToken(): Promise<void> {
    this.tokens.clear()
    await this.tokens.get()
  }

  async request(req: VendorRequest): Promise<VendorAnswer> {
    const deadline = performance.now() + this.deadlineMs
    const started = performance.now()
    /** Retries after a failure (bounded by `retries`; the one re-try after a 401 is not one). */
    let attempt = 0
    /** Tries actually sent: the log's `retries` is this minus one, whatever caused them. */
    let sent = 0
    const retriesSoFar = () => Math.max(0, sent - 1)
    let refreshedAfter401 = false
    for (;;) {
      const remaining = deadline - performance.now()
      if (remaining <= 0) throw this.report(new AppFailure('TIMEOUT', ''), req, started, retriesSoFar())
      try {
        sent++
        const result = await this.attempt(req, Math.min(this.attemptTimeoutMs, remaining))
        this.logRequest(req, result.status, started, retriesSoFar())
        this.opts.onOutcome?.({ reachable: true, failed: false, ms: performance.now() - started })
        return result
      } catch (e) {
        const f = e instanceof AppFailure ? e : networkFailure(e)
        // Wrong id/secret: no refresh, no retry (it would only ask the token endpoint again).
        if (f instanceof CredentialsRefused) throw this.report(f, req, started, retriesSoFar())
        // (A 401 is always UNAUTHORIZED: statusFailure maps it so.)
        if (f.status === 401) {
          if (refreshedAfter401) throw this.report(new AppFailure('UNAUTHORIZED', '', { status: 401 }), req, started, retriesSoFar())
          // Revoked or expired early: one new token, one more try of this call.
          refreshedAfter401 = true
          continue
        }
        if (f instanceof RateLimited && req.retry) {
          // Reads wait as asked, within the deadline; a sign-up (retry: false) never retries by itself.
          const wait = f.retryAfterMs ?? 1000
          if (performance.now() + wait >= deadline) throw this.report(f, req, started, retriesSoFar())
          this.opts.log.info({ endpoint: `${req.method} ${req.path}`, waitMs: wait }, 'vendor rate limit: waiting as asked')
          await new Promise((r) => setTimeout(r, wait))
          continue
        }
        if (!req.retry || !retryable(f) || attempt >= this.retries) throw this.report(f, req, started, retriesSoFar())
        const backoff = backoffDelay(READ_BACKOFF, attempt + 1, this.random)
        // Not worth waiting for a try the deadline would cut short: answer now.
        if (performance.now() + backoff >= deadline) throw this.report(f, req, started, retriesSoFar())
        attempt++
        await new Promise((r) => setTimeout(r, backoff))
      }
    }
  }

  /**
   * One try, token fetch included, bounded by `timeout` as a whole: the token request has
   * its own (longer) timeout and a slow answer may trickle in, so without this bound a
   * cold call could overrun the deadline the caller was promised.
   */
  private async attempt(req: VendorRequest, timeout: number): Promise<VendorAnswer> {
    const abort = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        abort.abort()
        reject(new AppFailure('TIMEOUT', ''))
      }, timeout)
    })
    try {
      return await Promise.race([this.send(req, timeout, abort.signal), expired])
    } finally {
      clearTimeout(timer)
    }
  }

  private async send(req: VendorRequest, timeout: number, signal: AbortSignal): Promise<VendorAnswer> {
    const token = await this.tokens.get()
    // Stryker disable next-line ConditionalExpression,StringLiteral: the attempt has answered TIMEOUT already, and axios sends nothing with an aborted signal (http-client-edges.test.ts)
    if (signal.aborted) throw new AppFailure('TIMEOUT', '')
    const c = this.opts.credentials()
    const url = c.apiBaseUrl.replace(/\/+$/, '') + req.path
    let res: AxiosResponse<string>
    try {
      res = await this.http.request<string>({
        method: req.method,
        url,
        params: req.params,
        // JSON.stringify(undefined) is undefined: no body for a GET.
        data: JSON.stringify(req.body) as string | undefined,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        timeout,
        signal,
      })
    } catch (e) {
      throw networkFailure(e)
    }
    if (res.status === 401) this.tokens.invalidate(token)
    const body = parseBody(res, url)
    if (res.status >= 300) throw statusFailure(res.status, body, res.headers['retry-after'])
    return { body, status: res.status }
  }

  private report(f: AppFailure, req: VendorRequest, started: number, retries: number): AppFailure {
    this.logRequest(req, f.status ?? (f instanceof NetworkIntercepted ? 'INTERCEPTED' : f.code), started, retries)
    // Every VENDOR failure here carries the status it came with.
    const answered = f.status !== undefined || f.code === 'TIMEOUT'
    if (f instanceof NetworkIntercepted) {
      this.opts.log.warn({ endpoint: `${req.method} ${req.path}`, detail: f.detail }, 'network intercepted')
    }
    this.opts.onOutcome?.({
      reachable: answered,
      failed: f.code === 'TIMEOUT' || (f.status ?? 0) >= 500,
      ms: performance.now() - started,
      ...(f instanceof NetworkIntercepted ? { reason: 'intercepted' as const } : {}),
    })
    return f
  }

  private logRequest(req: VendorRequest, status: number | string, started: number, retries: number): void {
    this.opts.log[req.quiet ? 'debug' : 'info'](
      { endpoint: `${req.method} ${req.path}`, status, ms: Math.round(performance.now() - started), retries },
      'vendor request',
    )
  }
}
