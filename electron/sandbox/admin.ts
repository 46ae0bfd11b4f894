// /__sandbox/*: control for out-of-process tests. Never part of the vendor's API; the server
// only lets loopback callers in, and these calls skip latency, faults and stats.

import { PHONE_CARRIER } from './assumptions'
import { DIALECTS, isDialect, type DialectSwitch } from './dialects'
import type { FaultInjector } from './faults'
import type { MemberDirectory } from './members'
import { errorReply, jsonReply, type Reply } from './reply'
import type { StatsRecorder } from './stats'
import { formatDateTime } from './time'
import { parseWireMobile } from './wire-phone'
import { errorMessage } from '../shared/errors'

export interface AdminRequest {
  method: string
  path: string
  query: URLSearchParams
  body: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

/** Applies a `POST /__sandbox/faults` body; returns a problem in words, or null. */
function applyFaults(body: Obj, faults: FaultInjector): string | null {
  const { reset, latencyMs, failNext, revokeTokens, dropNext, truncateNext, everyNth } = body
  // Check every key before changing anything, so a bad request leaves the faults as they were.
  if (latencyMs !== undefined && !isCount(latencyMs)) return 'latencyMs must be a non-negative integer'
  if (dropNext !== undefined && !(isCount(dropNext) && dropNext > 0)) return 'dropNext must be a positive integer'
  if (truncateNext !== undefined && !(isCount(truncateNext) && truncateNext > 0)) {
    return 'truncateNext must be a positive integer'
  }
  if (failNext !== undefined) {
    if (!isObj(failNext) || !isCount(failNext['status'])) return 'failNext must be {status, count?, body?, paths?}'
    const { count, paths } = failNext
    if (count !== undefined && !(isCount(count) && count > 0)) return 'failNext.count must be a positive integer'
    if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => typeof p === 'string'))) {
      return 'failNext.paths must be an array of strings'
    }
  }
  if (everyNth !== undefined) {
    if (!isObj(everyNth)) return 'everyNth must be {drop?, status503?}'
    if (everyNth['drop'] !== undefined && !isCount(everyNth['drop'])) return 'everyNth.drop must be an integer >= 0'
    if (everyNth['status503'] !== undefined && !isCount(everyNth['status503'])) {
      return 'everyNth.status503 must be an integer >= 0'
    }
  }
  try {
    if (reset === true) faults.reset()
    if (latencyMs !== undefined) faults.setLatency(latencyMs)
    if (isObj(failNext)) {
      const paths = failNext['paths'] as string[] | undefined
      faults.failNext(failNext['status'] as number, failNext['count'] as number | undefined, failNext['body'], {
        ...(paths ? { paths } : {}),
      })
    }
    if (revokeTokens === true) faults.revokeTokens()
    if (typeof dropNext === 'number') faults.dropNext(dropNext)
    if (typeof truncateNext === 'number') faults.truncateNext(truncateNext)
    if (isObj(everyNth)) {
      faults.everyNth({ drop: everyNth['drop'] as number | undefined, status503: everyNth['status503'] as number | undefined })
    }
  } catch (e) {
    return errorMessage(e)
  }
  return null
}

export interface AdminDeps {
  faults: FaultInjector
  stats: StatsRecorder
  members: MemberDirectory
  dialects: DialectSwitch
}

function jsonObjectBody(text: string): Obj | null {
  try {
    const body: unknown = JSON.parse(text)
    return isObj(body) ? body : null
  } catch {
    return null
  }
}

export function handleAdmin(req: AdminRequest, { faults, stats, members, dialects }: AdminDeps): Reply {
  const route = `${req.method} ${req.path}`
  switch (route) {
    case 'POST /__sandbox/faults': {
      let body: unknown
      try {
        body = JSON.parse(req.body)
      } catch {
        return errorReply(400, 'body must be JSON')
      }
      if (!isObj(body)) return errorReply(400, 'body must be a JSON object')
      const problem = applyFaults(body, faults)
      return problem ? errorReply(400, problem) : jsonReply(200, { ok: true })
    }
    case 'GET /__sandbox/stats':
      return jsonReply(200, stats.toJSON())
    case 'DELETE /__sandbox/stats':
      stats.reset()
      return jsonReply(200, { ok: true })
    case 'GET /__sandbox/members': {
      const phone = parseWireMobile(req.query.get('phone'))
      if (!phone) return errorReply(400, 'phone must be 09 + 8 digits')
      const member = members.findByPhone(phone.local)
      return jsonReply(200, {
        phone: phone.local,
        isMember: member !== undefined,
        seeded: member?.seeded ?? false,
        ...members.registrationsOf(phone.local),
      })
    }
    case 'POST /__sandbox/coupons': {
      // Test hook: {phone, codes: string[]} adds usable Code128 coupons to a member.
      const body = jsonObjectBody(req.body)
      const phone = body ? parseWireMobile(body['phone']) : null
      const codes = body?.['codes']
      if (!phone || !Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && /^[\x20-\x7e]{1,48}$/.test(c))) {
        return errorReply(400, 'body must be {phone, codes: string[]}')
      }
      return members.addCoupons(phone.local, codes as string[], new Date())
        ? jsonReply(200, { ok: true })
        : errorReply(404, 'no such member')
    }
    case 'GET /__sandbox/dialect':
      return jsonReply(200, { dialects: dialects.current(), known: DIALECTS })
    case 'POST /__sandbox/dialect': {
      // {dialects: [...]}: replaces the set; [] is the vendor as documented.
      const list = jsonObjectBody(req.body)?.['dialects']
      if (!Array.isArray(list) || !list.every(isDialect)) {
        return errorReply(400, `body must be {dialects: [...]} of ${DIALECTS.join(', ')}`)
      }
      dialects.set(list)
      return jsonReply(200, { dialects: dialects.current() })
    }
    case 'POST /__sandbox/carrier': {
      // Test hook: {phone, carrier: "/XXXXXXX" | null} sets what GET /v1/user/ocard sends as `carrier`.
      const body = jsonObjectBody(req.body)
      const phone = body ? parseWireMobile(body['phone']) : null
      const carrier = body?.['carrier']
      if (!phone || !(carrier === null || (typeof carrier === 'string' && PHONE_CARRIER.test(carrier)))) {
        return errorReply(400, 'body must be {phone, carrier: "/" + 7 of 0-9 A-Z . + - | null}')
      }
      return members.setCarrier(phone.local, carrier) ? jsonReply(200, { ok: true }) : errorReply(404, 'no such member')
    }
    case 'POST /__sandbox/coupons/redeem': {
      // Test hook: {phone, code} — the POS redeemed that coupon just now.
      const body = jsonObjectBody(req.body)
      const phone = body ? parseWireMobile(body['phone']) : null
      const code = body?.['code']
      if (!phone || typeof code !== 'string') return errorReply(400, 'body must be {phone, code}')
      return members.redeemCoupon(phone.local, code, formatDateTime(new Date()))
        ? jsonReply(200, { ok: true })
        : errorReply(404, 'no such member or coupon')
    }
    default:
      return errorReply(404, 'Not Found')
  }
}
