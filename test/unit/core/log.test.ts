import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, scrubLogLine } from '../../../electron/core/log'

// Issue 18: phones and tokens must never reach the log file, whichever way they arrive —
// as a known field (pino's redact) or as free text (the file sink's scrub).

describe('scrubLogLine', () => {
  it('masks a local mobile number, keeping its first four and last three digits', () => {
    expect(scrubLogLine('lookup 0912345678 failed')).toBe('lookup 0912***678 failed')
  })

  it('masks a +886 mobile number the same way', () => {
    expect(scrubLogLine('from +886912345678.')).toBe('from +886912***678.')
  })

  it('masks a mobile written with hyphens or spaces, as staff and customers type it', () => {
    expect(scrubLogLine('typed 0912-345-678 at the counter')).toBe('typed 0912***678 at the counter')
    expect(scrubLogLine('typed 0912 345 678.')).toBe('typed 0912***678.')
    expect(scrubLogLine('typed 09-1234-5678')).toBe('typed 0912***678')
    expect(scrubLogLine('from +886 912 345 678')).toBe('from +886912***678')
    expect(scrubLogLine('from +886-9-1234-5678;')).toBe('from +886912***678;')
    // A longer number stays whole, a date is no phone, and a phone after a hyphen is still one.
    expect(scrubLogLine('order 0912-345-6789')).toBe('order 0912-345-6789')
    expect(scrubLogLine('order 1-0912-345-678')).toBe('order 1-0912***678')
    expect(scrubLogLine('at 2026-09-12T03:45:06Z')).toBe('at 2026-09-12T03:45:06Z')
    expect(scrubLogLine('code 0x912345678')).toBe('code 0x912345678')
  })

  it('masks every phone in a line, inside JSON too', () => {
    expect(scrubLogLine('{"msg":"0928765432 and 0903515908"}')).toBe('{"msg":"0928***432 and 0903***908"}')
  })

  it('leaves longer digit runs alone: an order number is not a phone', () => {
    expect(scrubLogLine('order 109123456789')).toBe('order 109123456789')
    expect(scrubLogLine('order 09123456789')).toBe('order 09123456789')
    expect(scrubLogLine('order 10912345678')).toBe('order 10912345678')
    expect(scrubLogLine('ref +8869123456789')).toBe('ref +8869123456789')
  })

  it('replaces a Bearer token whatever its case, up to the end of the JSON string', () => {
    expect(scrubLogLine('{"h":"Bearer eyJhbGciOi.abc-123_x"}')).toBe('{"h":"Bearer [redacted]"}')
    expect(scrubLogLine('auth bearer   tok.en next')).toBe('auth Bearer [redacted] next')
  })

  it('keeps the JSON line valid around a token: it stops at an escaped quote or backslash', () => {
    for (const msg of ['sent "Bearer abc.def" to the vendor', 'sent Bearer abc\\def']) {
      const line = JSON.stringify({ msg })
      const scrubbed = scrubLogLine(line)
      expect(scrubbed).not.toContain('abc')
      expect((JSON.parse(scrubbed) as { msg: string }).msg).toBe(msg.replace('abc.def', '[redacted]').replace('abc', '[redacted]'))
    }
  })

  it('keeps a line without personal data byte for byte', () => {
    const line = '{"level":30,"msg":"outbox flushed","count":3}\n'
    expect(scrubLogLine(line)).toBe(line)
  })
})

