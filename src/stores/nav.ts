import { defineStore } from 'pinia'
import { ref } from 'vue'
import { pos } from '../api'

export type View = 'lookup' | 'signup' | 'settings' | 'outbox'

// Which screen is showing. Four screens need no router; the lookup screen is home.
export const useNavStore = defineStore('nav', () => {
  const view = ref<View>('lookup')
  /** Bumped when the phone field should take focus (the global shortcut, a second launch). */
  const focusLookupRequests = ref(0)
  /** The main-process events are followed for the window's lifetime: subscribed once, never dropped. */
  let listening = false

  const go = (next: View) => {
    view.value = next
  }

  function focusLookup(): void {
    view.value = 'lookup'
    focusLookupRequests.value++
  }

  function listen(): void {
    if (listening) return
    listening = true
    pos.on('app:focusLookup', focusLookup)
  }

  return { view, focusLookupRequests, go, focusLookup, listen }
})
