// Deterministic, labelled keystroke traces for the barcode-scanner detector: unit tests
// and the benchmark both use them. Pure TypeScript (no node:* imports) so it runs in the
// happy-dom renderer tests, in Node and in a browser alike.
//
// Distributions (the detector's default maxGapMs is chosen from these):
//   scans   — characters 2–40 ms apart (per-trace scanner speed plus jitter), terminator
//             Enter / Tab / none (idle) equally often, some with a programmed prefix/suffix,
//             typed under US layout, the Zhuyin IME ('Process', keyCode 229, isComposing),
//             Zhuyin symbols in `key`, or AZERTY; capitals and symbols with Shift; some
//             preceded by a little human typing.
//   human   — 60–250 ms apart, with fast typists' occasional 30–40 ms pairs (and rare
//             3-key rolls), Shift, IME, Backspace corrections, held-key auto-repeat,
//             Ctrl+V, then Enter/Tab/nothing at human speed.
//   interrupted — scanner-fast bursts broken by one slow gap (80–400 ms), labelled
//             'human'. The gap is placed so that no fragment is by itself a complete scan
//             under the default minLength (6): a fragment of ≥ 6 scanner-fast characters
//             with its terminator *is* a scan by definition. One variant delays only the
//             terminator.
import type { ScannerSettings } from '../../electron/shared/contract'
import { DEFAULT_SCANNER_SETTINGS, ScanDetector, type KeyTraceEvent } from '../../src/scanner/detector'
import { charFromCode, codeForChar } from '../../src/scanner/keymap'

type TraceKind =
  | 'scan'
  | 'scan-ime'
  | 'scan-zhuyin-key'
  | 'scan-azerty'
  | 'human'
  | 'human-fast-pairs'
  | 'human-ime'
  | 'human-repeat'
  | 'human-paste'
  | 'interrupted'
  | 'late-terminator'
  | 'scan-at-gap'
  | 'past-gap'

type ValueKind = 'phone' | 'coupon' | 'carrier' | 'text'

export interface LabelledTrace {
  label: 'scan' | 'human'
  kind: TraceKind
  valueKind: ValueKind
  /** For scans, what the detector must report (prefix/suffix stripped); for humans, what was typed. */
  value: string
  /** The scanner programming the trace was produced under; overrides the detector config's. */
  settings: Pick<ScannerSettings, 'terminators' | 'prefix' | 'suffix'>
  events: KeyTraceEvent[]
}

// ---------------------------------------------------------------------------------------
// PRNG (mulberry32)

type Rng = () => number

function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1))
const real = (r: Rng, lo: number, hi: number): number => lo + r() * (hi - lo)
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const chance = (r: Rng, p: number): boolean => r() < p
/** Timestamps keep 0.1 ms resolution, like coarsened `event.timeStamp`. */
const q = (t: number): number => Math.round(t * 10) / 10

// ---------------------------------------------------------------------------------------
// Values

const DIGITS = '0123456789'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const CARRIER_CHARS = DIGITS + UPPER + '.+-'
const COUPON_CHARS = UPPER + UPPER + LOWER + DIGITS + DIGITS + '-'
const WORDS = ['hello', 'tea', 'milk', 'note', 'refund', 'lin', 'chen', 'wang', 'ok', 'vip']

function randomString(r: Rng, alphabet: string, len: number): string {
  let s = ''
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)]
  return s
}

function makeValue(r: Rng, kind: ValueKind, maxLen = 24): string {
  switch (kind) {
    case 'phone':
      return '09' + randomString(r, DIGITS, 8)
    case 'carrier':
      return '/' + randomString(r, CARRIER_CHARS, 7)
    case 'coupon': {
      const len = int(r, 6, Math.max(6, Math.min(24, maxLen)))
      // No leading/trailing '-', as printed coupon codes do.
      return randomString(r, UPPER + DIGITS, 1) + randomString(r, COUPON_CHARS, len - 2) + randomString(r, UPPER + DIGITS, 1)
    }
    case 'text':
      return pick(r, WORDS) + (chance(r, 0.5) ? ' ' + pick(r, WORDS) : '')
  }
}

// ---------------------------------------------------------------------------------------
// Layouts: what `key` says for a physical key (the detector must ignore it)

