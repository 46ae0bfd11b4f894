import Conf from 'conf'
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
import { AppFailure } from './errors'

// Non-secret settings live in `settings.json` (mode 0600) under the data directory; the
// client secret is stored sealed (see SecretSealer) and never leaves this module except
// through `clientSecret()` for the vendor client. Environment variables override stored
// values so a deployment or a test can configure the app without the UI.

/** The settings (see shared/settings-form.ts) and what only main keeps beside them. */
export interface StoredSettings extends Settings {
  /** base64 of the sealed secret */
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


const DEFAULTS: StoredSettings = {
  ...SETTINGS_DEFAULTS,
  sealedSecret: '',
  adminPin: null,
  adminLockout: { failures: 0, lockedUntil: null },
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

export class SettingsService {
  private readonly conf: Conf<StoredSettings>
  private readonly env: Record<string, string | undefined>
  private listeners: Array<(s: SettingsView) => void> = []
  /** Runtime state reported by the shell, not stored. */
  private shortcutRegistered: boolean | null = null

  constructor(opts: {
    dataDir: string
    env: Record<string, string | undefined>
    sealer: SecretSealer
  }) {
    this.conf = new Conf<StoredSettings>({
      cwd: opts.dataDir,
      configName: 'settings',
      configFileMode: 0o600,
      defaults: DEFAULTS,
      clearInvalidConfig: false,
    })
    this.env = opts.env
    this.sealer = opts.sealer
    this.dataDir = opts.dataDir
  }

  private readonly sealer: SecretSealer
  readonly dataDir: string

  private envValue(key: keyof typeof ENV_OVERRIDES): string | undefined {
    const v = this.env[key]
    if (v === undefined || v === '') return undefined
    if (key === 'POS_LANG') return v === 'en' ? 'en' : 'zh-TW'
    return v
  }

  /** Stored values with environment overrides applied. */
  get<K extends keyof StoredSettings>(key: K): StoredSettings[K] {
    for (const [envKey, setting] of Object.entries(ENV_OVERRIDES)) {
      if (setting === key) {
        const v = this.envValue(envKey as keyof typeof ENV_OVERRIDES)
        if (v !== undefined) return v as StoredSettings[K]
      }
    }
    const value = this.conf.get(key)
    // A nested setting gains the keys a newer version added.
    if (isNestedSetting(key)) return { ...DEFAULTS[key], ...(value as object) } as StoredSettings[K]
    return value
  }

  private fromEnvironment(): string[] {
    const fixed: string[] = Object.entries(ENV_OVERRIDES)
      .filter(([envKey]) => this.envValue(envKey as keyof typeof ENV_OVERRIDES) !== undefined)
      .map(([, setting]) => setting)
    if (this.env.POS_CLIENT_SECRET) fixed.push('clientSecret')
    return fixed
  }

  view(): SettingsView {
    const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, this.get(k)])) as Settings
    return {
      ...settings,
      secretSet: this.clientSecret() !== '',
      shortcutRegistered: this.shortcutRegistered,
      dataDir: this.dataDir,
      fromEnvironment: this.fromEnvironment(),
    }
  }

  /** Applies an already schema-validated patch; refuses to change what the environment fixes. */
  update(patch: SettingsPatch): SettingsView {
    const fixed = new Set(this.fromEnvironment())
    const blocked = Object.keys(patch).filter((k) => fixed.has(k))
    if (blocked.length > 0) {
      throw new AppFailure('VALIDATION', '', {
        fields: Object.fromEntries(blocked.map((k) => [k, 'settings.fromEnvironment'])),
      })
    }
    const next: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue
      next[key] = isNestedSetting(key) ? { ...this.get(key), ...(value as object) } : value
    }
    // A new store id invalidates the remembered store name unless one comes with it.
    if (patch.storeId !== undefined && patch.storeId !== this.get('storeId') && patch.storeName === undefined) {
      next.storeName = ''
    }
    // One write for the whole patch: a change is saved entirely or not at all.
    this.conf.store = { ...this.conf.store, ...next }
    return this.emit()
  }

  /** For the shell and the PIN service: saved at once, without a change event (nothing for others to re-apply). */
  setInternal<K extends InternalKey>(key: K, value: StoredSettings[K]): void {
    this.conf.set(key, value)
  }

  /** The shell reports whether it holds the global shortcut; listeners hear about it. */
  setShortcutRegistered(registered: boolean | null): void {
    if (registered === this.shortcutRegistered) return
    this.shortcutRegistered = registered
    this.emit()
  }

  setSecret(secret: string): SettingsView {
    if (this.env.POS_CLIENT_SECRET) {
      throw new AppFailure('VALIDATION', '', { fields: { clientSecret: 'settings.fromEnvironment' } })
    }
    const can = this.sealer.available()
    if (!can.ok) {
      throw new AppFailure('VALIDATION', can.reason, { fields: { clientSecret: 'settings.secretUnavailable' } })
    }
    this.conf.set('sealedSecret', this.sealer.seal(secret))
    return this.emit()
  }

  /** The secret in clear, for the vendor client only. Empty when none is set or it cannot be opened. */
  clientSecret(): string {
    if (this.env.POS_CLIENT_SECRET) return this.env.POS_CLIENT_SECRET
    const sealed = this.conf.get('sealedSecret')
    if (!sealed) return ''
    try {
      return this.sealer.open(sealed)
    } catch {
      return ''
    }
  }

  /** Everything the vendor client needs, or null when the API is not configured (demo mode). */
  apiCredentials(): ApiCredentials | null {
    const c: ApiCredentials = {
      apiBaseUrl: this.get('apiBaseUrl'),
      authUrl: this.get('authUrl'),
      clientId: this.get('clientId'),
      clientSecret: this.clientSecret(),
      storeId: this.get('storeId'),
    }
    return c.apiBaseUrl && c.authUrl && c.clientId && c.clientSecret ? c : null
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
