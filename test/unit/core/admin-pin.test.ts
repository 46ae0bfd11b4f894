import { describe, expect, it } from 'vitest'
import {
  AdminPin,
  DEFAULT_SCRYPT,
  hashPin,
  LOCKOUT_MS,
  pinMatches,
  SESSION_IDLE_MS,
  type AdminPinEvent,
  type AdminPinStore,
  type LockoutRecord,
  type PinRecord,
} from '../../../electron/core/admin-pin'
import { AppFailure } from '../../../electron/core/errors'

// Cheap parameters keep the tests fast; the real ones are measured once below.
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLen: 32 }

function memoryStore() {
  const state: { pin: PinRecord | null; lockout: LockoutRecord } = { pin: null, lockout: { failures: 0, lockedUntil: null } }
  const store: AdminPinStore = {
    loadPin: () => state.pin,
    savePin: (r) => void (state.pin = r),
    loadLockout: () => ({ ...state.lockout }),
    saveLockout: (r) => void (state.lockout = { ...r }),
  }
  return { state, store }
}

function setUp(store = memoryStore()) {
  let now = Date.parse('2025-06-01T10:00:00Z')
  const events: AdminPinEvent[] = []
  const make = () => new AdminPin({ store: store.store, now: () => now, params: FAST, onEvent: (e) => events.push(e) })
  return { pin: make(), make, store, events, advance: (ms: number) => (now += ms) }
}

async function failureOf(p: Promise<unknown>): Promise<AppFailure> {
  try {
    await p
  } catch (e) {
    if (e instanceof AppFailure) return e
    throw e
  }
  throw new Error('expected a failure')
}

describe('PIN hashing', () => {
  it('stores a salted scrypt hash and its parameters, never the PIN', async () => {
    const a = await hashPin('2468', FAST)
    const b = await hashPin('2468', FAST)
    expect(a).toMatchObject({ kdf: 'scrypt', N: 1024, r: 8, p: 1, keyLen: 32 })
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
    expect(JSON.stringify(a)).not.toContain('2468')
    expect(await pinMatches('2468', a)).toBe(true)
    expect(await pinMatches('2469', a)).toBe(false)
  })

  it('uses scrypt N=2^15, r=8, p=1 by default, slow enough to matter (about 50–150 ms here)', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1, keyLen: 32 })
    const record = await hashPin('2468')
    const started = performance.now()
    expect(await pinMatches('2468', record)).toBe(true)
    const ms = performance.now() - started
    // Loose bounds: a busy CI machine is slower, never faster than the floor.
    expect(ms).toBeGreaterThan(20)
    expect(ms).toBeLessThan(2000)
  })
})