type Layout = 'us' | 'ime' | 'zhuyin-key' | 'azerty'

const ZHUYIN: Record<string, string> = {
  Digit1: 'ㄅ', KeyQ: 'ㄆ', KeyA: 'ㄇ', KeyZ: 'ㄈ', Digit2: 'ㄉ', KeyW: 'ㄊ', KeyS: 'ㄋ', KeyX: 'ㄌ',
  Digit3: 'ˇ', KeyE: 'ㄍ', KeyD: 'ㄎ', KeyC: 'ㄏ', Digit4: 'ˋ', KeyR: 'ㄐ', KeyF: 'ㄑ', KeyV: 'ㄒ',
  Digit5: 'ㄓ', KeyT: 'ㄔ', KeyG: 'ㄕ', KeyB: 'ㄖ', Digit6: 'ˊ', KeyY: 'ㄗ', KeyH: 'ㄘ', KeyN: 'ㄙ',
  Digit7: '˙', KeyU: 'ㄧ', KeyJ: 'ㄨ', KeyM: 'ㄩ', Digit8: 'ㄚ', KeyI: 'ㄛ', KeyK: 'ㄜ', Comma: 'ㄝ',
  Digit9: 'ㄞ', KeyO: 'ㄟ', KeyL: 'ㄠ', Period: 'ㄡ', Digit0: 'ㄢ', KeyP: 'ㄣ', Semicolon: 'ㄤ',
  Slash: 'ㄥ', Minus: 'ㄦ',
}

const AZERTY: Record<string, [string, string]> = {
  Digit1: ['&', '1'], Digit2: ['é', '2'], Digit3: ['"', '3'], Digit4: ["'", '4'], Digit5: ['(', '5'],
  Digit6: ['-', '6'], Digit7: ['è', '7'], Digit8: ['_', '8'], Digit9: ['ç', '9'], Digit0: ['à', '0'],
  KeyQ: ['a', 'A'], KeyA: ['q', 'Q'], KeyW: ['z', 'Z'], KeyZ: ['w', 'W'], Semicolon: ['m', 'M'],
  KeyM: [',', '?'], Comma: [';', '.'], Period: [':', '/'], Slash: ['!', '§'], Minus: [')', '°'],
  Equal: ['=', '+'],
}

function keyFor(layout: Layout, code: string, ch: string, shift: boolean): string {
  switch (layout) {
    case 'us':
      return ch
    case 'ime':
      return 'Process'
    case 'zhuyin-key':
      return ZHUYIN[code] ?? ch
    case 'azerty': {
      const k = AZERTY[code]
      return k ? k[shift ? 1 : 0] : ch
    }
  }
}

// ---------------------------------------------------------------------------------------
// Event builders

class TraceBuilder {
  readonly events: KeyTraceEvent[] = []
  constructor(private readonly layout: Layout) {}

  /** Types one character at time t (Shift goes down `shiftLead` ms before, if needed). */
  char(ch: string, t: number, shiftLead: number, composing: boolean): void {
    const k = codeForChar(ch)
    if (!k) throw new Error(`no key for ${JSON.stringify(ch)}`)
    if (k.shift) {
      // Shift goes down after the previous key (timestamps never go backwards).
      const prev = this.events.at(-1)?.timeStamp ?? Number.NEGATIVE_INFINITY
      const at = Math.min(q(t), Math.max(q(t - shiftLead), prev + 0.1))
      this.events.push({ type: 'keydown', code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: q(at) })
    }
    this.push({ code: k.code, key: keyFor(this.layout, k.code, ch, k.shift), shiftKey: k.shift, timeStamp: q(t) }, composing)
  }

  special(code: string, key: string, t: number, composing = false, extra: Partial<KeyTraceEvent> = {}): void {
    this.push({ code, key, shiftKey: false, timeStamp: q(t), ...extra }, composing)
  }

  private push(ev: Omit<KeyTraceEvent, 'type'>, composing: boolean): void {
    const e: KeyTraceEvent = { type: 'keydown', ...ev }
    if (this.layout === 'ime') {
      e.key = 'Process'
      e.keyCode = 229
      e.isComposing = composing
    }
    this.events.push(e)
  }
}

type Term = 'Enter' | 'Tab' | 'none'

