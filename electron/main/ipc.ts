import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNELS, fail, type EventName, type WindowRole } from '../shared/contract'
import type { Dispatch } from '../core/dispatch'

// Registers exactly one ipcMain handler per contract channel. The handler finds the
// sender's window role before anything else (no role: an untrusted sender); which roles
// may call which channel, validation and the result envelope are the dispatcher's.
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  roleOf: (event: IpcMainInvokeEvent) => WindowRole | null,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      const role = roleOf(event)
      if (role === null) return fail({ code: 'FORBIDDEN', message: 'untrusted sender' })
      return dispatch(channel, arg, role)
    })
  }
}

export function pushEvent(target: WebContents | null, event: EventName, payload: unknown): void {
  if (target && !target.isDestroyed()) target.send(event, payload)
}
