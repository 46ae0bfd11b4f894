import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AppInfo, SettingsView } from '@shared/contract'
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
const calls = installFakePos({
  'app:info': () => ({ ok: true, value: info(shell) }),
  'settings:get': () => ({ ok: true, value: view }),
  'settings:set': () => ({ ok: true, value: view }),
  'admin:status': () => ({ ok: true, value: { pinSet: true, unlocked: false, lockedUntil: null } }),
})
const { i18n } = await import('../../../src/i18n')
const { default: SettingsScreen } = await import('../../../src/views/SettingsView.vue')
const { useAppStore } = await import('../../../src/stores/app')

async function mountSettings(as: AppInfo['shell']) {
  shell = as
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
})
