import type { CDPSession, Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

// Digits typed by hand with the Zhuyin input method on (issue 17.9): each number-row key
// arrives as keydown 'Process' / 229 with its physical code, and the input method composes
// ㄅㄉˇ… In the phone field and the last-three-digits box the digit lands and the
// composition does not; Enter (also through the input method) looks it up. A name field
// keeps the input method's text.

const ZHUYIN: Record<string, string> = { '0': 'ㄢ', '1': 'ㄅ', '2': 'ㄉ', '3': 'ˇ', '4': 'ˋ', '5': 'ㄓ', '6': 'ˊ', '7': '˙', '8': 'ㄚ', '9': 'ㄞ' }

/** Types digits as a person would with the IME on (a real IME keeps its whole buffer composed). */
async function typeThroughIme(page: Page, cdp: CDPSession, digits: string): Promise<string> {
  let composed = ''
  for (const d of digits) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: `Digit${d}`, windowsVirtualKeyCode: 229 })
    composed += ZHUYIN[d]
    await cdp.send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: d, code: `Digit${d}`, windowsVirtualKeyCode: d.charCodeAt(0) })
    await page.waitForTimeout(90) // a person's pace: never a scan
  }
  return composed
}

/**
 * Opens what holds the field (`opener`, a data-testid) if asked, puts the cursor in the field
 * (`testid`) and types `digits` through the IME; the CDP session stays open for the test's next keys.
 */
async function typeIntoThroughIme(page: Page, testid: string, digits: string, opener?: string): Promise<{ field: Locator; cdp: CDPSession; composed: string }> {
  if (opener) await page.getByTestId(opener).click()
  const field = page.getByTestId(testid)
  await field.click()
  const cdp = await page.context().newCDPSession(page)
  return { field, cdp, composed: await typeThroughIme(page, cdp, digits) }
}

/** Enter through the IME: the keydown, then the IME commits what it had composed. */
async function enterThroughIme(cdp: CDPSession, composed: string): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Enter', windowsVirtualKeyCode: 229 })
  await cdp.send('Input.insertText', { text: composed })
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 })
}

test('phone field: digits keyed through the IME land as digits, Enter looks the member up', async ({ page }) => {
  const { field: phone, cdp, composed } = await typeIntoThroughIme(page, 'phone-input', '0912345678')
  await expect(phone).toHaveValue('0912345678')
  await expect(page.getByTestId('phone-help')).not.toHaveClass(/problem/)
  await enterThroughIme(cdp, composed)
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await page.waitForTimeout(150)
  await expect(phone).toHaveValue('0912345678')
  // Backspace through the IME deletes a digit, as it says.
  await phone.evaluate((el: HTMLInputElement) => el.setSelectionRange(10, 10))
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Backspace', windowsVirtualKeyCode: 229 })
  await expect(phone).toHaveValue('091234567')
  await cdp.detach()
})

test('last-three-digits box: digits through the IME, Enter searches', async ({ page }) => {
  const { field: box, cdp, composed } = await typeIntoThroughIme(page, 'suffix-input', '678', 'suffix-open')
  await expect(box).toHaveValue('678')
  await enterThroughIme(cdp, composed)
  const results = page.getByTestId('search-result')
  await expect(results.filter({ hasText: '陳志豪' })).toBeVisible()
  await expect(box).toHaveValue('678')
  await cdp.detach()
})

test('a name field keeps the input method untouched: what it composes and commits is typed', async ({ page }) => {
  const { field: name, cdp, composed } = await typeIntoThroughIme(page, 'signup-name', '28', 'signup-open')
  await expect(name).toHaveValue(composed)
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Space', windowsVirtualKeyCode: 229 })
  await cdp.send('Input.insertText', { text: '大' })
  await expect(name).toHaveValue('大')
  await cdp.detach()
})
