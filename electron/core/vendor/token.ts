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
  /** Bumped by clear(): a fetch started before it must not install its (stale) token. */
  private generation = 0

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token, fetching one if there is none or it is about to expire. */
  get(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value)
    if (this.inFlight) return this.inFlight
    const generation = this.generation
    const flight: Promise<string> = this.fetchToken()
      .then((t) => {
        // Refresh a minute (or a tenth of the lifetime, if shorter) before the vendor's expiry.
        const ttlMs = Math.max(0, t.expiresIn * 1000)
        const margin = Math.min(60_000, ttlMs / 10)
        if (generation === this.generation) {
          this.token = { value: t.accessToken, refreshAt: this.now() + ttlMs - margin }
        }
        return t.accessToken
      })
      .finally(() => {
        if (this.inFlight === flight) this.inFlight = null
      })
    this.inFlight = flight
    return flight
  }

  /** Forgets `token` if it is still the current one (after a 401), so the next get() fetches anew. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null
  }

  /**
   * Forgets the token and any fetch in progress (the credentials changed): the next get()
   * asks the token endpoint with the credentials as they are now.
   */
  clear(): void {
    this.token = null
    this.inFlight = null
    // Stryker disable next-line UpdateOperator: only (in)equality with a captured value is ever checked, and counting down leaves every generation as distinct as counting up
    this.generation++
  }
}
