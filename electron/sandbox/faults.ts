// Injected misbehaviour: what the next request suffers, if anything.

import type { EveryNthOptions, FailNextOptions, SandboxFaults } from './contract'

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'fail'; status: number; body: unknown }
  | { kind: 'drop' }
  | { kind: 'truncate' }

interface QueuedFailure {
  status: number
  remaining: number
  body: unknown
  paths: string[] | null
}

function positiveCount(n: number | undefined, what: string): number {
  const count = n ?? 1
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${what}: count must be a positive integer`)
  return count
}

function period(n: number | undefined, what: string): number {
  if (n === undefined || n === 0) return 0
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`everyNth: ${what} must be a positive integer or 0`)
  return n
}

export class FaultInjector implements SandboxFaults {
  latencyMs = 0
  private failures: QueuedFailure[] = []
  private drops = 0
  private truncations = 0
  private periodicDrop = 0
  private periodic503 = 0
  /** API calls seen since everyNth() was set. */
  private apiCallCount = 0

  /** `revokeAllTokens` reaches the token store, which lives outside the fault state. */
  constructor(private readonly revokeAllTokens: () => void) {}

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('setLatency: ms must be >= 0')
    this.latencyMs = ms
  }

  failNext(status: number, count?: number, body?: unknown, opts?: FailNextOptions): void {
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError('failNext: bad status')
    const paths = opts?.paths?.length ? [...opts.paths] : null
    this.failures.push({ status, remaining: positiveCount(count, 'failNext'), body, paths })
  }

  revokeTokens(): void {
    this.revokeAllTokens()
  }

  dropNext(count?: number): void {
    this.drops += positiveCount(count, 'dropNext')
  }

  truncateNext(count?: number): void {
    this.truncations += positiveCount(count, 'truncateNext')
  }

  everyNth(opts: EveryNthOptions): void {
    this.periodicDrop = period(opts.drop, 'drop')
    this.periodic503 = period(opts.status503, 'status503')
    this.apiCallCount = 0
  }

  reset(): void {
    this.latencyMs = 0
    this.failures = []
    this.drops = 0
    this.truncations = 0
    this.periodicDrop = 0
    this.periodic503 = 0
    this.apiCallCount = 0
  }

  /**
   * Decides (and consumes) the fault for one request. One-shot faults come before
   * periodic ones; the periodic counter advances on every API call regardless.
   * Token calls only meet failNext entries whose `paths` name the token endpoint.
   */
  decide(path: string, isApiCall: boolean): FaultDecision {
    if (!isApiCall) return this.takeFailure(path, true) ?? { kind: 'none' }
    this.apiCallCount++
    if (this.drops > 0) {
      this.drops--
      return { kind: 'drop' }
    }
    const failure = this.takeFailure(path, false)
    if (failure) return failure
    if (this.truncations > 0) {
      this.truncations--
      return { kind: 'truncate' }
    }
    if (this.periodicDrop && this.apiCallCount % this.periodicDrop === 0) return { kind: 'drop' }
    if (this.periodic503 && this.apiCallCount % this.periodic503 === 0) {
      return { kind: 'fail', status: 503, body: undefined }
    }
    return { kind: 'none' }
  }

  private takeFailure(path: string, onlyExplicitPaths: boolean): FaultDecision | null {
    const i = this.failures.findIndex((f) =>
      f.paths ? f.paths.some((p) => path.startsWith(p)) : !onlyExplicitPaths,
    )
    const f = this.failures[i]
    if (!f) return null
    if (--f.remaining === 0) this.failures.splice(i, 1)
    return { kind: 'fail', status: f.status, body: f.body }
  }
}
