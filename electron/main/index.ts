import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron'
import { createCore, type Core } from '../core/app-core'
import { ensureDataDir, openSettingsFile } from '../core/settings-file'
import { hasConnectionSettings } from '../core/settings'
import { startDemoVendor, type DemoVendorProcess } from '../sandbox/demo'
import type { SettingsView } from '../shared/contract'
import { bringForward } from './bring-forward'
import { runsNativelyOnWayland } from '../shared/display-server'
import { prepareApp } from './app-setup'
import { registerIpc } from './ipc'
import { applyStartWithComputer } from './login-item'
import { SafeStorageKeyProtector } from './safe-storage'
import { guardApp, guardSession, isTrustedSender } from './security'
import { createGlobalShortcut, type GlobalShortcutControl } from './shortcut'
import { claimSingleInstance } from './single-instance'
import { failStartup } from './startup-failure'
import { watchRenderer } from './renderer-watch'
import { createCustomerWindow } from './customer-window'
import { createCustomerPlacement, type CustomerPlacement } from './customer-placement'
import { createMainWindow, preloadPath, rendererIndexPath } from './window'
import { createWindowRoles } from './window-roles'
import { createWindowPlacement, type WindowPlacementControl } from './window-placement'
import { errorMessage } from '../shared/errors'

// The Electron shell: lifecycle, the window, the guards, and the IPC registration.
// Everything the app does lives in electron/core and is wired in createCore().

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
/** The demo sandbox, started beside core when nothing configures the connection. */
let demo: DemoVendorProcess | null = null
let placement: WindowPlacementControl | null = null
let shortcut: GlobalShortcutControl | null = null
let customerDisplay: CustomerPlacement | null = null

/** Applies what the shell owns (window mode, customer display, shortcut, start with the computer) whenever settings change. */
function shellSettingsApplier(c: Core): (view: SettingsView) => void {
  let applied: { window: string; customerDisplay: string; shortcut: string | null; startWithComputer: boolean | null } = {
    window: '',
    customerDisplay: '',
    shortcut: null,
    startWithComputer: null,
  }
  return (view) => {
    const { normalBounds: _moved, ...windowChoice } = view.window
    const next = { window: JSON.stringify(windowChoice), customerDisplay: view.customerDisplay, shortcut: view.globalShortcut, startWithComputer: view.startWithComputer }
    const previous = applied
    // Recorded first: reporting the shortcut's state below emits a change that re-enters here.
    applied = next
    if (next.window !== previous.window) placement?.apply()
    // The staff window may have changed display too, so after its placement.
    if (next.window !== previous.window || next.customerDisplay !== previous.customerDisplay) customerDisplay?.apply()
    if (next.shortcut !== previous.shortcut || view.shortcutRegistered === false) {
      c.desktop.setShortcutRegistered(shortcut?.apply(view.globalShortcut) ?? null)
    }
    if (next.startWithComputer !== previous.startWithComputer) {
      try {
        const how = applyStartWithComputer(view.startWithComputer, { app, platform: process.platform, env: process.env, execPath: process.execPath })
        c.log.info({ enabled: view.startWithComputer, how }, 'start with the computer')
      } catch (e) {
        c.log.warn({ err: errorMessage(e) }, 'start with the computer failed')
      }
    }
  }
}

async function start(): Promise<void> {
  guardApp(app, shell)
  guardSession(session.defaultSession)

  // userData is POS_DATA_DIR when set (prepareApp). The shell decides on demo mode: only
  // with nothing configured does it start the sandbox beside core.
  const dataDir = app.getPath('userData')
  ensureDataDir(dataDir)
  // Loaded here, not with this module: electron-store reads electron's app object as it loads.
  const { openSettingsStore } = await import('./settings-store')
  const settings = openSettingsFile(dataDir, openSettingsStore)
  demo = hasConnectionSettings(process.env, settings.store.store) ? null : await startDemoVendor()
  const c = await createCore({
    dataDir,
    env: process.env,
    shell: 'electron',
    keyProtector: new SafeStorageKeyProtector(safeStorage),
    settings,
    ...(demo ? { demo: demo.vendor } : {}),
    version: app.getVersion(),
    platform: process.platform,
  })
  core = c

  app.on('web-contents-created', (_event, contents) => watchRenderer(contents, c.log))
  // Still a native Wayland client (no XWayland to be had): staff are told what does not work.
  const nativeWayland = runsNativelyOnWayland(process.env, process.platform, app.commandLine.getSwitchValue('ozone-platform'))
  if (nativeWayland) c.desktop.raiseNotice('waylandLimits')
  // A call's role is its window's (staff, customer display); events go by role too.
  const roles = createWindowRoles()
  registerIpc(ipcMain, c.dispatch, (event) => (isTrustedSender(event, BrowserWindow.getAllWindows()) ? roles.roleOf(event.sender.id) : null))
  c.onEvent((name, payload) => roles.send(name, payload))

  const win = createMainWindow(BrowserWindow, { preloadPath: preloadPath(), packaged: app.isPackaged })
  mainWindow = win
  roles.add(win, 'staff')
  placement = createWindowPlacement({
    window: win,
    screen,
    prefs: () => c.desktop.view().window,
    save: (prefs) => {
      c.desktop.saveWindow(prefs)
      // Staff moved their window (perhaps onto the customer's screen): "automatic" is decided again.
      customerDisplay?.apply()
    },
  })
  shortcut = createGlobalShortcut({
    globalShortcut,
    onPress: () => bringForward(mainWindow),
    log: (message, details) => c.log.warn(details, message),
  })

  // After the staff window's placement: on a display change that one moves first.
  const fullScreen = process.platform !== 'darwin'
  customerDisplay = createCustomerPlacement({
    screen,
    staff: win,
    choice: () => c.desktop.view().customerDisplay,
    canPlace: !nativeWayland,
    fullScreen,
    open: (display) => {
      const customer = createCustomerWindow(BrowserWindow, { display, preloadPath: preloadPath(), packaged: app.isPackaged, fullScreen })
      roles.add(customer, 'customer')
      void customer.loadFile(rendererIndexPath(), { query: { role: 'customer' } })
      return customer
    },
    report: (report) => c.desktop.reportScreens(report),
  })
  const applyShellSettings = shellSettingsApplier(c)
  applyShellSettings(c.desktop.view())
  c.desktop.onChange(applyShellSettings)

  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    placement?.dispose()
    placement = null
    customerDisplay?.dispose()
    customerDisplay = null
    mainWindow = null
  })
  await win.loadFile(rendererIndexPath())
}

// Before ready: the sandbox, no default menu, userData beside POS_DATA_DIR (so before the lock).
if (prepareApp({ app, Menu, env: process.env, platform: process.platform, argv: process.argv }) && claimSingleInstance(app, () => bringForward(mainWindow))) {
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    shortcut?.dispose()
    globalShortcut.unregisterAll()
    void core?.close().finally(() => demo?.close())
  })
  // Any failure on the way up (whenReady or start) ends in a dialog and an exit that lets go of the lock.
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) =>
      failStartup(e, {
        app,
        dialog,
        env: process.env,
        dataDir: app.getPath('userData'),
        cleanUp: async () => {
          shortcut?.dispose()
          await core?.close()
          await demo?.close()
        },
      }),
    )
}
