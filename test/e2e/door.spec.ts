import { connect, createServer, type Socket } from 'node:net'
import { expect, test } from '@playwright/test'
import { startApp } from './support/processes'

// Browser mode's door: the launch URL opens once, and a flood of idle connections on
// loopback cannot use up the descriptors a sign-up needs to reach the outbox.

test('the launch URL opens once; opened again elsewhere it says to restart the app', async ({ browser }) => {
  const app = await startApp()
  try {
    const first = await browser.newContext()
    const page = await first.newPage()
    await page.goto(app.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')

    // The same URL from another browser (history, a copied link): no session.
    const other = await browser.newContext()
    const late = await other.newPage()
    const res = await late.goto(app.url)
    expect(res?.status()).toBe(410)
    await expect(late.getByTestId('launch-spent')).toContainText('這個啟動連結已經用過了')
    await expect(late.getByTestId('launch-spent')).toContainText('start it again')
    await late.screenshot({ path: 'test/artifacts/launch-spent.png' })
    expect((await other.cookies()).length).toBe(0)
    expect((await late.goto(app.origin + '/'))?.status()).toBe(401)

    // The first page keeps working (its own session).
    await page.reload()
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    await first.close()
    await other.close()
  } finally {
    await app.stop()
  }
})

/** A port nothing listens on: the vendor cannot be reached, so a sign-up must be queued. */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

test('1,100 idle connections do not stop a sign-up from being queued (app limited to 1,024 files)', async ({ page }) => {
  test.setTimeout(90_000)
  const port = await deadPort()
  const vendor = `http://127.0.0.1:${port}`
  const app = await startApp({
    maxOpenFiles: 1024,
    env: { POS_API_BASE_URL: vendor, POS_AUTH_URL: `${vendor}/oauth/v1/token`, POS_CLIENT_ID: 'c', POS_CLIENT_SECRET: 's', POS_STORE_ID: '9920' },
  })
  const flood: Socket[] = []
  try {
    await app.open(page)
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId('signup-open').click()
    await page.getByTestId('signup-phone').fill('0955123456')
    await page.getByTestId('signup-name').fill('洪 水測')

    // A bounded flood, on loopback only: connections that never send a byte.
    const { port: appPort } = new URL(app.origin)
    for (let i = 0; i < 1100; i++) {
      const s = connect({ host: '127.0.0.1', port: Number(appPort) })
      s.on('error', () => {})
      flood.push(s)
    }
    await Promise.all(flood.map((s) => new Promise((r) => (s.connecting ? s.once('connect', r).once('close', r) : r(null)))))

    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('signup-result')).toHaveAttribute('data-status', 'queued')
    await expect(page.getByTestId('outbox-count')).toHaveText('1')
    await page.screenshot({ path: 'test/artifacts/flood-signup-queued.png' })
  } finally {
    for (const s of flood) s.destroy()
    await app.stop()
  }
})
