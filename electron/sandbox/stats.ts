// Counters tests and benchmarks read.

import type { SandboxStats, SandboxTiming } from './contract'

const TIMINGS_KEPT = 2000

export class StatsRecorder implements SandboxStats {
  tokenRequests = 0
  apiRequests = 0
  signupPosts = 0
  timings: SandboxTiming[] = []
  issuedTokens: string[] = []

  recordTiming(timing: SandboxTiming): void {
    this.timings.push(timing)
    if (this.timings.length > TIMINGS_KEPT) this.timings.splice(0, this.timings.length - TIMINGS_KEPT)
  }

  reset(): void {
    this.tokenRequests = 0
    this.apiRequests = 0
    this.signupPosts = 0
    this.timings = []
    this.issuedTokens = []
  }

  toJSON(): Omit<SandboxStats, 'reset' | 'issuedTokens'> {
    return {
      tokenRequests: this.tokenRequests,
      apiRequests: this.apiRequests,
      signupPosts: this.signupPosts,
      timings: this.timings,
    }
  }
}
