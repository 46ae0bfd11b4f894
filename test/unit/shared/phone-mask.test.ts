import { describe, expect, it } from 'vitest'
import { maskKeyedPhone } from '../../../electron/shared/phone'

describe('a phone masked as the customer keys it', () => {
  it.each([
    ['', ''],
    ['0', '0'],
    ['09', '09'],
    ['0912', '09**'],
    ['09123', '09**-*'],
    ['0912345', '09**-***'],
    ['09123456', '09**-***-6'],
    ['0912345678', '09**-***-678'],
  ])('%s → %s', (digits, shown) => expect(maskKeyedPhone(digits)).toBe(shown))
})
