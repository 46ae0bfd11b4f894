// Each vendor endpoint's answer, declared once. The client (electron/core/vendor/normalize.ts)
// parses payloads with these and maps the output to the app's types; the sandbox checks its
// own answers against them (electron/sandbox/self-check.ts), so the two cannot drift apart.
// Field readers come from values.ts; the list/object tolerance from tolerant.ts.
import * as v from 'valibot'
import {
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
  toText,
} from './values'
import { lenient, list, maybeRecord, obj, oneOrMany, record, requiredList } from './tolerant'

const text = lenient(toText)
const optText = lenient(toOptText)
const count = lenient(toCount)
const image = lenient(toImageUrl)
/** A "0"/"1" flag whose absence means "not switched off". */
const flagOn = lenient((x) => toFlag(x, true))
const flagOff = lenient((x) => toFlag(x))

/** `{"type": "Code128", "code": "…"}`; no code, no barcode. Code128 is the only documented type. */
const barcode = lenient((x) => {
  if (!isRecord(x)) return null
  const code = toText(x['code'])
  return code ? { type: toText(x['type']) || 'Code128', code } : null
})

// ---------------------------------------------------------------------------------------
// Pieces

const pointCardEntries = {
  point: count,
  /** Login: 累積消費金額 (total spend). Member data: 已用點數 (points used). */
  spend: count,
  convert: lenient(toNumber),
  available_gift_count: count,
  title: text,
  content: text,
  expire: oneOrMany({ date: lenient(toDate), point: count }),
}

const vipEntries = {
  id: text,
  level: text,
  name: text,
  pos_code: optText,
  /** 升級或維持條件描述: free text, shown as sent. */
  condition: optText,
}

const ocardUserEntries = {
  id: text,
  name: text,
  cell: text,
  /** Not in the login table; read if a backend sends it like member data does. */
  mobile: text,
  birth: lenient(toDate),
  sex: lenient(toSex),
  head_image: image,
  image_card: image,
  accept_brand_time: lenient(toDateTime),
  visited_count: count,
  /** Not in the login table; read when sent. */
  carrier: optText,
}

export const PointGiftWire = v.pipe(
  obj({
    id: text,
    token: text,
    title: text,
    content: text,
    require_point: count,
    image,
    available_store: lenient(toIdList),
    pos_code: optText,
    show: flagOn,
    redeem: flagOn,
    obossRedeem: flagOn,
  }),
  v.check((g) => g.id !== '' || g.token !== '', 'has no id / token'),
)

export const CouponWire = v.pipe(
  obj({
    id: text,
    serial: optText,
    title: text,
    content: text,
    comment: text,
    image,
    start_time: lenient((x) => toDateTime(x)),
    // A bare date as an end means "until the end of that day".
    end_time: lenient((x) => toDateTime(x, 'end')),
    used_time: lenient((x) => ({ at: toDateTime(x), set: toText(x) !== '' })),
    used: flagOff,
    expired: flagOff,
    redeemable: flagOn,
    pos_code: optText,
    barcode,
    multi_enable: flagOff,
    properties: lenient(toJsonObject),
  }),
  v.check((c) => c.id !== '' || c.serial !== null || c.barcode !== null, 'has no id, serial or barcode code'),
)

const memberDataMemberEntries = {
  id: text,
  name: text,
  mobile: text,
  group_id: optText,
  group_name: optText,
  carrier: optText,
  head_image: image,
  /** Not in the member-data table; read when sent. */
  birthday: lenient(toDate),
}

// ---------------------------------------------------------------------------------------
// Endpoints

/** `POST /v1/user/ocard/login` */
export const OcardLoginWire = obj({
  user: record(ocardUserEntries),
  vip: maybeRecord(vipEntries),
  point_card: maybeRecord(pointCardEntries),
  point_gift: list(PointGiftWire),
  point_pros: list(v.unknown()),
  coupon_list: list(CouponWire),
})

/** `GET /v1/user/ocard` */
export const OcardMemberDataWire = obj({
  member: record(memberDataMemberEntries),
  point_card: maybeRecord(pointCardEntries),
})

/** One entry of `GET /v1/user/members`: the member-data member, or `{member, point_card}`. */
const SearchEntryWire = v.pipe(
  v.unknown(),
  v.transform((e) => (isRecord(e) && Object.hasOwn(e, 'member') ? e : { member: e, point_card: null })),
  obj({ member: record(memberDataMemberEntries), point_card: maybeRecord(pointCardEntries) }),
)

/** `GET /v1/user/members`: `{"members": [...]}`, or (tolerated) a bare list. */
export const MemberSearchWire = v.pipe(
  v.unknown(),
  v.transform((x) => (Array.isArray(x) ? { members: x } : x)),
  obj({ members: requiredList(SearchEntryWire) }),
)

const businessHours = lenient((x) => (Array.isArray(x) ? x.map(toText).filter(Boolean).join('\n') || null : toOptText(x)))

/** `GET /v1/stores` (no vendor page in our hands): `{"stores": [...]}` or a bare list. */
export const StoresWire = v.pipe(
  v.unknown(),
  v.transform((x) => (Array.isArray(x) ? { stores: x } : x)),
  v.object({
    stores: requiredList(
      obj({ id: text, store_id: text, shop_id: text, name: text, phone: optText, business_hours: businessHours }),
    ),
  }),
)

/** `POST /v2/user` */
export const SignupResponseWire = v.pipe(
  obj({
    id: text,
    name: text,
    mobile: text,
    sex: lenient(toSex),
    birthday: lenient(toDate),
    email: optText,
    points: count,
    group_id: optText,
    group_name: optText,
    Invitation_code: optText,
    invitation_code: optText,
    default_carrier_type: optText,
    phone_carrier: optText,
    apply_date: lenient((x) => toDateTime(x)),
  }),
  v.check((m) => m.id !== '', 'has no id'),
)

/**
 * The token endpoint. `expires_in` as a number, a numeric string, null or missing: null
 * here means "unusable" and the client then refreshes after an hour.
 */
export const TokenWire = obj({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: lenient((x) => {
    const n = toNumber(x)
    return n !== null && n > 0 ? n : null
  }),
})

/** Every error: `{"message": "…"}`, sometimes with more keys beside it. */
export const ErrorWire = obj({ message: v.pipe(v.string(), v.trim(), v.minLength(1)) })

export type PointCardOut = v.InferOutput<ReturnType<typeof obj<typeof pointCardEntries>>>
export type MemberDataMemberOut = v.InferOutput<ReturnType<typeof record<typeof memberDataMemberEntries>>>

/** Which schema each documented answer must meet: used by the sandbox's self-check. */
export const ANSWER_SCHEMAS: Record<string, v.GenericSchema> = {
  'POST /oauth/v1/token': TokenWire,
  'POST /v1/user/ocard/login': OcardLoginWire,
  'GET /v1/user/ocard': OcardMemberDataWire,
  'GET /v1/user/members': MemberSearchWire,
  'GET /v1/stores': StoresWire,
  'POST /v2/user': SignupResponseWire,
}
