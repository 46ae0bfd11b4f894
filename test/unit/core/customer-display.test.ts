import { afterEach, describe, expect, it, vi } from 'vitest'
import { CustomerDisplay, maskCustomerName } from '../../../electron/core/customer-display'
import type { CustomerScreen, EventName, Result } from '../../../electron/shared/contract'
import type { MemberView } from '../../../electron/shared/types'
import { demoCores } from './demo-core'

// The customer display through the real core (demo mode, built-in sandbox): what staff put
// on it, what the customer may see of the member, the keypad's one call, and the idle reset.

const MEMBER = '0903515908' // Chien YH, 16,088 points, coupon 1NWLGQK3G
const OTHER = '0963888520'

const cores = demoCores('display-')

async function start() {
  const { core } = await cores.start()
  const events: Array<{ name: EventName; payload: unknown }> = []
  core.onEvent((name, payload) => events.push({ name, payload }))
  const staff = <T = unknown>(channel: string, arg?: unknown) => core.dispatch(channel, arg, 'staff') as Promise<Result<T>>
  const customer = <T = unknown>(channel: string, arg?: unknown) => core.dispatch(channel, arg, 'customer') as Promise<Result<T>>
  const screen = async () => {
    const r = await customer<CustomerScreen>('customer:screen')
    if (!r.ok) throw new Error(r.error.code)
    return r.value
  }
  return { core, staff, customer, screen, events }
}

describe('masked names', () => {
  it.each([
    ['林小美', '林○美'],
    ['王美', '王○'],
    ['歐陽娜娜', '歐○○娜'],
    ['Wendy Li', 'W*** Li'],
    ['Chien YH', 'C*** YH'],
    ['Mary Ann Smith', 'M*** A*** Smith'],
    ['Wendy', 'W***'],
    ['  ', ''],
  ])('%s → %s', (name, masked) => expect(maskCustomerName(name)).toBe(masked))
})

describe('the customer display', () => {
  it('is idle at first: the store name and the staff language, no member', async () => {
    const { screen, staff } = await start()
    expect(await screen()).toEqual({ language: 'zh-TW', storeName: '信義旗艦店', member: null })
    await staff('settings:set', { language: 'en' })
    expect((await screen()).language).toBe('en')
  })

  it('shows the member staff looked up: masked name, points, soonest expiry — never the phone or full name', async () => {
    const { staff, screen, events } = await start()
    expect(await staff('member:lookup', { phone: MEMBER })).toMatchObject({ ok: true })
    expect((await screen()).member).toBeNull() // only when staff put it on
    expect(await staff('display:show', { phone: MEMBER })).toMatchObject({ ok: true })
    const shown = await screen()
    expect(shown.member).toEqual({ name: 'C*** YH', points: 16088, expiring: { date: '2026-12-31', points: expect.any(Number) }, coupon: null })
    const text = JSON.stringify(shown)
    for (const secret of ['Chien', '0903515908', '515908', '+886903515908']) expect(text).not.toContain(secret)
    expect(events.filter((e) => e.name === 'customer:screen').at(-1)?.payload).toEqual(shown)
  })

  it('refuses to show anyone but the last member staff looked up', async () => {
    const { staff, screen } = await start()
    await staff('member:lookup', { phone: MEMBER })
    expect(await staff('display:show', { phone: OTHER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await screen()).member).toBeNull()
  })

  it('shows the coupon staff show to the scanner, only a usable one of that member', async () => {
    const { staff, screen } = await start()
    await staff('member:lookup', { phone: MEMBER })
    await staff('display:show', { phone: MEMBER })
    await staff('display:coupon', { code: '1NWLGQK3G' })
    expect((await screen()).member?.coupon).toMatchObject({ code: '1NWLGQK3G' })
    await staff('display:coupon', { code: 'SOMEONE-ELSES' })
    expect((await screen()).member?.coupon).toBeNull()
    await staff('display:coupon', { code: null })
    expect((await screen()).member?.coupon).toBeNull()
  })

  it('goes back to idle when staff clear the lookup', async () => {
    const { staff, screen } = await start()
    await staff('member:lookup', { phone: MEMBER })
    await staff('display:show', { phone: MEMBER })
    await staff('display:clear')
    expect((await screen()).member).toBeNull()
    // Cleared means forgotten: the same member cannot be put back without a new lookup.
    expect(await staff('display:show', { phone: MEMBER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('sends a keyed phone to the staff windows as one event, and refuses anything else', async () => {
    const { customer, events } = await start()
    expect(await customer('customer:keyed', { phone: '0912-345-678' })).toEqual({ ok: true, value: { sent: true } })
    expect(events.filter((e) => e.name === 'customer:phoneKeyed')).toEqual([{ name: 'customer:phoneKeyed', payload: { phone: '0912345678' } }])
    expect(await customer('customer:keyed', { phone: '12345' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('the idle reset', () => {
  afterEach(() => vi.useRealTimers())

  it('goes back to idle a minute after the last activity, and tells the customer windows', () => {
    vi.useFakeTimers()
    const screens: CustomerScreen[] = []
    const display = new CustomerDisplay({ language: () => 'zh-TW', storeName: () => '店', onChange: (s) => screens.push(s), onKeyed: () => {} })
    const view = { profile: { id: 'm1', name: '林小美' }, pointCard: null, coupons: [] } as unknown as MemberView
    display.lookedUp('0912345678', view)
    display.show('0912345678')
    vi.advanceTimersByTime(40_000)
    display.showCoupon(null) // activity: the minute starts again
    vi.advanceTimersByTime(59_000)
    expect(display.screen().member).toMatchObject({ name: '林○美' })
    vi.advanceTimersByTime(1_000)
    expect(display.screen().member).toBeNull()
    expect(screens.at(-1)).toMatchObject({ member: null })
    display.close()
  })
})
