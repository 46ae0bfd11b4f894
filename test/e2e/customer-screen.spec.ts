import { expect, test, type Page } from '@playwright/test'
import { startApp, type RunningApp } from './support/processes'

// The customer display's screen in Settings, in browser mode: there are no displays to
// list here, so the field offers automatic and off and says how the browser-mode customer
// page is opened; the choice is saved and survives a restart. Its own app (demo mode): the
// language switch must not reach the other tests' windows.

let app: RunningApp
test.afterEach(async () => {
  await app?.stop()
})

async function openSettings(page: Page): Promise<void> {
  await app.open(page)
  await page.getByTestId('settings-open').click()
  await expect(page.getByTestId('settings-view')).toBeVisible()
}

const optionTexts = (page: Page) => page.getByTestId('settings-customer-display').locator('option').allTextContents()

test('customer display screen: labelled, explains /customer in browser mode, saved and kept after a restart, zh-TW and English', async ({ page }) => {
  app = await startApp()
  await openSettings(page)
  const field = page.getByLabel('顧客螢幕要放在哪個螢幕')
  await expect(field).toHaveAttribute('data-testid', 'settings-customer-display')
  await expect(field).toBeEnabled()
  await expect(field).toHaveValue('automatic')
  expect(await optionTexts(page)).toEqual(['自動（員工視窗以外的第一個螢幕）', '關閉（不開顧客螢幕）'])
  const origin = new URL(page.url()).origin
  await expect(page.getByTestId('settings-customer-display-state')).toHaveText(
    `瀏覽器模式沒有螢幕清單：請在面向顧客的螢幕上另開一個瀏覽器視窗，開啟 ${origin}/customer。這裡的選擇用於桌面版。`,
  )
  await expect(page.locator('#settings-customerDisplay-help')).toContainText('員工視窗以外的第一個螢幕')
  await page.getByTestId('settings-group-customerDisplay').screenshot({ path: 'test/artifacts/settings-customer-display-zh.png' })

  await field.selectOption('off')
  await page.getByTestId('settings-language').selectOption('en')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  const english = page.getByLabel('Screen for the customer display')
  await expect(english).toHaveValue('off')
  expect(await optionTexts(page)).toEqual(["Automatic (the first screen that is not the staff window's)", 'Off (no customer display)'])
  await expect(page.getByTestId('settings-customer-display-state')).toHaveText(
    `Browser mode has no list of screens: open ${origin}/customer in a second browser window on the customer's screen. The choice here is for the desktop app.`,
  )
  await page.getByTestId('settings-group-customerDisplay').screenshot({ path: 'test/artifacts/settings-customer-display-en.png' })

  // A restart on the same data folder keeps the choice (and the language).
  const dataDir = app.dataDir
  await app.stop()
  app = await startApp({ dataDir, removeDataDirOnStop: true })
  await openSettings(page)
  await expect(page.getByLabel('Screen for the customer display')).toHaveValue('off')
})
