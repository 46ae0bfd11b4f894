import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startApp, startSandboxProcess } from './support/processes'

// A damaged data file at the counter: the app starts anyway, keeps the file aside and tells
// staff what was lost, in their language.

test('a damaged settings.json: the app starts, keeps it aside and says so in zh-TW and English', async ({ page }) => {
  const sandbox = await startSandboxProcess()
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-damaged-'))
  writeFileSync(join(dataDir, 'settings.json'), '{"language":"en","storeNa')
  const app = await startApp({ env: sandbox.env, dataDir })
  try {
    await page.goto(app.url)
    const notice = page.getByTestId('storage-notice')
    await expect(notice).toHaveCount(1)
    const aside = readdirSync(dataDir).find((n) => n.startsWith('settings.json.damaged-'))!
    expect(aside).toBeTruthy()
    await expect(notice).toContainText('設定檔無法讀取')
    await expect(notice).toContainText(aside)
    // The rest of the app works: a lookup against the vendor.
    await page.getByTestId('phone-input').fill('0928765432')
    await page.getByTestId('phone-input').press('Enter')
    await expect(page.getByTestId('member-name')).toHaveText('林雅婷')
    await page.screenshot({ path: 'test/artifacts/storage-notice-zh.png', fullPage: true })

    await page.getByTestId('language-toggle').click()
    await expect(notice).toContainText('The settings file could not be read')
    await expect(notice).toContainText(aside)
    await page.screenshot({ path: 'test/artifacts/storage-notice-en.png', fullPage: true })

    await notice.getByTestId('notice-dismiss').click()
    await expect(notice).toHaveCount(0)
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})
