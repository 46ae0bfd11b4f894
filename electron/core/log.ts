import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'

// Structured logs in the data directory. Personal data is kept out twice over: callers
// log a masked phone (maskPhone) and ids, never a name; pino's `redact` blanks secret, phone
// and name fields whole; and the file sink scrubs anything that still looks like a phone or a token.

export type { Logger }

const REDACT_PATHS = [
  'secret',
  'clientSecret',
  'client_secret',
  'accessToken',
  'access_token',
  'token',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
  '*.token',
  'phone',
  '*.phone',
  'name',
  '*.name',
]

// A mobile as people write it: digits with a hyphen or space anywhere between them (0912-345-678,
// +886 9 1234 5678). Masked to its first four and last three digits, separators dropped.
const PHONE_LOCAL = /(?<!\d)0[- ]?9(?:[- ]?\d){8}(?!\d)/g
const PHONE_E164 = /\+886[- ]?9(?:[- ]?\d){8}(?!\d)/g
const digitsOf = (s: string): string => s.replace(/\D/g, '')
const BEARER = /Bearer\s+[^\s"\\]+/gi

/** Last line of defence: masks what slipped through as free text. */
export function scrubLogLine(line: string): string {
  return line
    .replace(PHONE_LOCAL, (m) => `${digitsOf(m).slice(0, 4)}***${digitsOf(m).slice(7)}`)
    .replace(PHONE_E164, (m) => `+${digitsOf(m).slice(0, 6)}***${digitsOf(m).slice(9)}`)
    .replace(BEARER, 'Bearer [redacted]')
}

/** A size-capped log file: `<name>.log`, rotated to `<name>.1.log` … `<name>.<keep>.log`. Lines are scrubbed. */
class RotatingFile {
  private fd: number
  private size: number

  constructor(
    private readonly dir: string,
    private readonly maxBytes = 1_000_000,
    private readonly keep = 3,
    private readonly name = 'app',
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    this.fd = openSync(this.path(0), 'a', 0o600)
    this.size = statSync(this.path(0)).size
  }

  private path(n: number): string {
    return join(this.dir, n === 0 ? `${this.name}.log` : `${this.name}.${n}.log`)
  }

  write(chunk: string): void {
    const line = scrubLogLine(chunk)
    // Bytes, not UTF-16 units: a line of Chinese text is three times longer on disk than in .length.
    if (this.size + Buffer.byteLength(line) > this.maxBytes) this.rotate()
    this.size += writeSync(this.fd, line)
  }

  private rotate(): void {
    closeSync(this.fd)
    rmSync(this.path(this.keep), { force: true })
    for (let n = this.keep - 1; n >= 0; n--) {
      try {
        renameSync(this.path(n), this.path(n + 1))
      } catch {
        /* a missing generation is fine */
      }
    }
    this.fd = openSync(this.path(0), 'a', 0o600)
    this.size = 0
  }
}

export function createLogger(opts: { dir: string | null; level?: string }): Logger {
  const options = {
    level: opts.level ?? process.env.POS_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: undefined,
  }
  if (!opts.dir) return pino({ ...options, enabled: false })
  return pino(options, new RotatingFile(opts.dir))
}
