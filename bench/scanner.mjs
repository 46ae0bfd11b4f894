/* global window, document */
// Scanner section: one page, the same traces, three detectors (see scanner/page-entry.mjs).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { imeScanDigits } from './lib/wedge.mjs'

/** Bundles the page script (our detector + traces from TypeScript, the two libraries) to one IIFE. */
export async function bundleScannerPage(root) {
  const outDir = mkdtempSync(join(tmpdir(), 'cc-bench-scanner-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      write: true,
      lib: { entry: join(root, 'bench/scanner/page-entry.mjs'), formats: ['iife'], name: 'benchScannerBundle', fileName: () => 'scanner-page.js' },
    },
  })
  return { file: join(outDir, 'scanner-page.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) }
}

export async function openScannerPage(browser, bundle) {
  const page = await browser.newPage()
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>')
  await page.addScriptTag({ path: bundle.file })
  await page.waitForFunction(() => window.benchScannerPage !== undefined && document.body !== null)
  return page
}

export function runScannerComparison(page, n, seed) {
  return page.evaluate(([count, s]) => window.benchScannerPage.runScanner(count, s), [n, seed])
}

export function timeJsBarcode(page, code, runs) {
  return page.evaluate(([c, r]) => window.benchScannerPage.timeJsBarcode(c, r), [code, runs])
}

/** Scans typed through the Zhuyin IME in real time, per contender and scanner speed (see page-entry's imeAttach). */
const IME_PROFILES = { fast: [3, 8], bluetooth: [15, 40] }
const IME_CONTENDERS = ['ours', 'onscanTuned', 'posTuned']

export async function runImeComparison(page, n, seed) {
  let a = seed >>> 0
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const cdp = await page.context().newCDPSession(page)
  const out = {}
  try {
    for (const id of IME_CONTENDERS) {
      await page.evaluate((c) => window.benchScannerPage.imeAttach(c), id)
      for (const [profile, [lo, hi]] of Object.entries(IME_PROFILES)) {
        const r = { n, recognised: 0, clean: 0 }
        for (let i = 0; i < n; i++) {
          const phone = `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
          await page.evaluate(() => window.benchScannerPage.imeReset())
          await imeScanDigits(page, cdp, phone, () => lo + random() * (hi - lo))
          // Past the libraries' own timers (onscan.js waits 100 ms) and any late IME event.
          await page.waitForTimeout(250)
          const check = await page.evaluate(() => window.benchScannerPage.imeCheck())
          if (check.values.includes(phone)) r.recognised++
          if (check.clean) r.clean++
        }
        out[`${id}:${profile}`] = r
      }
    }
  } finally {
    await page.evaluate(() => window.benchScannerPage.imeDetachAll())
    await cdp.detach()
  }
  return out
}
