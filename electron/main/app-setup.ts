import { resolve } from 'node:path'
import type { App, Menu, MenuItemConstructorOptions } from 'electron'
import { wantsXWayland, XWAYLAND_SWITCH } from '../shared/display-server'

// What must be settled before Electron is ready and before the single-instance lock is
// taken: the sandbox for every renderer, no default menu, where Electron keeps its own
// data, and (Linux Wayland) a restart under XWayland.

export interface SetupDeps {
  app: Pick<App, 'enableSandbox' | 'setPath' | 'relaunch' | 'exit' | 'commandLine'>
  Menu: Pick<typeof Menu, 'setApplicationMenu' | 'buildFromTemplate'>
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  argv: string[]
}

/** macOS keeps the app and edit menus (copy and paste live there); elsewhere no menu at all. */
const MAC_MENU: MenuItemConstructorOptions[] = [{ role: 'appMenu' }, { role: 'editMenu' }]

/** Returns false when this process is being replaced (relaunched under XWayland) and must do nothing more. */
export function prepareApp(deps: SetupDeps): boolean {
  const { app, env } = deps
  // Every renderer sandboxed, whatever a window's webPreferences say.
  app.enableSandbox()
  // Electron's default menu is English and offers Reload and DevTools behind Alt.
  deps.Menu.setApplicationMenu(deps.platform === 'darwin' ? deps.Menu.buildFromTemplate(MAC_MENU) : null)
  // Electron's own data (and with it the single-instance lock) beside the app's data, so a
  // test instance with its own POS_DATA_DIR does not collide with the running app.
  if (env.POS_DATA_DIR) app.setPath('userData', resolve(env.POS_DATA_DIR))
  if (wantsXWayland(env, deps.platform) && !app.commandLine.hasSwitch('ozone-platform')) {
    // Started natively on Wayland (an AppImage opened by hand, an old shortcut): the
    // window features beside the POS need X11, so start again under XWayland.
    app.relaunch({ args: [...deps.argv.slice(1), XWAYLAND_SWITCH] })
    app.exit(0)
    return false
  }
  return true
}
