// A queued sign-up's record (electron/core/outbox-entry.ts): which stored values count as one,
// what the renderer is shown, how reasons and attempts are kept, and the old file's reading.
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import {
  addAttempt,
  entriesFromLegacyFile,
  isOutboxEntry,
  markDone,
  markInterrupted,
  outboxItemView,
  reasonOf,
  withStoredSecrets,
  type OutboxEntry,
} from '../../../electron/core/outbox-entry'
import { ENTRY_AT, queuedEntry } from './entry-fixture'

const AT = ENTRY_AT
const entry = (over: Partial<OutboxEntry> = {}): OutboxEntry => queuedEntry({ seq: 1, ...over })

describe('isOutboxEntry: which stored values are taken as a queued sign-up', () => {
  it('takes an item in each of the five states', () => {
    for (const state of ['pending', 'sending', 'failed', 'conflict', 'done'] as const) {
      expect(isOutboxEntry(entry({ state })), state).toBe(true)
    }
  })

  it('refuses anything that is not such an item', () => {
    const { form: _form, ...noForm } = entry()
    const bad: Array<[string, unknown]> = [
      ['null', null],
      ['undefined', undefined],
      ['a string', 'item-1'],
      ['a number', 7],
      ['an unknown state', entry({ state: 'sent' as never })],
      ['a numeric id', { ...entry(), id: 1 }],
      ['no form', noForm],
      ['a null form', { ...entry(), form: null }],
      ['a form without a phone', { ...entry(), form: { name: '林志明' } }],
      ['a numeric phone', { ...entry(), form: { phone: 912345678 } }],
      ['attempts that are not a list', { ...entry(), attempts: { length: 0 } }],
      ['no sentOnce', { ...entry(), sentOnce: undefined }],
      ['a sentOnce that is a string', { ...entry(), sentOnce: 'false' }],
    ]
    for (const [what, value] of bad) expect(isOutboxEntry(value), what).toBe(false)
  })
})

describe('outboxItemView: what the renderer is shown', () => {
  it('never the password, only whether a non-empty one is set, and not the enqueue sequence', () => {
    const withPassword = outboxItemView(entry({ form: { phone: '0912345678', password: 'pw-123456' } }))
    expect(withPassword.passwordSet).toBe(true)
    expect(withPassword.form).toStrictEqual({ phone: '0912345678' })
    expect(withPassword).not.toHaveProperty('seq')

    const empty = outboxItemView(entry({ form: { phone: '0912345678', password: '' } }))
    expect(empty.passwordSet).toBe(false) // an empty field is no password
    expect(empty.form).toStrictEqual({ phone: '0912345678' })

    expect(outboxItemView(entry()).passwordSet).toBe(false)
  })

  it('leaves the stored entry as it was', () => {
    const stored = entry({ form: { phone: '0912345678', password: 'pw-123456' } })
    outboxItemView(stored)
    expect(stored.form.password).toBe('pw-123456')
  })
})

describe('withStoredSecrets: a correction from the renderer', () => {
  it('keeps the stored password when the correction has none', () => {
    expect(withStoredSecrets({ phone: '0912345678' }, { phone: '0900000000', password: 'pw-old-1' })).toStrictEqual({
      phone: '0912345678',
      password: 'pw-old-1',
    })
  })

  it('takes a new password typed with the correction', () => {
    expect(withStoredSecrets({ phone: '0912345678', password: 'pw-new-2' }, { phone: '0912345678', password: 'pw-old-1' })).toStrictEqual({
      phone: '0912345678',
      password: 'pw-new-2',
    })
  })

  it('adds nothing when there was no password', () => {
    expect(withStoredSecrets({ phone: '0912345678', name: '林志明' }, { phone: '0912345678' })).toStrictEqual({ phone: '0912345678', name: '林志明' })
  })
})

describe('reasonOf: an error as a stored reason', () => {
  it('keeps the code, the vendor’s own words and the status', () => {
    expect(reasonOf(new AppFailure('VENDOR', '手機號碼格式錯誤', { status: 422, fromVendor: true }))).toStrictEqual({
      code: 'VENDOR',
      vendorMessage: '手機號碼格式錯誤',
      status: 422,
    })
  })

  it('keeps no words that are not the vendor’s, and no empty ones', () => {
    expect(reasonOf(new AppFailure('TIMEOUT', 'timed out after 8000 ms'))).toStrictEqual({ code: 'TIMEOUT' })
    expect(reasonOf(new AppFailure('VENDOR', '', { status: 400, fromVendor: true }))).toStrictEqual({ code: 'VENDOR', status: 400 })
  })

  it('calls anything unexpected INTERNAL, without its message', () => {
    expect(reasonOf(new TypeError('x is undefined'))).toStrictEqual({ code: 'INTERNAL' })
    expect(reasonOf('a string')).toStrictEqual({ code: 'INTERNAL' })
  })
})

describe('addAttempt', () => {
  it('keeps the newest 50 attempts of a long outage', () => {
    const item = entry()
    for (let k = 0; k < 60; k++) addAttempt(item, new Date(Date.parse(AT) + k * 1000).toISOString(), 'retry', { code: 'OFFLINE' })
    expect(item.attempts).toHaveLength(50)
    expect(item.attempts[0]!.at).toBe(new Date(Date.parse(AT) + 10_000).toISOString())
    expect(item.attempts.at(-1)!.at).toBe(new Date(Date.parse(AT) + 59_000).toISOString())
  })

  it('keeps 50 when it reaches 50', () => {
    const item = entry()
    for (let k = 0; k < 50; k++) addAttempt(item, AT, 'retry')
    expect(item.attempts).toHaveLength(50)
  })

  it('records no reason when none was given', () => {
    const item = entry()
    addAttempt(item, AT, 'created')
    expect(item.attempts).toStrictEqual([{ at: AT, outcome: 'created' }])
  })
})

