// The built app (browser mode) and the standalone sandbox as real processes, the way a
// person or a deployment runs them: used by the end-to-end tests and by `npm run bench`.
// Plain JavaScript so the benchmark can import it without a build; types in processes.d.mts.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Epoch milliseconds with sub-millisecond resolution: comparable with a page's timeOrigin + now(). */
const epochNow = () => performance.timeOrigin + performance.now()

/** Resolves with the first capture of the first stdout line matching `pattern`, and when it came. */
function waitForLine(proc, pattern, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${out}`)), timeoutMs)
    const onData = (chunk) => {
      out += chunk.toString()
      for (const line of out.split('\n')) {
        const m = line.match(pattern)
        if (m) {
          const at = epochNow()
          clearTimeout(timer)
          proc.stdout.off('data', onData)
          proc.off('exit', onExit)
          return resolve({ value: m[1] ?? m[0], at })
        }
      }
    }
    const onExit = (code) => {
      clearTimeout(timer)
      reject(new Error(`process exited (${code}) before printing ${pattern}; output:\n${out}`))
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', (c) => (out += c.toString()))
    proc.once('exit', onExit)
  })
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
async function stopProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** The fake vendor on loopback (`port` 0: any free one), with its admin routes as functions. */
export async function startSandboxProcess({ port = 0, root = ROOT } = {}) {
  const proc = spawn(process.execPath, [join(root, 'out/main/sandbox.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SANDBOX_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const { value: url } = await waitForLine(proc, /^SANDBOX_URL=(\S+)$/)
  const admin = async (path, init) => {
    const r = await fetch(url + path, init)
    if (!r.ok) throw new Error(`sandbox admin ${path}: ${r.status}`)
    return r.json()
  }
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    /** What the app needs to use this sandbox as its (live) member API. */
    env: {
      POS_API_BASE_URL: url,
      POS_AUTH_URL: `${url}/oauth/v1/token`,
      POS_CLIENT_ID: 'demo-client',
      POS_CLIENT_SECRET: 'demo-secret',
      POS_STORE_ID: '9920',
    },
    /** Switches the dialects it speaks (electron/sandbox/dialects.ts); [] = as documented. */
    dialect: async (dialects) => void (await admin('/__sandbox/dialect', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dialects }) })),
    /** Sets a member's e-invoice carrier (what member data sends). */
    carrier: async (phone, carrier) => void (await admin('/__sandbox/carrier', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone, carrier }) })),
    faults: async (body) => void (await admin('/__sandbox/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })),
    stats: () => admin('/__sandbox/stats'),
    resetStats: () => admin('/__sandbox/stats', { method: 'DELETE' }),
    member: (phone) => admin(`/__sandbox/members?phone=${phone}`),
    registrations: async (phone) => Number((await admin(`/__sandbox/members?phone=${phone}`)).created ?? 0),
    redeemCoupon: async (phone, code) =>
      void (await admin('/__sandbox/coupons/redeem', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone, code }) })),
    stop: () => stopProcess(proc),
  }
}

/**
 * Browser mode (`node [nodeArgs] out/main/web.js`) with its own data directory (a new one
 * unless `dataDir` is given, which a restart test reuses). Resolves once it printed its URL.
 * `maxOpenFiles` runs it under that file-descriptor limit (`ulimit -n`), as on many PCs.
 */
export async function startApp({ env = {}, dataDir, nodeArgs = [], root = ROOT, removeDataDirOnStop = false, maxOpenFiles } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cc-app-'))
  const spawnedAt = epochNow()
  const command = [process.execPath, ...nodeArgs, join(root, 'out/main/web.js')]
  const limited = maxOpenFiles ? ['/bin/sh', ['-c', `ulimit -n ${Number(maxOpenFiles)} && exec "$@"`, 'sh', ...command]] : [command[0], command.slice(1)]
  const proc = spawn(limited[0], limited[1], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const { value: url, at: urlAt } = await waitForLine(proc, /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/)
  /** Cookies of the session the launch URL started, once a page opened it (see `open`). */
  let session = null
  return {
    url,
    origin: new URL(url).origin,
    dataDir: dir,
    /**
     * Opens the app in a Playwright page. The launch URL works once: the first page opens
     * it, later pages (new browser contexts) are given that page's session cookie.
     */
    async open(page) {
      if (session) {
        await page.context().addCookies(session)
        return page.goto(new URL(url).origin + '/')
      }
      const res = await page.goto(url)
      session = await page.context().cookies(new URL(url).origin)
      return res
    },
    proc,
    spawnedAt,
    urlAt,
    async stop() {
      await stopProcess(proc)
      if (removeDataDirOnStop) rmSync(dir, { recursive: true, force: true })
    },
  }
}
