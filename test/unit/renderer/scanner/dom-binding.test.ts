import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref } from 'vue'
import type { ScannerSettings } from '@shared/contract'
import { DEFAULT_SCANNER_SETTINGS, TICK_GRACE_MS } from '../../../../src/scanner/detector'
import { attachScanner } from '../../../../src/scanner/dom-binding'
import { charFromCode, codeForChar } from '../../../../src/scanner/keymap'

// happy-dom does not perform a browser's default actions for synthetic key events, so
// `press` plays the browser: unless the keydown was preventDefault-ed it inserts the
// character at the caret (or, with the "IME" on, grows a composition of Zhuyin symbols),
// and Enter in a form field submits the form. Time is a fake clock handed to the binding.

let clock = 0
let settings: ScannerSettings
let scans: string[]
let detach: (() => void) | null = null
let composition: { el: HTMLInputElement | HTMLTextAreaElement; start: number; text: string } | null = null

const ZHUYIN: Record<string, string> = { Digit0: 'ㄢ', Digit9: 'ㄞ', Digit1: 'ㄅ', Digit2: 'ㄉ', Digit3: 'ˇ', Digit4: 'ˋ', Digit5: 'ㄓ', Digit6: 'ˊ', Digit7: '˙', Digit8: 'ㄚ' }

function attach(cfg: Partial<ScannerSettings> = {}, opts: { useClock?: boolean } = {}): void {
  settings = { ...DEFAULT_SCANNER_SETTINGS, ...cfg }
  scans = []
  detach = attachScanner(window, () => settings, (v) => void scans.push(v), {
    ...(opts.useClock === false ? {} : { now: () => clock }),
    trustedOnly: false,
  })
}

function field(): HTMLInputElement | HTMLTextAreaElement | null {
  const el = document.activeElement
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null
}

function insertAtCaret(el: HTMLInputElement | HTMLTextAreaElement, text: string, inputType: string, isComposing = false): void {
  const s = el.selectionStart ?? el.value.length
  const e = el.selectionEnd ?? s
  el.setRangeText(text, s, e, 'end')
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data: text, isComposing }))
}

function endComposition(): void {
  if (!composition) return
  const c = composition
  composition = null
  c.el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: c.text }))
}

interface PressOpts {
  shift?: boolean
  key?: string
  ime?: boolean
  ctrl?: boolean
  repeat?: boolean
  /** Set event.timeStamp instead of moving the fake clock. */
  stamp?: boolean
}

function press(code: string, t: number, o: PressOpts = {}): KeyboardEvent {
  clock = t
  const shift = o.shift ?? false
  const ch = o.ctrl ? null : charFromCode(code, shift)
  const ime = o.ime ?? false
  const target = document.activeElement ?? document.body
  const ev = new KeyboardEvent('keydown', {
    code,
    key: ime ? 'Process' : (o.key ?? ch ?? code),
    shiftKey: shift,
    ctrlKey: o.ctrl ?? false,
    repeat: o.repeat ?? false,
    keyCode: ime ? 229 : 0,
    isComposing: ime && composition !== null,
    bubbles: true,
    cancelable: true,
  })
  if (o.stamp) Object.defineProperty(ev, 'timeStamp', { value: t })
  target.dispatchEvent(ev)
  const el = field()
  // An IME handles its keys whatever the page does with keydown (preventDefault cannot stop it).
  if (ime && el) {
    if (ch) {
      if (!composition) {
        composition = { el, start: el.selectionStart ?? el.value.length, text: '' }
        el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
      }
      composition.text += ZHUYIN[code] ?? ch
      el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: composition.text }))
      insertAtCaret(el, ZHUYIN[code] ?? ch, 'insertCompositionText', true)
    } else if (code === 'Enter') {
      endComposition()
    }
    return ev
  }
  if (ev.defaultPrevented) return ev
  if (el && ch) insertAtCaret(el, o.key ?? ch, 'insertText')
  if (el && code === 'Enter' && el instanceof HTMLInputElement && el.form) el.form.requestSubmit()
  if (el && code === 'Backspace') {
    const s = el.selectionStart ?? 0
    if (s > 0) {
      el.setRangeText('', s - 1, s, 'end')
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }))
    }
  }
  return ev
}

/** Types `text` from time t0 with a fixed gap; returns the time of the last key. */
function typeText(text: string, t0: number, gap: number, o: PressOpts = {}): number {
  let t = t0
  ;[...text].forEach((c, i) => {
    if (i > 0) t += gap
    const k = codeForChar(c)!
    press(k.code, t, { ...o, shift: k.shift })
  })
  return t
}

