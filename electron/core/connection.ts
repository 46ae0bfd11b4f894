import type { ConnectionState, ConnectionStatus, OfflineReason } from '../shared/contract'
import type { Logger } from './log'
import { errorMessage } from '../shared/errors'
import { backoffDelay, type BackoffPolicy } from './retry'

// online / degraded / offline, from the outcomes of real calls; while offline a light
// probe runs with backoff (1, 2, 4, 8, 15, 15 … s), so a restored network is noticed within
// 15 s of coming back (the delay runs from the start of the previous probe, so a slow
// failing probe does not stretch the gap).
//
// INITIAL STATE: 'checking' until the first call or probe answers: the header claims
// nothing it has not seen. `checkSoon()` (called once at start by the composition root)
// probes unless a real call (the start-up outbox drain, a first lookup) answers first.
// While offline every rescheduled probe is announced too, so staff see when the next try is.
//
// The monitor never touches the outbox itself: recovery reaches the outbox only through
// `onChange` (the composition root drains on any non-offline state). It logs state changes
// only; a probe's own request is the caller's to log (app-core logs probes at debug).

export interface ConnectionMonitorOptions {
  probe: () => Promise<void>
  /** A new state, or while offline a new time for the next probe. */
  onChange: (status: ConnectionStatus) => void
  log: Logger
  /** A call slower than this (ms) counts as degraded; default 3000. */
  slowMs?: number
  /** The cap on the probe's backoff; default 15 000 ms. */
  maxProbeDelayMs?: number
  /** The first probe after going offline; default 1000 ms, doubling up to the cap. */
  firstProbeDelayMs?: number
}

export interface CallOutcome {
  /** The vendor answered with an HTTP status (any). */
  reachable: boolean
  /** It answered 5xx or not in time. */
  failed: boolean
  ms: number
  /** Why the vendor could not be reached, when known: a captive portal answered instead. */
  reason?: OfflineReason
}

const DEFAULT_FIRST_PROBE_DELAY_MS = 1000
const DEFAULT_MAX_PROBE_DELAY_MS = 15_000

export class ConnectionMonitor {
  private state: ConnectionState = 'checking'
  private since = new Date().toISOString()
  private lastSuccessAt: string | null = null
  private nextRetryAt: string | null = null
  private reason: OfflineReason | undefined
  private probeTimer: NodeJS.Timeout | null = null
  private probing = false
  /** The probe's retry number since going offline, from 1: drives its backoff. */
  private probeRetry = 1
  private closed = false
  private readonly slowMs: number
  /** No jitter: the next probe's time is shown to staff, and one counter's probe is light. */
  private readonly probeBackoff: BackoffPolicy
  constructor(private readonly opts: ConnectionMonitorOptions) {
    this.slowMs = opts.slowMs ?? 3000
    const maxMs = Math.max(1, opts.maxProbeDelayMs ?? DEFAULT_MAX_PROBE_DELAY_MS)
    const baseMs = Math.min(maxMs, Math.max(1, opts.firstProbeDelayMs ?? DEFAULT_FIRST_PROBE_DELAY_MS))
    this.probeBackoff = { baseMs, maxMs, jitter: 'none' }
  }

  current(): ConnectionStatus {
    const status = { state: this.state, since: this.since, lastSuccessAt: this.lastSuccessAt, nextRetryAt: this.nextRetryAt }
    return this.reason ? { ...status, reason: this.reason } : status
  }

  /** The first check at start, after `delayMs`, unless a call has answered by then. */
  checkSoon(delayMs = 0): void {
    if (this.state === 'checking' && !this.probeTimer && !this.probing) this.scheduleProbe(delayMs)
  }

  record(o: CallOutcome): void {
    if (this.closed) return
    if (!o.reachable) return this.set('offline', o.reason)
    if (!o.failed) this.lastSuccessAt = new Date().toISOString()
    this.set(o.failed || o.ms >= this.slowMs ? 'degraded' : 'online')
  }

  close(): void {
    this.closed = true
    if (this.probeTimer) clearTimeout(this.probeTimer)
    this.probeTimer = null
  }

  private set(next: ConnectionState, reason?: OfflineReason): void {
    if (this.closed || (next === this.state && reason === this.reason)) return
    const stateChanged = next !== this.state
    this.state = next
    this.reason = reason
    if (stateChanged) this.since = new Date().toISOString()
    this.opts.log.info(reason ? { state: next, reason } : { state: next }, 'connection state')
    if (next === 'offline') {
      if (stateChanged) return this.scheduleProbe(this.probeBackoff.baseMs, true)
      return this.announce()
    }
    // Reachable again: a start-up check still waiting is not needed.
    if (this.probeTimer) clearTimeout(this.probeTimer)
    this.probeTimer = null
    this.nextRetryAt = null
    this.announce()
  }

  private announce(): void {
    try {
      this.opts.onChange(this.current())
    } catch (e) {
      // record() runs inside the vendor client's request path: a listener must not break it.
      this.opts.log.warn({ err: errorMessage(e) }, 'connection listener failed')
    }
  }

  /** Offline, each (re)scheduled probe is announced with its time. */
  private scheduleProbe(delay: number, reset = false): void {
    if (this.closed) return
    if (reset) this.probeRetry = 1
    if (this.probeTimer) clearTimeout(this.probeTimer)
    this.probeTimer = null
    // A probe in flight reschedules itself when it ends.
    if (!this.probing) {
      this.probeTimer = setTimeout(() => void this.runProbe(), delay)
      this.probeTimer.unref()
    }
    if (this.state === 'offline') {
      this.nextRetryAt = new Date(Date.now() + (this.probing ? 0 : delay)).toISOString()
      this.announce()
    }
  }

  private async runProbe(): Promise<void> {
    this.probeTimer = null
    if ((this.state !== 'offline' && this.state !== 'checking') || this.closed || this.probing) return
    this.probing = true
    const started = Date.now()
    try {
      // The probe's own outcome reaches record() through the vendor client.
      await this.opts.probe()
    } catch {
      /* recorded by the vendor client */
    } finally {
      this.probing = false
    }
    if (this.state === 'offline' && !this.closed) {
      this.probeRetry++
      this.scheduleProbe(Math.max(0, backoffDelay(this.probeBackoff, this.probeRetry) - (Date.now() - started)))
    }
  }
}
