// Wires ONE ScanDetector to the whole window and keeps scans out of whatever field has
// focus. All listeners are capture-phase on the window, so they run before any field,
// form or component handler.
//
// Field clean-up: the detector only knows a burst is a scan at its terminator (or idle
// timeout), by which time its first characters — and possibly an input-method
// composition — are already in the focused field. So at the first key of a burst we
// snapshot the focused field's value and selection (and any other field that gains focus
// during the burst), and when the burst is recognised we put every snapshot back, ending a
// composition by blurring and refocusing. The terminator keydown is preventDefault-ed and
// stopImmediatePropagation-ed so the field's Enter handler and form submit never see it.
//
// Human input is never lost: characters the detector swallowed from a burst that turned
// out human are typed back at the caret with an `input` event; paste, drop, the
// on-screen keypad (clicks / programmatic value changes) are not touched at all.
//
// One frame, not two: after a key, Chromium holds a network answer until the frame that
// key dirtied has been painted. Anything drawn at the scan's Enter (the field clean-up, a
// notice) therefore costs a lookup's answer a whole frame (~17 ms at 60 Hz). So when the
// app says its scan started a lookup (ScanHandling.settled), the clean-up and the app's
// own changes wait for the answer, at most `holdMs` and never past the next key, click or
// focus change; then the screen changes once, in the frame that has the answer.
import type { ScannerSettings } from '../../electron/shared/contract'
import { ScanDetector, type KeyTraceEvent, type ScanEvent } from './detector'

/** What the app does with a recognised scan. */
export interface ScanHandling {
  /** Puts the scan's visible effects on screen; called once, after the field clean-up. */
  show(): void
  /** Work the scan started (a lookup) whose answer the screen should change with. */
  settled?: Promise<unknown>
}

/** Default for AttachOptions.holdMs. */
export const DEFAULT_HOLD_MS = 50

export interface AttachOptions {
  /**
   * Clock in ms. Default: the key event's own `timeStamp` (the OS input time, so keys
   * queued behind a busy main thread keep their real spacing) and `performance.now()` for
   * the idle timer — the same time base. Tests pass a fake clock.
   */
  now?: () => number
  /** Ignore untrusted (script-dispatched) key events. Default true; tests turn it off. */
  trustedOnly?: boolean
  /** The longest a scan's screen changes wait for its `settled` work. Default DEFAULT_HOLD_MS. */
  holdMs?: number
}

type TextControl = HTMLInputElement | HTMLTextAreaElement

interface Snapshot {
  el: HTMLElement
  /** input/textarea: value; contenteditable: innerHTML */
  content: string
  selStart: number | null
  selEnd: number | null
  selDir: 'forward' | 'backward' | 'none' | null
}

/** After a scan, late composition events on a restored field are undone for this long. */
const GUARD_MS = 250

const NON_TEXT_INPUT_TYPES = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'hidden',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
])

function isTextControl(el: Element): el is TextControl {
  const tag = el.tagName
  if (tag === 'TEXTAREA') return true
  if (tag !== 'INPUT') return false
  return !NON_TEXT_INPUT_TYPES.has((el as HTMLInputElement).type)
}

function isEditable(el: Element): el is HTMLElement {
  return (el as HTMLElement).isContentEditable === true || el.getAttribute('contenteditable') === 'true'
}

const keys = new WeakMap<ScannerSettings, string>()

/** What identifies a detector configuration; remembered per settings object (asked on every key). */
function settingsKey(s: ScannerSettings): string {
  let k = keys.get(s)
  if (k === undefined) {
    k = JSON.stringify([s.maxGapMs, s.minLength, s.terminators, s.idleTimeoutMs, s.prefix, s.suffix])
    keys.set(s, k)
  }
  return k
}