function settingsFor(term: Term, prefix = '', suffix = ''): LabelledTrace['settings'] {
  return { terminators: term === 'none' ? [] : [term], prefix, suffix }
}

function terminate(b: TraceBuilder, term: Term, t: number, composing: boolean): void {
  if (term !== 'none') b.special(term, term, t, composing)
}

/** Scanner-speed typing of `text` from `t0`; returns the time of the last character. */
function scanChars(r: Rng, b: TraceBuilder, text: string, t0: number, speed: number, ime: boolean): number {
  let t = t0
  for (let i = 0; i < text.length; i++) {
    if (i > 0) t += scanGap(r, speed)
    // With an IME on, the first key starts the composition; later ones are composing.
    b.char(text[i]!, t, Math.min(1, speed / 2), ime && i > 0)
  }
  return t
}

function scanGap(r: Rng, speed: number): number {
  return Math.min(40, Math.max(2, speed + real(r, -3, 3)))
}

/** Human gap: 60–250 ms, or a fast pair's 30–40 ms when `fast`. */
function humanGap(r: Rng, fast: boolean): number {
  return fast ? real(r, 30, 40) : real(r, 60, 250)
}

/** Human typing of `text`; returns the time of the last key. */
function humanChars(
  r: Rng,
  b: TraceBuilder,
  text: string,
  t0: number,
  opts: { fastPairs: boolean; ime: boolean; backspace: boolean },
): number {
  let t = t0
  let prevFast = false
  let fastRun = 0
  for (let i = 0; i < text.length; i++) {
    if (i > 0) {
      // Fast typists: an occasional 35 ms pair, rarely a 3-key roll; never a sustained run.
      const fast: boolean = opts.fastPairs && (prevFast ? fastRun < 2 && chance(r, 0.1) : chance(r, 0.2))
      t += humanGap(r, fast)
      fastRun = fast ? fastRun + 1 : 0
      prevFast = fast
    }
    b.char(text[i]!, t, Math.min(40, 20 + r() * 20), opts.ime && i > 0)
    if (opts.backspace && i === Math.floor(text.length / 2) && chance(r, 0.5)) {
      // A typo fixed: an extra key, then Backspace.
      t += humanGap(r, false)
      b.char(pick(r, [...LOWER]), t, 20, opts.ime)
      t += humanGap(r, false)
      b.special('Backspace', opts.ime ? 'Process' : 'Backspace', t, opts.ime)
      prevFast = false
      fastRun = 0
    }
  }
  return t
}

// ---------------------------------------------------------------------------------------
// Trace makers

const TERMS: readonly Term[] = ['Enter', 'Tab', 'none']
const SCAN_VALUES: readonly ValueKind[] = ['phone', 'coupon', 'carrier']
const PREFIXES = ['#', ']C0', '@@', '*']
const SUFFIXES = ['$', '!', '~~']

function makeScan(r: Rng, kind: TraceKind): LabelledTrace {
  const layout: Layout =
    kind === 'scan-ime' ? 'ime' : kind === 'scan-zhuyin-key' ? 'zhuyin-key' : kind === 'scan-azerty' ? 'azerty' : 'us'
  const b = new TraceBuilder(layout)
  const term = pick(r, TERMS)
  const valueKind = pick(r, SCAN_VALUES)
  const value = makeValue(r, valueKind)
  const withAffixes = chance(r, 0.15)
  const prefix = withAffixes && chance(r, 0.7) ? pick(r, PREFIXES) : ''
  const suffix = withAffixes && (prefix === '' || chance(r, 0.5)) ? pick(r, SUFFIXES) : ''
  const speed = real(r, 2, 40)

  let t = real(r, 1_000, 5_000)
  // Sometimes a person was typing just before the scan.
  if (chance(r, 0.2)) {
    t = humanChars(r, b, makeValue(r, 'text').slice(0, int(r, 1, 4)), t, { fastPairs: true, ime: layout === 'ime', backspace: false })
    t += real(r, 100, 600)
  }
  const last = scanChars(r, b, prefix + value + suffix, t, speed, layout === 'ime')
  terminate(b, term, last + scanGap(r, speed), layout === 'ime')
  return { label: 'scan', kind, valueKind, value, settings: settingsFor(term, prefix, suffix), events: b.events }
}

