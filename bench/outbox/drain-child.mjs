// Child process for the outbox figures (bundled by bench/outbox.mjs with vite, run with node):
// the app's real Outbox, MemberService, VendorClient, local database and logger, against an
// in-process sandbox over loopback HTTP. Queues N sign-ups, drains them, checks the sandbox
// for duplicates, and prints one JSON line. The database's batches are timed and counted, so
// the drain's storage share (and whether it grows with the queue) is its own figure.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLogger } from '../../electron/core/log.ts'
import { MemberCache } from '../../electron/core/member-cache.ts'
import { MemberService } from '../../electron/core/members.ts'
import { Notices } from '../../electron/core/notices.ts'
import { Outbox } from '../../electron/core/outbox.ts'
import { FileKeyProtector } from '../../electron/core/storage/key-protector.ts'
import { LocalStore } from '../../electron/core/storage/local-store.ts'
import { Vault } from '../../electron/core/storage/vault.ts'
import { VendorClient } from '../../electron/core/vendor/http.ts'
import { startSandbox } from '../../electron/sandbox/server.ts'

const N = Number(process.argv[2] ?? 1000)
const dir = mkdtempSync(join(tmpdir(), 'cc-bench-outbox-'))

async function main() {
  const sandbox = await startSandbox({})
  const credentials = {
    apiBaseUrl: sandbox.apiBaseUrl,
    authUrl: sandbox.authUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    storeId: '9920',
  }
  const log = createLogger({ dir: join(dir, 'logs') })
  const notices = new Notices()
  const store = await LocalStore.open({ dataDir: dir, notices })
  const storage = { store, vault: Vault.open(join(dir, 'keys', 'file'), new FileKeyProtector()), notices }
  // Where the time goes: every outbox change is one fsynced batch (that item's record + the digest).
  let persistMs = 0
  let persists = 0
  let persistBytes = 0
  const batch = store.db.batch.bind(store.db)
  store.db.batch = async (ops, options) => {
    const t0 = performance.now()
    try {
      return await batch(ops, options)
    } finally {
      persistMs += performance.now() - t0
      persists++
      for (const op of ops) persistBytes += op.key.length + (op.value?.length ?? 0)
    }
  }
  const vendor = new VendorClient({ credentials: () => credentials, log })
  const cache = await MemberCache.open({ storage, retentionDays: () => 30 })
  let members = null
  let transportMs = 0
  const timed = async (fn) => {
    const t0 = performance.now()
    try {
      return await fn()
    } finally {
      transportMs += performance.now() - t0
    }
  }
  const outbox = await Outbox.open({
    storage,
    transport: {
      isMember: (phone) => timed(async () => (await members.findOrNull(phone)) !== null),
      create: (form) => timed(async () => ({ memberId: (await members.create(form)).id })),
    },
  })
  members = new MemberService({ vendor: () => vendor, storeId: () => '9920', log, cache, outbox })

  const phones = Array.from({ length: N }, (_, i) => `09${String(60_000_000 + i).padStart(8, '0')}`)
  const e0 = performance.now()
  for (const [i, phone] of phones.entries()) await outbox.enqueue({ phone, name: `排隊會員${i}`, email: `q${i}@example.com` })
  const enqueueMs = performance.now() - e0
  const enqueuePersist = { ms: persistMs, count: persists, bytes: persistBytes }
  persistMs = 0
  persists = 0
  persistBytes = 0

  const d0 = performance.now()
  let summary = await outbox.drain()
  let rounds = 1
  while (summary.pending > 0 && rounds < 20) {
    await new Promise((r) => setTimeout(r, 50))
    summary = await outbox.drain()
    rounds++
  }
  const drainMs = performance.now() - d0

  let duplicates = 0
  let rejectedDuplicates = 0
  let missing = 0
  for (const phone of phones) {
    const r = await fetch(`${sandbox.apiBaseUrl}/__sandbox/members?phone=${phone}`)
    const m = await r.json()
    if (!m.isMember) missing++
    duplicates += Math.max(0, (m.created ?? 0) - 1)
    rejectedDuplicates += m.rejectedDuplicates ?? 0
  }
  const result = {
    items: N,
    concurrency: 2,
    enqueueMs,
    enqueuePersist,
    drainMs,
    drainRounds: rounds,
    drainPersist: { ms: persistMs, count: persists, bytes: persistBytes },
    transportMs,
    summary,
    signupPosts: sandbox.stats.signupPosts,
    apiRequests: sandbox.stats.apiRequests,
    duplicates,
    rejectedDuplicates,
    missing,
  }
  await outbox.close()
  await store.close()
  await sandbox.close()
  log.flush?.()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main()
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exitCode = 1
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }))
