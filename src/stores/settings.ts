import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError, ScreensReport, SettingsPatch } from '@shared/contract'
import type { Store } from '@shared/types'
import { pos } from '../api'
import { useConnectionTest } from '../composables/useConnectionTest'
import { useAppStore } from './app'

// The settings screen's work: saving (only when valid, keeping the draft on failure),
// the write-only secret, the store picker, "test connection", and the screens main reports
// for the customer display's choice (followed live while displays come and go).
export const useSettingsStore = defineStore('settings', () => {
  const app = useAppStore()
  const stores = ref<Store[]>([])
  const storesError = ref<AppError | null>(null)
  const { testing, testReport, test: testConnection } = useConnectionTest(() => app.load())
  const saving = ref(false)
  const screens = ref<ScreensReport | null>(null)

  async function save(patch: SettingsPatch): Promise<AppError | null> {
    saving.value = true
    try {
      const error = await app.saveSettings(patch)
      if (!error) await app.load()
      return error
    } finally {
      saving.value = false
    }
  }

  async function setSecret(secret: string): Promise<AppError | null> {
    const r = await pos.settings.setSecret({ secret })
    if (!r.ok) return r.error
    app.settings = r.value
    await app.load()
    return null
  }

  async function loadStores(): Promise<void> {
    storesError.value = null
    const r = await pos.stores.list()
    if (r.ok) stores.value = r.value
    else storesError.value = r.error
  }

  async function clearCache(): Promise<number | AppError> {
    const r = await pos.cache.clear()
    return r.ok ? r.value.removed : r.error
  }

  let unsubscribe: (() => void) | null = null
  async function loadScreens(): Promise<void> {
    unsubscribe ??= pos.on('screens:changed', (report) => (screens.value = report))
    const r = await pos.screens.list()
    if (r.ok) screens.value = r.value
  }

  return { stores, storesError, testing, testReport, saving, screens, save, setSecret, loadStores, testConnection, clearCache, loadScreens }
})
