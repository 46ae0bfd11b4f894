import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { imeScanInto, type ImeCommit } from './support/ime-wedge'

// Scans through the Zhuyin input method (see support/ime-wedge.ts for the event order),
// at a fast USB scanner's 3–8 ms and a Bluetooth scanner's 15–40 ms per key. Each scan
// must leave the focused field, its store and its caret exactly as they were, whatever
// the input method does after the Enter. Outcomes are collected over several scans and
// compared at once, so a failure says how many of them went wrong.

const PROFILES = { fast: [3, 8], bluetooth: [15, 40] } as const satisfies Record<string, [number, number]>
const PHONES = ['0912345678', '0928765432', '0903515908', '0963888520']
/** EAN-13 product codes, scanned by mistake: only reported, so the field keeps focus. */
const product = (n: number) => `47100881234${String(n).padStart(2, '0')}`

/** A seeded random source, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function fieldState(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((el: HTMLInputElement) => ({
    value: el.value,
    start: el.selectionStart,
    end: el.selectionEnd,
    focused: document.activeElement === el,
  }))
}

/** Lets any late input-method event land before the field is read. */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(null)), 150)))

for (const [profile, gapMs] of Object.entries(PROFILES)) {
  for (const after of ['commit', 'cancel', 'keep'] as ImeCommit[]) {
    test(`IME ${profile} scans into the lookup field (IME ${after}s after the Enter): the number, nothing composed`, async ({ page }) => {
      const random = seeded(profile.length * 31 + after.length)
      const phone = page.getByTestId('phone-input')
      const wrong: string[] = []
      for (let i = 0; i < 4; i++) {
        const want = PHONES[i % PHONES.length]!
        await phone.click()
        await imeScanInto(page, want, { gapMs, after, random })
        const looked = await page.getByTestId('member-card').waitFor({ timeout: 5_000 }).then(() => true, () => false)
        await settle(page)
        const s = await fieldState(page, 'phone-input')
        if (!looked || s.value !== want) wrong.push(`scan ${i + 1}: ${looked ? '' : 'no card, '}${JSON.stringify(s)}`)
        await phone.press('Escape')
        await expect(page.getByTestId('member-card')).toHaveCount(0)
      }
      console.info(`[ime-scan] lookup field, ${profile}, IME ${after}s: ${4 - wrong.length}/4 clean`)
      expect(wrong, `${wrong.length} of 4 ${profile} scans left the lookup field wrong`).toEqual([])
    })
  }

  test(`IME ${profile} scans while the sign-up name holds text: value, caret and draft untouched, whatever the IME does after the Enter`, async ({ page }) => {
    const random = seeded(profile.length * 17)
    await page.getByTestId('signup-open').click()
    const name = page.getByTestId('signup-name')
    await name.click()
    await name.fill('王大明')
    await name.evaluate((el: HTMLInputElement) => el.setSelectionRange(1, 2))
    const wrong: string[] = []
    let n = 0
    for (const after of ['commit', 'cancel', 'keep', 'commit', 'commit', 'cancel'] as ImeCommit[]) {
      n++
      await imeScanInto(page, product(n), { gapMs, after, random })
      const seen = await expect(page.getByTestId('scan-raw')).toHaveText(product(n), { timeout: 5_000 }).then(() => true, () => false)
      await settle(page)
      const s = await fieldState(page, 'signup-name')
      if (!seen || s.value !== '王大明' || s.start !== 1 || s.end !== 2 || !s.focused) wrong.push(`scan ${n} (${after}): ${seen ? '' : 'not recognised, '}${JSON.stringify(s)}`)
    }
    // A phone scan from the same field: looked up, and the draft (the store) kept the name.
    await imeScanInto(page, '0912345678', { gapMs, random })
    await expect(page.getByTestId('member-name')).toHaveText('王小明')
    await settle(page)
    await page.getByTestId('signup-open').click()
    n++
    const draft = { name: await page.getByTestId('signup-name').inputValue(), phone: await page.getByTestId('signup-phone').inputValue() }
    if (draft.name !== '王大明' || draft.phone !== '') wrong.push(`phone scan: the draft became ${JSON.stringify(draft)}`)
    console.info(`[ime-scan] sign-up name holding text, ${profile}: ${n - wrong.length}/${n} clean`)
    expect(wrong, `${wrong.length} of ${n} ${profile} scans changed the sign-up name`).toEqual([])
  })
}

test('hand typing through the IME right after a scan is untouched: the composition commits into the name and the draft', async ({ page }) => {
  await page.getByTestId('signup-open').click()
  const name = page.getByTestId('signup-name')
  await name.click()
  await name.fill('王')
  await imeScanInto(page, product(0), { gapMs: 5 })
  await expect(page.getByTestId('scan-raw')).toHaveText(product(0))
  await settle(page)
  // Now a person types ㄉㄚˋ and picks 大, at a person's pace.
  const cdp = await page.context().newCDPSession(page)
  let composed = ''
  for (const [code, sym] of [['Digit2', 'ㄉ'], ['Digit8', 'ㄚ'], ['Digit4', 'ˋ']] as const) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code, windowsVirtualKeyCode: 229 })
    composed += sym
    await cdp.send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length })
    await page.waitForTimeout(120)
  }
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Space', windowsVirtualKeyCode: 229 })
  await cdp.send('Input.insertText', { text: '大' })
  await cdp.detach()
  await expect(name).toHaveValue('王大')
  await page.getByTestId('lookup-open').click()
  await page.getByTestId('signup-open').click()
  await expect(page.getByTestId('signup-name')).toHaveValue('王大')
})
