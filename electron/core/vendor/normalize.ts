// The one place vendor payloads become the app's own types (shared/types.ts), except the
// sign-up's answer, which signup-wire.ts reads with the helpers below. Nothing else in the app
// ever sees a raw payload.
//
// Each endpoint's wire shape is declared once, as a valibot schema with tolerant transforms
// (electron/shared/vendor-wire/endpoints.ts). Parsing with it gives cleaned values; this file
// only maps them to the app's types and decides what they mean. Three outcomes besides a card:
// - the shape is beyond reading (an object that is a string, a list that is a number, a member
//   without id): VendorPayloadError, an AppFailure with code VENDOR; we show nothing;
// - the answer carries no data but the vendor's `{"message"}` (an error sent as 200): a
//   refusal in the vendor's own words (AppFailure VENDOR, fromVendor, status 200);
// - the vendor's "not a member" sent as 200 with every field null: NOT_FOUND / null.
import * as v from 'valibot'
import type { AppError } from '../../shared/contract'
import { parseTaiwanMobile } from '../../shared/phone'
import type {
  CarrierType,
  Coupon,
  GiftUnavailableReason,
  IsoDateTime,
  MemberSummary,
  MemberView,
  PointCard,
  PointGift,
  Store,
  VipLevel,
} from '../../shared/types'
import {
  CouponWire,
  ErrorWire,
  MemberSearchWire,
  OcardLoginWire,
  OcardMemberDataWire,
  PointGiftWire,
  StoresWire,
  type MemberDataMemberOut,
  type PointCardOut,
} from '../../shared/vendor-wire/endpoints'
import { isAllEmpty } from '../../shared/vendor-wire/tolerant'
import { epochMs, isRecord, toTaipeiIso } from '../../shared/vendor-wire/values'
import { AppFailure } from '../errors'

export interface NormalizeContext {
  /** The store this counter is at (`store_id` / `shop_id`). */
  storeId: string
  now: Date
}

// ---------------------------------------------------------------------------------------
// Failures

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
const STORES = 'GET /v1/stores'
const SEARCH = 'GET /v1/user/members'

function kindOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x
}

/** `coupon_list[1]` from a valibot issue path; the whole answer when there is none. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((p) => p.key)
  // Stryker disable next-line Regex: every wire schema is an object at the top, so the path starts with ".key" and its first "." is the leading one
  const text = keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '')
  return text || 'the answer'
}

/** A developer-readable detail naming where the shape broke, never a payload value. */
function describe(issue: v.BaseIssue<unknown>): string {
  const where = pathOf(issue)
  if (issue.kind !== 'schema') return `${where} ${issue.message}`
  // Stryker disable next-line MethodExpression,OptionalChaining: a schema issue always has `expected`, and the only quoted one in these schemas is a missing key's name ("user"), quoted at both ends
  if (issue.received === 'undefined' && issue.expected?.startsWith('"')) return `${where} is missing`
  return `${where} is not ${issue.expected === 'Array' ? 'a list' : 'an object'} (got ${kindOf(issue.input)})`
}

/** Parses `payload` with `schema`, or throws the failure that says why it could not be read. */
export function read<S extends v.GenericSchema>(schema: S, payload: unknown, endpoint: string, dataKey: string): v.InferOutput<S> {
  const result = v.safeParse(schema, payload)
  if (result.success) return result.output
  throw refusalIn(payload, dataKey) ?? new VendorPayloadError(`${endpoint}: ${describe(result.issues[0])}`)
}

/**
 * No data, only the vendor's words: an error sent as 200 (PHP backends do this). A refusal
 * in the vendor's own words (else null).
 */
export function refusalIn(payload: unknown, dataKey: string): AppFailure | null {
  const message = vendorMessage(payload)
  if (message === null || !isRecord(payload) || Object.hasOwn(payload, dataKey)) return null
  return new AppFailure('VENDOR', message, { status: 200, fromVendor: true })
}

// ---------------------------------------------------------------------------------------
// Point card

