import { expect, test } from '@playwright/test'
import { callBridge } from './support/bridge'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './support/processes'

// Search is not an export: the pick list shows phones masked, and an eleventh search by the
// last three digits within a minute is refused, saying when to try again. Its own app: the
// limit counts per counter.
let sandbox: RunningSandbox
let app: RunningApp
test.beforeAll(async () => {
  sandbox = await startSandboxProcess()
  app = await startApp({ env: sandbox.env })
})
test.afterAll(async () => {
  await app.stop()
  await sandbox.stop()
})

test('the pick list masks phones; the 11th last-three-digits search in a minute says when to try again', async ({ page }) => {
  await app.open(page)
  await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId('suffix-open').click()
  await page.getByTestId('suffix-input').fill('678')
  await page.getByTestId('suffix-submit').click()
  const phones = page.getByTestId('search-result-phone')
  await expect(phones).toHaveCount(3)
  for (const text of await phones.allTextContents()) expect(text).toMatch(/^09\d\d-\*\*\*-678$/)
  await expect(page.getByTestId('search-result').filter({ hasText: '陳志豪' })).toContainText('0935-***-678')
  expect(await page.locator('.pick').textContent()).not.toMatch(/09\d{8}|09\d\d-\d{3}-\d{3}/)
  await page.screenshot({ path: 'test/artifacts/search-masked.png', fullPage: true })
  // Picking still opens the member's card.
  await page.getByTestId('search-result').filter({ hasText: '陳志豪' }).click()
  await expect(page.getByTestId('member-name')).toHaveText('陳志豪')

  // Nine more from this counter (as a script in the page would)...
  for (let i = 0; i < 9; i++) expect(await callBridge(page, 'member:search', { by: 'phoneSuffix', value: String(100 + i) })).toMatchObject({ ok: true })
  // ... and the eleventh from the screen is refused, with when to try again.
  await page.getByTestId('suffix-input').fill('321')
  await page.getByTestId('suffix-submit').click()
  await expect(page.getByTestId('error-message')).toHaveText(/^末三碼搜尋每分鐘最多 10 次，請在 \d{1,2} 秒後再試。$/)
  await page.screenshot({ path: 'test/artifacts/search-rate-limited.png', fullPage: true })
  // Ten searches reached the vendor, the refused eleventh did not.
  const searches = ((await sandbox.stats()).timings as Array<{ path: string }>).filter((t) => t.path === '/v1/user/members')
  expect(searches).toHaveLength(10)
})
