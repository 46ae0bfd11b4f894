import type { ConfigProblem } from '../shared/contract'
import {
  isNestedSetting,
  SETTINGS_DEFAULTS,
  SettingsSchema,
  type SettingKey,
  type Settings,
  type SettingsPatch,
  type SettingsView,
} from '../shared/settings-form'
import type { LockoutRecord, PinRecord } from './admin-pin'
import { CONNECTION_ENV, connectionProblems, originOf, sameBinding, urlProblem, type SecretBinding } from './connection-config'
import { AppFailure } from './errors'

// Non-secret settings live in `settings.json` (mode 0600) under the data directory; the
// client secret is stored sealed together with where it may be sent (the auth URL's origin
// and the client id), and never leaves this module except through `apiCredentials()` for
// the vendor client. Environment variables override stored values so a deployment or a
// test can configure the app without the UI. What is stored is merged with the defaults on
// every read, so no setting is ever undefined, whatever the file says.

/** The settings (see shared/settings-form.ts) and what only main keeps beside them. */
export interface StoredSettings extends Settings {
  /** base64 of the sealed {secret, authOrigin, clientId} (see SealedSecret) */
  sealedSecret: string
  /** The administrator PIN's scrypt hash, salt and parameters; never the PIN. */
  adminPin: PinRecord | null
  /** Wrong-PIN count and lock-out, kept across restarts. */
  adminLockout: LockoutRecord
}

/** Written by the shell and the PIN service directly: not settings:set, no change event. */
type InternalKey = 'window' | 'adminPin' | 'adminLockout'

/** Encrypts the secret at rest; in Electron backed by safeStorage, in browser mode by a 0600 key file. */
export interface SecretSealer {
  available(): { ok: true } | { ok: false; reason: string }
  seal(plain: string): string
  open(sealed: string): string
}

/**
 * The one store core sees: `conf` in browser mode, `electron-store` (which extends conf) in
 * the Electron shell. `store` reads the whole file and replaces it in one write.
 */
export interface SettingsStore {
  readonly path: string
  store: Partial<StoredSettings>
}

/** The file's name without `.json` (electron-store calls the option `name`, conf `configName`). */
export const SETTINGS_FILE_NAME = 'settings'

/** The options both hosts open their store with, besides the file's name. */
export function settingsStoreOptions(dataDir: string) {
  return { cwd: dataDir, configFileMode: 0o600, defaults: DEFAULTS, clearInvalidConfig: false } as const
}
export type SettingsStoreOptions = ReturnType<typeof settingsStoreOptions>

/** What `sealedSecret` holds once opened: the secret and where it may go. */
interface SealedSecret extends SecretBinding {
  v: 2
  secret: string
}


const DEFAULTS: StoredSettings = {
  ...SETTINGS_DEFAULTS,
  sealedSecret: '',
  adminPin: null,
  adminLockout: { failures: 0, lockedUntil: null, lockouts: 0 },
}

const SETTING_KEYS = Object.keys(SettingsSchema.entries) as SettingKey[]

/** Environment variable → setting it overrides. */
const ENV_OVERRIDES = {
  POS_API_BASE_URL: 'apiBaseUrl',
  POS_AUTH_URL: 'authUrl',
  POS_CLIENT_ID: 'clientId',
  POS_STORE_ID: 'storeId',
  POS_LANG: 'language',
} as const satisfies Record<string, keyof StoredSettings>

export interface ApiCredentials {
  apiBaseUrl: string
  authUrl: string
  clientId: string
  clientSecret: string
  storeId: string
}

/** A stored value where it has the default's type, else the default: a hand-edited or truncated file cannot unset a setting. */
function orDefault<K extends keyof StoredSettings>(key: K, value: unknown): StoredSettings[K] {
  const fallback = DEFAULTS[key]
  if (value === undefined || value === null) return fallback
  if (fallback === null) return (typeof value === 'object' ? value : fallback) as StoredSettings[K]
  if (typeof value !== typeof fallback || Array.isArray(value) !== Array.isArray(fallback)) return fallback
  if (typeof fallback === 'number' && !Number.isFinite(value)) return fallback
  if (typeof fallback === 'object') return { ...fallback, ...(value as object) } as StoredSettings[K]
  return value as StoredSettings[K]
}

/** `key` or `group.key` of every value that is present but undefined (IPC's structured clone keeps them). */
function undefinedKeys(patch: object, prefix = ''): string[] {
  return Object.entries(patch).flatMap(([k, v]) => {
    if (v === undefined) return [prefix + k]
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return undefinedKeys(v, `${prefix}${k}.`)
    return []
  })
}

