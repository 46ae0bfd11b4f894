// The one place vendor payloads become the app's own types (shared/types.ts). Nothing else
// in the app ever sees a raw payload.
//
// Two kinds of badness, handled differently:
// - The *shape* the endpoint promises is wrong (not an object, `user` missing, a list that
//   is a string, a list entry that is not an object): VendorPayloadError, an AppFailure
//   with code VENDOR. We cannot tell what the vendor meant, so we show nothing.
// - A *value* inside that shape is odd (numbers as text, three codings of sex, four date
//   formats, missing optional fields): coerced leniently by wire-values.ts, never thrown.
import type { AppError } from '../../shared/contract'
import { parseTaiwanMobile } from '../../shared/phone'
import type {
  Barcode,
  CarrierType,
  Coupon,
  CreatedMember,
  GiftUnavailableReason,
  MemberProfile,
  MemberSummary,
  MemberView,
  PointCard,
  PointExpiry,
  PointGift,
  Store,
  VipLevel,
} from '../../shared/types'
import { AppFailure } from '../errors'
import {
  epochMs,
  field,
  isRecord,
  toCount,
  toDate,
  toDateTime,
  toFlag,
  toIdList,
  toImageUrl,
  toJsonObject,
  toNumber,
  toOptText,
  toSex,
  toTaipeiIso,
  toText,
  type WireRecord,
} from './wire-values'

export interface NormalizeContext {
  /** The store this counter is at (`store_id` / `shop_id`). */
  storeId: string
  now: Date
}

// ---------------------------------------------------------------------------------------
// The failure

/**
 * The vendor answered with something that is not what the endpoint promises. It *is* an
 * AppFailure with code VENDOR, so services need no mapping. `message` is an English detail
 * for the log and developers (`POST /v1/user/ocard/login: user is not an object (got null)`);
 * what the staff see is the localised `error.VENDOR` text: toAppError() leaves the message
 * empty and the dispatcher fills it in by code.
 */
export class VendorPayloadError extends AppFailure {
  constructor(detail: string) {
    super('VENDOR', detail)
    this.name = 'VendorPayloadError'
  }

  override toAppError(): AppError {
    return { code: 'VENDOR', message: '' }
  }
}

const LOGIN = 'POST /v1/user/ocard/login'
const MEMBER_DATA = 'GET /v1/user/ocard'
const SIGNUP = 'POST /v2/user'
const STORES = 'GET /v1/stores'
const SEARCH = 'GET /v1/user/members'

function broken(detail: string): never {
  throw new VendorPayloadError(detail)
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v
}

// ---------------------------------------------------------------------------------------
// Shape guards: these throw, everything below them is lenient

function requireRecord(v: unknown, where: string): WireRecord {
  if (!isRecord(v)) broken(`${where} is not an object (got ${kindOf(v)})`)
  return v
}

/** null/undefined → null; an object → it; anything else is a broken shape. */
function optionalRecord(v: unknown, where: string): WireRecord | null {
  return v === null || v === undefined ? null : requireRecord(v, where)
}

/** null/undefined → []; an array of objects → it; anything else is a broken shape. */
function optionalList(v: unknown, where: string): WireRecord[] {
  if (v === null || v === undefined) return []
  if (!Array.isArray(v)) broken(`${where} is not a list (got ${kindOf(v)})`)
  return v.map((entry: unknown, i) => requireRecord(entry, `${where}[${i}]`))
}

/** The first non-empty id among `keys`; none is a broken shape. */
function requireId(o: WireRecord, keys: string[], where: string): string {
  for (const key of keys) {
    const id = toText(field(o, key))
    if (id) return id
  }
  return broken(`${where} has no ${keys.join(' / ')}`)
}

// ---------------------------------------------------------------------------------------
// Point card

function pointExpiries(v: unknown): PointExpiry[] {
  // Documented as an array, sent as one object in the examples, often missing.
  const entries: unknown[] = Array.isArray(v) ? v : [v]
  return entries
    .filter(isRecord)
    .map((e) => ({ date: toDate(field(e, 'date')), points: toCount(field(e, 'point')) }))
    .filter((e): e is PointExpiry => e.date !== null && e.points > 0)
    .sort((a, b) => a.date.localeCompare(b.date))
}

