import { PANEL_WIDTH, type Rect, type WindowPrefs } from '../shared/contract'

// Where the window goes, as a pure function of the saved preferences and the displays
// present now — so every case (side panel, normal window, a display that has gone) is
// unit-tested without Electron.

export interface DisplayInfo {
  id: number
  /** The display minus taskbars and docks, in screen coordinates. */
  workArea: Rect
}

export interface WindowPlacement {
  bounds: Rect
  /** The display the window ends up on. */
  displayId: number
  alwaysOnTop: boolean
  skipTaskbar: boolean
}

const NORMAL_SIZE = { width: 1280, height: 800 } as const

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max)

export function clampPanelWidth(width: number): number {
  return clamp(Math.round(width), PANEL_WIDTH.min, PANEL_WIDTH.max)
}

function contains(area: Rect, x: number, y: number): boolean {
  return x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height
}

/** The remembered display if it is still there, else the primary one. */
function chooseDisplay(displays: DisplayInfo[], wantedId: number | null, primaryId: number): DisplayInfo | null {
  return (
    displays.find((d) => d.id === wantedId) ?? displays.find((d) => d.id === primaryId) ?? displays[0] ?? null
  )
}

/** A normal window's remembered bounds, if a present display still shows them: its centre on the display, its size within it. */
function rememberedPlacement(bounds: Rect, displays: DisplayInfo[]): { bounds: Rect; displayId: number } | null {
  const cx = bounds.x + bounds.width / 2
  const cy = bounds.y + bounds.height / 2
  const display = displays.find((d) => contains(d.workArea, cx, cy))
  if (!display) return null
  const wa = display.workArea
  if (bounds.width > wa.width || bounds.height > wa.height) return null
  // Nudged fully inside, so no title bar is ever left off-screen.
  return {
    displayId: display.id,
    bounds: {
      x: clamp(bounds.x, wa.x, wa.x + wa.width - bounds.width),
      y: clamp(bounds.y, wa.y, wa.y + wa.height - bounds.height),
      width: bounds.width,
      height: bounds.height,
    },
  }
}

function centred(wa: Rect): Rect {
  const width = Math.min(NORMAL_SIZE.width, wa.width)
  const height = Math.min(NORMAL_SIZE.height, wa.height)
  return {
    x: wa.x + Math.floor((wa.width - width) / 2),
    y: wa.y + Math.floor((wa.height - height) / 2),
    width,
    height,
  }
}

export function computeWindowBounds(pref: WindowPrefs, displays: DisplayInfo[], primaryId: number): WindowPlacement {
  const display = chooseDisplay(displays, pref.displayId, primaryId)
  // Electron always reports at least one display; this only keeps the function total.
  const wa: Rect = display?.workArea ?? { x: 0, y: 0, ...NORMAL_SIZE }
  const displayId = display?.id ?? primaryId

  if (pref.mode === 'panel') {
    const width = Math.min(clampPanelWidth(pref.width), wa.width)
    const x = pref.edge === 'right' ? wa.x + wa.width - width : wa.x
    return {
      bounds: { x, y: wa.y, width, height: wa.height },
      displayId,
      alwaysOnTop: pref.alwaysOnTop,
      // A docked helper is reached by its shortcut, not the taskbar.
      skipTaskbar: true,
    }
  }

  const remembered = pref.normalBounds ? rememberedPlacement(pref.normalBounds, displays) : null
  return {
    bounds: remembered?.bounds ?? centred(wa),
    displayId: remembered?.displayId ?? displayId,
    // "Always on top" belongs to the side panel; a normal window behaves like any other.
    alwaysOnTop: false,
    skipTaskbar: false,
  }
}
