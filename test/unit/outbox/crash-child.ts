// Child process for crash.test.ts (bundled to plain ESM by the test, then run with `node`).
// Opens the local database and the outbox in argv[2] and, until it is killed, enqueues
// sign-ups and drains them against a flaky fake vendor, while member copies are written
// behind. After each enqueue resolves it prints `accepted <id> <phone>`: from that moment the
// item must survive a kill -9.
import { writeSync } from 'node:fs'
import { AppFailure } from '../../../electron/core/errors'
import { MemberCache } from '../../../electron/core/member-cache'
import { Notices } from '../../../electron/core/notices'
import { Outbox, type OutboxTransport } from '../../../electron/core/outbox'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { LocalStore } from '../../../electron/core/storage/local-store'
import { Vault } from '../../../electron/core/storage/vault'
import type { MemberView } from '../../../electron/shared/types'

const dir = process.argv[2]
if (!dir) throw new Error('usage: crash-child <dataDir>')

const pause = (maxMs: number) => new Promise<void>((r) => setTimeout(r, Math.random() * maxMs))

const transport: OutboxTransport = {
  async isMember() {
    await pause(2)
    if (Math.random() < 0.1) throw new AppFailure('OFFLINE', 'offline')
    return Math.random() < 0.05
  },
  async create(form) {
    await pause(3)
    if (Math.random() < 0.15) throw new AppFailure('TIMEOUT', 'timed out')
    if (Math.random() < 0.05) throw new AppFailure('VENDOR', 'refused', { status: 400 })
    return { memberId: `m-${form.phone}` }
  },
}

const notices = new Notices()
const storage = { store: await LocalStore.open({ dataDir: dir, notices }), vault: Vault.open(dir, new FileKeyProtector()), notices }
const outbox = await Outbox.open({ storage, transport, baseDelayMs: 1, maxDelayMs: 5 })
const cache = await MemberCache.open({ storage, retentionDays: () => 30, flushDelayMs: 1 })

// Synchronous writes: once printed, the line is in the pipe even if we die a microsecond later.
const say = (line: string) => writeSync(1, `${line}\n`)

let n = 0
async function step(): Promise<void> {
  const phone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  const item = await outbox.enqueue({ phone, name: '測試會員', email: `crash${n}@example.com` })
  say(`accepted ${item.id} ${phone}`)
  cache.put(phone, { profile: { id: `m-${n}`, name: '測試會員' } } as unknown as MemberView)
  if (++n % 3 === 0) void outbox.drain()
  setImmediate(() => void step()) // let the drain's timers and promises run between enqueues
}

say('ready')
void step()
// Never outlive a parent that forgot us.
setTimeout(() => process.exit(0), 10_000).unref()
