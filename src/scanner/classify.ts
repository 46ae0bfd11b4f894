// What a scanned string is for: a member's phone, an e-invoice mobile carrier, one of the
// store's coupon codes, a member card, or something we do not recognise.
import { parseTaiwanMobile } from '@shared/phone'
import { PHONE_CARRIER_RE } from '@shared/signup-rules'

export type ScanIntent =
  | { kind: 'phone'; phone: string /* 09… */ }
  | { kind: 'carrier'; carrier: string }
  | { kind: 'coupon'; code: string }
  | { kind: 'memberCard'; vipId: string }
  | { kind: 'unknown'; raw: string }

export interface ClassifyContext {
  couponCodes: string[]
  /** The store's member-card regular expression; matched against the whole scan. May be empty or invalid. */
  memberCardPattern: string
}

const patternCache = new Map<string, RegExp | null>()

/** Compiles a store pattern anchored to the whole string; null for an empty or invalid one (never throws). */
function memberCardRegex(source: string): RegExp | null {
  if (source === '') return null
  let re = patternCache.get(source)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${source})$`)
    } catch {
      re = null
    }
    if (patternCache.size > 32) patternCache.clear()
    patternCache.set(source, re)
  }
  return re
}

/** Order: coupon, phone, carrier, member card, unknown. */
export function classifyScan(raw: string, ctx: ClassifyContext): ScanIntent {
  const s = raw.trim()
  if (s !== '' && ctx.couponCodes.includes(s)) return { kind: 'coupon', code: s }

  const phone = parseTaiwanMobile(s)
  if (phone) return { kind: 'phone', phone: phone.local }

  if (PHONE_CARRIER_RE.test(s)) return { kind: 'carrier', carrier: s }

  const re = memberCardRegex(ctx.memberCardPattern)
  const m = re ? re.exec(s) : null
  if (m) return { kind: 'memberCard', vipId: m.groups?.vipId ?? s }

  return { kind: 'unknown', raw }
}
