// The standalone sandbox's environment parsing.

import { describe, expect, it } from 'vitest'
import { CliOptionError, sandboxOptionsFromEnv } from '../../../electron/sandbox/cli-options'

describe('sandboxOptionsFromEnv', () => {
  it('defaults to a random port on 127.0.0.1', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({ host: '127.0.0.1', port: 0 })
    expect(sandboxOptionsFromEnv({ SANDBOX_PORT: '' })).toEqual({ host: '127.0.0.1', port: 0 })
  })

  it('takes SANDBOX_PORT and the client credentials', () => {
    expect(sandboxOptionsFromEnv({ SANDBOX_PORT: '4123', SANDBOX_CLIENT_ID: 'id', SANDBOX_CLIENT_SECRET: 's' })).toEqual({
      host: '127.0.0.1', port: 4123, clientId: 'id', clientSecret: 's',
    })
  })

  it.each(['abc', '-1', '65536', '80.5', '1e3'])('refuses SANDBOX_PORT=%s', (port) => {
    expect(() => sandboxOptionsFromEnv({ SANDBOX_PORT: port })).toThrow(CliOptionError)
  })
})
