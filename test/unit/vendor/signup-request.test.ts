import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { toSignupRequestBody } from '../../../electron/core/vendor/signup-wire'
import type { SignupForm } from '../../../electron/shared/types'

const vendorExample = JSON.parse(
  readFileSync(new URL('../../fixtures/vendor/signup-request-example.json', import.meta.url), 'utf8'),
) as Record<string, unknown>

describe('toSignupRequestBody', () => {
  it('reproduces the vendor’s own request example', () => {
    expect(toSignupRequestBody({ phone: '0987654321', password: '111111', name: 'test' }, '')).toEqual(vendorExample)
  })

  it('maps every field to its vendor name', () => {
    const form: SignupForm = {
      phone: '+886 912-345-678',
      password: 'secret1',
      name: '王小明',
      email: 'ming@example.com',
      birthday: '1990-05-17',
      sex: 'male',
      invitationCode: '6vq4tt',
      address: '台北市大安區復興南路二段171巷20號1樓',
      lineId: 'U1234',
      vipGroupId: 'APP',
      externalData: { vipId: 'V1', uuid: 'uuid-1', cardNo: 'C1' },
      defaultCarrierType: 'PHONE_CARRIER',
      phoneCarrier: '/abc+1.-',
      citizenDigitalCertificate: 'ab12345678901234',
      memo: '櫃檯註冊',
    }
    expect(toSignupRequestBody(form, '9920')).toEqual({
      type: 'PHONE_NUMBER',
      id: '0912345678',
      password: 'secret1',
      name: '王小明',
      email: 'ming@example.com',
      birthday: '1990-05-17',
      sex: 'male',
      Invitation_code: '6vq4tt',
      address: '台北市大安區復興南路二段171巷20號1樓',
      line_id: 'U1234',
      store_id: '9920',
      vip_group_id: 'APP',
      external_data: { vip_id: 'V1', uuid: 'uuid-1', card_no: 'C1' },
      citizen_digital_certificate: 'AB12345678901234',
      default_carrier_type: 'PHONE_CARRIER',
      phone_carrier: '/ABC+1.-',
      memo: '櫃檯註冊',
    })
  })

  it('omits empty and undefined fields, trims strings', () => {
    const body = toSignupRequestBody(
      {
        phone: ' 0912345678 ',
        name: '  Jane  ',
        email: '',
        memo: '   ',
        address: undefined,
        externalData: { vipId: ' ', uuid: '' },
        phoneCarrier: ' ',
      },
      '  ',
    )
    expect(body).toEqual({ type: 'PHONE_NUMBER', id: '0912345678', name: 'Jane' })
  })

  it('keeps only the given parts of external_data', () => {
    expect(toSignupRequestBody({ phone: '0912345678', externalData: { cardNo: ' C9 ' } }, 'S1')).toEqual({
      type: 'PHONE_NUMBER',
      id: '0912345678',
      store_id: 'S1',
      external_data: { card_no: 'C9' },
    })
  })

  it('"send only documented sign-up fields" leaves phone_carrier out (not in the request table); off, it is sent', () => {
    const form = { phone: '0912345678', defaultCarrierType: 'PHONE_CARRIER' as const, phoneCarrier: '/abc+123' }
    expect(toSignupRequestBody(form, '9920').phone_carrier).toBe('/ABC+123')
    const documented = toSignupRequestBody(form, '9920', { documentedOnly: true })
    expect(documented).not.toHaveProperty('phone_carrier')
    expect(documented).toMatchObject({ type: 'PHONE_NUMBER', id: '0912345678', default_carrier_type: 'PHONE_CARRIER' })
  })

  it('sends the password exactly as typed', () => {
    expect(toSignupRequestBody({ phone: '0912345678', password: ' pass word ' }, '').password).toBe(' pass word ')
    expect(toSignupRequestBody({ phone: '0912345678', password: '' }, '')).not.toHaveProperty('password')
  })

  it('never builds a body with a bad phone (VALIDATION, field phone)', () => {
    let error: unknown
    try {
      toSignupRequestBody({ phone: '0227006275' }, '9920')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppFailure)
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { phone: 'signup.phone' } })
  })
})
