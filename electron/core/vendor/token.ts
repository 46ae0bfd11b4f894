// OAuth 2.0 client-credentials token, kept in memory only. Refreshed ahead of expiry;
// concurrent callers share one token request (single flight).

export interface IssuedToken {
  accessToken: string
  /** seconds */
  expiresIn: number
}

export class TokenCache {
  private token: { value: string; refreshAt: number } | null = null
  private inFlight: Promise<string> | null = null

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token, fetching one if there is none or it is about to expire. */
  get(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value)
    this.inFlight ??= this.fetchToken()
      .then((t) => {
        // Refresh a minute (or a tenth of the lifetime, if shorter) before the vendor's expiry.
        const ttlMs = Math.max(0, t.expiresIn * 1000)
        const margin = Math.min(60_000, ttlMs / 10)
        this.token = { value: t.accessToken, refreshAt: this.now() + ttlMs - margin }
        return t.accessToken
      })
      .finally(() => {
        this.inFlight = null
      })
    return this.inFlight
  }

  /** Forgets `token` if it is still the current one (after a 401), so the next get() fetches anew. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null
  }

  clear(): void {
    this.token = null
  }
}
