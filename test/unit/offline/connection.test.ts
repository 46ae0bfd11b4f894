// ConnectionMonitor on fake timers, then the core's wiring over real HTTP: going offline,
// the probe noticing the network's return, and the outbox draining by itself.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConnectionMonitor, type ConnectionMonitorOptions } from '../../../electron/core/connection'
import type { ConnectionState, ConnectionStatus, OutboxItem } from '../../../electron/shared/contract'
import { coreFor, envFor, EXAMPLE_PHONE, sandbox } from '../api/helpers'
import { FAST, network, registrations, testSignup, waitFor } from './helpers'

const silent = pino({ enabled: false })
const UNREACHABLE = { reachable: false, failed: true, ms: 5 }
const FAST_OK = { reachable: true, failed: false, ms: 20 }

describe('ConnectionMonitor', () => {
  let changes: ConnectionState[]
  let statuses: ConnectionStatus[]
  let probeTimes: number[]
  let monitor: ConnectionMonitor
  /** What the next probe reports (through record(), as the vendor client does). */
  let probeOutcome: typeof UNREACHABLE
  let t0: number

  const make = (over: Partial<ConnectionMonitorOptions> = {}) => {
    monitor = new ConnectionMonitor({
      log: silent,
      // States as they change (offline, each rescheduled probe is announced again).
      onChange: (s) => {
        if (changes.at(-1) !== s.state) changes.push(s.state)
        statuses.push(s)
      },
      probe: async () => {
        probeTimes.push(Date.now() - t0)
        monitor.record(probeOutcome)
      },
      ...over,
    })
    return monitor
  }

  beforeEach(() => {
    vi.useFakeTimers()
    t0 = Date.now()
    changes = []
    statuses = []
    probeTimes = []
    probeOutcome = UNREACHABLE
  })
  afterEach(() => {
    monitor?.close()
    vi.useRealTimers()
  })

  // Issue 17.7: nothing is claimed before anything was tried.
  it("starts 'checking', and without a call or a start-up check sends nothing and probes nothing", async () => {
    make()
    expect(monitor.current()).toMatchObject({ state: 'checking', lastSuccessAt: null, nextRetryAt: null })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(changes).toEqual([])
    expect(probeTimes).toEqual([])
  })

  it('the start-up check probes once and settles the state; a call answering first makes it unneeded', async () => {
    probeOutcome = FAST_OK
    make().checkSoon(500)
    await vi.advanceTimersByTimeAsync(499)
    expect(probeTimes).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(probeTimes).toEqual([500])
    expect(changes).toEqual(['online'])
    // The probe's own moment (fake time): not just any timestamp.
    expect(monitor.current().lastSuccessAt).toBe(new Date().toISOString())
    monitor.close()
    changes = []
    probeTimes = []
    make().checkSoon(500)
    monitor.record(FAST_OK)
    await vi.advanceTimersByTimeAsync(5000)
    expect(probeTimes).toEqual([])
    expect(changes).toEqual(['online'])
  })

  it('offline, every scheduled probe is announced with its time, and the last success is kept', async () => {
    make()
    monitor.record(FAST_OK)
    const lastSuccess = monitor.current().lastSuccessAt
    expect(lastSuccess).toBe(new Date().toISOString())
    await vi.advanceTimersByTimeAsync(1000)
    monitor.record(UNREACHABLE)
    const offline = statuses.filter((s) => s.state === 'offline')
    expect(offline[0]!.nextRetryAt).toBe(new Date(Date.now() + 1000).toISOString())
    expect(offline[0]!.lastSuccessAt).toBe(lastSuccess)
    await vi.advanceTimersByTimeAsync(3100) // probes at +1 s and +3 s fail
    const retries = statuses.filter((s) => s.state === 'offline').map((s) => s.nextRetryAt)
    expect(new Set(retries).size).toBeGreaterThanOrEqual(3)
    expect(retries.at(-1)! > new Date().toISOString()).toBe(true)
    expect(changes).toEqual(['online', 'offline'])
  })

  it('online → offline on an unreachable vendor, → online on a fast answer; one event per change', () => {
    make()
    monitor.record(UNREACHABLE)
    monitor.record(UNREACHABLE)
    expect(monitor.current().state).toBe('offline')
    monitor.record(FAST_OK)
    monitor.record(FAST_OK)
    expect(changes).toEqual(['offline', 'online'])
  })

  it('degraded on a slow answer and on a 5xx / timeout; back online on a fast one', () => {
    make({ slowMs: 1000 })
    monitor.record({ reachable: true, failed: false, ms: 1000 }) // slow
    expect(monitor.current().state).toBe('degraded')
    monitor.record(FAST_OK)
    monitor.record({ reachable: true, failed: true, ms: 10 }) // 503
    monitor.record({ reachable: true, failed: true, ms: 10 })
    expect(changes).toEqual(['degraded', 'online', 'degraded'])
    const since = monitor.current().since
    expect(Number.isFinite(Date.parse(since))).toBe(true)
  })

  it('probes while offline with backoff 1, 2, 4, 8, 15, 15 s (the defaults)', async () => {
    make()
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(probeTimes).toEqual([1000, 3000, 7000, 15_000, 30_000, 45_000, 60_000])
    const gaps = probeTimes.map((t, i) => t - (probeTimes[i - 1] ?? 0))
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000])
  })

  it('takes an injected first delay and cap', async () => {
    make({ firstProbeDelayMs: 10, maxProbeDelayMs: 50 })
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(200)
    const gaps = probeTimes.map((t, i) => t - (probeTimes[i - 1] ?? 0))
    expect(gaps.slice(0, 5)).toEqual([10, 20, 40, 50, 50])
  })

  it('a slow failing probe does not stretch the gap: probes start at most the cap apart', async () => {
    make({
      probe: async () => {
        probeTimes.push(Date.now() - t0)
        await new Promise((r) => setTimeout(r, 4000)) // a hanging connect, until its timeout
        monitor.record(UNREACHABLE)
      },
    })
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(120_000)
    const gaps = probeTimes.slice(1).map((t, i) => t - (probeTimes[i] ?? 0))
    // The 2 and 4 s gaps are shorter than the probe itself: the next starts right away (timer ≥ 1 ms).
    const expected = [4000, 4000, 8000, 15_000]
    gaps.slice(0, 4).forEach((g, i) => expect(Math.abs(g - (expected[i] ?? 0))).toBeLessThanOrEqual(1))
    expect(Math.max(...gaps)).toBe(15_000)
  })

  it('recovery: the probe reaching the vendor emits online and stops probing', async () => {
    make()
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(3000) // probes at 1 s and 3 s fail
    probeOutcome = FAST_OK
    await vi.advanceTimersByTimeAsync(4000) // the one at 7 s succeeds
    expect(changes).toEqual(['offline', 'online'])
    expect(probeTimes).toEqual([1000, 3000, 7000])
    await vi.advanceTimersByTimeAsync(120_000)
    expect(probeTimes).toHaveLength(3)
  })

  it('a probe answered with 5xx means reachable: degraded, and probing stops', async () => {
    make()
    monitor.record(UNREACHABLE)
    probeOutcome = { reachable: true, failed: true, ms: 5 }
    await vi.advanceTimersByTimeAsync(60_000)
    expect(changes).toEqual(['offline', 'degraded'])
    expect(probeTimes).toEqual([1000])
  })

  it('going offline again restarts the backoff at the first delay', async () => {
    make()
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(7000) // 1, 3, 7
    monitor.record(FAST_OK)
    monitor.record(UNREACHABLE)
    const before = probeTimes.length
    const at = Date.now() - t0
    await vi.advanceTimersByTimeAsync(1000)
    expect(probeTimes.slice(before)).toEqual([at + 1000])
  })

  it('a closed monitor does nothing: no events, no probes, even with one in flight', async () => {
    let release: () => void = () => undefined
    make({
      probe: async () => {
        probeTimes.push(Date.now() - t0)
        await new Promise<void>((r) => (release = r))
        monitor.record(UNREACHABLE)
      },
    })
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(1000)
    expect(probeTimes).toEqual([1000])
    monitor.close()
    release()
    monitor.record(FAST_OK)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(probeTimes).toEqual([1000])
    expect(changes).toEqual(['offline'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('closing while offline cancels the scheduled probe', async () => {
    make()
    monitor.record(UNREACHABLE)
    monitor.close()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(probeTimes).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a listener that throws does not break record() (it runs inside vendor calls)', () => {
    make({
      onChange: (s) => {
        changes.push(s.state)
        throw new Error('listener bug')
      },
    })
    expect(() => monitor.record(UNREACHABLE)).not.toThrow()
    expect(monitor.current().state).toBe('offline')
  })

  it('never runs two probes at once', async () => {
    let inFlight = 0
    let most = 0
    make({
      probe: async () => {
        probeTimes.push(Date.now() - t0)
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((r) => setTimeout(r, 2500))
        inFlight--
        monitor.record(UNREACHABLE)
      },
    })
    monitor.record(UNREACHABLE)
    await vi.advanceTimersByTimeAsync(1500) // probe 1 in flight
    monitor.record(FAST_OK) // a real call succeeds …
    monitor.record(UNREACHABLE) // … and the next fails: a new offline period while probe 1 runs
    await vi.advanceTimersByTimeAsync(30_000)
    expect(most).toBe(1)
  })
})

// -----------------------------------------------------------------------------------------
// The core: the monitor wired to the vendor client, the events and the outbox.

/** The connection states as they changed (announcements of the next probe's time left out). */
const eventsOf = (core: { onEvent: (l: (name: string, payload: unknown) => void) => () => void }) => {
  const connection: ConnectionStatus[] = []
  core.onEvent((name, payload) => {
    const status = payload as ConnectionStatus
    if (name === 'connection:changed' && connection.at(-1)?.state !== status.state) connection.push(status)
  })
  return connection
}

describe('core: connection state and the outbox', () => {
  it('network down → sign-up queued and connection:changed offline; network back → probe notices, online, outbox sent with no staff action', async () => {
    const sb = await sandbox()
    const net = await network()
    const { core, call, logLines } = await coreFor(net.env(sb), undefined, { tuning: FAST })
    const events = eventsOf(core)

    const form = testSignup(1)
    expect(await call('member:signup', form)).toMatchObject({ ok: true, value: { status: 'queued' } })
    expect(events.map((e) => e.state)).toEqual(['offline'])
    await new Promise((r) => setTimeout(r, 400)) // several probes fail meanwhile

    await net.up(sb.port)
    const list = await waitFor('the queued sign-up to be sent', async () => {
      const r = await call<OutboxItem[]>('outbox:list')
      return r.ok && r.value[0]?.state === 'done' ? r.value : null
    })
    expect(list).toHaveLength(1)
    expect(events.map((e) => e.state)).toEqual(['offline', 'online'])
    expect(await registrations(sb, form.phone)).toMatchObject({ created: 1, rejectedDuplicates: 0 })

    // The probes ran (the sandbox saw the one that succeeded) but were not logged at info,
    // and the state changes were logged once each.
    const lines = logLines()
    expect(lines.filter((l) => l.endpoint === 'GET /v1/stores')).toEqual([])
    expect(lines.filter((l) => l.msg === 'connection state').map((l) => l.state)).toEqual(['offline', 'online'])
  })

  it('the probe alone does not touch the outbox: the database files are unchanged through many failed probes', async () => {
    const sb = await sandbox()
    const net = await network()
    const { call, dataDir } = await coreFor(net.env(sb), undefined, { tuning: FAST })
    expect(await call('member:signup', testSignup(2))).toMatchObject({ ok: true, value: { status: 'queued' } })
    // Every write to the database appends to its log: unchanged files mean no write.
    const snapshot = () => readdirSync(join(dataDir, 'store')).map((name) => [name, readFileSync(join(dataDir, 'store', name)).toString('base64')])
    await new Promise((r) => setTimeout(r, 50)) // the queueing's audit entry and notices settle
    const before = snapshot()
    await new Promise((r) => setTimeout(r, 700)) // ≥ 5 probes at 20, 40, 80, 150, 150 ms
    expect(snapshot()).toEqual(before)
    const list = await call<OutboxItem[]>('outbox:list')
    expect(list.ok && list.value[0]).toMatchObject({ state: 'pending', attempts: [] })
  })

  it('any normal call that succeeds while offline brings the state back and drains the outbox', async () => {
    const sb = await sandbox()
    const net = await network()
    // Probe and timer far away: only the staff's next lookup can notice the way back.
    const slow = { probeFirstDelayMs: 60_000, probeMaxDelayMs: 60_000, outboxMinRetryDelayMs: 60_000 }
    const { core, call } = await coreFor(net.env(sb), undefined, { tuning: slow })
    const events = eventsOf(core)
    expect(await call('member:signup', testSignup(3))).toMatchObject({ ok: true, value: { status: 'queued' } })
    await net.up(sb.port)
    await new Promise((r) => setTimeout(r, 300))
    expect(await call('outbox:list')).toMatchObject({ ok: true, value: [{ state: 'pending' }] }) // nothing else noticed

    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'live' } })
    await waitFor('the outbox to drain', async () => {
      const r = await call<OutboxItem[]>('outbox:list')
      return r.ok && r.value[0]?.state === 'done'
    })
    expect(events.map((e) => e.state)).toEqual(['offline', 'online'])
  })

  it('a pending item whose retry is due later is retried by the timer, without staff action', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb), undefined, { tuning: FAST })
    expect((await call('stores:list')).ok).toBe(true) // token held
    sb.faults.failNext(503, 1, undefined, { paths: ['/v2/user'] }) // the direct POST: 503, nothing created
    sb.faults.failNext(503, 3, undefined, { paths: ['/v1/user/ocard'] }) // the first check: 503 on all three tries
    const form = testSignup(4)
    expect(await call('member:signup', form)).toMatchObject({ ok: true, value: { status: 'queued' } })
    const item = await waitFor('the queued sign-up to be sent', async () => {
      const r = await call<Array<OutboxItem & { sentOnce: boolean }>>('outbox:list')
      return r.ok && r.value[0]?.state === 'done' ? r.value[0] : null
    })
    expect(item.attempts.map((a) => a.outcome)).toEqual(['retry', 'created'])
    expect(sb.stats.signupPosts).toBe(2) // the direct 503 and the outbox's one
    expect(await registrations(sb, form.phone)).toMatchObject({ created: 1, rejectedDuplicates: 0 })
  })
})
