import { describe, expect, it } from 'vitest'
import type { ScannerSettings } from '@shared/contract'
import {
  DEFAULT_SCANNER_SETTINGS,
  TICK_GRACE_MS,
  ScanDetector,
  SWALLOW_AFTER,
  type KeyTraceEvent,
  type ScanEvent,
} from '../../../../src/scanner/detector'
import { codeForChar } from '../../../../src/scanner/keymap'

type Layout = 'us' | 'ime' | ((code: string, ch: string) => string)

/** keydown events typing `text` at the given gaps (a number, or one gap per character after the first). */
function typed(text: string, gaps: number | number[], t0 = 1000, layout: Layout = 'us'): KeyTraceEvent[] {
  const out: KeyTraceEvent[] = []
  let t = t0
  ;[...text].forEach((ch, i) => {
    if (i > 0) t += typeof gaps === 'number' ? gaps : gaps[i - 1]!
    const k = codeForChar(ch)
    if (!k) throw new Error(ch)
    if (k.shift) out.push({ type: 'keydown', code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: t - 0.5 })
    const ev: KeyTraceEvent = { type: 'keydown', code: k.code, key: ch, shiftKey: k.shift, timeStamp: t }
    if (layout === 'ime') Object.assign(ev, { key: 'Process', keyCode: 229, isComposing: i > 0 })
    else if (typeof layout === 'function') ev.key = layout(k.code, ch)
    out.push(ev)
  })
  return out
}

function key(code: string, t: number, extra: Partial<KeyTraceEvent> = {}): KeyTraceEvent {
  return { type: 'keydown', code, key: code, shiftKey: false, timeStamp: t, ...extra }
}

const lastT = (evs: KeyTraceEvent[]): number => evs.at(-1)!.timeStamp

function run(events: KeyTraceEvent[], cfg: Partial<ScannerSettings> = {}, tickAt?: number) {
  const scans: ScanEvent[] = []
  const released: string[] = []
  const d = new ScanDetector({ ...DEFAULT_SCANNER_SETTINGS, ...cfg }, (s) => scans.push(s), {
    onRelease: (c) => released.push(c),
  })
  const verdicts = events.map((e) => d.feed(e))
  if (tickAt !== undefined) d.tick(tickAt)
  return { scans, released, verdicts, d }
}

describe('DEFAULT_SCANNER_SETTINGS', () => {
  it('has a maxGapMs in the 30–50 ms range and sensible defaults', () => {
    expect(DEFAULT_SCANNER_SETTINGS.maxGapMs).toBeGreaterThanOrEqual(30)
    expect(DEFAULT_SCANNER_SETTINGS.maxGapMs).toBeLessThanOrEqual(50)
    expect(DEFAULT_SCANNER_SETTINGS.minLength).toBe(6)
    expect(DEFAULT_SCANNER_SETTINGS.terminators).toEqual(['Enter', 'Tab'])
  })
})

