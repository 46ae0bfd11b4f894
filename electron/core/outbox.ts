// The sign-up outbox: sign-ups taken while the vendor was unreachable, sent when it returns.
//
// STORAGE: one sealed record per sign-up in the local database (storage/sealed-records.ts);
// a change writes that item's record alone, fsynced, before the call that made it resolves, so
// the cost of a change does not grow with the queue. It holds phones and names, hence the
// sealing. A sent item's password is dropped in the same write that marks it done, and the
// renderer only ever hears whether an item has one (outboxItemView).
//
// NO DUPLICATES: every send first asks the vendor whether the phone is already a member. A
// create whose outcome we never learned (timeout, dropped connection, 5xx, crash mid-send)
// sets `sentOnce`; if a later check finds the member, that was our own earlier send → 'done'.
// Without `sentOnce` an existing member is someone else's → 'conflict'.
//
// RETRIES WITHOUT STAFF: with `autoRetry`, the outbox keeps one unref'd timer for the next
// thing due — the earliest pending `nextAttemptAt` (a fresh item counts as due now, at least
// `minDelayMs` ahead) or the earliest done item's expiry — re-armed after every enqueue,
// resubmit and drain, cleared by close(). When it fires it removes expired done items and,
// if `canDrain()` (app-core: "not offline"), drains; while it cannot, it looks again after
// `maxDelayMs` (connection recovery drains sooner through the monitor). Off by default, so
// the engine alone stays fully driven by its caller.
import { randomUUID } from 'node:crypto'
import type { OutboxAttempt, OutboxReason, OutboxSummary } from '../shared/contract'
import { normalizePhoneInput } from '../shared/phone'
import type { SignupForm } from '../shared/types'
import { AppFailure, isAppFailure } from './errors'
import { isOutboxEntry, reasonOf, type OutboxEntry } from './outbox-entry'
import { SealedRecords, type RecordChange, type SealedRecordsOptions } from './storage/sealed-records'

export type { OutboxEntry } from './outbox-entry'
/** Attempt history kept per item (the newest); enough to explain it, bounded for long outages. */
const MAX_ATTEMPTS = 50

export interface OutboxTransport {
  /** Is this phone already a member? Throws AppFailure (OFFLINE/TIMEOUT/VENDOR/...) when it cannot tell. */
  isMember(phoneLocal: string): Promise<boolean>
  /** POST the sign-up once; resolves with the created member's id; throws AppFailure with `status` (4xx → vendor refused, 5xx/OFFLINE/TIMEOUT → try later). */
  create(form: SignupForm): Promise<{ memberId: string }>
}

export interface OutboxOptions {
  /** The local database and what it needs to open the outbox's records. */
  storage: Omit<SealedRecordsOptions<OutboxEntry>, 'kind' | 'valid' | 'durable'>
  /** The database lasts this session only (keyring unavailable): new sign-ups are refused, not kept where they would be lost. */
  sessionOnly?: boolean
  transport: OutboxTransport
  /** Sends in flight at once; default 2. */
  concurrency?: number
  now?: () => Date
  random?: () => number
  /** Backoff base and cap, ms; defaults 1000 and 60000. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** How long finished items stay listed; default 24 h. */
  doneRetentionMs?: number
  onChange?: (s: OutboxSummary) => void
  /** Retry pending items and expire done ones on a timer; see the file's comment. */
  autoRetry?: OutboxAutoRetry
}

export interface OutboxAutoRetry {
  /** Whether sending makes sense now (e.g. not offline); default always. */
  canDrain?: () => boolean
  /** The timer never fires sooner than this after being armed; default 1000 ms. */
  minDelayMs?: number
  /** A background drain failed (a write failed); the timer is re-armed regardless. */
  onError?: (e: unknown) => void
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(max, base · 2^(attempt−1))).
 * `attempt` counts consecutive failures, from 1.
 */
export function backoffDelay(attempt: number, random: () => number, base: number, max: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const ceiling = Math.min(max, base * 2 ** exponent)
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.floor(r * ceiling)
}

/**
 * The vendor looked at the request and said no: sending it again will not help. A 4xx, or a
 * 200 carrying only the vendor's `{"message"}` (errors sent as 200): never resent blindly.
 */
function isRefusal(e: unknown): e is AppFailure {
  const s = isAppFailure(e) ? e.status : undefined
  if (s !== undefined && s < 300 && isAppFailure(e) && e.fromVendor) return true
  return s !== undefined && s >= 400 && s <= 499 && s !== 408 && s !== 429
}

/** Consecutive retry outcomes at the end of the history: drives the backoff. */
function trailingRetries(attempts: OutboxAttempt[]): number {
  let n = 0
  for (let i = attempts.length - 1; i >= 0 && attempts[i]?.outcome === 'retry'; i--) n++
  return n
}

