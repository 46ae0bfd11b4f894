// The VendorClient against a scripted vendor over real HTTP: what it sends, how it reads each
// kind of answer, when it retries, and what it logs and reports. (test/unit/api/* drive the
// same client through the sandbox and the services above it.)

import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { mayHaveReachedVendor, VendorClient } from '../../../electron/core/vendor/http'
import { onCleanup } from '../cleanup'
import { clientOf, deadPort, fakeVendor, json, memoryLog, rejection } from './fake-vendor'

const STORES = { method: 'GET', path: '/v1/stores', retry: true } as const

describe('a request that succeeds', () => {
  it('GET: the bearer token, JSON accepted, the query, the parsed body; logged and reported once', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(200, { stores: [{ id: '9920' }] }))
    const { client, requests, outcomes } = clientOf(fv)
    const answer = await client.request({ method: 'GET', path: '/v1/user/ocard', params: { shop_id: '9920', mobile: '0903515908' }, retry: true })
    expect(answer).toEqual({ status: 200, body: { stores: [{ id: '9920' }] } })
    expect(fv.api).toHaveLength(1)
    const seen = fv.api[0]!
    expect(seen.method).toBe('GET')
    expect(seen.url).toBe('/v1/user/ocard?shop_id=9920&mobile=0903515908')
    expect(seen.headers['authorization']).toBe('Bearer tok-1')
    expect(seen.headers['accept']).toBe('application/json')
    expect(seen.headers['content-type']).toBeUndefined()
    expect(seen.body).toBe('')
    const [logged] = requests('vendor request')
    expect(logged).toMatchObject({ level: 'info', fields: { endpoint: 'GET /v1/user/ocard', status: 200, retries: 0 } })
    expect(typeof logged!.fields['ms']).toBe('number')
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatchObject({ reachable: true, failed: false })
    expect(outcomes[0]!.ms).toBeGreaterThanOrEqual(0)
  })

  it('POST: the body as JSON with its content type; an API base with trailing slashes still makes one URL', async () => {
    const fv = await fakeVendor()
    fv.creds.apiBaseUrl = `${fv.base}//`
    fv.apiAnswers(json(201, { id: 'm1' }))
    const { client } = clientOf(fv)
    const answer = await client.request({ method: 'POST', path: '/v2/user', body: { type: 'PHONE_NUMBER', id: '0987001122' }, retry: false })
    expect(answer).toEqual({ status: 201, body: { id: 'm1' } })
    expect(fv.api[0]).toMatchObject({ method: 'POST', url: '/v2/user', body: '{"type":"PHONE_NUMBER","id":"0987001122"}' })
    expect(fv.api[0]!.headers['content-type']).toBe('application/json')
  })

  it('an empty 2xx body is null; the text is parsed by the client itself, not by axios', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 204 }, { status: 200, headers: { 'Content-Type': 'text/plain' }, body: '  ' }, { status: 200, headers: { 'Content-Type': 'text/plain' }, body: '{"a":1}' })
    const { client } = clientOf(fv)
    expect(await client.request(STORES)).toEqual({ status: 204, body: null })
    expect(await client.request(STORES)).toEqual({ status: 200, body: null })
    expect(await client.request(STORES)).toEqual({ status: 200, body: { a: 1 } })
  })

  it('a quiet request (the connection probe) is logged at debug', async () => {
    const fv = await fakeVendor()
    const { client, requests } = clientOf(fv)
    await client.request({ ...STORES, quiet: true })
    expect(requests('vendor request').map((e) => e.level)).toEqual(['debug'])
  })

  it('keeps the connection alive between calls', async () => {
    const fv = await fakeVendor()
    const { client } = clientOf(fv)
    await client.request(STORES)
    await client.request(STORES)
    expect(fv.api[1]!.remotePort).toBe(fv.api[0]!.remotePort)
  })

  it('ignores a proxy set in the environment (the counter talks to the vendor directly)', async () => {
    const fv = await fakeVendor()
    const saved = { http_proxy: process.env['http_proxy'], HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'], no_proxy: process.env['no_proxy'] }
    onCleanup(() => {
      for (const [k, val] of Object.entries(saved)) {
        if (val === undefined) delete process.env[k]
        else process.env[k] = val
      }
    })
    process.env['http_proxy'] = process.env['HTTP_PROXY'] = 'http://127.0.0.1:9'
    delete process.env['NO_PROXY']
    delete process.env['no_proxy']
    const { client } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
  })
})

