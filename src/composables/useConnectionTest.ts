import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ConnectionTestReport } from '@shared/contract'
import { pos } from '../api'

/**
 * "Test connection", a read-only diagnosis in main: the header's (open to staff) and the
 * settings screen's (which reloads the app's state when it passes) each keep their own report.
 */
export function useConnectionTest(onPassed?: () => Promise<void>) {
  const testing = ref(false)
  const testReport = ref<ConnectionTestReport | null>(null)
  async function test(): Promise<void> {
    testing.value = true
    testReport.value = null
    try {
      const r = await pos.settings.testConnection()
      testReport.value = r.ok ? r.value : { ok: false, stage: 'config', error: r.error }
      if (r.ok && r.value.ok) await onPassed?.()
    } finally {
      testing.value = false
    }
  }
  return { testing, testReport, test }
}

/** A test report in the staff's language: the store found, or the stage that failed and why. */
export function useConnectionTestText(report: MaybeRefOrGetter<ConnectionTestReport | null>) {
  const { t } = useI18n()
  return computed(() => {
    const r = toValue(report)
    if (!r) return ''
    if (r.ok) return t('settingsForm.testOk', { store: r.storeName ?? '', count: r.storeCount ?? 0 })
    return t('settingsForm.testFailed', { stage: t(`settingsForm.stage.${r.stage}`), message: r.error?.message ?? '' })
  })
}
