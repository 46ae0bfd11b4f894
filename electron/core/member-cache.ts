// Offline copies of member views, shown when the vendor cannot be reached.
//
// One encrypted file, `members.cache` (Vault + atomic write, write-through on every change).
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
}

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
  /** Insertion order = put order = fetchedAt order while the clock runs forward; oldest first. */
  private entries: Map<string, Entry> | null = null

  constructor(opts: MemberCacheOptions) {
    this.file = join(opts.dir, MEMBER_CACHE_FILE)
    this.vault = opts.vault
    this.indexKey = opts.vault.deriveKey('member-cache/index')
    this.retentionDays = opts.retentionDays
    this.now = opts.now ?? (() => new Date())
    this.maxEntries = opts.maxEntries ?? MEMBER_CACHE_MAX_ENTRIES
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
    this.save(map)
  }

  get(phoneLocal: string): CachedMember | null {
    const map = this.load()
    const key = this.keyOf(phoneLocal)
    const entry = map.get(key)
    if (!entry) return null
    const ageMs = this.now().getTime() - entry.fetchedAtMs
    if (ageMs > this.retentionMs()) {
      map.delete(key)
      this.save(map)
      return null
    }
    return { view: JSON.parse(entry.viewJson) as MemberView, fetchedAt: entry.fetchedAt, ageMs: Math.max(0, ageMs) }
  }

  /** Removes every entry; returns how many there were. */
  clear(): number {
    const map = this.load()
    const removed = map.size
    map.clear()
    this.save(map)
    return removed
  }

  /** Removes entries older than the retention period; returns how many. */
  prune(): number {
    const map = this.load()
    const removed = this.dropExpired(map)
    if (removed > 0) this.save(map)
    return removed
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
    if (dropped > 0) this.save(map)
    return map
  }

  private save(map: Map<string, Entry>): void {
    const parts: string[] = []
    for (const [key, e] of map) parts.push(`[${JSON.stringify(key)},${JSON.stringify(e.fetchedAt)},${e.viewJson}]`)
    writeFileAtomic(this.file, this.vault.seal(`{"v":1,"entries":[${parts.join(',')}]}`))
  }
}
