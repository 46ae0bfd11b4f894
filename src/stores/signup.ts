import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError, SignupOutcome } from '@shared/contract'
import { normalizePhoneInput } from '@shared/phone'
import { validateSignup } from '@shared/signup-rules'
import type { SignupForm } from '@shared/types'
import { pos } from '../api'

/** The form as typed: every field a string, so nothing typed is ever coerced away. */
export interface SignupDraft {
  phone: string
  name: string
  birthday: string
  sex: '' | 'male' | 'female'
  email: string
  defaultCarrierType: '' | 'PHONE_CARRIER' | 'MEMBER_CARRIER' | 'CITIZEN_DIGITAL_CERTIFICATE'
  phoneCarrier: string
  citizenDigitalCertificate: string
  address: string
  lineId: string
  invitationCode: string
  memo: string
  password: string
  vipGroupId: string
  externalVipId: string
  externalUuid: string
  externalCardNo: string
}

export const emptyDraft = (): SignupDraft => ({
  phone: '',
  name: '',
  birthday: '',
  sex: '',
  email: '',
  defaultCarrierType: '',
  phoneCarrier: '',
  citizenDigitalCertificate: '',
  address: '',
  lineId: '',
  invitationCode: '',
  memo: '',
  password: '',
  vipGroupId: '',
  externalVipId: '',
  externalUuid: '',
  externalCardNo: '',
})

/** Draft → the contract's form: empty fields left out, the phone normalised. */
export function toSignupForm(d: SignupDraft): SignupForm {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim())
  const externalData = {
    vipId: opt(d.externalVipId),
    uuid: opt(d.externalUuid),
    cardNo: opt(d.externalCardNo),
  }
  const form: SignupForm = {
    phone: normalizePhoneInput(d.phone),
    name: opt(d.name),
    birthday: opt(d.birthday),
    sex: d.sex || undefined,
    email: opt(d.email),
    defaultCarrierType: d.defaultCarrierType || undefined,
    phoneCarrier: d.defaultCarrierType === 'PHONE_CARRIER' ? opt(d.phoneCarrier.toUpperCase()) : undefined,
    citizenDigitalCertificate: d.defaultCarrierType === 'CITIZEN_DIGITAL_CERTIFICATE' ? opt(d.citizenDigitalCertificate.toUpperCase()) : undefined,
    address: opt(d.address),
    lineId: opt(d.lineId),
    invitationCode: opt(d.invitationCode),
    memo: opt(d.memo),
    password: d.password === '' ? undefined : d.password,
    vipGroupId: opt(d.vipGroupId),
    externalData: Object.values(externalData).some(Boolean) ? externalData : undefined,
  }
  // JSON drops undefined anyway; removing them keeps the strict schema and tests simple.
  return JSON.parse(JSON.stringify(form)) as SignupForm
}

/** The contract's form → a draft to edit (the inverse of toSignupForm). */
export function toSignupDraft(f: SignupForm): SignupDraft {
  return {
    ...emptyDraft(),
    phone: f.phone,
    name: f.name ?? '',
    birthday: f.birthday ?? '',
    sex: f.sex ?? '',
    email: f.email ?? '',
    defaultCarrierType: f.defaultCarrierType ?? '',
    phoneCarrier: f.phoneCarrier ?? '',
    citizenDigitalCertificate: f.citizenDigitalCertificate ?? '',
    address: f.address ?? '',
    lineId: f.lineId ?? '',
    invitationCode: f.invitationCode ?? '',
    memo: f.memo ?? '',
    password: f.password ?? '',
    vipGroupId: f.vipGroupId ?? '',
    externalVipId: f.externalData?.vipId ?? '',
    externalUuid: f.externalData?.uuid ?? '',
    externalCardNo: f.externalData?.cardNo ?? '',
  }
}

/** Field errors use the form's field names; external data maps back to the flat draft. */
const DRAFT_FIELD: Record<string, keyof SignupDraft> = {
  'externalData.vipId': 'externalVipId',
  'externalData.uuid': 'externalUuid',
  'externalData.cardNo': 'externalCardNo',
}

export const useSignupStore = defineStore('signup', () => {
  const draft = ref<SignupDraft>(emptyDraft())
  /** Fields the person has left at least once: errors show only there (and all, on submit). */
  const touched = ref<Set<string>>(new Set())
  const busy = ref(false)
  const outcome = ref<SignupOutcome | null>(null)
  const error = ref<AppError | null>(null)
  /** The outbox item being corrected, when the form was opened from the outbox. */
  const resubmitId = ref<string | null>(null)

  function problems(): Partial<Record<keyof SignupDraft, string>> {
    const raw = validateSignup(toSignupForm(draft.value))
    const out: Partial<Record<keyof SignupDraft, string>> = {}
    for (const [field, key] of Object.entries(raw)) out[(DRAFT_FIELD[field] ?? field) as keyof SignupDraft] = key
    return out
  }

  function touch(field: string): void {
    touched.value = new Set(touched.value).add(field)
  }

  function start(prefill: Partial<SignupDraft> = {}): void {
    // A half-typed form is kept unless a different phone is being signed up.
    if (outcome.value || (prefill.phone && prefill.phone !== draft.value.phone && draft.value.phone !== '')) {
      draft.value = emptyDraft()
    }
    draft.value = { ...draft.value, ...prefill }
    touched.value = new Set()
    outcome.value = null
    error.value = null
  }

  async function submit(): Promise<boolean> {
    if (busy.value) return false
    touched.value = new Set(Object.keys(draft.value))
    if (Object.keys(problems()).length > 0) return false
    busy.value = true
    error.value = null
    try {
      const form = toSignupForm(draft.value)
      if (resubmitId.value) {
        const r = await pos.outbox.resubmit({ id: resubmitId.value, form })
        if (!r.ok) {
          error.value = r.error
          return false
        }
        outcome.value = { status: 'queued', outboxId: r.value.id }
        resubmitId.value = null
        return true
      }
      const r = await pos.member.signup(form)
      if (!r.ok) {
        error.value = r.error
        return false
      }
      outcome.value = r.value
      return true
    } finally {
      busy.value = false
    }
  }

  /** Opens a queued sign-up (failed or conflicting) for correction; submit resends it to the outbox. */
  function editQueued(id: string, form: SignupForm): void {
    reset()
    draft.value = toSignupDraft(form)
    resubmitId.value = id
  }

  function reset(): void {
    draft.value = emptyDraft()
    touched.value = new Set()
    outcome.value = null
    error.value = null
    resubmitId.value = null
  }

  return { draft, touched, busy, outcome, error, resubmitId, problems, touch, start, submit, editQueued, reset }
})
