import type { WebContents } from 'electron'
import { receivesEvent, type EventName, type WindowRole } from '../shared/contract'
import { pushEvent } from './ipc'

// Which of the app's windows has which role: a call's role is its sender window's, and
// each push event goes to every window of the roles that receive it.

interface RoleWindow {
  webContents: WebContents
  once(event: 'closed', listener: () => void): unknown
}

export function createWindowRoles() {
  const windows = new Map<number, { role: WindowRole; contents: WebContents }>()
  return {
    add(win: RoleWindow, role: WindowRole): void {
      const id = win.webContents.id
      windows.set(id, { role, contents: win.webContents })
      win.once('closed', () => windows.delete(id))
    },
    /** The role of the window whose webContents sent a call; null for any other sender. */
    roleOf(senderId: number): WindowRole | null {
      return windows.get(senderId)?.role ?? null
    },
    send(event: EventName, payload: unknown): void {
      for (const { role, contents } of windows.values()) if (receivesEvent(role, event)) pushEvent(contents, event, payload)
    },
  }
}
