// One kind of record (member copies, queued sign-ups, audit entries, notices) in the local
// database, each record sealed on its own: key `<kind>/<id>`, value AES-256-GCM with the
// associated data `record|<kind>|<id>`, so a value copied to another key or kind fails to open.
//
// Rollback: each kind keeps a digest record (`~digest/<kind>`, sealed too) holding the XOR of
// HMAC(kind, id, IV) over its records, written in the same atomic batch as every change. Every
// seal draws a fresh IV, so a record put back to an earlier version of itself, removed, or
// copied in from another data folder's same key makes the digest disagree. Then no record of
// the kind can be trusted over another, and all of them are kept aside. Records that fail to
// open on their own (flipped bytes, a key that no longer opens them) are kept aside one by one,
// the rest stay. Whatever is kept aside goes, still sealed, into `<kind>-records.damaged-<time>`
// in the data folder, and a notice says how many.
//
// Writes are serialised (one batch after the other, in call order), so the digest on disk is
// always the one for the records on disk.
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import type { NoticeCode } from '../../shared/contract'
import type { Notices } from '../notices'
import { writeFileAtomic } from './atomic-file'
import { damageStamp } from './damaged'
import type { LocalStore } from './local-store'
import { Vault } from './vault'

export type RecordKind = 'member' | 'outbox' | 'audit' | 'notice'

const DAMAGE_NOTICE: Record<RecordKind, NoticeCode> = {
  member: 'cacheRecordsDamaged',
  outbox: 'outboxRecordsDamaged',
  audit: 'auditRecordsDamaged',
  notice: 'noticeRecordsDamaged',
}

const DIGEST_LENGTH = 32

export interface SealedRecordsOptions<T> {
  store: LocalStore
  vault: Vault
  kind: RecordKind
  /** The shape a record must have once opened; anything else counts as damaged. */
  valid: (x: unknown) => x is T
  notices: Notices
  /** fsync every batch (the outbox); otherwise LevelDB's log is flushed by the OS (cache, audit). */
  durable: boolean
  now?: () => Date
}

export interface OpenedRecords<T> {
  records: SealedRecords<T>
  /** What opened, in key order. */
  loaded: Array<{ id: string; value: T }>
}

/** A change for write(): a value puts the record, null removes it. */
export type RecordChange<T> = { id: string; value: T | null }

interface Found {
  key: string
  id: string
  raw: Buffer
}

function xorInto(acc: Buffer, h: Buffer): void {
  // Stryker disable next-line EqualityOperator: "i <= DIGEST_LENGTH" adds a write at index 32, past the end of the 32-byte Buffer, which a Buffer ignores
  for (let i = 0; i < DIGEST_LENGTH; i++) acc[i] = (acc[i] ?? 0) ^ (h[i] ?? 0)
}

export class SealedRecords<T> {
  private readonly opts: SealedRecordsOptions<T>
  private readonly digestKey: Buffer
  /** Each record's share of the digest, by id, as on disk. */
  private readonly shares = new Map<string, Buffer>()
  private acc = Buffer.alloc(DIGEST_LENGTH)
  private chain: Promise<void> = Promise.resolve()
  /** Bytes handed to the database so far (keys + values), for the benchmark. */
  bytesWritten = 0

  private constructor(opts: SealedRecordsOptions<T>) {
    this.opts = opts
    this.digestKey = opts.vault.deriveKey('records/digest')
  }

  /** Opens the kind's records; damaged ones are kept aside (and said), the rest returned. */
  static async open<T>(opts: SealedRecordsOptions<T>): Promise<OpenedRecords<T>> {
    const records = new SealedRecords(opts)
    const loaded = await records.load()
    return { records, loaded }
  }

  /** One atomic batch of puts and removals; resolves once it is in the database (fsynced when durable). */
  write(changes: Array<RecordChange<T>>): Promise<void> {
    // Serialised now: the caller may change its objects after this returns.
    const json = changes.map((c) => ({ id: c.id, json: c.value === null ? null : JSON.stringify(c.value) }))
    const run = async () => {
      const acc = Buffer.from(this.acc)
      const shares = new Map<string, Buffer | null>()
      const batch: Array<{ type: 'put'; key: string; value: Buffer } | { type: 'del'; key: string }> = []
      let bytes = 0
      for (const { id, json: text } of json) {
        const old = shares.has(id) ? shares.get(id) : this.shares.get(id)
        if (old) xorInto(acc, old)
        const key = this.keyOf(id)
        if (text === null) {
          shares.set(id, null)
          batch.push({ type: 'del', key })
          bytes += key.length
          continue
        }
        const raw = this.opts.vault.seal(text, this.aadOf(id))
        const share = this.shareOf(id, raw)
        xorInto(acc, share)
        shares.set(id, share)
        batch.push({ type: 'put', key, value: raw })
        bytes += key.length + raw.length
      }
      let count = this.shares.size
      for (const [id, share] of shares) count += (share ? 1 : 0) - (this.shares.has(id) ? 1 : 0)
      const digest = this.sealDigest(acc, count)
      batch.push({ type: 'put', key: this.digestKeyName(), value: digest })
      bytes += this.digestKeyName().length + digest.length
      await this.opts.store.db.batch(batch, { sync: this.opts.durable })
      // Only what reached the database moves the digest on.
      this.acc = acc
      for (const [id, share] of shares) {
        if (share) this.shares.set(id, share)
        else this.shares.delete(id)
      }
      this.bytesWritten += bytes
    }
    const done = this.chain.then(run)
    this.chain = done.catch(() => undefined)
    this.opts.store.track(this.chain)
    return done
  }

