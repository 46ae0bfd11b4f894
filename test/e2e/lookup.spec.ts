import { expect, lookUp, test } from './support/fixtures'

test('typing a phone looks the member up: name, level, points, expiring points, gifts, coupons', async ({ page }) => {
  await lookUp(page, '0903515908')
  const card = page.getByTestId('member-card')
  await expect(card).toBeVisible()
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
  await expect(page.getByTestId('member-level')).toContainText('VIP_LV1 測試')
  await expect(page.getByTestId('member-points')).toHaveText('16,088')
  await expect(page.getByTestId('points-expiring')).toContainText('2026/12/31')
  await expect(page.getByTestId('points-expiring')).toHaveAttribute('data-empty', 'false')
  await expect(page.getByTestId('gift-item')).toHaveCount(1)
  await expect(page.getByTestId('coupon-item')).toHaveCount(1)
  await expect(page.getByTestId('coupon-item').first()).toHaveAttribute('data-state', 'usable')
  await expect(page.getByTestId('coupon-item').first()).toHaveAttribute('data-code', '1NWLGQK3G')
  // The CDN picture cannot load here: a placeholder, never a broken image.
  await expect(page.getByTestId('image-placeholder').first()).toBeVisible()
  await page.screenshot({ path: 'test/artifacts/lookup-card-1280.png', fullPage: true })
})

test('accepts the ways people write a phone, and says what is wrong before any call', async ({ page, sandbox }) => {
  const before = Number((await sandbox.stats()).apiRequests)
  const input = page.getByTestId('phone-input')
  for (const typed of ['0912-345-678', '0912 345 678', '+886 912 345 678', '886912345678']) {
    await input.fill(typed)
    await expect(input).toHaveValue('0912345678')
  }
  await input.fill('09123')
  await input.press('Enter')
  await expect(page.getByTestId('phone-help')).toHaveText('需要 10 位數字，以 09 開頭')
  await input.fill('0812345678')
  await expect(page.getByTestId('phone-help')).toHaveText('需要 10 位數字，以 09 開頭')
  expect(Number((await sandbox.stats()).apiRequests)).toBe(before)
  await input.press('Escape')
  await expect(input).toHaveValue('')
})

test('the on-screen keypad types and looks up', async ({ page }) => {
  for (const d of '0963888520') await page.getByTestId(`keypad-${d}`).click()
  await expect(page.getByTestId('phone-input')).toHaveValue('0963888520')
  await page.getByTestId('lookup-submit').click()
  await expect(page.getByTestId('member-name')).toHaveText('李宗翰')
})

test('a member without expiring points, and one whose points expire within 30 days', async ({ page }) => {
  await lookUp(page, '0963888520')
  await expect(page.getByTestId('points-expiring')).toHaveAttribute('data-empty', 'true')
  await expect(page.getByTestId('points-expiring')).toHaveText('沒有即將到期的點數')
  await lookUp(page, '0928765432')
  await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
  await expect(page.getByTestId('points-expiring')).toHaveAttribute('data-soon', 'true')
  await expect(page.getByTestId('points-expiring')).toContainText('請提醒顧客')
  // Gifts say why they cannot be redeemed.
  await expect(page.getByTestId('gift-item').filter({ hasText: '本門市不可兌換' })).toHaveCount(1)
  await expect(page.getByTestId('gift-item').filter({ hasText: '點數不足' })).toHaveCount(1)
  // A redeemable one says so and nothing else: '可兌換' alone would also match 不可兌換.
  const redeemable = page.locator('[data-testid="gift-item"][data-redeemable="true"]')
  await expect(redeemable.first()).toBeVisible()
  for (const gift of await redeemable.all()) await expect(gift.locator('.badge')).toHaveText(/^✓\s*可兌換$/)
  await expect(page.locator('[data-testid="gift-item"][data-redeemable="false"] .badge').filter({ hasText: /^✓/ })).toHaveCount(0)
})

