import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { Outbox, type OutboxOptions, type OutboxTransport } from '../../../electron/core/outbox'
import { outboxItemView, type OutboxEntry } from '../../../electron/core/outbox-entry'
import { tempStorage, type TestStorage } from '../storage/helpers'
import type { OutboxSummary } from '../../../electron/shared/contract'
import type { SignupForm } from '../../../electron/shared/types'

const HOUR = 3_600_000
let dir: string
let storage: TestStorage
let clock: number
const opened: Outbox[] = []

beforeEach(async () => {
  storage = await tempStorage('cc-outbox-')
  dir = storage.dir
  clock = Date.parse('2025-12-15T06:00:00Z')
})
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close()
})

const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms))

/** An in-memory vendor. Override `onIsMember` / `onCreate` to script failures. */
class FakeVendor implements OutboxTransport {
  readonly members = new Map<string, string>()
  readonly isMemberCalls: string[] = []
  readonly createCalls: SignupForm[] = []
  inFlight = 0
  maxInFlight = 0
  delayMs = 0
  onIsMember: ((phone: string) => Promise<boolean> | boolean) | null = null
  onCreate: ((form: SignupForm) => Promise<{ memberId: string }> | { memberId: string }) | null = null

  async isMember(phone: string): Promise<boolean> {
    this.isMemberCalls.push(phone)
    return this.track(() => (this.onIsMember ? this.onIsMember(phone) : this.members.has(phone)))
  }

  async create(form: SignupForm): Promise<{ memberId: string }> {
    this.createCalls.push(form)
    return this.track(() => (this.onCreate ? this.onCreate(form) : this.register(form)))
  }

  register(form: SignupForm): { memberId: string } {
    const memberId = `m-${form.phone}`
    this.members.set(form.phone, memberId)
    return { memberId }
  }

  private async track<T>(fn: () => Promise<T> | T): Promise<T> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      await tick(this.delayMs)
      return await fn()
    } finally {
      this.inFlight--
    }
  }
}

async function outbox(transport: OutboxTransport, opts: Partial<OutboxOptions> = {}): Promise<Outbox> {
  const o = await Outbox.open({ storage, transport, now: () => new Date(clock), random: () => 0.5, ...opts })
  opened.push(o)
  return o
}

const form = (n: number, name = '林志明'): SignupForm => ({
  phone: `09${String(n).padStart(8, '0')}`,
  name,
  email: `member${n}@example.com`,
})

const refused = (message: string, status = 400) => new AppFailure('VENDOR', message, { status, fromVendor: true })

/** A vendor that refuses a sign-up whose e-mail has no @, in its own words, and registers the rest. */
function refusingBadEmail(): FakeVendor {
  const vendor = new FakeVendor()
  vendor.onCreate = (f) => {
    if (!f.email?.includes('@')) throw refused('Email 格式錯誤')
    return vendor.register(f)
  }
  return vendor
}