describe('ScanDetector: scanner bursts', () => {
  const phone = '0912345678'
  for (const gap of [2, 10, 25, 40]) {
    it(`Enter-terminated scan at ${gap} ms gaps is recognised and its Enter swallowed`, () => {
      const evs = typed(phone, gap)
      evs.push(key('Enter', lastT(evs) + gap))
      const { scans, verdicts } = run(evs, { terminators: ['Enter'] })
      expect(scans).toHaveLength(1)
      expect(scans[0]).toMatchObject({ value: phone, startedAt: 1000, endedAt: lastT(evs) })
      expect(verdicts.at(-1)).toBe('swallow')
    })

    it(`Tab-terminated scan at ${gap} ms gaps is recognised`, () => {
      const evs = typed('CPN-2024-A1', gap)
      evs.push(key('Tab', lastT(evs) + gap))
      const { scans, verdicts } = run(evs, { terminators: ['Tab'] })
      expect(scans.map((s) => s.value)).toEqual(['CPN-2024-A1'])
      expect(verdicts.at(-1)).toBe('swallow')
    })

    it(`unterminated scan at ${gap} ms gaps is recognised at the idle timeout, not before`, () => {
      const evs = typed('/AB+C.-9', gap)
      const { scans, d } = run(evs, { terminators: [], idleTimeoutMs: 80 })
      expect(scans).toHaveLength(0)
      d.tick(lastT(evs) + 79)
      expect(scans).toHaveLength(0)
      d.tick(lastT(evs) + 80)
      expect(scans.map((s) => s.value)).toEqual(['/AB+C.-9'])
    })
  }

  it('with jittered 2–40 ms gaps every terminator config recognises the code', () => {
    const gaps = [2, 40, 17, 3, 39, 22, 8, 31, 12]
    for (const terminators of [['Enter'], ['Tab'], [], ['Enter', 'Tab']] as ScannerSettings['terminators'][]) {
      const evs = typed(phone, gaps)
      const end = terminators[0]
      if (end) evs.push(key(end, lastT(evs) + 40))
      const { scans } = run(evs, { terminators }, lastT(evs) + 1000)
      expect(scans.map((s) => s.value), JSON.stringify(terminators)).toEqual([phone])
    }
  })

  it('an idle-mode burst ended by a slow next key is emitted before that key starts a new burst', () => {
    const evs = typed(phone, 10)
    evs.push(...typed('x', 0, lastT(evs) + 300))
    const { scans, verdicts } = run(evs, { terminators: [] })
    expect(scans.map((s) => s.value)).toEqual([phone])
    expect(verdicts.at(-1)).toBe('pass')
  })

  it('with no terminators configured, a scanner-fast Enter right after the burst is swallowed', () => {
    const evs = typed(phone, 10)
    evs.push(key('Enter', lastT(evs) + 10))
    const { scans, verdicts } = run(evs, { terminators: [] })
    expect(scans.map((s) => s.value)).toEqual([phone])
    expect(verdicts.at(-1)).toBe('swallow')
  })

  it('a second terminator right after a scan (Tab+Enter suffix) is swallowed too', () => {
    const evs = typed(phone, 10)
    evs.push(key('Tab', lastT(evs) + 10), key('Enter', lastT(evs) + 20))
    const { scans, verdicts } = run(evs)
    expect(scans).toHaveLength(1)
    expect(verdicts.slice(-2)).toEqual(['swallow', 'swallow'])
  })

  it('a terminator that is not configured does not end a scan', () => {
    const evs = typed(phone, 10)
    evs.push(key('Tab', lastT(evs) + 10))
    const { scans, verdicts } = run(evs, { terminators: ['Enter'] })
    expect(scans).toHaveLength(0)
    expect(verdicts.at(-1)).toBe('pass')
  })

  it('two scans back to back are two scans', () => {
    const a = typed('0912345678', 5)
    a.push(key('Enter', lastT(a) + 5))
    const b = typed('0987654321', 5, lastT(a) + 400)
    b.push(key('Enter', lastT(b) + 5))
    expect(run([...a, ...b]).scans.map((s) => s.value)).toEqual(['0912345678', '0987654321'])
  })
})

