import { expect, test } from './support/fixtures'

test('settings: environment-fixed fields are read-only, the secret is write-only, test connection names the store', async ({ page }) => {
  await page.getByTestId('settings-open').click()
  await expect(page.getByTestId('settings-view')).toBeVisible()
  // The worker's app is configured through POS_* variables.
  await expect(page.getByTestId('settings-api-base-url')).toBeDisabled()
  await expect(page.getByTestId('settings-secret-state')).toHaveText('已設定')
  await expect(page.getByTestId('settings-secret')).toHaveValue('')
  await page.getByTestId('settings-test').click()
  await expect(page.getByTestId('settings-test-result')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('settings-test-result')).toContainText('信義旗艦店')
  // The header learns the store's name from the test.
  await expect(page.getByTestId('store-name')).toHaveText('信義旗艦店')
  await page.getByTestId('settings-load-stores').click()
  await expect(page.getByTestId('settings-store-pick')).toBeVisible()
  await page.screenshot({ path: 'test/artifacts/settings.png', fullPage: true })
})

test('settings: an invalid change is not saved and nothing typed is lost', async ({ page }) => {
  await page.getByTestId('settings-open').click()
  await page.getByTestId('settings-member-card-pattern').fill('([unclosed')
  await page.getByTestId('settings-retention').fill('45')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('error-message')).toBeVisible()
  await expect(page.getByTestId('settings-pattern-error')).toHaveText('這不是有效的正規表示式')
  await expect(page.getByTestId('settings-member-card-pattern')).toHaveValue('([unclosed')
  await expect(page.getByTestId('settings-retention')).toHaveValue('45')
  await page.getByTestId('settings-member-card-pattern').fill('^VIP\\d{6}$')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  await page.reload()
  await page.getByTestId('settings-open').click()
  await expect(page.getByTestId('settings-retention')).toHaveValue('45')
  await expect(page.getByTestId('settings-member-card-pattern')).toHaveValue('^VIP\\d{6}$')
})
