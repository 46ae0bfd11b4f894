import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import './styles.css'

import { windowRole } from './role'

// The customer display is its own small app, loaded only in its window.
const root = windowRole === 'customer' ? import('./customer/CustomerApp.vue').then((m) => m.default) : Promise.resolve(App)
void root.then((component) => createApp(component).use(createPinia()).use(i18n).mount('#app'))
