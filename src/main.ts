import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { bridgeMissing } from './api'
import { i18n } from './i18n'
import { en } from './locales/en'
import { zhTW } from './locales/zh-TW'
import { windowRole } from './role'
import { warmFormatters } from './composables/useFormat'
import './styles.css'

if (bridgeMissing) {
  // No way to main: say so in both languages instead of a screen whose every action fails.
  const notice = document.createElement('div')
  notice.setAttribute('role', 'alert')
  notice.dataset.testid = 'bridge-missing'
  notice.className = 'bridge-missing'
  for (const [lang, text] of [['zh-Hant-TW', zhTW.app.bridgeMissing], ['en', en.app.bridgeMissing]] as const) {
    const p = document.createElement('p')
    p.lang = lang
    p.textContent = text
    notice.append(p)
  }
  document.getElementById('app')!.replaceChildren(notice)
} else {
  // The customer display is its own small app, loaded only in its window.
  const root = windowRole === 'customer' ? import('./customer/CustomerApp.vue').then((m) => m.default) : Promise.resolve(App)
  void root.then((component) => {
    createApp(component).use(createPinia()).use(i18n).mount('#app')
    // First-use costs (ICU's number data) paid while staff have nothing to wait for, not at the first card.
    requestIdleCallback(warmFormatters, { timeout: 1000 })
  })
}
