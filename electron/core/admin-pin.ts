import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { AdminStatus } from '../shared/contract'
import { AppFailure } from './errors'

// The administrator PIN that guards the settings. Only a scrypt hash is stored (with its
// salt and parameters); wrong PINs are counted across restarts and five in a row lock
// every attempt out: five minutes the first time, then twice as long each time again
// (10, 20, 40 … minutes) until a right PIN, so a guesser gets a few dozen tries a day, not
// 1,440. A correct PIN opens a session that ends after ten idle minutes or on lock().
// Attempts run one at a time, so parallel guesses cannot slip past the counter.

export interface ScryptParams {
  N: number
  r: number
  p: number
  keyLen: number
}

/** ~75 ms per check on the development machine (2 cores, Node 20): slow for a guesser, unnoticed at the counter. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLen: 32 }
const MAX_FAILURES = 5
/** The first lock-out; each further one in a row doubles it (capped at 2^10 times). */
export const LOCKOUT_MS = 5 * 60_000
const MAX_DOUBLINGS = 10
export const SESSION_IDLE_MS = 10 * 60_000

export interface PinRecord extends ScryptParams {
  kdf: 'scrypt'
  /** base64 */
  salt: string
  /** base64 */
  hash: string
}

export interface LockoutRecord {
  /** Wrong PINs in a row since the last right one or the last lock-out. */
  failures: number
  /** ISO time until which no attempt is accepted. */
  lockedUntil: string | null
  /** Lock-outs in a row since the last right PIN (absent in records from before it was kept). */
  lockouts?: number
}

export interface AdminPinStore {
  loadPin(): PinRecord | null
  savePin(record: PinRecord): void
  loadLockout(): LockoutRecord
  saveLockout(record: LockoutRecord): void
}

export type AdminPinEvent =
  | { type: 'pinSet'; changed: boolean }
  | { type: 'pinFailed'; failures: number }
  | { type: 'lockedOut'; until: string }

export interface AdminPinOptions {
  store: AdminPinStore
  now?: () => number
  params?: ScryptParams
  /** Message key → text in the staff's language. */
  localise?: (key: string) => string
  onEvent?: (event: AdminPinEvent) => void
}

function deriveKey(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, params.keyLen, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** A hash record for `pin` with a fresh random salt. */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<PinRecord> {
  const salt = randomBytes(16)
  const hash = await deriveKey(pin, salt, params)
  return { kdf: 'scrypt', ...params, salt: salt.toString('base64'), hash: hash.toString('base64') }
}

/** Recomputes with the record's own parameters and compares in constant time. */
export async function pinMatches(pin: string, record: PinRecord): Promise<boolean> {
  const expected = Buffer.from(record.hash, 'base64')
  const actual = await deriveKey(pin, Buffer.from(record.salt, 'base64'), record)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export class AdminPin {
  private readonly store: AdminPinStore
  private readonly now: () => number
  private readonly params: ScryptParams
  private readonly localise: (key: string) => string
  private readonly onEvent: (event: AdminPinEvent) => void
  /** When the open session was last used; null when locked. */
  private lastActivity: number | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(opts: AdminPinOptions) {
    this.store = opts.store
    this.now = opts.now ?? Date.now
    this.params = opts.params ?? DEFAULT_SCRYPT
    this.localise = opts.localise ?? ((key) => key)
    this.onEvent = opts.onEvent ?? (() => {})
  }

  status(): AdminStatus {
    const lockedUntil = this.activeLockout()
    return {
      pinSet: this.store.loadPin() !== null,
      unlocked: this.sessionOpen(),
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    }
  }

  /** Admin-only operations call this first: open until a PIN is set, then only in a session. */
  requireAdmin(): void {
    if (this.store.loadPin() === null) return
    if (!this.sessionOpen()) throw new AppFailure('LOCKED', '')
    this.lastActivity = this.now()
  }

  unlock(pin: string): Promise<AdminStatus> {
    return this.serialised(async () => {
      const record = this.store.loadPin()
      // Nothing to unlock on first run; say so the same way as a wrong PIN would not.
      if (record === null) return this.status()
      await this.verify(pin, record)
      this.lastActivity = this.now()
      return this.status()
    })
  }

  setPin(pin: string, currentPin?: string): Promise<AdminStatus> {
    return this.serialised(async () => {
      const record = this.store.loadPin()
      if (record !== null) {
        if (currentPin !== undefined) await this.verify(currentPin, record)
        else if (!this.sessionOpen()) throw this.failure('LOCKED', 'admin.pinRequired')
      }
      this.store.savePin(await hashPin(pin, this.params))
      this.lastActivity = this.now()
      this.onEvent({ type: 'pinSet', changed: record !== null })
      return this.status()
    })
  }

  lock(): AdminStatus {
    this.lastActivity = null
    return this.status()
  }

  private sessionOpen(): boolean {
    // Stryker disable next-line ConditionalExpression: without this early return a null lastActivity stays null and the last line answers false all the same
    if (this.lastActivity === null) return false
    if (this.now() - this.lastActivity >= SESSION_IDLE_MS) this.lastActivity = null
    return this.lastActivity !== null
  }

  /** The lock-out's end (ms) while it lasts, else null. */
  private activeLockout(): number | null {
    const until = this.store.loadLockout().lockedUntil
    // Stryker disable next-line ConditionalExpression: without it Date.parse(null) is NaN, which the finiteness check below turns into null all the same
    if (until === null) return null
    const ms = Date.parse(until)
    return Number.isFinite(ms) && ms > this.now() ? ms : null
  }

  /** Throws LOCKED during a lock-out and UNAUTHORIZED for a wrong PIN; counts failures persistently. */
  private async verify(pin: string, record: PinRecord): Promise<void> {
    if (this.activeLockout() !== null) throw this.failure('LOCKED', 'admin.lockedOut')
    const lockout = this.store.loadLockout()
    // A lock-out that has run out starts a fresh count, but is remembered for the next one's length.
    const failuresBefore = lockout.lockedUntil === null ? lockout.failures : 0
    const lockouts = lockout.lockouts ?? 0
    if (await pinMatches(pin, record)) {
      if (failuresBefore !== 0 || lockout.lockedUntil !== null || lockouts !== 0) this.store.saveLockout({ failures: 0, lockedUntil: null, lockouts: 0 })
      return
    }
    const failures = failuresBefore + 1
    this.onEvent({ type: 'pinFailed', failures })
    if (failures >= MAX_FAILURES) {
      const until = new Date(this.now() + LOCKOUT_MS * 2 ** Math.min(lockouts, MAX_DOUBLINGS)).toISOString()
      this.store.saveLockout({ failures: 0, lockedUntil: until, lockouts: lockouts + 1 })
      this.lastActivity = null
      this.onEvent({ type: 'lockedOut', until })
      throw this.failure('LOCKED', 'admin.lockedOut')
    }
    this.store.saveLockout({ failures, lockedUntil: null, lockouts })
    const left = MAX_FAILURES - failures
    throw this.failure('UNAUTHORIZED', left === 1 ? 'admin.wrongPinLast' : 'admin.wrongPin', { n: left })
  }

  /** The message says it in the staff's words, with its numbers (tries left); the field names its key. */
  private failure(code: 'LOCKED' | 'UNAUTHORIZED', key: string, params: Record<string, number> = {}): AppFailure {
    // Stryker disable next-line Regex: the only value ever filled in is the one-letter {n}; a longer placeholder has no value and stays as written either way
    const message = this.localise(key).replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m))
    return new AppFailure(code, message, { fields: { pin: key } })
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