describe('the token', () => {
  it('is asked for once, form-encoded with the client credentials and scope=api, and logged', async () => {
    const fv = await fakeVendor()
    const { client, requests } = clientOf(fv)
    await client.request(STORES)
    await client.request(STORES)
    expect(fv.token).toHaveLength(1)
    const seen = fv.token[0]!
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('/oauth/v1/token')
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(seen.headers['accept']).toBe('application/json')
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      client_id: 'store-9920',
      client_secret: 'cs-secret',
      grant_type: 'client_credentials',
      scope: 'api',
    })
    expect(requests('vendor token')).toMatchObject([{ level: 'info', fields: { endpoint: 'token', status: 200 } }])
    expect(fv.api.map((r) => r.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-1'])
  })

  it('a token without a readable lifetime is used for an hour (a warning says so), not fetched on every call', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers(json(200, { access_token: 'tok-x' }))
    const { client, entries } = clientOf(fv)
    await client.request(STORES)
    await client.request(STORES)
    expect(fv.token).toHaveLength(1)
    expect(entries.filter((e) => e.level === 'warn')).toEqual([
      { level: 'warn', fields: { endpoint: 'token', fallbackSeconds: 3600 }, msg: 'vendor token lifetime unreadable' },
    ])
  })

  it('a token with its lifetime causes no warning', async () => {
    const fv = await fakeVendor()
    const { client, entries } = clientOf(fv)
    await client.request(STORES)
    expect(entries.filter((e) => e.level === 'warn')).toEqual([])
  })

  for (const status of [400, 401, 403]) {
    it(`the token endpoint refusing the id/secret (${status}) → UNAUTHORIZED at once: no retry, no API call`, async () => {
      const fv = await fakeVendor()
      fv.tokenAnswers(json(status, { message: '帳號或密碼錯誤' }), json(status, { message: '帳號或密碼錯誤' }))
      const { client } = clientOf(fv)
      const f = await rejection(client.request(STORES))
      expect(f).toMatchObject({ code: 'UNAUTHORIZED', status })
      expect(fv.token).toHaveLength(1)
      expect(fv.api).toHaveLength(0)
    })
  }

  it('a 5xx from the token endpoint is a vendor fault with its words, retried like any read', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers(json(503, { message: '維護中' }))
    const { client } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.token).toHaveLength(2)

    const fv2 = await fakeVendor()
    fv2.tokenAnswers(json(503, { message: '維護中' }))
    const f = await rejection(clientOf(fv2).client.request({ ...STORES, retry: false }))
    expect(f).toMatchObject({ code: 'VENDOR', status: 503, message: '維護中', fromVendor: true })
  })

  it('a 200 without a token: the vendor’s words if it sent some, else an unreadable answer', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers(json(200, { message: '此帳號已停用' }), json(200, { token: 'nope' }))
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 200, message: '此帳號已停用', fromVendor: true })
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 200, message: '', fromVendor: false })
  })

  it('warmUp() fetches the token ahead, and the first call uses it', async () => {
    const fv = await fakeVendor()
    const { client } = clientOf(fv)
    client.warmUp()
    await new Promise((r) => setTimeout(r, 200))
    expect(fv.token).toHaveLength(1)
    await client.request(STORES)
    expect(fv.token).toHaveLength(1)
  })

  it('a failed warmUp() is only logged (at debug, with its code); the next call asks again', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers(json(401, {}))
    const { client, entries } = clientOf(fv)
    client.warmUp()
    await new Promise((r) => setTimeout(r, 200))
    expect(entries.filter((e) => e.msg === 'vendor token warm-up failed')).toEqual([
      { level: 'debug', fields: { code: 'UNAUTHORIZED' }, msg: 'vendor token warm-up failed' },
    ])
    await client.request(STORES)
    expect(fv.token).toHaveLength(2)
  })

  it('checkToken() asks the token endpoint now, even with a token at hand, and reports its refusal', async () => {
    const fv = await fakeVendor()
    const { client } = clientOf(fv)
    await client.checkToken()
    await client.checkToken()
    expect(fv.token).toHaveLength(2)
    fv.tokenAnswers(json(401, {}))
    expect(await rejection(client.checkToken())).toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('resetToken() (new credentials): the next call fetches a new token', async () => {
    const fv = await fakeVendor()
    const { client } = clientOf(fv)
    await client.request(STORES)
    client.resetToken()
    await client.request(STORES)
    expect(fv.token).toHaveLength(2)
    expect(fv.api[1]!.headers['authorization']).toBe('Bearer tok-2')
  })
})

