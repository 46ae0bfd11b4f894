import { test as base, expect, type Page } from '@playwright/test'
import { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from './processes'

// Each worker gets its own vendor sandbox (a separate process, so tests can inject faults
// or take it down) and its own app in browser mode, configured for it like a live store.
export const test = base.extend<{ page: Page }, { sandbox: RunningSandbox; app: RunningApp }>({
  sandbox: [
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
    await page.goto(app.url)
    await expect(page.getByTestId('phone-input')).toBeVisible()
    await use(page)
  },
})
export { expect }

export async function lookUp(page: Page, phone: string): Promise<void> {
  await page.getByTestId('phone-input').fill(phone)
  await page.getByTestId('phone-input').press('Enter')
}
