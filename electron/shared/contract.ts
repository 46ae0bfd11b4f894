// The one IPC contract. Every channel the renderer may call is declared here with the
// schema of its argument and the type of its result; main (electron/main/ipc.ts), browser
// mode (electron/web/server.ts), the preload and the renderer all import this file.
import * as v from 'valibot'
import { Text } from './form-fields'
import { SettingsPatchSchema, type Language, type SettingsView } from './settings-form'
import type { ScreensReport } from './screens'
import { SignupFormSchema } from './signup-form'
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
  /** Too many searches in a minute: the message says when to try again. */
  'RATE_LIMITED',
  /** The data folder's key is not available this session (keyring locked): nothing can be kept. */
  'STORAGE_UNAVAILABLE',
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

export type { ScreenInfo, ScreensReport } from './screens'

// The settings' shapes are declared with their form (settings-form.ts).
export {
  DEFAULT_SCANNER_SETTINGS,
  PANEL_WIDTH,
  type Language,
  type Rect,
  type ScannerSettings,
  type SettingsPatch,
  type SettingsView,
  type WindowPrefs,
} from './settings-form'

// ---------------------------------------------------------------------------------------
// Shared argument schemas

const NoArg = v.optional(v.undefined())
const PhoneArg = v.object({ phone: Text(32) })

/** Why a live configuration cannot work yet; the renderer names the field in the staff's language. */
export interface ConfigProblem {
  code: 'missing' | 'badUrl' | 'httpsRequired' | 'secretUnreadable' | 'secretUnbound' | 'envSecretNeedsEnvUrls'
  field: 'apiBaseUrl' | 'authUrl' | 'clientId' | 'clientSecret' | 'storeId'
}

export interface AppInfo {
  name: string
  version: string
  /** `demo` runs on the built-in sandbox (only when nothing is configured); `live` on the configured vendor. */
  mode: 'demo' | 'live'
  /** Live, but the configuration cannot work yet (nothing is served; sign-ups are queued). Empty otherwise. */
  configProblems: ConfigProblem[]
  shell: 'electron' | 'browser'
  platform: string
  language: Language
  /** The store this counter works for (the demo store in demo mode). */
  storeId: string
  storeName: string
  /** The connection state now; later changes come as `connection:changed` events. */
  connection: ConnectionStatus
}

/** A new PIN: 6 to 8 digits. (A 4–5 digit PIN set before keeps unlocking until it is changed.) */
const PinSchema = v.pipe(v.string(), v.regex(/^\d{6,8}$/, 'admin.pinFormat'))

