// Shared helpers for the sandbox tests: a running sandbox, a token, JSON calls over real HTTP.

import { afterEach } from 'vitest'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/server'

export const DEMO_STORE = '9920'
export const NOT_A_MEMBER = '0911000000'
/** The vendor page's example member. */
export const EXAMPLE_PHONE = '0903515908'

const running: Sandbox[] = []

/** Starts a sandbox on a random port; closed automatically after each test. */
export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, ...opts })
  running.push(sb)
  return sb
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.close()))
})

export function tokenForm(sb: Sandbox, overrides: Record<string, string | null> = {}): URLSearchParams {
  const fields: Record<string, string | null> = {
    client_id: sb.clientId,
    client_secret: sb.clientSecret,
    grant_type: 'client_credentials',
    scope: 'api',
    ...overrides,
  }
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) if (v !== null) form.set(k, v)
  return form
}

export async function getToken(sb: Sandbox): Promise<string> {
  const res = await fetch(sb.authUrl, { method: 'POST', body: tokenForm(sb) })
  if (res.status !== 200) throw new Error(`token: HTTP ${res.status}`)
  const body = (await res.json()) as { access_token: string }
  return body.access_token
}

export interface JsonAnswer<T = unknown> {
  status: number
  body: T
  headers: Headers
}

/** Calls the API with a Bearer token (pass token null for none) and parses the JSON answer. */
export async function call<T = unknown>(
  sb: Sandbox,
  token: string | null,
  path: string,
  init: { method?: string; json?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = {}
  if (token !== null) headers['Authorization'] = `Bearer ${token}`
  let body: string | undefined
  if (init.json !== undefined) {
    body = JSON.stringify(init.json)
    headers['Content-Type'] = 'application/json'
  }
  if (init.rawBody !== undefined) body = init.rawBody
  if (init.contentType !== undefined) headers['Content-Type'] = init.contentType
  const res = await fetch(sb.apiBaseUrl + path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body })
  return { status: res.status, body: (await res.json()) as T, headers: res.headers }
}

/** A session: a sandbox plus a valid token. */
export async function session(opts: SandboxOptions = {}): Promise<{ sb: Sandbox; token: string }> {
  const sb = await sandbox(opts)
  return { sb, token: await getToken(sb) }
}

export const login = (sb: Sandbox, token: string, phone: string, store = DEMO_STORE) =>
  call<Record<string, unknown>>(sb, token, '/v1/user/ocard/login', {
    json: { store_id: store, phone_number: phone },
  })

export const memberData = (sb: Sandbox, token: string, phone: string, shop = DEMO_STORE) =>
  call<Record<string, unknown>>(sb, token, `/v1/user/ocard?shop_id=${shop}&mobile=${encodeURIComponent(phone)}`)

export const signUp = (sb: Sandbox, token: string, body: unknown) =>
  call<Record<string, unknown>>(sb, token, '/v2/user', { json: body })

/** POST /__sandbox/faults. */
export async function adminFaults(sb: Sandbox, body: unknown): Promise<JsonAnswer> {
  const res = await fetch(`${sb.apiBaseUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json(), headers: res.headers }
}
