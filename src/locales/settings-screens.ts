// The customer display's screen in Settings (useScreenChoice.ts): the labels of the displays
// main reports and what the desktop app does with the choice, in both languages.
export const settingsScreens = {
  'zh-TW': {
    label: '{number} · {width}×{height} ({side})',
    side: { staff: '員工視窗所在', left: '左', right: '右', above: '上', below: '下' },
    missing: '已選的螢幕（目前未連接）',
    shown: '顧客螢幕目前在：{screen}',
    off: '顧客螢幕已關閉。',
    noDisplay: '目前只有員工視窗所在的螢幕：接上第二個螢幕時，顧客螢幕會自動開在上面。',
    cannotPlace: '這個桌面環境（Wayland，沒有 XWayland）不讓程式把視窗放到指定的螢幕，所以不開顧客螢幕。請 IT 改用 X11 工作階段或啟用 XWayland。',
    browser: '瀏覽器模式沒有螢幕清單：請在面向顧客的螢幕上另開一個瀏覽器視窗，開啟 {url}。這裡的選擇用於桌面版。',
    chosenMissing: '選定的螢幕目前沒有連接，暫時改用自動選擇；螢幕接回後，顧客螢幕會回到它上面。',
  },
  en: {
    label: '{number} · {width}×{height} ({side})',
    side: { staff: "staff window's", left: 'left', right: 'right', above: 'above', below: 'below' },
    missing: 'The chosen screen (not connected now)',
    shown: 'The customer display is on {screen}.',
    off: 'The customer display is off.',
    noDisplay: "Only the staff window's screen is connected: the customer display opens on a second screen as soon as one is connected.",
    cannotPlace: 'This desktop session (Wayland without XWayland) does not let apps put a window on a chosen screen, so the customer display is not opened. Ask IT for an X11 session or XWayland.',
    browser: "Browser mode has no list of screens: open {url} in a second browser window on the customer's screen. The choice here is for the desktop app.",
    chosenMissing: 'The chosen screen is not connected: the automatic choice is used until it is back, and then the customer display returns to it.',
  },
}
