import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../electron/shared/contract'
import { registerIpc } from '../../../electron/main/ipc'
import { SafeStorageKeyProtector } from '../../../electron/main/safe-storage'
import { guardApp, guardSession, guardWebContents, isTrustedSender } from '../../../electron/main/security'
import { createMainWindow } from '../../../electron/main/window'

// The Electron shell with `electron` mocked: nothing here starts Electron.
vi.mock('electron', () => ({}))

type Listener = (...args: unknown[]) => unknown

function fakeWebContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((d: { url: string }) => { action: string }) | null = null
  return {
    on: (name: string, l: Listener) => listeners.set(name, l),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h
    },
    emit(name: string) {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
      listeners.get(name)?.(event, 'https://evil.example/')
      return event.defaultPrevented
    },
    open: (url: string) => openHandler!({ url }),
  }
}

function windowOptions(packaged: boolean) {
  let captured: Record<string, unknown> & { webPreferences?: Record<string, unknown> } = {}
  class FakeWindow {
    constructor(o: typeof captured) {
      captured = o
    }
  }
  createMainWindow(FakeWindow as never, { preloadPath: '/x/preload/index.cjs', packaged })
  return captured
}

describe('window options', () => {
  const o = windowOptions(true)
  it('isolates and sandboxes the renderer', () => {
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/x/preload/index.cjs',
      disableBlinkFeatures: 'Auxclick',
    })
  })
  it('turns DevTools off in packaged builds only', () => {
    expect(o.webPreferences?.devTools).toBe(false)
    expect(windowOptions(false).webPreferences?.devTools).toBe(true)
  })
})

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel', () => {
    const handled: string[] = []
    registerIpc({ handle: (ch: string) => void handled.push(ch) } as never, vi.fn(), () => 'staff')
    expect([...handled].sort()).toEqual([...CHANNELS].sort())
    expect(new Set(handled).size).toBe(handled.length)
  })

  it('refuses a foreign sender before the dispatcher sees anything', async () => {
    const handlers = new Map<string, Listener>()
    const dispatch = vi.fn()
    registerIpc({ handle: (ch: string, h: Listener) => void handlers.set(ch, h) } as never, dispatch, () => null)
    const r = await handlers.get('member:lookup')!({ senderFrame: null }, { phone: '0912345678' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('passes a trusted call to the dispatcher', async () => {
    const handlers = new Map<string, Listener>()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }))
    registerIpc({ handle: (ch: string, h: Listener) => void handlers.set(ch, h) } as never, dispatch, () => 'staff')
    await handlers.get('app:info')!({}, undefined)
    expect(dispatch).toHaveBeenCalledWith('app:info', undefined, 'staff')
  })
})

describe('trusted sender', () => {
  /** A window as Electron reports it: its webContents id and main frame's process and routing ids. */
  const win = (id: number, frame = { processId: 10 + id, routingId: 1 }, destroyed = false) => ({
    isDestroyed: () => destroyed,
    webContents: { id, mainFrame: frame },
  })
  /** What ipcMain.handle receives: the sending webContents and the frame that sent. */
  const event = (senderId: number, frame: Record<string, unknown> | null) => ({ sender: { id: senderId }, senderFrame: frame }) as never

  it('accepts a call from the app started as `cd c:\\counter && npm start` on Windows', () => {
    // Chromium reports the page with an upper-case drive letter; Node's pathToFileURL of the
    // path the app was started from keeps `c:` — the old URL compare refused every call.
    const pageUrl = 'file:///C:/counter/out/renderer/index.html'
    const startedFrom = pathToFileURL('c:\\counter\\out\\renderer\\index.html', { windows: true }).href
    expect(startedFrom).toBe('file:///c:/counter/out/renderer/index.html')
    expect(startedFrom).not.toBe(pageUrl)
    const main = win(1)
    expect(isTrustedSender(event(1, { url: pageUrl, parent: null, processId: 11, routingId: 1 }), [main])).toBe(true)
  })

  it('accepts the top frame of any of the app\'s own windows (main and customer display)', () => {
    const windows = [win(1), win(2)]
    expect(isTrustedSender(event(2, { url: 'file:///C:/x/display.html', parent: null, processId: 12, routingId: 1 }), windows)).toBe(true)
  })

  it('refuses other web contents, subframes, a stale frame, destroyed windows and a missing frame', () => {
    const windows = [win(1), win(3, { processId: 13, routingId: 1 }, true)]
    const top = { url: 'file:///C:/counter/out/renderer/index.html', parent: null, processId: 11, routingId: 1 }
    expect(isTrustedSender(event(7, { ...top, processId: 17 }), windows)).toBe(false)
    expect(isTrustedSender(event(1, { ...top, parent: {} }), windows)).toBe(false)
    expect(isTrustedSender(event(1, { ...top, routingId: 5 }), windows)).toBe(false)
    expect(isTrustedSender(event(1, { ...top, processId: 99 }), windows)).toBe(false)
    expect(isTrustedSender(event(3, { ...top, processId: 13 }), windows)).toBe(false)
    expect(isTrustedSender(event(1, null), windows)).toBe(false)
    expect(isTrustedSender(event(1, top), [])).toBe(false)
  })
})

describe('navigation, window-open, webviews and permissions', () => {
  it('denies navigation, redirects and webviews', () => {
    const wc = fakeWebContents()
    guardWebContents(wc as never, { openExternal: vi.fn() })
    expect(wc.emit('will-navigate')).toBe(true)
    expect(wc.emit('will-redirect')).toBe(true)
    expect(wc.emit('will-attach-webview')).toBe(true)
  })

  it('denies every window.open and opens no unlisted link externally', () => {
    const wc = fakeWebContents()
    const openExternal = vi.fn()
    guardWebContents(wc as never, { openExternal })
    expect(wc.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(wc.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('guards every web contents the app creates', () => {
    let created: Listener | null = null
    guardApp({ on: (_n: string, l: Listener) => (created = l) } as never, { openExternal: vi.fn() })
    const wc = fakeWebContents()
    created!({}, wc)
    expect(wc.emit('will-navigate')).toBe(true)
  })

  it('denies permission requests and checks by default', () => {
    let request: Listener | null = null
    let check: Listener | null = null
    guardSession({
      setPermissionRequestHandler: (h: Listener) => (request = h),
      setPermissionCheckHandler: (h: Listener) => (check = h),
      setDevicePermissionHandler: () => {},
    } as never)
    const callback = vi.fn()
    request!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(check!({}, 'notifications')).toBe(false)
  })
})

describe('safeStorage key protector', () => {
  const fake = (available: boolean, backend: string) => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.from(`enc:${s}`),
    decryptString: (b: Buffer) => b.toString().slice(4),
  })
  it('refuses Linux basic_text and unavailable encryption', () => {
    expect(new SafeStorageKeyProtector(fake(true, 'basic_text') as never, 'linux').available().ok).toBe(false)
    expect(new SafeStorageKeyProtector(fake(false, 'gnome_libsecret') as never, 'linux').available().ok).toBe(false)
    expect(new SafeStorageKeyProtector(fake(true, 'gnome_libsecret') as never, 'linux').available().ok).toBe(true)
  })
  it('round-trips a key', () => {
    const p = new SafeStorageKeyProtector(fake(true, 'kwallet') as never, 'linux')
    const key = Buffer.from([1, 2, 3, 250])
    expect(p.unprotect(p.protect(key))).toEqual(key)
  })
})
