// `npm run bench`: performance figures for Counter Companion in browser mode (see README,
// "Performance"). Builds out/ if stale, starts the sandbox and the app as real processes on
// loopback, drives headless Debian Chromium, prints ONE table (stdout) and writes the same
// as JSON to bench/results/latest.json plus a timestamped copy. A benchmark, not a test:
// it exits 0 whatever the figures, non-zero only when a section could not be measured.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from './lib/browser.mjs'
import { ensureBuilt } from './lib/build.mjs'
import { machineInfo } from './lib/machine.mjs'
import { startSandboxProcess } from '../test/support/processes.mjs'
import { rendererSizes } from './lib/sizes.mjs'
import { progress, summarise } from './lib/stats.mjs'
import { buildTable, renderTable } from './lib/table.mjs'
import { customerEnterToCard } from './customer.mjs'
import { checkNames, COUPON_MEMBER, logEvery, lookupOnce, mainHeap, openApp, prepareMembers, rendererHeap, showToScannerTimes } from './lookup.mjs'
import { runCacheLookups, runOutboxDrain } from './outbox.mjs'
import { bundleScannerPage, openScannerPage, runImeComparison, runScannerComparison, timeJsBarcode } from './scanner.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const QUICK = process.argv.includes('--quick') // a short smoke run while editing the bench

const PLAN = {
  members: 20,
  /** App starts with 20 cold lookups each (start-up is measured on each). */
  coldStarts: QUICK ? 2 : 8,
  /** Lookups in the long run: 1–20 cold, 21–200 warm (the 200), on to 1,000 for memory. */
  lookups: QUICK ? 200 : 1000,
  warmUntil: 200,
  heapAt: [100, QUICK ? 200 : 1000],
  barcodeRuns: QUICK ? 10 : 40,
  jsbarcodeRuns: 200,
  cachedLookups: QUICK ? 10 : 40,
  scannerTraces: 1000,
  scannerSeed: 20_240_611,
  /** Outbox drains (issue 12: 100, 1,000, 10,000; linear) and member-cache sizes (100, 1,000, 5,000). */
  outboxSizes: QUICK ? [100, 300] : [100, 1000, 10_000],
  cacheSizes: QUICK ? [100, 1000] : [100, 1000, 5000],
  cacheLookups: QUICK ? 100 : 300,
  /** Real-time scans through the Zhuyin IME, per contender and scanner speed. */
  imeScans: QUICK ? 5 : 40,
  /** Phones keyed on the customer display's keypad, each to the staff card. */
  customerRuns: QUICK ? 5 : 40,
}
/** The long run's app: GC exposed for the heap route (electron/web/bench-hooks.ts; every start has the hooks). */
const HOOKED = { nodeArgs: ['--expose-gc'] }

const raw = { plan: PLAN, errors: {} }

