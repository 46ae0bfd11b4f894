import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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

  it('masks every phone in a line, inside JSON too', () => {
    expect(scrubLogLine('{"msg":"0928765432 and 0903515908"}')).toBe('{"msg":"0928***432 and 0903***908"}')
  })

  it('leaves longer digit runs alone: an order number is not a phone', () => {
    expect(scrubLogLine('order 109123456789')).toBe('order 109123456789')
    expect(scrubLogLine('order 09123456789')).toBe('order 09123456789')
  })

  it('replaces a Bearer token whatever its case, up to the end of the JSON string', () => {
    expect(scrubLogLine('{"h":"Bearer eyJhbGciOi.abc-123_x"}')).toBe('{"h":"Bearer [redacted]"}')
    expect(scrubLogLine('auth bearer   tok.en next')).toBe('auth Bearer [redacted] next')
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
