import { readFileSync } from 'node:fs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { sharedMessage } from '../../../electron/shared/messages'
import { SIGNUP_MAX_LENGTH, SignupFormSchema, validateSignup } from '../../../electron/shared/signup-form'
import {
  birthdayProblem,
  CITIZEN_CERT_RE,
  EMAIL_RE,
  isPhoneCarrier,
  PHONE_CARRIER_RE,
  taipeiToday,
} from '../../../electron/shared/signup-rules'
import type { SignupForm } from '../../../electron/shared/types'

// 2026-01-09 17:30 UTC is already 2026-01-10 01:30 in Taipei.
const TODAY = new Date('2026-01-09T17:30:00Z')
const check = (extra: Partial<SignupForm>) => validateSignup({ phone: '0912345678', ...extra }, TODAY)

describe('validateSignup', () => {
  it('a minimal and a full valid form give no errors', () => {
    expect(check({})).toEqual({})
    expect(
      check({
        password: 'secret1',
        name: '王小明',
        email: 'ming.wang+counter@mail.example.com.tw',
        birthday: '1990-05-17',
        sex: 'female',
        invitationCode: '6vq4tt',
        address: '台北市',
        lineId: 'U1',
        vipGroupId: 'APP',
        externalData: { vipId: 'V1', uuid: 'u', cardNo: 'C' },
        defaultCarrierType: 'PHONE_CARRIER',
        phoneCarrier: '/abc+1.-',
        citizenDigitalCertificate: 'ab12345678901234',
        memo: 'm',
      }),
    ).toEqual({})
  })

  it('phone: required, a Taiwanese mobile in any usual spelling', () => {
    expect(validateSignup({ phone: '' }, TODAY)).toEqual({ phone: 'signup.required' })
    expect(validateSignup({ phone: '   ' }, TODAY)).toEqual({ phone: 'signup.required' })
    for (const ok of ['0912345678', '+886912345678', '0912-345-678', '+886 9 1234 5678', '０９１２３４５６７８']) {
      expect(validateSignup({ phone: ok }, TODAY), ok).toEqual({})
    }
    for (const bad of ['0227006275', '091234567', '09123456789', 'abc', '+1 912345678']) {
      expect(validateSignup({ phone: bad }, TODAY), bad).toEqual({ phone: 'signup.phone' })
    }
  })

  it('email: RFC-reasonable', () => {
    for (const ok of ['a@b.tw', 'first.last@example.com', "o'neil+tag@sub.example.org", 'x@shop.xn--kpry57d'])
      expect(check({ email: ok }), ok).toEqual({})
    for (const bad of [
      'plain', 'a@b', 'a@b.c', '@b.com', 'a@.com', 'a.@b.com', '.a@b.com', 'a..b@c.com', 'a b@c.com', 'a@b_c.com',
      'a@-b.com', 'a@b.com.', 'a@@b.com', '王@例子.台灣', `${'x'.repeat(65)}@b.com`,
    ]) {
      expect(check({ email: bad }), bad).toEqual({ email: 'signup.email' })
    }
    expect(check({ email: '' })).toEqual({})
    expect(check({ email: '  a@b.tw  ' })).toEqual({})
  })

  it('birthday: YYYY-MM-DD, a real date, from 1900, strictly before today in Taipei', () => {
    expect(check({ birthday: '1990-5-17' })).toEqual({ birthday: 'signup.birthdayFormat' })
    expect(check({ birthday: '1990/05/17' })).toEqual({ birthday: 'signup.birthdayFormat' })
    expect(check({ birthday: '17-05-1990' })).toEqual({ birthday: 'signup.birthdayFormat' })
    expect(check({ birthday: '2023-02-30' })).toEqual({ birthday: 'signup.birthdayInvalid' })
    expect(check({ birthday: '2023-02-29' })).toEqual({ birthday: 'signup.birthdayInvalid' })
    expect(check({ birthday: '2024-02-29' })).toEqual({})
    expect(check({ birthday: '2023-13-01' })).toEqual({ birthday: 'signup.birthdayInvalid' })
    expect(check({ birthday: '1899-12-31' })).toEqual({ birthday: 'signup.birthdayTooOld' })
    expect(check({ birthday: '1900-01-01' })).toEqual({})
    expect(check({ birthday: '2026-01-09' })).toEqual({}) // yesterday in Taipei, still "today" in UTC
    expect(check({ birthday: '2026-01-10' })).toEqual({ birthday: 'signup.birthdayFuture' })
    expect(check({ birthday: '2030-01-01' })).toEqual({ birthday: 'signup.birthdayFuture' })
    expect(check({ birthday: '' })).toEqual({})
    expect(taipeiToday(TODAY)).toBe('2026-01-10')
  })

  it('sex: male or female when given', () => {
    expect(check({ sex: 'male' })).toEqual({})
    expect(check({ sex: 'unknown' as SignupForm['sex'] })).toEqual({ sex: 'signup.choice' })
  })

  it('name: not whitespace only, at most 100', () => {
    expect(check({ name: '   ' })).toEqual({ name: 'signup.name' })
    expect(check({ name: '\u3000' })).toEqual({ name: 'signup.name' })
    expect(check({ name: 'x'.repeat(100) })).toEqual({})
    expect(check({ name: 'x'.repeat(101) })).toEqual({ name: 'signup.tooLong' })
  })

  it('password: 6–64 when given, taken as typed', () => {
    expect(check({ password: '12345' })).toEqual({ password: 'signup.password' })
    expect(check({ password: '123456' })).toEqual({})
    expect(check({ password: 'x'.repeat(64) })).toEqual({})
    expect(check({ password: 'x'.repeat(65) })).toEqual({ password: 'signup.tooLong' })
    expect(check({ password: '' })).toEqual({})
  })

  it('PHONE_CARRIER needs a mobile carrier, checked after upper-casing', () => {
    expect(check({ defaultCarrierType: 'PHONE_CARRIER' })).toEqual({ phoneCarrier: 'signup.mobileBarcodeMissing' })
    expect(check({ defaultCarrierType: 'PHONE_CARRIER', phoneCarrier: ' ' })).toEqual({
      phoneCarrier: 'signup.mobileBarcodeMissing',
    })
    expect(check({ defaultCarrierType: 'PHONE_CARRIER', phoneCarrier: '/abc1234' })).toEqual({})
    for (const bad of ['ABC1234', '/ABC123', '/ABC_123', '/ABC 123', '/abc123!']) {
      expect(check({ defaultCarrierType: 'PHONE_CARRIER', phoneCarrier: bad }), bad).toEqual({
        phoneCarrier: 'signup.mobileBarcode',
      })
    }
  })

  it('CITIZEN_DIGITAL_CERTIFICATE needs a certificate code', () => {
    expect(check({ defaultCarrierType: 'CITIZEN_DIGITAL_CERTIFICATE' })).toEqual({
      citizenDigitalCertificate: 'signup.citizenCertificateMissing',
    })
    expect(check({ defaultCarrierType: 'CITIZEN_DIGITAL_CERTIFICATE', citizenDigitalCertificate: 'AB12345678901234' })).toEqual({})
    expect(check({ defaultCarrierType: 'CITIZEN_DIGITAL_CERTIFICATE', citizenDigitalCertificate: 'A123456789012345' })).toEqual({
      citizenDigitalCertificate: 'signup.citizenCertificate',
    })
  })

  it('a carrier code given without a matching type is still format-checked', () => {
    expect(check({ phoneCarrier: '/123' })).toEqual({ phoneCarrier: 'signup.mobileBarcode' })
    expect(check({ defaultCarrierType: 'MEMBER_CARRIER', citizenDigitalCertificate: 'AB1' })).toEqual({
      citizenDigitalCertificate: 'signup.citizenCertificate',
    })
    expect(check({ defaultCarrierType: 'MEMBER_CARRIER', phoneCarrier: '/ABC1234' })).toEqual({})
    expect(check({ defaultCarrierType: 'MEMBER_CARRIER' })).toEqual({})
    expect(check({ defaultCarrierType: 'PAPER' as SignupForm['defaultCarrierType'] })).toEqual({
      defaultCarrierType: 'signup.choice',
    })
  })

  it('length caps per field, nested fields with a dot', () => {
    expect(check({ memo: 'x'.repeat(501), externalData: { cardNo: 'x'.repeat(65) }, address: 'x'.repeat(201) })).toEqual({
      memo: 'signup.tooLong',
      'externalData.cardNo': 'signup.tooLong',
      address: 'signup.tooLong',
    })
    expect(check({ phoneCarrier: '/ABC12345' })).toEqual({ phoneCarrier: 'signup.tooLong' })
  })

  it('reports several fields at once', () => {
    expect(validateSignup({ phone: '12', email: 'x', birthday: '2999-01-01', name: ' ' }, TODAY)).toEqual({
      phone: 'signup.phone',
      email: 'signup.email',
      birthday: 'signup.birthdayFuture',
      name: 'signup.name',
    })
  })

  it('uses the current time when no "today" is given', () => {
    expect(validateSignup({ phone: '0912345678', birthday: '2000-01-01' })).toEqual({})
    expect(validateSignup({ phone: '0912345678', birthday: '2999-01-01' })).toEqual({ birthday: 'signup.birthdayFuture' })
  })
})

