// Keyboard-wedge scanner detection: pure logic over timestamped keydowns, no DOM.
//
// A scan is a *burst*: consecutive character keys each at most `maxGapMs` after the
// previous one, at least `minLength` characters long (after prefix/suffix are stripped),
// ended by one of the configured terminators pressed within `maxGapMs` — or, with no
// terminators configured, by `idleTimeoutMs` of quiet. Anything else is a person typing.
//
// Characters come from the physical key (`code` + Shift, see keymap.ts), so the Zhuyin
// input method ('Process' / keyCode 229) or a non-US layout does not change the value.
//
// Per key the detector answers 'pass' (let the browser have it) or 'swallow' (the DOM
// binding must preventDefault + stopImmediatePropagation). It swallows:
//   - the terminator of a recognised scan, so the field's Enter handler / form submit
//     never sees it, and a second terminator arriving scanner-fast right after (CR+LF-ish
//     Tab+Enter suffixes);
//   - characters from the (SWALLOW_AFTER+1)-th on of a burst that is still scanner-fast,
//     to keep them out of the focused field. If such a burst later turns out to be human
//     (a slow gap, a non-character key, no terminator), the swallowed characters are handed
//     back through `hooks.onRelease` so the binding can type them in: nothing is lost.
//   Keys that an input method is processing are never swallowed (preventDefault does not
//   stop an IME in Chromium, so swallowing them and later re-typing would duplicate them).
import { DEFAULT_SCANNER_SETTINGS, type ScannerSettings } from '@shared/contract'
import { charFromCode } from './keymap'

export interface KeyTraceEvent {
  type: 'keydown'
  code: string
  key: string
  shiftKey: boolean
  /** Ctrl/Alt/Meta combos are never scan characters; they end the burst. */
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  /** Auto-repeat from a held key: never a scan character; ends the burst. */
  repeat?: boolean
  /** Milliseconds, same clock as `tick(now)` (DOM: `event.timeStamp` / `performance.now()`). */
  timeStamp: number
  isComposing?: boolean
  keyCode?: number
}

export interface ScanEvent {
  value: string
  startedAt: number
  endedAt: number
}

export type FeedResult = 'pass' | 'swallow'

export interface DetectorHooks {
  /** A new burst begins with this key (called before `feed` returns). */
  onBurstStart?(ev: KeyTraceEvent): void
  /** A burst ended as human after some of its characters were swallowed: type these back in. */
  onRelease?(chars: string): void
}

/**
 * Default gap: 50 ms.
 *
 * Trace distributions we design for (see test/support/scan-traces.ts): USB/Bluetooth
 * wedge scanners send characters 2–40 ms apart (the 30–40 ms tail is Bluetooth HID
 * with radio jitter and slow "keyboard emulation" intercharacter delays); people type
 * 60–250 ms apart, with fast typists' occasional 35 ms pairs or rolls. 50 ms sits 10 ms
 * above the slowest scanner and 10 ms below normal human typing, leaving room for event
 * timestamp jitter on a busy renderer. The 35 ms human pairs fall under any usable gap
 * (a 30 ms gap would already split slow Bluetooth scans), so they are excluded by
 * length instead: a scan needs `minLength` (default 6, the shortest coupon) characters
 * *all* within the gap, plus a terminator equally fast, which a person cannot produce.
 *
 * Terminators default to Enter or Tab (whichever the scanner was programmed with);
 * `idleTimeoutMs` only matters when terminators is empty and is never shorter than the gap.
 */
export { DEFAULT_SCANNER_SETTINGS }

/**
 * With terminators, a burst is judged by the gaps between its keys' time stamps; the
 * idle timer only gives back swallowed characters of a burst that stopped without one.
 * It waits this much longer than the gap, because keys can reach a busy page late, in a
 * batch, with scanner-fast time stamps: a timer at exactly the gap would cut such a scan.
 */
export const TICK_GRACE_MS = 250

/** After this many scanner-fast characters, further characters of the burst are swallowed. */
export const SWALLOW_AFTER = 4

/** Fewer characters than this is never a scan, whatever minLength says (a fast pair is human). */
const ABSOLUTE_MIN_CHARS = 3

const MODIFIER_CODES = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'OSLeft',
  'OSRight',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
])
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'NumLock', 'Fn'])

function isModifierOnly(ev: KeyTraceEvent): boolean {
  return MODIFIER_CODES.has(ev.code) || (ev.code === '' && MODIFIER_KEYS.has(ev.key))
}

/** Which terminator (if any) this key is, read from the physical key like the characters. */
function terminatorOf(ev: KeyTraceEvent): 'Enter' | 'Tab' | null {
  if (ev.code === 'Enter' || ev.code === 'NumpadEnter') return 'Enter'
  if (ev.code === 'Tab') return 'Tab'
  if (ev.code === '' && (ev.key === 'Enter' || ev.key === 'Tab')) return ev.key
  return null
}

function isImeKey(ev: KeyTraceEvent): boolean {
  return ev.isComposing === true || ev.keyCode === 229 || ev.key === 'Process'
}

interface BurstChar {
  ch: string
  t: number
  swallowed: boolean
}

export class ScanDetector {
  private readonly cfg: ScannerSettings
  private burst: BurstChar[] = []
  /** End of the last recognised scan, for swallowing a trailing second terminator. */
  private lastScanEnd = Number.NEGATIVE_INFINITY

