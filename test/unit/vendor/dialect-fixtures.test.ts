// Issue 13.3, the client's side: each dialect's fixture, run through the client's own
// normalisation, means what the vendor's documented example means (or not-a-member, or a
// refusal in the vendor's words, where that is what the dialect says).
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { normalizeLogin, normalizeMemberData, type NormalizeContext } from '../../../electron/core/vendor/normalize'
import { normalizeSignupResponse } from '../../../electron/core/vendor/signup-wire'
import { TokenWire } from '../../../electron/shared/vendor-wire/endpoints'
import { dialectFixtures, readFixture, type DialectFixture } from './dialect-fixtures'

const ctx: NormalizeContext = { storeId: '9920', now: new Date('2026-01-10T12:00:00+08:00') }

/** Runs `fn`; what it returned, or the failure it threw (as a plain object, for toMatchObject). */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() }
  } catch (e) {
    return { thrown: { ...(e as object), message: (e as Error).message } }
  }
}

/** Expire null or left out: nothing about to expire; everything else as documented. */
function withoutExpiring(x: unknown): { rest: unknown; expiring: unknown } {
  const o = x as { pointCard?: { expiring?: unknown } | null }
  if (!o.pointCard) return { rest: x, expiring: undefined }
  const { expiring, ...card } = o.pointCard
  return { rest: { ...o, pointCard: card }, expiring }
}

const NORMALISE: Record<string, (body: unknown) => unknown> = {
  login: (b) => normalizeLogin(b, ctx),
  'login-not-member': (b) => normalizeLogin(b, ctx),
  member: (b) => normalizeMemberData(b),
  'signup-duplicate': (b) => normalizeSignupResponse(b),
  // The client reads a token answer with this schema (VendorHttp's token call).
  token: (b) => v.parse(TokenWire, b),
}

const DOCUMENTED: Record<string, string> = { login: 'ocard-login', member: 'ocard-member', token: 'oauth-token' }

function check({ dialect, payload, body }: DialectFixture): void {
  const normalise = NORMALISE[payload]
  expect(normalise, `no client path known for fixture ${payload}.json`).toBeDefined()
  const got = outcome(() => normalise!(body))
  if (payload === 'login-not-member' && dialect === 'not-member-200-nulls') {
    expect(got).toMatchObject({ thrown: { code: 'NOT_FOUND' } })
    return
  }
  if (dialect === 'errors-200') {
    const words = (body as { message: string }).message
    expect(got).toMatchObject({ thrown: { code: 'VENDOR', message: words, fromVendor: true } })
    return
  }
  const documented = DOCUMENTED[payload]
  expect(documented, `no documented example for ${payload}`).toBeDefined()
  const want = outcome(() => normalise!(readFixture(`${documented!}.json`))) as { value: unknown }
  expect(want).toHaveProperty('value')
  if (payload === 'token' && dialect !== 'expires-in-string') {
    // Null or left out: unreadable, so the client refreshes after its own fallback lifetime.
    expect(got).toEqual({ value: { ...(want.value as object), expires_in: null } })
    return
  }
  if (dialect === 'expire-null' || dialect === 'expire-missing') {
    const a = withoutExpiring((got as { value: unknown }).value)
    const b = withoutExpiring(want.value)
    expect(a.rest).toEqual(b.rest)
    expect(a.expiring ?? []).toEqual([])
    expect(b.expiring).not.toEqual([])
    return
  }
  expect(got).toEqual(want)
}

describe.each(dialectFixtures())('client reads dialect $dialect: $payload', (fixture) => {
  it('as the documented example means it', () => check(fixture))
})

it('there is a fixture for every dialect that changes a payload’s shape', () => {
  const covered = new Set(dialectFixtures().map((f) => f.dialect))
  expect([...covered].sort()).toEqual([
    'errors-200', 'expire-array', 'expire-missing', 'expire-null', 'expires-in-missing', 'expires-in-null',
    'expires-in-string', 'not-member-200-nulls', 'numbers-as-numbers', 'numbers-as-strings', 'php-empty',
  ])
})
