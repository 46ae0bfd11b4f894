import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyStartWithComputer, AUTOSTART_FILE, type LoginItemDeps } from '../../../electron/main/login-item'

// "Start with the computer" with `electron` mocked: nothing here starts Electron.
vi.mock('electron', () => ({}))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function deps(over: Partial<LoginItemDeps> = {}) {
  const app = { setLoginItemSettings: vi.fn(), isPackaged: true }
  return { app, deps: { app, platform: 'win32', env: {}, execPath: 'C:\\Program Files\\Counter Companion\\Counter Companion.exe', ...over } as LoginItemDeps }
}

describe('start with the computer', () => {
  it('uses the login item on Windows, on and off', () => {
    const { app, deps: d } = deps()
    expect(applyStartWithComputer(true, d)).toBe('login-item')
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true })
    applyStartWithComputer(false, d)
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false })
  })

  it('registers the portable .exe itself, not its temporary folder', () => {
    const { app, deps: d } = deps({ env: { PORTABLE_EXECUTABLE_FILE: 'D:\\Counter-Companion-Portable.exe' } })
    applyStartWithComputer(true, d)
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, path: 'D:\\Counter-Companion-Portable.exe' })
  })

  it('writes and removes an XDG autostart entry on Linux (the AppImage path when there is one)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autostart-'))
    dirs.push(dir)
    const { app, deps: d } = deps({ platform: 'linux', env: { APPIMAGE: '/home/staff/Counter Companion.AppImage' }, autostartDir: dir })
    expect(applyStartWithComputer(true, d)).toBe('autostart')
    const entry = readFileSync(join(dir, AUTOSTART_FILE), 'utf8')
    // Under XWayland, so the panel, bring-forward and the shortcut work in a Wayland session.
    expect(entry).toContain('Exec="/home/staff/Counter Companion.AppImage" --ozone-platform=x11\n')
    expect(entry).toContain('Name[zh_TW]=會員櫃檯助手')
    applyStartWithComputer(false, d)
    expect(existsSync(join(dir, AUTOSTART_FILE))).toBe(false)
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
  })

  it('leaves a development build alone', () => {
    const { app, deps: d } = deps()
    app.isPackaged = false
    expect(applyStartWithComputer(true, d)).toBe('skipped')
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
  })
})
