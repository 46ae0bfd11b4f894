import { expect, lookUp, test } from './support/fixtures'
import { scanInto } from './support/wedge'
import { callBridge } from './support/bridge'

test('a phone scanned at 5 ms per key with focus on the page looks the member up', async ({ page }) => {
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await scanInto(page, '0903515908')
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'phone')
})

test('a phone scanned while the sign-up name field has focus: looked up, the field keeps exactly what it had, nothing submitted', async ({ page, sandbox }) => {
  const posts = Number((await sandbox.stats()).signupPosts)
  await page.getByTestId('signup-open').click()
  const name = page.getByTestId('signup-name')
  await name.click()
  await page.keyboard.type('王大明', { delay: 80 })
  await expect(name).toHaveValue('王大明')
  await scanInto(page, '0928765432')
  await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
  await page.getByTestId('signup-open').click()
  await expect(page.getByTestId('signup-name')).toHaveValue('王大明')
  await expect(page.getByTestId('signup-phone')).toHaveValue('')
  expect(Number((await sandbox.stats()).signupPosts)).toBe(posts)
})

test('a scan into the phone field replaces nothing typed by hand elsewhere and still looks up', async ({ page }) => {
  await page.getByTestId('phone-input').click()
  await scanInto(page, '0912345678')
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await expect(page.getByTestId('phone-input')).toHaveValue('0912345678')
})

test('a coupon code scan opens that coupon for the POS scanner', async ({ page }) => {
  await lookUp(page, '0912345678')
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await scanInto(page, 'CP-2026-000123')
  await expect(page.getByTestId('scanner-view')).toBeVisible()
  await expect(page.getByTestId('scanner-view').getByTestId('coupon-code-text')).toHaveText('CP-2026-000123')
})

test('a carrier scan fills the sign-up form’s carrier field; elsewhere it is shown for copying', async ({ page }) => {
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await scanInto(page, '/AB+.-12')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-outcome', 'carrier-shown')
  await expect(page.getByTestId('scan-raw')).toHaveText('/AB+.-12')
  await page.getByTestId('signup-open').click()
  await page.getByTestId('signup-phone').click()
  await page.keyboard.type('0955', { delay: 90 })
  await scanInto(page, '/XYZ1234')
  await expect(page.getByTestId('signup-carrier-type')).toHaveValue('PHONE_CARRIER')
  await expect(page.getByTestId('signup-carrier')).toHaveValue('/XYZ1234')
  await expect(page.getByTestId('signup-phone')).toHaveValue('0955')
})

test('human typing followed by Enter is never taken for a scan', async ({ page }) => {
  await page.getByTestId('phone-input').click()
  await page.keyboard.type('0963888520', { delay: 90 })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('member-name')).toHaveText('李宗翰')
  await expect(page.getByTestId('scan-notice')).toHaveCount(0)
})

test('an unknown code is only reported', async ({ page }) => {
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await scanInto(page, 'HELLO-WORLD-42')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'unknown')
  await expect(page.getByTestId('scan-raw')).toHaveText('HELLO-WORLD-42')
  await expect(page.getByTestId('member-card')).toHaveCount(0)
})

test('a scan matching the store’s member-card pattern searches by member id', async ({ page }) => {
  expect(await callBridge(page, 'settings:set', { memberCardPattern: 'BLK-\\d{6}' })).toMatchObject({ ok: true })
  await page.reload()
  await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await scanInto(page, 'BLK-000001')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'memberCard')
  await expect(page.getByTestId('member-name')).toHaveText('張家豪')
  await scanInto(page, 'BLK-999999')
  await expect(page.getByTestId('search-empty')).toHaveText('沒有會員編號是 BLK-999999 的會員')
})
