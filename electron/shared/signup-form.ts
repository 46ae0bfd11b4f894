// The sign-up form, declared once: each field's type, length cap, rules with their
// message keys (messages.ts, `signup.*`) and how the form shows it. The IPC argument, the
// SignupForm type, validateSignup and the sign-up screen all derive from here; the vendor's
// names for these fields live only in core/vendor/signup-wire.ts.
//
// To add a field: one entry here (`field(...)` with its group, input kind, order and
// data-testid), its wire name in signup-wire.ts, and its label in both locales
// (`signupForm.fields.<key>`).
import * as v from 'valibot'
import { declareForm, field, type FieldUi } from './form-fields'
import { parseTaiwanMobile } from './phone'
import { birthdayProblem, CITIZEN_CERT_RE, EMAIL_RE, normalizeCarrierCode, PHONE_CARRIER_RE } from './signup-rules'

const CARRIER_TYPES = ['PHONE_CARRIER', 'MEMBER_CARRIER', 'CITIZEN_DIGITAL_CERTIFICATE'] as const
export type CarrierType = (typeof CARRIER_TYPES)[number]

/** At most `max` characters ("too long" past that). */
const Capped = (max: number) => v.pipe(v.string(), v.maxLength(max, 'signup.tooLong'))
/** An optional field: absent, or a capped string with these rules, shown as `ui` says. */
const Opt = (max: number, ui: FieldUi, ...rules: v.GenericValidation<string>[]) =>
  v.optional(field(v.pipe(Capped(max), ...rules), ui))

/** A carrier code against its format, once trimmed and upper-cased (a scanner may send either case). */
const carrierFormat = (re: RegExp, message: string) =>
  v.check<string, string>((s) => {
    const code = normalizeCarrierCode(s)
    return code === '' || re.test(code)
  }, message)

const essentials = { group: 'essentials' } as const
const carrier = { group: 'carrier', classes: 'numeric', upper: true } as const
const more = { group: 'more' } as const
const integration = { group: 'integration' } as const

/** The sign-up form; `today` decides what "in the past" means for the birthday. */
function signupSchema(today: () => Date) {
  const fields = v.strictObject({
      phone: field(
        v.pipe(
          Capped(32),
          v.check((s) => s.trim() !== '', 'signup.required'),
          v.check((s) => s.trim() === '' || parseTaiwanMobile(s) !== null, 'signup.phone'),
        ),
        { ...essentials, input: 'tel', order: 1, testid: 'signup-phone', inputmode: 'tel', classes: 'numeric' },
      ),
      name: Opt(100, { ...essentials, input: 'text', order: 2, testid: 'signup-name' }, v.check((s) => s === '' || s.trim() !== '', 'signup.name')),
      birthday: Opt(
        10,
        { ...essentials, input: 'date', order: 3, testid: 'signup-birthday', placeholder: '1985-03-12', inputmode: 'numeric' },
        v.rawCheck(({ dataset, addIssue }) => {
          const problem = dataset.typed && dataset.value.trim() ? birthdayProblem(dataset.value.trim(), today()) : null
          if (problem) addIssue({ message: problem })
        }),
      ),
      sex: v.optional(field(v.picklist(['male', 'female'], 'signup.choice'), { ...essentials, input: 'select', order: 4, testid: 'signup-sex' })),
      email: Opt(254, { ...essentials, input: 'email', order: 5, testid: 'signup-email' }, v.check((s) => s.trim() === '' || EMAIL_RE.test(s.trim()), 'signup.email')),

      defaultCarrierType: v.optional(field(v.picklist(CARRIER_TYPES, 'signup.choice'), { group: 'carrier', input: 'select', order: 1, testid: 'signup-carrier-type' })),
      /** E-invoice mobile carrier `/XXXXXXX`, with defaultCarrierType PHONE_CARRIER. */
      phoneCarrier: Opt(
        8,
        { ...carrier, input: 'text', order: 2, testid: 'signup-carrier', placeholder: '/ABC1234', shownWhen: { key: 'defaultCarrierType', is: ['PHONE_CARRIER'] } },
        carrierFormat(PHONE_CARRIER_RE, 'signup.mobileBarcode'),
      ),
      /** Two letters and 14 digits, with defaultCarrierType CITIZEN_DIGITAL_CERTIFICATE. */
      citizenDigitalCertificate: Opt(
        16,
        { ...carrier, input: 'text', order: 3, testid: 'signup-carrier', placeholder: 'AB12345678901234', shownWhen: { key: 'defaultCarrierType', is: ['CITIZEN_DIGITAL_CERTIFICATE'] } },
        carrierFormat(CITIZEN_CERT_RE, 'signup.citizenCertificate'),
      ),

      address: Opt(200, { ...more, input: 'text', order: 1, testid: 'signup-address' }),
      invitationCode: Opt(32, { ...more, input: 'text', order: 2, testid: 'signup-invitation-code' }),
      memo: Opt(500, { ...more, input: 'text', order: 3, testid: 'signup-memo' }),

      lineId: Opt(64, { ...integration, input: 'text', order: 1, testid: 'signup-line-id' }),
      externalData: v.optional(
        v.strictObject({
          uuid: Opt(64, { ...integration, input: 'text', order: 2, testid: 'signup-external-uuid' }),
          vipId: Opt(64, { ...integration, input: 'text', order: 3, testid: 'signup-external-vip-id' }),
          cardNo: Opt(64, { ...integration, input: 'text', order: 4, testid: 'signup-external-card-no' }),
        }),
      ),
      vipGroupId: Opt(64, { ...integration, input: 'text', order: 5, testid: 'signup-vip-group' }),
      // Taken exactly as typed (never trimmed): 6–64 characters when given.
      password: Opt(64, { ...integration, input: 'password', order: 6, testid: 'signup-password' }, v.check((s) => s === '' || s.length >= 6, 'signup.password')),
  })
  type Fields = v.InferOutput<typeof fields>
  /** The carrier code its default carrier type needs is filled in. */
  const carrierGiven = (type: CarrierType, key: 'phoneCarrier' | 'citizenDigitalCertificate', message: string) =>
    v.forward(
      v.check<Fields, string>((f) => f.defaultCarrierType !== type || normalizeCarrierCode(f[key] ?? '') !== '', message),
      [key] as const,
    )
  return v.pipe(
    fields,
    carrierGiven('PHONE_CARRIER', 'phoneCarrier', 'signup.mobileBarcodeMissing'),
    carrierGiven('CITIZEN_DIGITAL_CERTIFICATE', 'citizenDigitalCertificate', 'signup.citizenCertificateMissing'),
  )
}

