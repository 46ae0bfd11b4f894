import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { ClassicLevel } from 'classic-level'
import { FileKeyProtector } from '../../electron/core/storage/key-protector'
import { Vault } from '../../electron/core/storage/vault'
import { signUp, withSandboxAndApp } from './support/fixtures'
import { startApp, startSandboxProcess } from './support/processes'

// A damaged data file at the counter: the app starts anyway, keeps the file aside and tells
// staff what was lost, in their language.

test('a damaged settings.json: the app starts, keeps it aside and says so in zh-TW and English', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-damaged-'))
  writeFileSync(join(dataDir, 'settings.json'), '{"language":"en","storeNa')
  await withSandboxAndApp(async (app) => {
    await page.goto(app.url)
    const notice = page.getByTestId('storage-notice')
    await expect(notice).toHaveCount(1)
    const aside = readdirSync(dataDir).find((n) => n.startsWith('settings.json.damaged-'))!
    // Kept aside under a time-stamped name, byte for byte as it was damaged.
    expect(aside).toMatch(/^settings\.json\.damaged-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/)
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{"language":"en","storeNa')
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
  }, { dataDir })
})

test('a damaged queued sign-up: kept aside and said; every stored item and the notice follow the language', async ({ page }) => {
  test.setTimeout(120_000)
  let sandbox = await startSandboxProcess()
  const port = sandbox.port
  let app = await startApp({ env: sandbox.env })
  const dataDir = app.dataDir
  const later = `0955${String(Date.now()).slice(-6)}`
  const queueSignUp = async (phone: string, name: string) => {
    await signUp(page, phone, name)
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
  }
  try {
    await page.goto(app.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    // Offline: a sign-up for someone who is already a member is queued, then found a conflict.
    await sandbox.stop()
    await queueSignUp('0903515908', '櫃檯 打錯號碼')
    sandbox = await startSandboxProcess({ port })
    await page.getByTestId('outbox-open').click()
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 })
    // Offline again: one more sign-up waits in the outbox.
    await sandbox.stop()
    await queueSignUp(later, '稍後 送出')
    await app.stop()

    // A byte of that waiting sign-up's record flips on disk.
    const vault = Vault.open(join(dataDir, 'keys', 'file'), new FileKeyProtector())
    const db = new ClassicLevel<string, Buffer>(join(dataDir, 'store'), { keyEncoding: 'utf8', valueEncoding: 'buffer' })
    let flipped = 0
    for await (const [key, value] of db.iterator({ gt: 'outbox/', lt: 'outbox0' })) {
      const item = vault.openJson<{ state: string }>(value, `record|outbox|${key.slice('outbox/'.length)}`)
      if (item.state !== 'pending') continue
      value[value.length - 1] = (value[value.length - 1] ?? 0) ^ 1
      await db.put(key, value)
      flipped++
    }
    await db.close()
    expect(flipped).toBe(1)

    app = await startApp({ env: sandbox.env, dataDir })
    await page.goto(app.url)
    const notice = page.getByTestId('storage-notice')
    await expect(notice).toContainText('1 筆待送出的新會員資料無法讀取')
    const aside = readdirSync(dataDir).find((n) => n.startsWith('outbox-records.damaged-'))!
    await expect(notice).toContainText(aside)
    await page.getByTestId('outbox-open').click()
    const item = page.getByTestId('outbox-item')
    await expect(item).toHaveCount(1) // the conflict is kept; only the damaged one is gone
    await item.locator('summary').click()
    await expect(item.getByTestId('outbox-attempt-reason')).toHaveText('這支手機已經是會員了。')
    await page.screenshot({ path: 'test/artifacts/storage-outbox-damaged-zh.png', fullPage: true })

    await page.getByTestId('language-toggle').click()
    await expect(notice).toContainText('1 queued sign-up could not be read and was kept aside')
    await expect(item.getByTestId('outbox-attempt-reason')).toHaveText('This phone is already a member.')
    await expect(item).toContainText('Already a member')
    await page.screenshot({ path: 'test/artifacts/storage-outbox-damaged-en.png', fullPage: true })
  } finally {
    await app.stop()
    await sandbox.stop()
  }
})
