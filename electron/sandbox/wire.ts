// The vendor's wire shapes, as its documentation pages show them — traps included: numbers
// as strings, `expire` as an object, an array or absent, `properties` as a JSON string.
// The sandbox sends these verbatim; cleaning them up is the app's job, not the vendor's.

interface WireExpire {
  /** `YYYY/MM/DD`. */
  date: string
  /** A number in the login example, a string in the member-data table. */
  point: number | string
}

interface WireOcardUser {
  /** `+886903515908`. */
  cell: string
  name: string
  /** `YYYY-MM-DD`; the vendor's placeholder for "unknown" is `1911-01-01`. */
  birth: string
  /** `1` male, `2` female, `0` unknown. */
  sex: string
  head_image: string | null
  token: string
  id: string
  image_card: string | null
  accept_brand_time: string
  vip_check: string
  brand_check: string
  accept_vip_time: string
  vip_name: string
  visited_count: string
}

export interface WireVip {
  id: string
  level: string
  name: string
  goods: string
  condition: string
  pos_code: string
  vip_check: string
  brand_check: string
}

interface WirePointCard {
  point: string
  spend: string
  convert: string
  available_gift_count: string
  title: string
  content: string
  decimal_point?: string
  is_one_point?: string
  expire?: WireExpire | WireExpire[]
}

interface WirePointGift {
  /** Comma-padded store ids: `,9920,`. */
  available_store: string
  title: string
  content: string
  redeem_type: string
  obossRedeem: string
  require_point: string
  image: string | null
  pos_code: string | null
  show: string
  order_enable: string
  pg_tag: string | null
  available_channel: string
  offer: string | null
  offer_value: string | null
  offer_limit: string | null
  token: string
  id: string
  redeem: number
  repeat_limit: number
}

interface WireCoupon {
  serial: string
  start_time: string
  end_time: string
  create_time: string
  used_time: string | null
  expired: string
  used: string
  title: string
  content: string
  comment: string
  image: string | null
  pos_code: string | null
  offer: string | null
  offer_value: string | null
  cond_value: string | null
  cond: string | null
  require_spend: string | null
  /** A JSON document inside a string (and not always a valid one). */
  properties: string | null
  cost: number
  multi_enable: boolean
  barcode: { type: string; code: string }
  redeemable: boolean
  id: string
}

/** `POST /v1/user/ocard/login` answer. */
export interface WireOcardLogin {
  user: WireOcardUser
  vip: WireVip
  point_card: WirePointCard
  point_gift: WirePointGift[]
  point_pros: unknown[]
  coupon_list: WireCoupon[]
}

/** `member` of `GET /v1/user/ocard`; `carrier` may be missing altogether. */
export interface WireMemberData {
  head_image: string | null
  id: string | null
  name: string | null
  /** `0903515908`. */
  mobile: string | null
  group_id: string | null
  group_name: string | null
  carrier?: string | null
}

/** `GET /v1/user/ocard` answer. */
export interface WireOcardMemberData {
  member: WireMemberData
  point_card: Omit<WirePointCard, 'decimal_point' | 'is_one_point'> | null
}

/** One row of `GET /v1/user/members`. */
export interface WireMemberSummary {
  id: string
  name: string
  mobile: string
  group_id: string | null
  group_name: string | null
  head_image: string | null
  carrier: string | null
}

/** `POST /v2/user` answer. */
export interface WireCreatedMember {
  id: string
  name: string
  zip: string | null
  address: string
  telephone: string
  /** `Male` / `Female` (capitalised, unlike the request) or `unknown`. */
  sex: 'Male' | 'Female' | 'unknown'
  /** `YYYY-MM-DDT00:00:00`, or null when not given. */
  birthday: string | null
  email: string
  mobile: string
  /** A string although the table says int. */
  points: string
  group_id: string
  group_name: string
  card_no: string
  phone_carrier: string
  Invitation_code: string
  seal_quantity: number
  points_exchanged_amount: number
  tax_id_number: string
  citizen_digital_certificate: string
  default_carrier_type: string
  apply_shop_id: string
  /** `YYYY-MM-DD HH:mm:ss`. */
  apply_date: string
  discount_rate: number
  is_can_credit: boolean
  memo: string | null
}

export interface WireStore {
  id: string
  name: string
  phone: string
  business_hours: string
}

