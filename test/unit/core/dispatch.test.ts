import { describe, expect, it } from 'vitest'
import { createDispatch, type Routes } from '../../../electron/core/dispatch'
import type { ArgOf, Channel, ResultOf } from '../../../electron/shared/contract'

type Handlers = { [C in Channel]: (arg: ArgOf<C>) => Promise<ResultOf<C>> | ResultOf<C> }
import { AppFailure } from '../../../electron/core/errors'
import { createLogger } from '../../../electron/core/log'

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
