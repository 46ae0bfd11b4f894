import { defineConfig } from '@playwright/test'

// End-to-end tests drive the real renderer in Debian's Chromium against browser mode
// (the same core services as the Electron app) and the built-in sandbox. Playwright's own
// browser download is never used.
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
    { name: 'app', testIgnore: /x11/ },
    // Real X key events keep xdotool's own pacing: run them alone, once the machine is
    // quiet, so other tests' load cannot stretch a 5 ms scan past the detector's gap.
    { name: 'x11', testMatch: /x11/, dependencies: ['app'] },
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
