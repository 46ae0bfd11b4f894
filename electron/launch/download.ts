import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { errorMessage } from '../shared/errors'

// The first `npm start` fetches Electron (about 100 MB) through the electron package's own
// downloader, @electron/get, so the zip lands in its cache and the package's install.js
// then only unpacks it. Unlike install.js on its own this shows progress, has no overall
// time limit (a slow store line still finishes), gives up only when no data has arrived
// for a while, and tells a stalled download from one the network refuses.

export interface Progress {
  transferred: number
  total: number | null
}

export type DownloadFailure = {
  /** timeout: the connection stopped delivering; blocked: the network refuses it; failed: anything else. */
  kind: 'timeout' | 'blocked' | 'failed'
  /** The low-level reason (an error code or HTTP status), for IT. */
  detail: string
}

const STALL_MS = 60_000

/** Connection-level codes that mean "this network will not let it through" (DNS, firewall, TLS-inspecting proxy). */
const BLOCKED_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EACCES',
  'EPERM',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])
/** Codes of a connection that went quiet: slow or interrupted, worth another try. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'ECONNABORTED'])
/** HTTP answers a proxy or firewall gives for a refused download. */
const BLOCKED_STATUS = new Set([401, 403, 407, 451])

type ErrorLike = { name?: string; message?: string; code?: string; cause?: unknown; response?: { status?: number } }

function codeOf(e: unknown): string | undefined {
  let cur = e as ErrorLike | undefined
  for (let depth = 0; cur && depth < 5; depth++) {
    if (typeof cur.code === 'string') return cur.code
    cur = cur.cause as ErrorLike | undefined
  }
  return undefined
}

export function classifyDownloadError(e: unknown, stalled: boolean): DownloadFailure {
  const err = (e ?? {}) as ErrorLike
  if (stalled) return { kind: 'timeout', detail: `no data for ${STALL_MS / 1000} s` }
  const status = err.response?.status
  if (typeof status === 'number') return { kind: BLOCKED_STATUS.has(status) ? 'blocked' : 'failed', detail: `HTTP ${status}` }
  const code = codeOf(e)
  if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', detail: code }
  if (code && BLOCKED_CODES.has(code)) return { kind: 'blocked', detail: code }
  return { kind: 'failed', detail: code ?? errorMessage(e) }
}

interface ElectronGet {
  downloadArtifact(details: Record<string, unknown>): Promise<string>
}

export interface DownloadOptions {
  /** node_modules/electron: its version, checksums and its own @electron/get. */
  pkgDir: string
  env: Record<string, string | undefined>
  onProgress: (p: Progress) => void
  stallMs?: number
  /** Tests: a local mirror and the checksums of its files. */
  mirror?: string
  checksums?: Record<string, string>
  cacheRoot?: string
}

/** Puts Electron's zip into @electron/get's cache (where install.js looks first); resolves to its path. */
export async function downloadElectron(opts: DownloadOptions): Promise<{ ok: true; zip: string } | ({ ok: false } & DownloadFailure)> {
  const { pkgDir, env } = opts
  const stallMs = opts.stallMs ?? STALL_MS
  const requireFromElectron = createRequire(join(pkgDir, 'install.js'))
  const get = (await import(pathToFileURL(requireFromElectron.resolve('@electron/get')).href)) as ElectronGet
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }
  const abort = new AbortController()
  let stalled = false
  let watchdog: NodeJS.Timeout | undefined
  const arm = () => {
    clearTimeout(watchdog)
    watchdog = setTimeout(() => {
      stalled = true
      abort.abort()
    }, stallMs)
  }
  arm()
  try {
    const zip = await get.downloadArtifact({
      version: pkg.version,
      artifactName: 'electron',
      // The same platform, arch and cache as the package's install.js, so it finds this zip.
      platform: env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform,
      arch: env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch,
      cacheRoot: opts.cacheRoot ?? env.electron_config_cache,
      checksums: opts.checksums ?? (JSON.parse(readFileSync(join(pkgDir, 'checksums.json'), 'utf8')) as Record<string, string>),
      ...(opts.mirror ? { mirrorOptions: { mirror: opts.mirror } } : {}),
      downloadOptions: {
        quiet: true,
        signal: abort.signal,
        getProgressCallback: async (p: Progress) => {
          arm()
          opts.onProgress({ transferred: p.transferred, total: p.total })
        },
      },
    })
    return { ok: true, zip }
  } catch (e) {
    return { ok: false, ...classifyDownloadError(e, stalled) }
  } finally {
    clearTimeout(watchdog)
  }
}
