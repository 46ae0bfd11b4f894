import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Notice } from '@shared/contract'
import { pos } from '../api'
import { subscribeOnce } from './follow'

// What main has to tell staff (data kept aside, a keyring or configuration problem), as codes
// with parameters; NoticeBanner words them in the current language.
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])

  async function refresh(): Promise<void> {
    const r = await pos.notices.list()
    if (r.ok) notices.value = r.value
  }

  const follow = subscribeOnce(() => pos.on('notices:changed', (list) => (notices.value = list)))
  function listen(): void {
    follow()
    void refresh()
  }

  async function dismiss(id: string): Promise<void> {
    const r = await pos.notices.dismiss({ id })
    if (r.ok) notices.value = r.value
  }

  return { notices, listen, refresh, dismiss }
})