/** Lets time pass: the fake clock and the binding's timers. */
function advance(ms: number): void {
  clock += ms
  vi.advanceTimersByTime(ms)
}

interface FormFixture {
  input: HTMLInputElement
  submits: number
  enterKeydowns: number
}

function formFixture(value = '', caret?: [number, number]): FormFixture {
  document.body.innerHTML = '<form id="f"><input id="q" type="text" autocomplete="off"></form><input id="other">'
  const input = document.getElementById('q') as HTMLInputElement
  const fx: FormFixture = { input, submits: 0, enterKeydowns: 0 }
  input.form!.addEventListener('submit', (e) => {
    e.preventDefault()
    fx.submits++
  })
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') fx.enterKeydowns++
  })
  input.value = value
  input.focus()
  input.setSelectionRange(...(caret ?? [value.length, value.length]))
  return fx
}

/** A person's input: every character stayed in the field, the form was submitted once, and nothing was taken for a scan. */
function expectTypedAndSubmitted(fx: FormFixture, value: string): void {
  expect(fx.input.value).toBe(value)
  expect(fx.submits).toBe(1)
  expect(scans).toEqual([])
}

beforeEach(() => {
  vi.useFakeTimers()
  clock = 10_000
  composition = null
})

afterEach(() => {
  detach?.()
  detach = null
  vi.restoreAllMocks()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('attachScanner: a scan while a field has focus', () => {
  it('leaves the input exactly as before (value and selection) and neither Enter handler nor submit fires', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('A-123', [1, 3])
    const last = typeText('0912345678', 10_000, 8)
    const enter = press('Enter', last + 8)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('A-123')
    expect([fx.input.selectionStart, fx.input.selectionEnd]).toEqual([1, 3])
    expect(enter.defaultPrevented).toBe(true)
    expect(fx.enterKeydowns).toBe(0)
    expect(fx.submits).toBe(0)
    expect(document.activeElement).toBe(fx.input)
  })

  it('keeps scanned characters out of a framework-bound field (the model ends unchanged)', async () => {
    const model = ref('note: ')
    const Comp = defineComponent({
      setup: () => () =>
        h('input', {
          id: 'bound',
          value: model.value,
          onInput: (e: Event) => {
            model.value = (e.target as HTMLInputElement).value
          },
        }),
    })
    document.body.innerHTML = '<div id="app"></div>'
    const app = createApp(Comp)
    app.mount('#app')
    attach()
    const input = document.getElementById('bound') as HTMLInputElement
    input.focus()
    input.setSelectionRange(6, 6)
    const last = typeText('CPN-2024-A1', 10_000, 5)
    press('Enter', last + 5)
    await nextTick()
    expect(scans).toEqual(['CPN-2024-A1'])
    expect(model.value).toBe('note: ')
    expect(input.value).toBe('note: ')
    app.unmount()
  })

  it('with the Zhuyin IME on: right ASCII code, composition removed, no submit', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('x')
    const last = typeText('0912345678', 10_000, 9, { ime: true })
    expect(fx.input.value).toMatch(/^xㄢㄞㄅㄉ/) // what an IME would have shown
    const enter = press('Enter', last + 9, { ime: true })
    expect(scans).toEqual(['0912345678'])
    expect(enter.defaultPrevented).toBe(true)
    expect(fx.enterKeydowns).toBe(0)
    expect(fx.submits).toBe(0)
    // The IME committed its text on Enter after we restored: the late commit is undone too.
    vi.advanceTimersByTime(5)
    expect(fx.input.value).toBe('x')
    expect(document.activeElement).toBe(fx.input)
  })

  it('what the IME does after the Enter is undone before the page hears of it, until the next key of the person', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('x')
    const seen: string[] = []
    fx.input.addEventListener('input', (e) => seen.push((e as InputEvent).inputType))
    fx.input.addEventListener('compositionstart', () => seen.push('compositionstart'))
    const last = typeText('0912345678', 10_000, 9, { ime: true })
    press('Enter', last + 9, { ime: true })
    seen.length = 0
    // The IME commits its text after the page's keydown handler, then starts composing again.
    fx.input.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, inputType: 'insertText', data: 'ㄢㄞ' }))
    insertAtCaret(fx.input, 'ㄢㄞ', 'insertText')
    fx.input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    insertAtCaret(fx.input, 'ㄅ', 'insertCompositionText', true)
    expect(fx.input.value).toBe('x')
    expect(fx.input.selectionStart).toBe(1)
    expect(seen).toEqual([])
    // The person types: their key is theirs.
    press('KeyA', last + 400)
    expect(fx.input.value).toBe('xa')
    expect(seen).toEqual(['insertText'])
  })

  it('a scan that moved focus mid-burst restores both fields', () => {
    attach()
    document.body.innerHTML = '<input id="a" value="aa"><input id="b" value="bb">'
    const a = document.getElementById('a') as HTMLInputElement
    const b = document.getElementById('b') as HTMLInputElement
    a.focus()
    a.setSelectionRange(2, 2)
    let t = typeText('0912', 10_000, 6)
    b.focus() // e.g. an auto-advancing form
    b.setSelectionRange(0, 0)
    t = typeText('345678', t + 6, 6)
    press('Enter', t + 6)
    expect(scans).toEqual(['0912345678'])
    expect(a.value).toBe('aa')
    expect(b.value).toBe('bb')
  })

  it('an idle-mode scan into a textarea is cleaned up when the idle timeout fires', () => {
    attach({ terminators: [], idleTimeoutMs: 80 })
    document.body.innerHTML = '<textarea id="t">line1\n</textarea>'
    const ta = document.getElementById('t') as HTMLTextAreaElement
    ta.focus()
    ta.setSelectionRange(6, 6)
    typeText('/AB+C.-9', 10_000, 12)
    expect(ta.value).toBe('line1\n/AB+') // first SWALLOW_AFTER characters reached the field
    advance(79)
    expect(scans).toEqual([])
    advance(5)
    expect(scans).toEqual(['/AB+C.-9'])
    expect(ta.value).toBe('line1\n')
    expect(ta.selectionStart).toBe(6)
  })

  it('a scan with no field focused just reports the scan', () => {
    attach()
    document.body.innerHTML = '<button id="b">x</button>'
    const keys: string[] = []
    document.body.addEventListener('keydown', (e) => keys.push(e.key))
    const last = typeText('0912345678', 10_000, 5)
    const enter = press('Enter', last + 5)
    expect(scans).toEqual(['0912345678'])
    expect(enter.defaultPrevented).toBe(true)
    expect(keys).not.toContain('Enter')
  })

  it('uses event.timeStamp when no clock is given', () => {
    attach({}, { useClock: false })
    const fx = formFixture('')
    const last = typeText('0912345678', 50_000, 7, { stamp: true })
    press('Enter', last + 7, { stamp: true })
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })
})

