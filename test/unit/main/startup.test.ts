import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { prepareApp } from '../../../electron/main/app-setup'
import { failStartup, startupFailureText } from '../../../electron/main/startup-failure'
import { watchRenderer } from '../../../electron/main/renderer-watch'
import { runsNativelyOnWayland } from '../../../electron/shared/display-server'

// The shell's start-up with `electron` mocked: what happens before ready, a start() that
// rejects, and a renderer that dies. Nothing here starts Electron.

type Listener = (...args: unknown[]) => unknown

/** A stand-in for electron's `app` that records every call in order. */
function fakeApp(opts: { lock?: boolean; switches?: string[]; userData?: string } = {}) {
  const calls: string[] = []
  const listeners = new Map<string, Listener[]>()
  let userData = opts.userData ?? '/home/staff/.config/Counter Companion'
  const app = {
    calls,
    listeners,
    enableSandbox: vi.fn(() => void calls.push('enableSandbox')),
    setPath: vi.fn((name: string, path: string) => {
      calls.push(`setPath ${name} ${path}`)
      if (name === 'userData') userData = path
    }),
    getPath: vi.fn((name: string) => (name === 'userData' ? userData : `/tmp/${name}`)),
    relaunch: vi.fn((o: unknown) => void calls.push(`relaunch ${JSON.stringify(o)}`)),
    exit: vi.fn((code?: number) => void calls.push(`exit ${code}`)),
    quit: vi.fn(() => void calls.push('quit')),
    commandLine: { hasSwitch: (name: string) => (opts.switches ?? []).includes(name) },
    requestSingleInstanceLock: vi.fn(() => (calls.push('requestSingleInstanceLock'), opts.lock ?? true)),
    releaseSingleInstanceLock: vi.fn(() => void calls.push('releaseSingleInstanceLock')),
    on: vi.fn((name: string, l: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), l])),
    whenReady: vi.fn(() => (calls.push('whenReady'), Promise.resolve())),
    getVersion: () => '0.1.0',
    isPackaged: false,
  }
  return app
}

function fakeMenu() {
  return { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => ({ template: t })) }
}

const setup = (app: ReturnType<typeof fakeApp>, env: Record<string, string>, platform: NodeJS.Platform, argv = ['/opt/Counter Companion/counter-companion']) =>
  prepareApp({ app: app as never, Menu: fakeMenu() as never, env, platform, argv })

describe('before ready', () => {
  it('sandboxes every renderer and removes the default menu on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const app = fakeApp()
      const Menu = fakeMenu()
      expect(prepareApp({ app: app as never, Menu: Menu as never, env: {}, platform, argv: [] })).toBe(true)
      expect(app.enableSandbox).toHaveBeenCalledTimes(1)
      expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null)
      expect(app.setPath).not.toHaveBeenCalled()
    }
  })

  it('keeps only the app and edit menus on macOS', () => {
    const Menu = fakeMenu()
    prepareApp({ app: fakeApp() as never, Menu: Menu as never, env: {}, platform: 'darwin', argv: [] })
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith({ template: [{ role: 'appMenu' }, { role: 'editMenu' }] })
  })

  it('puts Electron\'s userData (and the lock) at POS_DATA_DIR, resolved to an absolute path', () => {
    const app = fakeApp()
    setup(app, { POS_DATA_DIR: 'D:\\pos-test-data' }, 'win32')
    expect(app.setPath).toHaveBeenCalledWith('userData', resolve('D:\\pos-test-data'))
    const rel = fakeApp()
    setup(rel, { POS_DATA_DIR: 'tmp/data' }, 'linux')
    expect(rel.setPath).toHaveBeenCalledWith('userData', resolve('tmp/data'))
  })

  it('restarts under XWayland when started natively in an Ubuntu Wayland session', () => {
    const env = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }
    const app = fakeApp()
    const argv = ['/tmp/.mount_CounteAbC123/counter-companion', '--hidden-flag']
    expect(setup(app, env, 'linux', argv)).toBe(false)
    expect(app.relaunch).toHaveBeenCalledWith({ args: ['--hidden-flag', '--ozone-platform=x11'] })
    expect(app.exit).toHaveBeenCalledWith(0)
  })

  it('does not restart when already asked for a platform, on X11, without XWayland, or off Linux', () => {
    const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }
    const cases: Array<[Record<string, string>, NodeJS.Platform, string[]]> = [
      [wayland, 'linux', ['ozone-platform']],
      [{ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux', []],
      [{ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, 'linux', []],
      [wayland, 'win32', []],
    ]
    for (const [env, platform, switches] of cases) {
      const app = fakeApp({ switches })
      expect(setup(app, env, platform), JSON.stringify(env)).toBe(true)
      expect(app.relaunch).not.toHaveBeenCalled()
    }
  })
})

