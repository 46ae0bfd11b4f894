// Offline copies of member views, shown when the vendor cannot be reached.
//
// One sealed record per member in the local database (storage/sealed-records.ts), written
// behind: a change updates the in-memory map and schedules one batch `flushDelayMs` later
// (default 1 s) holding only the records that changed, so a lookup's reply never waits for a
// write, and a write costs the same with 100 or 5,000 copies kept. This is a disposable copy:
// a crash within the window loses only the copies taken in it. `flush()` writes at once (the
// core calls it on close); clear() and prune() are admin/retention actions and are in the
// database when they resolve.
// Records are keyed by HMAC-SHA256(phone) under a key derived from the vault, so even the
// database's keys do not reveal phone numbers. All records are read once at open; after that
// a get is a Map lookup plus parsing one entry's JSON.
import { createHmac } from 'node:crypto'
import { normalizePhoneInput } from '../shared/phone'
import type { MemberView } from '../shared/types'
import { SealedRecords, type RecordChange, type SealedRecordsOptions } from './storage/sealed-records'
import type { Vault } from './storage/vault'

export const MEMBER_CACHE_MAX_ENTRIES = 5000
const DAY_MS = 86_400_000

export interface CachedMember {
  view: MemberView
  /** When this copy was stored (by the cache's clock). */
  fetchedAt: string
  ageMs: number
}

export interface MemberCacheOptions {
  /** The local database and what it needs to open the cache's records. */
  storage: Omit<SealedRecordsOptions<StoredMember>, 'kind' | 'valid' | 'durable'>
  retentionDays: () => number
  now?: () => Date
  /** For tests; defaults to MEMBER_CACHE_MAX_ENTRIES. */
  maxEntries?: number
  /** How long after a change the file is rewritten; changes within the window share one write (default 1000). */
  flushDelayMs?: number
  /** A background save failed (the map stays dirty; the next change or flush() retries). */
  onError?: (e: unknown) => void
}

export const MEMBER_CACHE_FLUSH_DELAY_MS = 1000

interface Entry {
  fetchedAt: string
  fetchedAtMs: number
  /** The MemberView as JSON: cheap to write back, and every get hands out a fresh copy. */
  viewJson: string
}

/** One record: `member/<hmacHex>` → the copy and when it was taken. */
export interface StoredMember {
  fetchedAt: string
  view: MemberView
}

export function isStoredMember(x: unknown): x is StoredMember {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return typeof o.fetchedAt === 'string' && Number.isFinite(Date.parse(o.fetchedAt)) && typeof o.view === 'object' && o.view !== null
}

/** The key of a phone's record: an HMAC under a key derived from the vault (also used to migrate the old file). */
function memberCacheIndexKey(vault: Vault): Buffer {
  return vault.deriveKey('member-cache/index')
}

export class MemberCache {
  private readonly records: SealedRecords<StoredMember>
  private readonly indexKey: Buffer
  private readonly retentionDays: () => number
  private readonly now: () => Date
  private readonly maxEntries: number
  private readonly flushDelayMs: number
  private readonly onError: (e: unknown) => void
  /** Keys whose record the database does not have yet (put, or removed when not in the map). */
  private readonly dirty = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null
  /** Insertion order = put order = fetchedAt order while the clock runs forward; oldest first. */
  private readonly entries = new Map<string, Entry>()

  /** Opens the cache's records (damaged ones are kept aside and said); expired and overflowing ones go. */
  static async open(opts: MemberCacheOptions): Promise<MemberCache> {
    const { records, loaded } = await SealedRecords.open({ ...opts.storage, kind: 'member', valid: isStoredMember, durable: false })
    const cache = new MemberCache(opts, records)
    cache.fill(loaded)
    return cache
  }

  private constructor(opts: MemberCacheOptions, records: SealedRecords<StoredMember>) {
    this.records = records
    this.indexKey = memberCacheIndexKey(opts.storage.vault)
    this.retentionDays = opts.retentionDays
    this.now = opts.now ?? (() => new Date())
    this.maxEntries = opts.maxEntries ?? MEMBER_CACHE_MAX_ENTRIES
    this.flushDelayMs = Math.max(0, opts.flushDelayMs ?? MEMBER_CACHE_FLUSH_DELAY_MS)
    this.onError = opts.onError ?? (() => undefined)
  }

  put(phoneLocal: string, view: MemberView): void {
    const map = this.entries
    const key = this.keyOf(phoneLocal)
    const now = this.now()
    map.delete(key) // re-insert at the young end
    map.set(key, { fetchedAt: now.toISOString(), fetchedAtMs: now.getTime(), viewJson: JSON.stringify(view) })
    this.dirty.add(key)
    // Every write also drops what has expired, so a long-running app keeps nothing past the
    // retention on disk (not only what is asked for again).
    this.dropExpired()
    this.dropOverflow()
    this.schedule()
  }

