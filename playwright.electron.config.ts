import { defineConfig } from '@playwright/test'
import { electronHere } from './test/electron/electron-here'

// `npm run test:electron`: the real desktop app through Playwright's _electron, wherever the
// Electron binary exists (it is never downloaded for this). Elsewhere it skips, saying why
// in one line.
const here = electronHere()
// Workers load this file too: the line is printed by the runner only.
if (here.skip && process.env.TEST_WORKER_INDEX === undefined) process.stdout.write(`Electron smoke test skipped: ${here.skip}\n`)

export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
})
