import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Coupon } from '@shared/types'
import { freshPinia, installFakePos } from './helpers'

// window.pos must exist before src/api.ts is imported.
const calls = installFakePos({ 'member:lookup': () => ({ ok: false, error: { code: 'NOT_FOUND', message: '查無此會員。' } }) })
const { i18n } = await import('../../../src/i18n')
const { default: CouponItem } = await import('../../../src/components/CouponItem.vue')
const { default: LookupView } = await import('../../../src/views/LookupView.vue')
const { default: SignupView } = await import('../../../src/views/SignupView.vue')

const coupon = (over: Partial<Coupon>): Coupon => ({
  id: 'c1',
  serial: null,
  title: '紅茶第二杯 6 折',
  content: '',
  comment: '',
  imageUrl: null,
  startsAt: '2025-12-16T16:27:46+08:00',
  endsAt: '2035-12-14T23:59:59+08:00',
  usedAt: null,
  state: 'usable',
  stateReason: null,
  posCode: null,
  barcode: { type: 'Code128', code: '1NWLGQK3G' },
  multiUse: false,
  properties: null,
  ...over,
})

beforeEach(() => {
  calls.length = 0
})

describe('coupon state badges', () => {
  const mountCoupon = (c: Coupon, offline = false) => mount(CouponItem, { props: { coupon: c, offline }, global: { plugins: [i18n] } })

  // Rows since issue 17.5: the barcode is drawn on demand (出示條碼), not in every row.
  it('says each state in words and offers 出示條碼 only when usable', () => {
    const cases: Array<[Partial<Coupon>, string, boolean]> = [
      [{}, '可使用', true],
      [{ state: 'used', stateReason: 'used', usedAt: '2026-01-02T10:00:00+08:00' }, '已使用', false],
      [{ state: 'expired', stateReason: 'expired' }, '已過期', false],
      [{ state: 'unavailable', stateReason: 'not-started' }, '尚未開始', false],
      [{ state: 'unavailable', stateReason: 'not-redeemable' }, '不可兌換', false],
    ]
    for (const [over, text, barcode] of cases) {
      const w = mountCoupon(coupon(over))
      // The whole badge: 可使用 alone would also match a 不可使用.
      expect(w.get('[data-testid="coupon-state"]').text()).toBe(`${barcode ? '✓' : '✕'} ${text}`)
      expect(w.find('[data-testid="coupon-show-scanner"]').exists()).toBe(barcode)
      expect(w.find('[data-testid="coupon-barcode"]').exists()).toBe(false)
      expect(w.attributes('data-state')).toBe(over.state ?? 'usable')
    }
  })

  it('tells when a used coupon was used', () => {
    const w = mountCoupon(coupon({ state: 'used', stateReason: 'used', usedAt: '2026-01-02T10:05:00+08:00' }))
    expect(w.get('[data-testid="coupon-used-at"]').text()).toBe('· 使用於 2026/01/02 10:05')
  })

  it('marks an offline copy’s usable coupon as possibly used, 出示條碼 still offered', () => {
    const w = mountCoupon(coupon({}), true)
    expect(w.find('[data-testid="coupon-may-be-used"]').exists()).toBe(true)
    expect(w.get('[data-testid="coupon-show-scanner"]').text()).toBe('出示條碼')
  })
})