describe('ScanDetector: people typing', () => {
  it('human typing at 60–250 ms gaps followed by Enter is never a scan, and Enter passes', () => {
    const gaps = [60, 250, 61, 120, 75, 200, 90, 65, 180]
    for (const terminators of [['Enter'], []] as ScannerSettings['terminators'][]) {
      const evs = typed('0912345678', gaps)
      evs.push(key('Enter', lastT(evs) + 70))
      const { scans, verdicts } = run(evs, { terminators }, lastT(evs) + 5000)
      expect(scans).toHaveLength(0)
      expect(verdicts.every((v) => v === 'pass')).toBe(true)
    }
  })

  it("a fast typist's occasional 35 ms pair is not a scan", () => {
    // "th" and "er" rolled at 35 ms, everything else at human speed, Enter fast after a pair.
    const evs = typed('there', [35, 120, 35, 90])
    evs.push(key('Enter', lastT(evs) + 35))
    const { scans, verdicts } = run(evs, { minLength: 3 })
    expect(scans).toHaveLength(0)
    expect(verdicts.at(-1)).toBe('pass')
  })

  it('a lone fast pair + fast Enter is never a scan even with the smallest minLength', () => {
    const evs = typed('ab', 35)
    evs.push(key('Enter', lastT(evs) + 35))
    expect(run(evs, { minLength: 1 }).scans).toHaveLength(0)
    expect(run(typed('ab', 35), { minLength: 1, terminators: [] }, 5000).scans).toHaveLength(0)
  })

  it('a held key auto-repeating at 33 ms is not a scan', () => {
    const evs = [key('Digit0', 1000, { key: '0' })]
    for (let i = 1; i <= 20; i++) evs.push(key('Digit0', 1000 + 33 * i, { key: '0', repeat: true }))
    evs.push(key('Enter', lastT(evs) + 33))
    expect(run(evs).scans).toHaveLength(0)
    expect(run(evs, { terminators: [] }, 9999).scans).toHaveLength(0)
  })

  it('Ctrl/Alt/Meta combos are not scan characters and end the burst', () => {
    const evs = typed('09123', 5)
    evs.push(key('KeyV', lastT(evs) + 5, { ctrlKey: true, key: 'v' }))
    const rest = typed('45678', 5, lastT(evs) + 5)
    evs.push(...rest, key('Enter', lastT(rest) + 5))
    const { scans } = run(evs)
    // "09123" is cut by Ctrl+V; "45678" is only 5 characters.
    expect(scans).toHaveLength(0)
  })

  it('Shift on its own does not break or extend a burst', () => {
    const evs = typed('ABCDEFG', 10)
    expect(evs.filter((e) => e.code === 'ShiftLeft')).toHaveLength(7)
    evs.push(key('Enter', lastT(evs) + 10))
    expect(run(evs).scans.map((s) => s.value)).toEqual(['ABCDEFG'])
  })
})

describe('ScanDetector: characters come from the physical key', () => {
  it('scans typed through the Zhuyin IME (Process, keyCode 229, composing) give the ASCII code', () => {
    const evs = typed('0912345678', 8, 1000, 'ime')
    expect(evs.every((e) => e.key === 'Process' && e.keyCode === 229)).toBe(true)
    evs.push(key('Enter', lastT(evs) + 8, { key: 'Process', keyCode: 229, isComposing: true }))
    const { scans, verdicts } = run(evs)
    expect(scans.map((s) => s.value)).toEqual(['0912345678'])
    // IME keys are never swallowed (preventDefault cannot stop an IME); the Enter is.
    expect(verdicts.slice(0, -1).every((v) => v === 'pass')).toBe(true)
    expect(verdicts.at(-1)).toBe('swallow')
  })

  it('Shift-ed letters and symbols come out as upper case and US symbols', () => {
    const code = 'Ab-12!@#$%^&*()_+{}|:"<>?~Z'
    const evs = typed(code, 6)
    evs.push(key('Enter', lastT(evs) + 6))
    expect(run(evs).scans.map((s) => s.value)).toEqual([code])
  })

  it('an e-invoice carrier with Shift-ed + and capitals', () => {
    const evs = typed('/AB+C.-9', 12)
    evs.push(key('Enter', lastT(evs) + 12))
    expect(run(evs).scans.map((s) => s.value)).toEqual(['/AB+C.-9'])
  })

  it('non-US layout key values (Zhuyin symbols, AZERTY) are ignored in favour of code', () => {
    const zhuyin: Record<string, string> = { Digit0: 'ㄢ', Digit9: 'ㄞ', Digit1: 'ㄅ', Digit2: 'ㄉ', KeyA: 'ㄇ' }
    const azerty: Record<string, string> = { Digit0: 'à', Digit9: 'ç', Digit1: '&', Digit2: 'é', KeyA: 'q', KeyQ: 'a' }
    for (const map of [zhuyin, azerty]) {
      const evs = typed('0912aqAQ', 9, 1000, (code, ch) => map[code] ?? ch)
      expect(evs.some((e) => e.key !== 'Shift' && e.key !== 'Process' && /[ㄢà]/.test(e.key))).toBe(true)
      evs.push(key('Enter', lastT(evs) + 9))
      expect(run(evs).scans.map((s) => s.value)).toEqual(['0912aqAQ'])
    }
  })

  it('keypad digits and operators scan like the main row', () => {
    const codes = ['Numpad0', 'Numpad9', 'Numpad1', 'NumpadSubtract', 'Numpad2', 'NumpadDecimal', 'Numpad3']
    const evs = codes.map((c, i) => key(c, 1000 + i * 7))
    evs.push(key('NumpadEnter', lastT(evs) + 7))
    expect(run(evs).scans.map((s) => s.value)).toEqual(['091-2.3'])
  })
})

