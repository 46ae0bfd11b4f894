import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_WINDOW, type WindowPrefs } from '../../../electron/shared/settings-form'
import { computeWindowBounds, type DisplayInfo } from '../../../electron/main/window-geometry'
import { createWindowPlacement, type PlacedWindow, type PlacementScreen } from '../../../electron/main/window-placement'

// Window geometry per mode and display, and the shell code that applies and remembers it,
// with `electron` mocked: nothing here starts Electron.
vi.mock('electron', () => ({}))

const PRIMARY: DisplayInfo = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }
// A second screen to the right, with a taskbar on top.
const SIDE: DisplayInfo = { id: 2, workArea: { x: 1920, y: 40, width: 1280, height: 984 } }
const SMALL: DisplayInfo = { id: 3, workArea: { x: -1024, y: 0, width: 1024, height: 728 } }

const prefs = (p: Partial<WindowPrefs> = {}): WindowPrefs => ({ ...DEFAULT_WINDOW, ...p })

describe('side panel geometry', () => {
  it('docks to the right edge of the chosen display at full work-area height', () => {
    const p = computeWindowBounds(prefs({ mode: 'panel', displayId: 2, width: 500, alwaysOnTop: true }), [PRIMARY, SIDE], 1)
    expect(p).toEqual({ bounds: { x: 1920 + 1280 - 500, y: 40, width: 500, height: 984 }, displayId: 2, alwaysOnTop: true, skipTaskbar: true })
  })

  it('docks to the left edge', () => {
    const p = computeWindowBounds(prefs({ mode: 'panel', edge: 'left', displayId: 2 }), [PRIMARY, SIDE], 1)
    expect(p.bounds).toEqual({ x: 1920, y: 40, width: 440, height: 984 })
  })

  it('keeps the width between 380 and 600 px', () => {
    expect(computeWindowBounds(prefs({ mode: 'panel', width: 200 }), [PRIMARY], 1).bounds.width).toBe(380)
    expect(computeWindowBounds(prefs({ mode: 'panel', width: 900 }), [PRIMARY], 1).bounds.width).toBe(600)
  })

  it('falls back to the primary display when the chosen one has gone', () => {
    const p = computeWindowBounds(prefs({ mode: 'panel', displayId: 2 }), [PRIMARY, SMALL], 1)
    expect(p.displayId).toBe(1)
    expect(p.bounds).toEqual({ x: 1920 - 440, y: 0, width: 440, height: 1040 })
  })

  it('honours "always on top" off', () => {
    expect(computeWindowBounds(prefs({ mode: 'panel' }), [PRIMARY], 1).alwaysOnTop).toBe(false)
  })
})

describe('normal window geometry', () => {
  it('centres 1280×800 on the primary display the first time', () => {
    const p = computeWindowBounds(prefs(), [SIDE, PRIMARY], 1)
    expect(p).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, displayId: 1, alwaysOnTop: false, skipTaskbar: false })
  })

  it('clamps the default size to a small work area', () => {
    const p = computeWindowBounds(prefs({ displayId: 3 }), [PRIMARY, SMALL], 1)
    expect(p.bounds).toEqual({ x: -1024, y: 0, width: 1024, height: 728 })
    expect(p.displayId).toBe(3)
  })

  it('restores remembered bounds that still fit a present display', () => {
    const normalBounds = { x: 2000, y: 100, width: 900, height: 700 }
    const p = computeWindowBounds(prefs({ normalBounds, displayId: 2, alwaysOnTop: true }), [PRIMARY, SIDE], 1)
    expect(p).toEqual({ bounds: normalBounds, displayId: 2, alwaysOnTop: false, skipTaskbar: false })
  })

  it('nudges remembered bounds that stick out back inside the display', () => {
    const p = computeWindowBounds(prefs({ normalBounds: { x: 1500, y: -20, width: 600, height: 500 } }), [PRIMARY, SIDE], 1)
    expect(p.bounds).toEqual({ x: 1320, y: 0, width: 600, height: 500 })
    expect(p.displayId).toBe(1)
  })

  it('centres on the primary display when the remembered display has been removed', () => {
    const p = computeWindowBounds(prefs({ normalBounds: { x: 2000, y: 100, width: 900, height: 700 }, displayId: 2 }), [PRIMARY], 1)
    expect(p).toMatchObject({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, displayId: 1 })
  })

  it('does not keep bounds larger than the display now showing them', () => {
    const p = computeWindowBounds(prefs({ normalBounds: { x: -1000, y: 10, width: 1000, height: 900 } }), [PRIMARY, SMALL], 1)
    expect(p.displayId).toBe(1)
    expect(p.bounds).toEqual({ x: 320, y: 120, width: 1280, height: 800 })
  })
})

type Listener = () => void

