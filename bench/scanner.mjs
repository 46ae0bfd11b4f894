/* global window, document */
// Scanner section: one page, the same traces, three detectors (see scanner/page-entry.mjs).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'

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
