import type { AppError, ErrorCode } from '../shared/contract'

/**
 * A failure the app expects (vendor said no, network down, bad input). Services throw it;
 * the dispatcher (core/dispatch.ts) turns it into `{ ok: false, error }` for the renderer.
 * Anything else thrown becomes INTERNAL.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode
  readonly fields: Record<string, string> | undefined
  readonly fromVendor: boolean
  /** HTTP status from the vendor, when there was one. */
  readonly status: number | undefined
  /** How long the vendor asked us to wait (a 429's Retry-After), when it said. */
  readonly retryAfterMs: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    opts: { fields?: Record<string, string>; fromVendor?: boolean; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause })
    this.name = 'AppFailure'
    this.code = code
    this.fields = opts.fields
    this.fromVendor = opts.fromVendor ?? false
    this.status = opts.status
    this.retryAfterMs = opts.retryAfterMs
  }

  toAppError(): AppError {
    const e: AppError = { code: this.code, message: this.message }
    if (this.fields) e.fields = this.fields
    if (this.fromVendor) e.fromVendor = true
    return e
  }
}

export function isAppFailure(e: unknown): e is AppFailure {
  return e instanceof AppFailure
}
