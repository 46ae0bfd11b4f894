/* global window, document, KeyboardEvent */
// Bundled by bench/scanner.mjs (vite, IIFE) and loaded into a blank Chromium page: the same
// labelled keystroke traces replayed as real DOM KeyboardEvents to our detector's DOM binding,
// onscan.js and @point-of-sale/keyboard-barcode-scanner, one library at a time.
//
// Clock: onscan.js reads Date.now() and setTimeout, the point-of-sale library performance.now()
// and setInterval, our binding its `now` option. Replaying in real time would take minutes
// and add the harness's own jitter on a busy 2-core machine, so every trace runs on one
// virtual clock: Date.now, performance.now, setTimeout/setInterval (and their clear*) are
// replaced while a trace plays; before each key event the clock advances to the key's
// timestamp, firing every timer due on the way, in order. Each library sees exactly the
// trace's timing and nothing else.
import KeyboardBarcodeScanner from '@point-of-sale/keyboard-barcode-scanner'
import JsBarcode from 'jsbarcode'
import onScan from 'onscan.js'
import { DEFAULT_SCANNER_SETTINGS } from '../../electron/shared/contract.ts'
import { attachScanner } from '../../src/scanner/dom-binding.ts'
import { generateTraces, traceToDetector } from '../../test/support/scan-traces.ts'

class VirtualClock {
  constructor() {
    this.now = 0
    this.timers = new Map()
    this.nextId = 1
  }

  install() {
    const w = window
    this.saved = { setTimeout: w.setTimeout, clearTimeout: w.clearTimeout, setInterval: w.setInterval, clearInterval: w.clearInterval, dateNow: Date.now, perfNow: w.performance.now }
    const add = (fn, ms, args, repeat) => {
      const id = this.nextId++
      const every = Math.max(0, Number(ms) || 0)
      this.timers.set(id, { at: this.now + every, fn, args, every: repeat ? Math.max(1, every) : null })
      return id
    }
    w.setTimeout = (fn, ms, ...args) => add(fn, ms, args, false)
    w.setInterval = (fn, ms, ...args) => add(fn, ms, args, true)
    w.clearTimeout = w.clearInterval = (id) => this.timers.delete(id)
    Date.now = () => 1_700_000_000_000 + Math.floor(this.now)
    w.performance.now = () => this.now
  }

  uninstall() {
    const w = window
    w.setTimeout = this.saved.setTimeout
    w.clearTimeout = this.saved.clearTimeout
    w.setInterval = this.saved.setInterval
    w.clearInterval = this.saved.clearInterval
    Date.now = this.saved.dateNow
    delete w.performance.now
    this.timers.clear()
  }

  advanceTo(t) {
    for (;;) {
      let nextId = null
      let next = null
      for (const [id, timer] of this.timers) {
        if (timer.at <= t && (next === null || timer.at < next.at || (timer.at === next.at && id < nextId))) {
          next = timer
          nextId = id
        }
      }
      if (next === null) break
      this.now = Math.max(this.now, next.at)
      if (next.every === null) this.timers.delete(nextId)
      else next.at += next.every
      next.fn(...next.args)
    }
    this.now = Math.max(this.now, t)
  }
}

// keyCode as Windows reports it for these keys: the IME's 229 when the trace says so,
// letters by the character typed (layout-dependent, like Windows virtual keys), else the
// physical key's US virtual-key code.
const VK = {
  Enter: 13, NumpadEnter: 13, Tab: 9, Backspace: 8, Space: 32, Escape: 27,
  ShiftLeft: 16, ShiftRight: 16, ControlLeft: 17, ControlRight: 17, AltLeft: 18, AltRight: 18,
  Minus: 189, Equal: 187, Period: 190, Comma: 188, Slash: 191, Semicolon: 186, Quote: 222,
  BracketLeft: 219, BracketRight: 221, Backslash: 220, Backquote: 192,
}
function keyCodeOf(ev) {
  if (ev.keyCode !== undefined) return ev.keyCode
  if (/^[a-z]$/i.test(ev.key)) return ev.key.toUpperCase().charCodeAt(0)
  const m = /^(Digit|Key)(.)$/.exec(ev.code)
  if (m) return m[2].charCodeAt(0)
  return VK[ev.code] ?? 0
}