describe('Outbox: sending', () => {
  it('sends in enqueue order, one at a time with concurrency 1', async () => {
    const vendor = new FakeVendor()
    const o = await outbox(vendor, { concurrency: 1 })
    const ids: string[] = []
    for (const n of [1, 2, 3, 4, 5]) ids.push((await o.enqueue(form(n))).id)
    expect(o.list().map((i) => i.id)).toEqual(ids)
    const summary = await o.drain()
    expect(summary).toEqual({ pending: 0, sending: 0, failed: 0, conflict: 0, done: 5 })
    expect(vendor.createCalls.map((f) => f.phone)).toEqual([1, 2, 3, 4, 5].map((n) => form(n).phone))
    expect(vendor.maxInFlight).toBe(1)
    const first = o.list()[0]!
    expect(first.state).toBe('done')
    expect(first.memberId).toBe('m-0900000001')
    expect(first.attempts).toMatchObject([{ outcome: 'created' }])
  })

  it('keeps at most `concurrency` sends in flight, starting them in order', async () => {
    const vendor = new FakeVendor()
    let i = 0
    vendor.onCreate = async (f) => {
      await tick(1 + (i++ % 4) * 3) // uneven durations so workers overtake each other
      return vendor.register(f)
    }
    const o = await outbox(vendor, { concurrency: 3 })
    for (let n = 1; n <= 12; n++) await o.enqueue(form(n))
    await o.drain()
    expect(vendor.maxInFlight).toBe(3)
    expect(vendor.isMemberCalls).toEqual(Array.from({ length: 12 }, (_, k) => form(k + 1).phone))
    expect(o.summary().done).toBe(12)
  })

  it('defaults to two in flight', async () => {
    const vendor = new FakeVendor()
    vendor.delayMs = 2
    const o = await outbox(vendor)
    for (let n = 1; n <= 6; n++) await o.enqueue(form(n))
    await o.drain()
    expect(vendor.maxInFlight).toBe(2)
  })

  it('runs a single drain for overlapping calls', async () => {
    const vendor = new FakeVendor()
    vendor.delayMs = 2
    const o = await outbox(vendor)
    for (let n = 1; n <= 4; n++) await o.enqueue(form(n))
    const drains = Array.from({ length: 5 }, () => o.drain())
    for (const d of drains) expect(d).toBe(drains[0])
    const results = await Promise.all(drains)
    expect(results[0]?.done).toBe(4)
    expect(vendor.createCalls).toHaveLength(4)
    expect(vendor.isMemberCalls).toHaveLength(4)
    const later = o.drain() // a new drain after the first finished
    expect(later).not.toBe(drains[0])
    await later
    expect(vendor.createCalls).toHaveLength(4)
  })

  it('marks an existing member as conflict without creating', async () => {
    const vendor = new FakeVendor()
    vendor.members.set(form(2).phone, 'someone-else')
    const o = await outbox(vendor)
    await o.enqueue(form(1))
    const two = await o.enqueue(form(2))
    await o.drain()
    expect(vendor.createCalls.map((f) => f.phone)).toEqual([form(1).phone])
    const item = o.list().find((i) => i.id === two.id)!
    expect(item.state).toBe('conflict')
    expect(item.memberId).toBeNull()
    expect(item.attempts).toMatchObject([{ outcome: 'conflict' }])
  })

  it('asks isMember with the normalized local phone', async () => {
    const vendor = new FakeVendor()
    const o = await outbox(vendor)
    await o.enqueue({ phone: '+886 912-345-678' })
    await o.drain()
    expect(vendor.isMemberCalls).toEqual(['0912345678'])
  })

  it('fails an item the vendor refuses (4xx) with the vendor message', async () => {
    const vendor = new FakeVendor()
    vendor.onCreate = () => {
      throw refused('手機號碼格式錯誤', 422)
    }
    const o = await outbox(vendor)
    const item = await o.enqueue(form(1))
    expect(await o.drain()).toMatchObject({ failed: 1, pending: 0 })
    const failed = o.list()[0]!
    expect(failed.id).toBe(item.id)
    expect(failed.state).toBe('failed')
    expect(failed.lastError).toEqual({ code: 'VENDOR', vendorMessage: '手機號碼格式錯誤', status: 422 })
    expect(failed.attempts).toMatchObject([{ outcome: 'failed', reason: { code: 'VENDOR', vendorMessage: '手機號碼格式錯誤' } }])
    await o.drain() // failed items are not retried
    expect(vendor.createCalls).toHaveLength(1)
  })

  it("waits as long as a 429's Retry-After asks when that is longer than the backoff, never shorter", async () => {
    const vendor = new FakeVendor()
    let retryAfterMs = 120_000
    vendor.onCreate = () => {
      throw new AppFailure('VENDOR', 'busy', { status: 429, retryAfterMs })
    }
    const o = await outbox(vendor, { baseDelayMs: 1000, maxDelayMs: 60_000 })
    await o.enqueue(form(1))
    await o.drain()
    expect(o.list()[0]!.nextAttemptAt).toBe(new Date(clock + 120_000).toISOString()) // the backoff alone: 500 ms
    clock += 120_000
    retryAfterMs = 10
    await o.drain()
    expect(o.list()[0]!.nextAttemptAt).toBe(new Date(clock + 1000).toISOString()) // second retry: 0.5 × 2000 beats 10 ms
  })

  it.each([500, 503, 408, 429])('keeps a %i for later with backoff, then succeeds', async (status) => {
    const vendor = new FakeVendor()
    let fail = true
    vendor.onCreate = (f) => {
      if (fail) throw new AppFailure('VENDOR', `status ${status}`, { status })
      return vendor.register(f)
    }
    const o = await outbox(vendor, { baseDelayMs: 1000, maxDelayMs: 60_000 })
    await o.enqueue(form(1))
    expect(await o.drain()).toMatchObject({ pending: 1 })
    const waiting = o.list()[0]!
    expect(waiting.state).toBe('pending')
    expect(waiting.sentOnce).toBe(true) // a 5xx might have been processed
    expect(waiting.nextAttemptAt).toBe(new Date(clock + 500).toISOString()) // random 0.5 × 1000
    expect(waiting.attempts).toEqual([{ at: expect.any(String), outcome: 'retry', reason: { code: 'VENDOR', status } }])

    fail = false
    await o.drain() // not due yet: skipped
    expect(vendor.isMemberCalls).toHaveLength(1)
    clock += 500
    expect(await o.drain()).toMatchObject({ done: 1, pending: 0 })
    expect(vendor.createCalls).toHaveLength(2)
    expect(o.list()[0]!.memberId).toBe('m-0900000001')
  })

  it('goes back to pending with growing backoff when isMember cannot tell, without creating', async () => {
    const vendor = new FakeVendor()
    vendor.onIsMember = () => {
      throw new AppFailure('OFFLINE', 'offline')
    }
    const o = await outbox(vendor, { baseDelayMs: 1000, maxDelayMs: 3000, random: () => 0.999 })
    await o.enqueue(form(1))
    const delays: number[] = []
    for (let k = 0; k < 4; k++) {
      await o.drain()
      const item = o.list()[0]!
      delays.push(Date.parse(item.nextAttemptAt!) - clock)
      clock = Date.parse(item.nextAttemptAt!)
    }
    expect(delays).toEqual([999, 1998, 2997, 2997]) // 1 s, 2 s, then capped at 3 s
    expect(vendor.createCalls).toHaveLength(0)
    const item = o.list()[0]!
    expect(item.state).toBe('pending')
    expect(item.sentOnce).toBe(false)
    expect(item.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'retry'])
  })

  it('does not duplicate a create whose outcome was unknown: the member it made means done', async () => {
    const vendor = new FakeVendor()
    let first = true
    vendor.onCreate = (f) => {
      vendor.register(f) // the vendor did create it…
      if (first) {
        first = false
        throw new AppFailure('TIMEOUT', 'timed out') // …but the answer never came back
      }
      throw new Error('must not create twice')
    }
    const o = await outbox(vendor)
    await o.enqueue(form(1))
    expect(await o.drain()).toMatchObject({ pending: 1 })
    clock += 60_000
    expect(await o.drain()).toMatchObject({ done: 1, conflict: 0 })
    expect(vendor.createCalls).toHaveLength(1)
    const item = o.list()[0]!
    expect(item.memberId).toBeNull()
    expect(item.attempts.map((a) => a.outcome)).toEqual(['retry', 'created'])
    expect(item.attempts[1]?.reason).toEqual({ code: 'takenAsOurs' })
  })

  it('takes sentOnce from the caller that already tried the POST itself', async () => {
    const vendor = new FakeVendor()
    vendor.members.set(form(1).phone, 'made-by-the-timed-out-direct-sign-up')
    const o = await outbox(vendor)
    await o.enqueue(form(1), { sentOnce: true })
    expect(await o.drain()).toMatchObject({ done: 1 })
    expect(vendor.createCalls).toHaveLength(0)
  })

  it('never retries an item more than once per drain, even with zero backoff', async () => {
    const vendor = new FakeVendor()
    vendor.onIsMember = () => {
      throw new AppFailure('OFFLINE', 'offline')
    }
    const o = await outbox(vendor, { random: () => 0 })
    await o.enqueue(form(1))
    await o.drain()
    expect(vendor.isMemberCalls).toHaveLength(1)
  })
})

