import { expect, test } from '@playwright/test'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'
import { callBridge } from './support/bridge'

// Its own app: setting a PIN must not lock the other tests' settings.
let sandbox: RunningSandbox
let app: RunningApp
test.beforeAll(async () => {
  sandbox = await startSandboxProcess()
  // Only the store id comes from the environment; the API settings stay editable.
  app = await startApp({ env: { POS_STORE_ID: '9920' } })
})
test.afterAll(async () => {
  await app.stop()
  await sandbox.stop()
})

test('settings stay read-only without the administrator PIN; lookup, sign-up and language still work', async ({ page }) => {
  await page.goto(app.url)
  await page.getByTestId('settings-open').click()
  // First run: open, and asks for a PIN.
  await expect(page.getByTestId('admin-gate')).toHaveAttribute('data-state', 'no-pin')
  await expect(page.getByTestId('settings-client-id')).toBeEnabled()
  await page.getByTestId('admin-new-pin').fill('246810')
  await page.getByTestId('admin-confirm-pin').fill('246810')
  await page.getByTestId('admin-set-pin').click()
  await expect(page.getByTestId('admin-gate')).toHaveAttribute('data-state', 'unlocked')
  await page.getByTestId('admin-lock').click()
  await expect(page.getByTestId('admin-gate')).toHaveAttribute('data-state', 'locked')

  // Locked: the API, store and cache controls are read-only...
  for (const id of ['settings-api-base-url', 'settings-client-id', 'settings-secret', 'settings-store-id', 'settings-test', 'settings-clear-cache', 'settings-retention']) {
    await expect(page.getByTestId(id)).toBeDisabled()
  }
  await page.screenshot({ path: 'test/artifacts/settings-locked.png', fullPage: true })
  // ...and main refuses a change even if the page tried (the gate is in main, not the UI).
  expect(await callBridge(page, 'settings:set', { clientId: 'evil' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  // Staff may still switch the language.
  await page.getByTestId('settings-language').selectOption('en')
  await page.getByTestId('settings-save').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Counter Companion')

  // A wrong PIN is refused; the right one unlocks.
  await page.getByTestId('admin-pin').fill('1111')
  await page.getByTestId('admin-unlock').click()
  await expect(page.getByTestId('admin-error')).toHaveText('Wrong PIN — 4 tries left')
  await expect(page.getByTestId('settings-client-id')).toBeDisabled()
  await page.getByTestId('admin-pin').fill('246810')
  await page.getByTestId('admin-unlock').click()
  await expect(page.getByTestId('settings-client-id')).toBeEnabled()

  // Lookup works for staff throughout (demo sandbox).
  await page.getByTestId('lookup-open').click()
  await page.getByTestId('phone-input').fill('0903515908')
  await page.getByTestId('phone-input').press('Enter')
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
})
