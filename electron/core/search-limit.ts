import { AppFailure } from './errors'

// Search is not an export: the last three digits of a phone match many members, so a
// counter may ask the vendor at most SEARCHES_PER_MINUTE times in any minute. Enough for
// a queue of customers; 000–999 would take well over an hour and leave 1,000 audit lines.

export const SEARCHES_PER_MINUTE = 10
const WINDOW_MS = 60_000

export interface SearchLimitOptions {
  now?: () => number
  /** The refusal's words in the staff's language, with the seconds to wait. */
  message: (seconds: number) => string
  /** Each refusal, for the audit trail. */
  onRefused?: (retryAfterSeconds: number) => void
}

export class SearchLimit {
  /** When each of the last searches (at most SEARCHES_PER_MINUTE) went to the vendor. */
  private readonly recent: number[] = []
  private readonly now: () => number

  constructor(private readonly opts: SearchLimitOptions) {
    this.now = opts.now ?? Date.now
  }

  /** Counts one search, or throws RATE_LIMITED saying when the next one is allowed. */
  take(): void {
    const now = this.now()
    while (this.recent.length > 0 && now - this.recent[0]! >= WINDOW_MS) this.recent.shift()
    if (this.recent.length >= SEARCHES_PER_MINUTE) {
      const seconds = Math.max(1, Math.ceil((this.recent[0]! + WINDOW_MS - now) / 1000))
      this.opts.onRefused?.(seconds)
      throw new AppFailure('RATE_LIMITED', this.opts.message(seconds), { fields: { value: 'search.rateLimited' } })
    }
    this.recent.push(now)
  }
}
