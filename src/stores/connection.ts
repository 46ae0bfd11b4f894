import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectionState } from '../../electron/shared/contract'
import { pos } from '../api'

// Main's view of the vendor connection, pushed over the contract's event channel.
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('online')
  const since = ref<string | null>(null)
  let unsubscribe: (() => void) | null = null

  function set(current: { state: ConnectionState; since: string }): void {
    state.value = current.state
    since.value = current.since
  }

  function listen(): void {
    unsubscribe ??= pos.on('connection:changed', (e) => {
      set(e)
    })
  }

  return { state, since, set, listen }
})
