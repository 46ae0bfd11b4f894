// The VendorClient at the edges of its rules: status boundaries (300, 400, 500), odd
// redirects and markup, what the log and the connection monitor are told, and a token that
// arrives after its call gave up. (The main cases: http-client.test.ts.)

import { describe, expect, it, vi } from 'vitest'
import { VendorClient } from '../../../electron/core/vendor/http'
import { clientOf, fakeVendor, json, rejection } from './fake-vendor'

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
