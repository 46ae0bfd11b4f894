import { fileURLToPath } from 'node:url'
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron'

type WindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow

// The window is created here with its options written out in place, so both a unit test
// (with a fake class) and electronegativity's static scan can read them.
export function createMainWindow(BrowserWindow: WindowClass, opts: { preloadPath: string; packaged: boolean }): ElectronBrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 380,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    title: '會員櫃檯助手',
    autoHideMenuBar: true,
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — our own bundled preload; it exposes one
      // function per contract channel and never ipcRenderer itself (electron/preload).
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
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

/** The built preload, a self-contained CommonJS bundle beside the main bundle. */
export const preloadPath = (): string => fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
/** The built renderer page. */
export const rendererIndexPath = (): string => fileURLToPath(new URL('../renderer/index.html', import.meta.url))
