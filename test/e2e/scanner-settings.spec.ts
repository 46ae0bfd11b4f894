import { expect, test } from './support/fixtures'
import { callBridge } from './support/bridge'
import { scanInto } from './support/wedge'

// Settings' Scanner section: the detector's settings, drawn from the settings form, and a
// test area that lists each scan as recognised, live, with the settings being edited.

test('the Scanner section shows the detector settings, and its test area lists each scan without acting on it', async ({ page }) => {
  await page.getByTestId('settings-open').click()
  await expect(page.getByRole('group', { name: '條碼掃描器' })).toHaveAttribute('data-testid', 'settings-group-scanner')
  await expect(page.getByTestId('settings-scanner-gap')).toHaveValue('50')
  await expect(page.getByTestId('settings-scanner-min-length')).toHaveValue('6')
  await expect(page.getByTestId('settings-scanner-terminator')).toHaveValue('either')
  await expect(page.getByTestId('settings-scanner-idle')).toBeDisabled() // only with no end key
  await expect(page.getByTestId('settings-scanner-beep')).not.toBeChecked()
  await expect(page.getByTestId('scanner-test-empty')).toBeVisible()

  const field = page.getByTestId('scanner-test-field')
  await field.click()
  await page.keyboard.type('ab', { delay: 90 })
  await scanInto(page, '0912345678')
  const rows = page.getByTestId('scanner-test-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toHaveAttribute('data-kind', 'phone')
  await expect(rows.first().getByTestId('scanner-test-value')).toHaveText('0912345678')
  await expect(rows.first()).toContainText('10 個字元')
  await expect(field).toHaveValue('ab')
  // Nothing was looked up: the scan was only listed.
  await expect(page.getByTestId('settings-view')).toBeVisible()
  await expect(page.getByTestId('scan-notice')).toHaveCount(0)

  await scanInto(page, 'HELLO-WORLD-42', { delayMs: 20 })
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toHaveAttribute('data-kind', 'unknown')
  await expect(rows.first().getByTestId('scanner-test-value')).toHaveText('HELLO-WORLD-42')
})

test('a terminator chosen in Settings applies in the test area before saving, and is kept when saved', async ({ page }) => {
  await page.getByTestId('settings-open').click()
  await page.getByTestId('settings-scanner-terminator').selectOption('Enter')
  await page.getByTestId('scanner-test-field').click()
  // A Tab-terminated scan is no scan any more: its characters stay in the field, typed.
  await scanInto(page, 'CP-2026-000123', { terminator: 'Tab' })
  await expect(page.getByTestId('scanner-test-empty')).toBeVisible()
  await page.getByTestId('scanner-test-field').fill('')
  await page.getByTestId('scanner-test-field').click()
  await scanInto(page, 'CP-2026-000123', { terminator: 'Enter' })
  await expect(page.getByTestId('scanner-test-row')).toHaveCount(1)
  await expect(page.getByTestId('scanner-test-field')).toHaveValue('')

  await page.getByTestId('settings-scanner-terminator').selectOption('none')
  await expect(page.getByTestId('settings-scanner-idle')).toBeEnabled()
  await page.getByTestId('settings-scanner-idle').fill('150')
  await page.getByTestId('settings-scanner-prefix').fill('#')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  const saved = await callBridge(page, 'settings:get', undefined)
  expect((saved.value as { scanner: unknown }).scanner).toMatchObject({ terminators: [], idleTimeoutMs: 150, prefix: '#', maxGapMs: 50 })

  await page.reload()
  await page.getByTestId('settings-open').click()
  await expect(page.getByTestId('settings-scanner-terminator')).toHaveValue('none')
  await expect(page.getByTestId('settings-scanner-prefix')).toHaveValue('#')
  // Put the defaults back for the other tests of this worker.
  expect(await callBridge(page, 'settings:set', { scanner: { terminators: ['Enter', 'Tab'], idleTimeoutMs: 100, prefix: '' } })).toMatchObject({ ok: true })
})
