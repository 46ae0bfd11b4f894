import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  announce,
  endComposition,
  focusedTextField,
  ImeAftermath,
  isOwnEvent,
  readField,
  restoreField,
  typeAtCaret,
  writeField,
  type FieldState,
  type TextField,
} from '../../../../src/scanner/field-snapshot'

// The field snapshot is what puts a field back after a scan's keys reached it: each helper
// is checked on exact values (value, caret, selection direction, the input event it sends).

function field(html = '<input type="text">'): TextField {
  const host = document.createElement('div')
  host.innerHTML = html
  document.body.append(host)
  return host.firstElementChild as TextField
}

/** The input events a field dispatches, as [inputType, data, ours]. */
function inputs(el: TextField): Array<[string | undefined, string | null | undefined, boolean]> {
  const seen: Array<[string | undefined, string | null | undefined, boolean]> = []
  el.addEventListener('input', (e) => seen.push([(e as InputEvent).inputType, (e as InputEvent).data, isOwnEvent(e)]))
  return seen
}

const state = (value: string, start: number | null = null, end = start, dir: FieldState['dir'] = null): FieldState => ({
  value,
  start,
  end,
  dir,
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('focusedTextField', () => {
  it('is the focused input or textarea, and null for any other focused element', () => {
    expect(focusedTextField(document)).toBeNull()
    const text = field('<input type="search">')
    text.focus()
    expect(focusedTextField(document)).toBe(text)
    const area = field('<textarea></textarea>')
    area.focus()
    expect(focusedTextField(document)).toBe(area)
    const button = field('<button>b</button>') as unknown as HTMLElement
    button.focus()
    expect(focusedTextField(document)).toBeNull()
  })

  for (const type of ['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']) {
    it(`an <input type="${type}"> is not a text field`, () => {
      const el = field(`<input type="${type}">`)
      vi.spyOn(document, 'activeElement', 'get').mockReturnValue(el)
      expect(focusedTextField(document)).toBeNull()
      vi.restoreAllMocks()
    })
  }

  for (const type of ['text', 'tel', 'email', 'number', 'password', 'search']) {
    it(`an <input type="${type}"> is a text field`, () => {
      const el = field(`<input type="${type}">`)
      vi.spyOn(document, 'activeElement', 'get').mockReturnValue(el)
      expect(focusedTextField(document)).toBe(el)
      vi.restoreAllMocks()
    })
  }
})

describe('readField / writeField', () => {
  it('reads value, caret and direction exactly', () => {
    const el = field()
    el.value = 'abcdef'
    el.focus()
    el.setSelectionRange(1, 4, 'backward')
    expect(readField(el)).toEqual({ value: 'abcdef', start: 1, end: 4, dir: 'backward' })
  })

  it('reads a field whose selection API throws as value only', () => {
    const el = field()
    el.value = 'x'
    vi.spyOn(el, 'selectionStart', 'get').mockImplementation(() => {
      throw new Error('no selection here')
    })
    expect(readField(el)).toEqual({ value: 'x', start: null, end: null, dir: null })
  })

  it('writes the value and says whether it changed', () => {
    const el = field()
    el.value = 'abc'
    expect(writeField(el, state('abc'))).toBe(false)
    expect(el.value).toBe('abc')
    expect(writeField(el, state('xyz'))).toBe(true)
    expect(el.value).toBe('xyz')
  })

  it('puts the selection back, with its direction, only on the focused field', () => {
    const el = field()
    el.value = 'abcdef'
    el.focus()
    el.setSelectionRange(0, 0)
    writeField(el, state('abcdef', 2, 5, 'backward'))
    expect([el.selectionStart, el.selectionEnd, el.selectionDirection]).toEqual([2, 5, 'backward'])

    const spy = vi.spyOn(el, 'setSelectionRange')
    writeField(el, state('abcdef', 3, null))
    writeField(el, state('abcdef', null, 3))
    expect(spy).not.toHaveBeenCalled()
    writeField(el, state('abcdef', 1, 1))
    expect(spy).toHaveBeenCalledWith(1, 1, undefined)

    const other = field()
    other.value = 'zz'
    const otherSpy = vi.spyOn(other, 'setSelectionRange')
    writeField(other, state('zz', 1, 1, 'forward'))
    expect(otherSpy).not.toHaveBeenCalled()
  })

  it('a selection API that throws does not stop the value being written', () => {
    const el = field()
    el.focus()
    vi.spyOn(el, 'setSelectionRange').mockImplementation(() => {
      throw new Error('not for this type')
    })
    expect(writeField(el, state('kept', 1, 1))).toBe(true)
    expect(el.value).toBe('kept')
  })
})

describe('announce / restoreField / typeAtCaret', () => {
  it('announce sends one bubbling InputEvent with its type and data, marked as ours', () => {
    const el = field()
    const seen = inputs(el)
    let bubbled = false
    document.body.addEventListener('input', () => (bubbled = true))
    announce(el, 'insertText', 'Q')
    expect(seen).toEqual([['insertText', 'Q', true]])
    expect(bubbled).toBe(true)
    expect(isOwnEvent(new Event('input'))).toBe(false)
  })

  it('restoreField writes the kept state and announces a deletion only when the value changed', () => {
    const el = field()
    const seen = inputs(el)
    el.value = 'abc'
    restoreField(el, state('abc'))
    expect(seen).toEqual([])
    el.value = 'abc123'
    restoreField(el, state('abc'))
    expect(el.value).toBe('abc')
    // (happy-dom reports a null `data` as '')
    expect(seen).toEqual([['deleteContent', '', true]])
  })

  it('restoreField and typeAtCaret leave a field that left the page alone', () => {
    const el = field()
    el.value = 'abc'
    el.remove()
    restoreField(el, state('zzz'))
    typeAtCaret(el, '12')
    expect(el.value).toBe('abc')
  })

  it('typeAtCaret replaces the selection with what it typed, caret after it', () => {
    const el = field()
    const seen = inputs(el)
    el.value = 'abcdef'
    el.focus()
    el.setSelectionRange(2, 4)
    const spy = vi.spyOn(el, 'setRangeText')
    typeAtCaret(el, 'XY')
    expect(el.value).toBe('abXYef')
    expect(spy).toHaveBeenCalledWith('XY', 2, 4, 'end')
    expect(seen).toEqual([['insertText', 'XY', true]])
  })

  it('typeAtCaret appends where the field has no caret to read', () => {
    const el = field()
    el.value = 'ab'
    vi.spyOn(el, 'selectionStart', 'get').mockReturnValue(null)
    vi.spyOn(el, 'selectionEnd', 'get').mockReturnValue(null)
    typeAtCaret(el, 'cd')
    expect(el.value).toBe('abcd')
  })

  it('typeAtCaret keeps the start when only the end is unknown', () => {
    const el = field()
    el.value = 'abcdef'
    vi.spyOn(el, 'selectionStart', 'get').mockReturnValue(1)
    vi.spyOn(el, 'selectionEnd', 'get').mockReturnValue(null)
    const spy = vi.spyOn(el, 'setRangeText')
    typeAtCaret(el, 'Z')
    expect(spy).toHaveBeenCalledWith('Z', 1, 1, 'end')
  })

  it('typeAtCaret appends when setRangeText throws', () => {
    const el = field()
    el.value = 'ab'
    vi.spyOn(el, 'setRangeText').mockImplementation(() => {
      throw new Error('not for this type')
    })
    typeAtCaret(el, 'cd')
    expect(el.value).toBe('abcd')
  })
})

describe('endComposition', () => {
  it('blurs and refocuses the focused field without scrolling', () => {
    const el = field()
    el.focus()
    const blur = vi.spyOn(el, 'blur')
    const focus = vi.spyOn(el, 'focus')
    endComposition(el)
    expect(blur).toHaveBeenCalledTimes(1)
    expect(focus).toHaveBeenCalledWith({ preventScroll: true })
    expect(document.activeElement).toBe(el)
  })

  it('leaves a field that is not focused alone', () => {
    const el = field()
    const blur = vi.spyOn(el, 'blur')
    endComposition(el)
    expect(blur).not.toHaveBeenCalled()
  })
})

describe('ImeAftermath.intercept', () => {
  function guarded(trustedOnly = false) {
    let now = 1000
    const el = field()
    el.value = 'kept'
    el.focus()
    const a = new ImeAftermath(() => now, trustedOnly)
    a.guard(new Map([[el, readField(el)]]), 200)
    return { a, el, advance: (ms: number) => (now += ms) }
  }
  const ev = (type: string, target: TextField, init: Record<string, unknown> = {}): Event => {
    const e = type === 'input' || type === 'beforeinput' ? new InputEvent(type, init) : new Event(type)
    Object.defineProperty(e, 'target', { value: target })
    return e
  }

  it('stops composition and beforeinput events on a guarded field', () => {
    const { a, el } = guarded()
    for (const type of ['compositionstart', 'compositionupdate', 'beforeinput']) expect(a.intercept(ev(type, el)), type).toBe(true)
  })

  it('lets compositionend through, with the field back in its kept state', () => {
    const { a, el } = guarded()
    el.value = 'kept注'
    expect(a.intercept(ev('compositionend', el))).toBe(false)
    expect(el.value).toBe('kept')
  })

  it('stops an input event and puts the field back as beforeinput last saw it', () => {
    const { a, el } = guarded()
    el.value = 'filled by lookup'
    expect(a.intercept(ev('beforeinput', el))).toBe(true)
    el.value = 'filled by lookup注'
    expect(a.intercept(ev('input', el))).toBe(true)
    expect(el.value).toBe('filled by lookup')
  })

  it('an input event still composing ends the composition; one that is not leaves focus alone', () => {
    const { a, el } = guarded()
    const blur = vi.spyOn(el, 'blur')
    a.intercept(ev('input', el))
    expect(blur).not.toHaveBeenCalled()
    a.intercept(ev('input', el, { isComposing: true }))
    expect(blur).toHaveBeenCalledTimes(1)
  })

  it('passes events for other fields, our own events and, when asked, untrusted ones', () => {
    const { a, el } = guarded()
    expect(a.intercept(ev('compositionstart', field()))).toBe(false)
    const answers: boolean[] = []
    el.addEventListener('input', (e) => answers.push(a.intercept(e)))
    announce(el, 'insertText', 'x')
    expect(answers).toEqual([false])
    const strict = guarded(true)
    expect(strict.a.intercept(ev('compositionstart', strict.el))).toBe(false)
  })

  it('guards until exactly its time is up, then forgets the fields', () => {
    const { a, el, advance } = guarded()
    advance(200)
    expect(a.intercept(ev('compositionstart', el))).toBe(true)
    expect(a.stateOf(el)).toEqual({ value: 'kept', start: 4, end: 4, dir: 'none' })
    advance(1)
    expect(a.intercept(ev('compositionstart', el))).toBe(false)
    expect(a.stateOf(el)).toBeUndefined()
  })

  it('end() forgets every field at once', () => {
    const { a, el } = guarded()
    a.end()
    expect(a.intercept(ev('compositionstart', el))).toBe(false)
  })
})
