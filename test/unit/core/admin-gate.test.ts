import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../electron/shared/contract'
import { demoCores } from './demo-core'

// The administrator gate through the real core (demo mode, built-in sandbox): what staff
// can and cannot do without the PIN, and what lands in the audit log.

const cores = demoCores('gate-')
const open = cores.started

async function start(at?: string, env: Record<string, string> = {}) {
  const { core, dir } = await cores.start(at, env)
  const call = <T = unknown>(channel: string, arg?: unknown) => core.dispatch(channel, arg, 'staff') as Promise<Result<T>>
  // The audit trail as stored (read back from the local database at each start).
  const audit = () => core.auditTrail()
  return { core, dir, call, audit }
}

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code)

describe('settings behind the administrator PIN', () => {
  it('are open on first run, and admin:status says a PIN is not set yet', async () => {
    const { call } = await start()
    expect(await call('admin:status')).toEqual({ ok: true, value: { pinSet: false, unlocked: false, lockedUntil: null } })
    expect(code(await call('settings:set', { storeName: '測試店' }))).toBe('ok')
  })

  it('once a PIN is set and the session locked: staff keep lookup, language and window, lose the rest', async () => {
    const { call } = await start()
    expect(await call('admin:setPin', { pin: '246810' })).toMatchObject({ ok: true, value: { pinSet: true, unlocked: true } })
    expect(await call('admin:lock')).toMatchObject({ ok: true, value: { unlocked: false } })

    for (const [channel, arg] of [
      ['settings:set', { apiBaseUrl: 'https://evil.example' }],
      ['settings:set', { storeId: '1234' }],
      ['settings:set', { language: 'en', storeId: '1234' }],
      ['settings:set', { globalShortcut: 'Ctrl+Alt+K' }],
      ['settings:set', { startWithComputer: true }],
      ['settings:setSecret', { secret: 's3cret' }],
      ['cache:clear', undefined],
    ] as const) {
      const r = await call(channel, arg)
      expect(code(r), `${channel} ${JSON.stringify(arg)}`).toBe('LOCKED')
    }
    const view = await call<{ storeId: string; apiBaseUrl: string }>('settings:get')
    expect(view).toMatchObject({ ok: true, value: { storeId: '', apiBaseUrl: '' } })

    expect(code(await call('settings:set', { language: 'en' }))).toBe('ok')
    expect(code(await call('settings:set', { window: { mode: 'panel', edge: 'left' } }))).toBe('ok')
    const found = await call('member:lookup', { phone: '0912345678' })
    // Not merely "not LOCKED": the member really comes back while the session is locked.
    expect(found).toMatchObject({ ok: true, value: { profile: { name: '王小明', phone: { local: '0912345678' } } } })
    // "Test connection" is a read-only diagnosis staff may run (issue 17.7): it answers, and stores nothing.
    expect(code(await call('settings:testConnection'))).not.toBe('LOCKED')
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { storeName: '' } })

    expect(await call('admin:unlock', { pin: '246810' })).toMatchObject({ ok: true, value: { unlocked: true } })
    expect(code(await call('settings:set', { storeId: '9920' }))).toBe('ok')
  })

  it('a wrong PIN is UNAUTHORIZED with its own message; five lock the PIN out, also after a restart', async () => {
    const first = await start()
    await first.call('admin:setPin', { pin: '246810' })
    await first.call('admin:lock')
    const wrong = await first.call('admin:unlock', { pin: '0000' })
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: '管理員 PIN 碼不正確，還可以再試 4 次。', fields: { pin: 'admin.wrongPin' } } })
    for (let i = 0; i < 2; i++) await first.call('admin:unlock', { pin: '0000' })
    // The last try before a lock-out says so.
    expect(await first.call('admin:unlock', { pin: '0000' })).toMatchObject({ ok: false, error: { message: '管理員 PIN 碼不正確，再錯 1 次就會暫時鎖定。', fields: { pin: 'admin.wrongPinLast' } } })
    expect(code(await first.call('admin:unlock', { pin: '0000' }))).toBe('LOCKED')
    const status = await first.call<{ lockedUntil: string | null }>('admin:status')
    expect(status.ok && status.value.lockedUntil).toMatch(/^\d{4}-/)

    await first.core.close()
    open.splice(0, 1)
    const second = await start(first.dir)
    expect(code(await second.call('admin:unlock', { pin: '246810' }))).toBe('LOCKED')
    const events = second.audit().map((e) => e.event)
    expect(events.filter((e) => e === 'admin.pinFailed')).toHaveLength(5)
    expect(events).toContain('admin.lockedOut')
  })

  it('refuses a new PIN of 4 or 5 digits: new PINs are 6–8', async () => {
    const { call } = await start()
    for (const pin of ['2468', '24680']) {
      expect(await call('admin:setPin', { pin })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { pin: 'admin.pinFormat' }, message: expect.any(String) } })
    }
    expect(await call('admin:setPin', { pin: '24681357' })).toMatchObject({ ok: true, value: { pinSet: true } })
  })

  it('refuses a PIN that is not 4–8 digits', async () => {
    const { call } = await start()
    for (const pin of ['123', '123456789', '12a4', '']) {
      const r = await call('admin:setPin', { pin })
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { pin: 'admin.pinFormat' } } })
    }
  })

  it('audits settings changes by key name only, never the secret', async () => {
    // A secret is sealed for an auth URL and client id: here they come from the environment.
    const { core, call, audit, dir } = await start(undefined, { POS_AUTH_URL: 'https://login.vendor.example/oauth/v1/token', POS_CLIENT_ID: 'store-1' })
    await call('settings:set', { storeName: '測試店', language: 'zh-TW' })
    await call('settings:setSecret', { secret: 'very-secret-value' })
    expect(audit().map(({ event, keys }) => ({ event, keys }))).toEqual([
      { event: 'settings.change', keys: ['storeName'] },
      { event: 'settings.change', keys: ['clientSecret'] },
    ])
    expect(JSON.stringify(audit())).not.toContain('very-secret-value')
    const [started] = open.splice(0, 1)
    await core.close()
    await started!.demo.close()
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      expect(readFileSync(join(f.parentPath, f.name)).includes('very-secret-value'), f.name).toBe(false)
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('audits a sign-up sent with a masked phone', async () => {
    const { call, audit } = await start()
    const r = await call<{ status: string }>('member:signup', { phone: '0987001144', name: '測試新會員', sex: 'female', birthday: '1990-05-06' })
    expect(r).toMatchObject({ ok: true, value: { status: 'created' } })
    const sent = audit().find((e) => e.event === 'signup.sent')
    expect(sent).toMatchObject({ phone: '0987***144', via: 'direct' })
    expect(typeof sent?.memberId).toBe('string')
    expect(JSON.stringify(audit())).not.toContain('0987001144')
  })

  it('audits an outbox discard with a masked phone', async () => {
    // A member API nobody answers: the sign-up waits in the outbox.
    const unreachable = { POS_API_BASE_URL: 'http://127.0.0.1:9', POS_AUTH_URL: 'http://127.0.0.1:9/token', POS_CLIENT_ID: 'id', POS_CLIENT_SECRET: 'secret', POS_STORE_ID: '1' }
    const { call, audit } = await start(undefined, unreachable)
    const r = await call<{ status: string; outboxId: string }>('member:signup', { phone: '0987001155', name: '測試新會員' })
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } })
    const id = r.ok ? r.value.outboxId : ''
    let removed = false
    for (let i = 0; i < 50 && !removed; i++) {
      const d = await call<{ removed: boolean }>('outbox:discard', { id })
      removed = d.ok && d.value.removed
      if (!removed) await new Promise((res) => setTimeout(res, 20)) // being retried right now
    }
    expect(removed).toBe(true)
    expect(audit().filter((e) => e.event === 'outbox.discard')).toEqual([expect.objectContaining({ itemId: id, phone: '0987***155' })])
  })
})
