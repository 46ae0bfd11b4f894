// Dialects: the ways a real backend may answer where the vendor's pages are silent or
// contradict themselves (issue 13). The sandbox computes the documented answer first; each
// switched-on dialect then rewrites it on the way out, so every dialect is one small,
// separately testable function of (answer, request). Several may be on at once.
//
// Switched by `POST /__sandbox/dialect {"dialects": [...]}`, SANDBOX_DIALECT=a,b or
// `--dialect=a,b` on the standalone sandbox, or SandboxOptions.dialects.

import { MEMBER_NOT_FOUND } from './assumptions'
import type { Reply } from './reply'

export const DIALECTS = [
  /** Login for a non-member: 200 with every `user` field null, vip/point_card null (member data's convention). */
  'not-member-200-nulls',
  /** PHP's arrays: empty lists as `{}`, empty objects as `[]`. */
  'php-empty',
  /** `point_card.expire` as a list (as the member-data table says), as null, or left out. */
  'expire-array',
  'expire-null',
  'expire-missing',
  /** Refusals (4xx other than 401) as 200 with the `{"message"}` and no data. */
  'errors-200',
  /** "Nothing found" as 204 with an empty body. */
  'empty-204',
  /** Every first call of each path answers 429 with Retry-After in seconds, or as an HTTP date. */
  'rate-limit-seconds',
  'rate-limit-date',
  /** Every number-like field as a JSON number, or every number as a string. */
  'numbers-as-numbers',
  'numbers-as-strings',
  /** The token's `expires_in` as a string, null, or left out. */
  'expires-in-string',
  'expires-in-null',
  'expires-in-missing',
  /** A shop Wi-Fi's login page on every path (200 text/html), or a redirect to its host. */
  'captive-portal',
  'captive-redirect',
] as const
export type Dialect = (typeof DIALECTS)[number]

export function isDialect(x: unknown): x is Dialect {
  return typeof x === 'string' && (DIALECTS as readonly string[]).includes(x)
}

/** A reply on its way out: JSON, or (captive portal, 204) raw bytes with their own type. */
export type OutgoingReply = Reply & { raw?: { contentType: string; text: string } }

export interface DialectRequest {
  method: string
  path: string
  isTokenCall: boolean
}

const LOGIN = '/v1/user/ocard/login'
const MEMBER_DATA = '/v1/user/ocard'
const SEARCH = '/v1/user/members'

const CAPTIVE_PORTAL_HOST = 'wifi-login.example'
const PORTAL_PAGE = `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>Free Wi-Fi</title></head>
<body><form action="http://${CAPTIVE_PORTAL_HOST}/login" method="post"><p>請先同意使用條款再上網</p><button>同意並連線</button></form></body></html>`

/** Keys the vendor's examples send as numbers or as numeric strings, depending on the page. */
const NUMBER_KEYS = new Set([
  'point', 'spend', 'convert', 'available_gift_count', 'decimal_point', 'is_one_point', 'require_point', 'redeem',
  'repeat_limit', 'visited_count', 'level', 'points', 'seal_quantity', 'points_exchanged_amount', 'discount_rate',
  'cost', 'expires_in', 'show', 'used', 'expired', 'vip_check', 'brand_check', 'obossRedeem', 'order_enable',
  'redeem_type', 'available_channel', 'sex',
])

type Json = unknown

function mapDeep(x: Json, fn: (value: Json, key: string | null) => Json, key: string | null = null): Json {
  const mapped = fn(x, key)
  if (Array.isArray(mapped)) return mapped.map((v) => mapDeep(v, fn, null))
  if (mapped !== null && typeof mapped === 'object') {
    return Object.fromEntries(Object.entries(mapped).map(([k, v]) => [k, mapDeep(v, fn, k)]))
  }
  return mapped
}

const isObject = (x: Json): x is Record<string, Json> => x !== null && typeof x === 'object' && !Array.isArray(x)

function phpEmpty(body: Json): Json {
  return mapDeep(body, (v) => {
    if (Array.isArray(v) && v.length === 0) return {}
    if (isObject(v) && Object.keys(v).length === 0) return []
    return v
  })
}

function numbersAsNumbers(body: Json): Json {
  return mapDeep(body, (v, key) =>
    key !== null && NUMBER_KEYS.has(key) && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
  )
}

function numbersAsStrings(body: Json): Json {
  return mapDeep(body, (v) => (typeof v === 'number' ? String(v) : v))
}

/** `point_card.expire` of a login or member-data answer, rewritten by `fn`. */
function withExpire(body: Json, fn: (expire: Json) => Json | undefined): Json {
  if (!isObject(body) || !isObject(body['point_card'])) return body
  const card = { ...body['point_card'] }
  const next = fn(card['expire'])
  if (next === undefined) delete card['expire']
  else card['expire'] = next
  return { ...body, point_card: card }
}

function notAMemberLogin(): Json {
  const user = Object.fromEntries(
    ['cell', 'name', 'birth', 'sex', 'head_image', 'token', 'id', 'image_card', 'accept_brand_time', 'vip_check',
      'brand_check', 'accept_vip_time', 'vip_name', 'visited_count'].map((k) => [k, null]),
  )
  return { user, vip: null, point_card: null, point_gift: [], point_pros: [], coupon_list: [] }
}

