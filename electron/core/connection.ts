import type { ConnectionState } from '../shared/contract'
import type { Logger } from './log'

// online / degraded / offline, from the outcomes of real calls; while offline a light
// probe runs with backoff capped at 15 s, so a restored network is noticed within 15 s.

export interface ConnectionMonitorOptions {
  probe: () => Promise<void>
  onChange: (state: ConnectionState, since: string) => void
  log: Logger
  /** A call slower than this (ms) counts as degraded. */
  slowMs?: number
  maxProbeDelayMs?: number
  firstProbeDelayMs?: number
}

export interface CallOutcome {
  /** The vendor answered with an HTTP status (any). */
  reachable: boolean
  /** It answered 5xx or not in time. */
  failed: boolean
  ms: number
}

export class ConnectionMonitor {
  private state: ConnectionState = 'online'
  private since = new Date().toISOString()
  private probeTimer: NodeJS.Timeout | null = null
  private probeDelay: number
  private closed = false
  private readonly slowMs: number
  private readonly maxProbeDelayMs: number
  private readonly firstProbeDelayMs: number
  constructor(private readonly opts: ConnectionMonitorOptions) {
    this.slowMs = opts.slowMs ?? 3000
    this.maxProbeDelayMs = opts.maxProbeDelayMs ?? 15_000
    this.firstProbeDelayMs = opts.firstProbeDelayMs ?? 1000
    this.probeDelay = this.firstProbeDelayMs
  }

  current(): { state: ConnectionState; since: string } {
    return { state: this.state, since: this.since }
  }

  record(o: CallOutcome): void {
    if (!o.reachable) return this.set('offline')
    this.set(o.failed || o.ms >= this.slowMs ? 'degraded' : 'online')
  }

  private set(next: ConnectionState): void {
    if (next === this.state || this.closed) return
    this.state = next
    this.since = new Date().toISOString()
    this.opts.log.info({ state: next }, 'connection state')
    this.opts.onChange(next, this.since)
    if (next === 'offline') this.scheduleProbe(true)
  }

  private scheduleProbe(reset = false): void {
    if (this.closed) return
    if (reset) this.probeDelay = this.firstProbeDelayMs
    if (this.probeTimer) clearTimeout(this.probeTimer)
    this.probeTimer = setTimeout(() => void this.runProbe(), this.probeDelay)
    this.probeTimer.unref()
  }

  private async runProbe(): Promise<void> {
    this.probeTimer = null
    if (this.state !== 'offline' || this.closed) return
    try {
      // The probe's own outcome reaches record() through the vendor client.
      await this.opts.probe()
    } catch {
      /* recorded by the vendor client */
    }
    if (this.state === 'offline') {
      this.probeDelay = Math.min(this.maxProbeDelayMs, this.probeDelay * 2)
      this.scheduleProbe()
    }
  }

  close(): void {
    this.closed = true
    if (this.probeTimer) clearTimeout(this.probeTimer)
  }
}
