import { describe, expect, it } from 'vitest'
import { DEFAULT_SCANNER_SETTINGS } from '../../../../src/scanner/detector'
import { generateGapBoundaryTraces, generateTraces, traceToDetector } from '../../../support/scan-traces'

describe('generateTraces', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateTraces(50, 7)).toEqual(generateTraces(50, 7))
    expect(generateTraces(50, 7)).not.toEqual(generateTraces(50, 8))
  })

  it('keeps every trace in time order', () => {
    for (const t of generateTraces(600, 42)) {
      for (let i = 1; i < t.events.length; i++) {
        expect(t.events[i]!.timeStamp).toBeGreaterThanOrEqual(t.events[i - 1]!.timeStamp)
      }
    }
  })

  it('covers every kind, terminator config and the distributions it promises', () => {
    const traces = generateTraces(600, 42)
    const kinds = new Set(traces.map((t) => t.kind))
    for (const k of ['scan', 'scan-ime', 'scan-zhuyin-key', 'scan-azerty', 'human', 'human-fast-pairs', 'human-ime', 'human-repeat', 'human-paste', 'interrupted', 'late-terminator']) {
      expect(kinds, k).toContain(k)
    }
    const scans = traces.filter((t) => t.label === 'scan')
    for (const term of ['Enter', 'Tab', undefined]) {
      expect(scans.some((t) => t.settings.terminators[0] === term), String(term)).toBe(true)
    }
    expect(scans.some((t) => t.events.some((e) => e.key === 'Process' && e.keyCode === 229 && e.isComposing))).toBe(true)
    expect(scans.some((t) => t.events.some((e) => e.shiftKey && /^Key/.test(e.code)))).toBe(true)
    expect(scans.some((t) => t.settings.prefix !== '' || t.settings.suffix !== '')).toBe(true)
    expect(new Set(scans.map((t) => t.valueKind))).toEqual(new Set(['phone', 'coupon', 'carrier']))

    // Scanner gaps between characters stay in 2–40 ms (ignoring the human lead-in keys).
    for (const t of traces.filter((x) => x.kind === 'scan' && x.settings.prefix === '' && x.settings.suffix === '')) {
      const chars = t.events.filter((e) => e.code !== 'ShiftLeft' && e.code !== 'Enter' && e.code !== 'Tab')
      const tail = chars.slice(-t.value.length)
      expect(tail.map((e) => e.code)).toHaveLength(t.value.length)
      for (let i = 1; i < tail.length; i++) {
        const gap = tail[i]!.timeStamp - tail[i - 1]!.timeStamp
        expect(gap).toBeGreaterThanOrEqual(1.9)
        expect(gap).toBeLessThanOrEqual(40.1)
      }
    }
    // Fast typists' pairs exist (30–40 ms between two human keys) …
    const fastPairs = traces
      .filter((t) => t.kind === 'human-fast-pairs')
      .flatMap((t) => {
        const ks = t.events.filter((e) => e.code !== 'ShiftLeft')
        return ks.slice(1).map((e, i) => e.timeStamp - ks[i]!.timeStamp)
      })
      .filter((g) => g < 50)
    expect(fastPairs.length).toBeGreaterThan(20)
    expect(Math.min(...fastPairs)).toBeGreaterThanOrEqual(29.9)
  })
})

describe('ScanDetector over generateTraces(600, 42)', () => {
  const traces = generateTraces(600, 42)
  const results = traces.map((t) => ({ t, r: traceToDetector(t, DEFAULT_SCANNER_SETTINGS) }))
  const scans = results.filter(({ t }) => t.label === 'scan')
  const humans = results.filter(({ t }) => t.label === 'human')
  const hits = scans.filter(({ t, r }) => r.scans.length === 1 && r.value === t.value)
  const falsePositives = humans.filter(({ r }) => r.recognised)

  it('recognises ≥ 99 % of scans with the right value and never a human trace', () => {
    const rate = hits.length / scans.length
    console.info(
      `[scan-traces seed 42] ${traces.length} traces: scans ${hits.length}/${scans.length} recognised (${(rate * 100).toFixed(2)} %), ` +
        `false positives ${falsePositives.length}/${humans.length} human ` +
        `(of which interrupted ${humans.filter(({ t }) => t.kind === 'interrupted' || t.kind === 'late-terminator').length})`,
    )
    const misses = scans.filter((x) => !hits.includes(x)).map(({ t, r }) => `${t.kind} ${t.value} → ${JSON.stringify(r.scans)}`)
    expect(rate, misses.join('\n')).toBeGreaterThanOrEqual(0.99)
    expect(falsePositives.map(({ t, r }) => `${t.kind} ${t.value} → ${JSON.stringify(r.scans)}`)).toEqual([])
    expect(scans.length).toBeGreaterThan(200)
    expect(humans.length).toBeGreaterThan(200)
  })

  it('every character swallowed from a human trace is handed back, in order', () => {
    let withSwallow = 0
    for (const { t, r } of humans) {
      expect(r.released, `${t.kind} ${t.value}`).toBe(r.swallowed)
      if (r.swallowed) withSwallow++
    }
    // The interrupted scans do swallow (they look scanner-fast), so this is exercised.
    expect(withSwallow).toBeGreaterThan(10)
  })

  it('with maxGapMs 30 slow Bluetooth scans start to split: the 50 ms default is needed', () => {
    const tight = { ...DEFAULT_SCANNER_SETTINGS, maxGapMs: 30 }
    const tightHits = scans.filter(({ t }) => traceToDetector(t, tight).value === t.value).length
    expect(tightHits).toBeLessThan(scans.length * 0.99)
  })
})

describe('ScanDetector over generateGapBoundaryTraces(300, 7): gaps at and just past maxGapMs', () => {
  const traces = generateGapBoundaryTraces(300, 7)

  it('produces gaps of exactly maxGapMs in scans and of maxGapMs + 1 in the others', () => {
    const max = DEFAULT_SCANNER_SETTINGS.maxGapMs
    const gapsOf = (kind: string) =>
      traces
        .filter((t) => t.kind === kind)
        .flatMap((t) => {
          const ks = t.events.filter((e) => e.code !== 'ShiftLeft')
          return ks.slice(1).map((e, i) => e.timeStamp - ks[i]!.timeStamp)
        })
    const atGap = gapsOf('scan-at-gap')
    expect(atGap.filter((g) => g === max).length).toBeGreaterThan(100)
    expect(Math.max(...atGap)).toBe(max)
    expect(gapsOf('past-gap').filter((g) => g === max + 1).length).toBeGreaterThan(100)
  })

  it('a burst with gaps of exactly maxGapMs is one scan; one gap 1 ms longer is none', () => {
    const wrong = traces
      .map((t) => ({ t, r: traceToDetector(t, DEFAULT_SCANNER_SETTINGS) }))
      .filter(({ t, r }) => (t.label === 'scan' ? r.scans.length !== 1 || r.value !== t.value : r.recognised))
      .map(({ t, r }) => `${t.kind} ${t.settings.terminators.join('') || 'idle'} ${t.value} → ${JSON.stringify(r.scans)}`)
    expect(wrong).toEqual([])
    expect(traces.filter((t) => t.label === 'scan').length).toBeGreaterThan(100)
    expect(traces.filter((t) => t.label === 'human').length).toBeGreaterThan(100)
  })
})
