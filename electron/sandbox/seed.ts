// The sandbox's demo data: its shape, a structural check, and the `@+14d` date tokens.
//
// A member's `login` is stored in the vendor's exact wire shape (what
// POST /v1/user/ocard/login answers), so every trap in the data is written down once, in
// resources/sandbox/seed.json, and the server only derives the other endpoints' views.

import { LOCAL_MOBILE, parseTaiwanMobile } from '../shared/phone'
import { addDays, formatDashDate, formatDateTime, formatSlashDate } from './time'
import type { WireOcardLogin, WireStore, WireVip } from './wire'

/** Phone the demo uses for "not a member": seeding it would break the demo. */
const NOT_A_MEMBER_DEMO_PHONE = '0911000000'
/** The store demo mode runs as. */
export const DEMO_STORE_ID = '9920'

export interface SeedMember {
  /** Free text for people reading seed.json: what this member demonstrates. */
  _note?: string
  /** `09` + 8 digits; must agree with `login.user.cell`. */
  phone: string
  /** `member.head_image` of GET /v1/user/ocard (the login payload has its own). */
  head_image: string | null
  group_id: string
  /** E-invoice carrier `/XXXXXXX`; leave the key out to have GET /v1/user/ocard omit it. */
  carrier?: string | null
  /** What `GET /v1/user/members?type=VIP_ID&id=` matches. */
  vip_id: string
  login: WireOcardLogin
}

/** What a member created by POST /v2/user starts with. */
export interface SeedSignupDefaults {
  /** Sent as a string, as the vendor does (`"points": "100"`). */
  welcome_points: string
  group_id: string
  /** `vip.name` doubles as the new member's group name. */
  vip: WireVip
  image_card: string | null
  point_card_title: string
}

export interface SandboxSeed {
  _comment?: string | string[]
  stores: WireStore[]
  signup: SeedSignupDefaults
  members: SeedMember[]
}

export class SeedError extends Error {
  constructor(path: string, problem: string) {
    super(`sandbox seed: ${path}: ${problem}`)
    this.name = 'SeedError'
  }
}

// --- date tokens -----------------------------------------------------------------------

// `@+14d` → `YYYY/MM/DD` (point expiry shape); `@-3d 23:59:59` → `YYYY-MM-DD 23:59:59`
// (coupon time shape); `@+0d date` → `YYYY-MM-DD`. Days count from "now" in Taipei, so
// "expiring soon" and "not started yet" stay true whenever the demo runs.
const DATE_TOKEN = /^@([+-]\d+)d(?: (\d{2}:\d{2}:\d{2}|date))?$/

function resolveDateToken(token: string, now: Date, path: string): string {
  const m = DATE_TOKEN.exec(token)
  if (!m) throw new SeedError(path, `"${token}" looks like a date token but is not one (try "@+14d")`)
  const day = addDays(now, Number(m[1]))
  if (m[2] === undefined) return formatSlashDate(day)
  if (m[2] === 'date') return formatDashDate(day)
  return `${formatDateTime(day).slice(0, 10)} ${m[2]}`
}

/** Deep copy of `value` with every `@…d` string replaced by a date relative to `now`. */
export function resolveDateTokens<T>(value: T, now: Date, path = '$'): T {
  if (typeof value === 'string') {
    return (value.startsWith('@') ? resolveDateToken(value, now, path) : value) as T
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveDateTokens(v, now, `${path}[${i}]`)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = resolveDateTokens(v, now, `${path}.${k}`)
    return out as T
  }
  return value
}

// --- structural check --------------------------------------------------------------------

type Obj = Record<string, unknown>

function obj(v: unknown, path: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SeedError(path, 'must be an object')
  return v as Obj
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new SeedError(path, 'must be an array')
  return v
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new SeedError(path, 'must be a string')
  return v
}
function unique(seen: Set<string>, value: string, path: string): void {
  if (seen.has(value)) throw new SeedError(path, `duplicate "${value}"`)
  seen.add(value)
}

const COMMA_PADDED_STORES = /^,(?:[^,]+,)+$/
const BARCODE_CODE = /^[A-Za-z0-9-]{6,24}$/

