// A queued sign-up as the outbox keeps it (one sealed record each), what the renderer is shown
// of it, and the reading of the old whole-file format (`outbox.dat`) for the one-time migration.
import type { OutboxAttempt, OutboxItem, OutboxItemState, OutboxReason } from '../shared/contract'
import { SIGNUP_FIELDS } from '../shared/signup-form'
import type { SignupForm } from '../shared/types'
import { isAppFailure } from './errors'

/** Attempt history kept per item (the newest); enough to explain it, bounded for long outages. */
const MAX_ATTEMPTS = 50

/**
 * The form's write-only fields (its password inputs, as the schema declares them): kept in main
 * until the sign-up is sent, never shown to the renderer again.
 */
const SECRET_KEYS = SIGNUP_FIELDS.filter((f) => f.input === 'password').map((f) => f.key as keyof SignupForm)

/** Removes the write-only fields from `form`; true when any of them had a value. */
function dropSecrets(form: SignupForm): boolean {
  let had = false
  for (const key of SECRET_KEYS) {
    const value = form[key]
    if (typeof value === 'string' && value !== '') had = true
    delete form[key]
  }
  return had
}

/** A correction from the renderer (which never had the stored secrets): it keeps those it does not replace. */
export function withStoredSecrets(correction: SignupForm, stored: SignupForm): SignupForm {
  const form = structuredClone(correction)
  for (const key of SECRET_KEYS) if (form[key] === undefined && stored[key] !== undefined) Object.assign(form, { [key]: stored[key] })
  return form
}

const OUTBOX_STATES: readonly OutboxItemState[] = ['pending', 'sending', 'failed', 'conflict', 'done']

/** A queued sign-up with its password (never shown) and the engine's bookkeeping. */
export interface OutboxEntry extends Omit<OutboxItem, 'form' | 'passwordSet'> {
  form: SignupForm
  /** A create went out whose outcome we never learned. */
  sentOnce: boolean
  /** Not retried before this time; null means as soon as possible. */
  nextAttemptAt: string | null
  /** Enqueue order (records come back in key order); absent in items from the old file. */
  seq?: number
}

export function isOutboxEntry(x: unknown): x is OutboxEntry {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  const form = o.form as Record<string, unknown> | null | undefined
  return (
    typeof o.id === 'string' &&
    OUTBOX_STATES.includes(o.state as OutboxItemState) &&
    typeof form === 'object' && form !== null && typeof form.phone === 'string' &&
    Array.isArray(o.attempts) &&
    typeof o.sentOnce === 'boolean'
  )
}

/**
 * What the renderer gets: the form without its password, and whether there is one (the
 * engine's `sentOnce` and `nextAttemptAt` ride along, as they always have, for diagnostics).
 */
export function outboxItemView(entry: OutboxEntry): OutboxItem {
  const { form, seq: _seq, ...rest } = structuredClone(entry)
  const passwordSet = dropSecrets(form)
  return { ...rest, form, passwordSet }
}

/** An error as a stored reason: its code, and the vendor's own words when they were given. */
export function reasonOf(e: unknown): OutboxReason {
  if (!isAppFailure(e)) return { code: 'INTERNAL' }
  const reason: OutboxReason = { code: e.code }
  if (e.fromVendor && e.message) reason.vendorMessage = e.message
  if (e.status !== undefined) reason.status = e.status
  return reason
}

/** Appends an attempt, keeping the newest MAX_ATTEMPTS. */
export function addAttempt(item: OutboxEntry, at: string, outcome: OutboxAttempt['outcome'], reason?: OutboxReason): void {
  const attempt: OutboxAttempt = { at, outcome }
  if (reason !== undefined) attempt.reason = reason
  item.attempts.push(attempt)
  item.attempts = item.attempts.slice(-MAX_ATTEMPTS)
}

/** Sent: its password has done its job and is dropped in the same write. */
export function markDone(item: OutboxEntry, memberId: string | null): void {
  item.state = 'done'
  item.memberId = memberId
  item.nextAttemptAt = null
  dropSecrets(item.form)
}

/** Left in 'sending' by the last run: it may have reached the vendor, so pending and `sentOnce`. */
export function markInterrupted(item: OutboxEntry, at: string): void {
  item.state = 'pending'
  item.sentOnce = true
  item.nextAttemptAt = null
  item.updatedAt = at
  addAttempt(item, at, 'retry', { code: 'interrupted' })
}

// ---------------------------------------------------------------------------------------
// The old format: `{ v: 1, items }` in one sealed file, with English sentences for reasons.

/** An old attempt's sentence, read back as the code it stood for. */
function legacyReason(outcome: OutboxAttempt['outcome'], message: unknown): OutboxReason | undefined {
  if (typeof message !== 'string' || message === '') return undefined
  if (/^Interrupted while sending/.test(message)) return { code: 'interrupted' }
  if (/earlier send whose outcome was unknown/.test(message)) return { code: 'takenAsOurs' }
  if (outcome === 'conflict') return { code: 'CONFLICT' }
  if (outcome === 'failed') return { code: 'VENDOR', vendorMessage: message }
  return { code: 'OFFLINE' }
}

/** The items of an old `outbox.dat`, in the current shape; null when it is not one. */
export function entriesFromLegacyFile(stored: unknown): OutboxEntry[] | null {
  const file = stored as { v?: unknown; items?: unknown } | null
  if (file?.v !== 1 || !Array.isArray(file.items) || !file.items.every(isOutboxEntry)) return null
  return file.items.map((raw) => {
    const item = raw as Omit<OutboxEntry, 'lastError' | 'attempts'> & { lastError: unknown; attempts: Array<OutboxAttempt & { message?: unknown }> }
    const attempts = item.attempts.map(({ message, ...a }): OutboxAttempt => {
      const reason = a.reason ?? legacyReason(a.outcome, message)
      return reason ? { ...a, reason } : a
    })
    let lastError: OutboxReason | null = null
    if (typeof item.lastError === 'string') lastError = { code: 'VENDOR', vendorMessage: item.lastError }
    else if (item.lastError && typeof item.lastError === 'object') lastError = item.lastError as OutboxReason
    const entry: OutboxEntry = { ...item, attempts, lastError }
    if (entry.state === 'done') dropSecrets(entry.form)
    return entry
  })
}