function makeHuman(r: Rng, kind: TraceKind): LabelledTrace {
  const ime = kind === 'human-ime'
  const b = new TraceBuilder(ime ? 'ime' : pick(r, ['us', 'us', 'zhuyin-key', 'azerty'] as const))
  const term = pick(r, TERMS)
  const valueKind = pick(r, ['phone', 'coupon', 'carrier', 'text'] as const)
  const value = makeValue(r, valueKind)
  let t = real(r, 1_000, 5_000)

  if (kind === 'human-repeat') {
    // A held key auto-repeats every ~33 ms: fast, but never a scan.
    t = humanChars(r, b, value.slice(0, 3), t, { fastPairs: false, ime: false, backspace: false })
    const k = codeForChar(value[3] ?? '0')!
    t += humanGap(r, false)
    b.special(k.code, value[3] ?? '0', t, false, { shiftKey: k.shift })
    const repeats = int(r, 8, 30)
    for (let i = 0; i < repeats; i++) {
      t += real(r, 30, 36)
      b.special(k.code, value[3] ?? '0', t, false, { shiftKey: k.shift, repeat: true })
    }
  } else if (kind === 'human-paste') {
    b.special('ControlLeft', 'Control', t, false, { ctrlKey: true })
    t += real(r, 40, 120)
    b.special('KeyV', 'v', t, false, { ctrlKey: true })
  } else {
    t = humanChars(r, b, value, t, { fastPairs: kind === 'human-fast-pairs', ime, backspace: chance(r, 0.2) })
  }
  terminate(b, term, t + humanGap(r, false), ime)
  return { label: 'human', kind, valueKind, value, settings: settingsFor(term), events: b.events }
}

/** A scanner-fast burst broken by one slow gap: not a scan. */
function makeInterrupted(r: Rng, kind: 'interrupted' | 'late-terminator'): LabelledTrace {
  const layout = pick(r, ['us', 'us', 'ime'] as const)
  const b = new TraceBuilder(layout)
  const ime = layout === 'ime'
  const speed = real(r, 2, 40)
  const minLength = DEFAULT_SCANNER_SETTINGS.minLength
  let t = real(r, 1_000, 5_000)

  if (kind === 'late-terminator') {
    const term = pick(r, ['Enter', 'Tab'] as const)
    const valueKind = pick(r, SCAN_VALUES)
    const value = makeValue(r, valueKind)
    const last = scanChars(r, b, value, t, speed, ime)
    terminate(b, term, last + real(r, 80, 400), ime)
    return { label: 'human', kind, valueKind, value, settings: settingsFor(term), events: b.events }
  }

  const term = pick(r, TERMS)
  // Idle mode ends a burst at the gap too, so there both halves must be short: ≤ 10 chars.
  const valueKind = pick(r, SCAN_VALUES)
  const value = makeValue(r, valueKind, term === 'none' ? 2 * (minLength - 1) : 24)
  const maxTail = minLength - 1
  const minCut = Math.max(1, value.length - maxTail)
  const maxCut = term === 'none' ? Math.min(maxTail, value.length - 1) : value.length - 1
  const cut = int(r, minCut, Math.max(minCut, maxCut))
  let last = scanChars(r, b, value.slice(0, cut), t, speed, ime)
  t = last + real(r, 80, 400)
  last = scanChars(r, b, value.slice(cut), t, speed, ime)
  terminate(b, term, last + scanGap(r, speed), ime)
  return { label: 'human', kind, valueKind, value, settings: settingsFor(term), events: b.events }
}

/**
 * `n` labelled traces from `seed`, always the same for the same arguments. Mix: ~45 %
 * scans (US, IME 'Process', Zhuyin `key`, AZERTY), ~40 % human, ~15 % interrupted scans.
 */
export function generateTraces(n: number, seed: number): LabelledTrace[] {
  const r = mulberry32(seed)
  const out: LabelledTrace[] = []
  for (let i = 0; i < n; i++) {
    const x = r()
    if (x < 0.45) {
      out.push(makeScan(r, pick(r, ['scan', 'scan', 'scan-ime', 'scan-zhuyin-key', 'scan-azerty'] as const)))
    } else if (x < 0.85) {
      out.push(
        makeHuman(r, pick(r, ['human', 'human-fast-pairs', 'human-fast-pairs', 'human-ime', 'human-repeat', 'human-paste'] as const)),
      )
    } else {
      out.push(makeInterrupted(r, chance(r, 0.75) ? 'interrupted' : 'late-terminator'))
    }
  }
  return out
}