describe('Outbox: durability and recovery', () => {
  it('has the item on disk when enqueue returns', async () => {
    const item = await (await outbox(new FakeVendor())).enqueue(form(1))
    const other = await outbox(new FakeVendor())
    expect(other.list()).toMatchObject([{ id: item.id, state: 'pending', form: form(1) }])
  })

  it("persists 'sending' before the POST, and recovers it as pending + sentOnce", async () => {
    const vendor = new FakeVendor()
    let posted!: () => void
    const postedP = new Promise<void>((r) => (posted = r))
    vendor.onCreate = () => {
      posted()
      return new Promise(() => {}) // the app "dies" mid-request
    }
    const o = await outbox(vendor)
    const item = await o.enqueue(form(1))
    void o.drain()
    await postedP
    const onDisk = storage.vault.openJson<{ state: string }>((await storage.store.db.get(`outbox/${item.id}`))!, `record|outbox|${item.id}`)
    expect(onDisk.state).toBe('sending')
    await o.close()

    const after = new FakeVendor()
    after.members.set(form(1).phone, 'created-by-the-lost-request')
    const reopened = await outbox(after)
    expect(reopened.list()[0]).toMatchObject({ id: item.id, state: 'pending', sentOnce: true })
    expect(reopened.list()[0]!.attempts.at(-1)?.reason).toEqual({ code: 'interrupted' })
    expect(await reopened.drain()).toMatchObject({ done: 1 })
    expect(after.createCalls).toHaveLength(0)
  })

  it('records nothing after close (another instance may own the file)', async () => {
    const vendor = new FakeVendor()
    vendor.delayMs = 5
    const o = await outbox(vendor)
    await o.enqueue(form(1))
    const drain = o.drain()
    await o.close()
    await drain
    const reopened = (await outbox(new FakeVendor())).list()
    // Still there, and still waiting: neither lost nor marked done by the closed instance.
    // (Whether the close beat the drain's first write decides between pending and sending.)
    expect(reopened.map((i) => i.form.phone)).toEqual([form(1).phone])
    expect(['pending', 'sending']).toContain(reopened[0]!.state)
    await expect(o.enqueue(form(2))).rejects.toThrow(/closed/)
    await expect(o.drain()).rejects.toThrow(/closed/)
  })

  it('removes done items after the retention, on open and after a drain', async () => {
    const vendor = new FakeVendor()
    const o = await outbox(vendor, { doneRetentionMs: 24 * HOUR })
    await o.enqueue(form(1))
    await o.drain()
    await o.enqueue(form(2))
    vendor.onIsMember = () => {
      throw new AppFailure('OFFLINE', 'offline')
    }
    clock += 23 * HOUR
    await o.drain()
    expect(o.summary()).toMatchObject({ done: 1, pending: 1 })
    clock += 2 * HOUR
    await o.drain()
    expect(o.summary()).toMatchObject({ done: 0, pending: 1 })

    // On open, too.
    vendor.onIsMember = null
    clock += 1000 // past the backoff
    await o.drain()
    expect(o.summary().done).toBe(1)
    clock += 25 * HOUR
    expect((await outbox(new FakeVendor())).summary()).toMatchObject({ done: 0, pending: 0 })
  })

  it('keeps a tampered sign-up aside and says so, instead of dropping it or refusing to open', async () => {
    const o = await outbox(new FakeVendor())
    const kept = await o.enqueue(form(2))
    const item = await o.enqueue(form(1))
    const key = `outbox/${item.id}`
    const bytes = (await storage.store.db.get(key))!
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    await storage.store.db.put(key, bytes)
    const reopened = await outbox(new FakeVendor())
    expect(reopened.list().map((i) => i.id)).toEqual([kept.id])
    const [notice] = storage.notices.list()
    expect(notice).toMatchObject({ kind: 'storage', code: 'outboxRecordsDamaged', params: { count: 1 } })
    const aside = JSON.parse(readFileSync(join(dir, String(notice!.params.file)), 'utf8')) as { records: Array<{ key: string; value: string }> }
    expect(aside.records).toEqual([{ key, value: bytes.toString('base64') }])
  })

  it('writes no phone, name or email in plaintext anywhere in the directory', async () => {
    const vendor = new FakeVendor()
    vendor.members.set(form(2).phone, 'x')
    vendor.onCreate = (f) => {
      if (f.phone === form(3).phone) throw refused('bad')
      return vendor.register(f)
    }
    const o = await outbox(vendor)
    const forms = [form(1, '陳美麗'), form(2, '張家豪'), form(3, '黃淑芬'), { ...form(4, '李宗翰'), phone: '0987654321' }]
    for (const f of forms) await o.enqueue(f)
    await o.drain()
    await o.close()
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(f.parentPath, f.name))))
    for (const f of forms) {
      for (const secret of [f.phone, f.phone.slice(1), f.name!, f.email!]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false)
      }
    }
  })
})

