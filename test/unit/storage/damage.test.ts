import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app-core'
import { Notices } from '../../../electron/core/notices'
import { moveAside } from '../../../electron/core/storage/damaged'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import type { Notice, Result } from '../../../electron/shared/contract'
import { sharedMessages } from '../../../electron/shared/messages'
import { NOTICE_CODES } from '../../../electron/shared/contract'

// Damage costs only the damaged part, and is said out loud: files that cannot be read are
// moved aside (never deleted), the app starts, and a notice (a code with parameters) names it.

const open: Array<{ core: Core; dir: string }> = []
afterEach(async () => {
  for (const { core, dir } of open.splice(0)) {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

async function start(dir: string, env: Record<string, string> = {}) {
  const core = await createCore({ dataDir: dir, env, shell: 'browser', keyProtector: new FileKeyProtector(), version: 'test', platform: 'linux' })
  open.push({ core, dir })
  const call = <T = unknown>(channel: string, arg?: unknown) => core.dispatch(channel, arg, 'staff') as Promise<Result<T>>
  return { core, call }
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'cc-damage-'))

describe('moveAside', () => {
  it('renames to <name>.damaged-<timestamp> with no colon, and never over an earlier one', () => {
    const dir = tempDir()
    const at = new Date('2026-11-29T10:22:04.123Z')
    writeFileSync(join(dir, 'outbox.dat'), 'one')
    expect(moveAside(join(dir, 'outbox.dat'), at)).toBe('outbox.dat.damaged-2026-11-29T10-22-04-123Z')
    writeFileSync(join(dir, 'outbox.dat'), 'two')
    expect(moveAside(join(dir, 'outbox.dat'), at)).toBe('outbox.dat.damaged-2026-11-29T10-22-04-123Z-2')
    expect(readFileSync(join(dir, 'outbox.dat.damaged-2026-11-29T10-22-04-123Z'), 'utf8')).toBe('one')
    expect(readFileSync(join(dir, 'outbox.dat.damaged-2026-11-29T10-22-04-123Z-2'), 'utf8')).toBe('two')
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('Notices', () => {
  it('keeps codes and parameters, raises each once, and dismisses by id', async () => {
    const seen: Notice[][] = []
    const notices = new Notices({ now: () => new Date('2026-01-01T00:00:00Z') })
    notices.onChange((l) => seen.push(l))
    const a = notices.raise('storage', 'outboxRecordsDamaged', { count: 2, file: 'x' })
    expect(notices.raise('storage', 'outboxRecordsDamaged', { count: 2, file: 'x' }).id).toBe(a.id)
    notices.raise('storage', 'settingsDamaged', { file: 'settings.json.damaged-1' })
    expect(notices.list().map((n) => [n.code, n.params])).toEqual([
      ['outboxRecordsDamaged', { count: 2, file: 'x' }],
      ['settingsDamaged', { file: 'settings.json.damaged-1' }],
    ])
    expect(seen).toHaveLength(2)
    expect((await notices.dismiss(a.id)).map((n) => n.code)).toEqual(['settingsDamaged'])
    expect(seen).toHaveLength(3)
  })

  it('every notice code has a message in both languages, naming the same parameters', () => {
    for (const code of NOTICE_CODES) {
      const zh = sharedMessages['zh-TW'].notice[code]
      const en = sharedMessages.en.notice[code]
      expect(zh, code).toBeTruthy()
      expect(en, code).toBeTruthy()
      const params = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
      expect(params(zh), code).toEqual(params(en))
    }
  })
})

describe('a damaged settings.json', () => {
  for (const [how, bytes] of [
    ['torn', '{"language":"en","storeName":"測'],
    ['zero length', ''],
    ['flipped', '{"language":"en"\u0000,"x":1}'],
    ['foreign', '["not","settings"]'],
  ] as const) {
    it(`(${how}) is kept aside, the app starts on environment and defaults, and says so`, async () => {
      const dir = tempDir()
      writeFileSync(join(dir, 'settings.json'), bytes)
      const { call } = await start(dir, { POS_STORE_ID: '9921' })
      const aside = readdirSync(dir).filter((n) => n.startsWith('settings.json.damaged-'))
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(bytes)
      const settings = await call<{ language: string; storeId: string }>('settings:get')
      expect(settings.ok && settings.value.language).toBe('zh-TW')
      expect(settings.ok && settings.value.storeId).toBe('9921')
      const notices = await call<Notice[]>('notices:list')
      expect(notices.ok && notices.value.map((n) => [n.kind, n.code, n.params])).toEqual([['storage', 'settingsDamaged', { file: aside[0] }]])
    })
  }

  it('a readable settings.json raises no notice and is left where it is', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), '{"language":"en"}')
    const { call } = await start(dir)
    expect(await call('notices:list')).toEqual({ ok: true, value: [] })
    expect(readdirSync(dir).filter((n) => n.includes('damaged'))).toEqual([])
  })

  it('a notice is dismissed through the contract and stays dismissed', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), '{')
    const { core, call } = await start(dir)
    const events: unknown[] = []
    core.onEvent((name, payload) => name === 'notices:changed' && events.push(payload))
    const list = await call<Notice[]>('notices:list')
    const id = list.ok ? list.value[0]!.id : ''
    expect(await call('notices:dismiss', { id })).toEqual({ ok: true, value: [] })
    expect(events).toEqual([[]])
    expect(await call('notices:list')).toEqual({ ok: true, value: [] })
  })
})