// Since issue 17.5 coupons are rows: usable ones each with 出示條碼 (the barcode drawn on
// demand, full screen), the others folded under a count that opens.
test('coupon states have text badges, and only usable coupons offer 出示條碼', async ({ page }) => {
  await lookUp(page, '0912345678')
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await expect(page.getByTestId('coupons-inactive')).toHaveAttribute('data-count', '5')
  await page.getByTestId('coupons-inactive').locator('summary').click()
  const items = page.getByTestId('coupon-item')
  for (const state of ['usable', 'used', 'expired', 'unavailable']) {
    await expect(items.and(page.locator(`[data-state="${state}"]`)).first()).toBeVisible()
  }
  await expect(items.and(page.locator('[data-state="used"]')).first()).toContainText('使用於')
  const usable = await items.and(page.locator('[data-state="usable"]')).count()
  await expect(page.getByTestId('coupon-show-scanner')).toHaveCount(usable)
  await expect(page.getByTestId('coupon-barcode')).toHaveCount(0)
  for (const state of ['used', 'expired', 'unavailable']) {
    await expect(items.and(page.locator(`[data-state="${state}"]`)).getByTestId('coupon-show-scanner')).toHaveCount(0)
  }
})

test('last three digits: a pick list when several members match', async ({ page }) => {
  // The box sits behind a link since issue 17.4 (three digits in the main field do the same).
  await page.getByTestId('suffix-open').click()
  await page.getByTestId('suffix-input').fill('678')
  await page.getByTestId('suffix-submit').click()
  const results = page.getByTestId('search-result')
  // The seed's three members ending in 678, each once.
  await expect(results).toHaveCount(3)
  await expect(page.getByTestId('search-result-phone')).toHaveText(['0912-***-678', '0935-***-678', '0958-***-678'])
  await results.filter({ hasText: '陳志豪' }).click()
  await expect(page.getByTestId('member-name')).toHaveText('陳志豪')
})

test('busy within 100 ms, no double submit, and a slow vendor is only asked once', async ({ page, sandbox }) => {
  await sandbox.faults({ latencyMs: 1500 })
  const before = Number((await sandbox.stats()).apiRequests)
  await page.getByTestId('phone-input').fill('0903515908')
  const submit = page.getByTestId('lookup-submit')
  // Measured in the page: from the click to the disabled, busy button being painted.
  const busyAfterMs = await submit.evaluate(
    (button: HTMLButtonElement) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now()
        const check = () => (button.disabled && /查詢中/.test(button.textContent ?? '') ? resolve(performance.now() - t0) : requestAnimationFrame(check))
        button.click()
        requestAnimationFrame(check)
      }),
  )
  expect(busyAfterMs).toBeLessThan(100)
  await expect(submit).toBeDisabled()
  await page.getByTestId('phone-input').press('Enter')
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
  expect(Number((await sandbox.stats()).apiRequests) - before).toBe(2) // the login, and member data beside it (carrier)
})

test('a failing vendor: the error says what happened and retry works', async ({ page, sandbox }) => {
  // A member nobody looked up before on this counter, so there is no offline copy to fall back on.
  await sandbox.faults({ failNext: { status: 503, count: 3, paths: ['/v1/user/ocard/login'] } })
  await lookUp(page, '0970456123')
  await expect(page.getByTestId('error-message')).toBeVisible()
  // What happened, in the vendor's words (the sandbox's documented 503 body), not just any text.
  await expect(page.getByTestId('error-message')).toHaveText('服務暫時無法使用,請稍後再試')
  await page.getByTestId('lookup-retry').click()
  await expect(page.getByTestId('member-name')).toHaveText('張家豪')
})

test('a slow vendor: this counter’s offline copy shows after 1.5 s, marked, and the live card replaces it', async ({ page, sandbox }) => {
  await lookUp(page, '0958222678')
  const name = page.getByTestId('member-name')
  // The seed's name for this number: the copy is checked against the data, not against the page.
  const seededName = '黃淑芬'
  await expect(name).toHaveText(seededName)
  await page.getByTestId('phone-input').press('Escape')
  await expect(page.getByTestId('member-card')).toHaveCount(0)

  await sandbox.faults({ latencyMs: 3000 })
  const started = Date.now()
  await lookUp(page, '0958222678')
  const badge = page.getByTestId('stale-badge')
  await expect(badge).toHaveAttribute('data-waiting', 'true', { timeout: 2500 })
  expect(Date.now() - started).toBeGreaterThanOrEqual(1400)
  await expect(badge).toContainText('會員系統回應較慢')
  await expect(name).toHaveText(seededName)
  await expect(page.getByTestId('member-card')).not.toHaveClass(/dim/)
  await page.screenshot({ path: 'test/artifacts/lookup-slow-offline-copy.png' })
  // The live answer (3 s, inside the 4 s a try may take) replaces the copy.
  await expect(page.getByTestId('member-card')).toHaveAttribute('data-source', 'live', { timeout: 5000 })
  await expect(badge).toHaveCount(0)
  await expect(page.getByTestId('lookup-submit')).toBeEnabled()
})
