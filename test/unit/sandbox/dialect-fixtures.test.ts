// Issue 13.3, the sandbox's side: in each dialect the sandbox answers in the same shape as
// that dialect's fixture (the shape the client's tests normalise), and meets the shared schema.
import { describe, expect, it } from 'vitest'
import { shapeProblem } from '../../../electron/sandbox/self-check'
import { dialectFixtures, shape } from '../vendor/dialect-fixtures'
import { EXAMPLE_PHONE, getToken, login, memberData, NOT_A_MEMBER, sandbox, signUp, tokenForm } from './helpers'
import type { Sandbox } from '../../../electron/sandbox/server'

/** The request each fixture is the answer to, and the route the shared schemas know it by. */
const REQUESTS: Record<string, { route: string; ask: (sb: Sandbox, token: string) => Promise<{ status: number; body: unknown }> }> = {
  login: { route: 'POST /v1/user/ocard/login', ask: (sb, t) => login(sb, t, EXAMPLE_PHONE) },
  'login-not-member': { route: 'POST /v1/user/ocard/login', ask: (sb, t) => login(sb, t, NOT_A_MEMBER) },
  member: { route: 'GET /v1/user/ocard', ask: (sb, t) => memberData(sb, t, EXAMPLE_PHONE) },
  'signup-duplicate': { route: 'POST /v2/user', ask: (sb, t) => signUp(sb, t, { type: 'PHONE_NUMBER', id: EXAMPLE_PHONE }) },
  token: {
    route: 'POST /oauth/v1/token',
    ask: async (sb) => {
      const res = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb) })
      return { status: res.status, body: (await res.json()) as unknown }
    },
  },
}

describe.each(dialectFixtures())('sandbox in dialect $dialect: $payload', ({ dialect, payload, body }) => {
  it('answers in the fixture’s shape, and the shared schema accepts it', async () => {
    const request = REQUESTS[payload]
    expect(request, `no request known for fixture ${payload}.json`).toBeDefined()
    const sb = await sandbox({ dialects: [dialect] })
    // The token is fetched before the dialect could matter to it (the token fixtures' dialects only touch expires_in).
    const token = payload === 'token' ? '' : await getToken(sb)
    const got = await request!.ask(sb, token)
    expect(got.status).toBe(200)
    expect(shape(got.body)).toEqual(shape(body))
    expect(shapeProblem(request!.route, got.status, got.body)).toBeNull()
    expect(sb.stats.shapeProblems).toEqual([])
    // A refusal is in the same words the fixture (and so the client's test) has.
    if (dialect === 'errors-200') expect(got.body).toEqual(body)
  })
})
