// POST /v2/user: the vendor's validation, and the member it creates.

import { randomBytes } from 'node:crypto'
import {
  CARRIER_TYPE_NEEDS_ITS_CODE,
  CITIZEN_CERTIFICATE,
  DEFAULT_CARRIER_TYPE,
  EMAIL,
  PHONE_CARRIER,
  STORE_NOT_FOUND,
} from './assumptions'
import type { MemberDirectory } from './members'
import { errorReply, jsonReply, type Reply } from './reply'
import type { SeedMember, SeedSignupDefaults } from './seed'
import { formatDateTime, formatDashDate, isDashDate } from './time'
import type { WireCreatedMember } from './wire'
import { parseWireMobile } from './wire-phone'

const CARRIER_TYPES = ['PHONE_CARRIER', 'MEMBER_CARRIER', 'CITIZEN_DIGITAL_CERTIFICATE'] as const
type CarrierType = (typeof CARRIER_TYPES)[number]

/** The request after validation, still under the vendor's wire names. */
interface SignupBody {
  id: string
  password?: string
  name?: string
  email?: string
  birthday?: string
  sex?: 'male' | 'female'
  /** Capital I, as documented; a lower-case `invitation_code` is ignored like any unknown key. */
  Invitation_code?: string
  address?: string
  line_id?: string
  store_id?: string
  vip_group_id?: string
  external_data?: { vip_id?: string; uuid?: string; card_no?: string }
  citizen_digital_certificate?: string
  default_carrier_type?: CarrierType
  phone_carrier?: string
  memo?: string
}

const STRING_FIELDS = [
  'password', 'name', 'email', 'birthday', 'sex', 'Invitation_code', 'address', 'line_id', 'store_id',
  'vip_group_id', 'citizen_digital_certificate', 'default_carrier_type', 'phone_carrier', 'memo',
] as const


type Checked = { ok: true; body: SignupBody } | { ok: false; reply: Reply }

const fieldError = (field: string, message: string): Checked => ({
  ok: false,
  reply: errorReply(400, message, { field }),
})

function checkExternalData(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'external_data 必須為物件'
  for (const key of ['vip_id', 'uuid', 'card_no']) {
    const field = (v as Record<string, unknown>)[key]
    if (field !== undefined && typeof field !== 'string') return `external_data.${key} 必須為字串`
  }
  return null
}

/** Validates a parsed JSON body the way the vendor does (400 with a zh-TW message). */
function checkSignupBody(raw: unknown, knownStore: (id: string) => boolean): Checked {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fieldError('', '請求內容必須為 JSON 物件')
  }
  const b = raw as Record<string, unknown>
  if (b['type'] !== 'PHONE_NUMBER') return fieldError('type', 'type 只接受 PHONE_NUMBER')
  if (typeof b['id'] !== 'string' || b['id'] === '') return fieldError('id', '缺少 id (手機號碼)')
  if (!parseWireMobile(b['id'])) return fieldError('id', '手機號碼格式錯誤')
  for (const key of STRING_FIELDS) {
    if (b[key] !== undefined && typeof b[key] !== 'string') return fieldError(key, `${key} 必須為字串`)
  }
  const body = b as unknown as SignupBody
  if (body.sex !== undefined && body.sex !== 'male' && body.sex !== 'female') {
    return fieldError('sex', 'sex 只接受 male 或 female')
  }
  if (body.default_carrier_type !== undefined && !CARRIER_TYPES.includes(body.default_carrier_type)) {
    return fieldError('default_carrier_type', `default_carrier_type 只接受 ${CARRIER_TYPES.join('、')}`)
  }
  if (body.phone_carrier !== undefined && !PHONE_CARRIER.test(body.phone_carrier)) {
    return fieldError('phone_carrier', '手機條碼格式錯誤')
  }
  if (body.citizen_digital_certificate !== undefined && !CITIZEN_CERTIFICATE.test(body.citizen_digital_certificate)) {
    return fieldError('citizen_digital_certificate', '自然人憑證條碼格式錯誤')
  }
  if (CARRIER_TYPE_NEEDS_ITS_CODE && body.default_carrier_type === 'PHONE_CARRIER' && body.phone_carrier === undefined) {
    return fieldError('phone_carrier', '預設載具為手機條碼時須提供 phone_carrier')
  }
  if (CARRIER_TYPE_NEEDS_ITS_CODE && body.default_carrier_type === 'CITIZEN_DIGITAL_CERTIFICATE' && body.citizen_digital_certificate === undefined) {
    return fieldError('citizen_digital_certificate', '預設載具為自然人憑證時須提供 citizen_digital_certificate')
  }
  if (body.email !== undefined && body.email !== '' && !EMAIL.test(body.email)) {
    return fieldError('email', '電子信箱格式錯誤')
  }
  // ASSUMED (assumptions.ts, birthday): YYYY-MM-DD, not in the future.
  if (body.birthday !== undefined && (!isDashDate(body.birthday) || body.birthday > formatDashDate(new Date()))) {
    return fieldError('birthday', '生日格式錯誤 (YYYY-MM-DD)')
  }
  if (body.external_data !== undefined) {
    const problem = checkExternalData(body.external_data)
    if (problem) return fieldError('external_data', problem)
  }
  if (body.store_id !== undefined && !knownStore(body.store_id)) {
    return { ok: false, reply: errorReply(404, STORE_NOT_FOUND) }
  }
  return { ok: true, body }
}