describe('401 from an API call', () => {
  it('one new token and one more try of the call; the log counts it as a retry', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(401, { message: 'token expired' }))
    const { client, requests } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.token).toHaveLength(2)
    expect(fv.api.map((r) => r.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2'])
    expect(requests('vendor request')).toMatchObject([{ fields: { status: 200, retries: 1 } }])
  })

  it('a second 401 → UNAUTHORIZED (401), in our words, not the vendor’s; no third try', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(401, { message: 'token expired' }), json(401, { message: 'token expired' }))
    const { client, requests } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f).toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: '', fromVendor: false })
    expect(fv.api).toHaveLength(2)
    expect(fv.token).toHaveLength(2)
    expect(requests('vendor request')).toMatchObject([{ fields: { status: 401, retries: 1 } }])
  })

  it('a sign-up (no retries) still gets its one try with a new token', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(401, {}))
    const { client } = clientOf(fv)
    expect((await client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false })).status).toBe(200)
    expect(fv.api).toHaveLength(2)
  })

  it('a 403 is final: UNAUTHORIZED with the vendor’s words, no new token', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(403, { message: '無此權限' }))
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'UNAUTHORIZED', status: 403, message: '無此權限', fromVendor: true })
    expect(fv.api).toHaveLength(1)
    expect(fv.token).toHaveLength(1)
  })
})

describe('error statuses', () => {
  const cases: Array<[number, string]> = [
    [400, 'VENDOR'],
    [404, 'NOT_FOUND'],
    [408, 'TIMEOUT'],
    [409, 'CONFLICT'],
    [422, 'VENDOR'],
  ]
  for (const [status, code] of cases) {
    it(`${status} → ${code} with the vendor’s message; without one, an empty message; not retried`, async () => {
      const fv = await fakeVendor()
      fv.apiAnswers(json(status, { message: '  找不到會員  ', extra: 1 }), { status, body: '' })
      const { client } = clientOf(fv)
      const post = { method: 'POST', path: '/v2/user', body: {}, retry: false } as const
      expect(await rejection(client.request(post))).toMatchObject({ code, status, message: '找不到會員', fromVendor: true })
      expect(await rejection(client.request(post))).toMatchObject({ code, status, message: '', fromVendor: false })
      expect(fv.api).toHaveLength(2)
    })
  }

  it('a vendor message over 500 characters is cut, with an ellipsis', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(400, { message: '錯'.repeat(501) }), json(400, { message: '錯'.repeat(500) }))
    const { client } = clientOf(fv)
    const long = await rejection(client.request(STORES))
    expect(long.message).toBe(`${'錯'.repeat(499)}…`)
    expect((await rejection(client.request(STORES))).message).toBe('錯'.repeat(500))
  })

  it('an error page that is not JSON keeps its status: a 404 HTML page is NOT_FOUND without a vendor message', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html>Not Found</html>' })
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'NOT_FOUND', status: 404, message: '', fromVendor: false })
  })

  it('a 2xx that is not JSON is an unreadable vendor answer (VENDOR, with its status), not retried', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"stores": [' })
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 200, message: '' })
    expect(fv.api).toHaveLength(1)
  })
})

describe('retries of reads', () => {
  it('5xx: retried up to `retries` times, then the last failure with the vendor’s words', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, { message: '忙碌中' }), json(502, {}), json(500, { message: '壞了' }))
    const { client, requests, outcomes } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f).toMatchObject({ code: 'VENDOR', status: 500, message: '壞了', fromVendor: true })
    expect(fv.api).toHaveLength(3)
    expect(requests('vendor request')).toMatchObject([{ level: 'info', fields: { endpoint: 'GET /v1/stores', status: 500, retries: 2 } }])
    expect(outcomes).toMatchObject([{ reachable: true, failed: true }])
  })

  it('5xx then success: the answer, with the retries logged', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}), json(503, {}))
    const { client, requests } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.api).toHaveLength(3)
    expect(requests('vendor request')).toMatchObject([{ fields: { status: 200, retries: 2 } }])
  })

  it('`retries` is the number of retries after the first try', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}), json(503, {}), json(503, {}))
    const { client } = clientOf(fv, { retries: 1 })
    await rejection(client.request(STORES))
    expect(fv.api).toHaveLength(2)
  })

  it('a write (retry: false) is sent once, whatever the failure', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}))
    const { client } = clientOf(fv)
    expect(await rejection(client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false }))).toMatchObject({ status: 503 })
    expect(fv.api).toHaveLength(1)
  })

  it('a 4xx is not retried', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(400, {}))
    const { client } = clientOf(fv)
    await rejection(client.request(STORES))
    expect(fv.api).toHaveLength(1)
  })

  it('a dropped connection is retried', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers('drop')
    const { client } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.api).toHaveLength(2)
  })

  it('no retry the deadline would cut short: the failure is answered at once', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}), json(503, {}), json(503, {}))
    // Full jitter at its top: the first backoff is 200 ms, beyond a 150 ms deadline.
    // Waiting anyway would end in the deadline's TIMEOUT instead of the vendor's 503.
    const { client } = clientOf(fv, { random: () => 1, deadlineMs: 150 })
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 503 })
    expect(fv.api).toHaveLength(1)
  })

  it('backs off between tries (200 ms ceiling first, then 400 ms)', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}), json(503, {}))
    const { client } = clientOf(fv, { random: () => 0.5 }) // 100 ms, then 200 ms
    const started = performance.now()
    expect((await client.request(STORES)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })
})