export class Outbox {
  private readonly records: SealedRecords<OutboxEntry>
  private readonly sessionOnly: boolean
  private readonly transport: OutboxTransport
  private readonly concurrency: number
  private readonly now: () => Date
  private readonly random: () => number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly doneRetentionMs: number
  private readonly onChange: ((s: OutboxSummary) => void) | undefined
  /** Enqueue order, oldest first. */
  private items: OutboxEntry[]
  /** Items between their isMember check and their final state; discard leaves them alone. */
  private readonly inFlight = new Set<string>()
  private running: Promise<OutboxSummary> | null = null
  /** The last enqueue's sequence number: orders items queued within one millisecond. */
  private seq = 0
  private closed = false
  private readonly autoRetry: OutboxAutoRetry | null
  private wakeTimer: NodeJS.Timeout | null = null

  /**
   * Opens the outbox's records. Items that cannot be read are kept aside and a notice says how
   * many (sealed-records.ts); the rest are worked as usual.
   */
  static async open(opts: OutboxOptions): Promise<Outbox> {
    const { records, loaded } = await SealedRecords.open({ ...opts.storage, kind: 'outbox', valid: isOutboxEntry, durable: true })
    const outbox = new Outbox(opts, records, loaded.map((r) => r.value))
    await outbox.recoverAtOpen()
    return outbox
  }

