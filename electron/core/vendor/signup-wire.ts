// The sign-up on the wire, both ways: the app's SignupForm → the body of `POST /v2/user`
// (vendor field names), and the vendor's answer → the created member. The one place a sign-up
// field meets its vendor name (test/unit/shared/signup-declared-once.test.ts).
//
// Request: the form has already passed validateSignup (shared/signup-rules.ts); this only
// renames and tidies: strings trimmed, empty fields left out, carrier codes upper-cased.
import { parseTaiwanMobile } from '../../shared/phone'
import { normalizeCarrierCode } from '../../shared/signup-rules'
import type { CreatedMember, SignupForm } from '../../shared/types'
import { SignupResponseWire } from '../../shared/vendor-wire/endpoints'
import { AppFailure } from '../errors'
import { carrierType, read, refusalIn } from './normalize'

type Body = Record<string, unknown>

/** Sets `body[key]` to the trimmed string unless it is empty. */
function put(body: Body, key: string, value: string | undefined, tidy: (s: string) => string = (s) => s.trim()): void {
  const s = typeof value === 'string' ? tidy(value) : ''
  if (s !== '') body[key] = s
}

export interface SignupRequestOptions {
  /**
   * Only the fields the vendor's request table lists: `phone_carrier` appears in its answer,
   * not its request table (README "Vendor behaviour we assume"); the setting leaves it out.
   */
  documentedOnly?: boolean
}

export function toSignupRequestBody(form: SignupForm, storeId: string, opts: SignupRequestOptions = {}): Body {
  const phone = parseTaiwanMobile(form.phone)
  if (!phone) {
    // validateSignup runs first; reaching here is a caller bug, never a request with a bad id.
    throw new AppFailure('VALIDATION', '', { fields: { phone: 'signup.phone' } })
  }
  const body: Body = { type: 'PHONE_NUMBER', id: phone.local }
  // A password is sent exactly as typed: trimming would silently change it.
  put(body, 'password', form.password, (s) => s)
  put(body, 'name', form.name)
  put(body, 'email', form.email)
  put(body, 'birthday', form.birthday)
  put(body, 'sex', form.sex)
  put(body, 'Invitation_code', form.invitationCode) // capital I, as the vendor documents it
  put(body, 'address', form.address)
  put(body, 'line_id', form.lineId)
  put(body, 'store_id', storeId)
  put(body, 'vip_group_id', form.vipGroupId)

  const external: Body = {}
  put(external, 'vip_id', form.externalData?.vipId)
  put(external, 'uuid', form.externalData?.uuid)
  put(external, 'card_no', form.externalData?.cardNo)
  if (Object.keys(external).length > 0) body.external_data = external

  put(body, 'citizen_digital_certificate', form.citizenDigitalCertificate, normalizeCarrierCode)
  put(body, 'default_carrier_type', form.defaultCarrierType)
  if (!opts.documentedOnly) put(body, 'phone_carrier', form.phoneCarrier, normalizeCarrierCode)
  put(body, 'memo', form.memo)
  return body
}

/** `POST /v2/user` → the created member. A `{"message"}` without an id is a refusal, never "created". */
export function normalizeSignupResponse(payload: unknown): CreatedMember {
  const refusal = refusalIn(payload, 'id')
  if (refusal) throw refusal
  const o = read(SignupResponseWire, payload, 'POST /v2/user', 'id')
  return {
    id: o.id,
    name: o.name,
    phone: parseTaiwanMobile(o.mobile),
    sex: o.sex,
    birthday: o.birthday,
    email: o.email,
    points: o.points,
    groupId: o.group_id,
    groupName: o.group_name,
    invitationCode: o.Invitation_code ?? o.invitation_code,
    defaultCarrierType: carrierType(o.default_carrier_type),
    phoneCarrier: o.phone_carrier,
    appliedAt: o.apply_date,
  }
}