describe('a Wayland session without XWayland', () => {
  it('is told apart from XWayland and from X11, so Settings can say what does not work', () => {
    const ubuntu = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }
    expect(runsNativelyOnWayland(ubuntu, 'linux', '')).toBe(true)
    expect(runsNativelyOnWayland(ubuntu, 'linux', 'wayland')).toBe(true)
    expect(runsNativelyOnWayland({ ...ubuntu, DISPLAY: ':0' }, 'linux', 'x11')).toBe(false)
    expect(runsNativelyOnWayland({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux', '')).toBe(false)
    expect(runsNativelyOnWayland(ubuntu, 'win32', '')).toBe(false)
  })
})

describe('a start-up that fails', () => {
  it('shows the reason in zh-TW first, English too, and where the data is', () => {
    const { title, content } = startupFailureText('EACCES: permission denied', 'C:\\Users\\staff\\AppData\\Roaming\\Counter Companion', {})
    expect(title).toBe('會員櫃檯助手無法啟動 / Counter Companion could not start')
    expect(content.indexOf('啟動時發生錯誤：EACCES')).toBe(0)
    expect(content).toContain('Start-up failed: EACCES: permission denied')
    expect(content).toContain('C:\\Users\\staff\\AppData\\Roaming\\Counter Companion')
    expect(startupFailureText('x', '/d', { POS_LANG: 'en' }).title).toBe('Counter Companion could not start / 會員櫃檯助手無法啟動')
  })

  it('cleans up, shows the dialog, lets go of the lock and exits non-zero — in that order', async () => {
    const app = fakeApp()
    const order: string[] = []
    const dialog = { showErrorBox: vi.fn(() => void order.push('dialog')) }
    app.releaseSingleInstanceLock.mockImplementation(() => void order.push('release'))
    app.exit.mockImplementation(() => void order.push('exit'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await failStartup(new Error('Sealed data failed authentication'), {
      app: app as never,
      dialog,
      env: {},
      dataDir: '/home/staff/.config/Counter Companion',
      cleanUp: async () => {
        order.push('cleanUp')
        throw new Error('close failed too')
      },
    })
    expect(order).toEqual(['cleanUp', 'dialog', 'release', 'exit'])
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(String((dialog.showErrorBox.mock.calls[0] as unknown[])[1])).toContain('Sealed data failed authentication')
  })
})

describe('the composition root (electron/main/index.ts) with electron mocked', () => {
  let app: ReturnType<typeof fakeApp>
  let dialog: { showErrorBox: ReturnType<typeof vi.fn> }
  let Menu: ReturnType<typeof fakeMenu>
  const env = { ...process.env }

  beforeEach(() => {
    vi.resetModules()
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    process.env = { ...env }
    vi.doUnmock('electron')
  })

  async function boot(opts: { lock?: boolean; session?: unknown; userData?: string }) {
    app = fakeApp({ lock: opts.lock, userData: opts.userData })
    dialog = { showErrorBox: vi.fn() }
    Menu = fakeMenu()
    vi.doMock('electron', () => ({
      app,
      dialog,
      Menu,
      BrowserWindow: { getAllWindows: () => [] },
      globalShortcut: { unregisterAll: vi.fn(), register: vi.fn(), unregister: vi.fn() },
      ipcMain: { handle: vi.fn() },
      safeStorage: {},
      screen: {},
      session: opts.session === undefined ? {} : opts.session,
      shell: { openExternal: vi.fn() },
    }))
    await import('../../../electron/main/index')
    // Let whenReady → start → the failure handler run.
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 5000 })
  }

  it('a start() that rejects (here: no default session) shows the dialog and exits 1, releasing the lock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-start-fail-'))
    process.env.POS_DATA_DIR = dataDir
    delete process.env.POS_LANG
    await boot({ session: { defaultSession: null } })
    expect(app.calls.slice(0, 3)).toEqual(['enableSandbox', `setPath userData ${dataDir}`, 'requestSingleInstanceLock'])
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(process.platform === 'darwin' ? expect.anything() : null)
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, content] = dialog.showErrorBox.mock.calls[0] as [string, string]
    expect(title).toMatch(/^會員櫃檯助手無法啟動/)
    expect(content).toContain(dataDir)
    expect(app.calls.slice(-2)).toEqual(['releaseSingleInstanceLock', 'exit 1'])
  })

  it('a data folder that cannot be created fails the same way (the rejection comes from createCore)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cc-start-fail-')), 'not-a-folder')
    writeFileSync(file, 'x')
    process.env.POS_DATA_DIR = join(file, 'data')
    await boot({ session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } } })
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1)
    expect(dialog.showErrorBox.mock.calls[0]![1]).toMatch(/ENOTDIR|EEXIST|not a directory/)
    expect(app.calls.slice(-2)).toEqual(['releaseSingleInstanceLock', 'exit 1'])
  })
})

