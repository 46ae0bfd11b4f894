import { buildPosApi, type PosApi } from '@shared/bridge'
import { fail } from '@shared/contract'
import { BRIDGE_SOCKET_PATHS, socketTransport, type SocketLike } from '@shared/socket-bridge'
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

/**
 * The desktop app's page (a file: URL) without `window.pos`: its preload failed to load.
 * Browser mode's socket is no substitute there — it would only fail, later and less
 * clearly — so the page says what is wrong instead (src/main.ts).
 */
export const bridgeMissing = !window.pos && window.location.protocol === 'file:'

/** Every call fails at once; nothing is sent anywhere. */
function noBridge(): PosApi {
  return buildPosApi(
    async () => fail({ code: 'INTERNAL', message: 'preload missing' }),
    () => () => {},
  )
}

export const pos: PosApi = window.pos ?? (bridgeMissing ? noBridge() : socketBridge())