/** The day validateSignup judges birthdays against; null → now. */
let judgedOn: Date | null = null
/** `member:signup` and `outbox:resubmit` check the form against this. */
export const SignupFormSchema = signupSchema(() => judgedOn ?? new Date())
/** The sign-up form as the app holds it (camelCase; the wire names live in the vendor layer). */
export type SignupForm = v.InferOutput<typeof SignupFormSchema>

/** The sign-up fields the vendor's answer echoes (CreatedMember), null where it sent none. */
export type SignupEcho = { [K in 'invitationCode' | 'defaultCarrierType' | 'phoneCarrier']-?: NonNullable<SignupForm[K]> | null }

/**
 * The screen's sections, in order. FOLDED_GROUPS open on a tap; `integration` (ids other
 * systems use) shows only where Settings says the store uses them.
 */
const SIGNUP_GROUPS = ['essentials', 'carrier', 'more', 'integration'] as const
export const FOLDED_GROUPS: ReadonlySet<string> = new Set<(typeof SIGNUP_GROUPS)[number]>(['more', 'integration'])
export const SIGNUP_FORM = declareForm(SignupFormSchema, 'signup', SIGNUP_GROUPS)
export const SIGNUP_FIELDS = SIGNUP_FORM.flatMap((g) => g.fields)

/** What a scanned e-invoice mobile carrier fills in. */
export const carrierPrefill = (code: string): Partial<SignupForm> => ({ defaultCarrierType: 'PHONE_CARRIER', phoneCarrier: code })

/** Field (dotted key) → length cap. */
export const SIGNUP_MAX_LENGTH: Readonly<Record<string, number>> = Object.fromEntries(
  SIGNUP_FIELDS.flatMap((f) => (f.maxLength === null ? [] : [[f.key, f.maxLength]])),
)

const isMessageKey = (s: string) => /^signup\.[A-Za-z]+$/.test(s)

/**
 * Field name → message key (see messages.ts, `signup.*`); an empty object means valid.
 * Nested fields are named with a dot (`externalData.vipId`); the first problem of each
 * field is reported. An empty string counts as not given.
 */
export function validateSignup(form: SignupForm, today: Date = new Date()): Record<string, string> {
  // One schema, built once: validation runs on every keystroke.
  judgedOn = today
  const result = v.safeParse(SignupFormSchema, form)
  judgedOn = null
  const errors: Record<string, string> = {}
  for (const issue of result.issues ?? []) {
    errors[v.getDotPath(issue) ?? '_'] ??= isMessageKey(issue.message) ? issue.message : 'signup.choice'
  }
  return errors
}
