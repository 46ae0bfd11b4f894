// Wires ONE ScanDetector to the whole window and keeps scans out of whatever field has
// focus. All listeners are capture-phase on the window, so they run before any field,
// form or component handler. What a field's state is and how it is put back: see
// field-snapshot.ts.
//
// Field clean-up: the detector only knows a burst is a scan at its terminator (or idle
// timeout), by which time its first characters — and possibly an input-method
// composition — are already in the focused field. So at the first key of a burst we
// snapshot the focused field (and any other field that gains focus during the burst), and
// when the burst is recognised we put every snapshot back. The terminator keydown is
// preventDefault-ed and stopImmediatePropagation-ed so the field's Enter handler and form
// submit never see it. A field an input method composed in is guarded a little longer
// (ImeAftermath): the input method acts after the Enter's keydown, whatever we do in it.
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
import type { ScannerSettings } from '@shared/contract'
import { ScanDetector, type KeyTraceEvent, type ScanEvent } from './detector'
import {
  endComposition,
  focusedTextField,
  ImeAftermath,
  isOwnEvent,
  readField,
  restoreField,
  typeAtCaret,
  type FieldState,
  type TextField,
} from './field-snapshot'

/** What the app does with a recognised scan. */
export interface ScanHandling {
  /** Puts the scan's visible effects on screen; called once, after the field clean-up. */
  show(): void
  /** Work the scan started (a lookup) whose answer the screen should change with. */
  settled?: Promise<unknown>
}

/** Default for AttachOptions.holdMs. */
const DEFAULT_HOLD_MS = 50

/** The longest an input method's after-effects on a scanned-into field are undone. */
const IME_GUARD_MS = 1000

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

const keys = new WeakMap<ScannerSettings, string>()

/** What identifies a detector configuration; remembered per settings object (asked on every key). */
function settingsKey(s: ScannerSettings): string {
  let k = keys.get(s)
  // Stryker disable next-line ConditionalExpression: recomputing the key every time gives the same string (the cache only saves work)
  if (k === undefined) {
    k = JSON.stringify([s.maxGapMs, s.minLength, s.terminators, s.idleTimeoutMs, s.prefix, s.suffix])
    keys.set(s, k)
  }
  return k
}

function traceEvent(e: KeyboardEvent, timeStamp: number): KeyTraceEvent {
  return {
    type: 'keydown',
    code: e.code ?? '',
    // Stryker disable next-line StringLiteral: a key value that is neither a modifier, Enter, Tab nor Process is treated like an empty one
    key: e.key ?? '',
    shiftKey: e.shiftKey,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    repeat: e.repeat,
    timeStamp,
    isComposing: e.isComposing,
    keyCode: e.keyCode,
  }
}