  private constructor(opts: OutboxOptions, records: SealedRecords<OutboxEntry>, items: OutboxEntry[]) {
    this.records = records
    this.sessionOnly = opts.sessionOnly ?? false
    this.transport = opts.transport
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2))
    this.now = opts.now ?? (() => new Date())
    this.random = opts.random ?? Math.random
    this.baseDelayMs = opts.baseDelayMs ?? 1000
    this.maxDelayMs = opts.maxDelayMs ?? 60_000
    this.doneRetentionMs = opts.doneRetentionMs ?? 86_400_000
    this.onChange = opts.onChange
    this.autoRetry = opts.autoRetry ?? null

    // Records come back in key order; the queue is in enqueue order.
    this.items = items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.seq ?? 0) - (b.seq ?? 0))
    this.seq = Math.max(0, ...items.map((i) => i.seq ?? 0))
  }

  private async recoverAtOpen(): Promise<void> {
    const recovered = this.recoverInterrupted()
    const dropped = this.dropOldDone()
    await this.records.write([...recovered.map((i) => ({ id: i.id, value: i })), ...dropped])
    this.arm()
  }

  /**
   * Stores the sign-up durably (fsynced) before returning it. Pass `sentOnce` when the caller
   * already tried the POST itself and does not know whether it went through.
   */
  async enqueue(form: SignupForm, opts: { sentOnce?: boolean } = {}): Promise<OutboxEntry> {
    this.assertOpen()
    if (this.sessionOnly) throw new AppFailure('STORAGE_UNAVAILABLE', '')
    const at = this.stamp()
    const item: OutboxEntry = {
      id: randomUUID(),
      state: 'pending',
      form: structuredClone(form),
      createdAt: at,
      updatedAt: at,
      attempts: [],
      lastError: null,
      memberId: null,
      sentOnce: opts.sentOnce ?? false,
      nextAttemptAt: null,
      seq: ++this.seq,
    }
    this.items.push(item)
    try {
      await this.records.put(item.id, item)
    } catch (e) {
      this.items = this.items.filter((i) => i !== item)
      throw e
    }
    this.notify()
    this.arm()
    return structuredClone(item)
  }

  /** Oldest first, done items past their retention removed. Entries carry `sentOnce` and `nextAttemptAt` beside the OutboxItem fields. */
  list(): OutboxEntry[] {
    if (!this.closed) this.expireDone()
    return structuredClone(this.items)
  }

  summary(): OutboxSummary {
    const s: OutboxSummary = { pending: 0, sending: 0, failed: 0, conflict: 0, done: 0 }
    for (const item of this.items) s[item.state]++
    return s
  }

  /** A failed or conflicting sign-up, corrected: pending again, its history kept. */
  async resubmit(id: string, form: SignupForm): Promise<OutboxEntry> {
    this.assertOpen()
    const item = this.items.find((i) => i.id === id)
    if (!item) throw new AppFailure('NOT_FOUND', 'This queued sign-up no longer exists.')
    if (item.state !== 'failed' && item.state !== 'conflict') {
      throw new AppFailure('CONFLICT', `Only failed or conflicting sign-ups can be resubmitted (this one is ${item.state}).`)
    }
    await this.change(item, () => {
      // `sentOnce` is about the phone we may have registered; a new phone starts clean.
      if (normalizePhoneInput(form.phone) !== normalizePhoneInput(item.form.phone)) item.sentOnce = false
      // The renderer never had the stored password: a correction without one keeps it.
      const password = form.password ?? item.form.password
      item.form = structuredClone(form)
      if (password !== undefined) item.form.password = password
      item.state = 'pending'
      item.lastError = null
      item.nextAttemptAt = null
    })
    this.arm()
    return structuredClone(item)
  }

  /** Removes an item unless it is being sent right now. */
  async discard(id: string): Promise<boolean> {
    this.assertOpen()
    const index = this.items.findIndex((i) => i.id === id)
    const item = this.items[index]
    if (!item || item.state === 'sending' || this.inFlight.has(id)) return false
    this.items.splice(index, 1)
    try {
      await this.records.remove(id)
    } catch (e) {
      this.items.splice(Math.min(index, this.items.length), 0, item)
      throw e
    }
    this.notify()
    return true
  }

  /** Sends what is due. Overlapping calls share the drain already running. */
  drain(): Promise<OutboxSummary> {
    if (this.closed) return Promise.reject(new Error('The outbox is closed.'))
    this.running ??= this.runDrain().finally(() => {
      this.running = null
      this.arm()
    })
    return this.running
  }

  /**
   * Stops writing (and the retry timer); resolves once the writes already asked for are done.
   * Sends in flight finish on the wire but are not recorded; reopening recovers them.
   */
  async close(): Promise<void> {
    this.closed = true
    if (this.wakeTimer) clearTimeout(this.wakeTimer)
    this.wakeTimer = null
    await this.records.settled()
  }

  // -------------------------------------------------------------------------------------

  /** Removes done items past their retention (their records in the background); true when any went. */
  private expireDone(): boolean {
    const dropped = this.dropOldDone()
    if (dropped.length === 0) return false
    this.records.write(dropped).catch((e: unknown) => this.autoRetry?.onError?.(e))
    this.notify()
    return true
  }

  /**
   * (Re)arms the autoRetry timer for the next thing due; no timer when nothing is. `blocked`:
   * sending is not possible now, so pending items are looked at again after maxDelayMs.
   */
  private arm(blocked = false): void {
    if (!this.autoRetry || this.closed) return
    if (this.wakeTimer) clearTimeout(this.wakeTimer)
    this.wakeTimer = null
    // A drain in flight re-arms when it ends.
    if (this.running) return
    const now = this.now().getTime()
    let at = Infinity
    for (const i of this.items) {
      if (i.state === 'pending') {
        const due = i.nextAttemptAt === null ? now : Date.parse(i.nextAttemptAt)
        at = Math.min(at, blocked ? Math.max(due, now + this.maxDelayMs) : due)
      } else if (i.state === 'done') at = Math.min(at, Date.parse(i.updatedAt) + this.doneRetentionMs + 1)
    }
    if (!Number.isFinite(at)) return
    // setTimeout's ceiling is ~24.8 days; a far wake just re-arms.
    const delay = Math.min(2 ** 31 - 1, Math.max(this.autoRetry.minDelayMs ?? 1000, at - now))
    this.wakeTimer = setTimeout(() => this.wake(), delay)
    this.wakeTimer.unref()
  }

  private wake(): void {
    this.wakeTimer = null
    if (this.closed || this.running) return
    const onError = this.autoRetry?.onError ?? (() => undefined)
    try {
      this.expireDone()
    } catch (e) {
      onError(e)
    }
    const now = this.now().getTime()
    const due = this.items.some(
      (i) => i.state === 'pending' && (i.nextAttemptAt === null || Date.parse(i.nextAttemptAt) <= now),
    )
    if (due && (this.autoRetry?.canDrain?.() ?? true)) {
      this.drain().catch((e: unknown) => {
        onError(e)
        this.arm(true) // a write failed (disk full?): not again every minDelayMs
      })
      return
    }
    // Cannot send now: look again later rather than spinning every minDelayMs.
    this.arm(due)
  }

  private async runDrain(): Promise<OutboxSummary> {
    const tried = new Set<string>() // each item at most once per drain, so a zero backoff cannot spin
    const fatal: unknown[] = [] // a write failed: stop taking new items, then report it
    const next = (): OutboxEntry | undefined => {
      if (this.closed || fatal.length > 0) return undefined
      const now = this.now().getTime()
      const item = this.items.find(
        (i) =>
          i.state === 'pending' &&
          !tried.has(i.id) &&
          (i.nextAttemptAt === null || Date.parse(i.nextAttemptAt) <= now),
      )
      if (item) tried.add(item.id)
      return item
    }
    // Each worker takes the oldest due item, so sends start in enqueue order.
    const worker = async (): Promise<void> => {
      for (let item = next(); item; item = next()) {
        try {
          await this.send(item)
        } catch (error) {
          fatal.push(error)
        }
      }
    }
    await Promise.all(Array.from({ length: this.concurrency }, () => worker()))
    if (fatal.length > 0) throw fatal[0]
    if (!this.closed) this.expireDone()
    return this.summary()
  }

  private async send(item: OutboxEntry): Promise<void> {
    this.inFlight.add(item.id)
    try {
      let exists: boolean
      try {
        exists = await this.transport.isMember(normalizePhoneInput(item.form.phone))
      } catch (e) {
        await this.change(item, () => this.scheduleRetry(item, reasonOf(e)))
        return
      }
      if (exists) {
        await this.change(item, () => {
          if (item.sentOnce) {
            this.markDone(item, null) // the lookup does not tell us the new member's id
            this.addAttempt(item, 'created', { code: 'takenAsOurs' })
          } else {
            item.state = 'conflict'
            this.addAttempt(item, 'conflict', { code: 'CONFLICT' })
          }
          item.nextAttemptAt = null
        })
        return
      }
      // Persisted before the POST: a crash from here on is recovered as "maybe sent".
      const marked = await this.change(item, () => {
        item.state = 'sending'
      })
      if (!marked) return
      let created: { memberId: string }
      try {
        created = await this.transport.create(structuredClone(item.form))
      } catch (e) {
        await this.change(item, () => {
          if (isRefusal(e)) {
            item.state = 'failed'
            item.lastError = reasonOf(e)
            item.nextAttemptAt = null
            this.addAttempt(item, 'failed', reasonOf(e))
          } else {
            item.sentOnce = true // the request may have reached the vendor
            this.scheduleRetry(item, reasonOf(e))
          }
        })
        return
      }
      await this.change(item, () => {
        this.markDone(item, created.memberId)
        item.lastError = null
        this.addAttempt(item, 'created')
      })
    } finally {
      this.inFlight.delete(item.id)
    }
  }

  /**
   * Applies `mutate`, stamps and persists. After close() nothing is applied (returns false):
   * another Outbox may own the file by then. If the write fails the item is restored, so
   * memory never runs ahead of disk — in particular an item is never sent unless 'sending'
   * reached the disk first.
   */
  private async change(item: OutboxEntry, mutate: () => void): Promise<boolean> {
    if (this.closed) return false
    const before = structuredClone(item)
    mutate()
    item.updatedAt = this.stamp()
    try {
      await this.records.put(item.id, item)
    } catch (e) {
      for (const key of Object.keys(item)) if (!(key in before)) delete (item as unknown as Record<string, unknown>)[key]
      Object.assign(item, before)
      throw e
    }
    this.notify()
    return true
  }

  /** Sent: its password has done its job and is dropped in the same write. */
  private markDone(item: OutboxEntry, memberId: string | null): void {
    item.state = 'done'
    item.memberId = memberId
    item.nextAttemptAt = null
    delete item.form.password
  }

  private scheduleRetry(item: OutboxEntry, reason: OutboxReason): void {
    item.state = 'pending'
    this.addAttempt(item, 'retry', reason)
    const delay = backoffDelay(trailingRetries(item.attempts), this.random, this.baseDelayMs, this.maxDelayMs)
    item.nextAttemptAt = new Date(this.now().getTime() + delay).toISOString()
  }

  private addAttempt(item: OutboxEntry, outcome: OutboxAttempt['outcome'], reason?: OutboxReason): void {
    const attempt: OutboxAttempt = { at: this.stamp(), outcome }
    if (reason !== undefined) attempt.reason = reason
    item.attempts.push(attempt)
    if (item.attempts.length > MAX_ATTEMPTS) item.attempts.splice(0, item.attempts.length - MAX_ATTEMPTS)
  }

  /** Items the last run left in 'sending' may have reached the vendor. */
  private recoverInterrupted(): OutboxEntry[] {
    const recovered: OutboxEntry[] = []
    for (const item of this.items) {
      if (item.state !== 'sending') continue
      item.state = 'pending'
      item.sentOnce = true
      item.nextAttemptAt = null
      item.updatedAt = this.stamp()
      this.addAttempt(item, 'retry', { code: 'interrupted' })
      recovered.push(item)
    }
    return recovered
  }

  /** Drops done items past their retention from memory; returns their records' removals. */
  private dropOldDone(): Array<RecordChange<OutboxEntry>> {
    const cutoff = this.now().getTime() - this.doneRetentionMs
    const old = (i: OutboxEntry) => i.state === 'done' && Date.parse(i.updatedAt) < cutoff
    const dropped = this.items.filter(old).map((i) => ({ id: i.id, value: null }))
    if (dropped.length > 0) this.items = this.items.filter((i) => !old(i))
    return dropped
  }

  private notify(): void {
    if (!this.onChange) return
    try {
      this.onChange(this.summary())
    } catch {
      // A listener's failure must not undo or interrupt a recorded change.
    }
  }

  private stamp(): string {
    return this.now().toISOString()
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The outbox is closed.')
  }
}