function pointCard(v: unknown, where: string): PointCard | null {
  const o = optionalRecord(v, where)
  if (!o) return null
  return {
    points: toCount(field(o, 'point')),
    spend: toCount(field(o, 'spend')),
    convertRate: toNumber(field(o, 'convert')),
    availableGiftCount: toCount(field(o, 'available_gift_count')),
    title: toText(field(o, 'title')),
    content: toText(field(o, 'content')),
    expiring: pointExpiries(field(o, 'expire')),
  }
}

// ---------------------------------------------------------------------------------------
// Gifts

function giftUnavailableReason(
  availableStores: string[],
  storeId: string,
  shortBy: number,
  vendorAllows: boolean,
): GiftUnavailableReason | null {
  // An empty `available_store` (or none at all) is read as "no store restriction": the
  // vendor pads real restrictions with commas (",9920,"), and reading "empty" as "nowhere"
  // would hide every gift behind one missing field. The vendor still has the last word
  // when the gift is actually redeemed.
  if (availableStores.length > 0 && !availableStores.includes(storeId.trim())) return 'not-at-this-store'
  if (shortBy > 0) return 'insufficient-points'
  if (!vendorAllows) return 'not-redeemable'
  return null
}

function pointGift(o: WireRecord, where: string, storeId: string, points: number): PointGift {
  const availableStores = toIdList(field(o, 'available_store'))
  const requiredPoints = toCount(field(o, 'require_point'))
  // `redeem` (1) and `show` ("1") are the vendor's switches; absent means not switched off.
  const vendorAllows = toFlag(field(o, 'redeem'), true) && toFlag(field(o, 'show'), true)
  const reason = giftUnavailableReason(availableStores, storeId, requiredPoints - points, vendorAllows)
  return {
    id: requireId(o, ['id', 'token'], where),
    title: toText(field(o, 'title')),
    content: toText(field(o, 'content')),
    requiredPoints,
    imageUrl: toImageUrl(field(o, 'image')),
    availableStores,
    posCode: toOptText(field(o, 'pos_code')),
    redeemableNow: reason === null,
    unavailableReason: reason,
  }
}

// ---------------------------------------------------------------------------------------
// Coupons

function barcode(v: unknown): Barcode | null {
  if (!isRecord(v)) return null
  const code = toText(field(v, 'code'))
  // Code128 is the only type the vendor documents; the renderer needs some type to draw.
  return code ? { type: toText(field(v, 'type')) || 'Code128', code } : null
}

type CouponStatus = Pick<Coupon, 'state' | 'stateReason'>

function couponStatus(o: WireRecord, times: Pick<Coupon, 'startsAt' | 'endsAt'>, nowMs: number): CouponStatus {
  // A used_time that is set but unreadable still means "used".
  if (toFlag(field(o, 'used')) || toText(field(o, 'used_time')) !== '') return { state: 'used', stateReason: 'used' }
  if (toFlag(field(o, 'expired')) || (times.endsAt !== null && epochMs(times.endsAt) < nowMs)) {
    return { state: 'expired', stateReason: 'expired' }
  }
  if (times.startsAt !== null && epochMs(times.startsAt) > nowMs) return { state: 'unavailable', stateReason: 'not-started' }
  // Only an explicit "no" counts; the barcode type plays no part in usability.
  if (!toFlag(field(o, 'redeemable'), true)) return { state: 'unavailable', stateReason: 'not-redeemable' }
  return { state: 'usable', stateReason: null }
}

