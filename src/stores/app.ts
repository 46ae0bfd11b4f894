import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo, AppError, Language, SettingsPatch, SettingsView } from '@shared/contract'
import { pos } from '../api'
import { setLanguage } from '../i18n'
import { useConnectionStore } from './connection'

// What the whole window needs to know: who we are (demo or live), the settings, the language.
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const settings = ref<SettingsView | null>(null)
  const language = ref<Language>('zh-TW')
  const startError = ref<AppError | null>(null)

  const isDemo = computed(() => info.value?.mode === 'demo')
  /** The store's name once known (demo, or learnt by "test connection"), else its id. */
  const storeLabel = computed(() => ({
    name: settings.value?.storeName || info.value?.storeName || '',
    id: info.value?.storeId || settings.value?.storeId || '',
  }))

  async function load(): Promise<void> {
    const [i, s] = await Promise.all([pos.app.info(), pos.settings.get()])
    if (!i.ok) return void (startError.value = i.error)
    if (!s.ok) return void (startError.value = s.error)
    info.value = i.value
    settings.value = s.value
    useConnectionStore().set(i.value.connection)
    language.value = s.value.language
    setLanguage(s.value.language)
  }

  /** Saves a patch; on failure nothing typed is lost — the caller keeps its draft. */
  async function saveSettings(patch: SettingsPatch): Promise<AppError | null> {
    const r = await pos.settings.set(patch)
    if (!r.ok) return r.error
    settings.value = r.value
    return null
  }

  /** The main-process events are followed for the window's lifetime: subscribed once, never dropped. */
  let listening = false
  /** Follows settings changed in main (e.g. the store name learnt from the vendor). */
  function listen(): void {
    if (listening) return
    listening = true
    pos.on('settings:changed', (view) => {
      settings.value = view
      // Demo or live, and any configuration problem, follow the settings.
      void pos.app.info().then((i) => {
        if (i.ok) info.value = i.value
      })
    })
  }

  async function switchLanguage(next: Language): Promise<void> {
    language.value = next
    setLanguage(next)
    // An environment-fixed language stays fixed on disk; the switch is then for this window only.
    if (!settings.value?.fromEnvironment.includes('language')) await saveSettings({ language: next })
  }

  return { info, settings, language, startError, isDemo, storeLabel, load, listen, saveSettings, switchLanguage }
})