describe('Outbox: passwords', () => {
  it('the renderer view never carries the password, only that one is set; a sent item drops it at once, on disk too', async () => {
    const vendor = new FakeVendor()
    const o = await outbox(vendor)
    const item = await o.enqueue({ ...form(1), password: 'pw-123456' })
    const view = outboxItemView(o.list()[0]!)
    expect(view.passwordSet).toBe(true)
    expect(JSON.stringify(view)).not.toContain('pw-123456')
    expect(outboxItemView((await o.enqueue(form(2)))).passwordSet).toBe(false)
    expect(await o.drain()).toMatchObject({ done: 2 })
    expect(vendor.createCalls[0]?.password).toBe('pw-123456') // it was sent
    expect(o.list()[0]!.form.password).toBeUndefined()
    const stored = storage.vault.openJson<OutboxEntry>((await storage.store.db.get(`outbox/${item.id}`))!, `record|outbox|${item.id}`)
    expect(stored.state).toBe('done')
    expect(JSON.stringify(stored)).not.toContain('pw-123456')
  })

  it('a correction from the renderer (which never had the password) keeps the stored one', async () => {
    const vendor = refusingBadEmail()
    const o = await outbox(vendor)
    const item = await o.enqueue({ ...form(1), email: 'broken', password: 'pw-123456' })
    await o.drain()
    const { password: _password, ...shown } = { ...form(1), password: undefined }
    await o.resubmit(item.id, shown)
    await o.drain()
    expect(vendor.createCalls.at(-1)).toMatchObject({ email: form(1).email, password: 'pw-123456' })
  })

  it('a session-only outbox (keyring unavailable) refuses new sign-ups instead of keeping them where they would be lost', async () => {
    const o = await outbox(new FakeVendor(), { sessionOnly: true })
    await expect(o.enqueue(form(1))).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' })
    expect(o.list()).toEqual([])
  })
})

