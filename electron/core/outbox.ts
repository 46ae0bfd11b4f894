// The sign-up outbox: sign-ups taken while the vendor was unreachable, sent when it returns.
//
// STORAGE: one sealed record per sign-up in the local database (storage/sealed-records.ts);
// a change writes that item's record alone, fsynced, before the call that made it resolves, so
// the cost of a change does not grow with the queue. It holds phones and names, hence the
// sealing. A sent item's password is dropped in the same write that marks it done, and the
// renderer only ever hears whether an item has one (outboxItemView).
//
// This file keeps the queue: its state in memory and on disk, recovery at open, and what staff
// do to it. Sending is outbox-drain.ts (no duplicates: check before create), the retry timing
// outbox-retry.ts and retry.ts, an item's record and its transitions outbox-entry.ts.
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
import { runWorkers, sendEntry, type OutboxTransport, type SendContext } from './outbox-drain'
import { addAttempt, isOutboxEntry, markInterrupted, reasonOf, withStoredSecrets, type OutboxEntry } from './outbox-entry'
import { isDue, nextWakeAt, trailingRetries, WakeTimer, type OutboxAutoRetry } from './outbox-retry'
import { retryDelay, type BackoffPolicy } from './retry'
import { SealedRecords, type RecordChange, type SealedRecordsOptions } from './storage/sealed-records'

export type { OutboxEntry } from './outbox-entry'
export type { OutboxTransport } from './outbox-drain'

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

export class Outbox {
  private readonly records: SealedRecords<OutboxEntry>
  private readonly sessionOnly: boolean
  private readonly transport: OutboxTransport
  private readonly concurrency: number
  private readonly now: () => Date
  private readonly random: () => number
  /** Full jitter: counters coming back after one outage do not all send at once. */
  private readonly backoff: BackoffPolicy
  private readonly doneRetentionMs: number
  private readonly onChange: (s: OutboxSummary) => void
  /** Enqueue order, oldest first. */
  private items: OutboxEntry[]
  /** Items between their isMember check and their final state; discard leaves them alone. */
  private readonly inFlight = new Set<string>()
  private running: Promise<OutboxSummary> | null = null
  /** The last enqueue's sequence number: orders items queued within one millisecond. */
  private seq = 0
  private closed = false
  private readonly autoRetry: OutboxAutoRetry | null
  private readonly wakeTimer: WakeTimer
  /** What sending needs of this outbox (outbox-drain.ts). */
  private readonly sendContext: SendContext

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
    // Stryker disable next-line StringLiteral: backoffDelay only tells 'none' apart; any other value is full jitter
    this.backoff = { baseMs: opts.baseDelayMs ?? 1000, maxMs: opts.maxDelayMs ?? 60_000, jitter: 'full' }
    this.doneRetentionMs = opts.doneRetentionMs ?? 86_400_000
    this.onChange = opts.onChange ?? (() => undefined)
    this.autoRetry = opts.autoRetry ?? null
    this.wakeTimer = new WakeTimer(this.autoRetry?.minDelayMs ?? 1000)
    this.sendContext = {
      transport: opts.transport,
      change: (item, mutate) => this.change(item, mutate),
      addAttempt: (item, outcome, reason) => this.addAttempt(item, outcome, reason),
      scheduleRetry: (item, e) => this.scheduleRetry(item, e),
    }

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
      item.form = withStoredSecrets(form, item.form)
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
    this.wakeTimer.clear()
    await this.records.settled()
  }

  // -------------------------------------------------------------------------------------

  /** Removes done items past their retention (their records in the background). */
  private expireDone(): void {
    const dropped = this.dropOldDone()
    if (dropped.length === 0) return
    this.records.write(dropped).catch((e: unknown) => this.autoRetry?.onError?.(e))
    this.notify()
  }

  /**
   * (Re)arms the autoRetry timer for the next thing due; no timer when nothing is. `blocked`:
   * sending is not possible now, so pending items are looked at again after maxDelayMs.
   */
  private arm(blocked = false): void {
    const autoRetry = this.autoRetry
    if (!autoRetry || this.closed) return
    this.wakeTimer.clear()
    // A drain in flight re-arms when it ends.
    if (this.running) return
    const now = this.now().getTime()
    const at = nextWakeAt(this.items, now, { blocked, maxDelayMs: this.backoff.maxMs, doneRetentionMs: this.doneRetentionMs })
    this.wakeTimer.arm(at, now, () => this.wake(autoRetry))
  }

  private wake(autoRetry: OutboxAutoRetry): void {
    if (this.closed || this.running) return
    const onError = autoRetry.onError ?? (() => undefined)
    this.expireDone() // does not throw: its write's failure is a rejection, handled there
    const now = this.now().getTime()
    const due = this.items.some((i) => isDue(i, now))
    if (due && (autoRetry.canDrain?.() ?? true)) {
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
    const next = (): OutboxEntry | undefined => {
      if (this.closed) return undefined
      const now = this.now().getTime()
      const item = this.items.find((i) => !tried.has(i.id) && isDue(i, now))
      if (item) tried.add(item.id)
      return item
    }
    await runWorkers(next, this.concurrency, (item) => this.send(item))
    if (!this.closed) this.expireDone()
    return this.summary()
  }

  /** Sends one item (outbox-drain.ts); discard leaves it alone meanwhile. */
  private async send(item: OutboxEntry): Promise<void> {
    this.inFlight.add(item.id)
    try {
      await sendEntry(item, this.sendContext)
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
      // Exactly as it was, fields the change added included.
      for (const key of Object.keys(item)) delete (item as unknown as Record<string, unknown>)[key]
      Object.assign(item, before)
      throw e
    }
    this.notify()
    return true
  }

  private scheduleRetry(item: OutboxEntry, e: unknown): void {
    item.state = 'pending'
    this.addAttempt(item, 'retry', reasonOf(e))
    const delay = retryDelay(this.backoff, trailingRetries(item.attempts), this.random, isAppFailure(e) ? e.retryAfterMs : undefined)
    item.nextAttemptAt = new Date(this.now().getTime() + delay).toISOString()
  }

  private addAttempt(item: OutboxEntry, outcome: OutboxAttempt['outcome'], reason?: OutboxReason): void {
    addAttempt(item, this.stamp(), outcome, reason)
  }

  /** Items the last run left in 'sending' may have reached the vendor. */
  private recoverInterrupted(): OutboxEntry[] {
    const recovered: OutboxEntry[] = []
    for (const item of this.items) {
      if (item.state !== 'sending') continue
      markInterrupted(item, this.stamp())
      recovered.push(item)
    }
    return recovered
  }

  /** Drops done items past their retention from memory; returns their records' removals. */
  private dropOldDone(): Array<RecordChange<OutboxEntry>> {
    const cutoff = this.now().getTime() - this.doneRetentionMs
    const old = (i: OutboxEntry) => i.state === 'done' && Date.parse(i.updatedAt) < cutoff
    const dropped = this.items.filter(old).map((i) => ({ id: i.id, value: null }))
    this.items = this.items.filter((i) => !old(i))
    return dropped
  }

  private notify(): void {
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