const SEX_CODE = { male: '1', female: '2' } as const
const SEX_WORD = { male: 'Male', female: 'Female' } as const

/** 6 letters/digits, like the vendor's member `token` and invitation codes. */
function shortToken(): string {
  return randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6)
}

export class SignupService {
  // Omni member ids look like the example's "021100543": 9 digits, handed out in order.
  private nextId = 21100544

  constructor(
    private readonly members: MemberDirectory,
    private readonly defaults: SeedSignupDefaults,
    private readonly knownStore: (id: string) => boolean,
  ) {}

  /** Handles one parsed POST /v2/user body. */
  signUp(raw: unknown, now: Date = new Date()): Reply {
    const checked = checkSignupBody(raw, this.knownStore)
    if (!checked.ok) return checked.reply
    const body = checked.body
    const phone = parseWireMobile(body.id)
    if (!phone) return errorReply(400, '手機號碼格式錯誤', { field: 'id' })
    if (this.members.has(phone.local)) {
      this.members.noteDuplicateSignup(phone.local)
      return errorReply(400, '此手機號碼已註冊為會員', { field: 'id' })
    }
    const id = String(this.nextId++).padStart(9, '0')
    this.members.add(this.newMember(id, phone.local, phone.e164, body, now))
    return jsonReply(200, this.createdView(id, phone.local, body, now))
  }

  private newMember(id: string, local: string, e164: string, body: SignupBody, now: Date): SeedMember {
    const d = this.defaults
    const joined = formatDateTime(now)
    const member: SeedMember = {
      phone: local,
      head_image: null,
      group_id: body.vip_group_id ?? d.group_id,
      vip_id: body.external_data?.vip_id ?? id,
      login: {
        user: {
          cell: e164,
          name: body.name ?? '',
          // The vendor's own placeholder for an unknown birthday.
          birth: body.birthday ?? '1911-01-01',
          sex: body.sex ? SEX_CODE[body.sex] : '0',
          head_image: null,
          token: shortToken(),
          id,
          image_card: d.image_card,
          accept_brand_time: joined,
          vip_check: '1',
          brand_check: '1',
          accept_vip_time: joined,
          vip_name: d.vip.name,
          visited_count: '0',
        },
        vip: structuredClone(d.vip),
        // A fresh member: welcome points only, nothing expiring, no gifts or coupons yet.
        point_card: {
          point: d.welcome_points,
          spend: '0',
          convert: '100',
          available_gift_count: '0',
          title: d.point_card_title,
          content: d.point_card_title,
          decimal_point: '0',
          is_one_point: '1',
        },
        point_gift: [],
        point_pros: [],
        coupon_list: [],
      },
    }
    if (body.phone_carrier !== undefined) member.carrier = body.phone_carrier
    return member
  }

  private createdView(id: string, local: string, body: SignupBody, now: Date): WireCreatedMember {
    return {
      id,
      name: body.name ?? '',
      zip: null,
      address: body.address ?? '',
      telephone: '',
      sex: body.sex ? SEX_WORD[body.sex] : 'unknown',
      birthday: body.birthday ? `${body.birthday}T00:00:00` : null,
      email: body.email ?? '',
      mobile: local,
      points: this.defaults.welcome_points,
      group_id: body.vip_group_id ?? this.defaults.group_id,
      group_name: this.defaults.vip.name,
      card_no: body.external_data?.card_no ?? '',
      phone_carrier: body.phone_carrier ?? '',
      Invitation_code: body.Invitation_code ?? '',
      seal_quantity: 0,
      points_exchanged_amount: 0,
      tax_id_number: '',
      citizen_digital_certificate: body.citizen_digital_certificate ?? '',
      default_carrier_type: body.default_carrier_type ?? DEFAULT_CARRIER_TYPE,
      apply_shop_id: body.store_id ?? '0',
      apply_date: formatDateTime(now),
      discount_rate: 100,
      is_can_credit: false,
      memo: body.memo ?? null,
    }
  }
}
