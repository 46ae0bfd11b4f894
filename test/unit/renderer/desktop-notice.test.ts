import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Notice } from '@shared/contract'
import { freshPinia, installFakePos } from './helpers'

// A Linux counter PC on Wayland without XWayland: main raises `waylandLimits`, and the
// banner names the features that do not work, in the staff's language.

const notice: Notice = { id: 'n1', kind: 'desktop', code: 'waylandLimits', params: {}, at: '2026-01-01T00:00:00.000Z' }
installFakePos({ 'notices:list': () => ({ ok: true, value: [notice] }) })
const { i18n } = await import('../../../src/i18n')
const { default: NoticeBanner } = await import('../../../src/components/NoticeBanner.vue')
const { useNoticesStore } = await import('../../../src/stores/notices')

describe('the desktop notice', () => {
  it('names what Wayland cannot offer, in zh-TW and in English', async () => {
    freshPinia()
    const store = useNoticesStore()
    await store.refresh()
    const w = mount(NoticeBanner, { global: { plugins: [i18n] } })
    const banner = w.get('[data-testid="desktop-notice"]')
    expect(banner.attributes('data-code')).toBe('waylandLimits')
    expect(banner.text()).toContain('側邊面板的位置、保持在最上層、把視窗帶到前面與全域快速鍵')
    i18n.global.locale.value = 'en'
    await w.vm.$nextTick()
    expect(w.get('[data-testid="desktop-notice"]').text()).toContain('cannot place the side panel, keep the window on top, bring it forward or use the global shortcut')
    i18n.global.locale.value = 'zh-TW'
  })
})