describe('attachScanner: people are never swallowed', () => {
  it('human typing into a field followed by Enter submits, with every character kept', () => {
    attach()
    const fx = formFixture('')
    const last = typeText('0912345678', 10_000, 120)
    const enter = press('Enter', last + 150)
    expect(enter.defaultPrevented).toBe(false)
    expect(fx.enterKeydowns).toBe(1)
    expectTypedAndSubmitted(fx, '0912345678')
  })

  it('a fast typist with 35 ms pairs keeps every character and Enter submits', () => {
    attach({ minLength: 3 })
    const fx = formFixture('')
    let t = 10_000
    for (const [pair, gap] of [['th', 35], ['er', 35], ['e!', 35]] as const) {
      t = typeText(pair, t, gap)
      t += 140
    }
    press('Enter', t)
    expectTypedAndSubmitted(fx, 'there!')
  })

  it('characters swallowed from a fast human run are put back in order when a slow key follows', () => {
    attach()
    const fx = formFixture('>')
    const inputs: string[] = []
    fx.input.addEventListener('input', () => inputs.push(fx.input.value))
    const last = typeText('abcdefg', 10_000, 20) // e, f, g are swallowed (scanner-fast)
    expect(fx.input.value).toBe('>abcd')
    press('KeyH', last + 300)
    expect(fx.input.value).toBe('>abcdefgh')
    expect(fx.input.selectionStart).toBe(9)
    expect(inputs).toContain('>abcdefg') // the put-back fired an input event
    press('Enter', last + 500)
    expect(fx.submits).toBe(1)
    expect(scans).toEqual([])
  })

  it('… or when the idle timer finds the run was not a scan', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('')
    typeText('abcdefg', 10_000, 20)
    expect(fx.input.value).toBe('abcd')
    advance(DEFAULT_SCANNER_SETTINGS.maxGapMs + 2)
    expect(fx.input.value).toBe('abcd')
    advance(TICK_GRACE_MS)
    expect(fx.input.value).toBe('abcdefg')
  })

  it('a fast run ended by Enter that is too short to be a scan still submits with all characters', () => {
    attach({ minLength: 8 })
    const fx = formFixture('')
    const last = typeText('abcdefg', 10_000, 20)
    press('Enter', last + 20)
    expect(fx.input.value).toBe('abcdefg')
    expect(fx.submits).toBe(1)
  })

  it('paste is never swallowed, neither the event nor Ctrl+V nor the pasted text', () => {
    attach()
    const fx = formFixture('')
    let pastes = 0
    fx.input.addEventListener('paste', () => pastes++)
    const ctrlV = press('KeyV', 10_000, { ctrl: true, key: 'v' })
    const paste = new Event('paste', { bubbles: true, cancelable: true })
    fx.input.dispatchEvent(paste)
    insertAtCaret(fx.input, '0912345678', 'insertFromPaste')
    expect(ctrlV.defaultPrevented).toBe(false)
    expect(paste.defaultPrevented).toBe(false)
    expect(pastes).toBe(1)
    press('Enter', 10_300)
    expectTypedAndSubmitted(fx, '0912345678')
  })

  it('a paste in the middle of a fast burst drops the burst instead of undoing the paste', () => {
    attach()
    const fx = formFixture('')
    const t = typeText('abcd', 10_000, 10)
    insertAtCaret(fx.input, 'PASTED', 'insertFromPaste')
    const t2 = typeText('ef', t + 10, 10)
    press('Enter', t2 + 10)
    expect(fx.input.value).toBe('abcdPASTEDef')
    expect(scans).toEqual([])
  })

  it('the on-screen keypad (clicks, programmatic input) is untouched even at scanner speed', () => {
    attach()
    document.body.innerHTML = '<input id="phone"><div id="pad"></div>'
    const input = document.getElementById('phone') as HTMLInputElement
    const pad = document.getElementById('pad')!
    for (const d of '0123456789') {
      const b = document.createElement('button')
      b.textContent = d
      b.addEventListener('click', () => {
        input.value += d
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: d }))
      })
      pad.append(b)
    }
    input.focus()
    for (const d of '0912345678') {
      ;[...pad.children].find((b) => b.textContent === d)!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
      advance(5)
    }
    advance(1000)
    expect(input.value).toBe('0912345678')
    expect(scans).toEqual([])
  })

  it('a held key auto-repeating is typed, not scanned', () => {
    attach({ terminators: [] })
    const fx = formFixture('')
    press('Digit0', 10_000)
    for (let i = 1; i <= 10; i++) press('Digit0', 10_000 + 33 * i, { repeat: true })
    advance(1000)
    expect(fx.input.value).toBe('0'.repeat(11))
    expect(scans).toEqual([])
  })
})

