import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ScreenInfo } from '@shared/contract'
import { useSettingsStore } from '../stores/settings'

// The customer display's screen in Settings: the displays main reports as options
// ("2 · 1920×1080 (右)"), and what main does now — on which screen the customer display is,
// off, waiting for a second screen, not placeable (native Wayland), or browser mode's /customer.

export interface ScreenNote {
  testid: string
  text: string
  warn: boolean
}

export function useScreenChoice(chosen: () => unknown) {
  const { t } = useI18n()
  const store = useSettingsStore()
  const label = (s: ScreenInfo) =>
    t('settingsForm.screens.label', { number: s.number, width: s.width, height: s.height, side: t(`settingsForm.screens.side.${s.side}`) })

  const options = computed(() => {
    const out = (store.screens?.screens ?? []).map((s) => ({ value: String(s.id), label: label(s) }))
    // A stored display that is not connected stays selectable as itself, said to be missing.
    const value = chosen()
    if (typeof value === 'string' && /^\d+$/.test(value) && !out.some((o) => o.value === value)) {
      out.push({ value, label: t('settingsForm.screens.missing') })
    }
    return out
  })

  const notes = computed<ScreenNote[]>(() => {
    const report = store.screens
    if (!report) return []
    const { state, displayId, chosenMissing } = report.customer
    const out: ScreenNote[] = []
    if (chosenMissing) out.push({ testid: 'settings-customer-display-missing', text: t('settingsForm.screens.chosenMissing'), warn: true })
    const on = report.screens.find((s) => s.id === displayId)
    const text =
      state === 'browser'
        ? t('settingsForm.screens.browser', { url: `${window.location.origin}/customer` })
        : state === 'shown' && on
          ? t('settingsForm.screens.shown', { screen: label(on) })
          : t(`settingsForm.screens.${state === 'shown' ? 'noDisplay' : state}`)
    out.push({ testid: 'settings-customer-display-state', text, warn: state === 'cannotPlace' })
    return out
  })

  return { options, notes }
}
