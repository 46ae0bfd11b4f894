// Offline copies of member views, shown when the vendor cannot be reached.
//
// One encrypted file, `members.cache` (Vault + atomic write), written behind: a change updates
// the in-memory map and schedules one coalesced save `flushDelayMs` later (default 1 s), so a
// lookup's reply never waits for the rewrite + fsync of the whole file (megabytes at the cap,
// tens of ms on a slow counter-PC disk). This is a disposable copy: a crash within the window
// loses only the copies taken in it. `flush()` writes at once (the core calls it on close);
// clear() and prune() are admin/retention actions and are on disk when they return.
// Entries are keyed by HMAC-SHA256(phone) under a key derived from the vault, so even the
// decrypted index does not reveal phone numbers. The whole file is loaded once; after that a
// get is a Map lookup plus parsing one entry's JSON. Entries are kept serialized in memory so
// a write only concatenates strings instead of re-serializing up to 5,000 views.
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { normalizePhoneInput } from '../shared/phone'
import type { MemberView } from '../shared/types'
import { writeFileAtomic } from './storage/atomic-file'
import type { Vault } from './storage/vault'

export const MEMBER_CACHE_FILE = 'members.cache'
export const MEMBER_CACHE_MAX_ENTRIES = 5000
const DAY_MS = 86_400_000

export interface CachedMember {
  view: MemberView
  /** When this copy was stored (by the cache's clock). */
  fetchedAt: string
  ageMs: number
}

export interface MemberCacheOptions {
  dir: string
  vault: Vault
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

/** On disk: `{ v: 1, entries: [[hmacHex, fetchedAt, view], …] }`, oldest first. */
type StoredEntry = [key: string, fetchedAt: string, view: MemberView]
interface StoredCache {
  v: 1
  entries: StoredEntry[]
}

function isStoredEntry(x: unknown): x is StoredEntry {
  return (
    Array.isArray(x) &&
    x.length === 3 &&
    typeof x[0] === 'string' &&
    typeof x[1] === 'string' &&
    Number.isFinite(Date.parse(x[1])) &&
    typeof x[2] === 'object' &&
    x[2] !== null
  )
}

export class MemberCache {
  private readonly file: string
  private readonly vault: Vault
  private readonly indexKey: Buffer
  private readonly retentionDays: () => number
  private readonly now: () => Date
  private readonly maxEntries: number
  private readonly flushDelayMs: number
  private readonly onError: (e: unknown) => void
  /** The map holds changes the file does not have yet. */
  private dirty = false
  private timer: ReturnType<typeof setTimeout> | null = null
  /** Insertion order = put order = fetchedAt order while the clock runs forward; oldest first. */
  private entries: Map<string, Entry> | null = null

  constructor(opts: MemberCacheOptions) {
    this.file = join(opts.dir, MEMBER_CACHE_FILE)
    this.vault = opts.vault
    this.indexKey = opts.vault.deriveKey('member-cache/index')
    this.retentionDays = opts.retentionDays
    this.now = opts.now ?? (() => new Date())
    this.maxEntries = opts.maxEntries ?? MEMBER_CACHE_MAX_ENTRIES
    this.flushDelayMs = Math.max(0, opts.flushDelayMs ?? MEMBER_CACHE_FLUSH_DELAY_MS)
    this.onError = opts.onError ?? (() => undefined)
  }

  put(phoneLocal: string, view: MemberView): void {
    const map = this.load()
    const key = this.keyOf(phoneLocal)
    const now = this.now()
    map.delete(key) // re-insert at the young end
    map.set(key, { fetchedAt: now.toISOString(), fetchedAtMs: now.getTime(), viewJson: JSON.stringify(view) })
    // Every write also drops what has expired, so a long-running app keeps nothing past the
    // retention on disk (not only what is asked for again).
    this.dropExpired(map)
    this.dropOverflow(map)
    this.schedule()
  }

  get(phoneLocal: string): CachedMember | null {
    const map = this.load()
    const key = this.keyOf(phoneLocal)
    const entry = map.get(key)
    if (!entry) return null
    const ageMs = this.now().getTime() - entry.fetchedAtMs
    if (ageMs > this.retentionMs()) {
      map.delete(key)
      this.schedule()
      return null
    }
    return { view: JSON.parse(entry.viewJson) as MemberView, fetchedAt: entry.fetchedAt, ageMs: Math.max(0, ageMs) }
  }

  /** Removes every entry, on disk before it returns; returns how many there were. */
  clear(): number {
    const map = this.load()
    const removed = map.size
    map.clear()
    this.dirty = true
    // Synchronous, and it cancels the pending save; that save would write this (empty) map anyway.
    this.flush()
    return removed
  }

  /**
   * Removes entries older than the retention period, on disk before it returns (with any other
   * pending change, and what the first load dropped); returns how many.
   */
  prune(): number {
    const map = this.load()
    const removed = this.dropExpired(map)
    if (removed > 0) this.dirty = true
    this.flush()
    return removed
  }

  /** Writes pending changes now (synchronously); nothing when there are none. Throws when the write fails (still dirty). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.dirty || !this.entries) return
    this.save(this.entries)
  }

  /** Marks the map changed and arms the one coalesced save, unless one is already pending. */
  private schedule(): void {
    this.dirty = true
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      try {
        this.flush()
      } catch (e) {
        // Never unhandled: the copy stays in memory (and dirty); the next change re-arms.
        this.onError(e)
      }
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

  private dropExpired(map: Map<string, Entry>): number {
    const cutoff = this.now().getTime() - this.retentionMs()
    let removed = 0
    for (const [key, entry] of map) {
      if (entry.fetchedAtMs < cutoff) {
        map.delete(key)
        removed++
      }
    }
    return removed
  }

  /** Least recently fetched first: the map is kept in fetchedAt order. */
  private dropOverflow(map: Map<string, Entry>): number {
    let removed = 0
    for (const oldest of map.keys()) {
      if (map.size <= this.maxEntries) break
      map.delete(oldest)
      removed++
    }
    return removed
  }

  private load(): Map<string, Entry> {
    if (this.entries) return this.entries
    let stored: StoredCache | null = null
    try {
      stored = this.vault.readJson<StoredCache>(this.file)
    } catch {
      // A cache is disposable: an unreadable file (other key, damage) starts empty and is
      // overwritten by the next write.
    }
    const entries = stored?.v === 1 && Array.isArray(stored.entries) ? stored.entries.filter(isStoredEntry) : []
    entries.sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]))
    const map = new Map<string, Entry>()
    for (const [key, fetchedAt, view] of entries) {
      map.set(key, { fetchedAt, fetchedAtMs: Date.parse(fetchedAt), viewJson: JSON.stringify(view) })
    }
    this.entries = map
    const dropped = this.dropExpired(map) + this.dropOverflow(map)
    if (dropped > 0) this.schedule()
    return map
  }

  private save(map: Map<string, Entry>): void {
    const parts: string[] = []
    for (const [key, e] of map) parts.push(`[${JSON.stringify(key)},${JSON.stringify(e.fetchedAt)},${e.viewJson}]`)
    writeFileAtomic(this.file, this.vault.seal(`{"v":1,"entries":[${parts.join(',')}]}`))
    // Synchronous from serializing to here: nothing can have changed the map in between.
    this.dirty = false
  }
}