describe('429 Too Many Requests', () => {
  it('a read waits as the vendor asks (Retry-After), then tries again; the wait is logged', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(429, { message: '請求過多' }, { 'Retry-After': '0' }))
    const { client, requests } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.api).toHaveLength(2)
    expect(requests('vendor rate limit: waiting as asked')).toEqual([
      { level: 'info', fields: { endpoint: 'GET /v1/stores', waitMs: 0 }, msg: 'vendor rate limit: waiting as asked' },
    ])
  })

  it('a wait that would pass the deadline is not taken: VENDOR 429 with how long the vendor asked for', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(429, { message: '請求過多' }, { 'Retry-After': '1' }))
    const { client } = clientOf(fv, { deadlineMs: 900 })
    const f = await rejection(client.request(STORES))
    // Not the TIMEOUT that waiting a second would have ended in.
    expect(f).toMatchObject({ code: 'VENDOR', status: 429, retryAfterMs: 1000, message: '請求過多', fromVendor: true })
    expect(fv.api).toHaveLength(1)
  })

  it('without Retry-After a read waits a second (when the deadline allows)', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(429, {}), json(429, {}))
    const short = clientOf(fv, { deadlineMs: 990 })
    const f = await rejection(short.client.request(STORES))
    expect(f).toMatchObject({ status: 429, message: '', fromVendor: false })
    expect(f.retryAfterMs).toBeUndefined()
    expect(fv.api).toHaveLength(1)

    const started = performance.now()
    expect((await clientOf(fv).client.request(STORES)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(990)
    expect(fv.api).toHaveLength(3)
  })

  it('a write (retry: false) is never retried by itself', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(429, {}, { 'Retry-After': '0' }))
    const { client } = clientOf(fv)
    expect(await rejection(client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false }))).toMatchObject({ status: 429 })
    expect(fv.api).toHaveLength(1)
  })
})

describe('time limits', () => {
  it('an answer slower than the attempt timeout → TIMEOUT, retried within the deadline', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers('hang', 'hang', 'hang')
    const { client, outcomes, requests } = clientOf(fv, { attemptTimeoutMs: 100, deadlineMs: 400 })
    const started = performance.now()
    const f = await rejection(client.request(STORES))
    expect(f).toMatchObject({ code: 'TIMEOUT' })
    expect(performance.now() - started).toBeLessThan(400 + 300)
    expect(fv.api).toHaveLength(3)
    expect(outcomes).toMatchObject([{ reachable: true, failed: true }])
    expect(requests('vendor request')).toMatchObject([{ fields: { status: 'TIMEOUT', retries: 2 } }])
    expect(mayHaveReachedVendor(f)).toBe(true)
  })

  it('the deadline bounds the whole call, a slow token request included', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers('hang')
    const { client } = clientOf(fv, { attemptTimeoutMs: 1000, deadlineMs: 200, retries: 5 })
    const started = performance.now()
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'TIMEOUT' })
    expect(performance.now() - started).toBeLessThan(200 + 300)
    // The call's one token request was still pending: nothing reached the API.
    expect(fv.api).toHaveLength(0)
  })

  it('a token that arrives after the attempt gave up is not used to send the call late', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers('hang')
    const { client } = clientOf(fv, { attemptTimeoutMs: 150, deadlineMs: 150 })
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'TIMEOUT' })
    expect(fv.api).toHaveLength(0)
  })
})

