import { describe, expect, it, vi } from 'vitest'
import { createCustomerWindow, decideCustomerDisplay, describeScreens } from '../../../electron/main/customer-window'
import { createWindowRoles } from '../../../electron/main/window-roles'

// The customer display's window with `electron` mocked: where it goes, how it is made so
// it never takes focus, and which role its calls and events get.
vi.mock('electron', () => ({}))

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
const facing = { id: 7, bounds: { x: 1920, y: 0, width: 1024, height: 768 } }
const third = { id: 9, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } }

const pick = (...a: Parameters<typeof decideCustomerDisplay>) => decideCustomerDisplay(...a).display

describe('which display faces the customer', () => {
  it('the first that is not the staff window\'s, by default', () => {
    expect(pick('automatic', [laptop, facing, third], 1)).toBe(facing)
    expect(pick('automatic', [facing, laptop], 7)).toBe(laptop)
  })
  it('the one chosen in Settings when it is connected; automatic, said, when it is not', () => {
    expect(decideCustomerDisplay('9', [laptop, facing, third], 1)).toEqual({ state: 'shown', displayId: 9, chosenMissing: false, display: third })
    expect(decideCustomerDisplay('9', [laptop, facing], 1)).toEqual({ state: 'shown', displayId: 7, chosenMissing: true, display: facing })
  })
  it('never the staff window\'s own display, even when chosen: that would cover the staff window', () => {
    expect(decideCustomerDisplay('1', [laptop, facing], 1)).toMatchObject({ state: 'shown', displayId: 7 })
    expect(decideCustomerDisplay('1', [laptop], 1)).toMatchObject({ state: 'noDisplay', display: null })
  })
  it('none with a single display, none when off, none on native Wayland', () => {
    expect(decideCustomerDisplay('automatic', [laptop], 1)).toEqual({ state: 'noDisplay', displayId: null, chosenMissing: false, display: null })
    expect(decideCustomerDisplay('off', [laptop, facing], 1)).toEqual({ state: 'off', displayId: null, chosenMissing: false, display: null })
    expect(decideCustomerDisplay('7', [laptop, facing], 1, false)).toEqual({ state: 'cannotPlace', displayId: null, chosenMissing: false, display: null })
  })
})

describe('the displays as Settings lists them', () => {
  it('numbered in order, in device pixels, placed from the staff window\'s display', () => {
    const hiDpi = { id: 4, bounds: { x: 0, y: -720, width: 1280, height: 720 }, scaleFactor: 1.5 }
    expect(describeScreens([laptop, facing, third, hiDpi], 1)).toEqual([
      { id: 1, number: 1, width: 1920, height: 1080, side: 'staff' },
      { id: 7, number: 2, width: 1024, height: 768, side: 'right' },
      { id: 9, number: 3, width: 1280, height: 1024, side: 'left' },
      { id: 4, number: 4, width: 1920, height: 1080, side: 'above' },
    ])
  })
})

function fakeWindowClass() {
  const made: Array<{ options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }; calls: string[]; fire: (e: string) => void }> = []
  class FakeWindow {
    private readonly listeners = new Map<string, () => void>()
    readonly calls: string[] = []
    constructor(options: Record<string, unknown>) {
      made.push({ options, calls: this.calls, fire: (e) => this.listeners.get(e)?.() })
    }
    once(event: string, listener: () => void) {
      this.listeners.set(event, listener)
    }
    show() {
      this.calls.push('show')
    }
    showInactive() {
      this.calls.push('showInactive')
    }
    setFullScreen(flag: boolean) {
      this.calls.push(`setFullScreen ${flag}`)
    }
    focus() {
      this.calls.push('focus')
    }
  }
  return { FakeWindow, made }
}

describe('the customer window', () => {
  it('covers the chosen display, frameless, and can never take focus', () => {
    const { FakeWindow, made } = fakeWindowClass()
    createCustomerWindow(FakeWindow as never, { display: facing, preloadPath: '/x/preload/index.cjs', packaged: true, fullScreen: true })
    expect(made[0]!.options).toMatchObject({ ...facing.bounds, frame: false, focusable: false, skipTaskbar: true, show: false, resizable: false, movable: false })
    expect(made[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: '/x/preload/index.cjs' })
  })

  it('is shown without being activated, then takes the fullscreen state on its display (not on macOS)', () => {
    const { FakeWindow, made } = fakeWindowClass()
    createCustomerWindow(FakeWindow as never, { display: facing, preloadPath: '/p', packaged: false, fullScreen: true })
    made[0]!.fire('ready-to-show')
    expect(made[0]!.calls).toEqual(['showInactive', 'setFullScreen true'])
    expect(made[0]!.options.fullscreenable).toBe(true)
    createCustomerWindow(FakeWindow as never, { display: facing, preloadPath: '/p', packaged: false, fullScreen: false })
    made[1]!.fire('ready-to-show')
    expect(made[1]!.calls).toEqual(['showInactive'])
    expect(made[1]!.options.fullscreenable).toBe(false)
  })
})

describe('window roles in main', () => {
  function fakeRoleWindow(id: number) {
    const sent: string[] = []
    let closed: (() => void) | null = null
    return {
      win: {
        webContents: { id, isDestroyed: () => false, send: (e: string) => void sent.push(e) },
        once: (_e: 'closed', l: () => void) => void (closed = l),
      },
      sent,
      close: () => closed?.(),
    }
  }

  it('gives each call its sender window\'s role, and none to anyone else or a closed window', () => {
    const roles = createWindowRoles()
    const staff = fakeRoleWindow(1)
    const customer = fakeRoleWindow(2)
    roles.add(staff.win as never, 'staff')
    roles.add(customer.win as never, 'customer')
    expect([roles.roleOf(1), roles.roleOf(2), roles.roleOf(3)]).toEqual(['staff', 'customer', null])
    customer.close()
    expect(roles.roleOf(2)).toBeNull()
  })

  it('sends each event to every window of the roles that receive it', () => {
    const roles = createWindowRoles()
    const staff = fakeRoleWindow(1)
    const customers = [fakeRoleWindow(2), fakeRoleWindow(3)]
    roles.add(staff.win as never, 'staff')
    for (const c of customers) roles.add(c.win as never, 'customer')
    roles.send('settings:changed', {})
    roles.send('customer:screen', {})
    roles.send('customer:phoneKeyed', { phone: '0912345678' })
    expect(staff.sent).toEqual(['settings:changed', 'customer:phoneKeyed'])
    for (const c of customers) expect(c.sent).toEqual(['customer:screen'])
  })
})
