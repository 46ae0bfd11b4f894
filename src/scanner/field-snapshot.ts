// The focused field's state, taken before a scan's keys reach it and put back after.
//
// The app's fields are <input> and <textarea> (no contenteditable, no shadow DOM), so a
// field's state is its value and selection. Input events we dispatch ourselves (to tell
// frameworks like Vue's v-model what changed) are remembered, so the binding can tell
// them from the browser's.

export type TextField = HTMLInputElement | HTMLTextAreaElement

export interface FieldState {
  value: string
  /** null for input types without a selection API (number, email). */
  start: number | null
  end: number | null
  dir: 'forward' | 'backward' | 'none' | null
}

const NON_TEXT_INPUT_TYPES = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'])

function isTextField(el: Element | null): el is TextField {
  if (el?.tagName === 'TEXTAREA') return true
  return el?.tagName === 'INPUT' && !NON_TEXT_INPUT_TYPES.has((el as HTMLInputElement).type)
}

export function focusedTextField(doc: Document): TextField | null {
  const el = doc.activeElement
  return isTextField(el) ? el : null
}

export function readField(el: TextField): FieldState {
  try {
    return { value: el.value, start: el.selectionStart, end: el.selectionEnd, dir: el.selectionDirection }
  } catch {
    return { value: el.value, start: null, end: null, dir: null }
  }
}

/** Writes value (and, when the field has focus, the selection); returns whether the value changed. */
export function writeField(el: TextField, state: FieldState): boolean {
  const changed = el.value !== state.value
  // Stryker disable next-line ConditionalExpression: writing a field's own value back leaves it exactly as it was
  if (changed) el.value = state.value
  if (el.ownerDocument.activeElement === el && state.start !== null && state.end !== null) {
    try {
      el.setSelectionRange(state.start, state.end, state.dir ?? undefined)
    } catch {
      // Selection APIs throw on some input types; the value is what matters.
    }
  }
  return changed
}

const ownEvents = new WeakSet<Event>()

/** Whether we dispatched this event ourselves (see announce). */
export function isOwnEvent(e: Event): boolean {
  return ownEvents.has(e)
}

/** Tells frameworks (Vue v-model) that we changed the field's value. */
export function announce(el: TextField, inputType: string, data: string | null): void {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null
  const ev = view?.InputEvent ? new view.InputEvent('input', { bubbles: true, inputType, data }) : new Event('input', { bubbles: true })
  ownEvents.add(ev)
  el.dispatchEvent(ev)
}

/**
 * Ends an input method's composition in a focused field by blurring and refocusing it
 * (Chromium then tells the input method to finish, and fires compositionend).
 */
export function endComposition(el: TextField): void {
  if (el.ownerDocument.activeElement !== el) return
  el.blur()
  el.focus({ preventScroll: true })
}

/** Puts a field back as it was and tells frameworks, if its value had changed. */
export function restoreField(el: TextField, state: FieldState): void {
  if (!el.isConnected) return
  if (writeField(el, state)) announce(el, 'deleteContent', null)
}

/** Types characters in at the caret (characters held back from a burst that was human). */
export function typeAtCaret(el: TextField, chars: string): void {
  if (!el.isConnected) return
  try {
    const start = el.selectionStart ?? el.value.length
    el.setRangeText(chars, start, el.selectionEnd ?? start, 'end')
  } catch {
    el.value += chars
  }
  announce(el, 'insertText', chars)
}

/**
 * After a scan that an input method composed in: Chromium lets the input method act after
 * the page's keydown handler, so the scan's Enter cannot stop it from committing the
 * composition, cancelling it or composing on. For a short while (until the person's next
 * key or click, see `end`), whatever it does to a guarded field is undone before the page
 * hears of it: its composition and input events go no further, the field gets back the
 * state it had just before, and a composition it starts there is ended.
 */
export class ImeAftermath {
  /** Guarded fields, each with the state to keep. */
  private fields = new Map<TextField, FieldState>()
  private until = 0

  constructor(
    private readonly now: () => number,
    private readonly trustedOnly: boolean,
  ) {}

  guard(fields: Map<TextField, FieldState>, ms: number): void {
    this.fields = new Map(fields)
    this.until = this.now() + ms
  }

  end(): void {
    this.fields.clear()
  }

  /** The state a guarded field is kept in (for restoring it right after `guard`). */
  stateOf(el: TextField): FieldState | undefined {
    return this.fields.get(el)
  }

  /**
   * Sees a composition, beforeinput or input event in the window's capture phase, before
   * any field handler; returns true when the event must go no further.
   */
  intercept(e: Event): boolean {
    // Stryker disable next-line ConditionalExpression: with no field guarded, every path below returns false too (the size check only saves work); the line's other ConditionalExpression mutants, all killed, go with it
    if (this.fields.size === 0 || isOwnEvent(e) || (this.trustedOnly && !e.isTrusted)) return false
    if (this.now() > this.until) {
      this.end()
      return false
    }
    const el = e.target as TextField
    const state = this.fields.get(el)
    if (!state) return false
    switch (e.type) {
      case 'beforeinput':
        // The field as the page last left it (a scan's lookup may have filled it meanwhile).
        this.fields.set(el, readField(el))
        return true
      case 'compositionend':
        // Handlers that saw this composition start read the field now: give them the kept state.
        writeField(el, state)
        return false
      case 'input':
        if ((e as InputEvent).isComposing) endComposition(el)
        // Stryker disable next-line LogicalOperator: `state` is this.fields.get(el), read above with nothing in between changing it, so `??` and `&&` both give it
        writeField(el, this.fields.get(el) ?? state)
        return true
      default: // compositionstart, compositionupdate
        return true
    }
  }
}
