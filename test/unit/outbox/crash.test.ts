// CRASH TEST: a real child process works the outbox (and the member cache) in the local
// database and is killed with SIGKILL at a random moment, again and again on one directory.
// After every kill the database must open (no stale lock, no damaged record, no notice), and
// every item the child reported as accepted must be there exactly once.
//
// Node 20 cannot run TypeScript, and vitest's transform is not available to a child, so the
// child (crash-child.ts and the modules it imports) is bundled to one ESM file with vite.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Outbox, type OutboxTransport } from '../../../electron/core/outbox'
import { isOutboxEntry } from '../../../electron/core/outbox-entry'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { SealedRecords } from '../../../electron/core/storage/sealed-records'
import { Vault } from '../../../electron/core/storage/vault'
import { openTestStorage } from '../storage/helpers'

const ITERATIONS = 50
const root = resolve(import.meta.dirname, '../../..')
let work: string
let bundleDir: string
let childScript: string

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cc-crash-'))
  // Inside the project, so the bundle's external imports (classic-level) resolve from node_modules.
  const cache = join(root, 'node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const outDir = mkdtempSync(join(cache, 'cc-crash-bundle-'))
  bundleDir = outDir
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: resolve(import.meta.dirname, 'crash-child.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      write: true,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'crash-child.mjs' } },
    },
  })
  childScript = join(outDir, 'crash-child.mjs')
}, 30_000)

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  rmSync(bundleDir, { recursive: true, force: true })
})

interface Run {
  accepted: { id: string; phone: string }[]
  signal: NodeJS.Signals | null
  stderr: string
}

/** Runs the child until `killAfterMs` past its 'ready' line, then SIGKILLs it. */
function runAndKill(dataDir: string, killAfterMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', fail)
    child.on('close', (_code, signal) => {
      clearTimeout(timer)
      // Only complete lines count: a torn last line was not fully reported.
      const accepted = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('accepted '))
        .map((l) => {
          const [, id = '', phone = ''] = l.split(' ')
          return { id, phone }
        })
      done({ accepted, signal, stderr })
    })
  })
}

const unusedTransport: OutboxTransport = {
  isMember: () => Promise.reject(new Error('not in this test')),
  create: () => Promise.reject(new Error('not in this test')),
}

describe('Outbox under kill -9', () => {
  it(`keeps every accepted sign-up exactly once across ${ITERATIONS} random kills`, async () => {
    const dataDir = join(work, 'data')
    const accepted = new Map<string, string>() // id → phone
    const started = Date.now()
    let killedMidWork = 0
    let killedMidSend = 0

    for (let i = 0; i < ITERATIONS; i++) {
      const run = await runAndKill(dataDir, 5 + Math.random() * 75)
      expect(run.signal, `iteration ${i} should die by SIGKILL; stderr: ${run.stderr}`).toBe('SIGKILL')
      for (const { id, phone } of run.accepted) accepted.set(id, phone)
      if (run.accepted.length > 0) killedMidWork++

      // Open it in this process, the way the app would after the crash: a lock left behind
      // would make this throw.
      const storage = await openTestStorage(dataDir, Vault.open(dataDir, new FileKeyProtector()))
      const { loaded } = await SealedRecords.open({ ...storage, kind: 'outbox', valid: isOutboxEntry, durable: true })
      if (loaded.some((r) => r.value.state === 'sending')) killedMidSend++
      const outbox = await Outbox.open({ storage, transport: unusedTransport })
      const ids = outbox.list().map((item) => item.id)
      const present = new Set(ids)
      expect(present.size, `iteration ${i}: an item appears twice`).toBe(ids.length)
      const lost = [...accepted.keys()].filter((id) => !present.has(id))
      expect(lost, `iteration ${i}: accepted items lost`).toEqual([])
      expect(outbox.summary().sending, 'sending is recovered on open').toBe(0)
      // Opening the member copies too: nothing damaged, nothing kept aside.
      await SealedRecords.open({ ...storage, kind: 'member', valid: (_x): _x is unknown => true, durable: false })
      expect(storage.notices.list(), `iteration ${i}: damage after a kill`).toEqual([])
      await outbox.close()
      await storage.store.close()
    }

    // No phone in plaintext anywhere, temp files cleaned up by the last open.
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name))
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)))
    for (const phone of new Set(accepted.values())) expect(bytes.includes(Buffer.from(phone))).toBe(false)
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([])

    expect(killedMidWork).toBeGreaterThan(ITERATIONS / 2)
    console.info(
      `crash test: ${ITERATIONS} kills, ${accepted.size} accepted items verified, ${killedMidWork} kills mid-work, ${killedMidSend} kills mid-send, ${Date.now() - started} ms`,
    )
  }, 120_000)
})
