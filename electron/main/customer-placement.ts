import type { BrowserWindow, Rectangle, Screen } from 'electron'
import type { ScreensReport } from '../shared/contract'
import { decideCustomerDisplay, describeScreens, type DisplayLike } from './customer-window'
import { SCREEN_EVENTS, sameRect } from './window-placement'

// Keeps the customer window where the `customerDisplay` setting and the displays connected
// now say: opened, moved, or closed when the setting changes and when a display is added,
// removed or changed. Each time, Settings is told the displays and where the window is.
//
// Platform limits (Electron's BrowserWindow docs): on Windows and X11 (XWayland included) the
// window is moved with setBounds and covers its display with setFullScreen, leaving the
// fullscreen state around the move; neither activates a window made with focusable: false.
// On macOS the fullscreen state would open a Space of its own and activate the window, so
// there it only covers the display's bounds. Native Wayland lets no client place a window
// (getBounds reads 0,0, setBounds' position is ignored): the window is not opened there.

export type CustomerWin = Pick<BrowserWindow, 'setBounds' | 'setFullScreen' | 'isFullScreen' | 'isDestroyed' | 'destroy' | 'once'>

export interface CustomerPlacementOptions {
  screen: Pick<Screen, 'getAllDisplays' | 'getDisplayMatching' | 'on' | 'removeListener'>
  staff: Pick<BrowserWindow, 'getBounds' | 'isDestroyed'>
  /** The `customerDisplay` setting now. */
  choice: () => string
  /** False on native Wayland. */
  canPlace: boolean
  /** Use the fullscreen state (Windows, Linux); false on macOS. */
  fullScreen: boolean
  /** Creates the window on a display, registers its role and loads its page. */
  open: (display: DisplayLike) => CustomerWin
  report: (report: ScreensReport) => void
}

export interface CustomerPlacement {
  apply(): void
  /** Stops following the screen and closes the window (the staff window closed). */
  dispose(): void
}


export function createCustomerPlacement(opts: CustomerPlacementOptions): CustomerPlacement {
  let win: CustomerWin | null = null
  let placedOn: Rectangle | null = null

  function close(): void {
    if (win && !win.isDestroyed()) win.destroy()
    win = null
    placedOn = null
  }

  function moveTo(w: CustomerWin, bounds: Rectangle): void {
    // A fullscreen window keeps its display: leave the state, move, take it again there.
    if (opts.fullScreen && w.isFullScreen()) w.setFullScreen(false)
    w.setBounds(bounds)
    if (opts.fullScreen) w.setFullScreen(true)
  }

  function apply(): void {
    const displays = opts.screen.getAllDisplays()
    const staffId = opts.staff.isDestroyed() ? null : opts.screen.getDisplayMatching(opts.staff.getBounds()).id
    const { display, ...customer } = decideCustomerDisplay(opts.choice(), displays, staffId, opts.canPlace)
    if (!display) close()
    else if (!win || win.isDestroyed()) {
      const opened = opts.open(display)
      opened.once('closed', () => {
        if (win === opened) close()
      })
      win = opened
      placedOn = { ...display.bounds }
    } else if (!placedOn || !sameRect(placedOn, display.bounds)) {
      moveTo(win, display.bounds)
      placedOn = { ...display.bounds }
    }
    opts.report({ screens: describeScreens(displays, staffId), customer })
  }

  // Registered after the staff window's placement (index.ts), so on a display change the
  // staff window has moved first and "the staff window's display" is where it is now.
  const reapply = () => apply()
  for (const event of SCREEN_EVENTS) opts.screen.on(event as 'display-added', reapply)

  return {
    apply,
    dispose() {
      for (const event of SCREEN_EVENTS) opts.screen.removeListener(event as 'display-added', reapply)
      close()
    },
  }
}
