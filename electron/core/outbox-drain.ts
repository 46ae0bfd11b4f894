// Sending the outbox: one item's check-then-create, and the workers that take due items in
// enqueue order. Every state change goes through the caller's `change`, which persists it before
// the next step, so a crash at any point is recovered from the records (outbox.ts).
//
// NO DUPLICATES: every send first asks the vendor whether the phone is already a member. A
// create whose outcome we never learned (timeout, dropped connection, 5xx, crash mid-send)
// sets `sentOnce`; if a later check finds the member, that was our own earlier send → 'done'.
// Without `sentOnce` an existing member is someone else's → 'conflict'.
import type { OutboxAttempt, OutboxReason } from '../shared/contract'
import { normalizePhoneInput } from '../shared/phone'
import type { SignupForm } from '../shared/types'
import { type AppFailure, isAppFailure } from './errors'
import { markDone, reasonOf, type OutboxEntry } from './outbox-entry'

export interface OutboxTransport {
  /** Is this phone already a member? Throws AppFailure (OFFLINE/TIMEOUT/VENDOR/...) when it cannot tell. */
  isMember(phoneLocal: string): Promise<boolean>
  /** POST the sign-up once; resolves with the created member's id; throws AppFailure with `status` (4xx → vendor refused, 5xx/OFFLINE/TIMEOUT → try later). */
  create(form: SignupForm): Promise<{ memberId: string }>
}

/** What sending needs from the outbox. */
export interface SendContext {
  transport: OutboxTransport
  /** Applies `mutate` to the item and persists it; false when the outbox closed meanwhile. */
  change(item: OutboxEntry, mutate: () => void): Promise<boolean>
  /** Records an attempt, stamped now. */
  addAttempt(item: OutboxEntry, outcome: OutboxAttempt['outcome'], reason?: OutboxReason): void
  /** Pending again, after a backoff (or the vendor's Retry-After, when longer), because of `e`. */
  scheduleRetry(item: OutboxEntry, e: unknown): void
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

/** One item: is the phone a member already? If not, mark it 'sending', then create it. */
export async function sendEntry(item: OutboxEntry, ctx: SendContext): Promise<void> {
  let exists: boolean
  try {
    exists = await ctx.transport.isMember(normalizePhoneInput(item.form.phone))
  } catch (e) {
    await ctx.change(item, () => ctx.scheduleRetry(item, e))
    return
  }
  if (exists) {
    await ctx.change(item, () => {
      if (item.sentOnce) {
        markDone(item, null) // the lookup does not tell us the new member's id
        ctx.addAttempt(item, 'created', { code: 'takenAsOurs' })
      } else {
        item.state = 'conflict'
        ctx.addAttempt(item, 'conflict', { code: 'CONFLICT' })
      }
      item.nextAttemptAt = null
    })
    return
  }
  // Persisted before the POST: a crash from here on is recovered as "maybe sent".
  const marked = await ctx.change(item, () => {
    item.state = 'sending'
  })
  if (!marked) return
  let created: { memberId: string }
  try {
    created = await ctx.transport.create(structuredClone(item.form))
  } catch (e) {
    await ctx.change(item, () => {
      if (isRefusal(e)) {
        item.state = 'failed'
        item.lastError = reasonOf(e)
        item.nextAttemptAt = null
        ctx.addAttempt(item, 'failed', reasonOf(e))
      } else {
        item.sentOnce = true // the request may have reached the vendor
        ctx.scheduleRetry(item, e)
      }
    })
    return
  }
  await ctx.change(item, () => {
    markDone(item, created.memberId)
    item.lastError = null
    ctx.addAttempt(item, 'created')
  })
}

/**
 * Runs `concurrency` workers, each taking the next item from `next` (the oldest due one, so
 * sends start in enqueue order) until it has none. A failed send (a write failed) stops the
 * taking of new items; the first such error is thrown once the workers are done.
 */
export async function runWorkers(
  next: () => OutboxEntry | undefined,
  concurrency: number,
  send: (item: OutboxEntry) => Promise<void>,
): Promise<void> {
  const fatal: unknown[] = []
  const take = (): OutboxEntry | undefined => (fatal.length > 0 ? undefined : next())
  const worker = async (): Promise<void> => {
    for (let item = take(); item; item = take()) {
      try {
        await send(item)
      } catch (error) {
        fatal.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()))
  if (fatal.length > 0) throw fatal[0]
}
