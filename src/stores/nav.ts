import { defineStore } from 'pinia'
import { ref } from 'vue'
import { pos } from '../api'

export type View = 'lookup' | 'signup' | 'settings' | 'outbox'

// Which screen is showing. Four screens need no router; the lookup screen is home.
export const useNavStore = defineStore('nav', () => {
  const view = ref<View>('lookup')
  /** Bumped when the phone field should take focus (the global shortcut, a second launch). */
  const focusLookupRequests = ref(0)
  let unsubscribe: (() => void) | null = null

  const go = (next: View) => {
    view.value = next
  }

  function focusLookup(): void {
    view.value = 'lookup'
    focusLookupRequests.value++
  }

  function listen(): void {
    unsubscribe ??= pos.on('app:focusLookup', focusLookup)
  }

  return { view, focusLookupRequests, go, focusLookup, listen }
})
