import { expect, fillSignup, lookUp, signUp, test } from './support/fixtures'

test('not a member → one tap to the sign-up form with the phone filled in', async ({ page }) => {
  await lookUp(page, '0911000000')
  await expect(page.getByTestId('not-member')).toContainText('0911-000-000')
  await page.getByTestId('signup-open-prefilled').click()
  await expect(page.getByTestId('signup-form')).toBeVisible()
  await expect(page.getByTestId('signup-phone')).toHaveValue('0911000000')
})

test('a full sign-up shows progress, the created member, then their card', async ({ page, sandbox }) => {
  const phone = `09${String(Date.now()).slice(-8)}`
  await page.getByTestId('signup-open').click()
  await fillSignup(page, {
    phone,
    name: '測試 新會員',
    birthday: '1990-05-20',
    sex: 'female',
    email: 'new.member@example.com',
    'carrier-type': 'PHONE_CARRIER',
    carrier: '/abc1234',
  })
  await page.getByText('更多資料（選填）').click()
  await page.getByTestId('signup-address').fill('台北市信義區市府路 1 號')
  await page.getByTestId('signup-invitation-code').fill('6vq4tt')
  await sandbox.faults({ latencyMs: 600 })
  await page.getByTestId('signup-submit').click()
  await expect(page.getByTestId('signup-submit')).toBeDisabled()
  await expect(page.getByTestId('signup-submit')).toHaveText(/送出中/)
  await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'created')
  await expect(page.getByTestId('signup-result')).toContainText('測試 新會員')
  await page.screenshot({ path: 'test/artifacts/signup-created.png', fullPage: true })
  await page.getByTestId('signup-open-card').click()
  await expect(page.getByTestId('member-name')).toHaveText('測試 新會員')
  expect(await sandbox.registrations(phone)).toBe(1)
})

test('validation shows beside the field when it is left, and never clears what was typed', async ({ page, sandbox }) => {
  const before = Number((await sandbox.stats()).signupPosts)
  await page.getByTestId('signup-open').click()
  await fillSignup(page, { phone: '0912', email: 'not-an-email', birthday: '2099-01-01', 'carrier-type': 'PHONE_CARRIER', carrier: '/ab' })
  await page.getByTestId('signup-name').focus()
  await expect(page.getByTestId('signup-phone-error')).toHaveText('需要 10 位數字，以 09 開頭')
  await expect(page.getByTestId('signup-email-error')).toHaveText('電子信箱格式不正確')
  await page.getByTestId('signup-submit').click()
  await expect(page.getByTestId('signup-birthday-error')).toHaveText('生日不能是今天或未來的日期')
  await expect(page.getByTestId('signup-phoneCarrier-error')).toHaveText('手機條碼為「/」加 7 碼（0-9、A-Z、.、+、-）')
  await page.screenshot({ path: 'test/artifacts/signup-errors.png', fullPage: true })
  await expect(page.getByTestId('signup-phone')).toHaveValue('0912')
  await expect(page.getByTestId('signup-email')).toHaveValue('not-an-email')
  expect(Number((await sandbox.stats()).signupPosts)).toBe(before)
  // Leaving the form and coming back keeps the draft.
  await page.getByTestId('lookup-open').click()
  await page.getByTestId('signup-open').click()
  await expect(page.getByTestId('signup-email')).toHaveValue('not-an-email')
})

test('a vendor refusal is shown in the vendor’s own words, with a way to look that member up', async ({ page }) => {
  await signUp(page, '0903515908', 'Someone')
  await expect(page.getByTestId('error-message')).toHaveText('此手機號碼已註冊為會員')
  await expect(page.getByTestId('signup-name')).toHaveValue('Someone')
  await page.getByTestId('signup-lookup-instead').click()
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
})