describe('a network that is not the vendor', () => {
  it('connection refused → OFFLINE; nothing was sent, so a sign-up may be sent again safely', async () => {
    const fv = await fakeVendor()
    fv.creds.apiBaseUrl = `http://127.0.0.1:${await deadPort()}`
    const { client, outcomes, requests } = clientOf(fv)
    const f = await rejection(client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false }))
    expect(f.code).toBe('OFFLINE')
    expect(mayHaveReachedVendor(f)).toBe(false)
    expect(outcomes).toMatchObject([{ reachable: false, failed: false }])
    expect(requests('vendor request')).toMatchObject([{ fields: { status: 'OFFLINE' } }])
  })

  it('a connection cut after the request was sent → OFFLINE that may have reached the vendor', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers('drop')
    const { client } = clientOf(fv)
    const f = await rejection(client.request({ method: 'POST', path: '/v2/user', body: {}, retry: false }))
    expect(f.code).toBe('OFFLINE')
    expect(mayHaveReachedVendor(f)).toBe(true)
  })

  it('TLS spoken to a server that does not → TLS, never sent', async () => {
    const fv = await fakeVendor()
    fv.creds.authUrl = `https://127.0.0.1:${fv.port}/oauth/v1/token`
    const { client, outcomes } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f.code).toBe('TLS')
    expect(mayHaveReachedVendor(f)).toBe(false)
    expect(fv.token).toHaveLength(0)
    expect(outcomes).toMatchObject([{ reachable: false }])
  })

  it('a captive portal’s HTML page with 200 → OFFLINE (intercepted), not retried, logged with what was seen', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<html>Wi-Fi login</html>' })
    const { client, outcomes, entries } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f.code).toBe('OFFLINE')
    expect(mayHaveReachedVendor(f)).toBe(false)
    expect(fv.api).toHaveLength(1)
    expect(outcomes).toMatchObject([{ reachable: false, failed: false, reason: 'intercepted' }])
    expect(entries.filter((e) => e.level === 'warn')).toEqual([
      { level: 'warn', fields: { endpoint: 'GET /v1/stores', detail: 'HTTP 200 text/html' }, msg: 'network intercepted' },
    ])
    expect(entries.filter((e) => e.msg === 'vendor request')).toMatchObject([{ fields: { status: 'INTERCEPTED' } }])
  })

  it('markup without an HTML content type is still a portal page', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: '\n  <!doctype html><p>login</p>' })
    const { client, outcomes } = clientOf(fv)
    expect((await rejection(client.request(STORES))).code).toBe('OFFLINE')
    expect(outcomes[0]!.reason).toBe('intercepted')
  })

  it('a redirect to another host → OFFLINE (intercepted), the redirect not followed', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 302, headers: { Location: 'http://portal.wifi.example/login' } })
    const { client, entries, outcomes } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f.code).toBe('OFFLINE')
    expect(outcomes[0]!.reason).toBe('intercepted')
    expect(entries.find((e) => e.msg === 'network intercepted')!.fields['detail']).toBe('redirect to portal.wifi.example')
    expect(fv.api).toHaveLength(1)
  })

  it('a redirect within the vendor’s own host is the vendor’s odd answer (VENDOR 3xx), not followed', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 302, headers: { Location: '/v1/stores/' } }, { status: 301 })
    const { client, outcomes } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 302 })
    expect(outcomes[0]).toMatchObject({ reachable: true, failed: false })
    expect(outcomes[0]!.reason).toBeUndefined()
    // No Location at all: the same.
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 301 })
    expect(fv.api).toHaveLength(2)
  })
})

describe('mayHaveReachedVendor (may a failed sign-up have been created?)', () => {
  it('a timeout or a 5xx: maybe; a 4xx or a refusal before sending: no', () => {
    expect(mayHaveReachedVendor(new AppFailure('TIMEOUT', ''))).toBe(true)
    expect(mayHaveReachedVendor(new AppFailure('VENDOR', '', { status: 502 }))).toBe(true)
    expect(mayHaveReachedVendor(new AppFailure('VENDOR', '', { status: 500 }))).toBe(true)
    expect(mayHaveReachedVendor(new AppFailure('VENDOR', '', { status: 499 }))).toBe(false)
    expect(mayHaveReachedVendor(new AppFailure('VENDOR', ''))).toBe(false)
    expect(mayHaveReachedVendor(new AppFailure('TLS', '', { status: 500 }))).toBe(false)
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect(mayHaveReachedVendor(new AppFailure('OFFLINE', '', { cause: { code } })), code).toBe(false)
    }
    for (const cause of [{ code: 'ECONNRESET' }, { code: 'EPIPE' }, {}, undefined]) {
      expect(mayHaveReachedVendor(new AppFailure('OFFLINE', '', { cause })), JSON.stringify(cause)).toBe(true)
    }
  })

  it('a client given only credentials and a log works with its defaults', async () => {
    const fv = await fakeVendor()
    const { log } = memoryLog()
    const client = new VendorClient({ credentials: () => fv.creds, log })
    expect((await client.request(STORES)).status).toBe(200)
  })
})