describe('an entry’s transitions', () => {
  it('markDone: done with the member id, no next attempt, the password dropped', () => {
    const item = entry({ form: { phone: '0912345678', password: 'pw-123456' }, nextAttemptAt: AT })
    markDone(item, 'm-1')
    expect(item).toMatchObject({ state: 'done', memberId: 'm-1', nextAttemptAt: null })
    expect(item.form).toStrictEqual({ phone: '0912345678' })
  })

  it('markInterrupted: pending, maybe sent, to be checked at once, with a retry attempt saying why', () => {
    const item = entry({ state: 'sending', nextAttemptAt: '2099-01-01T00:00:00.000Z' })
    markInterrupted(item, '2026-01-02T00:00:00.000Z')
    expect(item).toMatchObject({ state: 'pending', sentOnce: true, nextAttemptAt: null, updatedAt: '2026-01-02T00:00:00.000Z' })
    expect(item.attempts).toStrictEqual([{ at: '2026-01-02T00:00:00.000Z', outcome: 'retry', reason: { code: 'interrupted' } }])
  })
})

/** The one item of an old file. */
const firstOf = (stored: unknown): OutboxEntry => {
  const items = entriesFromLegacyFile(stored)
  if (items?.length !== 1) throw new Error(`expected one item, got ${JSON.stringify(items)}`)
  return items[0]!
}

describe('entriesFromLegacyFile: the old outbox.dat', () => {
  const old = (attempts: unknown[], over: Record<string, unknown> = {}) => ({
    v: 1,
    items: [{ ...entry(), seq: undefined, attempts, ...over }],
  })

  it('reads the old sentences back as codes', () => {
    const item = firstOf(
      old([
        { at: AT, outcome: 'retry', message: 'Interrupted while sending (the app closed); checking before sending again.' },
        { at: AT, outcome: 'created', message: 'A member with this phone exists: taken as the earlier send whose outcome was unknown.' },
        { at: AT, outcome: 'conflict', message: 'This phone is already a member.' },
        { at: AT, outcome: 'failed', message: '手機號碼格式錯誤' },
        { at: AT, outcome: 'retry', message: 'The vendor could not be reached.' },
        { at: AT, outcome: 'created' },
        { at: AT, outcome: 'created', message: '' },
        { at: AT, outcome: 'retry', message: 42 },
      ]),
    )
    expect(item.attempts).toStrictEqual([
      { at: AT, outcome: 'retry', reason: { code: 'interrupted' } },
      { at: AT, outcome: 'created', reason: { code: 'takenAsOurs' } },
      { at: AT, outcome: 'conflict', reason: { code: 'CONFLICT' } },
      { at: AT, outcome: 'failed', reason: { code: 'VENDOR', vendorMessage: '手機號碼格式錯誤' } },
      { at: AT, outcome: 'retry', reason: { code: 'OFFLINE' } },
      { at: AT, outcome: 'created' },
      { at: AT, outcome: 'created' },
      { at: AT, outcome: 'retry' },
    ])
  })

  it('keeps a vendor’s words that merely contain one of the old sentences as the vendor’s words', () => {
    const words = '系統忙碌 Interrupted while sending'
    const item = firstOf(old([{ at: AT, outcome: 'failed', message: words }]))
    expect(item.attempts[0]!.reason).toStrictEqual({ code: 'VENDOR', vendorMessage: words })
  })

  it('keeps a reason already stored as a code', () => {
    const item = firstOf(old([{ at: AT, outcome: 'failed', reason: { code: 'VENDOR', status: 400 }, message: 'ignored' }]))
    expect(item.attempts).toStrictEqual([{ at: AT, outcome: 'failed', reason: { code: 'VENDOR', status: 400 } }])
  })

  it('reads the last error as the vendor’s words, a stored reason as it is, anything else as none', () => {
    expect(entriesFromLegacyFile(old([], { lastError: 'Email 格式錯誤' }))![0]!.lastError).toStrictEqual({ code: 'VENDOR', vendorMessage: 'Email 格式錯誤' })
    expect(entriesFromLegacyFile(old([], { lastError: { code: 'CONFLICT' } }))![0]!.lastError).toStrictEqual({ code: 'CONFLICT' })
    expect(entriesFromLegacyFile(old([], { lastError: null }))![0]!.lastError).toBeNull()
    expect(entriesFromLegacyFile(old([], { lastError: 3 }))![0]!.lastError).toBeNull()
  })

  it('drops the password of an item already sent, and keeps that of one still waiting', () => {
    const form = () => ({ phone: '0912345678', password: 'pw-123456' })
    expect(firstOf(old([], { state: 'done', form: form() })).form).toStrictEqual({ phone: '0912345678' })
    expect(firstOf(old([], { state: 'failed', form: form() })).form).toStrictEqual(form())
  })

  it('is null for anything that is not an old outbox file', () => {
    for (const stored of [null, {}, { v: 2, items: [] }, { v: 1 }, { v: 1, items: {} }, { v: 1, items: [{ id: 'x' }] }]) {
      expect(entriesFromLegacyFile(stored), JSON.stringify(stored)).toBeNull()
    }
    expect(entriesFromLegacyFile({ v: 1, items: [] })).toEqual([])
  })
})
