import { describe, expect, it } from 'vitest'
import { errorMessage } from '../../../electron/shared/errors'

describe('errorMessage', () => {
  it("reads an Error's message, subclasses included", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full')
    expect(errorMessage(new TypeError('not a function'))).toBe('not a function')
  })

  it('reads the message of an error-like object (another realm, an axios error copy)', () => {
    expect(errorMessage({ message: 'socket hang up', code: 'ECONNRESET' })).toBe('socket hang up')
  })

  it('turns anything else into text', () => {
    expect(errorMessage('plain words')).toBe('plain words')
    expect(errorMessage(42)).toBe('42')
    expect(errorMessage(null)).toBe('null')
    expect(errorMessage(undefined)).toBe('undefined')
    expect(errorMessage({ message: 7 })).toBe('[object Object]')
  })
})
