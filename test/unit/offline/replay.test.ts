// THE REPLAY: 200 sign-ups taken while the store's network is down, then sent to the sandbox
// over real HTTP while it drops every fifth call and answers 503 to every seventh. Another
// counter registers one of the phones meanwhile. At the end every member exists exactly once,
// that phone is a conflict with no POST from us, and nothing in the data directory reads as a
// phone or a name.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import seedJson from '../../../resources/sandbox/seed.json'
import type { OutboxItem } from '../../../electron/shared/contract'
import { allFiles, clientFor, coreFor, findLeaks, sandbox } from '../api/helpers'
import { network, plainForms, registrations, testSignup, waitFor } from './helpers'

const ITEMS = 200
const CONFLICT_INDEX = 120
const forms = Array.from({ length: ITEMS }, (_, i) => testSignup(i))
const dataDir = mkdtempSync(join(tmpdir(), 'cc-replay-'))
let replayed = false

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

type Entry = OutboxItem & { sentOnce: boolean; nextAttemptAt: string | null }

describe('outbox replay against the sandbox', () => {
  it('200 queued sign-ups, every 5th call dropped and every 7th a 503: each member exists exactly once; the phone registered meanwhile is a conflict, never POSTed', async () => {
    const sb = await sandbox()
    const net = await network()
    const { core, call } = await coreFor(net.env(sb), dataDir, {
      tuning: {
        probeFirstDelayMs: 20,
        probeMaxDelayMs: 200,
        outboxConcurrency: 4,
        outboxBaseDelayMs: 20,
        outboxMaxDelayMs: 200,
        outboxMinRetryDelayMs: 20,
      },
    })
    const states: string[] = []
    core.onEvent((name, payload) => {
      // State changes only: offline, each rescheduled probe is announced again with its time.
      const state = (payload as { state: string }).state
      if (name === 'connection:changed' && states.at(-1) !== state) states.push(state)
    })

    // 1. The network is down: every sign-up is stored and the staff told "queued".
    for (const form of forms) {
      const r = await call<{ status: string }>('member:signup', form)
      expect(r, form.phone).toMatchObject({ ok: true, value: { status: 'queued' } })
    }
    const queued = await call<Entry[]>('outbox:list')
    expect(queued.ok && queued.value.map((i) => [i.state, i.sentOnce])).toEqual(forms.map(() => ['pending', false]))
    expect(states).toEqual(['offline'])
    expect(sb.stats.apiRequests + sb.stats.tokenRequests).toBe(0)

    // 2. Meanwhile another counter signs one of them up, straight at the vendor.
    const conflict = forms[CONFLICT_INDEX]!
    await (await clientFor(sb)).members.create(conflict)
    expect(await registrations(sb, conflict.phone)).toMatchObject({ isMember: true, created: 1, rejectedDuplicates: 0 })

    // 3. The network returns to a flaky vendor. Nobody presses anything: the probe notices,
    //    the outbox drains, and its timer retries what failed. Staff pressing "send now"
    //    a few times on top must not start a second sender.
    sb.stats.reset()
    sb.faults.everyNth({ drop: 5, status503: 7 })
    const started = performance.now()
    await net.up(sb.port)
    let presses = 0
    const list = await waitFor(
      'every sign-up to settle',
      async () => {
        if (presses < 5 && performance.now() - started > 300 * (presses + 1)) {
          presses++
          void call('outbox:sendNow')
        }
        const r = await call<Entry[]>('outbox:list')
        if (!r.ok) return null
        return r.value.every((i) => i.state !== 'pending' && i.state !== 'sending') ? r.value : null
      },
      40_000,
      50,
    )
    const seconds = (performance.now() - started) / 1000

    // Every item settled: done, except the phone the other counter took.
    expect(list).toHaveLength(ITEMS)
    const byPhone = new Map(list.map((i) => [i.form.phone, i]))
    for (const [i, form] of forms.entries()) {
      const item = byPhone.get(form.phone)!
      expect(item.state, form.phone).toBe(i === CONFLICT_INDEX ? 'conflict' : 'done')
    }
    // The conflict: found by member:find before any POST. An item that had ever been POSTed
    // would carry sentOnce and end 'done' (taken as ours), so 'conflict' itself says "never sent";
    // the vendor agrees: one creation (the other counter's) and no refused duplicate.
    const conflictItem = byPhone.get(conflict.phone)!
    expect(conflictItem.sentOnce).toBe(false)
    expect(conflictItem.attempts.at(-1)).toMatchObject({ outcome: 'conflict' })
    expect(conflictItem.attempts.some((a) => a.outcome === 'created')).toBe(false)

    // The vendor's side: every phone registered exactly once, no POST refused as a duplicate.
    for (const form of forms) {
      expect(await registrations(sb, form.phone), form.phone).toMatchObject({ isMember: true, created: 1, rejectedDuplicates: 0 })
    }

    // The faults really happened, and the history shows them.
    const drops = sb.stats.timings.filter((t) => t.status === 0).length
    const status503 = sb.stats.timings.filter((t) => t.status === 503).length
    expect(sb.stats.timings.length).toBe(sb.stats.apiRequests + sb.stats.tokenRequests)
    expect(drops).toBeGreaterThan(20)
    expect(status503).toBeGreaterThan(20)
    expect(sb.stats.signupPosts).toBeGreaterThanOrEqual(ITEMS - 1)
    const retried = list.filter((i) => i.attempts.some((a) => a.outcome === 'retry'))
    expect(retried.length).toBeGreaterThan(0)
    // A POST whose answer was dropped after the vendor created the member: recognised as ours.
    const takenAsOurs = list.filter((i) => i.state === 'done' && i.memberId === null)
    expect(states.at(-1)).not.toBe('offline')
    expect(seconds).toBeLessThan(40)

    console.log(
      `replay: ${ITEMS} items, ${sb.stats.signupPosts} POSTs, ${sb.stats.apiRequests} API calls, ` +
        `${drops} dropped, ${status503} × 503, ${retried.length} items retried, ` +
        `${takenAsOurs.length} done after a lost answer, ${states.length} state changes, ${presses} send-now presses, ${seconds.toFixed(1)} s`,
    )
    replayed = true
  }, 60_000)

  it('leaves no phone or name in plain text anywhere in the data directory (cache, outbox, settings, logs, audit)', () => {
    expect(replayed, 'the replay above must have run').toBe(true)
    const seeded = (seedJson as { members: Array<{ phone: string; login: { user: { name: string } } }> }).members
    const needles = [
      ...forms.flatMap((f) => [...plainForms(f.phone), ...plainForms(f.name)]),
      ...seeded.flatMap((m) => [...plainForms(m.phone), ...plainForms(m.login.user.name)]),
    ]
    const files = allFiles(dataDir)
    const names = files.map((f) => relative(dataDir, f.path))
    expect(names).toEqual(expect.arrayContaining(['settings.json', join('logs', 'app.log'), join('store', 'CURRENT')]))
    expect(names.filter((n) => n.startsWith(join('store', '')) && /\.(log|ldb)$/.test(n)).length).toBeGreaterThan(0)
    for (const file of files) {
      expect(findLeaks(file.bytes, needles), relative(dataDir, file.path)).toEqual([])
    }
  })
})
