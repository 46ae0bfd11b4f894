// Shared helpers for the member-API integration tests: a sandbox over real HTTP, a
// VendorClient/MemberService wired to it with a real log file, or a full createCore().

import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { onCleanup, tempDir as cleanTempDir } from '../cleanup'
import { createCore, type Core, type CoreOptions } from '../../../electron/core/app-core'
import { createLogger } from '../../../electron/core/log'
import { MemberCache } from '../../../electron/core/member-cache'
import { MemberService } from '../../../electron/core/members'
import { Outbox } from '../../../electron/core/outbox'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault } from '../../../electron/core/storage/vault'
import { VendorClient, type VendorClientOptions } from '../../../electron/core/vendor/http'
import { startDemoVendor } from '../../../electron/sandbox/demo'
import { openTestStorage } from '../storage/helpers'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/server'
import type { Result } from '../../../electron/shared/contract'

export const STORE = '9920'
export const NOT_A_MEMBER = '0911000000'
/** The vendor page's example member (Chien YH). */
export const EXAMPLE_PHONE = '0903515908'

// Cleaned up last registered first: cores close before the sandboxes they talk to.
export { onCleanup }

export const tempDir = (prefix = 'cc-api-'): string => cleanTempDir(prefix)

/** A secret nobody could mistake for anything else in a file. */
const freshSecret = () => `cs-${randomBytes(18).toString('hex')}`

/** A sandbox on a random port with a random client secret; closed after the test. */
export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, clientId: 'store-9920', clientSecret: freshSecret(), ...opts })
  onCleanup(() => sb.close())
  return sb
}

/** A port on 127.0.0.1 that nothing listens on (bound, read, released). */
export async function deadPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

export function credentialsOf(sb: Sandbox, over: Partial<ReturnType<typeof baseCreds>> = {}) {
  return { ...baseCreds(sb), ...over }
}
function baseCreds(sb: Sandbox) {
  return { apiBaseUrl: sb.apiBaseUrl, authUrl: sb.authUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, storeId: STORE }
}

export interface ClientRig {
  vendor: VendorClient
  members: MemberService
  logFile: string
  /** The JSON log lines written so far. */
  logLines(): Array<Record<string, unknown>>
}

/** A VendorClient + MemberService against `sb`, logging to a temp dir. */
export async function clientFor(sb: Sandbox, opts: Partial<VendorClientOptions> = {}, creds: Partial<ReturnType<typeof baseCreds>> = {}): Promise<ClientRig> {
  const dir = tempDir()
  const logDir = join(dir, 'logs')
  const log = createLogger({ dir: logDir })
  const c = credentialsOf(sb, creds)
  // Deterministic backoff (half of each full-jitter ceiling: 100, then 200 ms) keeps retry tests fast.
  const vendor = new VendorClient({ credentials: () => c, log, random: () => 0.5, ...opts })
  const storage = await openTestStorage(dir, Vault.open(join(dir, 'keys'), new FileKeyProtector()))
  const cache = await MemberCache.open({ storage, retentionDays: () => 30 })
  let members: MemberService | null = null
  const outbox = await Outbox.open({
    storage,
    transport: {
      isMember: async (phone) => (await members!.findOrNull(phone)) !== null,
      create: async (form) => ({ memberId: (await members!.create(form)).id }),
    },
  })
  onCleanup(async () => {
    await outbox.close()
    await cache.flush()
    await storage.store.close()
  })
  members = new MemberService({ vendor: () => vendor, storeId: () => c.storeId, log, cache, outbox })
  const logFile = join(logDir, 'app.log')
  return { vendor, members, logFile, logLines: () => readLogLines(logFile) }
}

function readLogLines(file: string): Array<Record<string, unknown>> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

export function envFor(sb: Sandbox, over: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    POS_API_BASE_URL: sb.apiBaseUrl,
    POS_AUTH_URL: sb.authUrl,
    POS_CLIENT_ID: sb.clientId,
    POS_CLIENT_SECRET: sb.clientSecret,
    POS_STORE_ID: STORE,
    ...over,
  }
}

