import { fileURLToPath } from 'node:url'
import type { BrowserWindowConstructorOptions } from 'electron'

// Window options in one pure function, so a unit test can read them without Electron.
export function mainWindowOptions(opts: { preloadPath: string; packaged: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 380,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    title: '會員櫃檯助手',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !opts.packaged,
      safeDialogs: true,
    },
  }
}

/** The built preload, a self-contained CommonJS bundle beside the main bundle. */
export const preloadPath = (): string => fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
/** The built renderer page. */
export const rendererIndexPath = (): string => fileURLToPath(new URL('../renderer/index.html', import.meta.url))
