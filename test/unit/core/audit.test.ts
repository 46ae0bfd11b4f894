import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuditLog, changedSettingKeys } from '../../../electron/core/audit'
import { openTestStorage } from '../storage/helpers'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'audit-'))
  dirs.push(d)
  return d
}
describe('audit log', () => {
  it('keeps one sealed record per event in the local database, phones masked, oldest first', async () => {
    const dir = dataDir()
    const storage = await openTestStorage(dir)
    const audit = await AuditLog.open({ storage, now: () => new Date('2025-06-01T02:00:00Z') })
    audit.record('signup.sent', { phone: '0912345678', memberId: 'M-1', via: 'direct' })
    audit.record('outbox.discard', { itemId: 'ob-1', phone: '+886987654321' })
    audit.record('settings.change', { keys: ['apiBaseUrl', 'scanner.beep'] })
    audit.record('admin.pinFailed', { failures: 2 })
    audit.record('admin.lockedOut', { until: '2025-06-01T02:05:00.000Z' })
    audit.record('admin.pinSet', { changed: false })
    await audit.close()
    const expected = [
      { at: '2025-06-01T02:00:00.000Z', event: 'signup.sent', phone: '0912***678', memberId: 'M-1', via: 'direct' },
      { at: '2025-06-01T02:00:00.000Z', event: 'outbox.discard', itemId: 'ob-1', phone: '0987***321' },
      { at: '2025-06-01T02:00:00.000Z', event: 'settings.change', keys: ['apiBaseUrl', 'scanner.beep'] },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.pinFailed', failures: 2 },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.lockedOut', until: '2025-06-01T02:05:00.000Z' },
      { at: '2025-06-01T02:00:00.000Z', event: 'admin.pinSet', changed: false },
    ]
    expect(audit.list()).toEqual(expected)
    // Read back from the database by a new log, the way the next start does.
    expect((await AuditLog.open({ storage })).list()).toEqual(expected)
    await storage.store.close()
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    const raw = Buffer.concat(files.map((f) => readFileSync(join(f.parentPath, f.name))))
    for (const needle of ['0912345678', '987654321', '0912***678', 'signup.sent']) expect(raw.includes(needle), needle).toBe(false)
  })

  it('keeps a bounded number of entries, the oldest going first', async () => {
    const dir = dataDir()
    const storage = await openTestStorage(dir)
    const audit = await AuditLog.open({ storage, maxEntries: 10 })
    for (let i = 0; i < 40; i++) audit.record('admin.pinFailed', { failures: i })
    await audit.close()
    expect(await storage.store.count('audit')).toBe(10)
    const reopened = (await AuditLog.open({ storage })).list()
    expect(reopened.map((e) => e.failures)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39])
    await storage.store.close()
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
