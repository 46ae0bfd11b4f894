// Retries, the deadline and the mapping of every kind of failure, over real HTTP.

import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientFor, coreFor, deadPort, envFor, EXAMPLE_PHONE, failure, onCleanup, sandbox, timed } from './helpers'

/**
 * A stand-in vendor behind a gateway: the token endpoint works; API calls get `pages` (status,
 * non-JSON body) first, then a store list.
 */
async function gateway(pages: Array<[number, string]>) {
  const seen = { token: 0, api: 0 }
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.url?.startsWith('/oauth/')) {
        seen.token++
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ access_token: `tok-${seen.token}`, expires_in: 3600, token_type: 'Bearer', scope: 'api' }))
        return
      }
      seen.api++
      const page = pages.shift()
      if (page) {
        res.writeHead(page[0], { 'Content-Type': 'text/html' })
        res.end(page[1])
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ stores: [{ id: '9920', name: '信義旗艦店' }] }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  onCleanup(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return { seen, creds: { apiBaseUrl: base, authUrl: `${base}/oauth/v1/token` } }
}

const newMember = (phone: string) => ({ phone, name: '測試新會員', sex: 'female' as const, birthday: '1990-05-06' })

describe('5xx and retries', () => {
  it('503 once → the call still returns the member, after one retry (2 API requests)', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    sb.faults.failNext(503, 1)
    const view = await members.lookup(EXAMPLE_PHONE)
    expect(view.profile.name).toBe('Chien YH')
    expect(view.source).toBe('live')
    expect(sb.stats.apiRequests).toBe(2)
    expect(sb.stats.timings.map((t) => t.status)).toEqual([200, 503, 200]) // token, 503, retry
  })

  it('503 three times → VENDOR (5xx) within the deadline, after exactly 3 tries', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb, { deadlineMs: 9000 })
    sb.faults.failNext(503, 3)
    const { value: f, ms } = await timed(() => failure(() => members.find(EXAMPLE_PHONE)))
    expect(f.code).toBe('VENDOR')
    expect(f.status).toBe(503)
    expect(f.fromVendor).toBe(true)
    expect(f.message).toBe('服務暫時無法使用,請稍後再試')
    expect(ms).toBeLessThan(9000)
    expect(sb.stats.apiRequests).toBe(3)
  })

  it('sign-up is never retried: a 503 on POST /v2/user → one POST only (VendorClient)', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    sb.faults.failNext(503, 1, undefined, { paths: ['/v2/user'] })
    const f = await failure(() => members.create(newMember('0987001122')))
    expect(f.code).toBe('VENDOR')
    expect(f.status).toBe(503)
    expect(sb.stats.signupPosts).toBe(1)
  })

  it('sign-up through createCore: 503 → {status: "queued"} and exactly one POST reached the sandbox', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    sb.faults.failNext(503, 1, undefined, { paths: ['/v2/user'] })
    const r = await call<{ status: string; outboxId?: string }>('member:signup', newMember('0987001133'))
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } })
    // Give any stray retry the time to happen.
    await new Promise((res) => setTimeout(res, 400))
    expect(sb.stats.signupPosts).toBe(1)
    const list = await call<Array<{ state: string; sentOnce: boolean }>>('outbox:list')
    expect(list.ok && list.value).toMatchObject([{ state: 'pending', sentOnce: true }])
  })
})

describe('sign-up whose answer is lost', () => {
  it('connection dropped after the vendor created the member → queued, then recognised as ours (done, not conflict), one POST', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    expect((await call('stores:list')).ok).toBe(true) // token fetched: the drop hits the POST
    sb.faults.dropNext(1)
    const r = await call('member:signup', newMember('0987001144'))
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } })
    expect(sb.stats.signupPosts).toBe(1)
    expect(await call('outbox:sendNow')).toMatchObject({ ok: true, value: { done: 1, conflict: 0, pending: 0 } })
    expect(sb.stats.signupPosts).toBe(1) // find-before-send saw the member: no second POST
  })

  it('connection refused → queued as never sent (sentOnce false); nothing reached the vendor', async () => {
    const sb = await sandbox()
    const port = await deadPort()
    const { call } = await coreFor(envFor(sb, { POS_API_BASE_URL: `http://127.0.0.1:${port}` }))
    const r = await call('member:signup', newMember('0987001155'))
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } })
    const list = await call<Array<{ sentOnce: boolean }>>('outbox:list')
    expect(list).toMatchObject({ ok: true, value: [{ sentOnce: false }] })
    expect(sb.stats.signupPosts).toBe(0)
  })
})

