import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppError, OutboxItem, OutboxSummary } from '@shared/contract'
import { pos } from '../api'
import { subscribeOnce } from './follow'

// Sign-ups waiting for the member system, kept by main in an encrypted, crash-safe file.
export const useOutboxStore = defineStore('outbox', () => {
  const summary = ref<OutboxSummary>({ pending: 0, sending: 0, failed: 0, conflict: 0, done: 0 })
  const items = ref<OutboxItem[]>([])
  const error = ref<AppError | null>(null)
  const sending = ref(false)

  /** What still needs the staff's or the network's attention. */
  const open = computed(() => summary.value.pending + summary.value.sending + summary.value.failed + summary.value.conflict)

  function summarise(list: OutboxItem[]): OutboxSummary {
    const s: OutboxSummary = { pending: 0, sending: 0, failed: 0, conflict: 0, done: 0 }
    for (const i of list) s[i.state]++
    return s
  }

  async function refresh(): Promise<void> {
    const r = await pos.outbox.list()
    if (!r.ok) return void (error.value = r.error)
    items.value = r.value
    summary.value = summarise(r.value)
  }

  const follow = subscribeOnce(() =>
    pos.on('outbox:changed', (s) => {
      summary.value = s
      void refresh()
    }),
  )
  function listen(): void {
    follow()
    void refresh()
  }

  async function sendNow(): Promise<void> {
    sending.value = true
    try {
      const r = await pos.outbox.sendNow()
      if (!r.ok) error.value = r.error
      await refresh()
    } finally {
      sending.value = false
    }
  }

  async function discard(id: string): Promise<void> {
    const r = await pos.outbox.discard({ id })
    if (!r.ok) error.value = r.error
    await refresh()
  }

  return { summary, items, error, sending, open, refresh, listen, sendNow, discard }
})
