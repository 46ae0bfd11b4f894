import { fileURLToPath } from 'node:url'
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron'

export type WindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow

/** Where a window's page comes from and whether DevTools may open. */
export interface WindowSource {
  preloadPath: string
  packaged: boolean
}

// Every window of the app is made here, with its webPreferences written out in place, so both
// a unit test (with a fake class) and electronegativity's static scan read them, and no window
// can be made with weaker ones. `options` says only what the window looks like.
export function createAppWindow(
  BrowserWindow: WindowClass,
  source: WindowSource,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): ElectronBrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — our own bundled preload; it exposes one
      // function per contract channel and never ipcRenderer itself (electron/preload); main
      // answers each window only the channels of its role.
      preload: source.preloadPath,
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
      devTools: !source.packaged,
      safeDialogs: true,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

/** The staff window. */
export function createMainWindow(BrowserWindow: WindowClass, source: WindowSource): ElectronBrowserWindow {
  return createAppWindow(BrowserWindow, source, {
    width: 1280,
    height: 800,
    minWidth: 380,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    title: '會員櫃檯助手',
    autoHideMenuBar: true,
  })
}

/** The built preload, a self-contained CommonJS bundle beside the main bundle. */
export const preloadPath = (): string => fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
/** The built renderer page. */
export const rendererIndexPath = (): string => fileURLToPath(new URL('../renderer/index.html', import.meta.url))
