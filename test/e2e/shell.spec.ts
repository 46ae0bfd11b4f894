import { expect, test } from '@playwright/test'
import { startApp, type RunningApp } from './support/processes'

let app: RunningApp
test.beforeAll(async () => {
  app = await startApp()
})
test.afterAll(async () => {
  await app.stop()
})

test('opens in zh-TW in demo mode, switches to English, and keeps the choice', async ({ page }) => {
  const cspErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text())
  })
  await page.goto(app.url)
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('會員櫃檯助手')
  await expect(page.getByTestId('demo-banner')).toHaveText('DEMO 示範模式')
  await expect(page.getByTestId('settings-open')).toHaveText('設定')
  await page.screenshot({ path: 'test/artifacts/shell-zh-TW.png' })

  await page.getByTestId('language-toggle').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Counter Companion')
  await expect(page.getByTestId('demo-banner')).toHaveText('DEMO mode')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.screenshot({ path: 'test/artifacts/shell-en.png' })

  // Saved in main's settings, so a reload comes back in English.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Counter Companion')
  expect(cspErrors).toEqual([])
})

test('the page cannot be opened without the launch token', async ({ browser }) => {
  const fresh = await browser.newContext()
  const page = await fresh.newPage()
  const res = await page.goto(app.origin + '/')
  expect(res?.status()).toBe(401)
  await fresh.close()
})
