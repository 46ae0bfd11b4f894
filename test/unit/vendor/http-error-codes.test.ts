// Which failure each of Node's network error codes becomes. Certificates that are expired,
// self-signed or for another host cannot be staged over loopback without a CA, so axios is
// replaced here by one that fails with the codes Node really uses (http-client.test.ts covers
// refused, reset, timed-out and wrong-protocol connections for real).

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mayHaveReachedVendor, VendorClient } from '../../../electron/core/vendor/http'
import { memoryLog } from './fake-vendor'

const failWith = { code: undefined as string | undefined, message: '' }
const created: Array<Record<string, unknown>> = []

vi.mock('axios', () => ({
  default: {
    create: (config: Record<string, unknown>) => (created.push(config), {
      post: async () => ({ status: 200, headers: {}, data: '{"access_token":"tok","expires_in":3600}' }),
      request: async () => {
        throw Object.assign(new Error(failWith.message), failWith.code === undefined ? {} : { code: failWith.code })
      },
    }),
  },
}))

const creds = { apiBaseUrl: 'https://omni.vendor.example', authUrl: 'https://login.vendor.example/oauth/v1/token', clientId: 'c', clientSecret: 's', storeId: '9920' }

async function failureFor(code: string | undefined, message = 'failed') {
  failWith.code = code
  failWith.message = message
  const client = new VendorClient({ credentials: () => creds, log: memoryLog().log, retries: 0 })
  try {
    await client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false })
  } catch (e) {
    return e as import('../../../electron/core/errors').AppFailure
  }
  throw new Error('expected a failure')
}

beforeEach(() => {
  failWith.code = undefined
})

describe('network error codes', () => {
  const tls = [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'EPROTO',
    'ERR_SSL_WRONG_VERSION_NUMBER',
  ]
  for (const code of tls) {
    it(`${code} → TLS (the connection is not trusted; nothing was sent)`, async () => {
      const f = await failureFor(code)
      expect(f.code).toBe('TLS')
      expect(mayHaveReachedVendor(f)).toBe(false)
    })
  }

  for (const code of ['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']) {
    it(`${code} → TIMEOUT (may have reached the vendor)`, async () => {
      const f = await failureFor(code)
      expect(f.code).toBe('TIMEOUT')
      expect(mayHaveReachedVendor(f)).toBe(true)
    })
  }

  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
    it(`${code} → OFFLINE, never sent`, async () => {
      const f = await failureFor(code)
      expect(f.code).toBe('OFFLINE')
      expect(mayHaveReachedVendor(f)).toBe(false)
    })
  }

  for (const code of ['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ESOMETHINGNEW']) {
    it(`${code} → OFFLINE, may have been sent`, async () => {
      const f = await failureFor(code)
      expect(f.code).toBe('OFFLINE')
      expect(mayHaveReachedVendor(f)).toBe(true)
    })
  }

  it('an error with no code at all (socket hang up) → OFFLINE, may have been sent', async () => {
    const f = await failureFor(undefined, 'socket hang up')
    expect(f.code).toBe('OFFLINE')
    expect(mayHaveReachedVendor(f)).toBe(true)
  })

  it('codes that only contain a TLS word elsewhere are not TLS', async () => {
    for (const code of ['XERR_TLS', 'XCERT_', 'EPROTONOSUPPORT']) {
      expect((await failureFor(code)).code, code).toBe('OFFLINE')
    }
  })
})

describe('connections', () => {
  it('the production vendor (https) is reached over kept-alive connections, like the sandbox (http)', () => {
    created.length = 0
    new VendorClient({ credentials: () => creds, log: memoryLog().log })
    // A real HTTPS vendor cannot be staged here (no trusted certificate); http-client.test.ts
    // shows the http agent reusing its connection.
    const agent = created[0]!['httpsAgent'] as { keepAlive?: boolean; protocol?: string }
    expect(agent.protocol).toBe('https:')
    expect(agent.keepAlive).toBe(true)
  })
})

describe('a timeout’s words', () => {
  it('carries none of its own (staff see the localised TIMEOUT text)', async () => {
    expect(await failureFor('ECONNABORTED', 'timeout of 4000ms exceeded')).toMatchObject({ code: 'TIMEOUT', message: '' })
  })
})
