import { describe, expect, it, vi } from 'vitest'
import { createCustomerWindow, pickCustomerDisplay } from '../../../electron/main/customer-window'
import { createWindowRoles } from '../../../electron/main/window-roles'

// The customer display's window with `electron` mocked: where it goes, how it is made so
// it never takes focus, and which role its calls and events get.
vi.mock('electron', () => ({}))

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
const facing = { id: 7, bounds: { x: 1920, y: 0, width: 1024, height: 768 } }
const third = { id: 9, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } }

describe('which display faces the customer', () => {
  it('the first that is not the staff window\'s, by default', () => {
    expect(pickCustomerDisplay([laptop, facing, third], 1)).toBe(facing)
    expect(pickCustomerDisplay([facing, laptop], 7)).toBe(laptop)
  })
  it('the one chosen in Settings when it is connected', () => {
    expect(pickCustomerDisplay([laptop, facing, third], 1, 9)).toBe(third)
    expect(pickCustomerDisplay([laptop, facing], 1, 9)).toBe(facing)
  })
  it('none with a single display', () => {
    expect(pickCustomerDisplay([laptop], 1)).toBeNull()
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
    focus() {
      this.calls.push('focus')
    }
  }
  return { FakeWindow, made }
}

describe('the customer window', () => {
  it('covers the chosen display, frameless, and can never take focus', () => {
    const { FakeWindow, made } = fakeWindowClass()
    createCustomerWindow(FakeWindow as never, { display: facing, preloadPath: '/x/preload/index.cjs', packaged: true })
    expect(made[0]!.options).toMatchObject({ ...facing.bounds, frame: false, focusable: false, skipTaskbar: true, show: false, resizable: false, movable: false })
    expect(made[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: '/x/preload/index.cjs' })
  })

  it('is shown without being activated', () => {
    const { FakeWindow, made } = fakeWindowClass()
    createCustomerWindow(FakeWindow as never, { display: facing, preloadPath: '/p', packaged: false })
    made[0]!.fire('ready-to-show')
    expect(made[0]!.calls).toEqual(['showInactive'])
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