export interface CoreRig {
  core: Core
  dataDir: string
  /** Dispatches and remembers every result (for the secret-hygiene checks). */
  call<T = unknown>(channel: string, arg?: unknown): Promise<Result<T>>
  results: Array<{ channel: string; result: Result<unknown> }>
  logLines(): Array<Record<string, unknown>>
}

/**
 * A demo sandbox beside core, as the hosts start one; core uses it only while nothing
 * configures the connection.
 */
export async function demoVendor(): Promise<NonNullable<CoreOptions['demo']>> {
  const demo = await startDemoVendor()
  onCleanup(() => demo.close())
  return demo.vendor
}

/** `extra`: further CoreOptions, e.g. `tuning` for short probe and backoff delays. */
export async function coreFor(
  env: Record<string, string | undefined>,
  dataDir = tempDir('cc-core-'),
  extra: Partial<Pick<CoreOptions, 'tuning' | 'demo'>> = {},
): Promise<CoreRig> {
  const demo = 'demo' in extra ? extra.demo : await demoVendor()
  const core = await createCore({
    ...(demo ? { demo } : {}),
    dataDir,
    env,
    shell: 'browser',
    keyProtector: new FileKeyProtector(),
    version: 'test',
    platform: 'linux',
    ...extra,
    // These tests count vendor calls: no start-up connection check unless a test asks for one.
    tuning: { startCheckDelayMs: null, ...extra.tuning },
  })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await core.close()
  }
  onCleanup(close)
  const results: CoreRig['results'] = []
  return {
    core: { ...core, close },
    dataDir,
    results,
    async call<T>(channel: string, arg?: unknown) {
      const result = (await core.dispatch(channel, arg, 'staff')) as Result<T>
      results.push({ channel, result })
      return result
    },
    logLines: () => readLogLines(join(dataDir, 'logs', 'app.log')),
  }
}

/** Every regular file under `dir`, with its bytes. */
export function allFiles(dir: string): Array<{ path: string; bytes: Buffer }> {
  const out: Array<{ path: string; bytes: Buffer }> = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = statSync(path)
    if (st.isDirectory()) out.push(...allFiles(path))
    else if (st.isFile()) out.push({ path, bytes: readFileSync(path) })
  }
  return out
}

/**
 * The ways `s` could sit in a file: as UTF-8, and base64/base64url-encoded at each of the
 * three byte alignments (edge groups dropped, so an encoding inside a longer string is found).
 */
function encodedForms(s: string): string[] {
  const forms = new Set<string>([s])
  const raw = Buffer.from(s, 'utf8')
  for (let pad = 0; pad < 3; pad++) {
    const buf = Buffer.concat([Buffer.alloc(pad, 0x20), raw])
    for (const enc of ['base64', 'base64url'] as const) {
      let b = buf.toString(enc).replace(/=+$/, '')
      if (pad > 0) b = b.slice(4)
      b = b.slice(0, Math.max(0, b.length - 4))
      if (b.length >= 12) forms.add(b)
    }
  }
  forms.add(raw.toString('hex'))
  return [...forms]
}

/** Every 16-character slice of `s` (a partial leak is still a leak). */
function slices(s: string, size = 16): string[] {
  if (s.length <= size) return [s]
  return Array.from({ length: s.length - size + 1 }, (_, i) => s.slice(i, i + size))
}

/** Which of `needles` (whole in any encoded form, or any 16 characters of it as text) occur in `haystack`. */
export function findLeaks(haystack: Buffer | string, needles: string[]): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1')
  const utf8 = typeof haystack === 'string' ? haystack : haystack.toString('utf8')
  const hits: string[] = []
  for (const n of needles) {
    for (const form of [...encodedForms(n), ...slices(n)]) {
      const latin = Buffer.from(form, 'utf8').toString('latin1')
      if (text.includes(latin) || utf8.includes(form)) {
        hits.push(`${n} (as ${form === n ? 'text' : form.slice(0, 12) + '…'})`)
        break
      }
    }
  }
  return hits
}

/** Milliseconds taken by `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - t0 }
}

/** Runs `fn` and returns the AppFailure-like error it throws (fails the test if it does not throw). */
export async function failure(fn: () => Promise<unknown>): Promise<{ code: string; message: string; status?: number; fromVendor?: boolean; fields?: Record<string, string> }> {
  try {
    await fn()
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected a failure, got a value')
}
