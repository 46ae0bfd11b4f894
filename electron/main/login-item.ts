import type { App } from 'electron'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { XWAYLAND_SWITCH } from '../shared/display-server'

// "Start with the computer". Windows and macOS have app.setLoginItemSettings; Linux has
// no such API, so there it is the XDG autostart entry (~/.config/autostart). Only a
// packaged app registers itself: a development build would register the bare Electron binary.

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  execPath: string
  /** XDG config home's autostart folder (Linux). */
  autostartDir?: string
}

export const AUTOSTART_FILE = 'counter-companion.desktop'

function autostartDir(deps: LoginItemDeps): string {
  if (deps.autostartDir) return deps.autostartDir
  const configHome = deps.env.XDG_CONFIG_HOME || join(deps.env.HOME ?? '', '.config')
  return join(configHome, 'autostart')
}

function desktopEntry(exec: string): string {
  // The Exec path is quoted per the Desktop Entry spec (an AppImage path may hold spaces).
  // XWayland, as the installed menu entry asks too: on Wayland the side panel, moveTop and
  // the global shortcut do not work (see electron/shared/display-server.ts).
  const command = `"${exec.replace(/(["`$\\])/g, '\\$1')}" ${XWAYLAND_SWITCH}`
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Counter Companion',
    'Name[zh_TW]=會員櫃檯助手',
    `Exec=${command}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Returns what was done, for the log. */
export function applyStartWithComputer(enabled: boolean, deps: LoginItemDeps): 'login-item' | 'autostart' | 'skipped' {
  if (!deps.app.isPackaged) return 'skipped'
  if (deps.platform === 'linux') {
    const file = join(autostartDir(deps), AUTOSTART_FILE)
    if (enabled) {
      mkdirSync(autostartDir(deps), { recursive: true })
      // An AppImage runs from a temporary mount: $APPIMAGE is the file to start.
      writeFileSync(file, desktopEntry(deps.env.APPIMAGE || deps.execPath), { mode: 0o644 })
    } else {
      rmSync(file, { force: true })
    }
    return 'autostart'
  }
  // The portable build runs from a temporary folder: register the portable .exe itself.
  const portable = deps.env.PORTABLE_EXECUTABLE_FILE
  deps.app.setLoginItemSettings(portable ? { openAtLogin: enabled, path: portable } : { openAtLogin: enabled })
  return 'login-item'
}
