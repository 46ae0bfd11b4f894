import { contextBridge, ipcRenderer } from 'electron'
import { buildPosApi, type PosApi } from '../shared/bridge'

// The only bridge between the page and main: `window.pos`, one function per contract
// channel, grouped by domain. ipcRenderer itself is never exposed.
const api: PosApi = buildPosApi(
  (channel, arg) => ipcRenderer.invoke(channel, arg),
  (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  },
)

contextBridge.exposeInMainWorld('pos', api)
