import { join } from 'node:path'
import { maskPhone } from '../shared/phone'
import { RotatingFile } from './log'

// The local audit trail: who-did-what at this counter, one JSON object per line in
// `<dataDir>/audit/audit.log`, rotated by size like the app log. Phones are masked here,
// before anything is written (and the file sink scrubs again); secrets never come in —
// a settings change records only which keys changed.

/** What each audit event records. `phone` is taken in clear and written masked. */
export interface AuditEvents {
  'signup.sent': { phone: string; memberId: string; via: 'direct' | 'outbox' }
  'outbox.discard': { itemId: string; phone: string }
  'settings.change': { keys: string[] }
  'member.search': { by: 'phoneSuffix' | 'vipId'; suffix?: string; matches: number }
  'member.searchRefused': { retryAfterSeconds: number }
  'admin.pinFailed': { failures: number }
  'admin.lockedOut': { until: string }
  'admin.pinSet': { changed: boolean }
}
export type AuditEventName = keyof AuditEvents

export interface AuditLogOptions {
  dataDir: string
  maxBytes?: number
  keep?: number
  now?: () => Date
}

export class AuditLog {
  private readonly file: RotatingFile
  private readonly now: () => Date

  constructor(opts: AuditLogOptions) {
    this.file = new RotatingFile(join(opts.dataDir, 'audit'), opts.maxBytes ?? 1_000_000, opts.keep ?? 5, 'audit')
    this.now = opts.now ?? (() => new Date())
  }

  record<E extends AuditEventName>(event: E, details: AuditEvents[E]): void {
    const fields: Record<string, unknown> = { ...details }
    if (typeof fields.phone === 'string') fields.phone = maskPhone(fields.phone)
    this.file.write(`${JSON.stringify({ at: this.now().toISOString(), event, ...fields })}\n`)
  }

  close(): void {
    this.file.close()
  }
}

/** Which settings a patch actually changes, as `key` or `group.key` — names only, never values. */
export function changedSettingKeys(before: object, patch: object): string[] {
  const keys: string[] = []
  const old = before as Record<string, unknown>
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const previous = old[key]
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && previous !== null && typeof previous === 'object') {
      keys.push(...changedSettingKeys(previous, value).map((k) => `${key}.${k}`))
    } else if (JSON.stringify(previous) !== JSON.stringify(value)) {
      keys.push(key)
    }
  }
  return keys
}
