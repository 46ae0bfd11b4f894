import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectionState, OfflineReason } from '@shared/contract'
import { pos } from '../api'

// Main's view of the vendor connection, pushed over the contract's event channel.
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('online')
  const since = ref<string | null>(null)
  /** Why offline, when main knows: `intercepted` (a shop Wi-Fi login page answered instead of the vendor). */
  const reason = ref<OfflineReason | null>(null)
  let unsubscribe: (() => void) | null = null

  function set(current: { state: ConnectionState; since: string; reason?: OfflineReason }): void {
    state.value = current.state
    since.value = current.since
    reason.value = current.reason ?? null
  }

  function listen(): void {
    unsubscribe ??= pos.on('connection:changed', (e) => {
      set(e)
    })
  }

  return { state, since, reason, set, listen }
})