function checkStores(raw: unknown): void {
  const ids = new Set<string>()
  arr(raw, '$.stores').forEach((s, i) => {
    const p = `$.stores[${i}]`
    const store = obj(s, p)
    for (const key of ['name', 'phone', 'business_hours']) str(store[key], `${p}.${key}`)
    unique(ids, str(store['id'], `${p}.id`), `${p}.id`)
  })
  if (!ids.has(DEMO_STORE_ID)) throw new SeedError('$.stores', `must include the demo store ${DEMO_STORE_ID}`)
}

function checkLogin(raw: unknown, phone: string, p: string, couponIds: Set<string>): string {
  const login = obj(raw, p)
  const user = obj(login['user'], `${p}.user`)
  const e164 = parseTaiwanMobile(phone)?.e164
  if (str(user['cell'], `${p}.user.cell`) !== e164) throw new SeedError(`${p}.user.cell`, `must be ${e164}`)
  str(user['name'], `${p}.user.name`)
  obj(login['vip'], `${p}.vip`)
  const card = obj(login['point_card'], `${p}.point_card`)
  str(card['point'], `${p}.point_card.point`)
  arr(login['point_pros'], `${p}.point_pros`)
  arr(login['point_gift'], `${p}.point_gift`).forEach((g, i) => {
    const gp = `${p}.point_gift[${i}]`
    const stores = str(obj(g, gp)['available_store'], `${gp}.available_store`)
    if (!COMMA_PADDED_STORES.test(stores)) throw new SeedError(`${gp}.available_store`, 'must look like ",9920,"')
  })
  arr(login['coupon_list'], `${p}.coupon_list`).forEach((c, i) => {
    const cp = `${p}.coupon_list[${i}]`
    const coupon = obj(c, cp)
    unique(couponIds, str(coupon['id'], `${cp}.id`), `${cp}.id`)
    const code = str(obj(coupon['barcode'], `${cp}.barcode`)['code'], `${cp}.barcode.code`)
    if (!BARCODE_CODE.test(code)) throw new SeedError(`${cp}.barcode.code`, 'must be 6–24 letters, digits or "-"')
  })
  return str(user['id'], `${p}.user.id`)
}

function checkMembers(raw: unknown): void {
  const phones = new Set<string>()
  const vipIds = new Set<string>()
  const userIds = new Set<string>()
  const couponIds = new Set<string>()
  arr(raw, '$.members').forEach((m, i) => {
    const p = `$.members[${i}]`
    const member = obj(m, p)
    const phone = str(member['phone'], `${p}.phone`)
    if (!LOCAL_MOBILE.test(phone)) throw new SeedError(`${p}.phone`, 'must be 09 + 8 digits')
    if (phone === NOT_A_MEMBER_DEMO_PHONE) {
      throw new SeedError(`${p}.phone`, `${NOT_A_MEMBER_DEMO_PHONE} is the "not a member" demo phone`)
    }
    unique(phones, phone, `${p}.phone`)
    unique(vipIds, str(member['vip_id'], `${p}.vip_id`), `${p}.vip_id`)
    str(member['group_id'], `${p}.group_id`)
    unique(userIds, checkLogin(member['login'], phone, `${p}.login`, couponIds), `${p}.login.user.id`)
  })
}

function checkSignup(raw: unknown): void {
  const signup = obj(raw, '$.signup')
  for (const key of ['welcome_points', 'group_id', 'point_card_title']) {
    str(signup[key], `$.signup.${key}`)
  }
  str(obj(signup['vip'], '$.signup.vip')['name'], '$.signup.vip.name')
}

/**
 * Checks the seed's structure (the parts the server relies on, not every wire field: the
 * wire fields are deliberately irregular) and returns a private copy with date tokens
 * resolved against `now`. Throws SeedError naming the bad path.
 */
export function loadSeed(raw: unknown, now: Date = new Date()): SandboxSeed {
  const root = obj(raw, '$')
  checkStores(root['stores'])
  checkSignup(root['signup'])
  checkMembers(root['members'])
  return resolveDateTokens(root, now) as unknown as SandboxSeed
}