  put(id: string, value: T): Promise<void> {
    return this.write([{ id, value }])
  }

  remove(id: string): Promise<void> {
    return this.write([{ id, value: null }])
  }

  /** Resolves when every write asked for so far has finished (successfully or not). */
  settled(): Promise<void> {
    return this.chain
  }

  // -------------------------------------------------------------------------------------

  private keyOf(id: string): string {
    return `${this.opts.kind}/${id}`
  }

  private aadOf(id: string): string {
    return `record|${this.opts.kind}|${id}`
  }

  private digestKeyName(): string {
    return `~digest/${this.opts.kind}`
  }

  private shareOf(id: string, raw: Buffer): Buffer {
    return createHmac('sha256', this.digestKey).update(`${this.opts.kind}\0${id}\0`).update(Vault.ivOf(raw)).digest()
  }

  private sealDigest(acc: Buffer, count: number): Buffer {
    return this.opts.vault.sealJson({ acc: acc.toString('hex'), count }, `digest|${this.opts.kind}`)
  }

  /** The stored digest, or null when it is missing or does not open. */
  private async readDigest(): Promise<{ acc: string; count: number } | null> {
    const raw = await this.opts.store.db.get(this.digestKeyName())
    // Stryker disable next-line ConditionalExpression: made false, openJson(undefined) throws below and the catch returns the same null
    if (raw === undefined) return null
    try {
      const d = this.opts.vault.openJson<{ acc: unknown; count: unknown }>(raw, `digest|${this.opts.kind}`)
      return typeof d.acc === 'string' && typeof d.count === 'number' ? { acc: d.acc, count: d.count } : null
    } catch {
      return null
    }
  }

  private async load(): Promise<Array<{ id: string; value: T }>> {
    const prefix = `${this.opts.kind}/`
    const found: Found[] = []
    // '0' sorts right after '/': the range is exactly this kind's keys.
    for await (const [key, raw] of this.opts.store.db.iterator({ gt: prefix, lt: `${this.opts.kind}0` })) {
      found.push({ key, id: key.slice(prefix.length), raw })
    }
    const good: Array<{ found: Found; value: T; share: Buffer }> = []
    const damaged: Found[] = []
    for (const f of found) {
      try {
        const value: unknown = this.opts.vault.openJson(f.raw, this.aadOf(f.id))
        // Stryker disable next-line StringLiteral: the message is dropped by the catch below; only "damaged" is kept
        if (!this.opts.valid(value)) throw new Error('unexpected shape')
        good.push({ found: f, value, share: this.shareOf(f.id, f.raw) })
      } catch {
        damaged.push(f)
      }
    }
    const acc = Buffer.alloc(DIGEST_LENGTH)
    for (const g of good) xorInto(acc, g.share)
    const digest = await this.readDigest()
    // With a damaged record its share is unknown, so the digest can only be checked without one.
    const consistent =
      damaged.length > 0 ||
      (digest === null
        ? found.length === 0
        : digest.acc === acc.toString('hex') &&
          // Stryker disable next-line ConditionalExpression: "true" is the same unless two different sets of records had the same XOR of 256-bit HMACs; the count only restates it
          digest.count === found.length)
    if (!consistent) {
      await this.keepAside(found, 'unverified')
      return []
    }
    for (const g of good) this.shares.set(g.found.id, g.share)
    this.acc = acc
    if (damaged.length > 0) await this.keepAside(damaged, 'unreadable')
    return good.map((g) => ({ id: g.found.id, value: g.value }))
  }

  /** Writes the records, still sealed, to a file beside the data, removes them here, and says so. */
  private async keepAside(records: Found[], reason: 'unreadable' | 'unverified'): Promise<void> {
    const now = (this.opts.now ?? (() => new Date()))()
    const file = `${this.opts.kind}-records.damaged-${damageStamp(now)}`
    const content = {
      kind: this.opts.kind,
      reason,
      keptAsideAt: now.toISOString(),
      records: records.map((r) => ({ key: r.key, value: r.raw.toString('base64') })),
    }
    writeFileAtomic(join(this.opts.store.dataDir, file), JSON.stringify(content))
    const batch: Array<{ type: 'put'; key: string; value: Buffer } | { type: 'del'; key: string }> = records.map((r) => ({ type: 'del', key: r.key }))
    batch.push({ type: 'put', key: this.digestKeyName(), value: this.sealDigest(this.acc, this.shares.size) })
    await this.opts.store.db.batch(batch, { sync: true })
    this.opts.notices.raise('storage', DAMAGE_NOTICE[this.opts.kind], { count: records.length, file })
  }
}
