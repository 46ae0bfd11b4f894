// Every vendor request leaves one JSON log line: endpoint, status, duration, retry count.

import { describe, expect, it } from 'vitest'
import { clientFor, EXAMPLE_PHONE, failure, sandbox } from './helpers'

type Line = { msg?: string; endpoint?: string; status?: unknown; ms?: unknown; retries?: unknown }

describe('request logging (logs/app.log)', () => {
  it('logs endpoint, status, duration and retries for successes, retries and failures', async () => {
    const sb = await sandbox()
    const { members, logLines } = await clientFor(sb)

    await members.lookup(EXAMPLE_PHONE) // plain success (token fetched first)
    sb.faults.failNext(503, 1)
    await members.find(EXAMPLE_PHONE) // one retry
    sb.faults.failNext(503, 3)
    await failure(() => members.stores()) // two retries, then VENDOR 503
    sb.faults.revokeTokens()
    await members.search({ by: 'phoneSuffix', value: '678' }) // re-sent once after a 401
    sb.faults.failNext(400, 1, { message: '請求參數錯誤' }, { paths: ['/v2/user'] })
    await failure(() => members.create({ phone: '0987000111' }))

    const lines = logLines() as Line[]
    const requests = lines.filter((l) => l.msg === 'vendor request')
    expect(requests.map((l) => [l.endpoint, l.status, l.retries])).toEqual([
      ['POST /v1/user/ocard/login', 200, 0],
      ['GET /v1/user/ocard', 200, 1],
      ['GET /v1/stores', 503, 2],
      ['GET /v1/user/members', 200, 1],
      ['POST /v2/user', 400, 0],
    ])
    for (const l of requests) {
      expect(typeof l.ms).toBe('number')
      expect(l.ms as number).toBeGreaterThanOrEqual(0)
    }
    // The 503 × 3 call waited through two backoffs (100 + 200 ms: random() = 0.5 of 200, then of 400).
    expect(requests[2]!.ms as number).toBeGreaterThanOrEqual(250)

    const tokens = lines.filter((l) => l.msg === 'vendor token')
    expect(tokens).toHaveLength(2)
    for (const t of tokens) expect(t).toMatchObject({ endpoint: 'token', status: 200, ms: expect.any(Number) })
    // Paths only: a phone in a query string never reaches the log.
    expect(JSON.stringify(lines)).not.toContain('mobile=')
  })

  it('a failure without an HTTP answer is logged with its code', async () => {
    const sb = await sandbox()
    const { members, logLines } = await clientFor(sb, { attemptTimeoutMs: 150, deadlineMs: 400 })
    await members.stores()
    sb.faults.setLatency(2000)
    await failure(() => members.stores())
    const last = (logLines() as Line[]).filter((l) => l.msg === 'vendor request').at(-1)
    expect(last).toMatchObject({ endpoint: 'GET /v1/stores', status: 'TIMEOUT', retries: expect.any(Number), ms: expect.any(Number) })
    expect(last!.ms as number).toBeLessThan(400 + 100)
  })
})
