// Child process for the member-cache figures (bundled by bench/outbox.mjs, run with node):
// the app's MemberCache on the local database, holding N copies (100, 1,000, 5,000), then
// LOOKUPS lookups of cached members, each storing its fresh copy as a lookup does (put) and
// writing it (flush: in the app this runs behind the reply, here it is timed with it). Prints
// one JSON line: time per lookup (put + write) and bytes handed to the database per lookup.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { MemberCache } from '../../electron/core/member-cache.ts'
import { Notices } from '../../electron/core/notices.ts'
import { FileKeyProtector } from '../../electron/core/storage/key-protector.ts'
import { LocalStore } from '../../electron/core/storage/local-store.ts'
import { Vault } from '../../electron/core/storage/vault.ts'

const N = Number(process.argv[2] ?? 100)
const LOOKUPS = Number(process.argv[3] ?? 300)
const dir = mkdtempSync(join(tmpdir(), 'cc-bench-cache-'))

/** A member view the size of a real one (~1.5 kB of JSON: profile, points, gifts, coupons). */
function view(local, i) {
  return {
    profile: { id: `m-${i}`, name: `會員${i}`, phone: { local, e164: `+886${local.slice(1)}` }, birthday: '1990-01-02', sex: 'female', avatarUrl: null, cardImageUrl: null, memberSince: '2020-01-01T10:00:00+08:00', visits: i % 50, carrier: null },
    vip: { id: 'v1', level: '2', name: '銀卡會員', posCode: 'S' },
    pointCard: { points: 680 + i, expiring: [{ points: 200, at: '2026-12-13' }] },
    gifts: Array.from({ length: 3 }, (_, g) => ({ id: `g${g}`, name: `贈品 ${g} 馬克杯`, points: 300 * (g + 1), redeemable: g === 0, reason: g === 0 ? null : 'not-redeemable' })),
    coupons: Array.from({ length: 4 }, (_, c) => ({ id: `c${c}`, code: `LYT2026CPN${i}${c}`, title: `優惠券 ${c} 任一飲品折 30 元`, from: '2026-08-01', until: '2035-08-31', status: 'usable' })),
    fetchedAt: new Date().toISOString(),
    source: 'live',
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function main() {
  const notices = new Notices()
  const store = await LocalStore.open({ dataDir: dir, notices })
  const storage = { store, vault: Vault.open(join(dir, 'keys', 'file'), new FileKeyProtector()), notices }
  const phones = Array.from({ length: N }, (_, i) => `09${String(10_000_000 + i).padStart(8, '0')}`)
  const fill = await MemberCache.open({ storage, retentionDays: () => 30 })
  for (const [i, p] of phones.entries()) fill.put(p, view(p, i))
  await fill.flush()
  // The app's start: every copy read and checked once.
  const o0 = performance.now()
  const cache = await MemberCache.open({ storage, retentionDays: () => 30 })
  const openMs = performance.now() - o0
  if (cache.size !== N) throw new Error(`expected ${N} copies, found ${cache.size}`)

  const times = []
  const bytesBefore = cache.bytesWritten
  for (let k = 0; k < LOOKUPS; k++) {
    const i = (k * 7919) % N
    const t0 = performance.now()
    const hit = cache.get(phones[i])
    if (!hit) throw new Error('a cached member was not found')
    cache.put(phones[i], view(phones[i], i))
    await cache.flush()
    times.push(performance.now() - t0)
  }
  const bytesPerLookup = (cache.bytesWritten - bytesBefore) / LOOKUPS
  times.sort((a, b) => a - b)
  await store.close()
  process.stdout.write(`${JSON.stringify({ cached: N, lookups: LOOKUPS, openMs, medianMs: pct(times, 50), p95Ms: pct(times, 95), bytesPerLookup })}\n`)
}

main()
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exitCode = 1
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }))