describe('attachScanner: lifecycle and settings', () => {
  it('follows settings changes (a Tab-terminated scanner)', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('')
    let t = typeText('0912345678', 10_000, 5)
    const tab1 = press('Tab', t + 5)
    expect(tab1.defaultPrevented).toBe(false)
    expect(scans).toEqual([])
    settings = { ...settings, terminators: ['Tab'] }
    fx.input.value = ''
    fx.input.focus()
    t = typeText('0912345678', t + 1000, 5)
    const tab2 = press('Tab', t + 5)
    expect(tab2.defaultPrevented).toBe(true)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })

  it('detach removes every listener', () => {
    attach()
    const fx = formFixture('')
    detach!()
    detach = null
    const last = typeText('0912345678', 10_000, 5)
    const enter = press('Enter', last + 5)
    expect(enter.defaultPrevented).toBe(false)
    expectTypedAndSubmitted(fx, '0912345678')
  })

  it('ignores untrusted key events by default', () => {
    settings = { ...DEFAULT_SCANNER_SETTINGS }
    scans = []
    detach = attachScanner(window, () => settings, (v) => void scans.push(v), { now: () => clock })
    formFixture('')
    const last = typeText('0912345678', 10_000, 5)
    const enter = press('Enter', last + 5)
    expect(scans).toEqual([])
    expect(enter.defaultPrevented).toBe(false)
  })
})

/** Attaches with an app handler that holds its screen changes for `settled`. */
function attachHolding(settled: () => Promise<unknown>, holdMs = 50) {
  settings = { ...DEFAULT_SCANNER_SETTINGS }
  scans = []
  const shown: Array<{ value: string; fieldAtShow: string }> = []
  detach = attachScanner(
    window,
    () => settings,
    (v) => {
      scans.push(v)
      return { settled: settled(), show: () => void shown.push({ value: v, fieldAtShow: (document.getElementById('q') as HTMLInputElement).value }) }
    },
    { now: () => clock, trustedOnly: false, holdMs },
  )
  return shown
}

