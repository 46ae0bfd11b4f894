// UI texts, Traditional Chinese (the default). en.ts must have exactly the same keys.
export const zhTW = {
  app: {
    title: '會員櫃檯助手',
    demo: 'DEMO 示範模式',
    demoHint: '使用內建的模擬會員系統，資料都是假的。',
    store: '門市',
    noStore: '未設定門市',
    language: 'English',
    languageLabel: '切換語言',
    settings: '設定',
    lookup: '查詢會員',
    signup: '新會員註冊',
    outbox: '待送出',
    back: '返回',
    close: '關閉',
    loading: '載入中…',
  },
  connection: {
    online: '連線正常',
    offline: '離線',
    degraded: '連線不穩',
  },
}
export type UiMessages = typeof zhTW
