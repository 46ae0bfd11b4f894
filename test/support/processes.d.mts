import type { ChildProcess } from 'node:child_process'

export interface RunningSandbox {
  url: string
  port: number
  proc: ChildProcess
  env: Record<string, string>
  faults(body: Record<string, unknown>): Promise<void>
  dialect(dialects: string[]): Promise<void>
  carrier(phone: string, carrier: string | null): Promise<void>
  stats(): Promise<Record<string, unknown>>
  resetStats(): Promise<Record<string, unknown>>
  member(phone: string): Promise<{ phone: string; isMember: boolean; seeded: boolean; created: number; rejectedDuplicates: number }>
  registrations(phone: string): Promise<number>
  /** The POS redeems one of the member's coupons, by its barcode code, now. */
  redeemCoupon(phone: string, code: string): Promise<void>
  stop(): Promise<void>
}
export function startSandboxProcess(opts?: { port?: number; root?: string }): Promise<RunningSandbox>

export interface RunningApp {
  url: string
  origin: string
  dataDir: string
  proc: ChildProcess
  spawnedAt: number
  urlAt: number
  /** Opens the app in `page`: the one-time launch URL the first time, its session cookie after. */
  open(page: import('@playwright/test').Page): Promise<import('@playwright/test').Response | null>
  stop(): Promise<void>
}
export function startApp(opts?: {
  env?: Record<string, string>
  dataDir?: string
  nodeArgs?: string[]
  root?: string
  removeDataDirOnStop?: boolean
  /** Run under this file-descriptor limit (`ulimit -n`). */
  maxOpenFiles?: number
}): Promise<RunningApp>
