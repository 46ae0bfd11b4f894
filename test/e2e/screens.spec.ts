/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, lookUp, test } from './support/fixtures'

// Both window shapes staff use, and an accessibility scan of every screen.

async function noOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0)
}

async function touchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, summary')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el: el.dataset.testid ?? el.textContent?.trim() ?? el.tagName, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
  )
  expect(small, 'touch targets at least 44 px').toEqual([])
}

for (const shape of [
  { name: 'side-panel', width: 420, height: 1000 },
  { name: 'window', width: 1280, height: 800 },
]) {
  test(`${shape.name} (${shape.width} px): lookup, card and sign-up fit and stay usable`, async ({ page }) => {
    await page.setViewportSize({ width: shape.width, height: shape.height })
    await touchTargets(page)
    await lookUp(page, '0912345678')
    await expect(page.getByTestId('member-name')).toHaveText('王小明')
    await noOverflow(page)
    await touchTargets(page)
    await page.screenshot({ path: `test/artifacts/${shape.name}-card.png`, fullPage: true })
    await page.getByTestId('signup-open').click()
    await expect(page.getByTestId('signup-form')).toBeVisible()
    await noOverflow(page)
    await page.screenshot({ path: `test/artifacts/${shape.name}-signup.png`, fullPage: true })
  })
}

test('no serious or critical accessibility violations on lookup, card, sign-up and settings', async ({ page }) => {
  const scan = async (where: string) => {
    const result = await new AxeBuilder({ page }).analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  }
  await scan('lookup')
  await lookUp(page, '0912345678')
  await expect(page.getByTestId('member-card')).toBeVisible()
  await scan('card')
  await page.getByTestId('signup-open').click()
  await page.getByTestId('signup-submit').click()
  await scan('sign-up with errors')
  await page.getByTestId('settings-open').click()
  await expect(page.getByTestId('settings-view')).toBeVisible()
  await scan('settings')
})
