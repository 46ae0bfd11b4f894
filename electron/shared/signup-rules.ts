// The sign-up business rules, shared by main (checked before any request is sent) and the
// renderer's form (checked as staff type). Pure: no node:*, nothing from electron/core.
// Structure (types, the same length caps) is also enforced by SignupFormSchema in contract.ts.
import { parseTaiwanMobile } from './phone'
import type { SignupForm } from './types'

/** E-invoice mobile carrier: `/` and 7 of `0-9 A-Z . + -` (checked after upper-casing). */
export const PHONE_CARRIER_RE = /^\/[0-9A-Z.+-]{7}$/
/** Citizen digital certificate: 2 letters and 14 digits (checked after upper-casing). */
export const CITIZEN_CERT_RE = /^[A-Z]{2}\d{14}$/

/** Carrier codes are sent trimmed and upper-cased; the rules check that form. */
export const normalizeCarrierCode = (s: string): string => s.trim().toUpperCase()

/** Whether `s` is a mobile carrier once trimmed and upper-cased (a scanner may send either case). */
export function isPhoneCarrier(s: string): boolean {
  return PHONE_CARRIER_RE.test(normalizeCarrierCode(s))
}

// Local part and domain as people really use them; quoted local parts and IP-literal
// domains (legal in RFC 5321) are refused: no counter customer has one.
const EMAIL_RE =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/

/** Same caps as SignupFormSchema (a test keeps the two in step). */
export const SIGNUP_MAX_LENGTH = {
  phone: 32,
  password: 64,
  name: 100,
  email: 254,
  birthday: 10,
  invitationCode: 32,
  address: 200,
  lineId: 64,
  vipGroupId: 64,
  'externalData.vipId': 64,
  'externalData.uuid': 64,
  'externalData.cardNo': 64,
  phoneCarrier: 8,
  citizenDigitalCertificate: 16,
  memo: 500,
} as const

type Field = keyof typeof SIGNUP_MAX_LENGTH

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

function fieldValues(form: SignupForm): Record<Field, string> {
  const ext = form.externalData ?? {}
  return {
    phone: text(form.phone),
    password: text(form.password),
    name: text(form.name),
    email: text(form.email),
    birthday: text(form.birthday),
    invitationCode: text(form.invitationCode),
    address: text(form.address),
    lineId: text(form.lineId),
    vipGroupId: text(form.vipGroupId),
    'externalData.vipId': text(ext.vipId),
    'externalData.uuid': text(ext.uuid),
    'externalData.cardNo': text(ext.cardNo),
    phoneCarrier: text(form.phoneCarrier),
    citizenDigitalCertificate: text(form.citizenDigitalCertificate),
    memo: text(form.memo),
  }
}

/** "Today" at the store (Asia/Taipei, UTC+8 all year) as `YYYY-MM-DD`. */
export function taipeiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

function birthdayProblem(s: string, today: Date): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return 'signup.birthdayFormat'
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d)
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return 'signup.birthdayInvalid'
  if (s < '1900-01-01') return 'signup.birthdayTooOld'
  if (s >= taipeiToday(today)) return 'signup.birthdayFuture'
  return null
}

/** A carrier code against its format, and required when its carrier type is the default. */
function carrierProblem(raw: string, re: RegExp, required: boolean, keys: { missing: string; format: string }): string | null {
  const code = normalizeCarrierCode(raw)
  if (code === '') return required ? keys.missing : null
  return re.test(code) ? null : keys.format
}

/**
 * Field name → message key (see messages.ts, `signup.*`); an empty object means valid.
 * Nested fields are named with a dot (`externalData.vipId`). An empty string counts as
 * not given. `today` decides what "in the past" means for the birthday.
 */
export function validateSignup(form: SignupForm, today: Date = new Date()): Record<string, string> {
  const values = fieldValues(form)
  const errors: Record<string, string> = {}
  const report = (f: string, key: string | null) => {
    if (key && !errors[f]) errors[f] = key
  }

  for (const f of Object.keys(SIGNUP_MAX_LENGTH) as Field[]) {
    if (values[f].length > SIGNUP_MAX_LENGTH[f]) report(f, 'signup.tooLong')
  }

  const phone = values.phone.trim()
  report('phone', phone === '' ? 'signup.required' : parseTaiwanMobile(phone) ? null : 'signup.phone')

  const email = values.email.trim()
  if (email) report('email', EMAIL_RE.test(email) ? null : 'signup.email')

  const birthday = values.birthday.trim()
  if (birthday) report('birthday', birthdayProblem(birthday, today))

  if (form.sex !== undefined && form.sex !== 'male' && form.sex !== 'female') report('sex', 'signup.choice')

  if (values.name && !values.name.trim()) report('name', 'signup.name')

  // Passwords are taken exactly as typed (never trimmed): 6–64 characters when given.
  const password = values.password
  if (password && (password.length < 6 || password.length > 64)) report('password', 'signup.password')

  const type = form.defaultCarrierType
  if (type !== undefined && type !== 'PHONE_CARRIER' && type !== 'MEMBER_CARRIER' && type !== 'CITIZEN_DIGITAL_CERTIFICATE') {
    report('defaultCarrierType', 'signup.choice')
  }
  report(
    'phoneCarrier',
    carrierProblem(values.phoneCarrier, PHONE_CARRIER_RE, type === 'PHONE_CARRIER', {
      missing: 'signup.phoneCarrierMissing',
      format: 'signup.phoneCarrier',
    }),
  )
  report(
    'citizenDigitalCertificate',
    carrierProblem(values.citizenDigitalCertificate, CITIZEN_CERT_RE, type === 'CITIZEN_DIGITAL_CERTIFICATE', {
      missing: 'signup.citizenCertificateMissing',
      format: 'signup.citizenCertificate',
    }),
  )
  return errors
}
