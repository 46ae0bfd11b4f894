import { createI18n } from 'vue-i18n'
import type { Language } from '@shared/contract'
import { sharedMessages } from '@shared/messages'
import { en } from './locales/en'
import { zhTW } from './locales/zh-TW'

// zh-TW first; English complete. Error and validation texts come from the catalogue
// main also uses (electron/shared/messages.ts), so both sides say the same thing.
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-TW',
  fallbackLocale: 'zh-TW',
  messages: {
    'zh-TW': { ...sharedMessages['zh-TW'], ...zhTW },
    en: { ...sharedMessages.en, ...en },
  },
})

export function setLanguage(lang: Language): void {
  i18n.global.locale.value = lang
  document.documentElement.lang = lang === 'zh-TW' ? 'zh-Hant-TW' : 'en'
}
