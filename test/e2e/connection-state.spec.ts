import { expect, test as plain } from '@playwright/test'
import { callBridge } from './support/bridge'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'

// Issue 17.7: an honest connection state. Nothing claimed before anything answered; offline,
// since when, the last success and the next try; what staff can tell the customer; "Test
// connection" open to staff as a read-only diagnosis.

plain('with the vendor unreachable the header never says 連線正常: checking, then offline with since, last success and next retry', async ({ page }) => {
  // Port 9 on loopback: nothing listens, every call is refused.
  const dead = 'http://127.0.0.1:9'
  const app: RunningApp = await startApp({
    env: { POS_API_BASE_URL: dead, POS_AUTH_URL: `${dead}/oauth/v1/token`, POS_CLIENT_ID: 'demo-client', POS_CLIENT_SECRET: 'demo-secret', POS_STORE_ID: '9920' },
  })
  try {
    // Every state the badge shows, from the first paint on.
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { seenStates: string[] }).seenStates = seen
      new MutationObserver(() => {
        const s = document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state')
        if (s && seen.at(-1) !== s) seen.push(s)
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] })
    })
    await page.goto(app.url)
    const badge = page.getByTestId('connection-status')
    await expect(badge).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
    const seen = await page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates)
    expect(seen).not.toContain('online')
    expect(seen[0]).toBe('checking')
    await expect(badge).toContainText('離線（')
    await badge.click()
    await expect(page.getByTestId('connection-last-success')).toContainText('還沒有成功過')
    await expect(page.getByTestId('connection-next-retry')).toContainText(/自動重試|正在重試/)
    await expect(page.getByTestId('connection-details')).toContainText('新會員仍可先註冊')
    await page.screenshot({ path: 'test/artifacts/connection-offline-details.png' })
    // No offline copy of this number: the answer says what to tell the customer.
    await page.getByTestId('phone-input').fill('0912345678')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('tell-customer')).toContainText('可以告訴顧客')
    await page.screenshot({ path: 'test/artifacts/offline-no-copy-tell-customer.png' })
  } finally {
    await app.stop()
  }
})

// Its own app: the PIN it sets must not reach other tests of this worker.
plain('“Test connection” is open to staff with the PIN locked, from the header, and changes nothing', async ({ page }) => {
  const sandbox: RunningSandbox = await startSandboxProcess()
  const app: RunningApp = await startApp({ env: sandbox.env })
  try {
    await page.goto(app.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    expect(await callBridge(page, 'admin:setPin', { pin: '246810' })).toMatchObject({ ok: true })
    expect(await callBridge(page, 'admin:lock', undefined)).toMatchObject({ ok: true })
    await page.getByTestId('phone-input').fill('0912345678')
    await page.getByTestId('phone-input').press('Enter')
    const badge = page.getByTestId('connection-status')
    await expect(badge).toHaveAttribute('data-state', 'online')
    const before = await callBridge(page, 'settings:get', undefined)
    await badge.click()
    await page.getByTestId('connection-test').click()
    await expect(page.getByTestId('connection-test-result')).toHaveAttribute('data-ok', 'true')
    await expect(page.getByTestId('connection-test-result')).toContainText('連線成功')
    const after = await callBridge(page, 'settings:get', undefined)
    expect((after.value as { storeName: string }).storeName).toBe((before.value as { storeName: string }).storeName)
    // Changing a setting still needs the PIN.
    expect(await callBridge(page, 'settings:set', { storeId: '1234' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})
