import { defineStore } from 'pinia'
import { ref } from 'vue'

export type View = 'lookup' | 'signup' | 'settings' | 'outbox'

// Which screen is showing. Four screens need no router; the lookup screen is home.
export const useNavStore = defineStore('nav', () => {
  const view = ref<View>('lookup')
  const go = (next: View) => {
    view.value = next
  }
  return { view, go }
})
