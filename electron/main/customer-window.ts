import type { BrowserWindow as ElectronBrowserWindow, Rectangle } from 'electron'
import { createAppWindow, type WindowClass } from './window'

// The customer display's window: frameless, covering a whole second display, and never
// focusable, so a customer's touch can never take the keyboard from the staff window or
// the POS beside it. It loads the same page with `?role=customer`; main gives its calls the
// customer role by its webContents (electron/main/index.ts).

export interface DisplayLike {
  id: number
  bounds: Rectangle
}

/**
 * The display for the customer window: the one chosen in Settings if it is connected,
 * else the first display that is not the staff window's; null when there is no other.
 */
export function pickCustomerDisplay(displays: readonly DisplayLike[], staffDisplayId: number | null, chosenId: number | null = null): DisplayLike | null {
  const chosen = chosenId === null ? undefined : displays.find((d) => d.id === chosenId)
  return chosen ?? displays.find((d) => d.id !== staffDisplayId) ?? null
}

export function createCustomerWindow(BrowserWindow: WindowClass, opts: { display: DisplayLike; preloadPath: string; packaged: boolean }): ElectronBrowserWindow {
  const { x, y, width, height } = opts.display.bounds
  const win = createAppWindow(BrowserWindow, opts, {
    // The display's whole area, without a frame: full screen without the fullscreen state,
    // whose transitions activate the window on some platforms.
    x,
    y,
    width,
    height,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // Never takes focus (on Windows this also keeps it off the taskbar).
    focusable: false,
    skipTaskbar: true,
    show: false,
    backgroundColor: '#ffffff',
    title: '顧客螢幕',
  })
  // Shown without activating it: the staff window (or the POS) keeps the keyboard.
  win.once('ready-to-show', () => win.showInactive())
  return win
}
