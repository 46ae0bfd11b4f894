import { describe, expect, it, vi } from 'vitest'
import { createDispatch, type Routes } from '../../../electron/core/dispatch'
import type { ArgOf, Channel, Language, ResultOf, WindowRole } from '../../../electron/shared/contract'
import { sharedMessage } from '../../../electron/shared/messages'

type Handlers = { [C in Channel]: (arg: ArgOf<C>) => Promise<ResultOf<C>> | ResultOf<C> }
import { AppFailure } from '../../../electron/core/errors'
import { createLogger, type Logger } from '../../../electron/core/log'

const log = createLogger({ dir: null })

function dispatchWith(overrides: Partial<Handlers>) {
  const handlers = new Proxy(overrides, {
    get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? (() => 'default'),
  }) as Handlers
  const routes = new Proxy({} as Routes, {
    get: (_t, k) => ({ roles: ['staff'], admin: false, handle: handlers[k as keyof Handlers] }),
  })
  const dispatch = createDispatch(routes, { log, language: () => 'zh-TW', requireAdmin: () => {} })
  return (channel: unknown, arg: unknown) => dispatch(channel, arg, 'staff')
}

describe('dispatch', () => {
  it('wraps a value in the ok envelope', async () => {
    const d = dispatchWith({ 'cache:clear': () => ({ removed: 3 }) })
    expect(await d('cache:clear', undefined)).toEqual({ ok: true, value: { removed: 3 } })
  })

  it('rejects a malformed argument with VALIDATION before the handler runs', async () => {
    let ran = false
    const d = dispatchWith({ 'member:lookup': () => { ran = true; throw new Error('no') } })
    for (const bad of [undefined, null, 42, 'x', { phone: 12 }, { phone: 'x'.repeat(100) }]) {
      const r = await d('member:lookup', bad)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('VALIDATION')
    }
    expect(ran).toBe(false)
  })

  it('rejects unknown fields in strict schemas', async () => {
    const r = await dispatchWith({})('settings:set', { language: 'en', clientSecret: 'sneaky' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('rejects an unknown channel', async () => {
    const r = await dispatchWith({})('shell:exec', 'rm -rf /')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('turns an AppFailure into its code with a localised message', async () => {
    const d = dispatchWith({ 'stores:list': () => { throw new AppFailure('OFFLINE', '') } })
    const r = await d('stores:list', undefined)
    expect(r).toEqual({ ok: false, error: { code: 'OFFLINE', message: '連不上會員系統（網路中斷或主機無回應）。' } })
  })

  it('keeps a vendor message as is', async () => {
    const d = dispatchWith({ 'stores:list': () => { throw new AppFailure('VENDOR', '此手機號碼已註冊為會員', { fromVendor: true }) } })
    expect(await d('stores:list', undefined)).toMatchObject({ ok: false, error: { message: '此手機號碼已註冊為會員', fromVendor: true } })
  })

  it('never lets an unexpected exception through: INTERNAL, without its text', async () => {
    const d = dispatchWith({ 'stores:list': () => { throw new Error('secret-token-abc leaked?') } })
    const r = await d('stores:list', undefined)
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(r)).not.toContain('secret-token-abc')
  })
})

// What dispatch wrote to the log, by level.
function recordingLog() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = []
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void lines.push({ level, obj, msg })
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger
  return { logger, lines }
}

interface Setup {
  routes?: Partial<Record<Channel, { roles?: WindowRole[]; admin?: boolean; handle?: (arg: unknown) => unknown }>>
  language?: () => Language
  requireAdmin?: () => void
}

function setup({ routes = {}, language = () => 'en', requireAdmin = () => {} }: Setup = {}) {
  const { logger, lines } = recordingLog()
  const table = new Proxy({} as Routes, {
    get: (_t, k) => ({ roles: ['staff'], admin: false, handle: () => 'default', ...routes[k as Channel] }),
  })
  return { dispatch: createDispatch(table, { log: logger, language, requireAdmin }), lines }
}

describe('dispatch: who may call', () => {
  it('a window whose role may not call a channel gets FORBIDDEN, before its argument is read', async () => {
    let ran = false
    const { dispatch, lines } = setup({
      routes: { 'display:show': { roles: ['staff'], handle: () => { ran = true; return 'shown' } } },
    })
    for (const arg of [{ phone: '0912345678' }, 'not even an object']) {
      expect(await dispatch('display:show', arg, 'customer')).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: sharedMessage('en', 'error.FORBIDDEN') },
      })
    }
    expect(ran).toBe(false)
    expect(lines).toEqual([
      { level: 'warn', obj: { channel: 'display:show', role: 'customer' }, msg: 'ipc channel refused for this window role' },
      { level: 'warn', obj: { channel: 'display:show', role: 'customer' }, msg: 'ipc channel refused for this window role' },
    ])
    expect(await dispatch('display:show', { phone: '0912345678' }, 'staff')).toEqual({ ok: true, value: 'shown' })
    expect(ran).toBe(true)
  })

  it('an administrator route asks for the administrator before its handler runs; others never ask', async () => {
    let ran = false
    let asked = 0
    const locked = () => {
      asked++
      throw new AppFailure('LOCKED', '')
    }
    const { dispatch } = setup({
      routes: {
        'cache:clear': { admin: true, handle: () => { ran = true; return { removed: 1 } } },
        'stores:list': { admin: false, handle: () => [] },
      },
      requireAdmin: locked,
    })
    expect(await dispatch('cache:clear', undefined, 'staff')).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: sharedMessage('en', 'error.LOCKED') },
    })
    expect(ran).toBe(false)
    expect(asked).toBe(1)
    expect(await dispatch('stores:list', undefined, 'staff')).toEqual({ ok: true, value: [] })
    expect(asked).toBe(1)
  })
})

