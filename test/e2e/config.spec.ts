import { expect, test } from '@playwright/test'
import { signUp } from './support/fixtures'
import { startApp, startSandboxProcess } from './support/processes'

// IT set three of the four connection variables: the app is live, says what is missing,
// serves no member from the demo sandbox, and keeps sign-ups until the secret is entered.
test('a live configuration without its secret: the problem is named, nobody is served, sign-ups wait until it works', async ({ page }) => {
  test.setTimeout(90_000)
  const sandbox = await startSandboxProcess()
  const { POS_CLIENT_SECRET: secret, ...withoutSecret } = sandbox.env
  const app = await startApp({ env: withoutSecret })
  const phone = `0966${String(Date.now()).slice(-6)}`
  try {
    await app.open(page)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    const problem = page.getByTestId('config-problem')
    await expect(problem).toBeVisible()
    await expect(problem).toContainText('會員系統連線設定不完整')
    await expect(problem.locator('li')).toHaveCount(1)
    await expect(problem.locator('li')).toHaveAttribute('data-field', 'clientSecret')
    await expect(problem).toContainText('缺少密鑰（client secret）')
    await expect(page.getByTestId('demo-banner')).toHaveCount(0)

    // No member from anywhere: not the demo sandbox, not the real one.
    await page.getByTestId('phone-input').fill('0903515908')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('error-message')).toContainText('尚未設定會員系統連線')
    await expect(page.getByTestId('member-name')).toHaveCount(0)
    await page.screenshot({ path: 'test/artifacts/config-problem-zh-TW.png', fullPage: true })

    // A sign-up waits in the outbox.
    await signUp(page, phone, '設定 未完成')
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
    await expect(page.getByTestId('outbox-count')).toHaveText('1')
    expect(await sandbox.registrations(phone)).toBe(0)

    await page.getByTestId('language-toggle').click()
    await expect(problem).toContainText('The member system connection is not fully set up')
    await expect(problem).toContainText('Client secret is missing')
    await page.screenshot({ path: 'test/artifacts/config-problem-en.png', fullPage: true })

    // IT enters the secret: the notice goes, and the queued sign-up is sent once.
    await page.getByTestId('settings-open').click()
    await page.getByTestId('settings-secret').fill(secret!)
    await page.getByTestId('settings-secret-save').click()
    await expect(page.getByTestId('settings-secret-state')).toHaveText('Set')
    await expect(problem).toHaveCount(0)
    await expect(page.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })
    expect(await sandbox.registrations(phone)).toBe(1)
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})

test('settings refuse an http:// address for the member API (loopback aside), saying why', async ({ page }) => {
  const app = await startApp()
  try {
    await app.open(page)
    await page.getByTestId('settings-open').click()
    await page.getByTestId('settings-api-base-url').fill('http://omni.vendor.example')
    await page.getByTestId('settings-save').click()
    const problem = page.locator('[id$="apiBaseUrl-problem"]')
    await expect(problem).toHaveText('網址必須以 https:// 開頭（只有本機 127.0.0.1 / localhost 可用 http://）')
    await expect(page.getByTestId('settings-api-base-url')).toHaveValue('http://omni.vendor.example')
    await page.screenshot({ path: 'test/artifacts/settings-https-required.png', fullPage: true })
    // Still the demo: nothing was stored.
    await expect(page.getByTestId('demo-banner')).toBeVisible()
  } finally {
    await app.stop()
  }
})
