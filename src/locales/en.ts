import type { UiMessages } from './zh-TW'

export const en: UiMessages = {
  app: {
    title: 'Counter Companion',
    demo: 'DEMO mode',
    demoHint: 'Running on the built-in sandbox; all data is made up.',
    store: 'Store',
    noStore: 'No store set',
    language: '中文',
    languageLabel: 'Switch language',
    settings: 'Settings',
    lookup: 'Find member',
    signup: 'New member',
    outbox: 'Queued',
    back: 'Back',
    close: 'Close',
    loading: 'Loading…',
  },
  connection: {
    online: 'Online',
    offline: 'Offline',
    degraded: 'Unstable connection',
  },
}
