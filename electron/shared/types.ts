// The app's own data types. Vendor payloads never leave electron/core/vendor (normalize.ts, signup-wire.ts):
// everything else (IPC results, cache, renderer) speaks these.
import type { SignupEcho } from './signup-form'

/** A Taiwanese mobile number in both forms staff and machines need. */
export interface Phone {
  /** `0912345678` */
  local: string
  /** `+886912345678` */
  e164: string
}

export type Sex = 'male' | 'female' | 'unknown'

/** Timestamps are ISO 8601 with the store's +08:00 offset, e.g. `2025-12-15T14:27:43+08:00`. */
export type IsoDateTime = string
/** Calendar dates are `YYYY-MM-DD`. */
export type IsoDate = string

interface PointExpiry {
  date: IsoDate
  points: number
}

export interface PointCard {
  points: number
  /** What `spend` means depends on the endpoint that sent it (see spendMeaning; absent in older offline copies). */
  spend: number
  /** Ocard login documents 累積消費金額 (total spend); member data 已用點數 (points used). */
  spendMeaning?: 'total-spend' | 'points-used'
  convertRate: number | null
  availableGiftCount: number
  title: string
  content: string
  /** Points about to expire, soonest first; empty when none. */
  expiring: PointExpiry[]
}

export type GiftUnavailableReason = 'insufficient-points' | 'not-at-this-store' | 'not-redeemable'

export interface PointGift {
  id: string
  title: string
  content: string
  requiredPoints: number
  imageUrl: string | null
  availableStores: string[]
  posCode: string | null
  /** Redeemable now: enough points, available at this store, vendor allows it. */
  redeemableNow: boolean
  unavailableReason: GiftUnavailableReason | null
}

type CouponState = 'usable' | 'used' | 'expired' | 'unavailable'

interface Barcode {
  type: string
  code: string
}

export interface Coupon {
  id: string
  serial: string | null
  title: string
  content: string
  comment: string
  imageUrl: string | null
  startsAt: IsoDateTime | null
  endsAt: IsoDateTime | null
  usedAt: IsoDateTime | null
  state: CouponState
  /** Why a coupon is not usable, in words for staff (set when state !== 'usable'). */
  stateReason: 'used' | 'expired' | 'not-started' | 'not-redeemable' | null
  posCode: string | null
  barcode: Barcode | null
  multiUse: boolean
  properties: Record<string, unknown> | null
}

export interface VipLevel {
  id: string
  level: string
  name: string
  posCode: string | null
  /** 升級或維持條件描述: the vendor's own words, shown as sent. */
  condition?: string | null
}

interface MemberProfile {
  id: string
  name: string
  phone: Phone | null
  birthday: IsoDate | null
  sex: Sex
  avatarUrl: string | null
  cardImageUrl: string | null
  memberSince: IsoDateTime | null
  visits: number
  /** E-invoice mobile barcode `/XXXXXXX`: from member data (fetched beside the login), or the login if it sends one. */
  carrier?: string | null
}

/** The full member view from `member:lookup`. */
export interface MemberView {
  profile: MemberProfile
  vip: VipLevel | null
  pointCard: PointCard | null
  gifts: PointGift[]
  coupons: Coupon[]
  /** When this view was fetched from the vendor. */
  fetchedAt: IsoDateTime
  /** `cache` when the vendor could not be reached and an offline copy is shown. */
  source: 'live' | 'cache'
}

/** The short member view from `member:find` and `member:search`. */
export interface MemberSummary {
  id: string
  name: string
  phone: Phone | null
  groupId: string | null
  groupName: string | null
  carrier: string | null
  /** Not in the member-data table; read when a backend sends it. */
  birthday?: IsoDate | null
  avatarUrl: string | null
  pointCard: PointCard | null
}

export interface Store {
  id: string
  name: string
  phone: string | null
  businessHours: string | null
}

// The sign-up form's shape is declared with its form (signup-form.ts).
export type { CarrierType, SignupForm } from './signup-form'

/** What `POST /v2/user` answers, cleaned (core/vendor/signup-wire.ts): the new member and the sign-up fields it echoes. */
export interface CreatedMember extends SignupEcho {
  id: string
  name: string
  phone: Phone | null
  sex: Sex
  birthday: IsoDate | null
  email: string | null
  points: number
  groupId: string | null
  groupName: string | null
  appliedAt: IsoDateTime | null
}