describe('phone field', () => {
  const mountLookup = () => mount(LookupView, { global: { plugins: [freshPinia(), i18n] }, attachTo: document.body })

  it('normalises every way of writing a mobile as you type', async () => {
    const w = mountLookup()
    const input = w.get('[data-testid="phone-input"]')
    for (const typed of ['0912345678', '0912-345-678', '0912 345 678', '+886 912 345 678', '886912345678', '０９１２３４５６７８']) {
      await input.setValue(typed)
      expect((input.element as HTMLInputElement).value).toBe('0912345678')
      expect(w.get('[data-testid="phone-help"]').text()).toBe('將查詢 0912-345-678')
    }
    w.unmount()
  })

  it('says what is wrong before any call, and Enter sends nothing', async () => {
    const w = mountLookup()
    const input = w.get('[data-testid="phone-input"]')
    await input.setValue('0812')
    expect(w.get('[data-testid="phone-help"]').text()).toBe('需要 10 位數字，以 09 開頭')
    await input.setValue('09123')
    await w.get('form').trigger('submit')
    expect(w.get('[data-testid="phone-help"]').text()).toBe('需要 10 位數字，以 09 開頭')
    await input.setValue('09ab')
    expect(w.get('[data-testid="phone-help"]').text()).toBe('手機號碼只能有數字')
    expect(calls).toEqual([])
    w.unmount()
  })

  it('Esc clears the field', async () => {
    const w = mountLookup()
    const input = w.get('[data-testid="phone-input"]')
    await input.setValue('0912345678')
    await input.trigger('keydown', { key: 'Escape' })
    expect((input.element as HTMLInputElement).value).toBe('')
    w.unmount()
  })

  it('a valid number is looked up with its local form', async () => {
    const w = mountLookup()
    await w.get('[data-testid="phone-input"]').setValue('+886 912 345 678')
    await w.get('form').trigger('submit')
    expect(calls).toEqual([{ channel: 'member:lookup', arg: { phone: '0912345678' } }])
    w.unmount()
  })
})

describe('sign-up form validation', () => {
  const mountSignup = () => mount(SignupView, { global: { plugins: [freshPinia(), i18n] }, attachTo: document.body })

  it('shows a problem beside a field once it is left, and keeps what was typed', async () => {
    const w = mountSignup()
    const email = w.get('[data-testid="signup-email"]')
    await email.setValue('not-an-email')
    expect(w.find('[data-testid="signup-email-error"]').exists()).toBe(false)
    await email.trigger('blur')
    expect(w.get('[data-testid="signup-email-error"]').text()).toBe('電子信箱格式不正確')
    expect((email.element as HTMLInputElement).value).toBe('not-an-email')
    w.unmount()
  })

  it('asks for the carrier that matches the chosen carrier type', async () => {
    const w = mountSignup()
    await w.get('[data-testid="signup-carrier-type"]').setValue('PHONE_CARRIER')
    const carrier = w.get('[data-testid="signup-carrier"]')
    await carrier.setValue('/12')
    await carrier.trigger('blur')
    expect(w.get('[data-testid="signup-phoneCarrier-error"]').text()).toBe('手機條碼為「/」加 7 碼（0-9、A-Z、.、+、-）')
    await carrier.setValue('/abc.+-1')
    expect(w.find('[data-testid="signup-phoneCarrier-error"]').exists()).toBe(false)
    await w.get('[data-testid="signup-carrier-type"]').setValue('CITIZEN_DIGITAL_CERTIFICATE')
    const cert = w.get('[data-testid="signup-carrier"]')
    await cert.setValue('A123')
    await cert.trigger('blur')
    expect(w.get('[data-testid="signup-citizenDigitalCertificate-error"]').text()).toBe('自然人憑證條碼為 2 個英文字母加 14 位數字')
    w.unmount()
  })

  it('submitting an invalid form marks every problem and sends nothing', async () => {
    const w = mountSignup()
    await w.get('[data-testid="signup-phone"]').setValue('0912')
    await w.get('[data-testid="signup-birthday"]').setValue('2999-01-01')
    await w.get('form').trigger('submit')
    await new Promise((r) => setTimeout(r, 0))
    expect(w.get('[data-testid="signup-phone-error"]').text()).toBe('需要 10 位數字，以 09 開頭')
    expect(w.get('[data-testid="signup-birthday-error"]').text()).toBe('生日不能是今天或未來的日期')
    expect(calls.filter((c) => c.channel === 'member:signup')).toEqual([])
    expect((w.get('[data-testid="signup-phone"]').element as HTMLInputElement).value).toBe('0912')
    w.unmount()
  })
})