describe('attachScanner: a scan that started a lookup changes the screen once, with its answer', () => {
  it('leaves the field and the screen untouched until the answer, then cleans up before showing', async () => {
    let answer: () => void = () => {}
    const shown = attachHolding(() => new Promise<void>((r) => (answer = r)))
    const fx = formFixture('A-1')
    const last = typeText('0912345678', 10_000, 5)
    const typedPrefix = fx.input.value // what reached the field before the binding swallowed
    press('Enter', last + 5)
    expect(scans).toEqual(['0912345678'])
    expect(typedPrefix).not.toBe('A-1')
    expect(fx.input.value).toBe(typedPrefix) // no DOM change at the Enter
    expect(shown).toEqual([])
    answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(fx.input.value).toBe('A-1')
    expect(shown).toEqual([{ value: '0912345678', fieldAtShow: 'A-1' }]) // restored first, then shown
    expect(fx.submits).toBe(0)
  })

  it('waits at most holdMs for a slow answer, and shows once', async () => {
    let answer: () => void = () => {}
    const shown = attachHolding(() => new Promise<void>((r) => (answer = r)), 50)
    const fx = formFixture('')
    press('Enter', typeText('0912345678', 10_000, 5) + 5)
    await vi.advanceTimersByTimeAsync(49)
    expect(shown).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(fx.input.value).toBe('')
    expect(shown).toHaveLength(1)
    answer()
    await vi.advanceTimersByTimeAsync(100)
    expect(shown).toHaveLength(1)
  })

  it('a failed lookup releases the screen too', async () => {
    const shown = attachHolding(() => Promise.reject(new Error('x')))
    const fx = formFixture('B')
    press('Enter', typeText('0912345678', 10_000, 5) + 5)
    await vi.advanceTimersByTimeAsync(0)
    expect(fx.input.value).toBe('B')
    expect(shown).toHaveLength(1)
  })

  it('the next key, click or focus change first finishes the clean-up', () => {
    for (const next of ['key', 'pointer', 'focus'] as const) {
      const shown = attachHolding(() => new Promise<void>(() => {}), 10_000)
      const fx = formFixture('keep')
      press('Enter', typeText('0912345678', 10_000, 5) + 5)
      expect(fx.input.value).not.toBe('keep')
      if (next === 'key') press('KeyX', 20_000)
      if (next === 'pointer') fx.input.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
      if (next === 'focus') document.getElementById('other')!.focus()
      // The human key lands after the clean-up, at the restored caret.
      expect(fx.input.value, next).toBe(next === 'key' ? 'keepx' : 'keep')
      expect(shown, next).toHaveLength(1)
      detach!()
      detach = null
    }
  })

  it('an input-method composition is ended at once, not held', () => {
    const shown = attachHolding(() => new Promise<void>(() => {}), 10_000)
    const fx = formFixture('')
    const last = typeText('0912345678', 10_000, 5, { ime: true })
    press('Enter', last + 5, { ime: true })
    expect(scans).toEqual(['0912345678'])
    expect(shown).toHaveLength(1)
    expect(fx.input.value).toBe('')
  })
})

describe('attachScanner: what it listens to, and its one timer', () => {
  it('listens in the capture phase to keys, composition, input, pointer and focus events, and detach removes exactly those', () => {
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    attach()
    const types = [
      'keydown', 'compositionstart', 'compositionupdate', 'compositionend', 'beforeinput', 'input', 'pointerdown', 'focusin', 'focusout',
    ]
    expect(added.mock.calls.map(([type, , o]) => [type, o])).toEqual(types.map((t) => [t, { capture: true }]))
    detach!()
    detach = null
    expect(removed.mock.calls.map(([type, , o]) => [type, o])).toEqual(types.map((t) => [t, { capture: true }]))
    expect(removed.mock.calls.map(([, l]) => l)).toEqual(added.mock.calls.map(([, l]) => l))
  })

  it('keeps one pending timer however many keys arrive, and detach cancels it', () => {
    attach()
    formFixture('')
    expect(vi.getTimerCount()).toBe(0)
    typeText('0912', 10_000, 5)
    expect(vi.getTimerCount()).toBe(1)
    detach!()
    detach = null
    expect(vi.getTimerCount()).toBe(0)
  })
})

// The cases below each pin one path a mutation test found unchecked (test/MUTATION.md):
// input-method and paste events in the middle of a burst, the timer's pacing on a busy page,
// a held scan's timing, and settings that change while keys arrive.

/** A keydown as some tools synthesise it: a bare Event carrying only the properties given. */
function bareKeydown(props: Record<string, unknown>): Event {
  const ev = new Event('keydown', { bubbles: true, cancelable: true })
  for (const [k, v] of Object.entries(props)) Object.defineProperty(ev, k, { value: v })
  ;(document.activeElement ?? document.body).dispatchEvent(ev)
  return ev
}

