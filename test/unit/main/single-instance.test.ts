import { describe, expect, it, vi } from 'vitest'
import { bringForward } from '../../../electron/main/bring-forward'
import { claimSingleInstance } from '../../../electron/main/single-instance'
import { fakeWindow } from './fakes'

// The single-instance hand-off with `electron` mocked: nothing here starts Electron.
vi.mock('electron', () => ({}))

type Listener = (...args: unknown[]) => void
type ShellApp = Parameters<typeof claimSingleInstance>[0]

function fakeApp(gotLock: boolean) {
  const listeners = new Map<string, Listener>()
  return {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((name: string, l: Listener) => void listeners.set(name, l)),
    /** What Electron does in the first process when the app is launched again. */
    launchAgain: () => listeners.get('second-instance')?.({}, ['counter-companion'], '/'),
  }
}

describe('single instance', () => {
  it('the first launch keeps the lock and listens for later launches', () => {
    const app = fakeApp(true)
    expect(claimSingleInstance(app as unknown as ShellApp, vi.fn())).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    expect(app.on).toHaveBeenCalledWith('second-instance', expect.any(Function))
  })

  it('a second launch quits at once', () => {
    const app = fakeApp(false)
    expect(claimSingleInstance(app as unknown as ShellApp, vi.fn())).toBe(false)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.on).not.toHaveBeenCalled()
  })

  it('hands off: the first window is restored, shown, focused and asked to focus the lookup field', () => {
    const app = fakeApp(true)
    const { win, calls } = fakeWindow({ minimized: true, visible: false })
    claimSingleInstance(app as unknown as ShellApp, () => bringForward(win))
    app.launchAgain()
    expect(calls).toEqual(['restore', 'show', 'moveTop', 'focus', 'webContents.focus', 'send app:focusLookup {}'])
  })

  it('does not restore or show a window that is already up', () => {
    const { win, calls } = fakeWindow()
    expect(bringForward(win)).toBe(true)
    expect(calls).toEqual(['moveTop', 'focus', 'webContents.focus', 'send app:focusLookup {}'])
  })

  it('does nothing before the window exists or after it is gone', () => {
    const app = fakeApp(true)
    claimSingleInstance(app as unknown as ShellApp, () => bringForward(null))
    expect(() => app.launchAgain()).not.toThrow()
    const { win, calls } = fakeWindow({ destroyed: true })
    expect(bringForward(win)).toBe(false)
    expect(calls).toEqual([])
  })
})
