// One queued sign-up as the outbox stores it, for the tests of its parts (entry, drain, retry).
import type { OutboxEntry } from '../../../electron/core/outbox-entry'

export const ENTRY_AT = '2026-01-01T00:00:00.000Z'

/** A pending sign-up never tried yet; `over` sets what a test is about. */
export const queuedEntry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: 'item-1',
  state: 'pending',
  form: { phone: '0912345678', name: '林志明' },
  createdAt: ENTRY_AT,
  updatedAt: ENTRY_AT,
  attempts: [],
  lastError: null,
  memberId: null,
  sentOnce: false,
  nextAttemptAt: null,
  ...over,
})
