#!/usr/bin/env node
// `npm test`: everything, in order, on a fresh machine. Installs what the tests need
// where it is missing (Debian packages when run as root; node_modules), then runs
// typecheck → lint → unit → build → electronegativity → end-to-end → the Electron smoke
// test (skipped, saying why, where there is no Electron binary), stopping at the first failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const DEBIAN_PACKAGES = { chromium: '/usr/bin/chromium', 'zbar-tools': '/usr/bin/zbarimg', xvfb: '/usr/bin/xvfb-run', xauth: '/usr/bin/xauth', xdotool: '/usr/bin/xdotool', 'fonts-noto-cjk': '/usr/share/fonts/opentype/noto' }

function run(title, cmd, args, opts = {}) {
  const started = Date.now()
  process.stdout.write(`\n=== ${title} ===\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${title} failed after ${secs}s\n`)
    process.exit(r.status ?? 1)
  }
  process.stdout.write(`✓ ${title} (${secs}s)\n`)
}

const missing = Object.entries(DEBIAN_PACKAGES).filter(([, path]) => !existsSync(path)).map(([pkg]) => pkg)
if (missing.length > 0) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('apt-get update', 'apt-get', ['update', '-qq'])
    run(`install ${missing.join(' ')}`, 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  } else {
    console.error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`)
    process.exit(1)
  }
}
run('dependencies', process.execPath, ['resources/ensure-deps.mjs'])

const npx = (title, ...args) => run(title, 'npx', ['--no-install', ...args])
npx('typecheck (node side)', 'tsc', '--noEmit', '-p', 'tsconfig.node.json', '--composite', 'false')
npx('typecheck (renderer)', 'vue-tsc', '--noEmit', '-p', 'tsconfig.web.json', '--composite', 'false')
npx('lint', 'eslint', '.')
npx('unused files, exports and dependencies', 'knip')
// Both runners also write JSON, so the closing line can count every test that ran.
const reports = mkdtempSync(join(tmpdir(), 'cc-test-'))
const unitJson = join(reports, 'unit.json')
const e2eJson = join(reports, 'e2e.json')
const electronJson = join(reports, 'electron.json')
npx('unit tests', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`)
npx('build', 'electron-vite', 'build')
run('electronegativity', process.execPath, ['test/electronegativity.mjs'])
run('end-to-end tests', 'npx', ['--no-install', 'playwright', 'test', '--reporter=list,json'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson } })
run('Electron smoke test', 'npx', ['--no-install', 'playwright', 'test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: electronJson } })

/** The reasons Playwright tests were skipped for (test.skip's description), each once. */
function skipReasons(report) {
  const reasons = new Set()
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description)
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites ?? []) walk(suite)
  return [...reasons]
}

const unit = JSON.parse(readFileSync(unitJson, 'utf8'))
const e2e = JSON.parse(readFileSync(e2eJson, 'utf8'))
const smoke = JSON.parse(readFileSync(electronJson, 'utf8'))
const passed = unit.numPassedTests + e2e.stats.expected + smoke.stats.expected
const failed = unit.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky + smoke.stats.unexpected + smoke.stats.flaky
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped + smoke.stats.skipped
const why = [...skipReasons(e2e), ...skipReasons(smoke).map((r) => `Electron smoke test: ${r}`)]
process.stdout.write(`\nunit ${unit.numPassedTests}, end-to-end ${e2e.stats.expected}, Electron smoke ${smoke.stats.expected}. All checks passed.\n`)
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped${why.length ? ` (${why.join('; ')})` : ''}` : ''}\n`)