function fire(ev) {
  const e = new KeyboardEvent('keydown', {
    key: ev.key,
    code: ev.code,
    shiftKey: ev.shiftKey === true,
    ctrlKey: ev.ctrlKey === true,
    altKey: ev.altKey === true,
    metaKey: ev.metaKey === true,
    repeat: ev.repeat === true,
    isComposing: ev.isComposing === true,
    bubbles: true,
    cancelable: true,
    composed: true,
  })
  const kc = keyCodeOf(ev)
  Object.defineProperty(e, 'keyCode', { get: () => kc })
  Object.defineProperty(e, 'which', { get: () => kc })
  document.body.dispatchEvent(e)
}

/** Each contender: attach(trace, onValue) → detach. */
const CONTENDERS = {
  ours: {
    label: 'this app (src/scanner, DOM binding)',
    options: { ...DEFAULT_SCANNER_SETTINGS },
    attach(trace, onValue, clock) {
      // The trace's scanner programming (terminator, prefix/suffix) is what the store would configure.
      const settings = { ...DEFAULT_SCANNER_SETTINGS, ...trace.settings }
      return attachScanner(window, () => settings, (v) => void onValue(v), { now: () => clock.now, trustedOnly: false })
    },
  },
  onscanDefault: {
    label: 'onscan.js 1.5 (defaults)',
    options: { avgTimeByChar: 30, minLength: 6, suffixKeyCodes: [9, 13], timeBeforeScanTest: 100 },
    attach(_trace, onValue) {
      onScan.attachTo(document, { onScan: (code) => onValue(String(code)) })
      return () => onScan.detachFrom(document)
    },
  },
  onscanTuned: {
    label: 'onscan.js 1.5 (tuned to ours)',
    options: { avgTimeByChar: 50, minLength: 6, suffixKeyCodes: [9, 13], timeBeforeScanTest: 100 },
    attach(_trace, onValue) {
      onScan.attachTo(document, { ...this.options, onScan: (code) => onValue(String(code)) })
      return () => onScan.detachFrom(document)
    },
  },
  posDefault: {
    label: '@point-of-sale/keyboard-barcode-scanner 1.1 (defaults)',
    options: { timing: 'auto' },
    attach(_trace, onValue) {
      const s = new KeyboardBarcodeScanner()
      s.addEventListener('barcode', (b) => onValue(b.value))
      void s.connect()
      return () => void s.disconnect()
    },
  },
  posTuned: {
    label: '@point-of-sale/keyboard-barcode-scanner 1.1 (timing 50 ms)',
    options: { timing: 50 },
    attach(_trace, onValue) {
      const s = new KeyboardBarcodeScanner(this.options)
      s.addEventListener('barcode', (b) => onValue(b.value))
      void s.connect()
      return () => void s.disconnect()
    },
  },
}

/** A library does not know the store's prefix/suffix: strip them from what it reports, in its favour. */
function normalise(value, trace) {
  let v = value
  const { prefix, suffix } = trace.settings
  if (prefix && v.startsWith(prefix)) v = v.slice(prefix.length)
  if (suffix && v.endsWith(suffix)) v = v.slice(0, v.length - suffix.length)
  return v
}

function replay(contender, trace) {
  const values = []
  const clock = new VirtualClock()
  clock.install()
  let detach = null
  try {
    const t0 = trace.events[0]?.timeStamp ?? 0
    clock.now = t0 - 1000
    detach = contender.attach(trace, (v) => values.push(v), clock)
    for (const ev of trace.events) {
      clock.advanceTo(ev.timeStamp)
      fire(ev)
    }
    clock.advanceTo((trace.events.at(-1)?.timeStamp ?? t0) + 10_000)
  } finally {
    detach?.()
    clock.advanceTo(clock.now + 1)
    clock.uninstall()
  }
  return values
}

