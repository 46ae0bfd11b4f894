import type { BrowserWindow } from 'electron'
import { pushEvent } from './ipc'

export type ForwardWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'moveTop' | 'focus' | 'webContents'
>

/**
 * Brings the window in front of the POS and tells the page to focus the lookup field
 * (the global shortcut and a second launch both end here). False when there is no window.
 */
export function bringForward(win: ForwardWindow | null): boolean {
  if (!win || win.isDestroyed()) return false
  if (win.isMinimized()) win.restore()
  if (!win.isVisible()) win.show()
  win.moveTop()
  win.focus()
  win.webContents.focus()
  pushEvent(win.webContents, 'app:focusLookup', {})
  return true
}
