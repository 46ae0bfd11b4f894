// Settings patches are exact: a key present with an undefined value (Electron's structured
// clone keeps them) is refused, the PIN gate goes by which keys are present, and what is
// stored is merged with the defaults on every read.

import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { SettingsView } from '../../../electron/shared/contract'
import { coreFor, envFor, sandbox } from '../api/helpers'

const PIN = '246810'
const stored = (dir: string) => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>

/** Every value in the view, nested ones included, is defined. */
function undefinedIn(view: object, prefix = ''): string[] {
  return Object.entries(view).flatMap(([k, v]) =>
    v === undefined ? [prefix + k] : v !== null && typeof v === 'object' && !Array.isArray(v) ? undefinedIn(v, `${prefix}${k}.`) : [],
  )
}

describe('settings patches are exact', () => {
  it('refuses keys with undefined values, nested ones too, and changes nothing', async () => {
    const { call, dataDir } = await coreFor({})
    await call('settings:set', { storeId: '9921' })
    const before = stored(dataDir)
    for (const patch of [{ cacheRetentionDays: undefined }, { storeId: undefined, language: 'en' }, { scanner: { maxGapMs: undefined } }]) {
      const r = await call('settings:set', patch)
      expect(r, JSON.stringify(Object.keys(patch))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    expect(await call('settings:set', { cacheRetentionDays: undefined })).toMatchObject({ ok: false, error: { fields: { cacheRetentionDays: 'settings.undefinedValue' } } })
    expect(await call('settings:set', { scanner: { maxGapMs: undefined } })).toMatchObject({ ok: false, error: { fields: { 'scanner.maxGapMs': 'settings.undefinedValue' } } })
    expect(stored(dataDir)).toEqual(before)
    const view = await call<SettingsView>('settings:get')
    expect(view.ok && view.value.cacheRetentionDays).toBe(30)
  })

  it('while locked, a locked key is refused even when its value is undefined (the gate goes by presence), and nothing is audited or changed', async () => {
    const { call, dataDir } = await coreFor({})
    expect(await call('admin:setPin', { pin: PIN })).toMatchObject({ ok: true })
    await call('admin:lock')
    const before = stored(dataDir)
    expect(await call('settings:set', { language: 'en', cacheRetentionDays: undefined, clientId: undefined })).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(stored(dataDir)).toEqual(before)
    // The staff's own settings still pass without the PIN.
    expect(await call('settings:set', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } })
  })

  it('reads stored settings merged with the defaults: a missing, null or mistyped value is the default', async () => {
    const { call, dataDir } = await coreFor({})
    await call('settings:set', { memberCardPattern: '^M\\d+$' })
    const file = join(dataDir, 'settings.json')
    const { cacheRetentionDays: _dropped, ...rest } = stored(dataDir)
    writeFileSync(file, JSON.stringify({ ...rest, scanner: { maxGapMs: 30 }, language: null, globalShortcut: 42 }))
    const view = await call<SettingsView>('settings:get')
    expect(view.ok).toBe(true)
    if (!view.ok) return
    expect(undefinedIn(view.value)).toEqual([])
    expect(view.value).toMatchObject({ cacheRetentionDays: 30, language: 'zh-TW', globalShortcut: 'Ctrl+Shift+M', memberCardPattern: '^M\\d+$' })
    expect(view.value.scanner).toMatchObject({ maxGapMs: 30, minLength: 6, terminators: ['Enter', 'Tab'] })

    // The file gone at run time: every setting is still there (the defaults).
    rmSync(file)
    const after = await call<SettingsView>('settings:get')
    expect(after.ok && undefinedIn(after.value)).toEqual([])
    expect(after.ok && after.value.cacheRetentionDays).toBe(30)
  })

  it('a settings.json damaged at run time answers an {ok:false} envelope, never a rejected dispatch', async () => {
    const { core, dataDir } = await coreFor({})
    writeFileSync(join(dataDir, 'settings.json'), '{"language": "zh-TW", "storeId": "99')
    for (const [channel, arg] of [['settings:get', undefined], ['app:info', undefined], ['settings:set', { language: 'en' }], ['no:such', undefined]] as const) {
      const r = await core.dispatch(channel, arg, 'staff')
      expect(r, channel).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } })
    }
  })

  it('a settings.json damaged while sign-ups wait: the retry timer and the connection probe neither throw nor send', async () => {
    // The vendor answers, but refuses sign-ups for now (503): the sign-up waits while the
    // connection stays up, so the retry timer keeps asking whether it may send.
    const sb = await sandbox()
    sb.faults.failNext(503, 1000, undefined, { paths: ['/v2/user'] })
    const fast = { outboxMinRetryDelayMs: 20, outboxBaseDelayMs: 10, outboxMaxDelayMs: 20, probeFirstDelayMs: 20, probeMaxDelayMs: 40 }
    const { call, dataDir } = await coreFor(envFor(sb), undefined, { tuning: fast })
    expect(await call('member:signup', { phone: '0987002002', name: '損壞 設定' })).toMatchObject({ ok: true, value: { status: 'queued' } })
    const uncaught = vi.fn()
    process.on('uncaughtException', uncaught)
    try {
      writeFileSync(join(dataDir, 'settings.json'), '{"language": "zh-')
      await new Promise((r) => setTimeout(r, 600))
      expect(uncaught).not.toHaveBeenCalled()
      expect(await call('outbox:list')).toMatchObject({ ok: true, value: [{ state: 'pending' }] })
    } finally {
      process.off('uncaughtException', uncaught)
    }
  })
})