export interface AdminStatus {
  /** False on first run: settings are open until a PIN is set. */
  pinSet: boolean
  /** An administrator session is open (ends after 10 minutes idle or admin:lock). */
  unlocked: boolean
  /** After too many wrong PINs: no attempt is accepted until then (ISO time). */
  lockedUntil: string | null
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

export type SignupOutcome =
  | { status: 'created'; member: CreatedMember }
  /** Could not reach the vendor: kept in the outbox, sent when the connection returns. */
  | { status: 'queued'; outboxId: string }

/** `checking` until the first call or probe answers: nothing is claimed before anything was tried. */
export type ConnectionState = 'checking' | 'online' | 'offline' | 'degraded'

export interface ConnectionStatus {
  state: ConnectionState
  /** When this state began. */
  since: string
  /** The last call the vendor answered well (null: none since start). */
  lastSuccessAt: string | null
  /** Offline: when the next probe starts (in the past while it runs); otherwise null. */
  nextRetryAt: string | null
  /** Why offline, when known. */
  reason?: OfflineReason
}
/** Why the state is offline, when known: `intercepted` = a captive portal or foreign redirect answered. */
export type OfflineReason = 'intercepted'

export type OutboxItemState = 'pending' | 'sending' | 'failed' | 'conflict' | 'done'

/**
 * Why an attempt ended as it did: a code the renderer words (`error.<code>` or
 * `outboxView.reason.<code>`), never a stored sentence.
 */
export interface OutboxReason {
  code: ErrorCode | 'interrupted' | 'takenAsOurs'
  /** The vendor's own words for a refusal, shown as they are. */
  vendorMessage?: string
  /** The vendor's HTTP status, when there was one. */
  status?: number
}

export interface OutboxAttempt {
  at: string
  outcome: 'created' | 'conflict' | 'failed' | 'retry'
  reason?: OutboxReason
}

/** A queued sign-up as the renderer sees it: never its password, only whether one is set. */
export interface OutboxItem {
  id: string
  state: OutboxItemState
  form: Omit<SignupForm, 'password'>
  /** The sign-up carries a password (kept in main until it is sent, then dropped). */
  passwordSet: boolean
  createdAt: string
  updatedAt: string
  attempts: OutboxAttempt[]
  /** Why a failed (or waiting) item is where it is. */
  lastError: OutboxReason | null
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
// Notices: what the app must tell staff about itself (damaged data kept aside, a configuration
// problem). Stored and sent as a code with parameters, never a sentence: the renderer words
// them in the staff's language (`notice.<code>` in messages.ts).

export const NOTICE_CODES = [
  /** settings.json could not be read: kept aside as {file}; environment and defaults in use. */
  'settingsDamaged',
  /** {count} queued sign-ups could not be read: kept aside in {file}. */
  'outboxRecordsDamaged',
  /** The old queued sign-ups file could not be read at all: kept aside as {file}. */
  'outboxFileDamaged',
  /** {count} offline member copies could not be read: kept aside in {file}. */
  'cacheRecordsDamaged',
  /** The old offline copies file could not be read: kept aside as {file}. */
  'cacheFileDamaged',
  /** {count} audit entries could not be read: kept aside in {file}. */
  'auditRecordsDamaged',
  /** {count} notices from an earlier run could not be read: kept aside in {file}. */
  'noticeRecordsDamaged',
  /** The local database could not be opened: kept aside as {file}; the app started with an empty one. */
  'storeDamaged',
  /** The data key file could not be read: kept aside as {file}; what it sealed cannot be opened. */
  'vaultKeyDamaged',
  /** This data folder's key is protected by the keyring ({kind}), which is not available now. */
  'vaultKeyringUnavailable',
  /** The desktop app runs natively on Wayland (no XWayland): panel placement, on-top, bring-forward and the shortcut do not work. */
  'waylandLimits',
] as const
export type NoticeCode = (typeof NOTICE_CODES)[number]

/** Which banner shows a notice (and its `data-testid`). */
export type NoticeKind = 'storage' | 'config' | 'desktop'

export interface Notice {
  id: string
  kind: NoticeKind
  code: NoticeCode
  params: Record<string, string | number>
  /** When it was raised (ISO). */
  at: string
}

// ---------------------------------------------------------------------------------------
// Window roles: who may call a channel and who receives an event. The staff window does
// the counter's work; the customer display faces the customer. Main tells them apart by the
// sender's window, browser mode's host by the socket's page.

export const WINDOW_ROLES = ['staff', 'customer'] as const
export type WindowRole = (typeof WINDOW_ROLES)[number]

/**
 * What the customer display shows, built in main from the member staff have on screen:
 * never the full phone or name, never anything else of the member.
 */
export interface CustomerScreen {
  language: Language
  storeName: string
  member: CustomerMember | null
}

export interface CustomerMember {
  /** Masked: `林○美`, `W*** Li`. */
  name: string
  /** null when the member has no point card. */
  points: number | null
  /** The soonest points about to expire, if any. */
  expiring: { date: string; points: number } | null
  /** The coupon staff are showing to the scanner, if any. */
  coupon: { title: string; code: string } | null
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

  /** Administrator PIN: settings, secret, connection test and cache clearing need it once set. */
  'admin:status': channel<AdminStatus>()(NoArg),
  /** First run: no current PIN needed. Later: the current PIN or an open session. */
  'admin:setPin': channel<AdminStatus>()(v.strictObject({ pin: PinSchema, currentPin: v.optional(Text(16)) })),
  'admin:unlock': channel<AdminStatus>()(v.strictObject({ pin: Text(16) })),
  'admin:lock': channel<AdminStatus>()(NoArg),

