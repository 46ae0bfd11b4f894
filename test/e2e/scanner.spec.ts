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

test('a scan answered fast changes the screen once: the field, the notice and the card arrive in one frame', async ({ page }) => {
  // Chromium holds an answer that arrives after a key until the frame that key dirtied is
  // painted, so anything drawn at the Enter (a busy state, the field clean-up) would put
  // the card a frame later. Every DOM change and `input` event after the Enter is stamped
  // with the number of frames begun since; all must share the card's frame.
  // Installed before the app's scripts, so its capture listener sees the Enter the scanner stops.
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number; __changes: Array<{ frame: number; what: string }>; __enterSeen: boolean }
    w.__frames = 0
    w.__changes = []
    w.__enterSeen = false
    const tick = () => {
      w.__frames++
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    addEventListener('keydown', (e) => e.key === 'Enter' && (w.__enterSeen = true), true)
    const note = (what: string) => w.__enterSeen && w.__changes.push({ frame: w.__frames, what })
    addEventListener('input', () => note('input'), true)
    addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        for (const r of records) {
          const card = [...r.addedNodes].some((n) => n.nodeType === 1 && ((n as Element).matches('[data-testid="member-card"]') || (n as Element).querySelector('[data-testid="member-card"]')))
          note(card ? 'card' : `${r.type} ${r.attributeName ?? ''} on ${r.target.nodeName.toLowerCase()}${r.target.nodeType === 1 ? `[data-testid=${(r.target as Element).getAttribute('data-testid')}]` : ''}`)
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }),
    )
  })
  await page.reload()
  await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
  // A first lookup fetches the token: slower than the 50 ms the screen waits. Then Esc, as staff do.
  await page.getByTestId('phone-input').click()
  await scanInto(page, '0928765432')
  await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
  await page.getByTestId('phone-input').press('Escape')
  await expect(page.getByTestId('member-card')).toHaveCount(0)
  await page.waitForTimeout(500) // the first scan's flash is over
  await page.evaluate(() => {
    const w = window as unknown as { __changes: unknown[]; __enterSeen: boolean }
    w.__changes = []
    w.__enterSeen = false
  })
  await scanInto(page, '0912345678')
  await expect(page.getByTestId('member-name')).toHaveText('王小明')
  await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'phone')
  await expect(page.getByTestId('phone-input')).toHaveValue('0912345678')
  const changes = await page.evaluate(() => (window as unknown as { __changes: Array<{ frame: number; what: string }> }).__changes)
  const cardFrame = changes.find((c) => c.what === 'card')?.frame
  expect(cardFrame).toBeDefined()
  // Nothing before the card's frame (after it come the flash and failed pictures' placeholders).
  expect(changes.filter((c) => c.frame < cardFrame!), JSON.stringify(changes.slice(0, 12))).toEqual([])
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
