// The VendorClient at the edges of its rules: status boundaries (300, 400, 500), odd
// redirects and markup, what the log and the connection monitor are told, and a token that
// arrives after its call gave up. (The main cases: http-client.test.ts.)

import { describe, expect, it, vi } from 'vitest'
import { VendorClient } from '../../../electron/core/vendor/http'
import { clientOf, deadPort, fakeVendor, json, rejection } from './fake-vendor'

const STORES = { method: 'GET', path: '/v1/stores', retry: true } as const

describe('status boundaries', () => {
  it('a 500 is a 5xx: retried, and reported as a failed call', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(500, {}))
    const { client } = clientOf(fv)
    expect((await client.request(STORES)).status).toBe(200)
    expect(fv.api).toHaveLength(2)

    fv.apiAnswers(json(500, {}))
    const once = clientOf(fv, { retries: 0 })
    expect(await rejection(once.client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 500 })
    expect(once.outcomes).toMatchObject([{ reachable: true, failed: true }])
  })

  it('a 3xx to another host is a portal from 300 on; a 400 with a Location is just a 400', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(
      { status: 300, headers: { Location: 'http://portal.wifi.example/' } },
      { status: 400, headers: { Location: 'http://portal.wifi.example/' } },
    )
    const { client, outcomes } = clientOf(fv)
    expect((await rejection(client.request(STORES))).code).toBe('OFFLINE')
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 400 })
    expect(outcomes.map((o) => o.reason)).toEqual(['intercepted', undefined])
  })

  it('an HTML page with a 3xx status is not read as a portal’s 200 page', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 300, headers: { 'Content-Type': 'text/html' }, body: '<html>Multiple Choices</html>' })
    const { client, outcomes } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 300, message: '' })
    expect(outcomes[0]!.reason).toBeUndefined()
  })

  it('a Location that is no URL at all is not a redirect elsewhere', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 302, headers: { Location: 'http://[broken' } })
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 302 })
  })
})

describe('what counts as a portal page', () => {
  it('an HTML content type in capitals', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 200, headers: { 'Content-Type': 'Text/HTML' }, body: 'Please log in' })
    const { client, outcomes } = clientOf(fv)
    const f = await rejection(client.request(STORES))
    expect(f).toMatchObject({ code: 'OFFLINE', message: '', name: 'NetworkIntercepted' })
    expect(outcomes[0]!.reason).toBe('intercepted')
  })

  it('not a text answer that merely contains a "<" somewhere', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'points < 0' })
    const { client, outcomes } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'VENDOR', status: 200 })
    expect(outcomes[0]!.reason).toBeUndefined()
  })
})

describe('what is measured', () => {
  it('the log’s and the monitor’s times are the call’s own duration', async () => {
    const fv = await fakeVendor()
    const { client, entries, outcomes } = clientOf(fv)
    const started = performance.now()
    await client.request(STORES)
    const took = performance.now() - started
    for (const e of entries) expect(e.fields['ms'] as number, e.msg).toBeLessThanOrEqual(Math.ceil(took) + 1)
    expect(entries.map((e) => e.msg)).toEqual(['vendor token', 'vendor request'])
    expect(outcomes[0]!.ms).toBeLessThanOrEqual(took + 1)

    fv.apiAnswers(json(404, {}))
    const before = performance.now()
    await rejection(client.request(STORES))
    expect(outcomes[1]!.ms).toBeLessThanOrEqual(performance.now() - before + 1)
    expect(outcomes[1]!.ms).toBeGreaterThanOrEqual(0)
  })
})

describe('a token that arrives late', () => {
  it('is not used to send the call after the call has already answered TIMEOUT', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers({ ...(json(200, { access_token: 'late', expires_in: 3600 }) as object), delayMs: 250 } as never)
    const { client } = clientOf(fv, { attemptTimeoutMs: 100, deadlineMs: 100 })
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'TIMEOUT' })
    await vi.waitFor(() => expect(fv.token).toHaveLength(1))
    await new Promise((r) => setTimeout(r, 400)) // the token has arrived; a late send would be seen by now
    expect(fv.api).toHaveLength(0)
  })
})

