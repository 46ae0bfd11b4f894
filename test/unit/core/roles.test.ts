import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app-core'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { startDemoVendor } from '../../../electron/sandbox/demo'
import { CHANNELS, EVENTS, receivesEvent, type Channel } from '../../../electron/shared/contract'

// Window roles through the real core (demo mode): the customer display reaches only its
// own channels; every other call is FORBIDDEN before its argument or handler is looked at.

/** All the customer display may call. */
const CUSTOMER_CHANNELS: readonly Channel[] = ['customer:screen', 'customer:keyed']

/** A valid argument for each channel, so a refusal cannot be a validation failure. */
const SAMPLE_ARGS: Partial<Record<Channel, unknown>> = {
  'settings:set': { language: 'en' },
  'settings:setSecret': { secret: 'x' },
  'admin:setPin': { pin: '1234' },
  'admin:unlock': { pin: '1234' },
  'member:lookup': { phone: '0912345678' },
  'member:offlineCopy': { phone: '0912345678' },
  'member:find': { phone: '0912345678' },
  'member:search': { by: 'phoneSuffix', value: '678' },
  'member:signup': { phone: '0912345678' },
  'outbox:resubmit': { id: 'x', form: { phone: '0912345678' } },
  'outbox:discard': { id: 'x' },
}

let core: Core
let dir: string
let demo: Awaited<ReturnType<typeof startDemoVendor>>
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roles-'))
  demo = await startDemoVendor()
  core = await createCore({ demo: demo.vendor, dataDir: dir, env: {}, shell: 'browser', keyProtector: new FileKeyProtector(), version: 'test', platform: 'linux' })
})
afterAll(async () => {
  await core.close()
  await demo.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the customer display role', () => {
  const refused = CHANNELS.filter((c) => !CUSTOMER_CHANNELS.includes(c))

  it.each(refused)('%s → FORBIDDEN', async (channel) => {
    const r = await core.dispatch(channel, SAMPLE_ARGS[channel], 'customer')
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('is refused every settings, admin, outbox, search and sign-up channel', () => {
    for (const c of CHANNELS.filter((c) => /^(settings|admin|outbox|cache):|^member:(search|signup)$/.test(c))) {
      expect(refused).toContain(c)
    }
  })

  it('receives no settings, outbox or connection event', () => {
    for (const e of EVENTS.filter((e) => /^(settings|outbox|connection|app|notices):/.test(e))) expect(receivesEvent('customer', e)).toBe(false)
  })

  it('leaves the staff window its channels', async () => {
    expect(await core.dispatch('admin:status', undefined, 'staff')).toMatchObject({ ok: true })
    expect(await core.dispatch('settings:set', { language: 'en' }, 'staff')).toMatchObject({ ok: true })
  })
})
