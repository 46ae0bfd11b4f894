// Browser mode's bridge: the contract's calls and push events over ONE WebSocket to the
// loopback host, the counterpart of Electron's IPC. A fetch per call cost 2.6 ms at the
// median and 6 ms at p95 on the bench machine (request set-up, cookies, the network
// service); a message on the open socket costs 0.6 ms. The host is electron/web/server.ts.
import type { Invoke, Subscribe } from './bridge'
import type { EventName, Result, WindowRole } from './contract'

/**
 * The socket each window role connects to: the host gives a socket the role of its path,
 * and answers and forwards events by that role alone.
 */
export const BRIDGE_SOCKET_PATHS: { readonly [R in WindowRole]: string } = {
  staff: '/api/bridge',
  customer: '/api/bridge/customer',
}
/** The largest frame either side accepts: the biggest argument, a sign-up form, is a few kB. */
export const MAX_FRAME_BYTES = 256 * 1024

/** Renderer → host: one contract call. */
export interface CallFrame {
  id: number
  channel: string
  arg?: unknown
}

/** Host → renderer: a call's result, or a push event. */
export type HostFrame = { id: number; result: Result<unknown> } | { event: EventName; payload: unknown }

/** The call frame in `text`, or null when it is not one (the host then closes the socket). */
export function parseCallFrame(text: string): CallFrame | null {
  let x: unknown
  try {
    x = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof x !== 'object' || x === null) return null
  const { id, channel, arg } = x as Record<string, unknown>
  if (!Number.isSafeInteger(id) || typeof channel !== 'string') return null
  return { id: id as number, channel, arg }
}

/** What the transport needs of a WebSocket: the browser's, or `ws` in tests. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}

const OPEN = 1
const UNREACHABLE: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'local app host not reachable' } }

export interface SocketTransportOptions {
  /** While anything listens for events, a lost socket is reopened after this long. */
  reconnectMs?: number
}

/**
 * `invoke` and `subscribe` for buildPosApi over a socket that `open()` creates. The socket
 * opens on first use and again after it is lost; calls in flight when it goes answer
 * "local app host not reachable", as a failed fetch did.
 */
export function socketTransport(open: () => SocketLike, opts: SocketTransportOptions = {}): { invoke: Invoke; subscribe: Subscribe } {
  const reconnectMs = opts.reconnectMs ?? 2000
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let socket: SocketLike | null = null
  let opening: Promise<SocketLike> | null = null
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null
  let nextId = 1

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return
    let frame: HostFrame
    try {
      frame = JSON.parse(data) as HostFrame
    } catch {
      return
    }
    if ('id' in frame) {
      const resolve = pending.get(frame.id)
      pending.delete(frame.id)
      resolve?.(frame.result)
    } else if ('event' in frame) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
    }
  }

  function lost(s: SocketLike): void {
    if (socket !== s) return
    socket = null
    for (const resolve of pending.values()) resolve(UNREACHABLE)
    pending.clear()
    scheduleReconnect()
  }

  function scheduleReconnect(): void {
    if (reconnectTimer !== null || listeners.size === 0) return
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null
      connect().catch(scheduleReconnect)
    }, reconnectMs)
  }

  function connect(): Promise<SocketLike> {
    if (socket?.readyState === OPEN) return Promise.resolve(socket)
    opening ??= new Promise<SocketLike>((resolve, reject) => {
      const s = open()
      s.onmessage = (e) => onFrame(e.data)
      s.onopen = () => {
        opening = null
        socket = s
        resolve(s)
      }
      // `error` is always followed by `close`, which does the work.
      s.onerror = () => {}
      s.onclose = () => {
        if (opening !== null && socket !== s) {
          opening = null
          reject(new Error('bridge socket refused'))
        }
        lost(s)
      }
    })
    return opening
  }

  function send(s: SocketLike, channel: string, arg: unknown): Promise<Result<unknown>> {
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      s.send(JSON.stringify({ id, channel, arg } satisfies CallFrame))
    })
  }

  const invoke: Invoke = (channel, arg) => {
    // The common case stays synchronous up to the send: no extra turn per call.
    if (socket?.readyState === OPEN) return send(socket, channel, arg)
    return connect().then(
      (s) => send(s, channel, arg),
      () => UNREACHABLE,
    )
  }

  const subscribe: Subscribe = (event, listener) => {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    connect().catch(scheduleReconnect)
    return () => {
      set.delete(listener)
      if (set.size === 0) listeners.delete(event)
    }
  }

  return { invoke, subscribe }
}
