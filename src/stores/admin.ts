import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AdminStatus, AppError } from '@shared/contract'
import { pos } from '../api'

// The administrator PIN that guards settings. Staff without it can still look up and
// sign up; the settings screen is read-only for them.
export const useAdminStore = defineStore('admin', () => {
  const status = ref<AdminStatus | null>(null)
  const error = ref<AppError | null>(null)
  const busy = ref(false)

  /** Settings may be changed: no PIN yet (first run) or an open admin session. */
  const canEdit = computed(() => status.value !== null && (!status.value.pinSet || status.value.unlocked))

  async function refresh(): Promise<void> {
    const r = await pos.admin.status()
    if (r.ok) status.value = r.value
  }

  async function run(call: () => Promise<{ ok: true; value: AdminStatus } | { ok: false; error: AppError }>): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      const r = await call()
      if (!r.ok) {
        error.value = r.error
        await refresh()
        return false
      }
      status.value = r.value
      return true
    } finally {
      busy.value = false
    }
  }

  const unlock = (pin: string) => run(() => pos.admin.unlock({ pin }))
  const setPin = (pin: string, currentPin?: string) => run(() => pos.admin.setPin(currentPin ? { pin, currentPin } : { pin }))
  const lock = () => run(() => pos.admin.lock())

  return { status, error, busy, canEdit, refresh, unlock, setPin, lock }
})
