import { expect, test as base } from '@playwright/test'
import { callBridge } from './support/bridge'
import { test, withSandboxAndApp } from './support/fixtures'

// A sign-up form that helps before it refuses: the phone checked on leaving the field,
// errors that clear when edited, ROC birthdays, the privacy notice and what Settings
// decides about the form.

const newPhone = (prefix: string) => `${prefix}${String(Date.now()).slice(-6)}`

test('leaving the phone field says at once that the number is already a member, with their card one tap away', async ({ page }) => {
  await page.getByTestId('signup-open').click()
  const check = page.getByTestId('signup-member-check')
  await page.getByTestId('signup-phone').fill('0903515908')
  await page.getByTestId('signup-phone').press('Tab')
  await expect(check).toHaveAttribute('data-state', 'member')
  await expect(check).toContainText('已經是會員：Chien YH')
  await page.screenshot({ path: 'test/artifacts/signup-already-member.png', fullPage: true })

  // A new number forgets the old answer and gets its own.
  const fresh = newPhone('0955')
  await page.getByTestId('signup-phone').fill(fresh)
  await expect(check).toHaveAttribute('data-state', 'idle')
  await page.getByTestId('signup-phone').press('Tab')
  await expect(check).toHaveAttribute('data-state', 'not-member')
  await expect(check).toContainText('還不是會員')

  // The vendor's refusal after a submit goes as soon as the number is changed.
  await page.getByTestId('signup-phone').fill('0903515908')
  await page.getByTestId('signup-submit').click()
  await expect(page.getByTestId('error-message')).toHaveText('此手機號碼已註冊為會員')
  await page.getByTestId('signup-phone').fill(fresh)
  await expect(page.getByTestId('error-message')).toHaveCount(0)

  await page.getByTestId('signup-phone').fill('0903515908')
  await page.getByTestId('signup-phone').press('Tab')
  await page.getByTestId('signup-member-open').click()
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
})

test('a birthday may be written with its ROC year and the form shows the day it understood; errors clear while edited', async ({ page }) => {
  await page.getByTestId('signup-open').click()
  const birthday = page.getByTestId('signup-birthday')
  const read = page.getByTestId('signup-birthday-read')
  for (const typed of ['740312', '74/3/12', '民國74年3月12日', '1985-03-12', '0740312']) {
    await birthday.fill(typed)
    await expect(read, typed).toHaveText('＝ 1985-03-12（民國 74 年 3 月 12 日）')
  }
  await birthday.fill('74/2/30')
  await expect(read).toHaveCount(0)
  await birthday.press('Tab')
  await expect(page.getByTestId('signup-birthday-error')).toHaveText('沒有這一天')
  // Edited: the problem steps aside until the field is left again.
  await birthday.fill('74/2/3')
  await expect(page.getByTestId('signup-birthday-error')).toHaveCount(0)
  await page.getByTestId('signup-email').fill('not-an-email')
  await page.getByTestId('signup-email').press('Tab')
  await expect(page.getByTestId('signup-email-error')).toBeVisible()
  await page.getByTestId('signup-email').press('End')
  await page.getByTestId('signup-email').press('x')
  await expect(page.getByTestId('signup-email-error')).toHaveCount(0)
  await page.getByTestId('signup-email').fill('')

  const phone = newPhone('0956')
  await page.getByTestId('signup-phone').fill(phone)
  await birthday.fill('民國74年3月12日')
  await page.getByTestId('signup-submit').click()
  await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'created')
  const member = (await callBridge(page, 'member:lookup', { phone })) as { ok: boolean; value: { profile: { birthday: string } } }
  expect(member.value.profile.birthday).toBe('1985-03-12')
})