describe('attachScanner: keys as odd sources send them', () => {
  it('a terminator that has a key value but no code (Enter) still ends the scan', () => {
    attach()
    const fx = formFixture('')
    const last = typeText('0912345678', 10_000, 5)
    clock = last + 5
    const enter = new KeyboardEvent('keydown', { key: 'Enter', code: '', bubbles: true, cancelable: true })
    fx.input.dispatchEvent(enter)
    expect(scans).toEqual(['0912345678'])
    expect(enter.defaultPrevented).toBe(true)
  })

  it('… also when the event has no code property at all', () => {
    attach()
    formFixture('')
    const last = typeText('0912345678', 10_000, 5)
    clock = last + 5
    const enter = bareKeydown({ key: 'Enter' })
    expect(scans).toEqual(['0912345678'])
    expect(enter.defaultPrevented).toBe(true)
  })
})

describe('attachScanner: settings that change while keys arrive', () => {
  it('a second terminator right after a scan (a Tab+Enter suffix) is swallowed too: no submit', () => {
    attach({ terminators: ['Tab', 'Enter'] })
    const fx = formFixture('')
    const last = typeText('0912345678', 10_000, 5)
    const tab = press('Tab', last + 5)
    const enter = press('Enter', last + 10)
    expect(scans).toEqual(['0912345678'])
    expect([tab.defaultPrevented, enter.defaultPrevented]).toEqual([true, true])
    expect(fx.submits).toBe(0)
    expect(fx.input.value).toBe('')
  })

  it('new settings arriving mid-scan do not cut it; the next burst gets them', () => {
    attach({ minLength: 6 })
    const fx = formFixture('')
    let t = typeText('09123', 10_000, 5)
    settings = { ...settings, minLength: 12 } // e.g. the settings store answering at start-up
    t = typeText('45678', t + 5, 5)
    press('Enter', t + 5)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
    t = typeText('0912345678', t + 1000, 5)
    press('Enter', t + 5)
    expect(scans).toEqual(['0912345678']) // 10 characters are now too short
  })
})

describe('attachScanner: what a person typed before and around a scan', () => {
  it('text the person typed before a scan stays in the field', () => {
    attach()
    const fx = formFixture('')
    const t = typeText('note', 10_000, 150)
    const last = typeText('0912345678', t + 500, 5)
    press('Enter', last + 5)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('note')
  })

  it('characters held back from a fast run go to the field they were typed in, after focus moved', () => {
    attach()
    document.body.innerHTML = '<input id="a"><input id="b">'
    const a = document.getElementById('a') as HTMLInputElement
    const b = document.getElementById('b') as HTMLInputElement
    a.focus()
    let t = typeText('ab', 10_000, 20)
    b.focus() // the form moved on after two characters
    t = typeText('cdefg', t + 20, 20) // e, f, g are held back
    expect(b.value).toBe('cd')
    press('KeyH', t + 300)
    expect(a.value).toBe('ab')
    expect(b.value).toBe('cdefgh')
  })

  it('a fast run with no field focused gives nothing back and breaks nothing: the next scan is seen', () => {
    attach()
    document.body.innerHTML = '<button id="b">x</button>'
    const t = typeText('abcdefg', 10_000, 20) // held back, with nowhere to type them
    press('KeyH', t + 300)
    const last = typeText('0912345678', t + 1000, 5)
    press('Enter', last + 5)
    expect(scans).toEqual(['0912345678'])
  })

  it('an app handler that throws still gets the terminator stopped and the field put back; the error is reported', () => {
    settings = { ...DEFAULT_SCANNER_SETTINGS }
    scans = []
    const failure = new Error('handler failed')
    detach = attachScanner(
      window,
      () => settings,
      () => {
        throw failure
      },
      { now: () => clock, trustedOnly: false },
    )
    const queued: Array<() => void> = []
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((cb) => void queued.push(cb))
    const fx = formFixture('A-1')
    const enter = press('Enter', typeText('0912345678', 10_000, 5) + 5)
    vi.mocked(globalThis.queueMicrotask).mockRestore()
    expect(enter.defaultPrevented).toBe(true)
    expect(fx.submits).toBe(0)
    expect(fx.input.value).toBe('A-1')
    expect(queued).toHaveLength(1)
    expect(() => queued[0]!()).toThrow(failure)
  })
})

