// Counters tests and benchmarks read.

import type { SandboxStats, SandboxTiming } from './contract'

const TIMINGS_KEPT = 2000

export class StatsRecorder implements SandboxStats {
  tokenRequests = 0
  apiRequests = 0
  signupPosts = 0
  timings: SandboxTiming[] = []
  issuedTokens: string[] = []
  shapeProblems: string[] = []

  /** An answer that does not meet its declared wire shape (self-check.ts); also told on stderr. */
  noteShapeProblem(problem: string): void {
    if (this.shapeProblems.length < 100) this.shapeProblems.push(problem)
    process.stderr.write(`sandbox: answer off its declared shape: ${problem}\n`)
  }

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
    this.shapeProblems = []
  }

  toJSON(): Omit<SandboxStats, 'reset' | 'issuedTokens'> {
    return {
      tokenRequests: this.tokenRequests,
      apiRequests: this.apiRequests,
      signupPosts: this.signupPosts,
      timings: this.timings,
      shapeProblems: this.shapeProblems,
    }
  }
}
