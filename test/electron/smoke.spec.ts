import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, expect, test } from '@playwright/test'
import type { PosApi } from '../../electron/shared/bridge'
import { wantsXWayland, XWAYLAND_SWITCH } from '../../electron/shared/display-server'
import { electronHere } from './electron-here'

// The desktop app as staff get it: the built app (out/) in the real Electron binary, in
// demo mode, with its own data folder. One test of ordered steps, so a machine without
// Electron skips it in one line. Run `npm run build` first (npm run test:electron does).

declare global {
  interface Window {
    pos: PosApi
  }
}

const here = electronHere()
const appDir = fileURLToPath(new URL('../..', import.meta.url))
const SEED_PHONE = '0903515908'

test('the desktop app opens, talks to main through window.pos only, refuses the web, hands a second launch over, and exits 0', async () => {
  test.skip(here.skip !== null, here.skip ?? '')
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-electron-smoke-'))
  // Demo mode for sure: no connection settings from the developer's environment.
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('POS_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v
  env.POS_DATA_DIR = dataDir
  const args = [...(wantsXWayland(env, process.platform) ? [XWAYLAND_SWITCH] : []), appDir]
  const app = await electron.launch({ executablePath: here.exe!, args, env, cwd: appDir })
  const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)))
  try {
    const page = await app.firstWindow()
    const phone = page.getByTestId('phone-input')

    await test.step('the window opens and shows the lookup field', async () => {
      await expect(phone).toBeVisible()
      await page.screenshot({ path: 'test/artifacts/electron-smoke.png' })
    })

    await test.step('window.pos exists; Node does not (no require, no process)', async () => {
      expect(await page.evaluate(() => [typeof window.pos, typeof (window as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
        'object',
        'undefined',
        'undefined',
      ])
    })

    await test.step('main: no application menu, userData is POS_DATA_DIR, XWayland in a Wayland session', async () => {
      const main = await app.evaluate(({ app: a, Menu }) => ({
        menu: Menu.getApplicationMenu() === null,
        userData: a.getPath('userData'),
        ozone: a.commandLine.getSwitchValue('ozone-platform'),
      }))
      if (process.platform !== 'darwin') expect(main.menu).toBe(true)
      expect(main.userData).toBe(dataDir)
      if (wantsXWayland(env, process.platform)) expect(main.ozone).toBe('x11')
    })

    await test.step('app:info answers: the Electron shell, demo mode (the IPC sender check lets the page in)', async () => {
      const info = await page.evaluate(() => window.pos.app.info())
      expect(info).toMatchObject({ ok: true, value: { shell: 'electron', mode: 'demo' } })
    })

    await test.step('a demo lookup returns the seed member', async () => {
      const found = await page.evaluate((p) => window.pos.member.lookup({ phone: p }), SEED_PHONE)
      expect(found).toMatchObject({ ok: true, value: { profile: { name: 'Chien YH' } } })
    })

    await test.step('a settings change fires settings:changed', async () => {
      const changed = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const off = window.pos.on('settings:changed', (view) => {
              off()
              resolve(view.language)
            })
            void window.pos.settings.set({ language: 'en' })
          }),
      )
      expect(changed).toBe('en')
    })

    await test.step('navigation and window.open are refused', async () => {
      const before = page.url()
      const windows = app.windows().length
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
      await page.evaluate(() => {
        window.location.href = 'https://example.com/'
      })
      await page.waitForTimeout(500)
      expect(page.url()).toBe(before)
      expect(app.windows()).toHaveLength(windows)
    })

    await test.step('a second launch exits at once and puts the cursor in the lookup field', async () => {
      await page.getByTestId('settings-open').focus()
      await expect(phone).not.toBeFocused()
      const second = spawn(here.exe!, args, { env, stdio: 'ignore' })
      const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)))
      expect(code).toBe(0)
      await expect(phone).toBeFocused()
    })

    await test.step('a renderer that dies is reloaded', async () => {
      // The staff window: the one showing the app's own page (a customer display may be open too).
      const staffId = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => /\/renderer\/index\.html$/.test(w.webContents.getURL()))!.webContents.id)
      await app.evaluate(({ webContents }, id) => webContents.fromId(id)!.forcefullyCrashRenderer(), staffId)
      await expect
        .poll(
          () =>
            app.evaluate(async ({ webContents }, id) => {
              const wc = webContents.fromId(id)!
              return wc.isCrashed() ? 'crashed' : String(await wc.executeJavaScript('typeof window.pos'))
            }, staffId),
          { timeout: 20_000 },
        )
        .toBe('object')
    })

    await test.step('closing the window quits the app with exit code 0', async () => {
      // Every window, as staff closing the app would (a customer display may be open too).
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.close()))
      expect(await exited).toBe(0)
    })
  } finally {
    if (app.process().exitCode === null) await app.close()
  }
})
