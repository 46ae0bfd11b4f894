import { describe, expect, it, vi } from 'vitest'
import { createCustomerPlacement, type CustomerWin } from '../../../electron/main/customer-placement'
import type { DisplayLike } from '../../../electron/main/customer-window'
import type { ScreensReport } from '../../../electron/shared/contract'

// The customer window following the setting and the displays, with `electron` mocked:
// the inputs are what Electron's screen module reports on the counter PCs (Windows' hashed
// display ids, a 150 % laptop panel, a display unplugged while the window is on it).
vi.mock('electron', () => ({}))

// Windows: the counter's monitor, and the customer's to its right.
const counter: DisplayLike = { id: 2528732444, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }
const facing: DisplayLike = { id: 2779098405, bounds: { x: 1920, y: 0, width: 1280, height: 1024 }, scaleFactor: 1 }
// A laptop panel at 150 % to the counter's left.
const laptop: DisplayLike = { id: 21, bounds: { x: -1280, y: 0, width: 1280, height: 800 }, scaleFactor: 1.5 }

function fakeShell(displays: DisplayLike[], staffBounds = { x: 100, y: 100, width: 1280, height: 800 }) {
  const listeners = new Map<string, () => void>()
  const screen = {
    displays,
    getAllDisplays: () => screen.displays,
    getDisplayMatching: (r: { x: number; y: number; width: number; height: number }) => {
      const cx = r.x + r.width / 2
      return screen.displays.find((d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width) ?? screen.displays[0]!
    },
    on: (event: string, l: () => void) => void listeners.set(event, l),
    removeListener: (event: string) => void listeners.delete(event),
    emit: (event: string) => listeners.get(event)?.(),
    listening: () => [...listeners.keys()].sort(),
  }
  const staff = { bounds: staffBounds, getBounds: () => staff.bounds, isDestroyed: () => false }
  return { screen, staff }
}

function fakeCustomerWindow() {
  const calls: string[] = []
  let destroyed = false
  let fullScreen = false
  let onClosed: (() => void) | null = null
  const win = {
    setBounds: (b: { x: number; y: number; width: number; height: number }) => void calls.push(`setBounds ${b.x},${b.y} ${b.width}×${b.height}`),
    setFullScreen: (flag: boolean) => {
      fullScreen = flag
      calls.push(`setFullScreen ${flag}`)
    },
    isFullScreen: () => fullScreen,
    isDestroyed: () => destroyed,
    destroy: () => {
      destroyed = true
      calls.push('destroy')
    },
    once: (_event: 'closed', l: () => void) => void (onClosed = l),
  }
  return { win, calls, closedByItself: () => ((destroyed = true), onClosed?.()) }
}

function setUp(opts: { displays: DisplayLike[]; choice?: string; staffBounds?: { x: number; y: number; width: number; height: number }; canPlace?: boolean }) {
  const { screen, staff } = fakeShell(opts.displays, opts.staffBounds)
  let choice = opts.choice ?? 'automatic'
  const windows: Array<ReturnType<typeof fakeCustomerWindow> & { display: DisplayLike }> = []
  const reports: ScreensReport[] = []
  const placement = createCustomerPlacement({
    screen: screen as never,
    staff: staff as never,
    choice: () => choice,
    canPlace: opts.canPlace ?? true,
    fullScreen: true,
    open: (display) => {
      const w = fakeCustomerWindow()
      windows.push({ ...w, display })
      // As createCustomerWindow does once its page is ready.
      w.win.setFullScreen(true)
      return w.win as unknown as CustomerWin
    },
    report: (r) => void reports.push(r),
  })
  return { screen, staff, placement, windows, reports, choose: (c: string) => (choice = c), last: () => reports.at(-1)! }
}

describe('the customer window follows the displays', () => {
  it('two displays side by side: opens on the one that is not the staff window\'s, and says so', () => {
    const t = setUp({ displays: [counter, facing] })
    t.placement.apply()
    expect(t.windows.map((w) => w.display.id)).toEqual([facing.id])
    expect(t.last()).toEqual({
      screens: [
        { id: counter.id, number: 1, width: 1920, height: 1080, side: 'staff' },
        { id: facing.id, number: 2, width: 1280, height: 1024, side: 'right' },
      ],
      customer: { state: 'shown', displayId: facing.id, chosenMissing: false },
    })
  })

  it('staff window on the secondary display: the customer window goes on the other one', () => {
    const t = setUp({ displays: [counter, facing], staffBounds: { x: 2000, y: 50, width: 1000, height: 900 } })
    t.placement.apply()
    expect(t.windows.map((w) => w.display.id)).toEqual([counter.id])
    expect(t.last().screens.map((s) => s.side)).toEqual(['left', 'staff'])
  })

  it('its display removed while shown: closed (not left over the staff window), opened again when it returns', () => {
    const t = setUp({ displays: [counter, facing] })
    t.placement.apply()
    t.screen.displays = [counter]
    t.screen.emit('display-removed')
    expect(t.windows[0]!.calls.at(-1)).toBe('destroy')
    expect(t.last().customer).toEqual({ state: 'noDisplay', displayId: null, chosenMissing: false })
    t.screen.displays = [counter, facing]
    t.screen.emit('display-added')
    expect(t.windows).toHaveLength(2)
    expect(t.windows[1]!.display.id).toBe(facing.id)
    expect(t.last().customer.state).toBe('shown')
  })

  it('the chosen display unplugged: moves to the automatic choice, says so, and goes back when it returns', () => {
    const t = setUp({ displays: [laptop, counter, facing], choice: String(laptop.id) })
    t.placement.apply()
    const w = t.windows[0]!
    expect(w.display.id).toBe(laptop.id)
    expect(t.last().screens[0]).toEqual({ id: laptop.id, number: 1, width: 1920, height: 1200, side: 'left' })
    t.screen.displays = [counter, facing]
    t.screen.emit('display-removed')
    // Leaves the fullscreen state, moves, takes it again on the new display.
    expect(w.calls.slice(1)).toEqual(['setFullScreen false', 'setBounds 1920,0 1280×1024', 'setFullScreen true'])
    expect(t.last().customer).toEqual({ state: 'shown', displayId: facing.id, chosenMissing: true })
    t.screen.displays = [laptop, counter, facing]
    t.screen.emit('display-added')
    expect(w.calls.slice(4)).toEqual(['setFullScreen false', 'setBounds -1280,0 1280×800', 'setFullScreen true'])
    expect(t.last().customer).toEqual({ state: 'shown', displayId: laptop.id, chosenMissing: false })
    expect(t.windows).toHaveLength(1)
  })

  it('a changed resolution moves it to the new bounds; a change that leaves its bounds alone does nothing', () => {
    const t = setUp({ displays: [counter, facing] })
    t.placement.apply()
    const w = t.windows[0]!
    t.screen.emit('display-metrics-changed') // e.g. the taskbar's work area
    expect(w.calls).toEqual(['setFullScreen true'])
    t.screen.displays = [counter, { ...facing, bounds: { ...facing.bounds, width: 1024, height: 768 } }]
    t.screen.emit('display-metrics-changed')
    expect(w.calls.slice(1)).toEqual(['setFullScreen false', 'setBounds 1920,0 1024×768', 'setFullScreen true'])
  })

  it('follows the setting: off closes it, a display chosen opens it there', () => {
    const t = setUp({ displays: [laptop, counter, facing] })
    t.placement.apply()
    expect(t.windows[0]!.display.id).toBe(laptop.id)
    t.choose('off')
    t.placement.apply()
    expect(t.windows[0]!.calls.at(-1)).toBe('destroy')
    expect(t.last().customer.state).toBe('off')
    t.choose(String(facing.id))
    t.placement.apply()
    expect(t.windows.map((w) => w.display.id)).toEqual([laptop.id, facing.id])
  })

  it('native Wayland: lists the displays but opens no window, saying it cannot be placed', () => {
    const t = setUp({ displays: [counter, facing], canPlace: false })
    t.placement.apply()
    t.screen.emit('display-added')
    expect(t.windows).toHaveLength(0)
    expect(t.last()).toMatchObject({ screens: [{ side: 'staff' }, { side: 'right' }], customer: { state: 'cannotPlace', displayId: null } })
  })

  it('opens again if its window went away by itself; closes and stops listening when disposed', () => {
    const t = setUp({ displays: [counter, facing] })
    t.placement.apply()
    t.windows[0]!.closedByItself()
    t.placement.apply()
    expect(t.windows).toHaveLength(2)
    expect(t.screen.listening()).toEqual(['display-added', 'display-metrics-changed', 'display-removed'])
    t.placement.dispose()
    expect(t.windows[1]!.calls.at(-1)).toBe('destroy')
    expect(t.screen.listening()).toEqual([])
  })
})
