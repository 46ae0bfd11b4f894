import { expect, lookUp, test } from './support/fixtures'
import { decodeCode39 } from './support/zbar'

// Issue 14.2: the member's e-invoice mobile carrier, from member data fetched beside the
// login, shown as Code39 that a POS scanner reads — inline on the card and full-screen.

/** Between them every character a carrier may hold: 0-9 A-Z . + - */
const CARRIERS = ['/0123456', '/789ABCD', '/EFGHIJK', '/LMNOPQR', '/STUVWXY', '/Z.+-9A0']
const PHONE = '0912345678'

test('carriers using every allowed character decode from the card and from “show to scanner”', async ({ page, sandbox }) => {
  expect(new Set(CARRIERS.join('').replaceAll('/', '')).size).toBe(39)
  for (const carrier of CARRIERS) {
    await sandbox.carrier(PHONE, carrier)
    await lookUp(page, PHONE)
    const svg = page.getByTestId('carrier-barcode')
    await expect(svg).toHaveAttribute('data-code', carrier)
    await expect(page.getByTestId('carrier-barcode-text')).toHaveText(carrier)
    // Whole device pixels per module.
    expect(Number(await svg.getAttribute('data-module-px'))).toBeGreaterThanOrEqual(1)
    expect(decodeCode39(await svg.screenshot()), carrier).toEqual([carrier])

    await page.getByTestId('carrier-show-scanner').click()
    const view = page.getByTestId('scanner-view')
    await expect(view).toBeVisible()
    expect(decodeCode39(await view.getByTestId('carrier-barcode').screenshot()), `${carrier} full-screen`).toEqual([carrier])
    if (carrier === CARRIERS[5]) await page.screenshot({ path: 'test/artifacts/carrier-show-to-scanner.png' })
    await page.keyboard.press('Escape')
    await expect(view).toHaveCount(0)
    await page.getByTestId('phone-input').press('Escape')
  }
  await lookUp(page, PHONE)
  await expect(page.getByTestId('carrier-block')).toBeVisible()
  await page.getByTestId('carrier-block').screenshot({ path: 'test/artifacts/carrier-on-card.png' })
})

test('a member without a carrier shows no carrier block', async ({ page, sandbox }) => {
  await sandbox.carrier('0958222678', null)
  await lookUp(page, '0958222678')
  await expect(page.getByTestId('member-name')).not.toHaveText('')
  await expect(page.getByTestId('carrier-block')).toHaveCount(0)
})
