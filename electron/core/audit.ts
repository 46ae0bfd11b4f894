import { maskPhone } from '../shared/phone'
import { SealedRecords, type RecordChange, type SealedRecordsOptions } from './storage/sealed-records'

// The local audit trail: who-did-what at this counter, one sealed record per event in the
// local database (`audit/<time>.<n>`), the newest `maxEntries` kept. Each entry is an event
// name with its details — codes and values, never a sentence. Phones are masked here, before
// anything is written; secrets never come in — a settings change records only which keys
// changed. Written behind the call that records it (no fsync: LevelDB's log, flushed by the OS).

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

/** One stored entry: when, which event, and its details (phones masked). */
export type AuditEntry = { at: string; event: AuditEventName } & Record<string, unknown>

const AUDIT_MAX_ENTRIES = 5000

export interface AuditLogOptions {
  storage: Omit<SealedRecordsOptions<AuditEntry>, 'kind' | 'valid' | 'durable'>
  /** Entries kept; the oldest go first (default AUDIT_MAX_ENTRIES). */
  maxEntries?: number
  now?: () => Date
  /** A write failed (logged by the caller; the entry stays listed until the app closes). */
  onError?: (e: unknown) => void
}

function isAuditEntry(x: unknown): x is AuditEntry {
  const o = x as Record<string, unknown> | null
  return typeof o === 'object' && o !== null && typeof o.at === 'string' && typeof o.event === 'string'
}

export class AuditLog {
  private readonly records: SealedRecords<AuditEntry>
  private readonly now: () => Date
  private readonly maxEntries: number
  private readonly onError: (e: unknown) => void
  /** Oldest first, with their record ids. */
  private readonly entries: Array<{ id: string; entry: AuditEntry }>
  private seq = 0

  static async open(opts: AuditLogOptions): Promise<AuditLog> {
    const { records, loaded } = await SealedRecords.open({ ...opts.storage, kind: 'audit', valid: isAuditEntry, durable: false })
    return new AuditLog(opts, records, loaded.map(({ id, value }) => ({ id, entry: value })))
  }

  private constructor(opts: AuditLogOptions, records: SealedRecords<AuditEntry>, loaded: Array<{ id: string; entry: AuditEntry }>) {
    this.records = records
    this.now = opts.now ?? (() => new Date())
    this.maxEntries = opts.maxEntries ?? AUDIT_MAX_ENTRIES
    this.onError = opts.onError ?? (() => undefined)
    this.entries = loaded // key order is time order
  }

  record<E extends AuditEventName>(event: E, details: AuditEvents[E]): void {
    const fields: Record<string, unknown> = { ...details }
    if (typeof fields.phone === 'string') fields.phone = maskPhone(fields.phone)
    const at = this.now().toISOString()
    // Ids sort as the entries were made: the time, then a counter for the same millisecond.
    const id = `${at}.${String(++this.seq).padStart(9, '0')}`
    const entry: AuditEntry = { at, event, ...fields }
    this.entries.push({ id, entry })
    const changes: Array<RecordChange<AuditEntry>> = [{ id, value: entry }]
    while (this.entries.length > this.maxEntries) changes.push({ id: this.entries.shift()!.id, value: null })
    this.records.write(changes).catch((e: unknown) => this.onError(e))
  }

  /** What is kept, oldest first. */
  list(): AuditEntry[] {
    return this.entries.map((e) => structuredClone(e.entry))
  }

  /** Resolves once every entry recorded so far is written. */
  async close(): Promise<void> {
    await this.records.settled()
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