describe('a renderer process that dies', () => {
  function fakeContents() {
    const listeners = new Map<string, Listener>()
    return {
      on: (name: string, l: Listener) => void listeners.set(name, l),
      reload: vi.fn(),
      isDestroyed: () => false,
      emit: (name: string, ...args: unknown[]) => listeners.get(name)!({}, ...args),
    }
  }
  const log = () => ({ warn: vi.fn(), error: vi.fn() })

  it('reloads the page after a crash or an out-of-memory kill and logs why', () => {
    const wc = fakeContents()
    const l = log()
    watchRenderer(wc as never, l)
    wc.emit('render-process-gone', { reason: 'crashed', exitCode: -1073741819 })
    wc.emit('render-process-gone', { reason: 'oom', exitCode: -536870904 })
    expect(wc.reload).toHaveBeenCalledTimes(2)
    expect(l.warn).toHaveBeenCalledWith({ reason: 'crashed', exitCode: -1073741819 }, 'renderer process gone; reloading the page')
  })

  it('does not reload after a clean exit, nor more than three times a minute', () => {
    const wc = fakeContents()
    const l = log()
    let t = 0
    watchRenderer(wc as never, l, () => t)
    wc.emit('render-process-gone', { reason: 'clean-exit', exitCode: 0 })
    expect(wc.reload).not.toHaveBeenCalled()
    for (let i = 0; i < 5; i++) wc.emit('render-process-gone', { reason: 'killed', exitCode: 9 })
    expect(wc.reload).toHaveBeenCalledTimes(3)
    expect(l.error).toHaveBeenCalled()
    t = 61_000
    wc.emit('render-process-gone', { reason: 'killed', exitCode: 9 })
    expect(wc.reload).toHaveBeenCalledTimes(4)
  })

  it('logs a preload that failed to load', () => {
    const wc = fakeContents()
    const l = log()
    watchRenderer(wc as never, l)
    wc.emit('preload-error', 'C:\\Program Files\\Counter Companion\\resources\\app.asar\\out\\preload\\index.cjs', new Error('Unexpected token'))
    expect(l.error).toHaveBeenCalledWith(expect.objectContaining({ err: 'Unexpected token' }), 'preload failed to load')
  })
})