describe('dispatch: a rejected argument names its fields', () => {
  it('each field with the first rule it broke, nested fields with a dot, as message keys', async () => {
    let ran = false
    const { dispatch, lines } = setup({ routes: { 'member:signup': { handle: () => { ran = true } } } })
    const r = await dispatch(
      'member:signup',
      { phone: '', email: 'x'.repeat(255), externalData: { cardNo: 'x'.repeat(65) } },
      'staff',
    )
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: sharedMessage('en', 'error.VALIDATION'),
        // email breaks both its length cap and its format: the cap is what staff see first
        fields: { phone: 'signup.required', email: 'signup.tooLong', 'externalData.cardNo': 'signup.tooLong' },
      },
    })
    expect(ran).toBe(false)
    expect(lines).toEqual([{ level: 'warn', obj: { channel: 'member:signup', issues: 4 }, msg: 'ipc argument rejected' }])
  })

  it("valibot's own English messages become 'invalid'; a broken argument as a whole is '_'", async () => {
    const { dispatch } = setup()
    expect(await dispatch('member:lookup', { phone: 12 }, 'staff')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { phone: 'invalid' } },
    })
    expect(await dispatch('member:lookup', 'x', 'staff')).toMatchObject({ error: { fields: { _: 'invalid' } } })
    expect(await dispatch('settings:set', { language: 'en', 'client.Secret': 'x' }, 'staff')).toMatchObject({
      error: { fields: { 'client.Secret': 'invalid' } },
    })
  })

  it('an unknown channel is a VALIDATION answer naming it as such, whatever the role', async () => {
    const { dispatch } = setup()
    for (const role of ['staff', 'customer'] as const) {
      expect(await dispatch('shell:exec', 'rm -rf /', role)).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: sharedMessage('en', 'error.VALIDATION'), fields: { _: 'unknownChannel' } },
      })
    }
  })
})

describe('dispatch: answers and the log', () => {
  it('hands the handler the parsed argument and logs how long it took', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    vi.advanceTimersByTime(60_000) // the app has been up a minute: a duration is not the clock's reading
    try {
      let got: unknown
      const { dispatch, lines } = setup({
        routes: {
          'member:lookup': {
            handle: (arg) => {
              got = arg
              vi.advanceTimersByTime(250)
              return 'found'
            },
          },
        },
      })
      expect(await dispatch('member:lookup', { phone: '0912345678' }, 'staff')).toEqual({ ok: true, value: 'found' })
      expect(got).toEqual({ phone: '0912345678' })
      expect(lines).toEqual([{ level: 'debug', obj: { channel: 'member:lookup', ms: 250 }, msg: 'ipc ok' }])
    } finally {
      vi.useRealTimers()
    }
  })

  it('an expected failure keeps its own message and fields, and is logged with its code', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    vi.advanceTimersByTime(60_000) // the app has been up a minute: a duration is not the clock's reading
    try {
      const { dispatch, lines } = setup({
        routes: {
          'member:signup': {
            handle: () => {
              vi.advanceTimersByTime(40)
              throw new AppFailure('VALIDATION', 'phone taken', { fields: { phone: 'signup.phone' } })
            },
          },
        },
      })
      expect(await dispatch('member:signup', { phone: '0912345678' }, 'staff')).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'phone taken', fields: { phone: 'signup.phone' } },
      })
      expect(lines).toEqual([{ level: 'info', obj: { channel: 'member:signup', code: 'VALIDATION', ms: 40 }, msg: 'ipc failed' }])
    } finally {
      vi.useRealTimers()
    }
  })

  it('a crash is logged with its message and stack for IT, and the renderer gets only INTERNAL', async () => {
    const boom = new Error('disk on fire')
    const { dispatch, lines } = setup({
      routes: {
        'stores:list': { handle: () => { throw boom } },
        'notices:list': { handle: () => { throw 'a bare string' } },
      },
    })
    const internal = { ok: false, error: { code: 'INTERNAL', message: sharedMessage('en', 'error.INTERNAL') } }
    expect(await dispatch('stores:list', undefined, 'staff')).toEqual(internal)
    expect(await dispatch('notices:list', undefined, 'staff')).toEqual(internal)
    expect(lines).toEqual([
      { level: 'error', obj: { channel: 'stores:list', err: { message: 'disk on fire', stack: boom.stack } }, msg: 'ipc crashed' },
      { level: 'error', obj: { channel: 'notices:list', err: 'a bare string' }, msg: 'ipc crashed' },
    ])
  })

  it("answers in the staff's language, and in zh-TW when the settings cannot be read", async () => {
    const fail = (code: string) => () => { throw new AppFailure(code as 'OFFLINE', '') }
    let language: () => Language = () => 'en'
    const { dispatch } = setup({ routes: { 'stores:list': { handle: fail('OFFLINE') } }, language: () => language() })
    expect(await dispatch('stores:list', undefined, 'staff')).toMatchObject({ error: { message: sharedMessage('en', 'error.OFFLINE') } })
    language = () => {
      throw new Error('settings file damaged')
    }
    expect(await dispatch('stores:list', undefined, 'staff')).toMatchObject({ error: { message: sharedMessage('zh-TW', 'error.OFFLINE') } })
    expect(await dispatch('nope', undefined, 'staff')).toMatchObject({ error: { message: sharedMessage('zh-TW', 'error.VALIDATION') } })
  })
})
