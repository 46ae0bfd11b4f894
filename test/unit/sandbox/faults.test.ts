// Injected faults, in-process API: each one does what it says and then stops.

import { describe, expect, it } from 'vitest'
import { call, EXAMPLE_PHONE, getToken, login, session, signUp } from './helpers'

async function rawCall(url: string, token: string): Promise<Response> {
  return fetch(url, { headers: { Authorization: `Bearer ${token}` } })
}

describe('setLatency', () => {
  it('delays API and token answers, and X-Sandbox-Time-Ms includes the delay', async () => {
    const { sb, token } = await session()
    sb.faults.setLatency(300)
    let t0 = Date.now()
    const res = await call(sb, token, '/v1/stores')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)
    expect(Number(res.headers.get('x-sandbox-time-ms'))).toBeGreaterThanOrEqual(295)
    t0 = Date.now()
    await getToken(sb)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)

    sb.faults.setLatency(0)
    t0 = Date.now()
    const fast = await call(sb, token, '/v1/stores')
    expect(Date.now() - t0).toBeLessThan(250)
    expect(Number(fast.headers.get('x-sandbox-time-ms'))).toBeLessThan(250)
  })

  it('records the timing of each answer in stats', async () => {
    const { sb, token } = await session()
    sb.faults.setLatency(50)
    await call(sb, token, '/v1/stores')
    await call(sb, token, '/v1/nope')
    const last = sb.stats.timings.slice(-2)
    expect(last.map((t) => [t.path, t.status])).toEqual([['/v1/stores', 200], ['/v1/nope', 404]])
    expect(last[0]!.ms).toBeGreaterThanOrEqual(49)
  })

  it('rejects a negative latency', async () => {
    const { sb } = await session()
    expect(() => sb.faults.setLatency(-1)).toThrow(RangeError)
  })
})

describe('failNext', () => {
  it('fails exactly count API calls with a zh-TW message, then behaves', async () => {
    const { sb, token } = await session()
    sb.faults.failNext(503, 2)
    for (let i = 0; i < 2; i++) {
      const res = await call<{ message: string }>(sb, token, '/v1/stores')
      expect(res.status).toBe(503)
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
  })

  it('does not spend itself on token calls', async () => {
    const { sb, token } = await session()
    sb.faults.failNext(500)
    await getToken(sb)
    expect((await call(sb, token, '/v1/stores')).status).toBe(500)
  })

  it('sends a given body and honours paths', async () => {
    const { sb, token } = await session()
    sb.faults.failNext(500, 1, { message: '系統維護中', code: 'MAINT' }, { paths: ['/v1/user/ocard/login'] })
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
    const failed = await login(sb, token, EXAMPLE_PHONE)
    expect(failed.status).toBe(500)
    expect(failed.body).toEqual({ message: '系統維護中', code: 'MAINT' })
    expect((await login(sb, token, EXAMPLE_PHONE)).status).toBe(200)
  })

  it('reaches the token endpoint only when a path names it', async () => {
    const { sb } = await session()
    sb.faults.failNext(502, 1, undefined, { paths: ['/oauth/v1/token'] })
    await expect(getToken(sb)).rejects.toThrow(/HTTP 502/)
    await expect(getToken(sb)).resolves.toEqual(expect.any(String))
  })

  it('does not create a member when a sign-up is failed', async () => {
    const { sb, token } = await session()
    sb.faults.failNext(500)
    expect((await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })).status).toBe(500)
    expect((await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })).status).toBe(200)
  })
})

describe('dropNext', () => {
  it('destroys the socket without an answer, count times, then behaves', async () => {
    const { sb, token } = await session()
    sb.faults.dropNext(2)
    await expect(rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).rejects.toThrow()
    await expect(rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).rejects.toThrow()
    expect((await rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).status).toBe(200)
    expect(sb.stats.apiRequests).toBe(3)
    expect(sb.stats.timings.slice(-3).map((t) => t.status)).toEqual([0, 0, 200])
  })

  it('still performs the sign-up whose answer it drops (that is what makes retries risky)', async () => {
    const { sb, token } = await session()
    sb.faults.dropNext()
    await expect(signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })).rejects.toThrow()
    const retry = await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })
    expect(retry.body['message']).toBe('此手機號碼已註冊為會員')
  })
})