describe('createLogger writes no phone, name or token to its file', () => {
  let dir = ''
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  function logFile(): string {
    return readFileSync(join(dir, 'app.log'), 'utf8')
  }

  it('blanks a phone, a name and a token handed over as fields', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    const log = createLogger({ dir })
    log.info({ phone: '0912345678', name: '王小明', token: 'tok-secret', member: { phone: '+886928765432', name: '林雅婷' } }, 'lookup')
    log.flush()
    const text = logFile()
    const entry = JSON.parse(text.trim()) as Record<string, unknown>
    expect(entry['phone']).toBe('[redacted]')
    expect(entry['name']).toBe('[redacted]')
    expect(entry['token']).toBe('[redacted]')
    expect(entry['member']).toEqual({ phone: '[redacted]', name: '[redacted]' })
    for (const secret of ['0912345678', '912***678', '王小明', 'tok-secret', '928765432', '林雅婷']) expect(text).not.toContain(secret)
    // Not even a name's first character (README: logs keep nothing of a name).
    for (const first of ['王', '林']) expect(text).not.toContain(first)
  })

  it('blanks every secret and token field, at the top, in headers and one level down', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    const log = createLogger({ dir })
    const secrets = {
      secret: 'S1',
      clientSecret: 'S2',
      client_secret: 'S3',
      accessToken: 'S4',
      access_token: 'S5',
      token: 'S6',
      authorization: 'S7',
      headers: { authorization: 'S8', Authorization: 'S9', accept: 'application/json' },
      vendor: { secret: 'S10', clientSecret: 'S11', client_secret: 'S12', access_token: 'S13', token: 'S14', status: 401 },
    }
    log.error(secrets, 'token request refused')
    log.flush()
    const text = logFile()
    const { level, time, msg, ...fields } = JSON.parse(text.trim()) as Record<string, unknown>
    expect({ level, msg, time: typeof time }).toEqual({ level: 50, msg: 'token request refused', time: 'number' })
    const R = '[redacted]'
    expect(fields).toEqual({
      secret: R,
      clientSecret: R,
      client_secret: R,
      accessToken: R,
      access_token: R,
      token: R,
      authorization: R,
      headers: { authorization: R, Authorization: R, accept: 'application/json' },
      vendor: { secret: R, clientSecret: R, client_secret: R, access_token: R, token: R, status: 401 },
    })
    expect(text).not.toMatch(/S\d/)
  })

  it('masks a phone and a token that arrive in free text', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    const log = createLogger({ dir })
    log.warn({ detail: 'called 0963888520 with Bearer abc.def' }, 'vendor said no for +886903515908')
    log.flush()
    const entry = JSON.parse(logFile().trim()) as Record<string, unknown>
    expect(entry['detail']).toBe('called 0963***520 with Bearer [redacted]')
    expect(entry['msg']).toBe('vendor said no for +886903***908')
  })
})