function pointCard(o: PointCardOut | null, spendMeaning: PointCard['spendMeaning']): PointCard | null {
  if (!o) return null
  return {
    points: o.point,
    spend: o.spend,
    spendMeaning,
    convertRate: o.convert,
    availableGiftCount: o.available_gift_count,
    title: o.title,
    content: o.content,
    expiring: o.expire
      .filter((e): e is { date: string; point: number } => e.date !== null && e.point > 0)
      .map((e) => ({ date: e.date, points: e.point }))
      .sort((a, b) => a.date.localeCompare(b.date)),
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

function pointGift(g: v.InferOutput<typeof PointGiftWire>, storeId: string, points: number): PointGift {
  // GUESS (the page says only "redeem int 兌換狀態", "obossRedeem string Oboss 兌換啟用狀態"):
  // `redeem` 1 = the vendor lets this gift be redeemed now, 0 = it does not; `obossRedeem`
  // "1" = redeemable through the store's POS (Oboss), "0" = only elsewhere (the app), so not
  // at this counter. Absent means not switched off. README "Vendor behaviour we assume".
  const vendorAllows = g.redeem && g.obossRedeem
  const reason = giftUnavailableReason(g.available_store, storeId, g.require_point - points, vendorAllows)
  return {
    id: g.id || g.token,
    title: g.title,
    content: g.content,
    requiredPoints: g.require_point,
    imageUrl: g.image,
    availableStores: g.available_store,
    posCode: g.pos_code,
    redeemableNow: reason === null,
    unavailableReason: reason,
  }
}

// ---------------------------------------------------------------------------------------
// Coupons

/** `t` in ms since the epoch; no time at all as NaN, which is neither before nor after any moment. */
function msOf(t: IsoDateTime | null): number {
  // Stryker disable next-line ConditionalExpression: "false" is equivalent (epochMs(null) is Date.parse(null), NaN too); "true" (every time unknown) is killed by the coupon state tests but shares the line
  return t === null ? Number.NaN : epochMs(t)
}

function couponStatus(c: v.InferOutput<typeof CouponWire>, nowMs: number): Pick<Coupon, 'state' | 'stateReason'> {
  // A used_time that is set but unreadable still means "used".
  if (c.used || c.used_time.set) return { state: 'used', stateReason: 'used' }
  if (c.expired || msOf(c.end_time) < nowMs) return { state: 'expired', stateReason: 'expired' }
  if (msOf(c.start_time) > nowMs) return { state: 'unavailable', stateReason: 'not-started' }
  // Only an explicit "no" counts; the barcode type plays no part in usability.
  if (!c.redeemable) return { state: 'unavailable', stateReason: 'not-redeemable' }
  return { state: 'usable', stateReason: null }
}

function coupon(c: v.InferOutput<typeof CouponWire>, nowMs: number): Coupon {
  return {
    // The vendor's id is the barcode code in its examples; fall back to serial, then the code.
    id: c.id || c.serial || (c.barcode?.code as string),
    serial: c.serial,
    title: c.title,
    content: c.content,
    comment: c.comment,
    imageUrl: c.image,
    startsAt: c.start_time,
    endsAt: c.end_time,
    usedAt: c.used_time.at,
    ...couponStatus(c, nowMs),
    posCode: c.pos_code,
    barcode: c.barcode,
    multiUse: c.multi_enable,
    properties: c.properties,
  }
}

// ---------------------------------------------------------------------------------------
// Members

function vipLevel(o: v.InferOutput<typeof OcardLoginWire>['vip']): VipLevel | null {
  if (!o || (!o.id && !o.name)) return null
  return { id: o.id, level: o.level, name: o.name, posCode: o.pos_code, condition: o.condition }
}

/** A `/v1/user/ocard`-style member; null when it has no id (the vendor's "not a member"). */
function memberSummary(m: MemberDataMemberOut, card: PointCardOut | null): MemberSummary | null {
  if (!m.id) return null
  return {
    id: m.id,
    name: m.name,
    phone: parseTaiwanMobile(m.mobile),
    groupId: m.group_id,
    groupName: m.group_name,
    carrier: m.carrier,
    birthday: m.birthday,
    avatarUrl: m.head_image,
    pointCard: pointCard(card, 'points-used'),
  }
}

const CARRIER_TYPES: readonly CarrierType[] = ['PHONE_CARRIER', 'MEMBER_CARRIER', 'CITIZEN_DIGITAL_CERTIFICATE']

export function carrierType(s: string | null): CarrierType | null {
  // Stryker disable next-line StringLiteral: null must only become some text that is not a carrier type; any such text gives null alike
  const upper = (s ?? '').toUpperCase()
  return CARRIER_TYPES.find((t) => t === upper) ?? null
}

// ---------------------------------------------------------------------------------------
// Endpoints

/**
 * `POST /v1/user/ocard/login` → the full member view. A `user` with every field null (the
 * member-data endpoint's convention, which some backends use here too) is "not a member":
 * NOT_FOUND, exactly like the documented-elsewhere 404.
 */
export function normalizeLogin(payload: unknown, ctx: NormalizeContext): MemberView {
  // An answer of only the vendor's words has no `user`: read() below throws it as their refusal.
  if (isRecord(payload) && Object.hasOwn(payload, 'user') && isAllEmpty(payload['user'])) {
    throw new AppFailure('NOT_FOUND', '', { status: 200 })
  }
  const root = read(OcardLoginWire, payload, LOGIN, 'user')
  const user = root.user
  if (!user.id) throw new VendorPayloadError(`${LOGIN}: user has no id`)
  const card = pointCard(root.point_card, 'total-spend')
  const points = card?.points ?? 0
  const nowMs = ctx.now.getTime()
  return {
    profile: {
      id: user.id,
      name: user.name,
      phone: parseTaiwanMobile(user.cell) ?? parseTaiwanMobile(user.mobile),
      birthday: user.birth,
      sex: user.sex,
      avatarUrl: user.head_image,
      cardImageUrl: user.image_card,
      memberSince: user.accept_brand_time,
      visits: user.visited_count,
      carrier: user.carrier,
    },
    vip: vipLevel(root.vip),
    pointCard: card,
    // A gift the vendor marks `show: "0"` is not for showing: not listed at all.
    gifts: root.point_gift.filter((g) => g.show).map((g) => pointGift(g, ctx.storeId, points)),
    coupons: root.coupon_list.map((c) => coupon(c, nowMs)),
    fetchedAt: toTaipeiIso(ctx.now),
    source: 'live',
  }
}

/** `GET /v1/user/ocard` → the member, or null for the vendor's all-null "not a member" answer. */
export function normalizeMemberData(payload: unknown): MemberSummary | null {
  const root = read(OcardMemberDataWire, payload, MEMBER_DATA, 'member')
  return memberSummary(root.member, root.point_card)
}

/** `GET /v1/user/members` → `{"members": [...]}`, each like the `/v1/user/ocard` member. */
export function normalizeMemberSearch(payload: unknown): MemberSummary[] {
  // Tolerated: a bare array, and entries shaped `{member, point_card}` like /v1/user/ocard.
  const root = read(MemberSearchWire, payload, SEARCH, 'members')
  return root.members.flatMap((e) => memberSummary(e.member, e.point_card) ?? [])
}

/** `GET /v1/stores` → stores. No vendor page: `{"stores": [...]}` or a bare array; entries without an id are skipped. */
export function normalizeStores(payload: unknown): Store[] {
  const root = read(StoresWire, payload, STORES, 'stores')
  return root.stores.flatMap((s) => {
    // `store_id` and `shop_id` name the same thing elsewhere in this API.
    const id = s.id || s.store_id || s.shop_id
    return id ? [{ id, name: s.name, phone: s.phone, businessHours: s.business_hours }] : []
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
  const parsed = v.safeParse(ErrorWire, o)
  if (!parsed.success) return null
  const text = parsed.output.message
  return text.length > MAX_VENDOR_MESSAGE ? `${text.slice(0, MAX_VENDOR_MESSAGE - 1)}…` : text
}
