import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app-core'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import type { ScreensReport } from '../../../electron/shared/contract'

// The customer display's screen through the real core: the list Settings gets (none in
// browser mode), what the desktop shell reports, and the setting staff choose it with.

const dirs: string[] = []
const cores: Core[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function core(shell: 'electron' | 'browser'): Promise<Core> {
  const dataDir = mkdtempSync(join(tmpdir(), 'screens-'))
  dirs.push(dataDir)
  // A live configuration that goes nowhere: no vendor call is needed here.
  const env = { POS_API_BASE_URL: 'https://omni.invalid', POS_AUTH_URL: 'https://login.invalid/token', POS_CLIENT_ID: 'id', POS_CLIENT_SECRET: 's', POS_STORE_ID: '1' }
  const c = await createCore({ dataDir, env, shell, keyProtector: new FileKeyProtector(), version: 'test', platform: 'linux', tuning: { startCheckDelayMs: null } })
  cores.push(c)
  return c
}

const report: ScreensReport = {
  screens: [
    { id: 1, number: 1, width: 1920, height: 1080, side: 'staff' },
    { id: 7, number: 2, width: 1024, height: 768, side: 'right' },
  ],
  customer: { state: 'shown', displayId: 7, chosenMissing: false },
}

describe('screens for the customer display', () => {
  it('browser mode lists none and says the customer page is opened by hand', async () => {
    const c = await core('browser')
    expect(await c.dispatch('screens:list', undefined, 'staff')).toEqual({
      ok: true,
      value: { screens: [], customer: { state: 'browser', displayId: null, chosenMissing: false } },
    })
  })

  it('the desktop shell\'s report is what Settings gets, pushed to staff as it changes', async () => {
    const c = await core('electron')
    const pushed: unknown[] = []
    c.onEvent((name, payload) => name === 'screens:changed' && pushed.push(payload))
    c.desktop.reportScreens(report)
    expect(pushed).toEqual([report])
    expect(await c.dispatch('screens:list', undefined, 'staff')).toEqual({ ok: true, value: report })
    expect(await c.dispatch('screens:list', undefined, 'customer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await c.dispatch('screens:list', { extra: 1 }, 'staff')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('staff choose the screen without the PIN: automatic by default, a display id, or off; nothing else', async () => {
    const c = await core('electron')
    expect(c.desktop.view().customerDisplay).toBe('automatic')
    expect(await c.dispatch('admin:setPin', { pin: '246810' }, 'staff')).toMatchObject({ ok: true })
    await c.dispatch('admin:lock', undefined, 'staff')
    expect(await c.dispatch('settings:set', { storeId: '2' }, 'staff')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    const changes: string[] = []
    c.desktop.onChange((v) => changes.push(v.customerDisplay))
    expect(await c.dispatch('settings:set', { customerDisplay: '7' }, 'staff')).toMatchObject({ ok: true, value: { customerDisplay: '7' } })
    expect(await c.dispatch('settings:set', { customerDisplay: 'off' }, 'staff')).toMatchObject({ ok: true, value: { customerDisplay: 'off' } })
    expect(changes).toEqual(['7', 'off'])
    for (const bad of ['left', '-1', 7, '', '1'.repeat(21)]) {
      expect(await c.dispatch('settings:set', { customerDisplay: bad }, 'staff')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { customerDisplay: 'settings.badCustomerDisplay' } },
      })
    }
    expect(c.desktop.view().customerDisplay).toBe('off')
  })
})