  'member:lookup': channel<MemberView>()(PhoneArg),
  /** This counter's offline copy of a member (source 'cache'), if any: shown while a slow lookup runs. */
  'member:offlineCopy': channel<{ copy: MemberView | null }>()(PhoneArg),
  'member:find': channel<MemberSummary>()(PhoneArg),
  /** The e-invoice carrier of a member just looked up (member data fetched beside the login; the card never waits). */
  'member:carrier': channel<{ carrier: string | null }>()(PhoneArg),
  'member:search': channel<MemberSummary[]>()(SearchArgSchema),
  'member:signup': channel<SignupOutcome>()(SignupFormSchema),

  'stores:list': channel<Store[]>()(NoArg),

  'cache:clear': channel<{ removed: number }>()(NoArg),

  'outbox:list': channel<OutboxItem[]>()(NoArg),
  'outbox:sendNow': channel<OutboxSummary>()(NoArg),
  'outbox:resubmit': channel<OutboxItem>()(v.object({ id: Text(64), form: SignupFormSchema })),
  'outbox:discard': channel<{ removed: boolean }>()(v.object({ id: Text(64) })),

  /** Staff window: show the member on its card (the last one looked up) to the customer. */
  'display:show': channel<CustomerScreen>()(PhoneArg),
  /** Staff window: the coupon being shown to the scanner (by its code), or none. */
  'display:coupon': channel<CustomerScreen>()(v.strictObject({ code: v.nullable(Text(128)) })),
  /** Staff window: the lookup was cleared; the customer display goes back to idle. */
  'display:clear': channel<CustomerScreen>()(NoArg),
  /** Customer display: what it shows now (later changes come as `customer:screen` events). */
  'customer:screen': channel<CustomerScreen>()(NoArg),
  /** Customer display: the one thing it sends — a phone number keyed on its keypad. */
  'customer:keyed': channel<{ sent: true }>()(PhoneArg),

  /** Staff window: the displays main reports and where the customer display is (none in browser mode). */
  'screens:list': channel<ScreensReport>()(NoArg),

  /** What the app has to tell staff (damaged data kept aside, …), oldest first. */
  'notices:list': channel<Notice[]>()(NoArg),
  /** Staff have read it: gone from the banner (the file kept aside stays). */
  'notices:dismiss': channel<Notice[]>()(v.object({ id: Text(64) })),
} as const

type Contract = typeof contract
export type Channel = keyof Contract
export type ArgOf<C extends Channel> = v.InferOutput<Contract[C]['arg']>
export type ResultOf<C extends Channel> = NonNullable<Contract[C]['result']>
export const CHANNELS = Object.keys(contract) as Channel[]

// ---------------------------------------------------------------------------------------
// Push events, main → renderer

export interface EventPayloads {
  /** A new state, or (offline) a new time for the next probe. */
  'connection:changed': ConnectionStatus
  'outbox:changed': OutboxSummary
  /** The global shortcut or a second launch brought the window forward: focus the lookup field. */
  'app:focusLookup': Record<string, never>
  /** Settings changed in main (another window, or the store name learnt from the vendor). */
  'settings:changed': SettingsView
  /** The notices changed (one raised or dismissed): the whole list. */
  'notices:changed': Notice[]
  /** What the customer display shows changed. */
  'customer:screen': CustomerScreen
  /** The customer keyed a phone number: the staff window looks it up as if typed. */
  'customer:phoneKeyed': { phone: string }
  /** Displays came, went or changed, or the customer display moved: Settings shows it. */
  'screens:changed': ScreensReport
}
export type EventName = keyof EventPayloads

/** Each push event and the window roles that receive it: every window of those roles does. */
const EVENT_ROLES: { readonly [E in EventName]: readonly WindowRole[] } = {
  'connection:changed': ['staff'],
  'outbox:changed': ['staff'],
  'app:focusLookup': ['staff'],
  'settings:changed': ['staff'],
  'notices:changed': ['staff'],
  'customer:screen': ['customer'],
  'customer:phoneKeyed': ['staff'],
  'screens:changed': ['staff'],
}
export const EVENTS = Object.keys(EVENT_ROLES) as EventName[]

export function receivesEvent(role: WindowRole, event: EventName): boolean {
  return EVENT_ROLES[event].includes(role)
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