describe('broken answers and networks', () => {
  it("a gateway's non-JSON 401 page still means: new token, one more try", async () => {
    const sb = await sandbox()
    const gw = await gateway([[401, '<html><body>401 Authorization Required</body></html>']])
    const { members } = await clientFor(sb, {}, gw.creds)
    const stores = await members.stores()
    expect(stores.map((s) => s.id)).toEqual(['9920'])
    expect(gw.seen).toEqual({ token: 2, api: 2 })
  })

  it("a gateway's HTML 502 page is a 5xx (retried); an HTML 404 is NOT_FOUND — not an 'unreadable answer'", async () => {
    const sb = await sandbox()
    const gw = await gateway([[502, '<html>Bad Gateway</html>']])
    const { members } = await clientFor(sb, {}, gw.creds)
    expect((await members.stores()).map((s) => s.name)).toEqual(['信義旗艦店'])
    expect(gw.seen.api).toBe(2)

    const gw404 = await gateway([[404, '<html>Not Found</html>']])
    const other = await clientFor(sb, {}, gw404.creds)
    const f = await failure(() => other.members.stores())
    expect(f.code).toBe('NOT_FOUND')
    expect(f.fromVendor).toBe(false)
  })

  it('a truncated JSON body → VENDOR (not a crash, not a retry)', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    sb.faults.truncateNext(1)
    const f = await failure(() => members.find(EXAMPLE_PHONE))
    expect(f.code).toBe('VENDOR')
    expect(sb.stats.apiRequests).toBe(1)
  })

  it('an answer slower than the attempt timeout → TIMEOUT, within the deadline (cold client: token included)', async () => {
    const sb = await sandbox()
    // 500 ms tries in a 700 ms deadline: the second try has only ~100 ms left, and the token
    // request inside it must not be allowed its full 500 ms.
    const { members } = await clientFor(sb, { attemptTimeoutMs: 500, deadlineMs: 700 })
    sb.faults.setLatency(3000)
    const { value: f, ms } = await timed(() => failure(() => members.find(EXAMPLE_PHONE)))
    expect(f.code).toBe('TIMEOUT')
    expect(ms).toBeLessThan(700 + 250)
  })

  it('an answer slower than the attempt timeout → TIMEOUT, within the deadline (warm client)', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb, { attemptTimeoutMs: 250, deadlineMs: 700 })
    await members.find(EXAMPLE_PHONE)
    sb.faults.setLatency(3000)
    const { value: f, ms } = await timed(() => failure(() => members.lookup(EXAMPLE_PHONE)))
    // lookup has no offline copy of this phone yet (find does not cache): the error comes through.
    expect(f.code).toBe('TIMEOUT')
    expect(ms).toBeLessThan(700 + 150)
    expect(sb.stats.apiRequests).toBeGreaterThanOrEqual(2) // retried within the deadline
  })

  it('connection refused → OFFLINE', async () => {
    const sb = await sandbox()
    const port = await deadPort()
    const { members } = await clientFor(sb, {}, { apiBaseUrl: `http://127.0.0.1:${port}`, authUrl: `http://127.0.0.1:${port}/oauth/v1/token` })
    const f = await failure(() => members.find(EXAMPLE_PHONE))
    expect(f.code).toBe('OFFLINE')
  })

  it('connection refused on the API only (token fine) → OFFLINE', async () => {
    const sb = await sandbox()
    const port = await deadPort()
    const { members } = await clientFor(sb, {}, { apiBaseUrl: `http://127.0.0.1:${port}` })
    const f = await failure(() => members.find(EXAMPLE_PHONE))
    expect(f.code).toBe('OFFLINE')
    expect(sb.stats.tokenRequests).toBe(1)
  })

  it('a dropped connection is retried, then succeeds', async () => {
    const sb = await sandbox()
    const { members } = await clientFor(sb)
    sb.faults.dropNext(1)
    const view = await members.lookup(EXAMPLE_PHONE)
    expect(view.profile.name).toBe('Chien YH')
    expect(sb.stats.apiRequests).toBe(2)
    expect(sb.stats.timings.filter((t) => t.path === '/v1/user/ocard/login').map((t) => t.status)).toEqual([0, 200])
  })

  it('the whole answer arrives within the default 9 s deadline: latency 30 s → member:lookup TIMEOUT in < 10 s', async () => {
    const sb = await sandbox()
    const { call } = await coreFor(envFor(sb))
    sb.faults.setLatency(30_000)
    const { value: r, ms } = await timed(() => call('member:lookup', { phone: EXAMPLE_PHONE }))
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
    expect(ms).toBeLessThan(10_000)
    expect(ms).toBeGreaterThan(7_000) // it did wait for the vendor, not give up at once
  }, 15_000)
})