const EMPTY_204: OutgoingReply = { status: 204, body: null, raw: { contentType: 'application/json', text: '' } }

function isNotFoundMember(req: DialectRequest, r: Reply): boolean {
  return req.path === LOGIN && r.status === 404 && isObject(r.body) && r.body['message'] === MEMBER_NOT_FOUND
}

function isNothingFound(req: DialectRequest, r: Reply): boolean {
  if (isNotFoundMember(req, r)) return true
  if (r.status !== 200 || !isObject(r.body)) return false
  if (req.path === MEMBER_DATA) return isObject(r.body['member']) && r.body['member']['id'] === null
  if (req.path === SEARCH) return Array.isArray(r.body['members']) && r.body['members'].length === 0
  return false
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString()
}

/** What one switched-on set of dialects makes of one answer. `firstCallOfPath`: for the 429 dialects. */
function speak(
  dialects: ReadonlySet<Dialect>,
  reply: Reply,
  req: DialectRequest,
  firstCallOfPath: boolean,
  now: number = Date.now(),
): OutgoingReply {
  if (dialects.has('captive-portal')) {
    return { status: 200, body: null, raw: { contentType: 'text/html; charset=utf-8', text: PORTAL_PAGE } }
  }
  if (dialects.has('captive-redirect')) {
    return {
      status: 302,
      body: null,
      headers: { Location: `http://${CAPTIVE_PORTAL_HOST}/login?continue=${encodeURIComponent(req.path)}` },
      raw: { contentType: 'text/html; charset=utf-8', text: '' },
    }
  }
  if (!req.isTokenCall && firstCallOfPath && (dialects.has('rate-limit-seconds') || dialects.has('rate-limit-date'))) {
    const retryAfter = dialects.has('rate-limit-date') ? httpDate(now + 2000) : '1'
    return { status: 429, body: { message: '請求過於頻繁,請稍後再試' }, headers: { 'Retry-After': retryAfter } }
  }
  let out: OutgoingReply = { ...reply }
  if (dialects.has('empty-204') && isNothingFound(req, out)) return EMPTY_204
  if (dialects.has('not-member-200-nulls') && isNotFoundMember(req, out)) out = { status: 200, body: notAMemberLogin() }
  if (dialects.has('errors-200') && out.status >= 400 && out.status < 500 && out.status !== 401) {
    out = { ...out, status: 200 }
  }
  if (out.status === 200 && (req.path === LOGIN || req.path === MEMBER_DATA)) {
    if (dialects.has('expire-array')) out = { ...out, body: withExpire(out.body, (e) => (e === undefined ? [] : isObject(e) ? [e] : e)) }
    if (dialects.has('expire-null')) out = { ...out, body: withExpire(out.body, () => null) }
    if (dialects.has('expire-missing')) out = { ...out, body: withExpire(out.body, () => undefined) }
  }
  if (req.isTokenCall && out.status === 200 && isObject(out.body)) {
    const token = { ...out.body }
    if (dialects.has('expires-in-string')) token['expires_in'] = String(token['expires_in'])
    if (dialects.has('expires-in-null')) token['expires_in'] = null
    if (dialects.has('expires-in-missing')) delete token['expires_in']
    out = { ...out, body: token }
  }
  if (dialects.has('numbers-as-numbers')) out = { ...out, body: numbersAsNumbers(out.body) }
  if (dialects.has('numbers-as-strings')) out = { ...out, body: numbersAsStrings(out.body) }
  if (dialects.has('php-empty')) out = { ...out, body: phpEmpty(out.body) }
  return out
}

/** The switched-on dialects of one sandbox, and which paths have been called under them. */
export class DialectSwitch {
  private on = new Set<Dialect>()
  private seenPaths = new Set<string>()

  constructor(initial: readonly Dialect[] = []) {
    this.set(initial)
  }

  set(dialects: readonly Dialect[]): void {
    this.on = new Set(dialects)
    this.seenPaths.clear()
  }

  current(): Dialect[] {
    return [...this.on]
  }

  /** Rewrites one answer; counts the call for the 429 dialects' "first call of each path". */
  apply(reply: Reply, req: DialectRequest): OutgoingReply {
    if (this.on.size === 0) return reply
    const key = `${req.method} ${req.path}`
    const first = !this.seenPaths.has(key)
    this.seenPaths.add(key)
    // A 429 is answered once per path and then forgotten, so the next call of it is 429 again:
    // every read pays one Retry-After wait, as against a busy backend.
    const out = speak(this.on, reply, req, first)
    if (!first) this.seenPaths.delete(key)
    return out
  }
}

/** `a,b` (env or CLI) → dialects; throws naming the unknown one. */
export function parseDialectList(text: string): Dialect[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean)
  for (const n of names) if (!isDialect(n)) throw new RangeError(`unknown dialect "${n}" (known: ${DIALECTS.join(', ')})`)
  return names as Dialect[]
}
