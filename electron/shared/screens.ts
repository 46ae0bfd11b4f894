// Screens: the displays the desktop app can put the customer display on, as main sees them,
// and where that window is now. Codes and numbers only: the renderer words the labels
// (`2 · 1920×1080 (右)`). Browser mode has no displays to report (state `browser`).

export interface ScreenInfo {
  /** Electron's display id: what the `customerDisplay` setting stores. */
  id: number
  /** 1-based, in the order the system lists its displays. */
  number: number
  /** In device pixels (what the monitor's own menu calls its resolution). */
  width: number
  height: number
  /** Where it sits from the staff window's display; `staff` is that display itself. */
  side: 'staff' | 'left' | 'right' | 'above' | 'below'
}

type CustomerWindowState =
  /** Open, full screen, on `displayId`. */
  | 'shown'
  /** Turned off in Settings. */
  | 'off'
  /** No display other than the staff window's: opened when one is connected. */
  | 'noDisplay'
  /** A native Wayland session: the compositor does not let the app place windows, so it is not opened. */
  | 'cannotPlace'
  /** Browser mode: the page /customer is opened by hand on the customer's screen. */
  | 'browser'

export interface ScreensReport {
  screens: ScreenInfo[]
  customer: {
    state: CustomerWindowState
    displayId: number | null
    /** The display chosen in Settings is not connected: the automatic choice is used until it returns. */
    chosenMissing: boolean
  }
}
