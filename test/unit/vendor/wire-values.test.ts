import { describe, expect, it } from 'vitest'
import {
  field,
  toCount,
  toDate,
  toDateTime,
  toFlag,
  toIdList,
  toImageUrl,
  toJsonObject,
  toNumber,
  toOptText,
  toSex,
  toTaipeiIso,
  toText,
} from '../../../electron/shared/vendor-wire/values'

describe('numbers', () => {
  it('reads plain decimals from numbers or text, nothing else', () => {
    expect([16088, '16088', ' 12.5 ', '-3', '+7', '.5', '0'].map(toNumber)).toEqual([16088, 16088, 12.5, -3, 7, 0.5, 0])
    for (const bad of ['', ' ', null, undefined, 'NaN', 'Infinity', '1e3', '0x10', '1,234', '12abc', NaN, Infinity, -Infinity, true, [], {}]) {
      expect(toNumber(bad), String(bad)).toBeNull()
    }
    expect(toNumber('9'.repeat(400))).toBeNull() // would be Infinity
    expect(toCount(null)).toBe(0)
    expect(toCount('7')).toBe(7)
  })
})

describe('flags', () => {
  it('"1"/"0", 1/0, booleans; absent gives the default', () => {
    expect([toFlag('1'), toFlag(1), toFlag(true), toFlag('true'), toFlag(' Y ')]).toEqual([true, true, true, true, true])
    expect([toFlag('0'), toFlag(0), toFlag(false), toFlag('2'), toFlag({})]).toEqual([false, false, false, false, false])
    expect([toFlag(undefined), toFlag(null), toFlag('')]).toEqual([false, false, false])
    expect([toFlag(undefined, true), toFlag(null, true), toFlag('', true), toFlag('0', true)]).toEqual([true, true, true, false])
  })
})

describe('text, sex, lists, urls, JSON', () => {
  it('text is trimmed; numbers become text; anything else empty', () => {
    expect([toText(' a '), toText(42), toText(NaN), toText(null), toText({})]).toEqual(['a', '42', '', '', ''])
    expect([toOptText('  '), toOptText('x')]).toEqual([null, 'x'])
  })

  it('sex', () => {
    expect(['1', '2', '0', 'male', 'FEMALE', 'Female', 'unknown', 'M', 'f', 3, null].map(toSex)).toEqual([
      'male', 'female', 'unknown', 'male', 'female', 'female', 'unknown', 'male', 'female', 'unknown', 'unknown',
    ])
  })

  it('comma-padded id lists', () => {
    expect(toIdList(',9920,')).toEqual(['9920'])
    expect(toIdList(' 9920 , 0001 ')).toEqual(['9920', '0001'])
    expect(toIdList(['9920', 1, null])).toEqual(['9920', '1'])
    expect([toIdList(''), toIdList(null), toIdList(',,'), toIdList(5)]).toEqual([[], [], [], []])
  })

  it('image urls: absolute http(s) only', () => {
    expect(toImageUrl(' https://cdn.test/a.png ')).toBe('https://cdn.test/a.png')
    expect(toImageUrl('HTTP://cdn.test/a.png')).toBe('HTTP://cdn.test/a.png')
    for (const bad of [null, '', 'cdn.test/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAA', 'https://a b']) {
      expect(toImageUrl(bad)).toBeNull()
    }
  })

  it('JSON objects inside strings', () => {
    expect(toJsonObject('{"a":1}')).toEqual({ a: 1 })
    expect(toJsonObject({ a: 1 })).toEqual({ a: 1 })
    expect([toJsonObject('{'), toJsonObject('[]'), toJsonObject('null'), toJsonObject(''), toJsonObject([])]).toEqual([
      null, null, null, null, null,
    ])
  })

  it('field reads own properties only', () => {
    expect(field({}, 'constructor')).toBeUndefined()
    expect(field({}, 'toString')).toBeUndefined()
    expect(field(JSON.parse('{"__proto__": 1}') as Record<string, unknown>, '__proto__')).toBe(1)
  })
})

describe('dates and times', () => {
  it('store-local times get +08:00', () => {
    expect(toDateTime('2025-12-15 14:27:43')).toBe('2025-12-15T14:27:43+08:00')
    expect(toDateTime('2020-01-01T00:00:00')).toBe('2020-01-01T00:00:00+08:00')
    expect(toDateTime('2025/12/15 14:27')).toBe('2025-12-15T14:27:00+08:00')
    expect(toDateTime('2025-1-5 9:05:00')).toBe('2025-01-05T09:05:00+08:00')
    expect(toDateTime('2025-12-15 14:27:43.999')).toBe('2025-12-15T14:27:43+08:00')
  })

  it('explicit zones are converted to +08:00', () => {
    expect(toDateTime('2025-12-31T16:00:00Z')).toBe('2026-01-01T00:00:00+08:00')
    expect(toDateTime('2025-12-31t16:00:00z')).toBe('2026-01-01T00:00:00+08:00')
    expect(toDateTime('2025-12-31T10:00:00-0600')).toBe('2026-01-01T00:00:00+08:00')
    expect(toDateTime('2026-01-01T05:30:00+05:30')).toBe('2026-01-01T08:00:00+08:00')
  })

  it('bare dates: start of day, or last second with "end"', () => {
    expect(toDateTime('2026/12/31')).toBe('2026-12-31T00:00:00+08:00')
    expect(toDateTime('2026/12/31', 'end')).toBe('2026-12-31T23:59:59+08:00')
    expect(toDateTime('2026/12/31 10:00:00', 'end')).toBe('2026-12-31T10:00:00+08:00')
  })

  it('dates', () => {
    expect(toDate('1911-01-01')).toBe('1911-01-01')
    expect(toDate('2026/12/31')).toBe('2026-12-31')
    expect(toDate('2020-01-01T00:00:00')).toBe('2020-01-01')
    expect(toDate('2024-02-29')).toBe('2024-02-29')
    expect(toDate('0050-06-01')).toBe('0050-06-01') // not 1950
  })

  it('unparseable or impossible → null, never a crash', () => {
    for (const bad of [
      '2023-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '0000-00-00', '2025-12-15 24:00:00', '2025-12-15 12:60:00',
      '2025-12-15 12:00:60', '2025-12-15T12:00:00+15:00', '2025-12-15T12:00:00+08:61', '15/12/2025', '20251215', 'yesterday',
      '', null, undefined, 1765780063000, {}, [],
    ]) {
      expect(toDateTime(bad), String(bad)).toBeNull()
      expect(toDate(bad), String(bad)).toBeNull()
    }
    expect(toDateTime('9999-12-31T23:59:59-14:00')).toBeNull() // beyond year 9999 in Taipei
  })

  it('toTaipeiIso formats an instant at +08:00 whatever the machine zone', () => {
    expect(toTaipeiIso(new Date('2026-01-10T04:00:00.750Z'))).toBe('2026-01-10T12:00:00+08:00')
    expect(() => toTaipeiIso(new Date('nope'))).toThrow(RangeError)
  })
})