  constructor(
    cfg: ScannerSettings,
    private readonly onScan: (s: ScanEvent) => void,
    private readonly hooks: DetectorHooks = {},
  ) {
    this.cfg = { ...cfg, terminators: [...cfg.terminators] }
  }

  /** Characters in the current burst (0 when idle). */
  get burstLength(): number {
    return this.burst.length
  }

  /** When `tick` should next be called to close the current burst; null when idle. */
  /** Time stamp of the burst's last key, or null when idle. */
  lastKeyTime(): number | null {
    return this.burst.at(-1)?.t ?? null
  }

  deadline(): number | null {
    const last = this.burst.at(-1)
    if (!last) return null
    return last.t + (this.idleMode ? this.idleMs : this.cfg.maxGapMs + TICK_GRACE_MS + 1)
  }

  feed(ev: KeyTraceEvent): FeedResult {
    if (ev.type !== 'keydown') return 'pass'
    // Shift & co. on their own: scanners press Shift around capitals; ignore entirely.
    if (isModifierOnly(ev)) return 'pass'

    const t = ev.timeStamp
    const last = this.burst.at(-1)
    if (last && t - last.t > this.cfg.maxGapMs) this.finish(false)

    const modified = ev.ctrlKey === true || ev.altKey === true || ev.metaKey === true
    const ch = modified || ev.repeat === true ? null : charFromCode(ev.code, ev.shiftKey)

    if (ch === null) return this.nonCharacter(ev, t)

    if (this.burst.length === 0) this.hooks.onBurstStart?.(ev)
    const swallowed = this.burst.length >= SWALLOW_AFTER && !isImeKey(ev)
    this.burst.push({ ch, t, swallowed })
    return swallowed ? 'swallow' : 'pass'
  }

  /** Closes a burst that has been quiet long enough (idle timeout, or a broken scan). */
  tick(now: number): void {
    const last = this.burst.at(-1)
    if (!last) return
    const quiet = now - last.t
    if (this.idleMode ? quiet >= this.idleMs : quiet > this.cfg.maxGapMs + TICK_GRACE_MS) this.finish(false)
  }

  /** Forgets the current burst; any characters it swallowed are handed back via onRelease. */
  reset(): void {
    this.release()
    this.burst = []
    this.lastScanEnd = Number.NEGATIVE_INFINITY
  }

  // -------------------------------------------------------------------------------------

  private get idleMode(): boolean {
    return this.cfg.terminators.length === 0
  }

  /** With no terminator, quiet for this long ends a burst; never shorter than the gap itself. */
  private get idleMs(): number {
    return Math.max(this.cfg.idleTimeoutMs, this.cfg.maxGapMs + 1)
  }

  private nonCharacter(ev: KeyTraceEvent, t: number): FeedResult {
    const term = terminatorOf(ev)
    const plainTerm = term !== null && !ev.ctrlKey && !ev.altKey && !ev.metaKey && !ev.shiftKey
    if (this.burst.length === 0) {
      // A second terminator hard on the heels of a scan (e.g. Tab+Enter suffix) is the scanner's.
      if (plainTerm && t - this.lastScanEnd <= this.cfg.maxGapMs) {
        this.lastScanEnd = t
        return 'swallow'
      }
      return 'pass'
    }
    // Within the gap (a slow key already closed the burst in feed). Configured terminator,
    // or with no terminators configured any Enter/Tab this fast belongs to the scanner.
    const endsScan = plainTerm && (this.idleMode || this.cfg.terminators.includes(term))
    if (endsScan) {
      if (this.finish(true, t)) return 'swallow'
      return 'pass'
    }
    // Any other key (Backspace, arrows, Ctrl+V, a held key repeating…) ends the burst: a
    // scan in idle mode if it qualifies, otherwise human.
    this.finish(false)
    return 'pass'
  }

  /**
   * Ends the current burst. `terminated`: a terminator key (at time `t`) ended it.
   * Returns whether it was a scan.
   */
  private finish(terminated: boolean, t?: number): boolean {
    const burst = this.burst
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: feed, tick and nonCharacter call finish only with a burst under way, so this guard never fires; forced off, an empty burst would be refused by qualify (fewer than 3 characters) anyway
    if (burst.length === 0) return false
    const value = terminated || this.idleMode ? this.qualify(burst) : null
    if (value === null) {
      this.release()
      this.burst = []
      return false
    }
    this.burst = []
    const endedAt = t ?? burst.at(-1)!.t
    this.lastScanEnd = endedAt
    this.onScan({ value, startedAt: burst[0]!.t, endedAt })
    return true
  }

  /** The scanned value if the burst's characters make a scan, else null. */
  private qualify(burst: readonly BurstChar[]): string | null {
    if (burst.length < ABSOLUTE_MIN_CHARS) return null
    const raw = burst.map((c) => c.ch).join('')
    const { prefix, suffix } = this.cfg
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: when raw is no longer than prefix + suffix, the slice between them is empty and the minLength check below refuses it anyway
    if (raw.length < prefix.length + suffix.length) return null
    if (!raw.startsWith(prefix) || !raw.endsWith(suffix)) return null
    const value = raw.slice(prefix.length, raw.length - suffix.length)
    if (value.length < Math.max(1, this.cfg.minLength)) return null
    return value
  }

  private release(): void {
    const chars = this.burst
      .filter((c) => c.swallowed)
      .map((c) => c.ch)
      .join('')
    if (chars !== '') this.hooks.onRelease?.(chars)
  }
}
