import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Starts the built app (browser mode) and the standalone sandbox as real processes, the
// way a person or a deployment runs them, and reads the URL each prints.

const ROOT = new URL('../../..', import.meta.url).pathname

function waitForLine(proc: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${out}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      for (const line of out.split('\n')) {
        const m = line.match(pattern)
        if (m) {
          clearTimeout(timer)
          proc.stdout?.off('data', onData)
          return resolve(m[1] ?? m[0])
        }
      }
    }
    proc.stdout?.on('data', onData)
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`process exited (${code}) before printing ${pattern}; output:\n${out}`))
    })
  })
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

export interface RunningApp {
  url: string
  origin: string
  dataDir: string
  proc: ChildProcess
  stop(): Promise<void>
}

export async function startApp(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cc-e2e-'))
  const proc = spawn(process.execPath, [join(ROOT, 'out/main/web.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await waitForLine(proc, /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/)
  return { url, origin: new URL(url).origin, dataDir, proc, stop: () => stop(proc) }
}

export interface RunningSandbox {
  url: string
  port: number
  env: Record<string, string>
  faults(body: Record<string, unknown>): Promise<void>
  stats(): Promise<Record<string, unknown>>
  registrations(phone: string): Promise<number>
  stop(): Promise<void>
}

export async function startSandboxProcess(port = 0): Promise<RunningSandbox> {
  const proc = spawn(process.execPath, [join(ROOT, 'out/main/sandbox.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SANDBOX_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await waitForLine(proc, /^SANDBOX_URL=(\S+)$/)
  const admin = async (path: string, init?: RequestInit) => {
    const r = await fetch(url + path, init)
    if (!r.ok) throw new Error(`sandbox admin ${path}: ${r.status}`)
    return r.json() as Promise<Record<string, unknown>>
  }
  return {
    url,
    port: Number(new URL(url).port),
    env: {
      POS_API_BASE_URL: url,
      POS_AUTH_URL: `${url}/oauth/v1/token`,
      POS_CLIENT_ID: 'demo-client',
      POS_CLIENT_SECRET: 'demo-secret',
      POS_STORE_ID: '9920',
    },
    faults: async (body) => void (await admin('/__sandbox/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })),
    stats: () => admin('/__sandbox/stats'),
    registrations: async (phone) => Number((await admin(`/__sandbox/members?phone=${phone}`)).created ?? 0),
    stop: () => stop(proc),
  }
}
