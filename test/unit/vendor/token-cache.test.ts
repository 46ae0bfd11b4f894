// The token cache on its own, with a hand-driven clock and token endpoint: when a token is
// reused, when it is fetched anew, and which token survives a 401 or a change of credentials.
// (test/unit/api/token.test.ts checks the same over real HTTP, against the sandbox.)

import { describe, expect, it } from 'vitest'
import { TokenCache, type IssuedToken } from '../../../electron/core/vendor/token'

interface Pending {
  resolve(t: IssuedToken): void
  reject(e: unknown): void
}

/** A token endpoint whose answers the test hands out, and a clock the test sets. */
function rig(t0 = 1_000_000) {
  const requests: Pending[] = []
  let clock = t0
  const cache = new TokenCache(
    () =>
      new Promise<IssuedToken>((resolve, reject) => {
        requests.push({ resolve, reject })
      }),
    () => clock,
  )
  return {
    cache,
    requests,
    setClock: (ms: number) => {
      clock = ms
    },
    /** Answers the last request with `accessToken`, valid `expiresIn` seconds. */
    answer(accessToken: string, expiresIn: number) {
      requests.at(-1)!.resolve({ accessToken, expiresIn })
    },
  }
}

/** A cache holding `token` (valid `expiresIn` s), fetched at `t0`. */
async function holding(token: string, expiresIn: number, t0 = 1_000_000) {
  const r = rig(t0)
  const first = r.cache.get()
  r.answer(token, expiresIn)
  expect(await first).toBe(token)
  return r
}

describe('TokenCache', () => {
  it('fetches once and hands the same token to later callers', async () => {
    const r = await holding('tok-1', 3600)
    expect(await r.cache.get()).toBe('tok-1')
    expect(await r.cache.get()).toBe('tok-1')
    expect(r.requests).toHaveLength(1)
  })

  it('refreshes a minute before a long-lived token expires, not earlier', async () => {
    const t0 = 1_000_000
    const r = await holding('tok-1', 3600, t0)
    r.setClock(t0 + 3_540_000 - 1) // 59 min 59.999 s: still ahead of the refresh point
    expect(await r.cache.get()).toBe('tok-1')
    expect(r.requests).toHaveLength(1)

    r.setClock(t0 + 3_540_000) // a minute before the vendor's expiry: time for a new one
    const next = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('tok-2', 3600)
    expect(await next).toBe('tok-2')
  })

  it('refreshes a short-lived token a tenth of its lifetime early (not a whole minute)', async () => {
    const t0 = 1_000_000
    const r = await holding('tok-1', 100, t0) // 100 s: refresh at 90 s
    r.setClock(t0 + 90_000 - 1)
    expect(await r.cache.get()).toBe('tok-1')
    expect(r.requests).toHaveLength(1)
    r.setClock(t0 + 90_000)
    void r.cache.get()
    expect(r.requests).toHaveLength(2)
  })

  it('a token that is already expired (expires_in 0 or negative) is fetched anew on every call', async () => {
    for (const expiresIn of [0, -30]) {
      const r = await holding('tok-1', expiresIn)
      void r.cache.get()
      expect(r.requests, `expires_in ${expiresIn}`).toHaveLength(2)
    }
  })

  it('single flight: concurrent callers share one request and all get its token', async () => {
    const r = rig()
    const calls = [r.cache.get(), r.cache.get(), r.cache.get()]
    expect(r.requests).toHaveLength(1)
    r.answer('tok-1', 3600)
    expect(await Promise.all(calls)).toEqual(['tok-1', 'tok-1', 'tok-1'])
  })

  it('a failed request is not remembered: the next call asks again', async () => {
    const r = rig()
    const first = r.cache.get()
    r.requests[0]!.reject(new Error('refused'))
    await expect(first).rejects.toThrow('refused')
    const second = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('tok-2', 3600)
    expect(await second).toBe('tok-2')
  })

  it('once a request has answered, an expired token is fetched anew (the finished request is not reused)', async () => {
    const t0 = 1_000_000
    const r = await holding('tok-1', 3600, t0)
    r.setClock(t0 + 3_600_000)
    const next = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('tok-2', 3600)
    expect(await next).toBe('tok-2')
  })

  it('invalidate(token) forgets that token, so the next call fetches a new one', async () => {
    const r = await holding('tok-1', 3600)
    r.cache.invalidate('tok-1')
    const next = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('tok-2', 3600)
    expect(await next).toBe('tok-2')
  })

  it('invalidate() of an older token (a late 401) keeps the newer one', async () => {
    const r = await holding('tok-2', 3600)
    r.cache.invalidate('tok-1')
    expect(await r.cache.get()).toBe('tok-2')
    expect(r.requests).toHaveLength(1)
  })

  it('invalidate() with no token yet does nothing (no throw, no request)', () => {
    const r = rig()
    expect(() => r.cache.invalidate('tok-1')).not.toThrow()
    expect(r.requests).toHaveLength(0)
  })

  it('clear() forgets the token: the next call fetches with the credentials as they are now', async () => {
    const r = await holding('tok-1', 3600)
    r.cache.clear()
    const next = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('tok-2', 3600)
    expect(await next).toBe('tok-2')
  })

  it('clear() during a request: its late token is not kept, and the new request is not dropped', async () => {
    const r = rig()
    const stale = r.cache.get()
    r.cache.clear()
    const fresh = r.cache.get() // a new request, with the new credentials
    expect(r.requests).toHaveLength(2)

    r.requests[0]!.resolve({ accessToken: 'old-creds', expiresIn: 3600 })
    expect(await stale).toBe('old-creds') // the caller that asked before the change gets its answer
    // The old request finishing must not forget the one in progress: no third request.
    void r.cache.get()
    expect(r.requests).toHaveLength(2)

    r.requests[1]!.resolve({ accessToken: 'new-creds', expiresIn: 3600 })
    expect(await fresh).toBe('new-creds')
    expect(await r.cache.get()).toBe('new-creds')
    expect(r.requests).toHaveLength(2)
  })

  it('clear() during a request that then answers: the next call asks again instead of using that token', async () => {
    const r = rig()
    const stale = r.cache.get()
    r.cache.clear()
    r.answer('old-creds', 3600)
    expect(await stale).toBe('old-creds')
    const next = r.cache.get()
    expect(r.requests).toHaveLength(2)
    r.answer('new-creds', 3600)
    expect(await next).toBe('new-creds')
  })

  it('uses the system clock when none is given', async () => {
    let asked = 0
    const cache = new TokenCache(async () => ({ accessToken: `tok-${++asked}`, expiresIn: 3600 }))
    expect(await cache.get()).toBe('tok-1')
    expect(await cache.get()).toBe('tok-1')
    expect(asked).toBe(1)
  })
})