function coupon(o: WireRecord, where: string, nowMs: number): Coupon {
  const code = barcode(field(o, 'barcode'))
  const times = {
    startsAt: toDateTime(field(o, 'start_time')),
    // A bare date as an end means "until the end of that day".
    endsAt: toDateTime(field(o, 'end_time'), 'end'),
  }
  return {
    // The vendor's id is the barcode code in its examples; fall back to serial, then the code.
    id: toText(field(o, 'id')) || toText(field(o, 'serial')) || code?.code || broken(`${where} has no id, serial or barcode code`),
    serial: toOptText(field(o, 'serial')),
    title: toText(field(o, 'title')),
    content: toText(field(o, 'content')),
    comment: toText(field(o, 'comment')),
    imageUrl: toImageUrl(field(o, 'image')),
    ...times,
    usedAt: toDateTime(field(o, 'used_time')),
    ...couponStatus(o, times, nowMs),
    posCode: toOptText(field(o, 'pos_code')),
    barcode: code,
    multiUse: toFlag(field(o, 'multi_enable')),
    properties: toJsonObject(field(o, 'properties')),
  }
}

// ---------------------------------------------------------------------------------------
// Member pieces

function vipLevel(v: unknown, where: string): VipLevel | null {
  const o = optionalRecord(v, where)
  if (!o) return null
  const id = toText(field(o, 'id'))
  const name = toText(field(o, 'name'))
  if (!id && !name) return null
  return { id, level: toText(field(o, 'level')), name, posCode: toOptText(field(o, 'pos_code')) }
}

function memberProfile(user: WireRecord): MemberProfile {
  return {
    id: requireId(user, ['id'], `${LOGIN}: user`),
    name: toText(field(user, 'name')),
    phone: parseTaiwanMobile(toText(field(user, 'cell'))) ?? parseTaiwanMobile(toText(field(user, 'mobile'))),
    birthday: toDate(field(user, 'birth')),
    sex: toSex(field(user, 'sex')),
    avatarUrl: toImageUrl(field(user, 'head_image')),
    cardImageUrl: toImageUrl(field(user, 'image_card')),
    memberSince: toDateTime(field(user, 'accept_brand_time')),
    visits: toCount(field(user, 'visited_count')),
  }
}

/** A `/v1/user/ocard`-style member; null when it has no id (the vendor's "not a member"). */
function memberSummary(m: WireRecord, card: unknown, cardWhere: string): MemberSummary | null {
  const id = toText(field(m, 'id'))
  if (!id) return null
  return {
    id,
    name: toText(field(m, 'name')),
    phone: parseTaiwanMobile(toText(field(m, 'mobile'))),
    groupId: toOptText(field(m, 'group_id')),
    groupName: toOptText(field(m, 'group_name')),
    carrier: toOptText(field(m, 'carrier')),
    avatarUrl: toImageUrl(field(m, 'head_image')),
    pointCard: pointCard(card, cardWhere),
  }
}

const CARRIER_TYPES: readonly CarrierType[] = ['PHONE_CARRIER', 'MEMBER_CARRIER', 'CITIZEN_DIGITAL_CERTIFICATE']

function carrierType(v: unknown): CarrierType | null {
  const s = toText(v).toUpperCase()
  return CARRIER_TYPES.find((t) => t === s) ?? null
}

// ---------------------------------------------------------------------------------------
// Endpoints

/** `POST /v1/user/ocard/login` → the full member view. */
export function normalizeLogin(payload: unknown, ctx: NormalizeContext): MemberView {
  const root = requireRecord(payload, `${LOGIN}: the answer`)
  const user = requireRecord(field(root, 'user'), `${LOGIN}: user`)
  const card = pointCard(field(root, 'point_card'), `${LOGIN}: point_card`)
  const points = card?.points ?? 0
  const nowMs = ctx.now.getTime()
  const giftsAt = `${LOGIN}: point_gift`
  const couponsAt = `${LOGIN}: coupon_list`
  return {
    profile: memberProfile(user),
    vip: vipLevel(field(root, 'vip'), `${LOGIN}: vip`),
    pointCard: card,
    gifts: optionalList(field(root, 'point_gift'), giftsAt).map((g, i) =>
      pointGift(g, `${giftsAt}[${i}]`, ctx.storeId, points),
    ),
    coupons: optionalList(field(root, 'coupon_list'), couponsAt).map((c, i) => coupon(c, `${couponsAt}[${i}]`, nowMs)),
    fetchedAt: toTaipeiIso(ctx.now),
    source: 'live',
  }
}

