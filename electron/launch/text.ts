import type { DownloadFailure } from './download'

// What npm start tells the person at the terminal, in zh-TW unless POS_LANG=en. Each
// message is one sentence that says what happened and what to do.

export type LaunchLanguage = 'zh-TW' | 'en'
export const launchLanguage = (env: Record<string, string | undefined>): LaunchLanguage => (env.POS_LANG === 'en' ? 'en' : 'zh-TW')

const MB = (bytes: number) => (bytes / 1_048_576).toFixed(1)

export const launchText = {
  'zh-TW': {
    noPackage: '沒有安裝 electron 套件（請先執行 npm ci），改以瀏覽器模式啟動。',
    overrideMissing: (dir: string) => `ELECTRON_OVERRIDE_DIST_PATH 指定的資料夾（${dir}）裡沒有 Electron 執行檔，改以瀏覽器模式啟動。`,
    downloading: (version: string) => `第一次啟動：正在下載 Electron ${version}（約 100 MB，只需下載一次）…`,
    progress: (p: { transferred: number; total: number | null }) =>
      p.total ? `下載中 ${Math.floor((p.transferred / p.total) * 100)}%（${MB(p.transferred)} / ${MB(p.total)} MB）` : `下載中 ${MB(p.transferred)} MB`,
    unpacking: '下載完成，正在解壓縮…',
    download: {
      timeout: (f: DownloadFailure) => `下載 Electron 逾時（${f.detail}）：網路太慢或中斷了，請稍後再執行 npm start；現在先改以瀏覽器模式啟動。`,
      blocked: (f: DownloadFailure) => `這個網路擋住了 Electron 的下載（${f.detail}），請 IT 開放 github.com 的下載或設定 ELECTRON_MIRROR；現在先改以瀏覽器模式啟動。`,
      failed: (f: DownloadFailure) => `無法下載 Electron（${f.detail}），改以瀏覽器模式啟動。`,
    },
    unpackFailed: (status: number | null) => `Electron 已下載但無法解壓縮（install.js 結束代碼 ${status}），改以瀏覽器模式啟動。`,
    sandbox: (helper: string) =>
      `Ubuntu 的 AppArmor 擋住了 Electron 的沙箱（開發用的 chrome-sandbox 沒有 setuid），請執行 sudo chown root:root ${helper} 與 sudo chmod 4755 ${helper} 後再執行 npm start（門市電腦請安裝 .deb）；現在先改以瀏覽器模式啟動。`,
    spawnFailed: (exe: string, why: string) => `無法執行 Electron（${exe}：${why}），改以瀏覽器模式啟動。`,
    crashed: (signal: string) => `Electron 因訊號 ${signal} 意外結束。`,
  },
  en: {
    noPackage: 'The electron package is not installed (run npm ci first), so the app starts in browser mode instead.',
    overrideMissing: (dir: string) => `ELECTRON_OVERRIDE_DIST_PATH names a folder without an Electron binary (${dir}), so the app starts in browser mode instead.`,
    downloading: (version: string) => `First start: downloading Electron ${version} (about 100 MB, only once)…`,
    progress: (p: { transferred: number; total: number | null }) =>
      p.total ? `Downloading ${Math.floor((p.transferred / p.total) * 100)}% (${MB(p.transferred)} / ${MB(p.total)} MB)` : `Downloading ${MB(p.transferred)} MB`,
    unpacking: 'Downloaded; unpacking…',
    download: {
      timeout: (f: DownloadFailure) => `Downloading Electron timed out (${f.detail}): the connection is too slow or dropped, so run npm start again later; starting browser mode for now.`,
      blocked: (f: DownloadFailure) => `This network blocks Electron's download (${f.detail}): ask IT to allow downloads from github.com or set ELECTRON_MIRROR; starting browser mode for now.`,
      failed: (f: DownloadFailure) => `Electron could not be downloaded (${f.detail}), so the app starts in browser mode instead.`,
    },
    unpackFailed: (status: number | null) => `Electron was downloaded but could not be unpacked (install.js exit code ${status}), so the app starts in browser mode instead.`,
    sandbox: (helper: string) =>
      `Ubuntu's AppArmor blocks Electron's sandbox (the development chrome-sandbox is not setuid): run sudo chown root:root ${helper} and sudo chmod 4755 ${helper}, then npm start again (counter PCs should install the .deb); starting browser mode for now.`,
    spawnFailed: (exe: string, why: string) => `Electron could not be run (${exe}: ${why}), so the app starts in browser mode instead.`,
    crashed: (signal: string) => `Electron stopped unexpectedly on signal ${signal}.`,
  },
} as const
