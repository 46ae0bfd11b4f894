import { writeFileSync } from 'node:fs'
import { DIALECTS } from '../../electron/sandbox/dialects'
import { expect, lookUp, test } from './support/fixtures'

// Issue 13.2: one session at the counter, the vendor switching dialect under it: every
// dialect shows the member's card (or, behind a captive portal, the offline copy with
// "network intercepted") and "not a member" for a stranger. It also measures, per dialect,
// the time from Enter to the card or the offline copy (test/artifacts/dialects.json; the
// closing note's figures come from `npx playwright test test/e2e/dialects.spec.ts`).

const MEMBER = '0903515908'
const STRANGER = '0911000000'

test('the counter through every dialect in one session', async ({ page, sandbox }) => {
  test.setTimeout(180_000)
  // A first, documented lookup leaves this counter an offline copy.
  await lookUp(page, MEMBER)
  await expect(page.getByTestId('member-card')).toHaveAttribute('data-source', 'live')
  const rows: Array<{ dialect: string; shows: string; ms: number; stranger: string }> = []
  for (const dialect of DIALECTS) {
    await sandbox.dialect([dialect])
    await page.getByTestId('phone-input').press('Escape')
    const started = Date.now()
    await lookUp(page, MEMBER)
    const card = page.getByTestId('member-card')
    const captive = dialect.startsWith('captive')
    await expect(card).toHaveAttribute('data-source', captive ? 'cache' : 'live', { timeout: 12_000 })
    const ms = Date.now() - started
    await expect(page.getByTestId('member-name')).toHaveText('Chien YH')
    await expect(page.getByTestId('carrier-barcode')).toHaveAttribute('data-code', '/XXX1XXX')
    const status = page.getByTestId('connection-status')
    if (captive) {
      await expect(status).toHaveAttribute('data-state', 'offline')
      await expect(status).toHaveAttribute('data-reason', 'intercepted')
      await expect(status).toContainText('網路被攔截')
    }
    const shows = `${await card.getAttribute('data-source')} card, connection ${await status.getAttribute('data-state')}${captive ? ' (intercepted)' : ''}`
    if (['php-empty', 'captive-portal', 'rate-limit-date'].includes(dialect)) {
      await page.screenshot({ path: `test/artifacts/dialect-${dialect}.png` })
    }

    await page.getByTestId('phone-input').press('Escape')
    await lookUp(page, STRANGER)
    let stranger: string
    if (captive) {
      await expect(page.getByTestId('error-message')).toBeVisible({ timeout: 12_000 })
      stranger = `error: ${await page.getByTestId('error-message').textContent()}`
    } else {
      await expect(page.getByTestId('not-member')).toBeVisible({ timeout: 12_000 })
      stranger = 'not a member'
    }
    rows.push({ dialect, shows, ms, stranger })
  }
  // Back to the documented vendor: the counter recovers by itself (the probe sees it return).
  await sandbox.dialect([])
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 })
  writeFileSync('test/artifacts/dialects.json', `${JSON.stringify(rows, null, 2)}\n`)
  console.log(rows.map((r) => `${r.dialect.padEnd(22)} ${String(r.ms).padStart(5)} ms  ${r.shows}; stranger: ${r.stranger}`).join('\n'))
  expect(rows).toHaveLength(DIALECTS.length)
  expect((await sandbox.stats()).shapeProblems).toEqual([])
})
