// The settings form, declared once: each setting's schema (type, limits, message keys),
// its default and how Settings shows it. The patch schema, the SettingsView type, the
// stored defaults and the settings screen all derive from here.
//
// To add a setting: one entry in SettingsSchema (with `field(...)` if staff edit it on the
// Settings screen), its default in SETTINGS_DEFAULTS, and its label in both locales
// (`settingsForm.fields.<key>`; a help line under `settingsForm.help.<key>`).
import * as v from 'valibot'
import { DEFAULT_GLOBAL_SHORTCUT, isValidAccelerator } from './accelerator'
import { declareForm, field, Text } from './form-fields'

const LANGUAGES = ['zh-TW', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const UrlOrEmpty = v.union([
  v.literal(''),
  v.pipe(v.string(), v.maxLength(512), v.url(), v.regex(/^https?:\/\//i)),
])

const scanner = { group: 'scanner', input: 'number', help: true, classes: 'numeric' } as const

/** How the scanner ends a code; a choice of four in Settings, stored as the list of keys that end one. */
const TERMINATOR_CHOICES = { either: ['Enter', 'Tab'], Enter: ['Enter'], Tab: ['Tab'], none: [] } as const

export const ScannerSettingsSchema = v.object({
  /** Largest gap between keystrokes that still counts as one scan, in ms. */
  maxGapMs: field(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(200)), { ...scanner, order: 1, testid: 'settings-scanner-gap' }),
  minLength: field(v.pipe(v.number(), v.integer(), v.minValue(3), v.maxValue(64)), { ...scanner, order: 2, testid: 'settings-scanner-min-length' }),
  terminators: field(v.array(v.picklist(['Enter', 'Tab'])), {
    group: 'scanner',
    input: 'select',
    order: 3,
    testid: 'settings-scanner-terminator',
    help: true,
    choices: TERMINATOR_CHOICES,
  }),
  /** With no terminator, a burst ends after this much quiet, in ms. */
  idleTimeoutMs: field(v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(1000)), {
    ...scanner,
    order: 4,
    testid: 'settings-scanner-idle',
    enabledWhen: { key: 'scanner.terminators', is: [TERMINATOR_CHOICES.none] },
  }),
  prefix: field(Text(8), { group: 'scanner', input: 'text', order: 5, testid: 'settings-scanner-prefix', autocomplete: 'off' }),
  suffix: field(Text(8), { group: 'scanner', input: 'text', order: 6, testid: 'settings-scanner-suffix', autocomplete: 'off', help: true }),
  beep: field(v.boolean(), { group: 'scanner', input: 'checkbox', order: 7, testid: 'settings-scanner-beep' }),
})
export type ScannerSettings = v.InferOutput<typeof ScannerSettingsSchema>

/**
 * The keyboard-wedge detector's defaults, shared by main's settings and the renderer.
 * Why these numbers: see the comment above DEFAULT_SCANNER_SETTINGS' use in
 * src/scanner/detector.ts (scanner gaps 2–40 ms, people 60–250 ms).
 */
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  maxGapMs: 50,
  minLength: 6,
  terminators: ['Enter', 'Tab'],
  idleTimeoutMs: 100,
  prefix: '',
  suffix: '',
  beep: false,
}

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

// The window beside the POS: a normal window, or a "side panel" docked to one edge of a
// display at full height. Positions are in Electron's screen coordinates (DIP).
const WINDOW_MODES = ['normal', 'panel'] as const
const PANEL_EDGES = ['right', 'left'] as const
export const PANEL_WIDTH = { min: 380, max: 600 } as const

const Int = v.pipe(v.number(), v.integer())
const RectSchema = v.strictObject({
  x: v.pipe(Int, v.minValue(-100_000), v.maxValue(100_000)),
  y: v.pipe(Int, v.minValue(-100_000), v.maxValue(100_000)),
  width: v.pipe(Int, v.minValue(1), v.maxValue(100_000)),
  height: v.pipe(Int, v.minValue(1), v.maxValue(100_000)),
})
export type Rect = v.InferOutput<typeof RectSchema>

/** The side panel's own settings are editable only while the window is a side panel. */
const inPanel = { key: 'window.mode', is: ['panel'] } as const
const desktop = { group: 'desktop', desktopOnly: true } as const

