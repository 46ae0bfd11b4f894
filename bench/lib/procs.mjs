// The sandbox and browser mode as real processes (as test/e2e/support/processes.ts does),
// plus what the benchmark needs: the moment each process was spawned, node flags for the
// app (--expose-gc) and the opt-in POS_BENCH_HOOKS=1 heap route.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

/** Epoch milliseconds with sub-millisecond resolution: comparable with a page's timeOrigin + now(). */
export const epochNow = () => performance.timeOrigin + performance.now()

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

async function stop(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

export async function startSandboxProcess(root) {
  const proc = spawn(process.execPath, [join(root, 'out/main/sandbox.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SANDBOX_PORT: '0' },
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
    proc,
    env: {
      POS_API_BASE_URL: url,
      POS_AUTH_URL: `${url}/oauth/v1/token`,
      POS_CLIENT_ID: 'demo-client',
      POS_CLIENT_SECRET: 'demo-secret',
      POS_STORE_ID: '9920',
    },
    stats: () => admin('/__sandbox/stats'),
    resetStats: () => admin('/__sandbox/stats', { method: 'DELETE' }),
    faults: (body) => admin('/__sandbox/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    member: (phone) => admin(`/__sandbox/members?phone=${phone}`),
    stop: () => stop(proc),
  }
}

/**
 * Starts browser mode (`node [nodeArgs] out/main/web.js`) with its own data directory.
 * Returns the URL it printed, when it was spawned and when the URL line arrived.
 */
export async function startApp(root, { env = {}, nodeArgs = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'))
  const spawnedAt = epochNow()
  const proc = spawn(process.execPath, [...nodeArgs, join(root, 'out/main/web.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const { value: url, at: urlAt } = await waitForLine(proc, /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/)
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    proc,
    spawnedAt,
    urlAt,
    async stop() {
      await stop(proc)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
