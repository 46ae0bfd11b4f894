import { decodeCode128 } from './support/zbar'
import { expect, lookUp, test } from './support/fixtures'

// What the POS scanner will read: screenshots of the shown barcodes, decoded by zbarimg.

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

test('every shown barcode decodes to its coupon code: the seed’s and lengths 6 to 24', async ({ page, sandbox }) => {
  const codes = Array.from({ length: 19 }, (_, i) => randomCode(6 + i, 7919 * (i + 1)))
  codes.push('A-1-B-2-C-3', '------', 'ZZZZZZZZZZZZZZZZZZZZZZZZ')
  const res = await fetch(`${sandbox.url}/__sandbox/coupons`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // A member with no coupons of their own, so other tests' expectations stay as seeded.
    body: JSON.stringify({ phone: '0963888520', codes }),
  })
  expect(res.status).toBe(200)

  await lookUp(page, '0903515908')
  await expect(page.getByTestId('coupon-barcode')).toHaveCount(1)
  expect(decodeCode128(await page.getByTestId('coupon-barcode').screenshot())).toEqual(['1NWLGQK3G'])

  await lookUp(page, '0963888520')
  await expect(page.getByTestId('member-name')).toHaveText('李宗翰')
  const barcodes = page.getByTestId('coupon-barcode')
  await expect(barcodes).toHaveCount(codes.length)
  const expected = codes
  const decoded: string[] = []
  for (let i = 0; i < expected.length; i++) {
    const svg = barcodes.nth(i)
    const code = await svg.getAttribute('data-code')
    await svg.scrollIntoViewIfNeeded()
    const [value] = decodeCode128(await svg.screenshot())
    expect(value, `barcode for ${code}`).toBe(code)
    decoded.push(value!)
  }
  expect(decoded.sort()).toEqual([...expected].sort())
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

test('a card looked up after the window narrowed draws its barcode for the box it is in', async ({ page }) => {
  // A new card's barcodes start from the width the last card's box had (no forced layout
  // mid-render); after a resize that guess is wrong, and the box's ResizeObserver must fix it.
  const svg = page.getByTestId('coupon-barcode')
  await lookUp(page, '0903515908')
  await expect(svg).toHaveAttribute('data-module-px', /\d/)
  const wide = Number(await svg.getAttribute('data-module-px'))
  await page.getByTestId('phone-input').press('Escape')
  await expect(page.getByTestId('member-card')).toHaveCount(0)

  await page.setViewportSize({ width: 420, height: 900 })
  await lookUp(page, '0903515908')
  await expect(svg).toHaveAttribute('data-module-px', /\d/)
  const narrow = Number(await svg.getAttribute('data-module-px'))
  expect(narrow).toBeLessThan(wide)
  const fit = await svg.evaluate((el) => ({ bars: el.getBoundingClientRect().width, box: el.parentElement!.clientWidth }))
  expect(fit.bars).toBeLessThanOrEqual(fit.box)
  expect(decodeCode128(await svg.screenshot())).toEqual(['1NWLGQK3G'])
})
