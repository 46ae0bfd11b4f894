import type { Directive } from 'vue'
import { announce, isOwnEvent, readField, writeField, type FieldState, type TextField } from '../scanner/field-snapshot'

// `v-ime-digits`: a number field (phone, last three digits, the customer's keypad field)
// that works with the Zhuyin input method on. The number row then arrives as keydown
// key 'Process' (keyCode 229) with the physical code, and the input method composes ㄅㄉˇ…
// into the field. In such a field a digit key counts as that digit: the composition is
// dropped (the field goes back to what it held, which also ends the composition in
// Chromium) and the digit lands at the caret with an ordinary input event, so v-model and
// input handlers see a typed digit. Enter and Backspace through the input method do what
// they say. Anything else the input method writes is undone before the page hears of it.
// Fields without the directive (names, addresses) keep the input method untouched.

interface ImeDigitsState {
  /** The last key went through the input method: what it writes next is not typing. */
  viaIme: boolean
  /** The digit that key stands for, waiting for the input method's input event. */
  digit: string | null
  /** The field before the input method touched it. */
  before: FieldState | null
}

const DIGIT_CODE = /^(?:Digit|Numpad)(\d)$/
const EVENTS = ['keydown', 'compositionstart', 'compositionupdate', 'compositionend', 'beforeinput', 'input'] as const
const handlers = new WeakMap<TextField, EventListener>()

function isImeKey(e: KeyboardEvent): boolean {
  return e.key === 'Process' || e.keyCode === 229
}

/** Types `text` over the selection, as a key would, and tells the page. */
function typeIn(el: TextField, text: string): void {
  const start = el.selectionStart ?? el.value.length
  el.setRangeText(text, start, el.selectionEnd ?? start, 'end')
  announce(el, 'insertText', text)
}

function deleteBackward(el: TextField): void {
  const start = el.selectionStart ?? el.value.length
  const end = el.selectionEnd ?? start
  if (start === end && start === 0) return
  el.setRangeText('', start === end ? start - 1 : start, end, 'end')
  announce(el, 'deleteContentBackward', null)
}

function onKeyDown(el: TextField, s: ImeDigitsState, e: KeyboardEvent): void {
  s.viaIme = isImeKey(e)
  s.digit = null
  s.before = null
  if (!s.viaIme) return
  s.before = readField(el)
  const digit = DIGIT_CODE.exec(e.code)?.[1]
  if (digit !== undefined && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) s.digit = digit
  else if (e.code === 'Enter' || e.code === 'NumpadEnter') el.form?.requestSubmit()
  else if (e.code === 'Backspace') deleteBackward(el)
}

function handle(el: TextField, s: ImeDigitsState, e: Event): void {
  if (e.type === 'keydown') return onKeyDown(el, s, e as KeyboardEvent)
  if (isOwnEvent(e)) return
  const inputType = (e as InputEvent).inputType ?? ''
  const composing = e.type.startsWith('composition') || (e as InputEvent).isComposing === true || inputType.includes('Composition')
  // Typed without the input method, pasted, dropped: untouched.
  if (!composing && !(s.viaIme && inputType === 'insertText')) return
  // The input method's own events never reach the page's handlers (v-model would hold
  // back its updates while it thinks a composition is on).
  e.stopImmediatePropagation()
  if (e.type === 'beforeinput') {
    s.before ??= readField(el)
    return
  }
  if (e.type !== 'input' && e.type !== 'compositionend') return
  if (s.before) writeField(el, s.before)
  if (e.type === 'input' && s.digit !== null) {
    typeIn(el, s.digit)
    s.digit = null
    s.before = readField(el)
  }
}

export const vImeDigits: Directive<TextField> = {
  mounted(el) {
    const state: ImeDigitsState = { viaIme: false, digit: null, before: null }
    const listener = (e: Event) => handle(el, state, e)
    handlers.set(el, listener)
    // Capture on the field itself: before the page's own listeners on it.
    for (const type of EVENTS) el.addEventListener(type, listener, true)
  },
  beforeUnmount(el) {
    const listener = handlers.get(el)
    if (!listener) return
    for (const type of EVENTS) el.removeEventListener(type, listener, true)
    handlers.delete(el)
  },
}
