import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNELS, fail, type EventName } from '../shared/contract'
import type { Dispatch } from '../core/dispatch'

// Registers exactly one ipcMain handler per contract channel. The handler checks the
// sender before anything else; validation and the result envelope are the dispatcher's.
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  trusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      if (!trusted(event)) return fail({ code: 'FORBIDDEN', message: 'untrusted sender' })
      return dispatch(channel, arg)
    })
  }
}

export function pushEvent(target: WebContents | null, event: EventName, payload: unknown): void {
  if (target && !target.isDestroyed()) target.send(event, payload)
}
