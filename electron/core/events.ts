import { EventEmitter } from 'node:events'
import { EVENTS, type EventName, type EventPayloads } from '../shared/contract'
import type { AdminPinEvent } from './admin-pin'
import type { MemberView } from '../shared/types'
import type { CallOutcome } from './connection'

// The core's internal event bus. Services announce what happened; whoever cares subscribes
// in the composition root. It replaces services holding late-bound references to each
// other: the vendor client reports call outcomes without knowing the connection monitor,
// the outbox's sends are audited without the outbox knowing the audit log.

/** Internal events, beside the contract's push events (which the hosts forward to windows). */
export interface CoreEventPayloads extends EventPayloads {
  /** A vendor call ended: the connection monitor's input. */
  'vendor:outcome': CallOutcome
  /** A sign-up reached the vendor, directly or from the outbox: audited. */
  'signup:sent': { phone: string; memberId: string; via: 'direct' | 'outbox' }
  /** Staff discarded a queued sign-up: audited. */
  'outbox:discarded': { itemId: string; phone: string }
  /** Settings changed through a channel (key names only, never values): audited. */
  'settings:edited': { keys: string[] }
  /** A staff lookup answered: the only member the customer display may then show. */
  'member:lookedUp': { phone: string; view: MemberView }
  /** A member search went to the vendor (the suffix, never a phone), or a suffix search was refused: audited. */
  'member:searched': { by: 'phoneSuffix' | 'vipId'; suffix?: string; matches: number }
  'member:searchRefused': { retryAfterSeconds: number }
  /** The administrator PIN was set, refused or locked out: audited. */
  'admin:pin': AdminPinEvent
}
export type CoreEventName = keyof CoreEventPayloads

export class CoreEvents {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every window and service may listen; the default warning at 10 is for leaks elsewhere.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends CoreEventName>(name: E, payload: CoreEventPayloads[E]): void {
    this.emitter.emit(name, payload)
  }

  on<E extends CoreEventName>(name: E, listener: (payload: CoreEventPayloads[E]) => void): () => void {
    this.emitter.on(name, listener)
    return () => void this.emitter.off(name, listener)
  }

  /** Every contract push event, as (name, payload): what the hosts forward to windows. */
  onPush(listener: (name: EventName, payload: unknown) => void): () => void {
    const offs = EVENTS.map((name) => this.on(name, (payload) => listener(name, payload)))
    return () => offs.forEach((off) => off())
  }
}