base('Settings decide the integration section, the provider named in the privacy notice and whether the customer’s tick is required', async ({ page }) => {
  base.setTimeout(90_000)
  await withSandboxAndApp(async (app, sandbox) => {
    await page.goto(app.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId('signup-open').click()
    await expect(page.getByTestId('signup-group-integration')).toHaveCount(0)
    await expect(page.getByTestId('signup-privacy')).toContainText('個資告知')
    await expect(page.getByTestId('signup-privacy-text')).toContainText('會員系統服務商')

    await page.getByTestId('settings-open').click()
    await page.getByTestId('settings-signup-integration').check()
    await page.getByTestId('settings-privacy-vendor').fill('歐卡資訊股份有限公司')
    await page.getByTestId('settings-privacy-consent-required').check()
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()

    for (const [lang, width] of [['zh', 1280], ['zh', 420], ['en', 420], ['en', 1280]] as const) {
      if (lang === 'en' && width === 420) await page.getByTestId('language-toggle').click()
      await page.setViewportSize({ width, height: 900 })
      await page.getByTestId('settings-open').click()
      await page.screenshot({ path: `test/artifacts/forms-settings-${lang}-${width}.png`, fullPage: true })
    }
    await page.getByTestId('language-toggle').click()
    await page.setViewportSize({ width: 1280, height: 900 })

    await page.getByTestId('signup-open').click()
    await page.getByTestId('signup-group-integration').locator('summary').click()
    await page.getByTestId('signup-line-id').fill('U4af4980629')
    await expect(page.getByTestId('signup-privacy-text')).toContainText('歐卡資訊股份有限公司')
    const phone = newPhone('0957')
    await page.getByTestId('signup-phone').fill(phone)
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-consent-error')).toHaveText('請先請顧客同意個資告知，再勾選')
    expect(await sandbox.registrations(phone)).toBe(0)
    await page.getByTestId('signup-consent').check()
    await expect(page.getByTestId('signup-consent-error')).toHaveCount(0)
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'created')
    expect(await sandbox.registrations(phone)).toBe(1)

    // A notice written in Settings is shown as written.
    await page.getByTestId('settings-open').click()
    await page.getByTestId('settings-privacy-notice').fill('本店蒐集手機號碼，只用於會員點數。')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
    await page.getByTestId('signup-open').click()
    await expect(page.getByTestId('signup-privacy-text')).toHaveText('本店蒐集手機號碼，只用於會員點數。')
    await expect(page.getByTestId('signup-phone-error')).toHaveCount(0)
    await page.screenshot({ path: 'test/artifacts/forms-signup-privacy-custom.png', fullPage: true })
  })
})

base('offline: a number this counter’s offline copy knows is named at once and never queued without a word', async ({ page }) => {
  base.setTimeout(90_000)
  await withSandboxAndApp(async (app, sandbox) => {
    await page.goto(app.url)
    await page.getByTestId('phone-input').fill('0928765432')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
    await sandbox.stop()

    await page.getByTestId('signup-open').click()
    await page.getByTestId('signup-phone').fill('0928765432')
    await page.getByTestId('signup-phone').press('Tab')
    const check = page.getByTestId('signup-member-check')
    await expect(check).toHaveAttribute('data-state', 'member')
    await expect(check).toContainText('離線資料')
    await expect(check).toContainText('林雅婷')
    for (const [lang, width] of [['zh', 1280], ['zh', 420], ['en', 420], ['en', 1280]] as const) {
      if (lang === 'en' && width === 420) await page.getByTestId('language-toggle').click()
      await page.setViewportSize({ width, height: 900 })
      await page.screenshot({ path: `test/artifacts/forms-signup-offline-member-${lang}-${width}.png`, fullPage: true })
    }
    await page.getByTestId('language-toggle').click()

    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-phone-error')).toContainText('離線資料顯示這支手機已是會員')
    await expect(page.getByTestId('outbox-count')).toHaveText('0')

    // A number it does not know: said plainly that it cannot be checked now, and queued.
    await page.getByTestId('signup-phone').fill(newPhone('0958'))
    await page.getByTestId('signup-phone').press('Tab')
    await expect(check).toHaveAttribute('data-state', 'unknown')
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
    await expect(page.getByTestId('outbox-count')).toHaveText('1')
  })
})
