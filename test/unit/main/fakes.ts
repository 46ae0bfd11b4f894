import type { ForwardWindow } from '../../../electron/main/bring-forward'

/** A BrowserWindow stand-in that records what the shell does to it, in order. */
export function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = []
  const win = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => void calls.push('restore'),
    isVisible: () => state.visible ?? true,
    show: () => void calls.push('show'),
    moveTop: () => void calls.push('moveTop'),
    focus: () => void calls.push('focus'),
    webContents: {
      isDestroyed: () => false,
      focus: () => void calls.push('webContents.focus'),
      send: (event: string, payload: unknown) => void calls.push(`send ${event} ${JSON.stringify(payload)}`),
    },
  }
  return { win: win as unknown as ForwardWindow, calls }
}