describe('attachScanner: input events in the middle of a burst', () => {
  it('an input event with no inputType (a component announcing a change) does not break a scan', () => {
    attach()
    const fx = formFixture('')
    const t = typeText('09123', 10_000, 5)
    fx.input.dispatchEvent(new Event('input', { bubbles: true }))
    fx.input.dispatchEvent(new InputEvent('input', { bubbles: true }))
    press('Enter', typeText('45678', t + 5, 5) + 5)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })

  it('a paste the field refuses (its beforeinput cancelled) does not break a scan', () => {
    attach()
    const fx = formFixture('')
    fx.input.addEventListener('beforeinput', (e) => e.preventDefault())
    const t = typeText('09123', 10_000, 5)
    const paste = new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertFromPaste', data: 'x' })
    fx.input.dispatchEvent(paste)
    expect(paste.defaultPrevented).toBe(true) // so no input event follows
    press('Enter', typeText('45678', t + 5, 5) + 5)
    expect(scans).toEqual(['0912345678'])
  })

  it('an input method committing with insertFromComposition mid-burst is composing, not an edit: the scan stands', () => {
    attach()
    const fx = formFixture('')
    const t = typeText('09123', 10_000, 5)
    insertAtCaret(fx.input, 'ㄅ', 'insertFromComposition')
    press('Enter', typeText('45678', t + 5, 5) + 5)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })

  it('an edit right after a scan does not stop the scanner’s trailing second terminator being swallowed', () => {
    attach({ terminators: ['Tab', 'Enter'] })
    const fx = formFixture('')
    const last = typeText('0912345678', 10_000, 5)
    press('Tab', last + 5)
    fx.input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: 'x' }))
    const enter = press('Enter', last + 10)
    expect(enter.defaultPrevented).toBe(true)
    expect(fx.submits).toBe(0)
  })
})

describe('attachScanner: input-method composition around a scan', () => {
  it('a person composing (no scan) is left alone: the field hears every composition event', () => {
    attach()
    const fx = formFixture('')
    const heard: string[] = []
    for (const type of ['compositionstart', 'compositionupdate', 'compositionend']) fx.input.addEventListener(type, () => heard.push(type))
    typeText('1', 10_000, 0, { ime: true })
    press('Enter', 10_300, { ime: true })
    expect(heard).toEqual(['compositionstart', 'compositionupdate', 'compositionend'])
  })

  it('after a scan the input method composed in, the person’s next key (even Backspace) makes the input method theirs again', () => {
    attach({ terminators: ['Enter'] })
    const fx = formFixture('x')
    const last = typeText('0912345678', 10_000, 9, { ime: true })
    press('Enter', last + 9, { ime: true })
    expect(fx.input.value).toBe('x')
    press('End', last + 400)
    const heard: string[] = []
    fx.input.addEventListener('compositionstart', () => heard.push('compositionstart'))
    fx.input.addEventListener('input', (e) => heard.push((e as InputEvent).inputType))
    fx.input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    insertAtCaret(fx.input, 'ㄅ', 'insertCompositionText', true)
    expect(heard).toEqual(['compositionstart', 'insertCompositionText'])
    expect(fx.input.value).toBe('xㄅ')
  })

  it('a field the scan never typed into keeps its composition, and the held scan still waits for its answer', () => {
    const shown = attachHolding(() => new Promise<void>(() => {}), 10_000)
    const fx = formFixture('')
    const other = document.getElementById('other') as HTMLInputElement
    const last = typeText('0912345678', 10_000, 5)
    clock = last + 2
    other.focus() // focus moved by the page after the last character, before the Enter
    const blurs: string[] = []
    other.addEventListener('blur', () => blurs.push('blur'))
    other.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    press('Enter', last + 5)
    expect(scans).toEqual(['0912345678'])
    expect(blurs).toEqual([]) // its composition was not ended
    expect(shown).toEqual([])
    expect(fx.input.value).not.toBe('') // the scanned field's clean-up waits with the screen
  })
})

/** Types `text` as the browser would stamp it: event.timeStamp is performance.now(), `gap` ms apart. */
function typeLive(text: string, gap: number): void {
  ;[...text].forEach((c, i) => {
    if (i > 0) vi.advanceTimersByTime(gap)
    const k = codeForChar(c)!
    press(k.code, 0, { shift: k.shift })
  })
}