/**
 * Traces on both sides of the gap boundary, with whole-millisecond time stamps so a gap
 * is exact: `scan-at-gap` scans have every gap between `maxGapMs - 2` and `maxGapMs`,
 * at least one of them exactly `maxGapMs` (still one scan); `past-gap` bursts are the
 * same with one gap of `maxGapMs + 1` (labelled human, cut like `interrupted` so that no
 * fragment is a scan by itself).
 */
export function generateGapBoundaryTraces(n: number, seed: number, maxGapMs = DEFAULT_SCANNER_SETTINGS.maxGapMs): LabelledTrace[] {
  const r = mulberry32(seed)
  const minLength = DEFAULT_SCANNER_SETTINGS.minLength
  const out: LabelledTrace[] = []
  for (let i = 0; i < n; i++) {
    const past = chance(r, 0.5)
    const term = pick(r, TERMS)
    const ime = chance(r, 0.25)
    const valueKind = pick(r, SCAN_VALUES)
    const value = makeValue(r, valueKind, past && term === 'none' ? 2 * (minLength - 1) : 24)
    const gaps = [...value].slice(1).map(() => maxGapMs - int(r, 0, 2))
    gaps[int(r, 0, gaps.length - 1)] = maxGapMs
    if (past) {
      // The one slow gap leaves at most minLength - 1 characters after it (and before it, in idle mode).
      const lo = Math.max(1, value.length - (minLength - 1))
      const hi = term === 'none' ? Math.min(minLength - 1, value.length - 1) : value.length - 1
      gaps[int(r, lo, Math.max(lo, hi)) - 1] = maxGapMs + 1
    }
    const b = new TraceBuilder(ime ? 'ime' : 'us')
    let t = int(r, 1_000, 5_000)
    ;[...value].forEach((ch, j) => {
      if (j > 0) t += gaps[j - 1]!
      b.char(ch, t, 1, ime && j > 0)
    })
    terminate(b, term, t + maxGapMs - int(r, 0, 1), ime)
    out.push({ label: past ? 'human' : 'scan', kind: past ? 'past-gap' : 'scan-at-gap', valueKind, value, settings: settingsFor(term), events: b.events })
  }
  return out
}

export interface TraceOutcome {
  /** Whether the detector reported any scan. */
  recognised: boolean
  /** The first scanned value, or null. */
  value: string | null
  scans: string[]
  /** Characters the detector asked to swallow, and those it later handed back as human. */
  swallowed: string
  released: string
}

/**
 * Replays a trace through a fresh ScanDetector. `cfg` supplies the detection tuning
 * (maxGapMs, minLength, idleTimeoutMs); the trace's own `settings` (terminators,
 * prefix/suffix: how its scanner was programmed) override it. The idle timer is
 * emulated by ticking at each deadline, and once more at the end.
 */
export function traceToDetector(trace: LabelledTrace, cfg: ScannerSettings = DEFAULT_SCANNER_SETTINGS): TraceOutcome {
  const scans: string[] = []
  let released = ''
  let swallowed = ''
  const d = new ScanDetector({ ...cfg, ...trace.settings }, (s) => scans.push(s.value), {
    onRelease: (chars) => {
      released += chars
    },
  })
  for (const ev of trace.events) {
    const due = d.deadline()
    if (due !== null && due <= ev.timeStamp) d.tick(due)
    const before = d.burstLength
    if (d.feed(ev) === 'swallow' && d.burstLength > before) swallowed += scanCharOf(ev)
  }
  const last = trace.events.at(-1)?.timeStamp ?? 0
  d.tick(last + 60_000)
  return { recognised: scans.length > 0, value: scans[0] ?? null, scans, swallowed, released }
}

function scanCharOf(ev: KeyTraceEvent): string {
  // Mirrors the detector: the physical key decides the character.
  return charFromCode(ev.code, ev.shiftKey) ?? ''
}
