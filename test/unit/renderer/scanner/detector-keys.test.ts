import { describe, expect, it, vi } from 'vitest'
import type { ScannerSettings } from '@shared/contract'
import { DEFAULT_SCANNER_SETTINGS, ScanDetector, TICK_GRACE_MS, type KeyTraceEvent, type ScanEvent } from '../../../../src/scanner/detector'
import { codeForChar } from '../../../../src/scanner/keymap'

// Which keys belong to a scan and which end it, and the detector's clock: each case here
// is one a mutation test found unchecked (see test/MUTATION.md).

const GAP = DEFAULT_SCANNER_SETTINGS.maxGapMs

function chars(text: string, t0: number, gap = 10): KeyTraceEvent[] {
  return [...text].map((ch, i) => {
    const k = codeForChar(ch)!
    return { type: 'keydown', code: k.code, key: ch, shiftKey: k.shift, timeStamp: t0 + i * gap }
  })
}

const key = (code: string, t: number, extra: Partial<KeyTraceEvent> = {}): KeyTraceEvent => ({
  type: 'keydown',
  code,
  key: code,
  shiftKey: false,
  timeStamp: t,
  ...extra,
})

function detector(cfg: Partial<ScannerSettings> = {}) {
  const scans: ScanEvent[] = []
  const released: string[] = []
  const starts: number[] = []
  const d = new ScanDetector({ ...DEFAULT_SCANNER_SETTINGS, ...cfg }, (s) => scans.push(s), {
    onRelease: (c) => released.push(c),
    onBurstStart: (ev) => starts.push(ev.timeStamp),
  })
  return { d, scans, released, starts }
}

/** `A1B2C3` typed 10 ms apart from t=1000 with `extra` fed after the third character, then Enter. */
function scanWith(extra: KeyTraceEvent, cfg: Partial<ScannerSettings> = {}) {
  const x = detector(cfg)
  const [a, b, c, ...rest] = chars('A1B2C3', 1000)
  const verdicts = [a!, b!, c!].map((e) => x.d.feed(e))
  verdicts.push(x.d.feed(extra))
  for (const e of rest) verdicts.push(x.d.feed(e))
  verdicts.push(x.d.feed(key('Enter', 1060)))
  return { ...x, verdicts }
}

describe('ScanDetector: keys that are not characters', () => {
  const modifierCodes = [
    'ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight',
    'OSLeft', 'OSRight', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock',
  ]
  for (const code of modifierCodes) {
    it(`a lone ${code} inside a scan passes and does not break it`, () => {
      const { scans, verdicts } = scanWith(key(code, 1025))
      expect(verdicts[3]).toBe('pass')
      expect(scans.map((s) => s.value)).toEqual(['A1B2C3'])
    })
  }

  for (const k of ['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'NumLock', 'Fn']) {
    it(`a modifier known only by its key (${k}, no code) does not break a scan`, () => {
      const { scans, verdicts } = scanWith(key('', 1025, { key: k }))
      expect(verdicts[3]).toBe('pass')
      expect(scans.map((s) => s.value)).toEqual(['A1B2C3'])
    })
  }

  it('a key with no code that is not a modifier ends the burst as human', () => {
    const { scans, verdicts } = scanWith(key('', 1025, { key: 'Unidentified' }))
    expect(verdicts[3]).toBe('pass')
    expect(scans).toEqual([])
  })

  it('a physical key named like a modifier by its key value is still what its code says', () => {
    // code wins: KeyQ reporting key "Shift" (a remapped keyboard) is a character
    const x = detector()
    for (const e of chars('A1B', 1000)) x.d.feed(e)
    x.d.feed({ ...key('KeyQ', 1030), key: 'Shift' })
    expect(x.d.burstLength).toBe(4)
  })

  for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) {
    it(`a character with ${mod} (a shortcut) ends the burst: no scan`, () => {
      const { scans } = scanWith(key('KeyV', 1025, { [mod]: true }))
      expect(scans).toEqual([])
    })
  }

  it('only keydown events count', () => {
    const x = detector()
    expect(x.d.feed({ ...key('KeyA', 1000), type: 'keyup' as 'keydown' })).toBe('pass')
    expect(x.d.burstLength).toBe(0)
  })
})

