import type { BrowserWindow, Display, Rectangle, Screen } from 'electron'
import type { WindowPrefs } from '../shared/contract'
import { clampPanelWidth, computeWindowBounds } from './window-geometry'

// Puts the window where its preferences say (window-geometry.ts decides), re-does it
// when displays come, go or change, and remembers where staff move or resize it — a
// normal window keeps its bounds, a side panel its width and display (and snaps back
// to its edge).

export type PlacedWindow = Pick<
  BrowserWindow,
  | 'setBounds'
  | 'getBounds'
  | 'setAlwaysOnTop'
  | 'setSkipTaskbar'
  | 'isDestroyed'
  | 'isMinimized'
  | 'isMaximized'
  | 'isFullScreen'
  | 'unmaximize'
  | 'on'
>
export type PlacementScreen = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching' | 'on' | 'removeListener'>

export interface WindowPlacementOptions {
  window: PlacedWindow
  screen: PlacementScreen
  prefs: () => WindowPrefs
  /** Saves where the window is now (no settings change event). */
  save: (prefs: Partial<WindowPrefs>) => void
  /** Quiet time after the last move/resize before saving. */
  debounceMs?: number
}

export interface WindowPlacementControl {
  apply(): void
  dispose(): void
}

/** The screen events after which a window's place is decided again (the customer window's too). */
export const SCREEN_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const

export const sameRect = (a: Rectangle, b: Rectangle) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height

export function createWindowPlacement(opts: WindowPlacementOptions): WindowPlacementControl {
  const { window: win, screen } = opts
  const debounceMs = opts.debounceMs ?? 500
  let lastApplied: Rectangle | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function apply(): void {
    if (win.isDestroyed()) return
    const displays = screen.getAllDisplays().map((d: Display) => ({ id: d.id, workArea: d.workArea }))
    const placement = computeWindowBounds(opts.prefs(), displays, screen.getPrimaryDisplay().id)
    if (win.isMaximized()) win.unmaximize()
    win.setAlwaysOnTop(placement.alwaysOnTop, 'floating')
    win.setSkipTaskbar(placement.skipTaskbar)
    win.setBounds(placement.bounds)
    lastApplied = placement.bounds
  }

  function remember(): void {
    timer = null
    if (win.isDestroyed() || win.isMinimized() || win.isMaximized() || win.isFullScreen()) return
    const bounds = win.getBounds()
    // Our own setBounds also fires move/resize: nothing new to save.
    if (lastApplied && sameRect(bounds, lastApplied)) return
    const displayId = screen.getDisplayMatching(bounds).id
    if (opts.prefs().mode === 'panel') {
      opts.save({ width: clampPanelWidth(bounds.width), displayId })
      apply()
    } else {
      opts.save({ normalBounds: { ...bounds }, displayId })
      lastApplied = bounds
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer)
    timer = setTimeout(remember, debounceMs)
  }

  const reapply = () => apply()
  win.on('move', schedule)
  win.on('resize', schedule)
  for (const event of SCREEN_EVENTS) screen.on(event as 'display-added', reapply)

  return {
    apply,
    dispose() {
      if (timer) clearTimeout(timer)
      for (const event of SCREEN_EVENTS) screen.removeListener(event as 'display-added', reapply)
    },
  }
}