async function section(name, fn) {
  const t0 = performance.now()
  progress(`${name} …`)
  try {
    await fn()
  } catch (e) {
    raw.errors[name] = e instanceof Error ? e.message : String(e)
    progress(`${name} FAILED: ${raw.errors[name]}`)
  }
  progress(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

async function main() {
  const started = performance.now()
  raw.build = ensureBuilt(ROOT)
  raw.sizes = rendererSizes(ROOT)

  const browser = await launchChromium()
  raw.machine = machineInfo(browser.version())
  let sandbox = await startSandboxProcess({ root: ROOT })
  let session = null
  try {
    const phones = await prepareMembers(sandbox, PLAN.members)
    const names = new Map()
    const cold = []
    const startups = []

    await section('cold starts', async () => {
      for (let k = 0; k < PLAN.coldStarts; k++) {
        const s = await openApp(ROOT, browser, sandbox)
        try {
          startups.push(s.startup)
          for (let i = 0; i < phones.length; i++) cold.push({ ...(await lookupOnce(s, sandbox, phones[(i + k) % phones.length])), firstAfterStart: i === 0 })
        } finally {
          await s.close()
        }
        progress(`cold starts: ${k + 1}/${PLAN.coldStarts}`)
      }
      checkNames(cold, names)
    })
    raw.startup = startups
    raw.cold = cold

    const warm = []
    const soak = []
    const heap = []
    await section('1,000 lookups', async () => {
      session = await openApp(ROOT, browser, sandbox, HOOKED)
      for (let i = 1; i <= PLAN.lookups; i++) {
        const r = await lookupOnce(session, sandbox, phones[(i - 1) % phones.length])
        if (i <= phones.length) cold.push({ ...r, firstAfterStart: i === 1 })
        else if (i <= PLAN.warmUntil) warm.push(r)
        else soak.push(r)
        if (i % 100 === 0) heap.push({ lookup: i, main: await mainHeap(session), renderer: await rendererHeap(session) })
        logEvery(i, PLAN.lookups, 'lookups')
      }
      checkNames([...warm, ...soak], names)
    })
    raw.warm = warm
    raw.soak = soak
    raw.heap = heap

    await section('customer display', async () => {
      raw.customer = await customerEnterToCard(ROOT, browser, sandbox, phones, PLAN.customerRuns)
      checkNames(raw.customer, names)
    })

    await section('barcode', async () => {
      raw.showToScanner = await showToScannerTimes(session, sandbox, PLAN.barcodeRuns)
    })

    const cached = []
    await section('cached lookups', async () => {
      // The vendor goes away (process stopped: connection refused), as when the store's
      // network drops; every phone has been looked up, so each has an offline copy.
      await sandbox.stop()
      sandbox = null
      for (let i = 0; i < PLAN.cachedLookups; i++) {
        const r = await lookupOnce(session, null, phones[i % phones.length], { sandboxUp: false })
        if (r.source !== 'cache') throw new Error(`lookup ${i + 1} showed source "${r.source}", not the offline copy`)
        cached.push(r)
      }
      checkNames(cached, names)
    })
    raw.cached = cached
    if (session) await session.close()
    session = null

    await section('scanner', async () => {
      const bundle = await bundleScannerPage(ROOT)
      try {
        const page = await openScannerPage(browser, bundle)
        raw.scanner = await runScannerComparison(page, PLAN.scannerTraces, PLAN.scannerSeed)
        raw.jsbarcode = await timeJsBarcode(page, COUPON_MEMBER.code, PLAN.jsbarcodeRuns)
        raw.scannerIme = await runImeComparison(page, PLAN.imeScans, PLAN.scannerSeed)
        await page.close()
      } finally {
        bundle.cleanup()
      }
    })

    await section('member cache', async () => {
      raw.cache = []
      for (const n of PLAN.cacheSizes) raw.cache.push(await runCacheLookups(ROOT, n, PLAN.cacheLookups))
    })

    await section('outbox', async () => {
      raw.outbox = []
      for (const n of PLAN.outboxSizes) raw.outbox.push(await runOutboxDrain(ROOT, n))
    })
  } finally {
    if (session) await session.close().catch(() => {})
    if (sandbox) await sandbox.stop().catch(() => {})
    await browser.close().catch(() => {})
  }
  raw.benchSeconds = Math.round((performance.now() - started) / 100) / 10
  return raw
}

function write(result, rows) {
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const at = new Date()
  const doc = {
    at: at.toISOString(),
    command: 'npm run bench',
    machine: result.machine,
    rows,
    errors: result.errors,
    benchSeconds: result.benchSeconds,
    raw: result,
  }
  const text = `${JSON.stringify(doc, null, 2)}\n`
  writeFileSync(join(dir, 'latest.json'), text)
  writeFileSync(join(dir, `${at.toISOString().replace(/[:.]/g, '-')}.json`), text)
}

try {
  const result = await main()
  const rows = buildTable(result, summarise)
  write(result, rows)
  process.stdout.write(renderTable(rows, result))
  process.exitCode = Object.keys(result.errors).length > 0 ? 1 : 0
} catch (e) {
  process.stderr.write(`bench could not run: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
}
