import { describe, expect, it } from 'vitest'
import type { SignupForm } from '@shared/types'
import { validateSignup } from '@shared/signup-form'
import { emptyDraft, toSignupDraft, toSignupForm } from '../../../src/stores/signup'

describe('sign-up draft ⇄ form', () => {
  it('a queued form opened for correction comes back unchanged when sent again', () => {
    const form: SignupForm = {
      phone: '0912345678',
      name: '王小明',
      birthday: '1990-05-20',
      sex: 'male',
      email: 'a@example.com',
      defaultCarrierType: 'PHONE_CARRIER',
      phoneCarrier: '/ABC1234',
      address: '台北市',
      lineId: 'U123',
      invitationCode: '6vq4tt',
      memo: 'VIP',
      password: 'secret1',
      vipGroupId: 'G1',
      externalData: { vipId: 'V1', uuid: 'u-1', cardNo: 'C9' },
    }
    expect(toSignupForm(toSignupDraft(form))).toEqual(form)
  })

  it('leaves out what was never filled in', () => {
    expect(toSignupForm(toSignupDraft({ phone: '0912-345-678' }))).toEqual({ phone: '0912345678' })
  })

  it('the form sends what was understood, and the rules judge that', () => {
    const form = toSignupForm({ ...emptyDraft(), phone: '0912345678', birthday: '民國74年3月12日' })
    expect(form).toEqual({ phone: '0912345678', birthday: '1985-03-12' })
    const today = new Date('2026-01-10T00:00:00+08:00')
    expect(validateSignup(form, today)).toEqual({})
    expect(validateSignup(toSignupForm({ ...emptyDraft(), phone: '0912345678', birthday: '74/2/30' }), today)).toEqual({ birthday: 'signup.birthdayInvalid' })
    expect(validateSignup(toSignupForm({ ...emptyDraft(), phone: '0912345678', birthday: '3/12' }), today)).toEqual({ birthday: 'signup.birthdayFormat' })
  })
})