describe('ScanDetector: terminators', () => {
  for (const k of ['Enter', 'Tab'] as const) {
    it(`a ${k} known only by its key value (no code) ends a scan`, () => {
      const x = detector()
      for (const e of chars('A1B2C3', 1000)) x.d.feed(e)
      expect(x.d.feed(key('', 1060, { key: k }))).toBe('swallow')
      expect(x.scans.map((s) => s.value)).toEqual(['A1B2C3'])
    })
  }

  it('a key with no code that is neither Enter nor Tab does not end a scan', () => {
    const x = detector()
    for (const e of chars('A1B2C3', 1000)) x.d.feed(e)
    expect(x.d.feed(key('', 1060, { key: 'Escape' }))).toBe('pass')
    expect(x.scans).toEqual([])
  })

  for (const mod of ['ctrlKey', 'altKey', 'metaKey', 'shiftKey'] as const) {
    it(`Enter with ${mod} is not the scanner's terminator`, () => {
      const x = detector()
      for (const e of chars('A1B2C3', 1000)) x.d.feed(e)
      expect(x.d.feed(key('Enter', 1060, { [mod]: true }))).toBe('pass')
      expect(x.scans).toEqual([])
    })
  }
})

describe('ScanDetector: input-method keys are never swallowed', () => {
  const variants: Array<[string, Partial<KeyTraceEvent>]> = [
    ['isComposing', { isComposing: true }],
    ['keyCode 229', { keyCode: 229 }],
    ["key 'Process'", { key: 'Process' }],
  ]
  for (const [name, extra] of variants) {
    it(`a scanner-fast character past the swallow point with ${name} passes`, () => {
      const x = detector()
      const evs = chars('A1B2C3', 1000).map((e) => ({ ...e, ...extra }))
      const verdicts = evs.map((e) => x.d.feed(e))
      expect(verdicts).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass'])
    })
  }

  it('the same characters without an input method are swallowed from the fifth on', () => {
    const x = detector()
    expect(chars('A1B2C3', 1000).map((e) => x.d.feed(e))).toEqual(['pass', 'pass', 'pass', 'pass', 'swallow', 'swallow'])
  })
})

describe('ScanDetector: its clock', () => {
  it('lastKeyTime is the last key of the burst, null when idle', () => {
    const x = detector()
    expect(x.d.lastKeyTime()).toBeNull()
    for (const e of chars('A1B', 1000, 7)) x.d.feed(e)
    expect(x.d.lastKeyTime()).toBe(1014)
  })

  it('deadline is gap + grace + 1 after the last key with terminators, null when idle', () => {
    const x = detector()
    expect(x.d.deadline()).toBeNull()
    for (const e of chars('A1B', 1000, 7)) x.d.feed(e)
    expect(x.d.deadline()).toBe(1014 + GAP + TICK_GRACE_MS + 1)
  })

  it('without terminators the deadline is the idle timeout after the last key', () => {
    const x = detector({ terminators: [], idleTimeoutMs: 120 })
    for (const e of chars('A1B', 1000, 7)) x.d.feed(e)
    expect(x.d.deadline()).toBe(1014 + 120)
  })

  it('an idle timeout shorter than the gap is stretched to just past the gap', () => {
    const x = detector({ terminators: [], idleTimeoutMs: 10 })
    for (const e of chars('A1B2C3', 1000)) x.d.feed(e)
    expect(x.d.deadline()).toBe(1050 + GAP + 1)
    x.d.tick(1050 + GAP)
    expect(x.scans).toEqual([])
    x.d.tick(1050 + GAP + 1)
    expect(x.scans).toEqual([{ value: 'A1B2C3', startedAt: 1000, endedAt: 1050 }])
  })

  it('a scan ended by a non-character key in idle mode ends at its last character', () => {
    const x = detector({ terminators: [] })
    for (const e of chars('A1B2C3', 1000, 10)) x.d.feed(e)
    x.d.feed(key('Escape', 1055))
    expect(x.scans).toEqual([{ value: 'A1B2C3', startedAt: 1000, endedAt: 1050 }])
  })

  it('onBurstStart fires once per burst, at its first character', () => {
    const x = detector()
    for (const e of chars('A1B2C3', 1000)) x.d.feed(e)
    x.d.feed(key('Enter', 1060))
    for (const e of chars('XY', 2000)) x.d.feed(e)
    expect(x.starts).toEqual([1000, 2000])
  })
})

describe('ScanDetector: handing characters back', () => {
  it('a short human burst that swallowed nothing releases nothing', () => {
    const x = detector()
    for (const e of chars('AB', 1000, 100)) x.d.feed(e)
    x.d.feed(key('Enter', 1300))
    x.d.reset()
    expect(x.released).toEqual([])
  })

  it('without an onRelease hook, a swallowed burst that turns human is dropped without error', () => {
    const onScan = vi.fn()
    const d = new ScanDetector(DEFAULT_SCANNER_SETTINGS, onScan)
    for (const e of chars('A1B2C', 1000)) d.feed(e)
    expect(() => d.feed(key('Backspace', 1045))).not.toThrow()
    expect(onScan).not.toHaveBeenCalled()
    expect(d.burstLength).toBe(0)
  })
})
