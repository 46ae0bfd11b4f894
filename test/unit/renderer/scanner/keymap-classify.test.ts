import { describe, expect, it } from 'vitest'
import { classifyScan } from '../../../../src/scanner/classify'
import { charFromCode, codeForChar } from '../../../../src/scanner/keymap'

describe('charFromCode', () => {
  it('maps letters, digits and US symbols with and without Shift', () => {
    const unshifted = { KeyA: 'a', Digit0: '0', Minus: '-', Slash: '/', BracketLeft: '[', Period: '.' }
    const shifted = { KeyZ: 'Z', Digit2: '@', Minus: '_', Equal: '+', Slash: '?', Quote: '"', Backquote: '~', Backslash: '|', BracketRight: '}', Semicolon: ':', Comma: '<', Space: ' ' }
    for (const [code, char] of Object.entries(unshifted)) expect(charFromCode(code, false), code).toBe(char)
    for (const [code, char] of Object.entries(shifted)) expect(charFromCode(code, true), `Shift+${code}`).toBe(char)
  })

  it('maps the keypad the same with or without Shift', () => {
    const keypad = { Numpad7: '7', NumpadDecimal: '.', NumpadAdd: '+', NumpadSubtract: '-', NumpadMultiply: '*', NumpadDivide: '/' }
    for (const [code, char] of Object.entries(keypad)) {
      expect(charFromCode(code, false), code).toBe(char)
      expect(charFromCode(code, true), `Shift+${code}`).toBe(char)
    }
  })

  it('returns null for keys that type no character', () => {
    for (const code of ['Enter', 'Tab', 'ShiftLeft', 'Backspace', 'ArrowLeft', 'F5', 'NumpadEnter', '', 'Lang1']) {
      expect(charFromCode(code, false), code).toBeNull()
    }
  })

  it('codeForChar is its inverse for every printable ASCII character', () => {
    for (let c = 32; c < 127; c++) {
      const ch = String.fromCharCode(c)
      const k = codeForChar(ch)
      expect(k, ch).not.toBeNull()
      expect(charFromCode(k!.code, k!.shift)).toBe(ch)
    }
    expect(codeForChar('ㄅ')).toBeNull()
  })
})

describe('classifyScan', () => {
  const ctx = { couponCodes: ['SPRING-2025', '0912345678', 'VIP00001234'], memberCardPattern: '^VIP\\d{8}$' }

  it('phone → 09 local form, with or without +886 and separators', () => {
    expect(classifyScan('0987654321', ctx)).toEqual({ kind: 'phone', phone: '0987654321' })
    expect(classifyScan('+886987654321', ctx)).toEqual({ kind: 'phone', phone: '0987654321' })
    expect(classifyScan('0987-654-321', ctx)).toEqual({ kind: 'phone', phone: '0987654321' })
  })

  it('carrier → /XXXXXXX', () => {
    expect(classifyScan('/AB+C.-9', ctx)).toEqual({ kind: 'carrier', carrier: '/AB+C.-9' })
    expect(classifyScan('/abcdefg', ctx).kind).toBe('unknown')
    expect(classifyScan('/ABCDEF', ctx).kind).toBe('unknown')
    expect(classifyScan('/ABCDEFGH', ctx).kind).toBe('unknown')
  })

  it('coupon → exact match to a store coupon code, checked first', () => {
    expect(classifyScan('SPRING-2025', ctx)).toEqual({ kind: 'coupon', code: 'SPRING-2025' })
    expect(classifyScan('spring-2025', ctx).kind).toBe('unknown')
    // A coupon that looks like a phone or a member card is still the coupon.
    expect(classifyScan('0912345678', ctx)).toEqual({ kind: 'coupon', code: '0912345678' })
    expect(classifyScan('VIP00001234', ctx)).toEqual({ kind: 'coupon', code: 'VIP00001234' })
  })

  it('member card → the store pattern (whole string; named group vipId if present)', () => {
    expect(classifyScan('VIP12345678', ctx)).toEqual({ kind: 'memberCard', vipId: 'VIP12345678' })
    expect(classifyScan('VIP1234567', ctx).kind).toBe('unknown')
    // Unanchored patterns still have to match the whole scan.
    expect(classifyScan('xxM123', { couponCodes: [], memberCardPattern: 'M\\d+' }).kind).toBe('unknown')
    expect(classifyScan('M123', { couponCodes: [], memberCardPattern: 'M\\d+' })).toEqual({ kind: 'memberCard', vipId: 'M123' })
    expect(classifyScan('MC-00042', { couponCodes: [], memberCardPattern: 'MC-(?<vipId>\\d{5})' })).toEqual({
      kind: 'memberCard',
      vipId: '00042',
    })
  })

  it('a bad member-card regex does not throw; the scan is unknown', () => {
    const bad = { couponCodes: [], memberCardPattern: '([unclosed' }
    expect(() => classifyScan('VIP12345678', bad)).not.toThrow()
    expect(classifyScan('VIP12345678', bad)).toEqual({ kind: 'unknown', raw: 'VIP12345678' })
    // Other intents still work with a bad pattern.
    expect(classifyScan('0912000111', bad)).toEqual({ kind: 'phone', phone: '0912000111' })
  })

  it('an empty pattern matches nothing; anything else is unknown with the raw text', () => {
    expect(classifyScan('ABC123', { couponCodes: [], memberCardPattern: '' })).toEqual({ kind: 'unknown', raw: 'ABC123' })
    expect(classifyScan('', ctx)).toEqual({ kind: 'unknown', raw: '' })
  })
})