describe('the log file: size cap, rotation, permissions, level', () => {
  let dir = ''
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    delete process.env.POS_LOG_LEVEL
  })

  /** Writes `n` ~1 kB lines numbered from 0 and returns them as they should appear in the files. */
  function writeLines(n: number): void {
    const log = createLogger({ dir })
    const pad = 'x'.repeat(1000)
    for (let i = 0; i < n; i++) log.info({ i, pad }, 'line')
    log.flush()
  }

  const logNumbers = (file: string): number[] =>
    readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { i: number }).i)

  it('keeps app.log under 1,000,000 bytes, rotating into app.1.log … app.3.log and dropping the oldest', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    writeLines(4500) // ~4.7 MB: five files' worth
    const files = readdirSync(dir).sort()
    expect(files).toEqual(['app.1.log', 'app.2.log', 'app.3.log', 'app.log'])
    for (const f of files) expect(statSync(join(dir, f)).size, f).toBeLessThanOrEqual(1_000_000)
    // Newest in app.log, then app.1, app.2, app.3: consecutive, nothing lost between them.
    const order = ['app.3.log', 'app.2.log', 'app.1.log', 'app.log'].flatMap(logNumbers)
    expect(order).toEqual(Array.from({ length: order.length }, (_, k) => order[0]! + k))
    expect(order.at(-1)).toBe(4499)
    expect(statSync(join(dir, 'app.1.log')).size).toBeGreaterThan(990_000)
  })

  it('carries on from the size an existing app.log already has', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    writeFileSync(join(dir, 'app.log'), 'y'.repeat(999_500) + '\n')
    writeLines(1)
    expect(readFileSync(join(dir, 'app.1.log'), 'utf8')).toBe('y'.repeat(999_500) + '\n')
    expect(logNumbers('app.log')).toEqual([0])
  })

  it('counts bytes, not characters: a line of Chinese text cannot push app.log over the cap', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    writeFileSync(join(dir, 'app.log'), 'y'.repeat(999_000) + '\n')
    const log = createLogger({ dir })
    const text = '會員查詢逾時'.repeat(60) // 360 characters, 1,080 bytes in UTF-8
    log.info(text)
    log.flush()
    expect(statSync(join(dir, 'app.log')).size).toBeLessThanOrEqual(1_000_000)
    expect(readFileSync(join(dir, 'app.1.log'), 'utf8')).toBe('y'.repeat(999_000) + '\n')
    expect((JSON.parse(readFileSync(join(dir, 'app.log'), 'utf8')) as { msg: string }).msg).toBe(text)
  })

  it('fills app.log up to exactly 1,000,000 bytes before the next line rotates it', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    // One line's size, measured in a folder of its own (its time has 13 digits, like every line's).
    const probe = mkdtempSync(join(tmpdir(), 'log-test-'))
    const probeLog = createLogger({ dir: probe })
    probeLog.info('測試 line')
    probeLog.flush()
    const lineBytes = statSync(join(probe, 'app.log')).size
    rmSync(probe, { recursive: true, force: true })

    writeFileSync(join(dir, 'app.log'), 'y'.repeat(1_000_000 - lineBytes - 1) + '\n')
    const log = createLogger({ dir })
    log.info('測試 line')
    log.flush()
    expect(readdirSync(dir)).toEqual(['app.log'])
    expect(statSync(join(dir, 'app.log')).size).toBe(1_000_000)
    log.info('測試 line')
    log.flush()
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.log'])
    expect(statSync(join(dir, 'app.1.log')).size).toBe(1_000_000)
    expect(statSync(join(dir, 'app.log')).size).toBe(lineBytes)
  })

  it('rotates only its own generations: other files in the folder stay as they are', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    // Left by hand or by a build that kept more generations: not ours to move or delete.
    writeFileSync(join(dir, 'app.4.log'), 'kept by IT\n')
    writeFileSync(join(dir, 'notes.txt'), 'printer jam 3 pm\n')
    writeLines(2500) // ~2.6 MB: two rotations
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.4.log', 'app.log', 'notes.txt'])
    expect(readFileSync(join(dir, 'app.4.log'), 'utf8')).toBe('kept by IT\n')
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('printer jam 3 pm\n')
  })

  it('creates a log folder whose parent does not exist yet, and reuses one that exists', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    const nested = join(dir, 'data', 'logs')
    createLogger({ dir: nested }).info('first')
    const again = createLogger({ dir: nested })
    again.info('second')
    again.flush()
    const msgs = readFileSync(join(nested, 'app.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg)
    expect(msgs).toEqual(['first', 'second'])
  })

  it.skipIf(process.platform === 'win32')('makes the folder 0700 and the file 0600 (POSIX modes; on Windows the data folder ACL protects them)', () => {
    dir = join(mkdtempSync(join(tmpdir(), 'log-test-')), 'logs')
    writeLines(1)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'app.log')).mode & 0o777).toBe(0o600)
  })

  it('writes from the level asked for, else POS_LOG_LEVEL, else info; without a folder it writes nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'log-test-'))
    expect(createLogger({ dir }).level).toBe('info')
    expect(createLogger({ dir, level: 'warn' }).level).toBe('warn')
    process.env.POS_LOG_LEVEL = 'debug'
    expect(createLogger({ dir }).level).toBe('debug')
    const none = createLogger({ dir: null })
    expect(none.isLevelEnabled('fatal')).toBe(false)
  })
})
