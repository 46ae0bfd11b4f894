import type { Page } from '@playwright/test'
import { decodeCode128 } from './support/zbar'
import { expect, lookUp, test } from './support/fixtures'

// What the POS scanner will read: screenshots of the shown barcodes, decoded by zbarimg.
// Since issue 17.5 the card lists coupons as rows and draws a barcode only on demand, in the
// full-screen view (17.3): that view is what must decode, at every width a counter uses.

function randomCode(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-'
  let x = seed
  let out = ''
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    out += alphabet[x % alphabet.length]
  }
  return out
}

/** Opens the full-screen view for one coupon of the card shown and decodes a screenshot of the window. */
async function showAndDecode(page: Page, code: string): Promise<{ decoded: string[]; modulePx: number; rotated: boolean; fits: boolean }> {
  await page.locator(`[data-testid="coupon-item"][data-code="${code}"] [data-testid="coupon-show-scanner"]`).click()
  const svg = page.getByTestId('scanner-view').getByTestId('coupon-barcode')
  await expect(svg).toHaveAttribute('data-module-px', /\d/)
  // The bars with their quiet zones, inside the window: nothing clipped.
  const fits = await svg.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight
  })
  const shot = await page.screenshot()
  const result = {
    decoded: decodeCode128(shot),
    modulePx: Number(await svg.getAttribute('data-module-px')),
    rotated: (await svg.getAttribute('data-rotated')) === 'true',
    fits,
  }
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('scanner-view')).toHaveCount(0)
  return result
}

test('出示條碼 decodes at 380, 420, 600 and 1280 px for codes of 6 to 24 characters, quiet zones inside the window', async ({ page, sandbox }) => {
  test.setTimeout(180_000)
  const codes = [6, 8, 10, 12, 14, 16, 18, 20, 22, 24].map((n) => randomCode(n, 7919 * n))
  codes.push('A-1-B-2-C-3', '------', 'ZZZZZZZZZZZZZZZZZZZZZZZZ')
  const res = await fetch(`${sandbox.url}/__sandbox/coupons`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // A member with no coupons of their own, so other tests' expectations stay as seeded.
    body: JSON.stringify({ phone: '0963888520', codes }),
  })
  expect(res.status).toBe(200)
  const seeded = 'TW2026COFFEE-0001-ABCDEF'
  const failures: string[] = []
  const rotatedAt = new Set<number>()
  for (const [width, height] of [
    [380, 900],
    [420, 900],
    [600, 900],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.keyboard.press('Escape')
    await lookUp(page, '0912345678')
    await expect(page.getByTestId('member-name')).toHaveText('王小明')
    const r = await showAndDecode(page, seeded)
    if (r.decoded.join() !== seeded || !r.fits || !Number.isInteger(r.modulePx) || r.modulePx < 1) failures.push(`${width}px ${seeded}: ${JSON.stringify(r)}`)
    if (r.rotated) rotatedAt.add(width)
    if (width === 380) await page.screenshot({ path: 'test/artifacts/show-to-scanner-380.png' })

    await lookUp(page, '0963888520')
    await expect(page.getByTestId('member-name')).toHaveText('李宗翰')
    for (const code of codes) {
      const c = await showAndDecode(page, code)
      if (c.decoded.join() !== code || !c.fits || c.modulePx < 1) failures.push(`${width}px ${code}: ${JSON.stringify(c)}`)
    }
  }
  expect(failures).toEqual([])
  // A tall side panel turns the bars along its height; the full window does not need to.
  expect(rotatedAt.has(380) && rotatedAt.has(420)).toBe(true)
  expect(rotatedAt.has(1280)).toBe(false)
})

test('“show to scanner” fills the screen with one barcode that decodes; Esc and a tap close it', async ({ page }) => {
  await lookUp(page, '0903515908')
  await page.getByTestId('coupon-show-scanner').first().click()
  const view = page.getByTestId('scanner-view')
  await expect(view).toBeVisible()
  const shot = await page.screenshot({ path: 'test/artifacts/show-to-scanner.png' })
  expect(decodeCode128(shot)).toEqual(['1NWLGQK3G'])
  // Whole device pixels per module, and at least two of them for a handheld scanner.
  const modulePx = Number(await view.getByTestId('coupon-barcode').getAttribute('data-module-px'))
  expect(Number.isInteger(modulePx) && modulePx >= 2).toBe(true)
  await page.keyboard.press('Escape')
  await expect(view).toBeHidden()
  await page.getByTestId('coupon-show-scanner').first().click()
  await page.getByTestId('scanner-view').click()
  await expect(page.getByTestId('scanner-view')).toBeHidden()
})

test('the full-screen barcode is drawn again for the window it is in when the window changes', async ({ page }) => {
  await lookUp(page, '0912345678')
  await page.locator('[data-testid="coupon-item"][data-code="TW2026COFFEE-0001-ABCDEF"] [data-testid="coupon-show-scanner"]').click()
  const svg = page.getByTestId('scanner-view').getByTestId('coupon-barcode')
  await expect(svg).toHaveAttribute('data-module-px', /\d/)
  const wide = Number(await svg.getAttribute('data-module-px'))
  await page.setViewportSize({ width: 380, height: 900 })
  await expect(svg).toHaveAttribute('data-rotated', 'true')
  const inPanel = await svg.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { px: Number((el as SVGSVGElement).dataset.modulePx), inside: r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight }
  })
  expect(inPanel.inside).toBe(true)
  expect(inPanel.px).toBeLessThanOrEqual(wide)
  expect(decodeCode128(await page.screenshot())).toEqual(['TW2026COFFEE-0001-ABCDEF'])
})