export function attachScanner(
  target: Window,
  getSettings: () => ScannerSettings,
  onScan: (value: string) => ScanHandling | void,
  opts: AttachOptions = {},
): () => void {
  const doc = target.document
  const clock = opts.now
  const now = clock ?? (() => target.performance.now())
  const trustedOnly = opts.trustedOnly ?? true

  /** Fields touched by the current burst, snapshotted before its first key reached them. */
  const snaps = new Map<HTMLElement, Snapshot>()
  /** Fields an input method composed in during the current burst. */
  const composed = new Set<HTMLElement>()
  /** The field focused when the burst's first character was swallowed. */
  let swallowTarget: HTMLElement | null = null
  let guard: { snaps: Map<HTMLElement, Snapshot>; composed: Set<HTMLElement>; until: number } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Set while we dispatch our own input events, so our listener ignores them. */
  let selfDispatch = false
  /** A recognised scan whose clean-up and screen changes wait for its answer. */
  let held: (() => void) | null = null
  let heldTimer: ReturnType<typeof setTimeout> | undefined
  const holdMs = opts.holdMs ?? DEFAULT_HOLD_MS

  let key = ''
  let detector: ScanDetector = makeDetector(getSettings())

  function makeDetector(s: ScannerSettings): ScanDetector {
    key = settingsKey(s)
    return new ScanDetector(s, handleScan, {
      onBurstStart() {
        snaps.clear()
        composed.clear()
        swallowTarget = null
      },
      onRelease: putBack,
    })
  }

  function refreshSettings(): void {
    const s = getSettings()
    if (settingsKey(s) === key) return
    // Never swap detectors in the middle of a burst (settings arriving at start-up would
    // otherwise cut the first characters off a scan); the next burst gets them.
    if (detector.burstLength > 0) return
    detector.reset()
    detector = makeDetector(s)
  }

  // --- focus & snapshots --------------------------------------------------------------

  function focusedField(): HTMLElement | null {
    let el: Element | null = doc.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    if (!el) return null
    if (isTextControl(el)) return el
    if (isEditable(el)) return el as HTMLElement
    return null
  }

  function take(el: HTMLElement): Snapshot {
    if (isTextControl(el)) {
      let selStart: number | null = null
      let selEnd: number | null = null
      let selDir: Snapshot['selDir'] = null
      try {
        selStart = el.selectionStart
        selEnd = el.selectionEnd
        selDir = el.selectionDirection
      } catch {
        // type=number/email have no selection API
      }
      return { el, content: el.value, selStart, selEnd, selDir }
    }
    const [a, b] = editableSelection(el)
    return { el, content: el.innerHTML, selStart: a, selEnd: b, selDir: null }
  }

  /** Caret/selection in a contenteditable as text offsets. */
  function editableSelection(el: HTMLElement): [number | null, number | null] {
    const sel = doc.getSelection()
    if (!sel || sel.rangeCount === 0) return [null, null]
    const r = sel.getRangeAt(0)
    if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return [null, null]
    return [textOffset(el, r.startContainer, r.startOffset), textOffset(el, r.endContainer, r.endOffset)]
  }

  function textOffset(root: HTMLElement, node: Node, offset: number): number {
    const pre = doc.createRange()
    pre.selectNodeContents(root)
    pre.setEnd(node, offset)
    return pre.toString().length
  }

  function pointAt(root: HTMLElement, offset: number): [Node, number] {
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
    let left = offset
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent?.length ?? 0
      if (left <= len) return [n, left]
      left -= len
    }
    return [root, root.childNodes.length]
  }

  function restore(snap: Snapshot, endComposition: boolean): void {
    const el = snap.el
    if (!el.isConnected) return
    const focused = focusedField() === el
    // Blurring ends an input-method composition (the browser commits it); we then
    // overwrite whatever it committed and take focus back.
    const refocus = endComposition && focused
    if (refocus) el.blur()
    let changed = false
    if (isTextControl(el)) {
      if (el.value !== snap.content) {
        el.value = snap.content
        changed = true
      }
    } else if (el.innerHTML !== snap.content) {
      el.innerHTML = snap.content
      changed = true
    }
    if (refocus) el.focus({ preventScroll: true })
    if (focused) restoreSelection(snap)
    // Frameworks (Vue v-model) learnt the scanned characters from input events; tell them.
    if (changed) fireInput(el, 'deleteContent', null)
  }

  function restoreSelection(snap: Snapshot): void {
    const el = snap.el
    if (snap.selStart === null || snap.selEnd === null) return
    try {
      if (isTextControl(el)) {
        el.setSelectionRange(snap.selStart, snap.selEnd, snap.selDir ?? undefined)
      } else {
        const sel = doc.getSelection()
        if (!sel) return
        const r = doc.createRange()
        const [sn, so] = pointAt(el, snap.selStart)
        const [en, eo] = pointAt(el, snap.selEnd)
        r.setStart(sn, so)
        r.setEnd(en, eo)
        sel.removeAllRanges()
        sel.addRange(r)
      }
    } catch {
      // Selection APIs throw on some input types; the value is what matters.
    }
  }

  function fireInput(el: HTMLElement, inputType: string, data: string | null): void {
    const Ctor = (target as unknown as { InputEvent?: typeof InputEvent }).InputEvent
    const ev = Ctor
      ? new Ctor('input', { bubbles: true, inputType, data })
      : new (target as unknown as { Event: typeof Event }).Event('input', { bubbles: true })
    selfDispatch = true
    try {
      el.dispatchEvent(ev)
    } finally {
      selfDispatch = false
    }
  }

  /** Types characters we had swallowed back into the field they were meant for. */
  function putBack(chars: string): void {
    const el = swallowTarget
    swallowTarget = null
    if (!el || !el.isConnected) return
    if (isTextControl(el)) {
      try {
        const start = el.selectionStart ?? el.value.length
        const end = el.selectionEnd ?? start
        el.setRangeText(chars, start, end, 'end')
      } catch {
        el.value += chars
      }
    } else {
      const sel = doc.getSelection()
      const r = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null
      if (sel && r && el.contains(r.startContainer)) {
        r.deleteContents()
        const text = doc.createTextNode(chars)
        r.insertNode(text)
        r.setStartAfter(text)
        r.collapse(true)
        sel.removeAllRanges()
        sel.addRange(r)
      } else {
        el.append(chars)
      }
    }
    fireInput(el, 'insertText', chars)
  }

  // --- scans ----------------------------------------------------------------------------

  function handleScan(s: ScanEvent): void {
    const touched = new Map(snaps)
    const composedIn = new Set(composed)
    snaps.clear()
    composed.clear()
    swallowTarget = null
    const cleanUp = () => {
      for (const snap of touched.values()) restore(snap, composedIn.has(snap.el))
      guard = { snaps: touched, composed: composedIn, until: now() + GUARD_MS }
    }
    let handling: ScanHandling | void
    try {
      handling = onScan(s.value)
    } catch (err) {
      cleanUp()
      // Never let the app's handler break key handling (the terminator must still be stopped).
      queueMicrotask(() => {
        throw err
      })
      return
    }
    // An input method's composition must end now, not after the answer.
    if (!handling?.settled || composedIn.size > 0) {
      cleanUp()
      handling?.show()
      return
    }
    const { show, settled } = handling
    const release = () => {
      if (held !== release) return
      held = null
      clearTimeout(heldTimer)
      cleanUp()
      show()
    }
    held = release
    heldTimer = setTimeout(release, holdMs)
    void settled.then(release, release)
  }

  /** Anything the person does next sees the scan's clean-up done first. */
  function releaseHeld(): void {
    held?.()
  }

  /** A composition the scan started may still commit after we restored; undo that too. */
  function guardLateComposition(el: EventTarget | null): void {
    if (!guard || now() > guard.until) {
      guard = null
      return
    }
    const snap = guard.snaps.get(el as HTMLElement)
    if (!snap || !guard.composed.has(snap.el)) return
    setTimeout(() => {
      if (guard?.snaps.get(snap.el) === snap) restore(snap, false)
    }, 0)
  }

  /** When the last keydown was handled (not stamped): a busy page handles keys late. */
  let lastHandledAt = Number.NEGATIVE_INFINITY

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const due = detector.deadline()
    if (due === null) return
    timer = setTimeout(
      () => {
        timer = undefined
        // A page that stalls (rendering a card, GC) handles a scan's keys late, in a batch,
        // while their time stamps stay scanner-fast. The quiet gap only counts once no key
        // has been handled for that long either; otherwise the burst is still arriving.
        const gap = due - (detector.lastKeyTime() ?? due)
        if (now() - lastHandledAt < gap) return schedule()
        detector.tick(now())
        schedule()
      },
      Math.max(0, Math.max(due, lastHandledAt + (due - (detector.lastKeyTime() ?? due))) - now()) + 1,
    )
  }

  // --- listeners ------------------------------------------------------------------------

  const onKeyDown = (e: KeyboardEvent): void => {
    releaseHeld()
    lastHandledAt = now()
    if (trustedOnly && !e.isTrusted) return
    refreshSettings()
    const ev: KeyTraceEvent = {
      type: 'keydown',
      code: e.code ?? '',
      key: e.key ?? '',
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      repeat: e.repeat,
      timeStamp: clock ? clock() : e.timeStamp,
      isComposing: e.isComposing,
      keyCode: e.keyCode,
    }
    const before = detector.burstLength
    const verdict = detector.feed(ev)
    const inBurst = detector.burstLength > 0
    if (inBurst) {
      // Snapshot now, in capture phase, before this key's default action reaches the field.
      const field = focusedField()
      if (field && !snaps.has(field)) snaps.set(field, take(field))
      if (verdict === 'swallow' && detector.burstLength > before) swallowTarget ??= field
    }
    if (verdict === 'swallow') {
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    schedule()
  }

  const onComposition = (e: CompositionEvent): void => {
    if (e.type === 'compositionend') {
      guardLateComposition(e.target)
      return
    }
    if (detector.burstLength === 0) return
    const field = focusedField()
    if (field) composed.add(field)
  }

  const onInput = (e: Event): void => {
    if (selfDispatch) return
    const inputType = (e as InputEvent).inputType ?? ''
    if ((e as InputEvent).isComposing || inputType.includes('Composition')) {
      guardLateComposition(e.target)
      if (detector.burstLength > 0) {
        const field = focusedField()
        if (field) composed.add(field)
      }
      return
    }
    // Paste, drop, delete, undo… in the middle of a burst: that burst is not a scan we
    // could clean up after without destroying the user's edit. Drop it (giving back
    // anything swallowed) and leave the field alone.
    if (detector.burstLength > 0 && inputType !== '' && !inputType.startsWith('insertText')) {
      detector.reset()
      snaps.clear()
      composed.clear()
      schedule()
    }
  }

  // Capture phase on the window: before any field, form or component sees the event.
  const capture = { capture: true } as const
  const listeners: Array<[type: string, listener: EventListener]> = [
    ['keydown', onKeyDown as EventListener],
    ['compositionstart', onComposition as EventListener],
    ['compositionupdate', onComposition as EventListener],
    ['compositionend', onComposition as EventListener],
    ['input', onInput],
    // Whatever the person does next finds a held scan's clean-up done.
    ['pointerdown', releaseHeld],
    ['focusin', releaseHeld],
    ['focusout', releaseHeld],
  ]
  for (const [type, listener] of listeners) target.addEventListener(type, listener, capture)

  return () => {
    releaseHeld()
    for (const [type, listener] of listeners) target.removeEventListener(type, listener, capture)
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    detector.reset()
    snaps.clear()
    composed.clear()
    guard = null
  }
}