function fakeShell(displays: DisplayInfo[]) {
  let bounds = { x: 0, y: 0, width: 800, height: 600 }
  const windowListeners = new Map<string, Listener>()
  const screenListeners = new Map<string, Listener>()
  const win = {
    setBounds: vi.fn((b: typeof bounds) => {
      bounds = { ...b }
    }),
    getBounds: () => ({ ...bounds }),
    setAlwaysOnTop: vi.fn(),
    setSkipTaskbar: vi.fn(),
    isDestroyed: () => false,
    isMinimized: () => false,
    isMaximized: vi.fn(() => false),
    isFullScreen: () => false,
    unmaximize: vi.fn(),
    on: (name: string, l: Listener) => void windowListeners.set(name, l),
    /** The user drags or resizes the window. */
    userMoves(b: typeof bounds) {
      bounds = { ...b }
      windowListeners.get('move')?.()
      windowListeners.get('resize')?.()
    },
  }
  const screen = {
    displays,
    getAllDisplays: () => screen.displays,
    getPrimaryDisplay: () => screen.displays.find((d) => d.id === 1) ?? screen.displays[0],
    getDisplayMatching: (r: typeof bounds) =>
      screen.displays.find((d) => r.x + r.width / 2 >= d.workArea.x && r.x + r.width / 2 < d.workArea.x + d.workArea.width) ?? screen.displays[0],
    on: (name: string, l: Listener) => void screenListeners.set(name, l),
    removeListener: (name: string) => void screenListeners.delete(name),
    emit: (name: string) => screenListeners.get(name)?.(),
    listening: () => [...screenListeners.keys()].sort(),
  }
  return { win, screen }
}

describe('window placement in the shell', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function setUp(initial: Partial<WindowPrefs>, displays = [PRIMARY, SIDE]) {
    vi.useFakeTimers()
    let stored = prefs(initial)
    const { win, screen } = fakeShell(displays)
    const save = vi.fn((p: Partial<WindowPrefs>) => {
      stored = { ...stored, ...p }
    })
    const placement = createWindowPlacement({
      window: win as unknown as PlacedWindow,
      screen: screen as unknown as PlacementScreen,
      prefs: () => stored,
      save,
      debounceMs: 300,
    })
    return { win, screen, save, placement, stored: () => stored, set: (p: Partial<WindowPrefs>) => (stored = { ...stored, ...p }) }
  }

  it('applies the side panel: bounds, always on top, no taskbar button', () => {
    const { win, placement } = setUp({ mode: 'panel', displayId: 2, alwaysOnTop: true })
    placement.apply()
    expect(win.setBounds).toHaveBeenLastCalledWith({ x: 3200 - 440, y: 40, width: 440, height: 984 })
    expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(true, 'floating')
    expect(win.setSkipTaskbar).toHaveBeenLastCalledWith(true)
  })

  it('un-maximises a window before docking it', () => {
    const { win, placement } = setUp({ mode: 'panel' })
    win.isMaximized.mockReturnValueOnce(true)
    placement.apply()
    expect(win.unmaximize).toHaveBeenCalled()
  })

  it('re-applies on the primary display when the panel\'s display is removed, keeping the choice for its return', () => {
    const { win, screen, placement, save } = setUp({ mode: 'panel', displayId: 2 })
    placement.apply()
    screen.displays = [PRIMARY]
    screen.emit('display-removed')
    expect(win.setBounds).toHaveBeenLastCalledWith({ x: 1920 - 440, y: 0, width: 440, height: 1040 })
    vi.advanceTimersByTime(1000)
    expect(save).not.toHaveBeenCalled()
    screen.displays = [PRIMARY, SIDE]
    screen.emit('display-added')
    expect(win.setBounds).toHaveBeenLastCalledWith({ x: 3200 - 440, y: 40, width: 440, height: 984 })
  })

  it('remembers a normal window\'s bounds and display after the user stops moving it', () => {
    const { win, placement, save, stored } = setUp({})
    placement.apply()
    win.userMoves({ x: 2100, y: 100, width: 1000, height: 700 })
    vi.advanceTimersByTime(100)
    win.userMoves({ x: 2200, y: 120, width: 1000, height: 700 })
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(300)
    expect(save).toHaveBeenCalledTimes(1)
    expect(stored()).toMatchObject({ normalBounds: { x: 2200, y: 120, width: 1000, height: 700 }, displayId: 2 })
  })

  it('does not save the moves its own placement causes', () => {
    const { win, placement, save } = setUp({})
    placement.apply()
    win.userMoves(win.getBounds())
    vi.advanceTimersByTime(1000)
    expect(save).not.toHaveBeenCalled()
  })

  it('keeps a resized panel\'s width (clamped) and snaps it back to its edge', () => {
    const { win, placement, stored } = setUp({ mode: 'panel', displayId: 1 })
    placement.apply()
    win.userMoves({ x: 900, y: 200, width: 700, height: 500 })
    vi.advanceTimersByTime(300)
    expect(stored()).toMatchObject({ width: 600, displayId: 1 })
    expect(win.setBounds).toHaveBeenLastCalledWith({ x: 1920 - 600, y: 0, width: 600, height: 1040 })
  })

  it('stops listening to the screen when disposed', () => {
    const { screen, placement } = setUp({})
    expect(screen.listening()).toEqual(['display-added', 'display-metrics-changed', 'display-removed'])
    placement.dispose()
    expect(screen.listening()).toEqual([])
  })
})
