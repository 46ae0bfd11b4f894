import { expect, test } from '@playwright/test'
import { signUp } from './support/fixtures'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

// The network drops at the counter: offline copies, a queued sign-up that survives a
// restart, and is sent exactly once when the member system is back.

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

test('offline: cached copy with its age, queued sign-up survives a restart, sent once when back', async ({ page }) => {
  test.setTimeout(120_000)
  let sandbox: RunningSandbox = await startSandboxProcess()
  const port = sandbox.port
  let app: RunningApp = await startApp({ env: sandbox.env })
  const dataDir = app.dataDir
  const newPhone = `0968${String(Date.now()).slice(-6)}`
  try {
    await page.goto(app.url)
    await page.getByTestId('phone-input').fill('0928765432')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
    await expect(page.getByTestId('stale-badge')).toHaveCount(0)

    // The vendor goes away.
    await sandbox.stop()
    await page.getByTestId('phone-input').fill('0928765432')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('stale-badge')).toBeVisible()
    await expect(page.getByTestId('stale-badge')).toContainText('離線資料')
    await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
    await expect(page.getByTestId('coupon-may-be-used').first()).toBeVisible()
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline')
    await page.screenshot({ path: 'test/artifacts/offline-copy.png', fullPage: true })

    // A new customer signs up while offline: queued, not lost.
    await signUp(page, newPhone, '離線 顧客')
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
    await expect(page.getByTestId('outbox-count')).toHaveText('1')

    // Restart the app while still offline: the sign-up is still queued.
    await app.stop()
    app = await startApp({ env: sandbox.env, dataDir })
    await page.goto(app.url)
    await expect(page.getByTestId('outbox-count')).toHaveText('1')
    await page.getByTestId('outbox-open').click()
    await expect(page.getByTestId('outbox-item')).toHaveCount(1)
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'pending')
    await page.screenshot({ path: 'test/artifacts/outbox-pending.png', fullPage: true })

    // The vendor comes back on the same address: sent within 30 s, once.
    sandbox = await startSandboxProcess({ port })
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online')
    await expect(page.getByTestId('outbox-count')).toHaveText('0')
    expect(await sandbox.registrations(newPhone)).toBe(1)
    await page.screenshot({ path: 'test/artifacts/outbox-done.png', fullPage: true })

    // Nothing personal in plain text anywhere in the data directory.
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file).toString('latin1')
      for (const needle of ['0928765432', '+886928765432', newPhone, '林雅婷', '離線 顧客']) {
        expect(text.includes(Buffer.from(needle).toString('latin1')), `${needle} in ${file}`).toBe(false)
      }
    }
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})
