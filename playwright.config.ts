import { defineConfig } from '@playwright/test'

// End-to-end tests drive the real renderer in Debian's Chromium against browser mode
// (the same core services as the Electron app) and the built-in sandbox. Playwright's own
// browser download is never used.
/** Specs whose assertions are about timing: a scan's key pacing, one frame, busy within 100 ms. */
const PACED = [/\/scanner\.spec\.ts$/, /\/scanner-ime\.spec\.ts$/, /\/lookup\.spec\.ts$/]

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'app', testIgnore: [/x11/, ...PACED] },
    // Specs that pace keys like a scanner (3–8 ms apart) or count frames and milliseconds:
    // run after the rest, one at a time, so other tests' load cannot stretch a scan past
    // the detector's gap or a frame past its budget.
    { name: 'paced', testMatch: PACED, dependencies: ['app'], workers: 1 },
    // Real X key events keep xdotool's own pacing: likewise alone, once the machine is quiet.
    { name: 'x11', testMatch: /x11/, dependencies: ['paced'], workers: 1 },
  ],
  use: {
    headless: true,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
})
