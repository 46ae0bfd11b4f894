import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuditLog, changedSettingKeys } from '../../../electron/core/audit'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'audit-'))
  dirs.push(d)
  return d
}
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('audit log', () => {
  it('writes one JSON line per event in <dataDir>/audit/audit.log, phones masked', () => {
    const dir = dataDir()
    const audit = new AuditLog({ dataDir: dir, now: () => new Date('2025-06-01T02:00:00Z') })
    audit.record('signup.sent', { phone: '0912345678', memberId: 'M-1', via: 'direct' })
    audit.record('outbox.discard', { itemId: 'ob-1', phone: '+886987654321' })
    audit.record('settings.change', { keys: ['apiBaseUrl', 'scanner.beep'] })
    audit.record('admin.pinFailed', { failures: 2 })
    audit.record('admin.lockedOut', { until: '2025-06-01T02:05:00.000Z' })
    audit.record('admin.pinSet', { changed: false })
    audit.close()
    const file = join(dir, 'audit', 'audit.log')
    const raw = readFileSync(file, 'utf8')
    expect(raw).not.toMatch(/0912345678|987654321/)
    expect(lines(file)).toEqual([
      { at: '2025-06-01T02:00:00.000Z', event: 'signup.sent', phone: '0912***678', memberId: 'M-1', via: 'direct' },
      { at: '2025-06-01T02:00:00.000Z', event: 'outbox.discard', itemId: 'ob-1', phone: '0987***321' },
      { at: '2025-06-01T02:00:00.000Z', event: 'settings.change', keys: ['apiBaseUrl', 'scanner.beep'] },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.pinFailed', failures: 2 },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.lockedOut', until: '2025-06-01T02:05:00.000Z' },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.pinSet', changed: false },
    ])
  })

  it('rotates by size, keeping a bounded number of old files', () => {
    const dir = dataDir()
    const audit = new AuditLog({ dataDir: dir, maxBytes: 400, keep: 2 })
    for (let i = 0; i < 40; i++) audit.record('admin.pinFailed', { failures: i })
    audit.close()
    expect(readdirSync(join(dir, 'audit')).sort()).toEqual(['audit.1.log', 'audit.2.log', 'audit.log'])
    expect(lines(join(dir, 'audit', 'audit.log')).at(-1)).toMatchObject({ failures: 39 })
  })
})

describe('changed setting keys', () => {
  const before = { apiBaseUrl: 'https://a', language: 'zh-TW', scanner: { beep: false, maxGapMs: 40 }, window: { mode: 'normal', normalBounds: null } }
  it('names only what actually changes, nested as group.key', () => {
    expect(changedSettingKeys(before, { apiBaseUrl: 'https://b', language: 'zh-TW' })).toEqual(['apiBaseUrl'])
    expect(changedSettingKeys(before, { scanner: { beep: true, maxGapMs: 40 } })).toEqual(['scanner.beep'])
    expect(changedSettingKeys(before, { window: { mode: 'panel', normalBounds: { x: 1, y: 2, width: 3, height: 4 } } })).toEqual(['window.mode', 'window.normalBounds'])
    expect(changedSettingKeys(before, {})).toEqual([])
  })
})
