// OAuth 2.0 client-credentials tokens: issuing, checking, expiring, revoking.

import { randomBytes, timingSafeEqual } from 'node:crypto'

export interface IssuedToken {
  access_token: string
  expires_in: number
  token_type: 'Bearer'
  scope: 'api'
}

export type TokenCheck = 'valid' | 'missing' | 'invalid'

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export class TokenStore {
  /** access token → expiry (epoch ms). */
  private readonly live = new Map<string, number>()

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlSeconds: number,
  ) {}

  credentialsMatch(clientId: string, clientSecret: string): boolean {
    // Evaluate both so a wrong id and a wrong secret take the same time.
    const idOk = sameSecret(clientId, this.clientId)
    const secretOk = sameSecret(clientSecret, this.clientSecret)
    return idOk && secretOk
  }

  issue(now = Date.now()): IssuedToken {
    const token = randomBytes(32).toString('base64url')
    this.live.set(token, now + this.ttlSeconds * 1000)
    return { access_token: token, expires_in: this.ttlSeconds, token_type: 'Bearer', scope: 'api' }
  }

  /** Checks an `Authorization` header value. */
  check(authorization: string | undefined, now = Date.now()): TokenCheck {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!m?.[1]) return 'missing'
    const expiresAt = this.live.get(m[1])
    if (expiresAt === undefined) return 'invalid'
    if (expiresAt <= now) {
      this.live.delete(m[1])
      return 'invalid'
    }
    return 'valid'
  }

  /** Every token issued so far stops working; new ones work again. */
  revokeAll(): void {
    this.live.clear()
  }
}
