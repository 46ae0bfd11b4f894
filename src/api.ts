import { buildPosApi, type PosApi } from '../electron/shared/bridge'
import { BRIDGE_SOCKET_PATHS, socketTransport, type SocketLike } from '../electron/shared/socket-bridge'
import { windowRole } from './role'

// The renderer's one way to main. In Electron the preload has put `window.pos` there; in
// browser mode the same API is built over one WebSocket to the loopback host
// (electron/web/server.ts), which carries both the calls and the push events; the
// customer display connects on its own socket, which the host gives the customer role.
// Only stores call it; components never do.

function socketBridge(): PosApi {
  const url = new URL(BRIDGE_SOCKET_PATHS[windowRole], window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  const { invoke, subscribe } = socketTransport(() => new WebSocket(url) as unknown as SocketLike)
  return buildPosApi(invoke, subscribe)
}

export const pos: PosApi = window.pos ?? socketBridge()
