// /__sandbox/* control routes (for out-of-process tests), loopback-only access, and close().

import { request, Agent } from 'node:http'
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { isLoopbackAddress } from '../../../electron/sandbox/http-io'
import { startSandbox } from '../../../electron/sandbox/server'
import { adminFaults, call, EXAMPLE_PHONE, getToken, sandbox, session, signUp } from './helpers'

describe('POST /__sandbox/faults', () => {
  it('queues failNext with paths, and reset clears it', async () => {
    const { sb, token } = await session()
    const ok = await adminFaults(sb, { failNext: { status: 502, count: 2, paths: ['/v1/stores'] } })
    expect(ok).toMatchObject({ status: 200, body: { ok: true } })
    expect((await call(sb, token, '/v1/stores')).status).toBe(502)
    await adminFaults(sb, { reset: true })
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
  })

  it('passes a custom failNext body through', async () => {
    const { sb, token } = await session()
    await adminFaults(sb, { failNext: { status: 429, body: { message: '太多請求', retry_after: 3 } } })
    const res = await call(sb, token, '/v1/stores')
    expect(res).toMatchObject({ status: 429, body: { message: '太多請求', retry_after: 3 } })
  })

  it('sets latency, revokes tokens, drops, truncates and sets everyNth', async () => {
    const { sb, token } = await session()
    await adminFaults(sb, { latencyMs: 200 })
    const t0 = Date.now()
    await call(sb, token, '/v1/stores')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    await adminFaults(sb, { latencyMs: 0, revokeTokens: true })
    expect((await call(sb, token, '/v1/stores')).status).toBe(401)
    const fresh = await getToken(sb)

    await adminFaults(sb, { dropNext: 1 })
    await expect(call(sb, fresh, '/v1/stores')).rejects.toThrow()
    await adminFaults(sb, { truncateNext: 1 })
    await expect(call(sb, fresh, '/v1/stores')).rejects.toThrow(SyntaxError)
    await adminFaults(sb, { everyNth: { status503: 2 } })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await call(sb, fresh, '/v1/stores')).status)
    expect(statuses).toEqual([200, 503, 200, 503])
  })

  it('answers 400 to a malformed request and changes nothing', async () => {
    const { sb, token } = await session()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ latencyMs: -5 }, 'latencyMs must be a non-negative integer'],
      [{ dropNext: 0 }, 'dropNext must be a positive integer'],
      [{ failNext: { count: 1 } }, 'failNext must be {status, count?, body?, paths?}'],
      [{ failNext: { status: 42 } }, 'failNext: bad status'],
      [{ latencyMs: 10, failNext: { status: 500, paths: 'nope' } }, 'failNext.paths must be an array of strings'],
      [{ everyNth: { drop: 1.5 } }, 'everyNth.drop must be an integer >= 0'],
    ]
    for (const [body, message] of cases) {
      const res = await adminFaults(sb, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body, JSON.stringify(body)).toEqual({ message })
    }
    const t0 = Date.now()
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
    expect(Date.now() - t0).toBeLessThan(200)
    const notJson = await fetch(`${sb.apiBaseUrl}/__sandbox/faults`, { method: 'POST', body: 'latencyMs=5' })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toEqual({ message: 'body must be JSON' })
  })
})

describe('GET/DELETE /__sandbox/stats', () => {
  it('reports the counters without counting itself, and resets them', async () => {
    const { sb, token } = await session()
    await call(sb, token, '/v1/stores')
    await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })
    const res = await fetch(`${sb.apiBaseUrl}/__sandbox/stats`)
    expect(res.headers.get('x-sandbox-time-ms')).toMatch(/^\d+\.\d{3}$/)
    const stats = (await res.json()) as { tokenRequests: number; apiRequests: number; signupPosts: number; timings: unknown[] }
    expect(stats).toMatchObject({ tokenRequests: 1, apiRequests: 2, signupPosts: 1 })
    expect(stats.timings).toHaveLength(3)
    expect((await fetch(`${sb.apiBaseUrl}/__sandbox/stats`, { method: 'DELETE' })).status).toBe(200)
    expect(sb.stats.apiRequests).toBe(0)
    expect(sb.stats.timings).toEqual([])
  })
})

