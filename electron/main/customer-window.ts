import type { BrowserWindow as ElectronBrowserWindow, Rectangle } from 'electron'
import type { ScreenInfo, ScreensReport } from '../shared/contract'
import { createAppWindow, type WindowClass } from './window'

// The customer display's window: frameless, covering a whole second display, and never
// focusable, so a customer's touch can never take the keyboard from the staff window or
// the POS beside it. It loads the same page with `?role=customer`; main gives its calls the
// customer role by its webContents (electron/main/index.ts). Which display it goes on is
// the `customerDisplay` setting; it follows that setting and displays coming and going.

export interface DisplayLike {
  id: number
  bounds: Rectangle
  /** Device pixels per DIP (1 when absent). */
  scaleFactor?: number
}

type Decision = ScreensReport['customer'] & { display: DisplayLike | null }

/**
 * Where the customer window goes: `off`; else the display chosen in Settings if it is
 * connected and is not the staff window's (covering the staff window would leave staff
 * nothing to undo it with); else the first display that is not the staff window's.
 * `canPlace` is false on native Wayland, where the compositor, not the app, places windows:
 * the window could land on the staff display, so it is not opened at all.
 */
export function decideCustomerDisplay(choice: string, displays: readonly DisplayLike[], staffDisplayId: number | null, canPlace = true): Decision {
  if (choice === 'off') return { state: 'off', displayId: null, chosenMissing: false, display: null }
  const chosenId = /^\d+$/.test(choice) ? Number(choice) : null
  const chosen = chosenId === null ? undefined : displays.find((d) => d.id === chosenId)
  const chosenMissing = chosenId !== null && !chosen
  if (!canPlace) return { state: 'cannotPlace', displayId: null, chosenMissing, display: null }
  const display = (chosen && chosen.id !== staffDisplayId ? chosen : undefined) ?? displays.find((d) => d.id !== staffDisplayId) ?? null
  return display ? { state: 'shown', displayId: display.id, chosenMissing, display } : { state: 'noDisplay', displayId: null, chosenMissing, display: null }
}

const centre = (r: Rectangle) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })

/** The displays as Settings lists them: numbered in the system's order, in device pixels, placed from the staff window's display. */
export function describeScreens(displays: readonly DisplayLike[], staffDisplayId: number | null): ScreenInfo[] {
  const staff = displays.find((d) => d.id === staffDisplayId)
  return displays.map((d, i) => {
    const scale = d.scaleFactor ?? 1
    let side: ScreenInfo['side'] = 'staff'
    if (d.id !== staffDisplayId) {
      const from = staff ? centre(staff.bounds) : { x: 0, y: 0 }
      const dx = centre(d.bounds).x - from.x
      const dy = centre(d.bounds).y - from.y
      side = Math.abs(dx) >= Math.abs(dy) ? (dx < 0 ? 'left' : 'right') : dy < 0 ? 'above' : 'below'
    }
    return { id: d.id, number: i + 1, width: Math.round(d.bounds.width * scale), height: Math.round(d.bounds.height * scale), side }
  })
}

export function createCustomerWindow(
  BrowserWindow: WindowClass,
  opts: { display: DisplayLike; preloadPath: string; packaged: boolean; fullScreen: boolean },
): ElectronBrowserWindow {
  const { x, y, width, height } = opts.display.bounds
  const win = createAppWindow(BrowserWindow, opts, {
    // The display's whole area, without a frame; then the fullscreen state where it does not
    // activate the window (Windows, X11: over the taskbar and panels of that display).
    x,
    y,
    width,
    height,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: opts.fullScreen,
    // Never takes focus (on Windows this also keeps it off the taskbar).
    focusable: false,
    skipTaskbar: true,
    show: false,
    backgroundColor: '#ffffff',
    title: '顧客螢幕',
  })
  // Shown without activating it: the staff window (or the POS) keeps the keyboard.
  win.once('ready-to-show', () => {
    win.showInactive()
    if (opts.fullScreen) win.setFullScreen(true)
  })
  return win
}