describe('shared pieces', () => {
  it('the regexes and isPhoneCarrier', () => {
    expect(PHONE_CARRIER_RE.test('/AB.+-12')).toBe(true)
    expect(PHONE_CARRIER_RE.test('/ab.+-12')).toBe(false)
    expect(CITIZEN_CERT_RE.test('AB12345678901234')).toBe(true)
    expect(isPhoneCarrier(' /ab.+-12 ')).toBe(true)
    expect(isPhoneCarrier('/AB.+-1')).toBe(false)
  })

  // The form caps each field's length before these rules run, but the scanner (classify.ts)
  // tests PHONE_CARRIER_RE on whatever it read: the whole code must match, not a part of it.
  it('the carrier and certificate formats match the whole code, not a code inside a longer one', () => {
    for (const longer of ['X/ABC1234', '//ABC1234', '/ABC12345', '/ABC1234 X']) {
      expect(PHONE_CARRIER_RE.test(longer), longer).toBe(false)
      expect(isPhoneCarrier(longer), longer).toBe(false)
    }
    expect(isPhoneCarrier('/ABC1234')).toBe(true)
    for (const longer of ['XAB12345678901234', '1AB12345678901234', 'AB123456789012345', 'AB12345678901234X']) {
      expect(CITIZEN_CERT_RE.test(longer), longer).toBe(false)
    }
  })

  it('an e-mail with two dots in a row anywhere in the local part is refused', () => {
    for (const bad of ['ab..c@example.com', 'first.last..x@example.com', 'abc..@example.com']) {
      expect(EMAIL_RE.test(bad), bad).toBe(false)
    }
    expect(EMAIL_RE.test('ab.c.d@example.com')).toBe(true)
  })

  it('an e-mail domain may be 253 characters, not one more', () => {
    const label = 'd'.repeat(63)
    const domain = (n: number) => `${label}.${label}.${label}.${'e'.repeat(n - 195)}.tw`
    expect(domain(253)).toHaveLength(253)
    expect(EMAIL_RE.test(`a@${domain(253)}`)).toBe(true)
    expect(EMAIL_RE.test(`a@${domain(254)}`)).toBe(false)
  })

  it('a birthday is exactly YYYY-MM-DD: nothing before or after it', () => {
    for (const bad of ['1990-05-170', '1990-05-17 ', '1990-05-17T00:00', 'x1990-05-17', '11990-05-17', ' 1990-05-17']) {
      expect(birthdayProblem(bad, TODAY), bad).toBe('signup.birthdayFormat')
    }
    expect(birthdayProblem('1990-05-17', TODAY)).toBeNull()
  })

  it('a birthday that is no day of the calendar is refused however it overflows', () => {
    const invalid = [
      '2023-02-29', // not a leap year: Date makes it 03-01
      '2023-04-31', // a 30-day month
      '2023-12-32', // past the year's last day: Date makes it next year's 01-01
      '2023-01-00', // day zero: Date makes it the month before
      '2023-00-15', // month zero: Date makes it last year's December
      '2023-13-01', // month 13: Date makes it next year's January, same day
      '2023-99-99',
    ]
    for (const s of invalid) expect(birthdayProblem(s, TODAY), s).toBe('signup.birthdayInvalid')
    for (const s of ['2023-01-31', '2023-12-31', '2024-02-29', '2000-02-29', '1900-01-01'])
      expect(birthdayProblem(s, TODAY), s).toBeNull()
    expect(birthdayProblem('1900-02-29', TODAY)).toBe('signup.birthdayInvalid') // 1900 was not a leap year
  })

  it('each field has its length cap, and the schema says "too long" one character past it', () => {
    expect(SIGNUP_MAX_LENGTH).toEqual({
      phone: 32,
      name: 100,
      birthday: 10,
      email: 254,
      phoneCarrier: 8,
      citizenDigitalCertificate: 16,
      address: 200,
      invitationCode: 32,
      memo: 500,
      lineId: 64,
      'externalData.uuid': 64,
      'externalData.vipId': 64,
      'externalData.cardNo': 64,
      vipGroupId: 64,
      password: 64,
    })
    const valueAt = (path: string, s: string): Record<string, unknown> => {
      const [a, b] = path.split('.') as [string, string | undefined]
      return b ? { [a]: { [b]: s } } : { [a]: s }
    }
    for (const [path, max] of Object.entries(SIGNUP_MAX_LENGTH)) {
      const base = { phone: '0912345678' }
      expect(validateSignup({ ...base, ...valueAt(path, 'x'.repeat(max)) } as SignupForm, TODAY)[path], path).not.toBe('signup.tooLong')
      expect(validateSignup({ ...base, ...valueAt(path, 'x'.repeat(max + 1)) } as SignupForm, TODAY)[path], path).toBe('signup.tooLong')
      expect(v.safeParse(SignupFormSchema, { ...base, ...valueAt(path, 'x'.repeat(max + 1)) }).success, path).toBe(false)
    }
  })

  it('every message key it can return exists in both languages', () => {
    const keys = [
      'required', 'phone', 'email', 'birthdayFormat', 'birthdayInvalid', 'birthdayFuture', 'birthdayTooOld', 'tooLong',
      'mobileBarcode', 'mobileBarcodeMissing', 'citizenCertificate', 'citizenCertificateMissing', 'name', 'password', 'choice',
      'consentRequired', 'memberOffline',
    ]
    for (const k of keys) {
      expect(sharedMessage('en', `signup.${k}`)).not.toBe(`signup.${k}`)
      expect(sharedMessage('zh-TW', `signup.${k}`)).not.toBe(`signup.${k}`)
    }
  })

  it('is renderer-safe: imports only valibot and its shared neighbours', () => {
    const importsOf = (file: string) =>
      [...readFileSync(new URL(`../../../electron/shared/${file}`, import.meta.url), 'utf8').matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1])
    expect(importsOf('signup-rules.ts')).toEqual([])
    expect(importsOf('signup-form.ts')).toEqual(['valibot', './form-fields', './phone', './signup-rules'])
  })
})