export function attachScanner(
  target: Window,
  getSettings: () => ScannerSettings,
  onScan: (value: string, scan: ScanEvent) => ScanHandling | void,
  opts: AttachOptions = {},
): () => void {
  const doc = target.document
  const clock = opts.now
  const now = clock ?? (() => target.performance.now())
  const trustedOnly = opts.trustedOnly ?? true
  const holdMs = opts.holdMs ?? DEFAULT_HOLD_MS
  const aftermath = new ImeAftermath(now, trustedOnly)

  /** Fields touched by the current burst, snapshotted before its first key reached them. */
  const snaps = new Map<TextField, FieldState>()
  /** Fields an input method composed in during the current burst. */
  const composed = new Set<TextField>()
  /** The field focused when the burst's first character was swallowed. */
  let swallowTarget: TextField | null = null
  /** A recognised scan whose clean-up and screen changes wait for its answer. */
  let held: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  /** When the last keydown was handled (not stamped): a busy page handles keys late. */
  let lastHandledAt = Number.NEGATIVE_INFINITY

  // Stryker disable next-line StringLiteral: makeDetector, called on the next line, sets it before it is read
  let key = ''
  let detector = makeDetector(getSettings())

  function makeDetector(s: ScannerSettings): ScanDetector {
    key = settingsKey(s)
    return new ScanDetector(s, handleScan, {
      onBurstStart: forgetBurst,
      onRelease(chars) {
        if (swallowTarget) typeAtCaret(swallowTarget, chars)
        swallowTarget = null
      },
    })
  }

  function forgetBurst(): void {
    snaps.clear()
    composed.clear()
    swallowTarget = null
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

  // --- scans ----------------------------------------------------------------------------

  function handleScan(s: ScanEvent): void {
    const touched = new Map(snaps)
    const composedIn = [...composed].filter((el) => touched.has(el))
    forgetBurst()
    const cleanUp = () => {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with no field, guard() would install an empty guard, and the guard is already empty (every key of the burst ended it)
      if (composedIn.length > 0) {
        // Guard first: ending the composition fires compositionend, which must find the snapshot.
        aftermath.guard(new Map(composedIn.map((el) => [el, touched.get(el)!])), IME_GUARD_MS)
        for (const el of composedIn) endComposition(el)
      }
      for (const [el, snap] of touched) restoreField(el, snap)
    }
    let handling: ScanHandling | void
    try {
      handling = onScan(s.value, s)
    } catch (err) {
      cleanUp()
      // Never let the app's handler break key handling (the terminator must still be stopped).
      queueMicrotask(() => {
        throw err
      })
      return
    }
    // An input method's composition must end now, not after the answer.
    if (!handling?.settled || composedIn.length > 0) {
      cleanUp()
      handling?.show()
      return
    }
    const { show, settled } = handling
    const heldTimer = setTimeout(() => release(), holdMs)
    const release = () => {
      if (held !== release) return
      held = null
      clearTimeout(heldTimer)
      cleanUp()
      show()
    }
    held = release
    void settled.then(release, release)
  }

  /** Anything the person does next sees the scan's clean-up done first. */
  function releaseHeld(): void {
    held?.()
  }

  function schedule(): void {
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const due = detector.deadline()
    if (due === null) return
    // A page that stalls (rendering a card, GC) handles a scan's keys late, in a batch,
    // while their time stamps stay scanner-fast. The quiet gap only counts once no key
    // has been handled for that long either; otherwise the burst is still arriving.
    const gap = due - (detector.lastKeyTime() ?? due)
    timer = setTimeout(
      () => {
        timer = undefined
        // Stryker disable next-line EqualityOperator: the timer is set 1 ms past lastHandledAt + gap, so when it runs now() - lastHandledAt is never exactly gap and `<=` agrees with `<`
        if (now() - lastHandledAt < gap) return schedule()
        detector.tick(now())
        schedule()
      },
      Math.max(0, Math.max(due, lastHandledAt + gap) - now()) + 1,
    )
  }

  // --- listeners ------------------------------------------------------------------------

  const onKeyDown = (e: KeyboardEvent): void => {
    releaseHeld()
    lastHandledAt = now()
    if (trustedOnly && !e.isTrusted) return
    refreshSettings()
    const before = detector.burstLength
    const verdict = detector.feed(traceEvent(e, clock ? clock() : e.timeStamp))
    const inBurst = detector.burstLength > 0
    // A key of the person's own (not a scan's trailing terminator): the input method is theirs again.
    if (verdict === 'pass' || inBurst) aftermath.end()
    // Stryker disable next-line ConditionalExpression: a snapshot taken outside a burst is dropped when the next burst starts, before anything reads it
    if (inBurst) {
      // Snapshot now, in capture phase, before this key's default action reaches the field.
      const field = focusedTextField(doc)
      if (field && !snaps.has(field)) snaps.set(field, readField(field))
      if (
        verdict === 'swallow' &&
        // Stryker disable next-line ConditionalExpression,EqualityOperator: inside a burst, 'swallow' only ever comes with a character added to it
        detector.burstLength > before
      ) {
        swallowTarget ??= field
      }
    }
    if (verdict === 'swallow') {
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    schedule()
  }

  /** Notes which field an input method composes in during a burst. */
  function noteComposition(): void {
    // Stryker disable next-line ConditionalExpression: a field noted outside a burst is forgotten when the next burst starts, before anything reads it
    if (detector.burstLength === 0) return
    const field = focusedTextField(doc)
    // Stryker disable next-line ConditionalExpression: a null entry is never among the fields a scan touched, which is all handleScan reads
    if (field) composed.add(field)
  }

  const onComposition = (e: Event): void => {
    if (aftermath.intercept(e)) return void e.stopImmediatePropagation()
    if (e.type !== 'compositionend') noteComposition()
  }

  const onInput = (e: Event): void => {
    // Stryker disable next-line ConditionalExpression: our own events are insertText (given back, which never drops a burst) or deleteContent (a restore, sent only when no burst is under way), and aftermath.intercept passes them itself
    if (isOwnEvent(e)) return
    if (aftermath.intercept(e)) return void e.stopImmediatePropagation()
    if (e.type === 'beforeinput') return
    const inputType = (e as InputEvent).inputType ?? ''
    if ((e as InputEvent).isComposing || inputType.includes('Composition')) return noteComposition()
    // Paste, drop, delete, undo… in the middle of a burst: that burst is not a scan we
    // could clean up after without destroying the user's edit. Drop it (giving back
    // anything swallowed) and leave the field alone.
    // Stryker disable next-line MethodExpression: no inputType starts or ends with 'insertText' except 'insertText' itself
    if (detector.burstLength > 0 && inputType !== '' && !inputType.startsWith('insertText')) {
      detector.reset()
      forgetBurst()
      schedule()
    }
  }

  const onPointerDown = (): void => {
    aftermath.end()
    releaseHeld()
  }

  // Capture phase on the window: before any field, form or component sees the event.
  const capture = { capture: true } as const
  const listeners: Array<[type: string, listener: EventListener]> = [
    ['keydown', onKeyDown as EventListener],
    ['compositionstart', onComposition],
    ['compositionupdate', onComposition],
    ['compositionend', onComposition],
    ['beforeinput', onInput],
    ['input', onInput],
    // Whatever the person does next finds a held scan's clean-up done.
    ['pointerdown', onPointerDown],
    ['focusin', releaseHeld],
    ['focusout', releaseHeld],
  ]
  for (const [type, listener] of listeners) target.addEventListener(type, listener, capture)

  return () => {
    releaseHeld()
    for (const [type, listener] of listeners) target.removeEventListener(type, listener, capture)
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    detector.reset()
    forgetBurst()
    aftermath.end()
  }
}