/** Any connection setting stored (or given by the environment) means a live configuration, never the demo. */
export function hasConnectionSettings(env: Record<string, string | undefined>, stored: Partial<StoredSettings>): boolean {
  return CONNECTION_ENV.some((k) => !!env[k]) || [stored.apiBaseUrl, stored.authUrl, stored.clientId, stored.sealedSecret].some((v) => typeof v === 'string' && v !== '')
}

export class SettingsService {
  private readonly store: SettingsStore
  private readonly env: Record<string, string | undefined>
  private readonly sealer: SecretSealer
  readonly dataDir: string
  private listeners: Array<(s: SettingsView) => void> = []
  /** Runtime state reported by the shell, not stored. */
  private shortcutRegistered: boolean | null = null

  constructor(opts: { store: SettingsStore; dataDir: string; env: Record<string, string | undefined>; sealer: SecretSealer }) {
    this.store = opts.store
    this.env = opts.env
    this.sealer = opts.sealer
    this.dataDir = opts.dataDir
    this.bindLegacySecret()
  }

  /** A secret sealed before secrets were bound (a bare string) is bound once, to where it is configured now. */
  private bindLegacySecret(): void {
    const stored = this.store.store
    const sealed = this.get('sealedSecret', stored)
    if (!sealed) return
    let plain: string
    try {
      plain = this.sealer.open(sealed)
    } catch {
      return // unreadable: reported as a configuration problem
    }
    if (plain.startsWith('{"v":2,')) return
    const binding = this.binding(stored)
    if (!binding.authOrigin || !binding.clientId) return
    const bound: SealedSecret = { v: 2, secret: plain, ...binding }
    this.store.store = { ...stored, sealedSecret: this.sealer.seal(JSON.stringify(bound)) }
  }

  private envValue(key: keyof typeof ENV_OVERRIDES): string | undefined {
    const v = this.env[key]
    if (v === undefined || v === '') return undefined
    if (key === 'POS_LANG') return v === 'en' ? 'en' : 'zh-TW'
    return v
  }

  private envOverride(key: keyof StoredSettings): string | undefined {
    for (const [envKey, setting] of Object.entries(ENV_OVERRIDES)) {
      if (setting === key) return this.envValue(envKey as keyof typeof ENV_OVERRIDES)
    }
    return undefined
  }

  /** Stored values (merged with the defaults) with environment overrides applied. */
  get<K extends keyof StoredSettings>(key: K, stored: Partial<StoredSettings> = this.store.store): StoredSettings[K] {
    const fromEnv = this.envOverride(key)
    if (fromEnv !== undefined) return fromEnv as StoredSettings[K]
    return orDefault(key, stored[key])
  }

  private fromEnvironment(): string[] {
    const fixed: string[] = Object.entries(ENV_OVERRIDES)
      .filter(([envKey]) => this.envValue(envKey as keyof typeof ENV_OVERRIDES) !== undefined)
      .map(([, setting]) => setting)
    if (this.env.POS_CLIENT_SECRET) fixed.push('clientSecret')
    return fixed
  }

