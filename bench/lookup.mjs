/* global window, requestAnimationFrame */
// Lookup, start-up, memory and barcode figures: the app in browser mode (a real process)
// against the sandbox (another process), driven in headless Chromium.
import { newCounterContext } from './lib/browser.mjs'
import { armLookup, awaitLookup, clearCard, installProbes, timeShowToScanner } from './lib/page-probes.mjs'
import { startApp } from '../test/support/processes.mjs'
import { progress, sleep } from './lib/stats.mjs'
import { scanDigits } from './lib/wedge.mjs'

/** The sandbox's seeded members (0911000000 is its "not a member" phone). */
const SEEDED = ['0903515908', '0912345678', '0928765432', '0935111678', '0958222678', '0970456123', '0963888520']
/** A seeded member with a usable Code128 coupon. */
export const COUPON_MEMBER = { phone: '0903515908', code: '1NWLGQK3G' }
const VENDOR_PATHS = new Set(['/oauth/v1/token', '/v1/user/ocard/login'])

/** Signs up members through the vendor API until there are `count` phones to look up. */
export async function prepareMembers(sandbox, count = 20) {
  const tokenRes = await fetch(`${sandbox.url}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'demo-client', client_secret: 'demo-secret', grant_type: 'client_credentials', scope: 'api' }),
  })
  const { access_token: token } = await tokenRes.json()
  const phones = [...SEEDED]
  for (let i = 1; phones.length < count; i++) {
    const phone = `0955000${String(100 + i)}`
    const r = await fetch(`${sandbox.url}/v2/user`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'PHONE_NUMBER', id: phone, name: `測試會員${i}`, store_id: '9920' }),
    })
    if (r.status >= 300 && !(await sandbox.member(phone)).isMember) throw new Error(`sign-up of ${phone} failed: ${r.status} ${await r.text()}`)
    phones.push(phone)
  }
  for (const phone of phones) {
    if (!(await sandbox.member(phone)).isMember) throw new Error(`${phone} is not a member of the sandbox`)
  }
  return phones
}

/**
 * Starts browser mode and opens it: start-up is from the process's spawn to the lookup
 * field focused and painted in the page (both clocks are epoch ms on this machine).
 */
export async function openApp(root, browser, sandbox, { nodeArgs = [], env = {} } = {}) {
  const context = await newCounterContext(browser)
  await context.addInitScript(installProbes)
  const page = await context.newPage()
  // The hooks' routes (electron/web/bench-hooks.ts) time each bridge call in the main process.
  const app = await startApp({ root, env: { ...sandbox.env, POS_BENCH_HOOKS: '1', ...env }, nodeArgs, removeDataDirOnStop: true })
  await page.goto(app.url)
  await page.waitForFunction(() => window.__bench?.readyPaintedAt !== null, null, { timeout: 20_000 })
  const ready = await page.evaluate(() => ({ readyAt: window.__bench.readyAt, paintedAt: window.__bench.readyPaintedAt }))
  const cdp = await context.newCDPSession(page)
  // Let start-up work (fonts, SSE, the first settings) settle before measuring lookups.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  await sleep(150)
  return {
    app,
    page,
    cdp,
    context,
    startup: {
      processToUrlMs: app.urlAt - app.spawnedAt,
      processToReadyMs: ready.readyAt - app.spawnedAt,
      processToReadyPaintedMs: ready.paintedAt - app.spawnedAt,
    },
    async close() {
      await context.close()
      await app.stop()
    },
  }
}

/**
 * One lookup as staff do it: clear the card (Esc), scan the phone with a wedge scanner,
 * wait for the member card to be painted. Vendor time is what the sandbox itself reports
 * spending on the token and login calls of this lookup (its stats, reset before each one).
 */
export async function lookupOnce(session, sandbox, phone, { sandboxUp = true, timeoutMs = 15_000 } = {}) {
  const { page, cdp } = session
  await page.evaluate(clearCard)
  if (sandboxUp) await sandbox.resetStats()
  await page.evaluate(armLookup, timeoutMs)
  await scanDigits(page, cdp, phone)
  const r = await page.evaluate(awaitLookup)
  if (r.enterAt === null) throw new Error('the Enter never reached the page')
  let vendorMs = 0
  let vendorCalls = 0
  if (sandboxUp) {
    const stats = await sandbox.stats()
    for (const t of stats.timings) {
      if (!VENDOR_PATHS.has(t.path)) continue
      vendorMs += t.ms
      vendorCalls++
    }
  }
  const totalMs = r.paintedAt - r.enterAt
  const phases = await lookupPhases(session, r, vendorMs)
  return { phone, totalMs, vendorMs, appMs: totalMs - vendorMs, vendorCalls, domMs: r.seenAt - r.enterAt, phases, name: r.name, source: r.source }
}

/**
 * Where one lookup's time went, Enter to painted: the page until its call left, the bridge
 * there, the main process (the vendor's own time taken out), the bridge back, the page's
 * render until the name is in the DOM, and that frame's paint. The main process's times come
 * from the bench hooks (`GET /__bench/calls`); both clocks are epoch ms on this machine, so
 * the two bridge legs also carry their difference (well under a millisecond). Null when the
 * page saw no lookup call (e.g. the offline copy was shown from an earlier answer).
 */
async function lookupPhases(session, r, vendorMs) {
  const res = await session.context.request.get(`${session.app.origin}/__bench/calls`)
  if (!res.ok()) throw new Error(`/__bench/calls: ${res.status()} (is POS_BENCH_HOOKS=1 handled by this build?)`)
  if (r.sentAt === null || r.answerAt === null) return null
  const sentAt = r.timeOrigin + r.sentAt
  const answerAt = r.timeOrigin + r.answerAt
  const host = (await res.json()).find((c) => c.channel === 'member:lookup' && c.receivedAt >= sentAt - 5 && c.answeredAt <= answerAt + 5)
  if (!host) return null
  return {
    pageToCall: r.sentAt - r.enterAt,
    bridgeIn: host.receivedAt - sentAt,
    mainProcess: host.answeredAt - host.receivedAt - vendorMs,
    bridgeOut: answerAt - host.answeredAt,
    render: r.seenAt - r.answerAt,
    paint: r.paintedAt - r.seenAt,
  }
}

/** Checks every phone always shows the same name (a wrong card would be a fast but false figure). */
export function checkNames(samples, known = new Map()) {
  for (const s of samples) {
    const seen = known.get(s.phone)
    if (seen === undefined) known.set(s.phone, s.name)
    else if (seen !== s.name) throw new Error(`${s.phone} showed "${s.name}", earlier "${seen}"`)
  }
  return known
}

export async function mainHeap(session) {
  const r = await session.context.request.get(`${session.app.origin}/__bench/heap`)
  if (!r.ok()) throw new Error(`/__bench/heap: ${r.status()} (is POS_BENCH_HOOKS=1 handled by this build?)`)
  return r.json()
}

export async function rendererHeap(session) {
  await session.cdp.send('HeapProfiler.collectGarbage')
  const { usedSize, totalSize } = await session.cdp.send('Runtime.getHeapUsage')
  return { usedSize, totalSize }
}

export async function showToScannerTimes(session, sandbox, runs) {
  await lookupOnce(session, sandbox, COUPON_MEMBER.phone)
  const out = []
  for (let i = 0; i < runs; i++) out.push(await session.page.evaluate(timeShowToScanner, COUPON_MEMBER.code))
  return out
}

export function logEvery(i, n, what) {
  if (i % 100 === 0 || i === n) progress(`${what}: ${i}/${n}`)
}
