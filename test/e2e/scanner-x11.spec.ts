import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chromium, expect, test, type Browser } from '@playwright/test'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'

// Once as a person would: a real X server (Xvfb), headed Chromium, and xdotool typing
// the scan as real X key events, 5 ms apart, into the running app.

const DISPLAY = `:${90 + Math.floor(Math.random() * 9)}`
let xvfb: ChildProcess
let browser: Browser
let sandbox: RunningSandbox
let app: RunningApp

test.beforeAll(async () => {
  xvfb = spawn('Xvfb', [DISPLAY, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
  await new Promise((r) => setTimeout(r, 800))
  sandbox = await startSandboxProcess()
  app = await startApp({ env: sandbox.env })
  browser = await chromium.launch({
    headless: false,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--window-position=0,0', '--window-size=1280,1000'],
    env: { ...process.env, DISPLAY },
  })
})

test.afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sandbox?.stop()
  xvfb?.kill()
})

const xdotool = (...args: string[]) => execFileSync('xdotool', args, { env: { ...process.env, DISPLAY }, encoding: 'utf8' }).trim()

test('xdotool types a phone at 5 ms per key into the real window: the member appears', async () => {
  const page = await browser.newPage({ viewport: null })
  await page.goto(app.url)
  await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
  await page.locator('body').click({ position: { x: 5, y: 400 } })
  // No window manager: find Chromium's window and focus it explicitly.
  const ids = xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium').split('\n')
  const id = ids.at(-1)!
  xdotool('windowfocus', '--sync', id)
  xdotool('type', '--delay', '5', '0903515908')
  xdotool('key', 'Return')
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'phone')
  // The same with the sign-up name field focused: it keeps exactly what it had.
  await page.getByTestId('signup-open').click()
  await page.getByTestId('signup-name').fill('陳小姐')
  await page.getByTestId('signup-name').focus()
  xdotool('type', '--delay', '5', '0912345678')
  xdotool('key', 'Return')
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await page.screenshot({ path: 'test/artifacts/x11-scan.png' })
  await page.getByTestId('signup-open').click()
  await expect(page.getByTestId('signup-name')).toHaveValue('陳小姐')
})
