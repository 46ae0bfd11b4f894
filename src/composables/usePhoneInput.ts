import { computed, ref, type Ref } from 'vue'
import { normalizePhoneInput, parseTaiwanMobile, phoneProblem, type PhoneProblem } from '@shared/phone'

// A phone field that accepts what staff and customers actually say and scan
// (`0912-345-678`, `+886 912 345 678`, `886912345678`), normalises as it goes, and knows
// what is wrong before anything is sent.
export function usePhoneInput(model: Ref<string>) {
  /** Set once the person tried to submit or left the field: then problems show. */
  const attempted = ref(false)

  const problem = computed<PhoneProblem | null>(() => phoneProblem(model.value))
  const phone = computed(() => parseTaiwanMobile(model.value))
  /** Problems worth showing right now: bad characters at once, the rest after an attempt. */
  const visibleProblem = computed<PhoneProblem | null>(() => {
    const p = problem.value
    if (p === null || model.value === '') return attempted.value && p ? p : null
    if (p === 'phone.notDigits') return p
    const digits = normalizePhoneInput(model.value)
    if (digits.length > 10 || (digits.length >= 2 && !digits.startsWith('09'))) return p
    return attempted.value ? p : null
  })

  function onInput(raw: string): void {
    model.value = normalizePhoneInput(raw)
  }

  function append(digit: string): void {
    model.value = normalizePhoneInput(model.value + digit)
  }

  function backspace(): void {
    model.value = model.value.slice(0, -1)
  }

  return { problem, visibleProblem, phone, attempted, onInput, append, backspace }
}
