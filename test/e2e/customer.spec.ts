/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { CHANNELS } from '../../electron/shared/contract'
import { BRIDGE_SOCKET_PATHS } from '../../electron/shared/socket-bridge'
import { expect, test } from './support/fixtures'
import { decodeCode128 } from './support/zbar'

// The customer display in browser mode: the page /customer in a second window of the same
// browser session, beside the staff window.

const MEMBER = '0903515908' // Chien YH, 16,088 points, 2026/12/31 expiry, coupon 1NWLGQK3G
const CUSTOMER_CHANNELS = ['customer:screen', 'customer:keyed']

async function openCustomer(staff: Page, origin: string): Promise<Page> {
  const customer = await staff.context().newPage()
  await customer.setViewportSize({ width: 1280, height: 800 })
  await customer.goto(`${origin}/customer`)
  await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-ready', 'true')
  return customer
}

async function keyIn(customer: Page, digits: string): Promise<void> {
  for (const d of digits) await customer.getByTestId(`customer-key-${d}`).click()
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Both displays in one picture: the staff window left, the customer display right. */
async function sideBySide(staff: Page, customer: Page, file: string): Promise<void> {
  const [a, b] = [await staff.screenshot(), await customer.screenshot()]
  const sheet = await staff.context().browser()!.newPage({ viewport: { width: 2600, height: 860 } })
  await sheet.setContent(
    `<body style="margin:0;display:flex;gap:20px;padding:20px;background:#333">` +
      `<img style="border:1px solid #000" src="data:image/png;base64,${a.toString('base64')}">` +
      `<img style="border:1px solid #000" src="data:image/png;base64,${b.toString('base64')}"></body>`,
  )
  await sheet.screenshot({ path: file, fullPage: true })
  await sheet.close()
}

test('the customer keys a phone: the staff card opens, the customer sees a masked welcome, points and expiry', async ({ page, app }) => {
  const customer = await openCustomer(page, app.origin)
  // This app is configured like a live store whose name is not known yet.
  await expect(customer.getByTestId('customer-store')).toHaveText('歡迎光臨')
  await expect(customer.getByTestId('customer-prompt')).toHaveText('請輸入您的手機號碼')
  await noSeriousViolations(customer, 'idle')

  await keyIn(customer, '09035')
  await expect(customer.getByTestId('customer-keyed')).toHaveText('09**-*')
  await keyIn(customer, '15908')
  await expect(customer.getByTestId('customer-keyed')).toHaveText('09**-***-908')
  await customer.getByTestId('customer-key-enter').click()

  // On the staff screen exactly as if staff had typed it.
  await expect(page.getByTestId('phone-input')).toHaveValue(MEMBER)
  await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
  await expect(customer.getByTestId('customer-welcome')).toHaveText('C*** YH，您好')
  await expect(customer.getByTestId('customer-points')).toHaveText('16,088')
  await expect(customer.getByTestId('customer-expiring')).toContainText('2026/12/31')
  const shown = await customer.getByTestId('customer-display').innerText()
  for (const secret of ['Chien', MEMBER, '515908', '0903-515-908']) expect(shown).not.toContain(secret)
  await noSeriousViolations(customer, 'member')
  await sideBySide(page, customer, '/work/coord/shots/display/both-zh-TW.png')

  // Staff clear the lookup: the customer display is idle again.
  await page.getByTestId('phone-input').press('Escape')
  await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-state', 'idle')
  await expect(customer.getByTestId('customer-prompt')).toBeVisible()
})

test('a wrong number stays on the customer display; staff see nothing', async ({ page, app }) => {
  const customer = await openCustomer(page, app.origin)
  await keyIn(customer, '08123')
  await customer.getByTestId('customer-key-enter').click()
  await expect(customer.getByTestId('customer-status')).toHaveText('請輸入 09 開頭的 10 位手機號碼')
  await customer.getByTestId('customer-key-clear').click()
  await expect(customer.getByTestId('customer-keyed')).toHaveText('尚未輸入')
  await expect(page.getByTestId('phone-input')).toHaveValue('')
})

test('"show to scanner" shows the coupon barcode on the customer display too, readable by a scanner', async ({ page, app }) => {
  const customer = await openCustomer(page, app.origin)
  await page.getByTestId('phone-input').fill(MEMBER)
  await page.getByTestId('phone-input').press('Enter')
  await expect(customer.getByTestId('customer-points')).toHaveText('16,088')
  await page.getByTestId('coupon-show-scanner').first().click()
  await expect(customer.getByTestId('customer-coupon')).toBeVisible()
  await expect(customer.getByTestId('coupon-code-text')).toHaveText('1NWLGQK3G')
  expect(decodeCode128(await customer.screenshot())).toEqual(['1NWLGQK3G'])
  await customer.screenshot({ path: '/work/coord/shots/display/customer-coupon.png' })
  await page.getByTestId('scanner-view').click()
  await expect(customer.getByTestId('customer-coupon')).toHaveCount(0)
  await expect(customer.getByTestId('customer-points')).toBeVisible()
})

test('in English when staff switch: both displays side by side', async ({ page, app }) => {
  const customer = await openCustomer(page, app.origin)
  await page.getByTestId('language-toggle').click()
  await expect(customer.getByTestId('customer-prompt')).toHaveText('Please key in your mobile number')
  await noSeriousViolations(customer, 'idle, English')
  await keyIn(customer, MEMBER)
  await customer.getByTestId('customer-key-enter').click()
  await expect(customer.getByTestId('customer-welcome')).toHaveText('Hello, C*** YH')
  await expect(customer.getByTestId('customer-expiring')).toContainText('expire on 2026/12/31')
  await sideBySide(page, customer, '/work/coord/shots/display/both-en.png')
  await page.getByTestId('phone-input').press('Escape')
  await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-state', 'idle')
  await sideBySide(page, customer, '/work/coord/shots/display/both-en-idle.png')
  await page.getByTestId('language-toggle').click()
  await expect(customer.getByTestId('customer-prompt')).toHaveText('請輸入您的手機號碼')
  await sideBySide(page, customer, '/work/coord/shots/display/both-zh-TW-idle.png')
})

test('the customer socket gets FORBIDDEN for every channel but its two, and no staff event', async ({ page, app }) => {
  const customer = await openCustomer(page, app.origin)
  const outcome = await customer.evaluate(
    async ({ path, channels }) => {
      const ws = new WebSocket(new URL(path, location.href).href.replace(/^http/, 'ws'))
      const frames: Array<{ id?: number; event?: string; result?: { ok: boolean; error?: { code: string } } }> = []
      ws.onmessage = (e) => frames.push(JSON.parse(String(e.data)))
      await new Promise((r) => (ws.onopen = r))
      channels.forEach((channel, id) => ws.send(JSON.stringify({ id, channel })))
      await new Promise((r) => setTimeout(r, 500))
      ws.close()
      return frames
    },
    { path: BRIDGE_SOCKET_PATHS.customer, channels: CHANNELS },
  )
  const codes = Object.fromEntries(CHANNELS.map((c, id) => [c, outcome.find((f) => f.id === id)?.result]))
  for (const c of CHANNELS.filter((c) => !CUSTOMER_CHANNELS.includes(c))) expect(codes[c], c).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(codes['customer:screen']).toMatchObject({ ok: true })
  // Meanwhile a staff-side change: the customer hears only what it shows.
  const events: string[] = []
  customer.on('websocket', (ws) => ws.on('framereceived', (f) => events.push(String(f.payload))))
  await page.getByTestId('language-toggle').click()
  await expect(customer.getByTestId('customer-prompt')).toHaveText('Please key in your mobile number')
  expect(events.some((e) => e.includes('settings:changed'))).toBe(false)
  await page.getByTestId('language-toggle').click()
})
