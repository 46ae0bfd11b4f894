import { expect, test } from '@playwright/test'
import { signUp } from './support/fixtures'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'

// A queued sign-up that turns out to be somebody already registered: shown as a conflict,
// corrected in the sign-up form, queued again, and sent once.
test('a conflicting queued sign-up is corrected and sent again', async ({ page }) => {
  test.setTimeout(90_000)
  let sandbox: RunningSandbox = await startSandboxProcess()
  const port = sandbox.port
  const app: RunningApp = await startApp({ env: sandbox.env })
  const corrected = `0977${String(Date.now()).slice(-6)}`
  try {
    await page.goto(app.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    await sandbox.stop()
    await signUp(page, '0903515908', '櫃檯 打錯號碼')
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')

    sandbox = await startSandboxProcess({ port })
    await page.getByTestId('outbox-open').click()
    const item = page.getByTestId('outbox-item')
    await expect(item).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 })
    await page.screenshot({ path: 'test/artifacts/outbox-conflict.png', fullPage: true })

    await item.getByTestId('outbox-edit').click()
    await expect(page.getByTestId('signup-resubmit-note')).toBeVisible()
    await expect(page.getByTestId('signup-name')).toHaveValue('櫃檯 打錯號碼')
    await page.getByTestId('signup-phone').fill(corrected)
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
    await page.getByTestId('outbox-open').click()
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    expect(await sandbox.registrations(corrected)).toBe(1)
    expect(await sandbox.registrations('0903515908')).toBe(0)
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})
