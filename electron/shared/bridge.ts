// Builds the renderer-facing API (`window.pos`) from the contract: one function per
// channel, grouped by domain (`pos.member.lookup(...)`). The preload builds it over
// ipcRenderer and browser mode over its WebSocket (socket-bridge.ts), from the same code,
// so the two cannot drift.
import {
  CHANNELS,
  EVENTS,
  type ArgOf,
  type Channel,
  type EventName,
  type EventPayloads,
  type Result,
  type ResultOf,
} from './contract'

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never
type Domain = DomainOf<Channel>

type Call<C extends Channel> =
  undefined extends ArgOf<C>
    ? (arg?: ArgOf<C>) => Promise<Result<ResultOf<C>>>
    : (arg: ArgOf<C>) => Promise<Result<ResultOf<C>>>

export type PosApi = {
  [D in Domain]: {
    [C in Channel as C extends `${D}:${infer A}` ? A : never]: Call<C>
  }
} & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export type Invoke = (channel: Channel, arg: unknown) => Promise<Result<unknown>>
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

export function buildPosApi(invoke: Invoke, subscribe: Subscribe): PosApi {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNELS) {
    const [domain, action] = channel.split(':') as [string, string]
    const group = (api[domain] ??= {}) as Record<string, unknown>
    group[action] = (arg?: unknown) => invoke(channel, arg)
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`)
    return subscribe(event, listener)
  }
  return api as PosApi
}