describe('administrator PIN', () => {
  it('is open on first run until a PIN is set', async () => {
    const { pin } = setUp()
    expect(pin.status()).toEqual({ pinSet: false, unlocked: false, lockedUntil: null })
    expect(() => pin.requireAdmin()).not.toThrow()
    const status = await pin.setPin('2468')
    // Whoever set it is the administrator for this session.
    expect(status).toEqual({ pinSet: true, unlocked: true, lockedUntil: null })
  })

  it('the right PIN unlocks; lock() and 10 idle minutes end the session', async () => {
    const { pin, advance } = setUp()
    await pin.setPin('2468')
    pin.lock()
    expect(() => pin.requireAdmin()).toThrow(expect.objectContaining({ code: 'LOCKED' }))
    expect(await pin.unlock('2468')).toMatchObject({ unlocked: true })
    advance(SESSION_IDLE_MS - 1000)
    pin.requireAdmin() // use keeps it alive
    advance(SESSION_IDLE_MS - 1000)
    expect(pin.status().unlocked).toBe(true)
    advance(1000)
    expect(pin.status().unlocked).toBe(false)
    expect(() => pin.requireAdmin()).toThrow(expect.objectContaining({ code: 'LOCKED' }))
  })

  it('a wrong PIN is UNAUTHORIZED and counted', async () => {
    const { pin, store, events } = setUp()
    await pin.setPin('2468')
    pin.lock()
    const f = await failureOf(pin.unlock('1357'))
    expect(f.code).toBe('UNAUTHORIZED')
    expect(f.fields).toEqual({ pin: 'admin.wrongPin' })
    expect(store.state.lockout.failures).toBe(1)
    expect(pin.status().unlocked).toBe(false)
    expect(events).toContainEqual({ type: 'pinFailed', failures: 1 })
    // The right one resets the count.
    await pin.unlock('2468')
    expect(store.state.lockout.failures).toBe(0)
  })

  it('locks out for 5 minutes after 5 wrong PINs, even for the right one, and across a restart', async () => {
    const { pin, make, advance, events } = setUp()
    await pin.setPin('2468')
    pin.lock()
    for (let i = 1; i <= 4; i++) expect((await failureOf(pin.unlock('0000'))).code).toBe('UNAUTHORIZED')
    const fifth = await failureOf(pin.unlock('0000'))
    expect(fifth.code).toBe('LOCKED')
    expect(fifth.fields).toEqual({ pin: 'admin.lockedOut' })
    expect(events.filter((e) => e.type === 'lockedOut')).toHaveLength(1)
    expect(pin.status().lockedUntil).toBe('2025-06-01T10:05:00.000Z')
    expect((await failureOf(pin.unlock('2468'))).code).toBe('LOCKED')

    const restarted = make()
    expect((await failureOf(restarted.unlock('2468'))).code).toBe('LOCKED')
    advance(LOCKOUT_MS)
    expect(restarted.status().lockedUntil).toBeNull()
    expect(await restarted.unlock('2468')).toMatchObject({ unlocked: true, lockedUntil: null })
  })

  it('doubles each lock-out in a row (5, 10, 20 min), across restarts, until a right PIN', async () => {
    const { pin, make, advance, store } = setUp()
    await pin.setPin('246810')
    pin.lock()
    /** Five wrong PINs; how long the lock-out they cause lasts. */
    const lockFor = async (p: AdminPin) => {
      for (let i = 0; i < 5; i++) await failureOf(p.unlock('000000'))
      return Date.parse(p.status().lockedUntil ?? '') - advance(0)
    }
    expect(await lockFor(pin)).toBe(LOCKOUT_MS)
    advance(LOCKOUT_MS)
    let p = make() // a restart between lock-outs does not reset the doubling
    expect(await lockFor(p)).toBe(2 * LOCKOUT_MS)
    advance(2 * LOCKOUT_MS)
    p = make()
    expect(await lockFor(p)).toBe(4 * LOCKOUT_MS)
    expect(store.state.lockout.lockouts).toBe(3)
    // Once it has run out, the right PIN resets the doubling.
    advance(4 * LOCKOUT_MS)
    expect(await p.unlock('246810')).toMatchObject({ unlocked: true })
    p.lock()
    expect(await lockFor(p)).toBe(LOCKOUT_MS)
  })

  it('a 4-digit PIN set before the 6-digit rule keeps unlocking', async () => {
    const { pin, store } = setUp()
    store.state.pin = await hashPin('2468', FAST)
    expect(await pin.unlock('2468')).toMatchObject({ unlocked: true })
  })

  it('counts parallel guesses one by one', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    pin.lock()
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => pin.unlock('0000')))
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as AppFailure).code : 'ok'))
    expect(codes).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'LOCKED', 'LOCKED', 'LOCKED', 'LOCKED'])
    // The first lockout: five minutes from the (fixed) clock, once, however many guesses raced.
    expect(store.state.lockout.lockedUntil).toBe('2025-06-01T10:05:00.000Z')
  })

  it('changing the PIN needs the current PIN or an open session', async () => {
    const { pin, events } = setUp()
    await pin.setPin('2468')
    pin.lock()
    const refused = await failureOf(pin.setPin('1111'))
    expect(refused.code).toBe('LOCKED')
    expect(refused.fields).toEqual({ pin: 'admin.pinRequired' })
    expect((await failureOf(pin.setPin('1111', '9999'))).code).toBe('UNAUTHORIZED')
    await pin.setPin('1111', '2468')
    pin.lock()
    await pin.unlock('1111')
    await pin.setPin('22223333') // in a session
    pin.lock()
    expect(await pin.unlock('22223333')).toMatchObject({ unlocked: true })
    expect(events.filter((e) => e.type === 'pinSet')).toEqual([
      { type: 'pinSet', changed: false },
      { type: 'pinSet', changed: true },
      { type: 'pinSet', changed: true },
    ])
  })
})
