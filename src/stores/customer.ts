import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CustomerScreen } from '@shared/contract'
import { normalizePhoneInput, parseTaiwanMobile } from '@shared/phone'
import { pos } from '../api'
import { setLanguage } from '../i18n'

/** Digits left on the keypad are wiped after this long without a key: the next customer must not see them. */
const KEYPAD_IDLE_MS = 60_000

export type KeypadStatus = 'typing' | 'sent' | 'invalid' | 'failed'

// The customer display's window: what main says it shows, and the keypad. It reads its
// screen and sends a keyed phone; it can do nothing else (main refuses every other call).
export const useCustomerStore = defineStore('customer', () => {
  const screen = ref<CustomerScreen | null>(null)
  const digits = ref('')
  const status = ref<KeypadStatus>('typing')
  let idleTimer: ReturnType<typeof setTimeout> | null = null

  function apply(next: CustomerScreen): void {
    screen.value = next
    setLanguage(next.language)
    // A member on screen answers the number sent; a new lookup starts from an empty pad.
    if (next.member) {
      digits.value = ''
      status.value = 'typing'
    }
  }

  async function load(): Promise<void> {
    const r = await pos.customer.screen()
    if (r.ok) apply(r.value)
  }

  function listen(): () => void {
    return pos.on('customer:screen', apply)
  }

  function touch(): void {
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(clear, KEYPAD_IDLE_MS)
  }

  function press(digit: string): void {
    if (digits.value.length >= 10) return
    digits.value = normalizePhoneInput(digits.value + digit)
    status.value = 'typing'
    touch()
  }

  function backspace(): void {
    digits.value = digits.value.slice(0, -1)
    status.value = 'typing'
    touch()
  }

  function clear(): void {
    digits.value = ''
    status.value = 'typing'
  }

  /** Enter: a complete mobile goes to the staff window, which looks it up as if typed. */
  async function enter(): Promise<void> {
    touch()
    if (!parseTaiwanMobile(digits.value)) {
      status.value = 'invalid'
      return
    }
    const r = await pos.customer.keyed({ phone: digits.value })
    status.value = r.ok ? 'sent' : 'failed'
    if (r.ok) digits.value = ''
  }

  return { screen, digits, status, load, listen, press, backspace, clear, enter }
})