  view(): SettingsView {
    const stored = this.store.store
    const secret = this.secret(stored).state
    const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, this.get(k, stored)])) as Settings
    return {
      ...settings,
      secretSet: secret === 'sealed' || secret === 'env',
      shortcutRegistered: this.shortcutRegistered,
      dataDir: this.dataDir,
      fromEnvironment: this.fromEnvironment(),
    }
  }

  /**
   * Applies an already schema-validated patch exactly: a key present with an undefined value
   * is refused, as is what the environment fixes and a URL that would carry credentials in
   * clear. A new auth origin or client id clears the stored secret in the same write.
   */
  update(patch: SettingsPatch): SettingsView {
    const problems: Record<string, string> = {}
    for (const key of undefinedKeys(patch)) problems[key] = 'settings.undefinedValue'
    const fixed = new Set(this.fromEnvironment())
    for (const key of Object.keys(patch)) if (fixed.has(key)) problems[key] = 'settings.fromEnvironment'
    for (const key of ['apiBaseUrl', 'authUrl'] as const) {
      const url = patch[key]
      const problem = url ? urlProblem(url) : null
      if (problem) problems[key] ??= problem
    }
    if (Object.keys(problems).length > 0) throw new AppFailure('VALIDATION', '', { fields: problems })

    const stored = this.store.store
    const next: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(patch)) {
      next[key] = isNestedSetting(key) ? { ...this.get(key, stored), ...(value as object) } : value
    }
    // A new store id invalidates the remembered store name unless one comes with it.
    if ('storeId' in patch && patch.storeId !== this.get('storeId', stored) && !('storeName' in patch)) {
      next.storeName = ''
    }
    if (!sameBinding(this.binding(stored), this.binding({ ...stored, ...next } as Partial<StoredSettings>))) next.sealedSecret = ''
    // One write for the whole patch: a change is saved entirely or not at all.
    this.store.store = { ...stored, ...next }
    return this.emit()
  }

  /** For the shell and the PIN service: saved at once, without a change event (nothing for others to re-apply). */
  setInternal<K extends InternalKey>(key: K, value: StoredSettings[K]): void {
    this.store.store = { ...this.store.store, [key]: value }
  }

  /** The shell reports whether it holds the global shortcut; listeners hear about it. */
  setShortcutRegistered(registered: boolean | null): void {
    if (registered === this.shortcutRegistered) return
    this.shortcutRegistered = registered
    this.emit()
  }

  /** Seals the secret with the auth URL's origin and the client id it is entered for. */
  setSecret(secret: string): SettingsView {
    if (this.env.POS_CLIENT_SECRET) {
      throw new AppFailure('VALIDATION', '', { fields: { clientSecret: 'settings.fromEnvironment' } })
    }
    const can = this.sealer.available()
    if (!can.ok) {
      throw new AppFailure('VALIDATION', can.reason, { fields: { clientSecret: 'settings.secretUnavailable' } })
    }
    const stored = this.store.store
    const binding = this.binding(stored)
    // Bound to nowhere is bound to anything: the auth URL and client id come first.
    if (!binding.authOrigin || !binding.clientId) {
      throw new AppFailure('VALIDATION', '', { fields: { clientSecret: 'settings.secretNeedsAuthUrl' } })
    }
    const sealed: SealedSecret = { v: 2, secret, ...binding }
    this.store.store = { ...stored, sealedSecret: this.sealer.seal(JSON.stringify(sealed)) }
    return this.emit()
  }

  private binding(stored: Partial<StoredSettings>): SecretBinding {
    return { authOrigin: originOf(this.get('authUrl', stored)), clientId: this.get('clientId', stored) }
  }

  /** The secret to use and where it comes from; only a secret bound to the current auth origin and client id is usable. */
  private secret(stored: Partial<StoredSettings>): { state: 'env' | 'sealed' | 'unreadable' | 'unbound' | 'none'; value: string } {
    if (this.env.POS_CLIENT_SECRET) return { state: 'env', value: this.env.POS_CLIENT_SECRET }
    const sealed = this.get('sealedSecret', stored)
    if (!sealed) return { state: 'none', value: '' }
    let opened: Partial<SealedSecret>
    try {
      opened = JSON.parse(this.sealer.open(sealed)) as Partial<SealedSecret>
    } catch {
      // Another key (keys/ deleted, another user), a keyring that cannot unprotect, or a
      // secret sealed before it was bound to a host: staff must enter it again.
      return { state: 'unreadable', value: '' }
    }
    if (opened.v !== 2 || typeof opened.secret !== 'string') return { state: 'unreadable', value: '' }
    const bound: SecretBinding = { authOrigin: String(opened.authOrigin), clientId: String(opened.clientId) }
    return sameBinding(bound, this.binding(stored)) ? { state: 'sealed', value: opened.secret } : { state: 'unbound', value: '' }
  }

  /** Whether anything configures the connection: if so the app is live, never the demo. */
  connectionConfigured(): boolean {
    return hasConnectionSettings(this.env, this.store.store)
  }

  /** What keeps the live configuration from working (empty when it can). */
  connectionProblems(): ConfigProblem[] {
    const stored = this.store.store
    return connectionProblems({
      apiBaseUrl: this.get('apiBaseUrl', stored),
      authUrl: this.get('authUrl', stored),
      clientId: this.get('clientId', stored),
      storeId: this.get('storeId', stored),
      secret: this.secret(stored).state,
      urlsFromEnv: { apiBaseUrl: this.envOverride('apiBaseUrl') !== undefined, authUrl: this.envOverride('authUrl') !== undefined },
    })
  }

  /** Everything the vendor client needs, or null while the live configuration cannot work. */
  apiCredentials(): ApiCredentials | null {
    if (this.connectionProblems().length > 0) return null
    const stored = this.store.store
    return {
      apiBaseUrl: this.get('apiBaseUrl', stored),
      authUrl: this.get('authUrl', stored),
      clientId: this.get('clientId', stored),
      clientSecret: this.secret(stored).value,
      storeId: this.get('storeId', stored),
    }
  }

  onChange(listener: (s: SettingsView) => void): () => void {
    this.listeners.push(listener)
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener)
    }
  }

  private emit(): SettingsView {
    const view = this.view()
    for (const l of this.listeners) l(view)
    return view
  }
}
