import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectionState, ConnectionStatus, OfflineReason } from '@shared/contract'
import { pos } from '../api'
import { useConnectionTest } from '../composables/useConnectionTest'

// Main's view of the vendor connection, pushed over the contract's event channel. It starts
// at 'checking': the window claims nothing before main has told it anything.
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('checking')
  const since = ref<string | null>(null)
  const lastSuccessAt = ref<string | null>(null)
  const nextRetryAt = ref<string | null>(null)
  /** Why offline, when main knows: `intercepted` (a shop Wi-Fi login page answered instead of the vendor). */
  const reason = ref<OfflineReason | null>(null)
  /** The main-process events are followed for the window's lifetime: subscribed once, never dropped. */
  let listening = false

  function set(current: ConnectionStatus): void {
    state.value = current.state
    since.value = current.since
    lastSuccessAt.value = current.lastSuccessAt
    nextRetryAt.value = current.nextRetryAt
    reason.value = current.reason ?? null
  }

  /** "Test connection" from the header: open to staff. */
  const { testing, testReport, test } = useConnectionTest()

  function listen(): void {
    if (listening) return
    listening = true
    pos.on('connection:changed', set)
  }

  return { state, since, lastSuccessAt, nextRetryAt, reason, testing, testReport, set, test, listen }
})