/** `GET /v1/user/ocard` → the member, or null for the vendor's all-null "not a member" answer. */
export function normalizeMemberData(payload: unknown): MemberSummary | null {
  const root = requireRecord(payload, `${MEMBER_DATA}: the answer`)
  const member = requireRecord(field(root, 'member'), `${MEMBER_DATA}: member`)
  return memberSummary(member, field(root, 'point_card'), `${MEMBER_DATA}: point_card`)
}

/** `GET /v1/user/members` → `{"members": [...]}`, each like the `/v1/user/ocard` member. */
export function normalizeMemberSearch(payload: unknown): MemberSummary[] {
  // Tolerated: a bare array, and entries shaped `{member, point_card}` like /v1/user/ocard.
  const list = Array.isArray(payload) ? payload : field(requireRecord(payload, `${SEARCH}: the answer`), 'members')
  if (list === undefined) broken(`${SEARCH}: the answer has no members`)
  return optionalList(list, `${SEARCH}: members`).flatMap((entry, i) => {
    const where = `${SEARCH}: members[${i}]`
    const nested = field(entry, 'member')
    const member = nested === undefined ? entry : requireRecord(nested, `${where}.member`)
    return memberSummary(member, field(entry, 'point_card'), `${where}.point_card`) ?? []
  })
}

/** `POST /v2/user` → the created member. */
export function normalizeSignupResponse(payload: unknown): CreatedMember {
  const o = requireRecord(payload, `${SIGNUP}: the answer`)
  return {
    id: requireId(o, ['id'], `${SIGNUP}: the created member`),
    name: toText(field(o, 'name')),
    phone: parseTaiwanMobile(toText(field(o, 'mobile'))),
    sex: toSex(field(o, 'sex')),
    birthday: toDate(field(o, 'birthday')),
    email: toOptText(field(o, 'email')),
    points: toCount(field(o, 'points')),
    groupId: toOptText(field(o, 'group_id')),
    groupName: toOptText(field(o, 'group_name')),
    invitationCode: toOptText(field(o, 'Invitation_code')) ?? toOptText(field(o, 'invitation_code')),
    defaultCarrierType: carrierType(field(o, 'default_carrier_type')),
    phoneCarrier: toOptText(field(o, 'phone_carrier')),
    appliedAt: toDateTime(field(o, 'apply_date')),
  }
}

function businessHours(v: unknown): string | null {
  if (Array.isArray(v)) return v.map(toText).filter(Boolean).join('\n') || null
  return toOptText(v)
}

/** `GET /v1/stores` → stores. No vendor page: `{"stores": [...]}` or a bare array; entries without an id are skipped. */
export function normalizeStores(payload: unknown): Store[] {
  const list = Array.isArray(payload) ? payload : field(requireRecord(payload, `${STORES}: the answer`), 'stores')
  if (list === undefined) broken(`${STORES}: the answer has no stores`)
  return optionalList(list, `${STORES}: stores`).flatMap((o) => {
    // `store_id` and `shop_id` name the same thing elsewhere in this API.
    const id = toText(field(o, 'id')) || toText(field(o, 'store_id')) || toText(field(o, 'shop_id'))
    if (!id) return []
    return [{
      id,
      name: toText(field(o, 'name')),
      phone: toOptText(field(o, 'phone')),
      businessHours: businessHours(field(o, 'business_hours')),
    }]
  })
}

const MAX_VENDOR_MESSAGE = 500

/** The vendor's `{"message": "…"}` from an error body (object or JSON text), if it is non-empty text. */
export function vendorMessage(body: unknown): string | null {
  let o = body
  if (typeof body === 'string') {
    try {
      o = JSON.parse(body)
    } catch {
      return null
    }
  }
  if (!isRecord(o)) return null
  const message = field(o, 'message')
  if (typeof message !== 'string' || message.trim() === '') return null
  const text = message.trim()
  return text.length > MAX_VENDOR_MESSAGE ? `${text.slice(0, MAX_VENDOR_MESSAGE - 1)}…` : text
}
