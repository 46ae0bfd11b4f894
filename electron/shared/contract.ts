// The one IPC contract. Every channel the renderer may call is declared here with the
// schema of its argument and the type of its result; main (electron/main/ipc.ts), browser
// mode (electron/web/server.ts), the preload and the renderer all import this file.
import * as v from 'valibot'
import type {
  CreatedMember,
  MemberSummary,
  MemberView,
  SignupForm,
  Store,
} from './types'

// ---------------------------------------------------------------------------------------
// Errors and the result envelope

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_CONFIGURED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OFFLINE',
  'TIMEOUT',
  'TLS',
  'VENDOR',
  'LOCKED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppError {
  code: ErrorCode
  /** In the staff's language, or the vendor's own words when `fromVendor` is set. */
  message: string
  /** Field name → message key (see messages.ts), for VALIDATION. */
  fields?: Record<string, string>
  /** True when `message` is the vendor's `{"message": …}` shown as is. */
  fromVendor?: boolean
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: AppError): Result<never> => ({ ok: false, error })

// ---------------------------------------------------------------------------------------
// Shared argument schemas

const NoArg = v.optional(v.undefined())
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const PhoneArg = v.object({ phone: Text(32) })

export const LANGUAGES = ['zh-TW', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const UrlOrEmpty = v.union([
  v.literal(''),
  v.pipe(v.string(), v.maxLength(512), v.url(), v.regex(/^https?:\/\//i)),
])

export const ScannerSettingsSchema = v.object({
  /** Largest gap between keystrokes that still counts as one scan, in ms. */
  maxGapMs: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(200)),
  minLength: v.pipe(v.number(), v.integer(), v.minValue(3), v.maxValue(64)),
  terminators: v.array(v.picklist(['Enter', 'Tab'])),
  /** With no terminator, a burst ends after this much quiet, in ms. */
  idleTimeoutMs: v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(1000)),
  prefix: Text(8),
  suffix: Text(8),
  beep: v.boolean(),
})
export type ScannerSettings = v.InferOutput<typeof ScannerSettingsSchema>

/** A regular expression the store uses for its member cards; must compile. */
const RegexSource = v.pipe(
  Text(200),
  v.check((s) => {
    try {
      new RegExp(s)
      return true
    } catch {
      return false
    }
  }, 'settings.badPattern'),
)

export const SettingsPatchSchema = v.strictObject({
  apiBaseUrl: v.optional(UrlOrEmpty),
  authUrl: v.optional(UrlOrEmpty),
  clientId: v.optional(Text(200)),
  storeId: v.optional(v.pipe(Text(64), v.regex(/^[\w-]*$/, 'settings.badStoreId'))),
  storeName: v.optional(Text(200)),
  language: v.optional(v.picklist(LANGUAGES)),
  cacheRetentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  memberCardPattern: v.optional(RegexSource),
  scanner: v.optional(v.partial(ScannerSettingsSchema)),
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>

/** Settings as the renderer sees them: never the secret, only whether one is set. */
export interface SettingsView {
  apiBaseUrl: string
  authUrl: string
  clientId: string
  secretSet: boolean
  storeId: string
  storeName: string
  language: Language
  cacheRetentionDays: number
  memberCardPattern: string
  scanner: ScannerSettings
  dataDir: string
  /** Settings fixed by environment variables; the UI shows them read-only. */
  fromEnvironment: string[]
}

export interface AppInfo {
  name: string
  version: string
  /** `demo` runs on the built-in sandbox; `live` on the configured vendor. */
  mode: 'demo' | 'live'
  shell: 'electron' | 'browser'
  platform: string
  language: Language
  /** The store this counter works for (the demo store in demo mode). */
  storeId: string
  storeName: string
}

export interface ConnectionTestReport {
  ok: boolean
  /** Which step failed, or 'done'. */
  stage: 'config' | 'token' | 'stores' | 'store-id' | 'done'
  error?: AppError
  storeCount?: number
  storeName?: string
}

export const SearchArgSchema = v.object({
  by: v.picklist(['phoneSuffix', 'vipId']),
  value: Text(64),
})

const Opt = (max: number) => v.optional(Text(max))

/** Structure only; the business rules (formats, dates, carriers) are in signup-rules.ts. */
export const SignupFormSchema = v.strictObject({
  phone: Text(32),
  password: Opt(64),
  name: Opt(100),
  email: Opt(254),
  birthday: Opt(10),
  sex: v.optional(v.picklist(['male', 'female'])),
  invitationCode: Opt(32),
  address: Opt(200),
  lineId: Opt(64),
  vipGroupId: Opt(64),
  externalData: v.optional(
    v.strictObject({ vipId: Opt(64), uuid: Opt(64), cardNo: Opt(64) }),
  ),
  defaultCarrierType: v.optional(
    v.picklist(['PHONE_CARRIER', 'MEMBER_CARRIER', 'CITIZEN_DIGITAL_CERTIFICATE']),
  ),
  phoneCarrier: Opt(8),
  citizenDigitalCertificate: Opt(16),
  memo: Opt(500),
})

export type SignupOutcome =
  | { status: 'created'; member: CreatedMember }
  /** Could not reach the vendor: kept in the outbox, sent when the connection returns. */
  | { status: 'queued'; outboxId: string }

export type ConnectionState = 'online' | 'offline' | 'degraded'

export type OutboxItemState = 'pending' | 'sending' | 'failed' | 'conflict' | 'done'

export interface OutboxAttempt {
  at: string
  outcome: 'created' | 'conflict' | 'failed' | 'retry'
  message?: string
}

export interface OutboxItem {
  id: string
  state: OutboxItemState
  form: SignupForm
  createdAt: string
  updatedAt: string
  attempts: OutboxAttempt[]
  /** Vendor's words for a failed item. */
  lastError: string | null
  memberId: string | null
}

export interface OutboxSummary {
  pending: number
  sending: number
  failed: number
  conflict: number
  done: number
}

// ---------------------------------------------------------------------------------------
// Channels

export interface ChannelDef<A extends v.GenericSchema, R> {
  arg: A
  /** Phantom: carries the result type. */
  result?: R
}
const channel =
  <R>() =>
  <A extends v.GenericSchema>(arg: A): ChannelDef<A, R> => ({ arg })

export const contract = {
  'app:info': channel<AppInfo>()(NoArg),

  'settings:get': channel<SettingsView>()(NoArg),
  'settings:set': channel<SettingsView>()(SettingsPatchSchema),
  /** Write-only: the secret goes in, never comes out. */
  'settings:setSecret': channel<SettingsView>()(v.object({ secret: v.pipe(v.string(), v.minLength(1), v.maxLength(512)) })),
  'settings:testConnection': channel<ConnectionTestReport>()(NoArg),

  'member:lookup': channel<MemberView>()(PhoneArg),
  'member:find': channel<MemberSummary>()(PhoneArg),
  'member:search': channel<MemberSummary[]>()(SearchArgSchema),
  'member:signup': channel<SignupOutcome>()(SignupFormSchema),

  'stores:list': channel<Store[]>()(NoArg),

  'cache:clear': channel<{ removed: number }>()(NoArg),

  'outbox:list': channel<OutboxItem[]>()(NoArg),
  'outbox:sendNow': channel<OutboxSummary>()(NoArg),
  'outbox:resubmit': channel<OutboxItem>()(v.object({ id: Text(64), form: SignupFormSchema })),
  'outbox:discard': channel<{ removed: boolean }>()(v.object({ id: Text(64) })),
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ArgOf<C extends Channel> = v.InferOutput<Contract[C]['arg']>
export type ResultOf<C extends Channel> = NonNullable<Contract[C]['result']>
export const CHANNELS = Object.keys(contract) as Channel[]

// ---------------------------------------------------------------------------------------
// Push events, main → renderer

export interface EventPayloads {
  'connection:changed': { state: ConnectionState; since: string }
  'outbox:changed': OutboxSummary
}
export type EventName = keyof EventPayloads
export const EVENTS: EventName[] = ['connection:changed', 'outbox:changed']

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