describe('truncateNext', () => {
  it('answers 200 with half a JSON body, then behaves', async () => {
    const { sb, token } = await session()
    const whole = await (await rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).text()
    sb.faults.truncateNext()
    const res = await rawCall(`${sb.apiBaseUrl}/v1/stores`, token)
    expect(res.status).toBe(200)
    // Exactly the first half of the answer's bytes (a cut may split a UTF-8 character).
    const bytes = Buffer.from(await res.arrayBuffer())
    const wholeBytes = Buffer.from(whole, 'utf8')
    expect(bytes.equals(wholeBytes.subarray(0, Math.floor(wholeBytes.length / 2)))).toBe(true)
    expect(() => JSON.parse(bytes.toString('utf8'))).toThrow(SyntaxError)
    expect(JSON.parse(await (await rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).text())).toEqual(JSON.parse(whole))
  })

  it('turns even an error into a 200 with a broken body', async () => {
    const { sb } = await session()
    sb.faults.truncateNext()
    const res = await rawCall(`${sb.apiBaseUrl}/v1/stores`, 'revoked-or-not')
    expect(res.status).toBe(200)
    await expect(res.json()).rejects.toThrow()
  })
})

describe('everyNth', () => {
  it('drops every k-th and 503s every m-th API call, counting API calls only', async () => {
    const { sb, token } = await session()
    sb.faults.everyNth({ drop: 3, status503: 2 })
    const outcomes: (number | 'drop')[] = []
    for (let i = 0; i < 6; i++) {
      // A token call between API calls must not shift the pattern.
      if (i === 1) await getToken(sb)
      try {
        outcomes.push((await rawCall(`${sb.apiBaseUrl}/v1/stores`, token)).status)
      } catch {
        outcomes.push('drop')
      }
    }
    expect(outcomes).toEqual([200, 503, 'drop', 503, 200, 'drop'])
  })

  it('is switched off by reset()', async () => {
    const { sb, token } = await session()
    sb.faults.everyNth({ status503: 1 })
    expect((await call(sb, token, '/v1/stores')).status).toBe(503)
    sb.faults.reset()
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
  })
})

describe('reset', () => {
  it('clears queued faults and latency', async () => {
    const { sb, token } = await session()
    sb.faults.setLatency(400)
    sb.faults.failNext(500, 5)
    sb.faults.dropNext(5)
    sb.faults.truncateNext(5)
    sb.faults.reset()
    const t0 = Date.now()
    const res = await call(sb, token, '/v1/stores')
    expect(res.status).toBe(200)
    expect(Date.now() - t0).toBeLessThan(300)
  })
})

describe('stats', () => {
  it('counts token, API and sign-up requests, and resets', async () => {
    const { sb, token } = await session()
    await call(sb, token, '/v1/stores')
    await signUp(sb, token, { type: 'BAD' })
    await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })
    expect(sb.stats.tokenRequests).toBe(1)
    expect(sb.stats.apiRequests).toBe(3)
    expect(sb.stats.signupPosts).toBe(2)
    expect(sb.stats.timings).toHaveLength(4)
    sb.stats.reset()
    expect([sb.stats.tokenRequests, sb.stats.apiRequests, sb.stats.signupPosts, sb.stats.timings.length]).toEqual([0, 0, 0, 0])
  })

  it('keeps only the last 2000 timings', async () => {
    const { sb, token } = await session()
    const stores = `${sb.apiBaseUrl}/v1/stores`
    for (let batch = 0; batch < 21; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => rawCall(stores, token).then((r) => r.arrayBuffer())))
    }
    expect(sb.stats.apiRequests).toBe(2100)
    expect(sb.stats.timings).toHaveLength(2000)
  })
})