const WindowPrefsSchema = v.strictObject({
  mode: field(v.picklist(WINDOW_MODES), { ...desktop, input: 'select', order: 1, testid: 'settings-window-mode' }),
  /** Which edge the side panel docks to. */
  edge: field(v.picklist(PANEL_EDGES), { ...desktop, input: 'select', order: 2, testid: 'settings-window-edge', enabledWhen: inPanel }),
  /** The side panel's width in px. */
  width: field(v.pipe(Int, v.minValue(PANEL_WIDTH.min), v.maxValue(PANEL_WIDTH.max)), {
    ...desktop,
    input: 'number',
    order: 3,
    testid: 'settings-window-width',
    enabledWhen: inPanel,
  }),
  alwaysOnTop: field(v.boolean(), { ...desktop, input: 'checkbox', order: 4, testid: 'settings-window-on-top', enabledWhen: inPanel }),
  /** The display the window was last on (Electron's display id); null → the primary one. */
  displayId: v.nullable(Int),
  /** Where the normal window was last; null → centred on the primary display. */
  normalBounds: v.nullable(RectSchema),
})
export type WindowPrefs = v.InferOutput<typeof WindowPrefsSchema>

/**
 * Which display the desktop app's customer display opens on: `automatic` (the first display
 * that is not the staff window's), `off` (no customer window), or one display by the id
 * Electron's `screen` gives it (stable across restarts for the same monitor on the same port).
 * A chosen display that is not connected falls back to automatic until it returns.
 */
const CUSTOMER_DISPLAY_CHOICES = { automatic: 'automatic', off: 'off' } as const
const CustomerDisplaySchema = v.union([v.picklist(['automatic', 'off']), v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'settings.badCustomerDisplay'))], 'settings.badCustomerDisplay')

/** An Electron accelerator (`Ctrl+Shift+M`), or '' for no global shortcut. */
const AcceleratorSchema = v.pipe(
  Text(64),
  v.check((s) => s === '' || isValidAccelerator(s), 'settings.badShortcut'),
)

const url = { group: 'api', input: 'url', help: true, placeholder: 'https://', inputmode: 'url' } as const

/** Every setting staff and the administrator choose. */
export const SettingsSchema = v.strictObject({
  apiBaseUrl: field(UrlOrEmpty, { ...url, order: 1, testid: 'settings-api-base-url' }),
  authUrl: field(UrlOrEmpty, { ...url, order: 2, testid: 'settings-auth-url' }),
  clientId: field(Text(200), { group: 'api', input: 'text', order: 3, testid: 'settings-client-id', autocomplete: 'off' }),
  storeId: field(v.pipe(Text(64), v.regex(/^[\w-]*$/, 'settings.badStoreId')), {
    group: 'store',
    input: 'text',
    order: 1,
    testid: 'settings-store-id',
    autocomplete: 'off',
  }),
  /**
   * Sign-up requests carry only the fields the vendor's request table lists: `phone_carrier`
   * (in its answer, not its request table) is left out. For a backend that refuses unknown fields.
   */
  signupDocumentedFieldsOnly: field(v.boolean(), { group: 'api', input: 'checkbox', order: 5, testid: 'settings-signup-documented-only', help: true }),
  /** Learnt from the vendor's store list; not typed. */
  storeName: Text(200),
  language: field(v.picklist(LANGUAGES), { group: 'language', input: 'select', order: 1, testid: 'settings-language' }),
  cacheRetentionDays: field(v.pipe(Int, v.minValue(1), v.maxValue(365)), {
    group: 'general',
    input: 'number',
    order: 1,
    testid: 'settings-retention',
    id: 'settings-retention',
  }),
  memberCardPattern: field(RegexSource, {
    group: 'general',
    input: 'pattern',
    order: 2,
    testid: 'settings-member-card-pattern',
    id: 'settings-pattern',
    help: true,
    placeholder: '^VIP\\d{6}$',
  }),
  /** The store uses the integration fields (LINE UID, external ids, VIP group, password): the sign-up form shows them. */
  signupIntegrationFields: field(v.boolean(), { group: 'signup', input: 'checkbox', order: 1, testid: 'settings-signup-integration', help: true }),
  /** Who runs the member system, named in the privacy notice. */
  privacyVendorName: field(Text(100), { group: 'signup', input: 'text', order: 2, testid: 'settings-privacy-vendor', help: true }),
  /** The privacy notice (個資告知) shown on the sign-up form; '' → the built-in text in the staff's language. */
  privacyNotice: field(Text(2000), { group: 'signup', input: 'textarea', order: 3, testid: 'settings-privacy-notice', help: true }),
  /** The sign-up form needs the "customer agreed" tick. */
  privacyConsentRequired: field(v.boolean(), { group: 'signup', input: 'checkbox', order: 4, testid: 'settings-privacy-consent-required' }),
  scanner: ScannerSettingsSchema,
  window: WindowPrefsSchema,
  customerDisplay: field(CustomerDisplaySchema, {
    group: 'customerDisplay',
    input: 'select',
    order: 1,
    testid: 'settings-customer-display',
    help: true,
    choices: CUSTOMER_DISPLAY_CHOICES,
    moreOptions: 'screens',
  }),
  /** Start the app when the user signs in to the computer (desktop app only). */
  startWithComputer: field(v.boolean(), { ...desktop, input: 'checkbox', order: 5, testid: 'settings-start-with-computer' }),
  /** Brings the window forward and focuses the lookup field; '' when none. */
  globalShortcut: field(AcceleratorSchema, { ...desktop, input: 'text', order: 6, testid: 'settings-shortcut', id: 'settings-shortcut', autocomplete: 'off' }),
})
export type Settings = v.InferOutput<typeof SettingsSchema>
export type SettingKey = keyof Settings