describe('defaults', () => {
  it('without options: 2 retries of a read', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(503, {}), json(503, {}), json(503, {}))
    const { log } = (await import('./fake-vendor')).memoryLog()
    const client = new VendorClient({ credentials: () => fv.creds, log, random: () => 0 })
    expect(await rejection(client.request(STORES))).toMatchObject({ status: 503 })
    expect(fv.api).toHaveLength(3)
  })
})

describe('the words staff see', () => {
  // An empty message means "show the localised text for the code"; anything else would be
  // shown as it is, so a failure of ours must not carry words.
  it('TLS, refused, a 403 without words, and credentials refused (whatever the token endpoint said) carry none', async () => {
    const fv = await fakeVendor()
    const tls = clientOf({ ...fv, creds: { ...fv.creds, authUrl: `https://127.0.0.1:${fv.port}/oauth/v1/token` } })
    expect(await rejection(tls.client.request(STORES))).toMatchObject({ code: 'TLS', message: '' })

    const refused = clientOf({ ...fv, creds: { ...fv.creds, apiBaseUrl: `http://127.0.0.1:${await deadPort()}` } })
    expect(await rejection(refused.client.request(STORES))).toMatchObject({ code: 'OFFLINE', message: '' })

    fv.apiAnswers({ status: 403 })
    expect(await rejection(clientOf(fv).client.request(STORES))).toMatchObject({ code: 'UNAUTHORIZED', status: 403, message: '', fromVendor: false })

    fv.tokenAnswers(json(403, { message: 'client_secret 錯誤' }))
    expect(await rejection(clientOf(fv).client.request(STORES))).toMatchObject({ code: 'UNAUTHORIZED', status: 403, message: '' })
  })
})

describe('after a 401 and a new token', () => {
  it('the retried call’s own failure is what the caller gets', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(401, {}), json(404, { message: '查無此會員' }), json(401, {}), json(403, { message: '無此權限' }))
    const { client } = clientOf(fv)
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'NOT_FOUND', status: 404, message: '查無此會員' })
    expect(await rejection(client.request(STORES))).toMatchObject({ code: 'UNAUTHORIZED', status: 403, message: '無此權限' })
  })
})

describe('the token endpoint', () => {
  it('a token in a 3xx answer is not taken', async () => {
    const fv = await fakeVendor()
    fv.tokenAnswers(json(300, { access_token: 'odd', expires_in: 3600 }))
    const { client } = clientOf(fv)
    expect(await rejection(client.request({ ...STORES, retry: false }))).toMatchObject({ code: 'VENDOR', status: 300 })
    expect(fv.api).toHaveLength(0)
  })

  it('a warm-up that fails before asking (no credentials to read) is logged as INTERNAL', async () => {
    const fv = await fakeVendor()
    const { client, entries } = clientOf(fv, {
      credentials: () => {
        throw new Error('settings unreadable')
      },
    })
    client.warmUp()
    await vi.waitFor(() => expect(entries.find((e) => e.msg === 'vendor token warm-up failed')?.fields).toEqual({ code: 'INTERNAL' }))
  })
})

describe('what the connection monitor and the log are told about a plain error status', () => {
  it('a 404 was an answer: reachable, not failed, no network warning', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(404, {}), json(401, {}), json(401, {}))
    const { client, outcomes, entries } = clientOf(fv)
    await rejection(client.request(STORES))
    await rejection(client.request(STORES))
    expect(outcomes).toMatchObject([
      { reachable: true, failed: false },
      { reachable: true, failed: false },
    ])
    expect(entries.filter((e) => e.level === 'warn')).toEqual([])
  })
})

describe('a Location header on an answer that is no redirect', () => {
  it('a 200 with a Location elsewhere is still the vendor’s answer', async () => {
    const fv = await fakeVendor()
    fv.apiAnswers(json(200, { stores: [] }, { Location: 'http://portal.wifi.example/' }))
    const { client } = clientOf(fv)
    expect(await client.request(STORES)).toEqual({ status: 200, body: { stores: [] } })
  })
})
