import { test as base, expect, type Page } from '@playwright/test'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './processes'

// Each worker gets its own vendor sandbox (a separate process, so tests can inject faults
// or take it down) and its own app in browser mode, configured for it like a live store.
export const test = base.extend<{ page: Page }, { sandbox: RunningSandbox; app: RunningApp }>({
  sandbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const sandbox = await startSandboxProcess()
      await use(sandbox)
      await sandbox.stop()
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ sandbox }, use) => {
      const app = await startApp({ env: sandbox.env })
      await use(app)
      await app.stop()
    },
    { scope: 'worker' },
  ],
  page: async ({ page, app, sandbox }, use) => {
    await sandbox.faults({ reset: true })
    // The launch URL opens once: later tests of this worker get its session's cookie.
    await app.open(page)
    await expect(page.getByTestId('phone-input')).toBeVisible()
    await expect(page.locator('.shell')).toHaveAttribute('data-ready', 'true')
    // Let start-up rendering settle: injected key events are time-stamped when the page
    // takes them, so a busy first frame would stretch the gaps of a synthetic scan.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    await page.waitForTimeout(150)
    await use(page)
  },
})
export { expect }

export async function lookUp(page: Page, phone: string): Promise<void> {
  await page.getByTestId('phone-input').fill(phone)
  await page.getByTestId('phone-input').press('Enter')
}

/** Opens the sign-up form, fills its two required fields and sends it. */
export async function signUp(page: Page, phone: string, name: string): Promise<void> {
  await page.getByTestId('signup-open').click()
  await page.getByTestId('signup-phone').fill(phone)
  await page.getByTestId('signup-name').fill(name)
  await page.getByTestId('signup-submit').click()
}

/** Fills sign-up fields by their data-testid (`signup-<field>`): a list is chosen from, a box typed into. */
export async function fillSignup(page: Page, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const control = page.getByTestId(`signup-${field}`)
    if (await control.evaluate((e) => e.tagName === 'SELECT')) await control.selectOption(value)
    else await control.fill(value)
  }
}

/** A sandbox and the app on it for one test of its own; both stopped after `run`, whatever happens. */
export async function withSandboxAndApp(
  run: (app: RunningApp, sandbox: RunningSandbox) => Promise<void>,
  appOptions: Omit<NonNullable<Parameters<typeof startApp>[0]>, 'env'> = {},
): Promise<void> {
  const sandbox = await startSandboxProcess()
  const app = await startApp({ env: sandbox.env, ...appOptions })
  try {
    await run(app, sandbox)
  } finally {
    await app.stop()
    await sandbox.stop()
  }
}