export const DEFAULT_WINDOW: WindowPrefs = {
  mode: 'normal',
  edge: 'right',
  width: 440,
  alwaysOnTop: false,
  displayId: null,
  normalBounds: null,
}

export const SETTINGS_DEFAULTS: Settings = {
  apiBaseUrl: '',
  authUrl: '',
  clientId: '',
  storeId: '',
  storeName: '',
  signupDocumentedFieldsOnly: false,
  language: 'zh-TW',
  cacheRetentionDays: 30,
  memberCardPattern: '',
  signupIntegrationFields: false,
  privacyVendorName: '',
  privacyNotice: '',
  privacyConsentRequired: false,
  scanner: DEFAULT_SCANNER_SETTINGS,
  window: DEFAULT_WINDOW,
  customerDisplay: 'automatic',
  startWithComputer: false,
  globalShortcut: DEFAULT_GLOBAL_SHORTCUT,
}

/** Settings staff may change without the administrator PIN: their language, their window and which screen faces the customer. */
export const STAFF_SETTINGS: ReadonlySet<string> = new Set<SettingKey>(['language', 'window', 'customerDisplay'])

/** Settings whose value is an object: a patch may change some of their keys. */
const NESTED = ['scanner', 'window'] as const satisfies readonly SettingKey[]

/** `settings:set`: any subset of the settings; nested ones (scanner, window) key by key. */
export const SettingsPatchSchema = v.partial(
  v.strictObject({
    ...SettingsSchema.entries,
    scanner: v.partial(ScannerSettingsSchema),
    window: v.partial(WindowPrefsSchema),
  }),
)
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
export const isNestedSetting = (key: string): key is (typeof NESTED)[number] => (NESTED as readonly string[]).includes(key)

/** Settings as the renderer sees them: never the secret, only whether one is set. */
export interface SettingsView extends Settings {
  secretSet: boolean
  /** Whether the shell holds that shortcut: false when another program has it, null when not applicable (browser mode, none set). */
  shortcutRegistered: boolean | null
  dataDir: string
  /** Settings fixed by environment variables; the UI shows them read-only. */
  fromEnvironment: string[]
}

/** The Settings screen's groups, in order. */
const SETTINGS_GROUPS = ['api', 'store', 'general', 'signup', 'scanner', 'customerDisplay', 'desktop', 'language'] as const
/** The groups that stay open to staff without the PIN. */
export const STAFF_GROUPS: ReadonlySet<string> = new Set<(typeof SETTINGS_GROUPS)[number]>(['customerDisplay', 'desktop', 'language'])

/** What the Settings screen renders, group by group. */
export const SETTINGS_FORM = declareForm(SettingsSchema, 'settings', SETTINGS_GROUPS)