describe('ScanDetector: prefix, suffix, minimum length', () => {
  it('strips a configured prefix and suffix', () => {
    const evs = typed(']C00912345678$', 5)
    evs.push(key('Enter', lastT(evs) + 5))
    expect(run(evs, { prefix: ']C0', suffix: '$' }).scans.map((s) => s.value)).toEqual(['0912345678'])
  })

  it('a burst without the configured prefix or suffix is not a scan', () => {
    for (const text of ['0912345678$', ']C00912345678']) {
      const evs = typed(text, 5)
      evs.push(key('Enter', lastT(evs) + 5))
      expect(run(evs, { prefix: ']C0', suffix: '$' }).scans).toHaveLength(0)
    }
  })

  it('minLength applies to the value without prefix/suffix', () => {
    const mk = (s: string) => {
      const evs = typed(s, 5)
      evs.push(key('Enter', lastT(evs) + 5))
      return evs
    }
    expect(run(mk('ABCDE'), { minLength: 6 }).scans).toHaveLength(0)
    expect(run(mk('ABCDEF'), { minLength: 6 }).scans.map((s) => s.value)).toEqual(['ABCDEF'])
    expect(run(mk('ABCDE'), { minLength: 5 }).scans.map((s) => s.value)).toEqual(['ABCDE'])
    expect(run(mk('#ABCDE'), { minLength: 6, prefix: '#' }).scans).toHaveLength(0)
    expect(run(mk('ABCDEFGHIJ'), { minLength: 11 }).scans).toHaveLength(0)
    expect(run(mk('ABC'), { minLength: 3, terminators: [] }, 9999).scans.map((s) => s.value)).toEqual(['ABC'])
  })
})

describe('ScanDetector: broken bursts', () => {
  it('a scan interrupted by one slow gap is not a scan (Enter)', () => {
    const gaps = [8, 8, 8, 8, 150, 8, 8, 8, 8]
    const evs = typed('0912345678', gaps)
    evs.push(key('Enter', lastT(evs) + 8))
    const { scans, verdicts } = run(evs)
    expect(scans).toHaveLength(0)
    expect(verdicts.at(-1)).toBe('pass')
  })

  it('a scan interrupted by one slow gap is not a scan (idle timeout)', () => {
    const evs = typed('0912345678', [8, 8, 8, 8, 150, 8, 8, 8, 8])
    expect(run(evs, { terminators: [] }, lastT(evs) + 1000).scans).toHaveLength(0)
  })

  it('a terminator that arrives after a slow gap passes through untouched', () => {
    const evs = typed('0912345678', 8)
    evs.push(key('Enter', lastT(evs) + 120))
    const { scans, verdicts } = run(evs)
    expect(scans).toHaveLength(0)
    expect(verdicts.at(-1)).toBe('pass')
  })
})

