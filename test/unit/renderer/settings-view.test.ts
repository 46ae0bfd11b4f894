import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AppInfo, ScreensReport, SettingsView } from '@shared/contract'
import { SETTINGS_DEFAULTS } from '@shared/settings-form'
import { freshPinia, installFakePos } from './helpers'

// The settings screen drawn from the settings form's declaration: what shows, what staff
// may change without the PIN, and the patch a save sends.
const view: SettingsView = {
  ...SETTINGS_DEFAULTS,
  apiBaseUrl: 'https://omni.example.com',
  secretSet: true,
  shortcutRegistered: true,
  dataDir: '/data',
  fromEnvironment: [],
}
const info = (shell: AppInfo['shell']): AppInfo => ({
  name: 'x',
  version: '1',
  mode: 'live',
  configProblems: [],
  shell,
  platform: 'win32',
  language: 'zh-TW',
  storeId: '',
  storeName: '',
  connection: { state: 'online', since: '2026-01-01T00:00:00+08:00', lastSuccessAt: null, nextRetryAt: null },
})
let shell: AppInfo['shell'] = 'electron'
let saved: SettingsView = view
/** Two displays side by side, as main reports them: the staff window's, and one to its right. */
const twoDisplays: ScreensReport = {
  screens: [
    { id: 2528732444, number: 1, width: 1920, height: 1080, side: 'staff' },
    { id: 3, number: 2, width: 1280, height: 800, side: 'right' },
  ],
  customer: { state: 'shown', displayId: 3, chosenMissing: false },
}
let screens: ScreensReport = twoDisplays
const calls = installFakePos({
  'screens:list': () => ({ ok: true, value: screens }),
  'app:info': () => ({ ok: true, value: info(shell) }),
  'settings:get': () => ({ ok: true, value: saved }),
  'settings:set': () => ({ ok: true, value: view }),
  'admin:status': () => ({ ok: true, value: { pinSet: true, unlocked: false, lockedUntil: null } }),
})
const { i18n } = await import('../../../src/i18n')
const { default: SettingsScreen } = await import('../../../src/views/SettingsView.vue')
const { useAppStore } = await import('../../../src/stores/app')

async function mountSettings(as: AppInfo['shell'], report: ScreensReport = twoDisplays, settings: SettingsView = view) {
  shell = as
  screens = report
  saved = settings
  const pinia = freshPinia()
  await useAppStore().load()
  const w = mount(SettingsScreen, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('settings screen', () => {
  it('draws each declared field with its label, help line and choices', async () => {
    const w = await mountSettings('browser')
    expect(w.get('[data-testid="settings-api-base-url"]').element).toHaveProperty('value', 'https://omni.example.com')
    expect(w.get('label[for="settings-apiBaseUrl"]').text()).toBe('API 網址')
    expect(w.get('#settings-apiBaseUrl-help').text()).toContain('https://')
    expect(w.get('#settings-pattern-help').text()).toContain('^VIP\\d{6}$')
    expect(w.findAll('[data-testid="settings-language"] option').map((o) => o.text())).toEqual(['繁體中文', 'English'])
    // The window belongs to the desktop app only.
    expect(w.find('[data-testid="settings-group-desktop"]').exists()).toBe(false)
    w.unmount()
  })

  it('without the PIN, staff may change their window but not the shortcut; a save sends only what changed', async () => {
    const w = await mountSettings('electron')
    expect(w.get('[data-testid="settings-api-base-url"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="settings-shortcut"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="settings-window-width"]').attributes('disabled')).toBeDefined() // only in side-panel mode
    await w.get('[data-testid="settings-window-mode"]').setValue('panel')
    expect(w.get('[data-testid="settings-window-width"]').attributes('disabled')).toBeUndefined()
    await w.get('[data-testid="settings-window-width"]').setValue('500')
    calls.length = 0
    await w.findAll('form').find((f) => f.find('[data-testid="settings-save"]').exists())!.trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.channel === 'settings:set')?.arg).toEqual({ window: { mode: 'panel', width: 500 } })
    w.unmount()
  })

  const submit = async (w: Awaited<ReturnType<typeof mountSettings>>) => {
    calls.length = 0
    await w.findAll('form').find((f) => f.find('[data-testid="settings-save"]').exists())!.trigger('submit')
    await flushPromises()
    return calls.find((c) => c.channel === 'settings:set')?.arg
  }
  const options = (w: Awaited<ReturnType<typeof mountSettings>>) => w.findAll('[data-testid="settings-customer-display"] option').map((o) => [o.attributes('value'), o.text()])

  it('offers the displays main reports for the customer display; staff choose one without the PIN and its id is saved', async () => {
    const w = await mountSettings('electron')
    expect(w.get('label[for="settings-customerDisplay"]').text()).toBe('顧客螢幕要放在哪個螢幕')
    expect(options(w)).toEqual([
      ['automatic', '自動（員工視窗以外的第一個螢幕）'],
      ['off', '關閉（不開顧客螢幕）'],
      ['2528732444', '1 · 1920×1080 (員工視窗所在)'],
      ['3', '2 · 1280×800 (右)'],
    ])
    expect(w.get('[data-testid="settings-customer-display-state"]').text()).toBe('顧客螢幕目前在：2 · 1280×800 (右)')
    expect(w.get('[data-testid="settings-customer-display"]').attributes('disabled')).toBeUndefined()
    await w.get('[data-testid="settings-customer-display"]').setValue('2528732444')
    expect(await submit(w)).toEqual({ customerDisplay: '2528732444' })
    await w.get('[data-testid="settings-customer-display"]').setValue('off')
    expect(await submit(w)).toEqual({ customerDisplay: 'off' })
    w.unmount()
  })

  it('says when the chosen display is gone and the automatic choice is used; the choice itself is kept', async () => {
    const report: ScreensReport = { screens: [twoDisplays.screens[0]!], customer: { state: 'noDisplay', displayId: null, chosenMissing: true } }
    const w = await mountSettings('electron', report, { ...view, customerDisplay: '3' })
    expect(options(w).at(-1)).toEqual(['3', '已選的螢幕（目前未連接）'])
    expect((w.get('[data-testid="settings-customer-display"]').element as HTMLSelectElement).value).toBe('3')
    expect(w.get('[data-testid="settings-customer-display-missing"]').text()).toContain('暫時改用自動選擇')
    expect(w.get('[data-testid="settings-customer-display-state"]').text()).toContain('接上第二個螢幕時')
    expect(await submit(w), "the stored choice is kept, not rewritten to automatic").toEqual({})
    w.unmount()
  })

  it('on native Wayland says the customer display cannot be placed, in the staff\'s language', async () => {
    const w = await mountSettings('electron', { screens: twoDisplays.screens, customer: { state: 'cannotPlace', displayId: null, chosenMissing: false } })
    expect(w.get('[data-testid="settings-customer-display-state"]').text()).toContain('Wayland')
    expect(w.get('[data-testid="settings-customer-display-state"]').classes()).toContain('warn')
    w.unmount()
  })

  it('in browser mode lists no display and says the customer page is opened by hand at /customer', async () => {
    const w = await mountSettings('browser', { screens: [], customer: { state: 'browser', displayId: null, chosenMissing: false } })
    expect(options(w).map(([value]) => value)).toEqual(['automatic', 'off'])
    expect(w.get('[data-testid="settings-customer-display-state"]').text()).toContain(`${window.location.origin}/customer`)
    w.unmount()
  })
})