  /**
   * Rewrites a kept copy in place, keeping when it was taken: the e-invoice carrier that
   * member data brought after the login's copy was stored does not make the copy younger.
   */
  amend(phoneLocal: string, change: (view: MemberView) => MemberView): boolean {
    const key = this.keyOf(phoneLocal)
    const entry = this.entries.get(key)
    if (!entry) return false
    this.entries.set(key, { ...entry, viewJson: JSON.stringify(change(JSON.parse(entry.viewJson) as MemberView)) })
    this.dirty.add(key)
    this.schedule()
    return true
  }

  get(phoneLocal: string): CachedMember | null {
    const key = this.keyOf(phoneLocal)
    const entry = this.entries.get(key)
    if (!entry) return null
    const ageMs = this.now().getTime() - entry.fetchedAtMs
    if (ageMs > this.retentionMs()) {
      this.drop(key)
      this.schedule()
      return null
    }
    return { view: JSON.parse(entry.viewJson) as MemberView, fetchedAt: entry.fetchedAt, ageMs: Math.max(0, ageMs) }
  }

  /** How many copies are kept. */
  get size(): number {
    return this.entries.size
  }

  /** Removes every entry, in the database before it resolves; resolves with how many there were. */
  async clear(): Promise<number> {
    const removed = this.entries.size
    for (const key of [...this.entries.keys()]) this.drop(key)
    await this.flush()
    return removed
  }

  /**
   * Removes entries older than the retention period, in the database before it resolves (with
   * any other pending change, and what opening dropped); resolves with how many.
   */
  async prune(): Promise<number> {
    const removed = this.dropExpired(true)
    await this.flush()
    return removed
  }

  /** Writes pending changes now, in one batch; rejects when the write fails (the changes stay pending). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.dirty.size === 0) return
    const keys = [...this.dirty]
    this.dirty.clear()
    const changes: Array<RecordChange<StoredMember>> = keys.map((id) => {
      const e = this.entries.get(id)
      return { id, value: e ? { fetchedAt: e.fetchedAt, view: JSON.parse(e.viewJson) as MemberView } : null }
    })
    try {
      await this.records.write(changes)
    } catch (e) {
      for (const key of keys) this.dirty.add(key)
      throw e
    }
  }

  /** Resolves once the writes started so far have finished (for tests and the benchmark). */
  settled(): Promise<void> {
    return this.records.settled()
  }

  /** Bytes handed to the database so far (for the benchmark). */
  get bytesWritten(): number {
    return this.records.bytesWritten
  }

  /** Arms the one coalesced write, unless one is already pending. */
  private schedule(): void {
    if (this.timer || this.dirty.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      // Never unhandled: the copies stay in memory (and pending); the next change re-arms.
      this.flush().catch((e: unknown) => {
        this.onError(e)
      })
    }, this.flushDelayMs)
    // A pending copy must not keep a process alive; a normal shutdown calls flush().
    this.timer.unref()
  }

  private retentionMs(): number {
    return Math.max(0, this.retentionDays()) * DAY_MS
  }

  private keyOf(phone: string): string {
    return createHmac('sha256', this.indexKey).update(normalizePhoneInput(phone)).digest('hex')
  }

  private drop(key: string): void {
    this.entries.delete(key)
    this.dirty.add(key)
  }

  /**
   * Oldest first, stopping at the first copy still within the retention, so a lookup's put
   * costs the same with 100 or 5,000 copies kept. `all` looks at every copy (prune, open):
   * after the clock was set back the map is not strictly in fetchedAt order.
   */
  private dropExpired(all = false): number {
    const cutoff = this.now().getTime() - this.retentionMs()
    let removed = 0
    for (const [key, entry] of this.entries) {
      if (entry.fetchedAtMs < cutoff) {
        this.drop(key)
        removed++
      } else if (!all) break
    }
    return removed
  }

  /** Least recently fetched first: the map is kept in fetchedAt order. */
  private dropOverflow(): number {
    let removed = 0
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break
      this.drop(oldest)
      removed++
    }
    return removed
  }

  private fill(loaded: Array<{ id: string; value: StoredMember }>): void {
    loaded.sort((a, b) => Date.parse(a.value.fetchedAt) - Date.parse(b.value.fetchedAt))
    for (const { id, value } of loaded) {
      this.entries.set(id, { fetchedAt: value.fetchedAt, fetchedAtMs: Date.parse(value.fetchedAt), viewJson: JSON.stringify(value.view) })
    }
    this.dropExpired(true)
    this.dropOverflow()
    this.schedule()
  }
}
