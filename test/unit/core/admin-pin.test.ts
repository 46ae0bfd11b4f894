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
import { sharedMessage } from '../../../electron/shared/messages'

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

  it('a record cut short or damaged never matches, and says so without throwing', async () => {
    const record = await hashPin('2468', FAST)
    const short = { ...record, hash: Buffer.from(record.hash, 'base64').subarray(0, 16).toString('base64') }
    expect(await pinMatches('2468', short)).toBe(false)
    const otherSalt = { ...record, salt: Buffer.alloc(16).toString('base64') }
    expect(await pinMatches('2468', otherSalt)).toBe(false)
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

describe('administrator PIN: messages, stored records and defaults', () => {
  it("says in the staff's words how many tries are left, then that the next wrong PIN locks", async () => {
    const { store } = setUp()
    const pin = new AdminPin({ store: store.store, params: FAST, localise: (key) => sharedMessage('zh-TW', key) })
    await pin.setPin('2468')
    pin.lock()
    const messages: string[] = []
    for (let i = 0; i < 5; i++) messages.push((await failureOf(pin.unlock('0000'))).message)
    expect(messages).toEqual([
      '管理員 PIN 碼不正確，還可以再試 4 次。',
      '管理員 PIN 碼不正確，還可以再試 3 次。',
      '管理員 PIN 碼不正確，還可以再試 2 次。',
      '管理員 PIN 碼不正確，再錯 1 次就會暫時鎖定。',
      'PIN 碼錯誤次數過多，請稍後再試。',
    ])
    const last = await failureOf(pin.unlock('0000'))
    expect(last.message).toBe('PIN 碼錯誤次數過多，請稍後再試。')
    expect(last.fields).toEqual({ pin: 'admin.lockedOut' })
  })

  it('the fourth wrong PIN in a row names the last-try message', async () => {
    const { pin } = setUp()
    await pin.setPin('2468')
    pin.lock()
    const fields = []
    for (let i = 0; i < 4; i++) fields.push((await failureOf(pin.unlock('0000'))).fields)
    expect(fields).toEqual([{ pin: 'admin.wrongPin' }, { pin: 'admin.wrongPin' }, { pin: 'admin.wrongPin' }, { pin: 'admin.wrongPinLast' }])
  })

  it('without a translator the message is the key; a placeholder without a value stays as written', async () => {
    const { store } = setUp()
    const pin = new AdminPin({ store: store.store, params: FAST, localise: (key) => `${key}: {n} left, {until}` })
    await pin.setPin('2468')
    pin.lock()
    expect((await failureOf(pin.unlock('0000'))).message).toBe('admin.wrongPin: 4 left, {until}')
    const bare = new AdminPin({ store: store.store, params: FAST })
    expect((await failureOf(bare.unlock('0000'))).message).toBe('admin.wrongPin')
    expect((await failureOf(bare.setPin('135790'))).message).toBe('admin.pinRequired')
  })

  it('works without an event listener or a clock of its own', async () => {
    const store = memoryStore()
    const pin = new AdminPin({ store: store.store, params: FAST })
    expect(await pin.setPin('2468')).toEqual({ pinSet: true, unlocked: true, lockedUntil: null })
    pin.lock()
    for (let i = 0; i < 4; i++) await failureOf(pin.unlock('0000'))
    const before = Date.now()
    expect((await failureOf(pin.unlock('0000'))).code).toBe('LOCKED')
    const until = Date.parse(pin.status().lockedUntil ?? '')
    expect(until).toBeGreaterThanOrEqual(before + LOCKOUT_MS)
    expect(until).toBeLessThanOrEqual(Date.now() + LOCKOUT_MS)
  })

  it('hashes with the parameters it was given, else with the default ones', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    expect(store.state.pin).toMatchObject({ N: FAST.N, r: 8, p: 1, keyLen: 32 })
    const plain = memoryStore()
    await new AdminPin({ store: plain.store }).setPin('2468')
    expect(plain.state.pin).toMatchObject(DEFAULT_SCRYPT)
  })

  it('unlocking before any PIN is set changes nothing and counts nothing', async () => {
    const { pin, store, events } = setUp()
    expect(await pin.unlock('1234')).toEqual({ pinSet: false, unlocked: false, lockedUntil: null })
    expect(store.state.lockout).toEqual({ failures: 0, lockedUntil: null })
    expect(events).toEqual([])
  })

  it('a right PIN writes nothing when there is nothing to reset', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    pin.lock()
    let writes = 0
    const save = store.store.saveLockout
    store.store.saveLockout = (r) => {
      writes++
      save(r)
    }
    await pin.unlock('2468')
    expect(writes).toBe(0)
  })

  it('a lock-out that has run out starts a fresh count, whatever count the record kept', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    pin.lock()
    store.state.lockout = { failures: 4, lockedUntil: '2025-06-01T09:55:00.000Z', lockouts: 1 }
    const f = await failureOf(pin.unlock('0000'))
    expect(f.code).toBe('UNAUTHORIZED')
    expect(store.state.lockout).toEqual({ failures: 1, lockedUntil: null, lockouts: 1 })
  })

  it('a right PIN clears whatever the record holds: failures, an old lock-out, the doubling', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    const records: LockoutRecord[] = [
      { failures: 2, lockedUntil: null, lockouts: 0 },
      // From before the doubling was kept: a lock-out that has run out, no count.
      { failures: 0, lockedUntil: '2025-06-01T09:55:00.000Z' },
      { failures: 0, lockedUntil: null, lockouts: 2 },
    ]
    for (const record of records) {
      pin.lock()
      store.state.lockout = record
      await pin.unlock('2468')
      expect(store.state.lockout, JSON.stringify(record)).toEqual({ failures: 0, lockedUntil: null, lockouts: 0 })
    }
  })

  it('a lock-out date that cannot be read locks nothing out', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    pin.lock()
    store.state.lockout = { failures: 0, lockedUntil: 'not a date', lockouts: 1 }
    expect(pin.status().lockedUntil).toBeNull()
    expect(await pin.unlock('2468')).toMatchObject({ unlocked: true })
  })

  it('stops doubling at 1,024 times the first lock-out (about three and a half days)', async () => {
    const { pin, store } = setUp()
    await pin.setPin('2468')
    pin.lock()
    store.state.lockout = { failures: 0, lockedUntil: '2025-05-20T00:00:00.000Z', lockouts: 15 }
    for (let i = 0; i < 5; i++) await failureOf(pin.unlock('0000'))
    expect(Date.parse(pin.status().lockedUntil ?? '') - Date.parse('2025-06-01T10:00:00Z')).toBe(1024 * LOCKOUT_MS)
    expect(store.state.lockout.lockouts).toBe(16)
  })

  it('five wrong current PINs while changing it lock out and end the open session', async () => {
    const { pin } = setUp()
    await pin.setPin('2468')
    expect(pin.status().unlocked).toBe(true)
    for (let i = 0; i < 4; i++) expect((await failureOf(pin.setPin('135790', '0000'))).code).toBe('UNAUTHORIZED')
    expect(pin.status().unlocked).toBe(true)
    expect((await failureOf(pin.setPin('135790', '0000'))).code).toBe('LOCKED')
    expect(pin.status()).toMatchObject({ unlocked: false, lockedUntil: '2025-06-01T10:05:00.000Z' })
    expect(() => pin.requireAdmin()).toThrow(expect.objectContaining({ code: 'LOCKED' }))
  })
})
