import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { AppError, SignupOutcome } from '@shared/contract'
import { conditionHolds, setAt, valueAt, type FieldDescriptor } from '@shared/form-fields'
import { normalizePhoneInput, parseTaiwanMobile } from '@shared/phone'
import { parseBirthday } from '@shared/roc-date'
import { SIGNUP_FIELDS, validateSignup, type SignupForm } from '@shared/signup-form'
import { pos } from '../api'
import { useConnectionStore } from './connection'

/** The form as typed, by field key (dotted when nested): every value a string, so nothing typed is ever coerced away. */
export type SignupDraft = Record<string, string>

export const emptyDraft = (): SignupDraft => Object.fromEntries(SIGNUP_FIELDS.map((f) => [f.key, '']))

/** What is sent for a typed value, by the field's kind. */
function tidy(f: FieldDescriptor, typed: string): string {
  if (f.input === 'password') return typed // exactly as typed: trimming would change it
  if (f.input === 'tel') return normalizePhoneInput(typed)
  if (f.input === 'date') return parseBirthday(typed) ?? typed.trim()
  return f.upper ? typed.trim().toUpperCase() : typed.trim()
}

/** Draft → the contract's form: hidden and empty optional fields left out, values tidied. */
export function toSignupForm(d: SignupDraft): SignupForm {
  const form: Record<string, unknown> = {}
  for (const f of SIGNUP_FIELDS) {
    if (!conditionHolds(f.shownWhen, d)) continue
    const value = tidy(f, d[f.key] ?? '')
    if (value !== '' || !f.optional) setAt(form, f.key, value)
  }
  return form as SignupForm
}

/** The contract's form → a draft to edit (the inverse of toSignupForm). */
export function toSignupDraft(f: Partial<SignupForm>): SignupDraft {
  const d = emptyDraft()
  for (const field of SIGNUP_FIELDS) {
    const value = valueAt(f, field.key)
    if (typeof value === 'string') d[field.key] = value
  }
  return d
}

/** What is known about the typed phone before submitting: already a member, and how we know. */
export type MemberCheck =
  | { phone: string; state: 'checking' | 'not-member' | 'unknown' }
  | { phone: string; state: 'member'; source: 'live' | 'cache'; name: string; fetchedAt: string | null }

export const useSignupStore = defineStore('signup', () => {
  const draft = ref<SignupDraft>(emptyDraft())
  /** Fields left since last edited: their problems show (all of them, after a submit). */
  const touched = ref<Set<string>>(new Set())
  const busy = ref(false)
  const outcome = ref<SignupOutcome | null>(null)
  const error = ref<AppError | null>(null)
  /** The outbox item being corrected, when the form was opened from the outbox. */
  const resubmitId = ref<string | null>(null)
  const memberCheck = ref<MemberCheck | null>(null)
  /** The customer agreed to the privacy notice (never sent: the vendor has no field for it). */
  const consent = ref(false)

  /** Field → message key, for the whole form (the view shows those of touched fields). */
  function problems(consentRequired = false): Record<string, string> {
    const out: Record<string, string> = { ...error.value?.fields, ...validateSignup(toSignupForm(draft.value)) }
    if (consentRequired && !consent.value) out.consent = 'signup.consentRequired'
    return out
  }

  function touch(field: string): void {
    touched.value = new Set(touched.value).add(field)
  }

  /** Editing a field hides its problem until it is left again. */
  function edited(field: string): void {
    if (touched.value.has(field)) {
      const next = new Set(touched.value)
      next.delete(field)
      touched.value = next
    }
    if (error.value?.fields?.[field]) {
      const { [field]: _gone, ...rest } = error.value.fields
      error.value = { ...error.value, fields: rest }
    }
  }

  // A different number: what was known or refused about the old one no longer applies.
  watch(
    () => normalizePhoneInput(draft.value.phone ?? ''),
    (phone, before) => {
      if (phone === before) return
      if (memberCheck.value && memberCheck.value.phone !== phone) memberCheck.value = null
      if (error.value && !busy.value) error.value = null
    },
  )

  /** On leaving the phone field: is this number already a member? Live through member data, else this counter's offline copy. */
  async function checkPhone(): Promise<void> {
    const phone = parseTaiwanMobile(draft.value.phone)?.local
    if (!phone) return void (memberCheck.value = null)
    if (memberCheck.value?.phone === phone && memberCheck.value.state !== 'unknown') return
    memberCheck.value = { phone, state: 'checking' }
    const offline = useConnectionStore().state === 'offline'
    const live = offline ? null : await pos.member.find({ phone })
    let next: MemberCheck
    if (live?.ok) next = { phone, state: 'member', source: 'live', name: live.value.name, fetchedAt: null }
    else if (live?.error.code === 'NOT_FOUND') next = { phone, state: 'not-member' }
    else {
      const copy = await pos.member.offlineCopy({ phone })
      const view = copy.ok ? copy.value.copy : null
      next = view ? { phone, state: 'member', source: 'cache', name: view.profile.name, fetchedAt: view.fetchedAt } : { phone, state: 'unknown' }
    }
    // The number may have changed while we asked.
    if (memberCheck.value?.phone === phone) memberCheck.value = next
  }

  function start(prefill: Partial<SignupForm> = {}): void {
    // A half-typed form is kept unless a different phone is being signed up.
    if (outcome.value || (prefill.phone && prefill.phone !== draft.value.phone && draft.value.phone !== '')) reset()
    fill(prefill)
    touched.value = new Set()
    outcome.value = null
    error.value = null
  }

  /** Fills some fields (a scanned carrier) without touching the rest. */
  function fill(values: Partial<SignupForm>): void {
    const typed = toSignupDraft(values)
    for (const [k, v] of Object.entries(typed)) if (v !== '') draft.value[k] = v
  }

  async function submit(consentRequired = false): Promise<boolean> {
    if (busy.value) return false
    touched.value = new Set([...Object.keys(draft.value), 'consent'])
    error.value = null
    if (Object.keys(problems(consentRequired)).length > 0) return false
    busy.value = true
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
    memberCheck.value = null
    consent.value = false
  }

  return { draft, touched, busy, outcome, error, resubmitId, memberCheck, consent, problems, touch, edited, checkPhone, start, fill, submit, editQueued, reset }
})
