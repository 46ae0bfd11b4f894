import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron'
import { pathToFileURL } from 'node:url'
import { createCore, type Core } from '../core/app-core'
import { pushEvent, registerIpc } from './ipc'
import { SafeStorageKeyProtector } from './safe-storage'
import { guardApp, guardSession, isTrustedSender } from './security'
import { createMainWindow, preloadPath, rendererIndexPath } from './window'

// The Electron shell: lifecycle, the window, the guards, and the IPC registration.
// Everything the app does lives in electron/core and is wired in createCore().

let mainWindow: BrowserWindow | null = null
let core: Core | null = null

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  guardApp(app, shell)
  guardSession(session.defaultSession)

  core = await createCore({
    dataDir: process.env.POS_DATA_DIR || app.getPath('userData'),
    env: process.env,
    shell: 'electron',
    keyProtector: new SafeStorageKeyProtector(safeStorage),
    version: app.getVersion(),
    platform: process.platform,
  })

  const appUrl = pathToFileURL(rendererIndexPath()).href
  registerIpc(ipcMain, core.dispatch, (event) => isTrustedSender(event.senderFrame, appUrl))

  mainWindow = createMainWindow(BrowserWindow, { preloadPath: preloadPath(), packaged: app.isPackaged })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  core.onEvent((name, payload) => pushEvent(mainWindow?.webContents ?? null, name, payload))
  await mainWindow.loadFile(rendererIndexPath())
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    void core?.close()
  })
  app.whenReady().then(start, (e: unknown) => {
    console.error('start-up failed', e)
    app.exit(1)
  })
}
