// The sandbox's public types (re-exported by server.ts).

import type { Dialect } from './dialects'
import type { SandboxSeed } from './seed'

export interface SandboxOptions {
  /** 0 or absent: a random free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Replaces resources/sandbox/seed.json (tests). */
  seed?: SandboxSeed
  /** Default 'demo-client'. */
  clientId?: string
  /** Default 'demo-secret'. */
  clientSecret?: string
  /** Default 2592000 (30 days, the vendor's documented example). */
  tokenTtlSeconds?: number
  /** Ways to answer where the vendor's pages are silent (dialects.ts); default none: as documented. */
  dialects?: Dialect[]
}

export interface Sandbox {
  port: number
  /** `http://127.0.0.1:P/oauth/v1/token` */
  authUrl: string
  /** `http://127.0.0.1:P` */
  apiBaseUrl: string
  clientId: string
  clientSecret: string
  faults: SandboxFaults
  stats: SandboxStats
  /** Which dialects it speaks; set() replaces them. */
  dialects: { set(dialects: readonly Dialect[]): void; current(): Dialect[] }
  /** Stops listening and destroys open sockets, so it never waits on keep-alive clients. */
  close(): Promise<void>
}

export interface FailNextOptions {
  /** Only calls whose path starts with one of these count (and get the failure). */
  paths?: string[]
}

export interface EveryNthOptions {
  /** Destroy the socket of every k-th API call (0 or absent: off). */
  drop?: number
  /** Answer 503 to every m-th API call (0 or absent: off). */
  status503?: number
}

export interface SandboxFaults {
  /** Delay every answer, the token endpoint's included. */
  setLatency(ms: number): void
  /**
   * The next `count` (default 1) API calls answer `status` with `body` (default a zh-TW
   * `{"message"}`). With `paths`, only calls under those paths count — the token endpoint
   * included when one of the paths names it.
   */
  failNext(status: number, count?: number, body?: unknown, opts?: FailNextOptions): void
  /** Every token issued so far becomes invalid (401); new tokens work. */
  revokeTokens(): void
  /** The next `count` API calls: destroy the socket without answering. */
  dropNext(count?: number): void
  /** The next `count` API calls: 200 with the JSON body cut in half. */
  truncateNext(count?: number): void
  /** Periodic faults, counted over API calls (not token calls) from this call on. */
  everyNth(opts: EveryNthOptions): void
  /** Back to a well-behaved vendor (latency 0, nothing queued, nothing periodic). */
  reset(): void
}

export interface SandboxTiming {
  /** Path without the query string (queries carry phone numbers). */
  path: string
  /** 0 when the socket was dropped. */
  status: number
  /** From request start to just before writing, injected latency included. */
  ms: number
}

export interface SandboxStats {
  tokenRequests: number
  /** Every non-token, non-admin request. */
  apiRequests: number
  /** Every POST /v2/user that arrived, whatever became of it. */
  signupPosts: number
  /** The last 2000 answers. */
  timings: SandboxTiming[]
  /**
   * Every access token the token endpoint issued (in-process tests only: it lets a test
   * prove no token leaks into logs, files or IPC results). Never served by /__sandbox/stats.
   */
  issuedTokens: string[]
  /** Answers that did not meet their declared wire shape (should stay empty). */
  shapeProblems: string[]
  reset(): void
}