describe('attachScanner: timers, on the browser’s own clock', () => {
  it('with no clock given, an idle-mode scan ends on performance.now, the key events’ time base', () => {
    attach({ terminators: [], idleTimeoutMs: 80 }, { useClock: false })
    const fx = formFixture('')
    typeLive('0912345678', 5)
    vi.advanceTimersByTime(70)
    expect(scans).toEqual([])
    vi.advanceTimersByTime(20)
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })

  it('a fast run that turns out human is given back after one timer, not a timer every millisecond', () => {
    attach({}, { useClock: false })
    const fx = formFixture('')
    typeLive('abcdefg', 20)
    expect(fx.input.value).toBe('abcd')
    const setTimer = vi.spyOn(globalThis, 'setTimeout')
    vi.advanceTimersByTime(400)
    expect(fx.input.value).toBe('abcdefg')
    expect(setTimer).not.toHaveBeenCalled()
  })

  it('on a busy page (keys handled late, stamped scanner-fast) the scan is not cut, and no timer polls meanwhile', () => {
    attach({}, { useClock: false })
    const fx = formFixture('')
    vi.advanceTimersByTime(2000)
    // The page stalled for a second: the scan's keys, stamped 5 ms apart back then, are handled now.
    let t = typeText('0912', performance.now() - 1000, 5, { stamp: true })
    const setTimer = vi.spyOn(globalThis, 'setTimeout')
    vi.advanceTimersByTime(10) // the binding's timer may run between two queued keys
    expect(setTimer).not.toHaveBeenCalled()
    t = typeText('345678', t + 5, 5, { stamp: true })
    press('Enter', t + 5, { stamp: true })
    expect(scans).toEqual(['0912345678'])
    expect(fx.input.value).toBe('')
  })

  it('leaves no timer behind once a scan is over', () => {
    attach()
    formFixture('')
    press('Enter', typeText('0912345678', 10_000, 5) + 5)
    expect(scans).toEqual(['0912345678'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a held scan waits 50 ms for its answer by default, and holdMs when given', async () => {
    for (const holdMs of [undefined, 200]) {
      settings = { ...DEFAULT_SCANNER_SETTINGS }
      const shown: string[] = []
      detach = attachScanner(window, () => settings, (v) => ({ settled: new Promise(() => {}), show: () => void shown.push(v) }), {
        now: () => clock,
        trustedOnly: false,
        ...(holdMs === undefined ? {} : { holdMs }),
      })
      const fx = formFixture('')
      press('Enter', typeText('0912345678', 10_000, 5) + 5)
      await vi.advanceTimersByTimeAsync((holdMs ?? 50) - 1)
      expect(shown, String(holdMs)).toEqual([])
      await vi.advanceTimersByTimeAsync(1)
      expect(shown, String(holdMs)).toEqual(['0912345678'])
      expect(fx.input.value).toBe('')
      detach()
      detach = null
    }
  })
})

describe('attachScanner: composition events in the middle of a burst', () => {
  it('a composition that starts in the field a scan is typing into is ended at once, and the scan is shown without waiting', () => {
    const shown = attachHolding(() => new Promise<void>(() => {}), 10_000)
    const fx = formFixture('')
    const blurs: string[] = []
    fx.input.addEventListener('blur', () => blurs.push('blur'))
    const t = typeText('09123', 10_000, 5)
    fx.input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    press('Enter', typeText('45678', t + 5, 5) + 5)
    expect(blurs).toEqual(['blur'])
    expect(shown).toHaveLength(1)
    expect(fx.input.value).toBe('')
  })

  it('the person’s earlier composition merely ending during a burst is not the scan composing: the scan waits for its answer', () => {
    const shown = attachHolding(() => new Promise<void>(() => {}), 10_000)
    const fx = formFixture('')
    const blurs: string[] = []
    fx.input.addEventListener('blur', () => blurs.push('blur'))
    const t = typeText('09123', 10_000, 5)
    fx.input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '' }))
    press('Enter', typeText('45678', t + 5, 5) + 5)
    expect(blurs).toEqual([])
    expect(shown).toEqual([])
  })
})

describe('attachScanner: the quiet gap counts from the last key handled', () => {
  it('keys the binding ignores (untrusted) still postpone giving back a fast run: the page is busy with keys', () => {
    settings = { ...DEFAULT_SCANNER_SETTINGS }
    scans = []
    detach = attachScanner(window, () => settings, (v) => void scans.push(v))
    const fx = formFixture('')
    const trusted = (code: string): void => {
      const ev = new KeyboardEvent('keydown', { code, key: code.slice(-1).toLowerCase(), bubbles: true, cancelable: true })
      Object.defineProperty(ev, 'isTrusted', { value: true })
      fx.input.dispatchEvent(ev)
      if (!ev.defaultPrevented) insertAtCaret(fx.input, code.slice(-1).toLowerCase(), 'insertText')
    }
    for (const c of ['KeyA', 'KeyB', 'KeyC', 'KeyD', 'KeyE', 'KeyF', 'KeyG']) {
      trusted(c)
      vi.advanceTimersByTime(20)
    }
    expect(fx.input.value).toBe('abcd')
    vi.advanceTimersByTime(80)
    fx.input.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyX', key: 'x', bubbles: true })) // a script's key
    vi.advanceTimersByTime(250) // 330 ms after the last trusted key, 250 after the script's
    expect(fx.input.value).toBe('abcd')
    vi.advanceTimersByTime(100)
    expect(fx.input.value).toBe('abcdefg')
  })
})
