import type { ConnectionState, OfflineReason } from '../shared/contract'
import type { Logger } from './log'

// online / degraded / offline, from the outcomes of real calls; while offline a light
// probe runs with backoff (1, 2, 4, 8, 15, 15 … s), so a restored network is noticed within
// 15 s of coming back (the delay runs from the start of the previous probe, so a slow
// failing probe does not stretch the gap).
//
// INITIAL STATE: 'online' until the first call says otherwise ("unknown" is treated as
// online). No probe runs at start: it would cost a token and an API call on every launch,
// and the renderer — which also starts at 'online' and has no channel to ask for the state —
// would miss an event sent before it listens. The first real call (the start-up outbox drain
// when sign-ups are waiting, else the first lookup) settles the state within its deadline.
//
// The monitor never touches the outbox itself: recovery reaches the outbox only through
// `onChange` (the composition root drains on any non-offline state). It logs state changes
// only; a probe's own request is the caller's to log (app-core logs probes at debug).

export interface ConnectionMonitorOptions {
  probe: () => Promise<void>
  onChange: (state: ConnectionState, since: string, reason?: OfflineReason) => void
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

export const DEFAULT_FIRST_PROBE_DELAY_MS = 1000
export const DEFAULT_MAX_PROBE_DELAY_MS = 15_000

export class ConnectionMonitor {
  private state: ConnectionState = 'online'
  private since = new Date().toISOString()
  private reason: OfflineReason | undefined
  private probeTimer: NodeJS.Timeout | null = null
  private probing = false
  private probeDelay: number
  private closed = false
  private readonly slowMs: number
  private readonly maxProbeDelayMs: number
  private readonly firstProbeDelayMs: number
  constructor(private readonly opts: ConnectionMonitorOptions) {
    this.slowMs = opts.slowMs ?? 3000
    this.maxProbeDelayMs = Math.max(1, opts.maxProbeDelayMs ?? DEFAULT_MAX_PROBE_DELAY_MS)
    this.firstProbeDelayMs = Math.min(this.maxProbeDelayMs, Math.max(1, opts.firstProbeDelayMs ?? DEFAULT_FIRST_PROBE_DELAY_MS))
    this.probeDelay = this.firstProbeDelayMs
  }

  current(): { state: ConnectionState; since: string; reason?: OfflineReason } {
    return { state: this.state, since: this.since, ...(this.reason ? { reason: this.reason } : {}) }
  }

  record(o: CallOutcome): void {
    if (this.closed) return
    if (!o.reachable) return this.set('offline', o.reason)
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
    if (next === 'offline' && stateChanged) this.scheduleProbe(this.firstProbeDelayMs, true)
    try {
      this.opts.onChange(next, this.since, reason)
    } catch (e) {
      // record() runs inside the vendor client's request path: a listener must not break it.
      this.opts.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'connection listener failed')
    }
  }

  private scheduleProbe(delay: number, reset = false): void {
    if (this.closed) return
    if (reset) this.probeDelay = this.firstProbeDelayMs
    if (this.probeTimer) clearTimeout(this.probeTimer)
    // A probe in flight reschedules itself when it ends.
    if (this.probing) {
      this.probeTimer = null
      return
    }
    this.probeTimer = setTimeout(() => void this.runProbe(), delay)
    this.probeTimer.unref()
  }

  private async runProbe(): Promise<void> {
    this.probeTimer = null
    if (this.state !== 'offline' || this.closed || this.probing) return
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
      this.probeDelay = Math.min(this.maxProbeDelayMs, this.probeDelay * 2)
      this.scheduleProbe(Math.max(0, this.probeDelay - (Date.now() - started)))
    }
  }
}
