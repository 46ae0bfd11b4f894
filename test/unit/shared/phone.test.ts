import { describe, expect, it } from 'vitest'
import {
  formatPhone,
  maskKeyedPhone,
  maskPhone,
  maskPhoneForDisplay,
  normalizePhoneInput,
  parseTaiwanMobile,
  phoneProblem,
} from '../../../electron/shared/phone'

const MOBILE = { local: '0912345678', e164: '+886912345678' }

describe('a phone as staff and scanners type it', () => {
  it.each([
    ['0912 345 678', 'a space'],
    ['0912\t345\n678', 'a tab or a line break'],
    ['0912-345-678', 'dashes'],
    ['(0912)345678', 'brackets'],
    ['0912.345.678', 'dots'],
    ['0912\u3000345\u3000678', 'an ideographic space'],
    ['０９１２３４５６７８', 'full-width digits from an input method'],
    ['0９1２3４5６7８', 'full-width and ASCII digits mixed'],
  ])('%j (%s) is the local mobile', (typed) => {
    expect(normalizePhoneInput(typed)).toBe('0912345678')
    expect(parseTaiwanMobile(typed)).toEqual(MOBILE)
  })

  it.each([
    ['+886912345678', '0912345678'],
    ['+886 0912 345 678', '0912345678'], // the local 0 kept after the country code
    ['00886912345678', '0912345678'],
    ['008860912345678', '0912345678'],
    ['886912345678', '0912345678'],
    ['8860912345678', '0912345678'],
    ['+886912305678', '0912305678'], // only the 0 right after the code goes, not a 0 further on
    ['00886912305678', '0912305678'],
    ['886912305678', '0912305678'],
    ['88691234567', '091234567'], // 886 and 8 digits: taken as a country code (and then too short)
    ['8869123456', '8869123456'], // shorter: a number that merely starts with 886
    ['886', '886'],
  ])('the country code: %s → %s', (typed, local) => {
    expect(normalizePhoneInput(typed)).toBe(local)
  })

  it('keeps whatever else was typed, so the reason it is not a phone can be told', () => {
    expect(normalizePhoneInput('abc 12')).toBe('abc12')
    expect(normalizePhoneInput('+1 (212) 555-0100')).toBe('+12125550100')
    expect(normalizePhoneInput('0912/345/678')).toBe('0912/345/678')
  })

  it('the international form of a mobile', () => {
    expect(parseTaiwanMobile('0987654321')).toEqual({ local: '0987654321', e164: '+886987654321' })
    expect(parseTaiwanMobile('+886 987 654 321')).toEqual({ local: '0987654321', e164: '+886987654321' })
  })

  it('only a whole Taiwanese mobile is one', () => {
    for (const notMobile of [
      '091234567', // nine digits
      '09123456789', // eleven
      '0212345678', // a landline
      '1912345678',
      'x0912345678',
      '0912345678x',
      '+1 912345678',
      '09１２３４５６７a',
      '',
    ]) {
      expect(parseTaiwanMobile(notMobile), notMobile).toBeNull()
    }
    expect(parseTaiwanMobile(null)).toBeNull()
    expect(parseTaiwanMobile(undefined)).toBeNull()
    expect(parseTaiwanMobile(912345678 as unknown as string)).toBeNull()
  })
})

describe('why a typed phone cannot be looked up yet', () => {
  it.each([
    ['', 'phone.empty'],
    [' - ( ) ', 'phone.empty'],
    ['abc', 'phone.notDigits'],
    ['0912a45678', 'phone.notDigits'],
    ['a0912345678', 'phone.notDigits'],
    ['0912345678a', 'phone.notDigits'],
    ['09+12345678', 'phone.notDigits'],
    ['++12345', 'phone.notDigits'],
    ['+12125550100', 'phone.format'],
    ['0212345678', 'phone.format'],
    ['091234567', 'phone.format'],
    ['09123456789', 'phone.format'],
    ['0912345678', null],
    ['+886 912-345-678', null],
  ])('%j → %s', (typed, problem) => {
    expect(phoneProblem(typed)).toBe(problem)
  })
})

describe('a phone in a log line or on the screen', () => {
  it('a mobile keeps its first four and last three digits, however it was typed', () => {
    expect(maskPhone('0912345678')).toBe('0912***678')
    expect(maskPhone('+886 912-345-678')).toBe('0912***678')
  })

  it('anything else keeps only its last three characters, separators dropped', () => {
    expect(maskPhone('02-2700-6275')).toBe('***275')
    expect(maskPhone('12-34')).toBe('***234')
    expect(maskPhone('1234')).toBe('***234')
    expect(maskPhone('123')).toBe('***')
    expect(maskPhone('1 2')).toBe('***')
    expect(maskPhone('')).toBe('***')
  })

  it('the pick list shows 0912-***-678, reading aloud 0912-345-678, nothing without a phone', () => {
    expect(maskPhoneForDisplay(MOBILE)).toBe('0912-***-678')
    expect(formatPhone(MOBILE)).toBe('0912-345-678')
    expect(maskPhoneForDisplay(null)).toBe('')
    expect(formatPhone(null)).toBe('')
  })

  it('the customer display masks at most ten keyed digits', () => {
    expect(maskKeyedPhone('091234567899')).toBe('09**-***-678')
  })
})