describe('ScanDetector: swallowing and giving back', () => {
  it(`swallows characters after ${SWALLOW_AFTER} scanner-fast keys`, () => {
    const evs = typed('0912345678', 5)
    evs.push(key('Enter', lastT(evs) + 5))
    const { verdicts } = run(evs)
    expect(verdicts).toEqual([
      ...Array(SWALLOW_AFTER).fill('pass'),
      ...Array(10 - SWALLOW_AFTER).fill('swallow'),
      'swallow',
    ])
  })

  it('gives swallowed characters back when the burst turns out human (slow gap)', () => {
    const evs = typed('abcdefg', [20, 20, 20, 20, 20, 300])
    const { verdicts, released, scans } = run(evs)
    expect(verdicts.filter((v) => v === 'swallow')).toHaveLength(2) // e, f
    expect(released).toEqual(['ef'])
    expect(scans).toHaveLength(0)
  })

  it('gives them back on tick when nothing else is typed', () => {
    const evs = typed('abcdef', 20)
    const { released, d } = run(evs)
    expect(released).toEqual([])
    d.tick(lastT(evs) + DEFAULT_SCANNER_SETTINGS.maxGapMs + TICK_GRACE_MS)
    expect(released).toEqual([])
    d.tick(lastT(evs) + DEFAULT_SCANNER_SETTINGS.maxGapMs + TICK_GRACE_MS + 1)
    expect(released).toEqual(['ef'])
  })

  it('gives them back before a Backspace or a non-qualifying Enter', () => {
    const a = typed('abcdef', 20)
    a.push(key('Backspace', lastT(a) + 20))
    expect(run(a).released).toEqual(['ef'])
    const b = typed('#abcdef', 20)
    b.push(key('Enter', lastT(b) + 20))
    const rb = run(b, { prefix: '$' })
    expect(rb.released).toEqual(['def'])
    expect(rb.verdicts.at(-1)).toBe('pass')
  })

  it('reset() hands back swallowed characters and forgets the burst', () => {
    const evs = typed('abcdef', 20)
    const { released, d } = run(evs)
    d.reset()
    expect(released).toEqual(['ef'])
    expect(d.burstLength).toBe(0)
    d.feed(key('Enter', lastT(evs) + 5))
    expect(released).toEqual(['ef'])
  })
})

describe('ScanDetector: the gap boundary', () => {
  // A gap of exactly maxGapMs keeps the burst together; one millisecond more breaks it.
  // Integer time stamps, so the gap is exact in floating point.
  for (const maxGapMs of [DEFAULT_SCANNER_SETTINGS.maxGapMs, 30]) {
    it(`characters exactly ${maxGapMs} ms apart, and the Enter too, are one scan`, () => {
      const evs = typed('0912345678', maxGapMs)
      evs.push(key('Enter', lastT(evs) + maxGapMs))
      const { scans, verdicts } = run(evs, { maxGapMs })
      expect(scans.map((s) => s.value)).toEqual(['0912345678'])
      expect(verdicts.at(-1)).toBe('swallow')
    })

    it(`one gap of ${maxGapMs + 1} ms in the middle splits it: no scan, the Enter passes`, () => {
      const gaps = [maxGapMs, maxGapMs, maxGapMs, maxGapMs, maxGapMs + 1, maxGapMs, maxGapMs, maxGapMs, maxGapMs]
      const evs = typed('0912345678', gaps)
      evs.push(key('Enter', lastT(evs) + maxGapMs))
      const { scans, verdicts } = run(evs, { maxGapMs })
      expect(scans).toEqual([])
      expect(verdicts.at(-1)).toBe('pass')
    })

    it(`an Enter ${maxGapMs + 1} ms after the last character is not the scan's`, () => {
      const evs = typed('0912345678', maxGapMs)
      evs.push(key('Enter', lastT(evs) + maxGapMs + 1))
      const { scans, verdicts } = run(evs, { maxGapMs })
      expect(scans).toEqual([])
      expect(verdicts.at(-1)).toBe('pass')
    })

    it(`a second terminator exactly ${maxGapMs} ms after a scan is swallowed, ${maxGapMs + 1} ms after it is not`, () => {
      const evs = typed('0912345678', 5)
      evs.push(key('Tab', lastT(evs) + 5))
      const at = lastT(evs)
      expect(run([...evs, key('Enter', at + maxGapMs)], { maxGapMs }).verdicts.at(-1)).toBe('swallow')
      expect(run([...evs, key('Enter', at + maxGapMs + 1)], { maxGapMs }).verdicts.at(-1)).toBe('pass')
    })
  }

  it('with no terminator, characters exactly maxGapMs apart are one scan at the idle timeout', () => {
    const evs = typed('/AB+C.-9', DEFAULT_SCANNER_SETTINGS.maxGapMs)
    expect(run(evs, { terminators: [] }, lastT(evs) + 1000).scans.map((s) => s.value)).toEqual(['/AB+C.-9'])
  })
})