describe('GET /__sandbox/members', () => {
  const registration = async (base: string, phone: string) =>
    (await (await fetch(`${base}/__sandbox/members?phone=${encodeURIComponent(phone)}`)).json()) as Record<string, unknown>

  it('tells seeded, created and refused duplicates apart', async () => {
    const { sb, token } = await session()
    expect(await registration(sb.apiBaseUrl, EXAMPLE_PHONE)).toEqual({
      phone: EXAMPLE_PHONE, isMember: true, seeded: true, created: 0, rejectedDuplicates: 0,
    })
    expect(await registration(sb.apiBaseUrl, '0987654321')).toMatchObject({ isMember: false, created: 0 })
    await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })
    await signUp(sb, token, { type: 'PHONE_NUMBER', id: '0987654321' })
    expect(await registration(sb.apiBaseUrl, '+886987654321')).toEqual({
      phone: '0987654321', isMember: true, seeded: false, created: 1, rejectedDuplicates: 1,
    })
  })

  it('answers 400 for a missing or malformed phone, 404 for unknown admin routes', async () => {
    const sb = await sandbox()
    for (const query of ['', '?phone=12']) {
      const res = await fetch(`${sb.apiBaseUrl}/__sandbox/members${query}`)
      expect(res.status, query).toBe(400)
      expect(await res.json(), query).toEqual({ message: 'phone must be 09 + 8 digits' })
    }
    const nope = await fetch(`${sb.apiBaseUrl}/__sandbox/nope`)
    expect(nope.status).toBe(404)
    expect(await nope.json()).toEqual({ message: 'Not Found' })
  })
})

describe('loopback-only admin', () => {
  it('recognises loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true)
    for (const a of ['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false)
  })

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address

  it.skipIf(!lanAddress)('refuses admin calls from a non-loopback address but serves the API', async () => {
    const sb = await sandbox({ host: '0.0.0.0' })
    const lan = `http://${lanAddress}:${sb.port}`
    const stats = await fetch(`${lan}/__sandbox/stats`)
    expect(stats.status).toBe(403)
    const faults = await fetch(`${lan}/__sandbox/faults`, { method: 'POST', body: '{"failNext":{"status":500}}' })
    expect(faults.status).toBe(403)
    expect((await fetch(`${lan}/v1/stores`)).status).toBe(401)
    // The refused failNext was not applied.
    const token = await getToken(sb)
    expect((await call(sb, token, '/v1/stores')).status).toBe(200)
  })
})

describe('admin routes check Host and Origin like the app does', () => {
  it('refuses a page elsewhere (Origin) and a rebound name (Host), and applies nothing', async () => {
    const sb = await sandbox()
    const port = sb.port
    const post = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/__sandbox/faults', method: 'POST', headers: { 'Content-Type': 'text/plain', ...headers } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end('{"failNext":{"status":500}}')
      })
    expect(await post({ Origin: 'http://evil.example' })).toBe(403)
    expect(await post({ Host: 'evil.example', Origin: 'http://evil.example' })).toBe(403)
    expect(await post({ Host: `rebound.example:${port}` })).toBe(403)
    const token = await getToken(sb)
    expect((await call(sb, token, '/v1/stores')).status).toBe(200) // nothing was applied
    // Our own name, with or without our Origin, still controls it.
    expect(await post({ Host: `localhost:${port}`, Origin: `http://127.0.0.1:${port}` })).toBe(200)
    expect((await call(sb, token, '/v1/stores')).status).toBe(500)
  })
})

describe('close()', () => {
  it('does not hang on an open keep-alive connection', async () => {
    const sb = await startSandbox({ port: 0 })
    const agent = new Agent({ keepAlive: true })
    const status = await new Promise<number>((resolve, reject) => {
      request(`${sb.apiBaseUrl}/v1/stores`, { agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }).on('error', reject).end()
    })
    expect(status).toBe(401)
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1)
    const t0 = Date.now()
    await sb.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    agent.destroy()
    await expect(fetch(`${sb.apiBaseUrl}/v1/stores`)).rejects.toThrow()
  })

  it('does not wait for an answer sleeping in injected latency', async () => {
    const { sb, token } = await session()
    sb.faults.setLatency(10_000)
    const pending = call(sb, token, '/v1/stores')
    await new Promise((r) => setTimeout(r, 100))
    const t0 = Date.now()
    await sb.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
  })

  it('can be called twice', async () => {
    const sb = await startSandbox({ port: 0 })
    const url = `http://127.0.0.1:${sb.port}/__sandbox/stats`
    expect((await fetch(url)).status).toBe(200)
    await expect(Promise.all([sb.close(), sb.close()])).resolves.toEqual([undefined, undefined])
    await expect(sb.close()).resolves.toBeUndefined()
    // Closed for real: nothing answers on its port any more.
    await expect(fetch(url)).rejects.toThrow()
  })
})

describe('startSandbox options', () => {
  it('listens on a given port and refuses a taken one', async () => {
    const probe = await startSandbox({ port: 0 })
    const freePort = probe.port
    await probe.close()
    const sb = await sandbox({ port: freePort })
    expect(sb.port).toBe(freePort)
    expect(sb.apiBaseUrl).toBe(`http://127.0.0.1:${freePort}`)
    await expect(startSandbox({ port: freePort })).rejects.toThrow(/EADDRINUSE/)
  })
})