function score(results) {
  const out = { scans: 0, recognised: 0, wrongValue: 0, humans: 0, falsePositives: 0, byKind: {} }
  for (const { trace, values } of results) {
    const k = (out.byKind[trace.kind] ??= { n: 0, hit: 0 })
    k.n++
    if (trace.label === 'scan') {
      out.scans++
      const ok = values.some((v) => normalise(v, trace) === trace.value)
      if (ok) {
        out.recognised++
        k.hit++
      } else if (values.length > 0) out.wrongValue++
    } else {
      out.humans++
      if (values.length > 0) {
        out.falsePositives++
        k.hit++
      }
    }
  }
  out.recognitionRate = out.recognised / out.scans
  out.falsePositiveRate = out.falsePositives / out.humans
  return out
}

function runScanner(n, seed) {
  const traces = generateTraces(n, seed)
  const report = {}
  for (const [id, c] of Object.entries(CONTENDERS)) {
    const started = window.performance.now()
    const results = traces.map((trace) => ({ trace, values: replay(c, trace) }))
    report[id] = { label: c.label, options: c.options, ...score(results), replayMs: window.performance.now() - started }
  }
  // Cross-check: the detector fed the same traces directly (no DOM, no clock swap).
  report.oursPure = {
    label: 'this app (ScanDetector.feed, no DOM)',
    options: { ...DEFAULT_SCANNER_SETTINGS },
    ...score(traces.map((trace) => ({ trace, values: traceToDetector(trace).scans }))),
  }
  return { traces: traces.length, seed, report }
}

/** JsBarcode alone, called as src/composables/useBarcode.ts does: measure, then draw. */
function timeJsBarcode(code, runs) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  document.body.appendChild(svg)
  const once = () => {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
    JsBarcode(probe, code, { format: 'CODE128', width: 1, margin: 0, displayValue: false, height: 1 })
    const modules = Number.parseFloat(probe.getAttribute('width') ?? '0') + 20
    const n = Math.max(2, Math.min(8, Math.floor(1200 / modules)))
    JsBarcode(svg, code, { format: 'CODE128', width: n, height: 360, margin: 10 * n, displayValue: false, background: '#ffffff', lineColor: '#000000' })
    svg.getBoundingClientRect() // layout, as the page's ResizeObserver would force
  }
  for (let i = 0; i < 20; i++) once()
  const times = []
  for (let i = 0; i < runs; i++) {
    const t0 = window.performance.now()
    once()
    times.push(window.performance.now() - t0)
  }
  svg.remove()
  return times
}

/**
 * The input-method case in real time: one contender attached to the page as the app would
 * attach it (real clock, trusted key events only for ours), a field holding text with a
 * selection, and scans typed through the IME by the bench over CDP. `imeCheck` reports
 * what the last scan left: the values recognised, and whether the field (value and
 * selection) is as it was.
 */
const IME_FIELD_TEXT = '王大明'
let imeDetach = null
let imeValues = []

function imeAttach(id) {
  imeDetach?.()
  imeValues = []
  document.body.innerHTML = '<input id="ime-field" autocomplete="off">'
  const c = CONTENDERS[id]
  imeDetach =
    id === 'ours'
      ? attachScanner(window, () => DEFAULT_SCANNER_SETTINGS, (v) => void imeValues.push(v))
      : c.attach({ settings: DEFAULT_SCANNER_SETTINGS }, (v) => imeValues.push(v))
  imeReset()
}

function imeReset() {
  const el = document.getElementById('ime-field')
  el.value = IME_FIELD_TEXT
  el.focus()
  el.setSelectionRange(1, 2)
  imeValues = []
}

function imeCheck() {
  const el = document.getElementById('ime-field')
  return { values: imeValues, clean: el.value === IME_FIELD_TEXT && el.selectionStart === 1 && el.selectionEnd === 2, value: el.value }
}

function imeDetachAll() {
  imeDetach?.()
  imeDetach = null
}

window.benchScannerPage = { runScanner, timeJsBarcode, imeAttach, imeReset, imeCheck, imeDetachAll }
