// Helpers for the offline tests: a "network" between the counter and the vendor that can be
// cut and restored, the sandbox's registration counters, and polling.

import { connect, createServer, type Server, type Socket } from 'node:net'
import type { CoreTuning } from '../../../electron/core/app-core'
import type { Sandbox } from '../../../electron/sandbox/server'
import type { SignupForm } from '../../../electron/shared/types'
import { deadPort, envFor, onCleanup } from '../api/helpers'

/**
 * A TCP hop on a fixed loopback port, standing for the store's network. Down (connection
 * refused) until `up(targetPort)`, then every connection is forwarded to the target; `down()`
 * refuses new connections and cuts the open ones. A drop on the vendor's side cuts the
 * matching client connection, as a real network would.
 */
export interface Network {
  port: number
  /** API base and token URL through this hop, for the core's env. */
  env(sb: Sandbox): Record<string, string | undefined>
  up(targetPort: number): Promise<void>
  down(): Promise<void>
}

export async function network(): Promise<Network> {
  const port = await deadPort()
  let server: Server | null = null
  const sockets = new Set<Socket>()
  const down = async () => {
    const s = server
    server = null
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    if (s) await new Promise<void>((r) => s.close(() => r()))
  }
  onCleanup(down)
  return {
    port,
    env: (sb) => {
      const base = `http://127.0.0.1:${port}`
      return envFor(sb, { POS_API_BASE_URL: base, POS_AUTH_URL: `${base}/oauth/v1/token` })
    },
    async up(targetPort) {
      if (server) return
      const s = createServer((client) => {
        const upstream = connect({ port: targetPort, host: '127.0.0.1' })
        sockets.add(client)
        sockets.add(upstream)
        const cut = () => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', cut).on('close', cut)
        upstream.on('error', cut).on('close', cut)
        client.pipe(upstream)
        upstream.pipe(client)
      })
      server = s
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject)
        s.listen(port, '127.0.0.1', () => resolve())
      })
    },
    down,
  }
}

/** Short delays so the offline paths run in test time. */
export const FAST: CoreTuning = {
  probeFirstDelayMs: 20,
  probeMaxDelayMs: 150,
  outboxBaseDelayMs: 20,
  outboxMaxDelayMs: 150,
  outboxMinRetryDelayMs: 20,
}

/** What the sandbox knows about a phone's registrations (its admin route). */
export async function registrations(sb: Sandbox, phone: string): Promise<{ isMember: boolean; created: number; rejectedDuplicates: number }> {
  const res = await fetch(`${sb.apiBaseUrl}/__sandbox/members?phone=${phone}`)
  if (!res.ok) throw new Error(`sandbox admin: ${res.status}`)
  return (await res.json()) as { isMember: boolean; created: number; rejectedDuplicates: number }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000, everyMs = 20): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await fn()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

const SURNAMES = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊']
const GIVEN = ['志明', '淑芬', '家豪', '怡君', '俊傑', '雅婷', '建宏', '美玲', '冠宇', '佩珊']
const THIRD = ['文', '華']

/** The i-th test sign-up (i < 200): a phone no seeded member has, a distinct three-character name. */
export function testSignup(i: number): SignupForm & { name: string } {
  const name = `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${THIRD[Math.floor(i / 100) % 2]}`
  return { phone: `0966${String(i).padStart(6, '0')}`, name, sex: i % 2 ? 'male' : 'female', birthday: '1990-05-06' }
}

/** Plain-text forms a phone or a name could take in a file (JSON escapes, +886 / 886 forms). */
export function plainForms(s: string): string[] {
  const forms = [s, JSON.stringify(s).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]
  if (/^09\d{8}$/.test(s)) forms.push(`+886${s.slice(1)}`, `886${s.slice(1)}`, `+886 ${s.slice(1, 4)} ${s.slice(4, 7)} ${s.slice(7)}`)
  return forms
}