describe('Outbox: staff actions', () => {
  it('resubmits a failed item: pending again, history kept, then sent', async () => {
    const vendor = refusingBadEmail()
    const o = await outbox(vendor)
    const item = await o.enqueue({ ...form(1), email: 'broken' })
    await o.drain()
    expect(o.list()[0]!.state).toBe('failed')

    const again = await o.resubmit(item.id, form(1))
    expect(again).toMatchObject({ id: item.id, state: 'pending', lastError: null, form: form(1) })
    expect(again.attempts).toHaveLength(1)
    expect(await o.drain()).toMatchObject({ done: 1 })
    expect(o.list()[0]!.attempts.map((a) => a.outcome)).toEqual(['failed', 'created'])
  })

  it('resubmits a conflict with a corrected phone, forgetting sentOnce for the old phone', async () => {
    const vendor = new FakeVendor()
    vendor.members.set(form(1).phone, 'someone')
    const o = await outbox(vendor)
    const item = await o.enqueue(form(1), { sentOnce: false })
    await o.drain()
    expect(await o.resubmit(item.id, form(2))).toMatchObject({ state: 'pending' })
    expect(await o.drain()).toMatchObject({ done: 1 })
    expect(vendor.createCalls.map((f) => f.phone)).toEqual([form(2).phone])
  })

  it('refuses to resubmit an unknown or not-failed item', async () => {
    const o = await outbox(new FakeVendor())
    const item = await o.enqueue(form(1))
    await expect(o.resubmit('nope', form(1))).rejects.toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    await expect(o.resubmit(item.id, form(1))).rejects.toThrow(expect.objectContaining({ code: 'CONFLICT' }))
  })

  it('discards durably, but not an item on the wire', async () => {
    const vendor = new FakeVendor()
    const o = await outbox(vendor)
    const a = await o.enqueue(form(1))
    const b = await o.enqueue(form(2))
    expect(await o.discard(a.id)).toBe(true)
    expect(await o.discard(a.id)).toBe(false)
    expect((await outbox(new FakeVendor())).list().map((i) => i.id)).toEqual([b.id])

    let release!: () => void
    vendor.onCreate = (f) => new Promise((r) => (release = () => r(vendor.register(f))))
    const drain = o.drain()
    while (!release) await tick()
    expect(await o.discard(b.id)).toBe(false)
    release()
    await drain
    expect(o.list()[0]!.state).toBe('done')
  })

  it('reports every change through onChange', async () => {
    const seen: OutboxSummary[] = []
    const vendor = new FakeVendor()
    const o = await outbox(vendor, { onChange: (s) => seen.push(s) })
    const item = await o.enqueue(form(1))
    expect(seen).toEqual([{ pending: 1, sending: 0, failed: 0, conflict: 0, done: 0 }])
    await o.drain()
    expect(seen.map((s) => [s.pending, s.sending, s.done])).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
    await o.discard(item.id)
    expect(seen.at(-1)).toEqual({ pending: 0, sending: 0, failed: 0, conflict: 0, done: 0 })
  })

  it('carries on when an onChange listener throws', async () => {
    const o = await outbox(new FakeVendor(), {
      onChange: () => {
        throw new Error('renderer gone')
      },
    })
    await o.enqueue(form(1))
    expect(await o.drain()).toMatchObject({ done: 1 })
  })
})
