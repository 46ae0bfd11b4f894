import { describe, expect, it, vi } from 'vitest'
import { bringForward } from '../../../electron/main/bring-forward'
import { createGlobalShortcut } from '../../../electron/main/shortcut'
import { fakeWindow } from './fakes'

// The global shortcut with `electron` mocked: nothing here starts Electron.
vi.mock('electron', () => ({}))

/** A stand-in for Electron's globalShortcut; `taken` are held by another program. */
function fakeGlobalShortcut(taken: string[] = []) {
  const held = new Map<string, () => void>()
  return {
    held,
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (accelerator === 'Nonsense+') throw new Error('conversion failure')
      if (taken.includes(accelerator) || held.has(accelerator)) return false
      held.set(accelerator, callback)
      return true
    }),
    unregister: vi.fn((accelerator: string) => void held.delete(accelerator)),
    press: (accelerator: string) => held.get(accelerator)?.(),
  }
}

describe('global shortcut', () => {
  it('registers the default and brings the window forward to the lookup field on press', () => {
    const gs = fakeGlobalShortcut()
    const { win, calls } = fakeWindow({ minimized: true })
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: () => bringForward(win) })
    expect(shortcut.apply('Ctrl+Shift+M')).toBe(true)
    gs.press('Ctrl+Shift+M')
    expect(calls).toEqual(['restore', 'moveTop', 'focus', 'webContents.focus', 'send app:focusLookup {}'])
  })

  it('moves to a new accelerator, releasing the old one', () => {
    const gs = fakeGlobalShortcut()
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: vi.fn() })
    shortcut.apply('Ctrl+Shift+M')
    expect(shortcut.apply('Alt+F9')).toBe(true)
    expect(gs.unregister).toHaveBeenCalledWith('Ctrl+Shift+M')
    expect([...gs.held.keys()]).toEqual(['Alt+F9'])
  })

  it('keeps a held accelerator without registering it twice', () => {
    const gs = fakeGlobalShortcut()
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: vi.fn() })
    shortcut.apply('Ctrl+Shift+M')
    expect(shortcut.apply('Ctrl+Shift+M')).toBe(true)
    expect(gs.register).toHaveBeenCalledTimes(1)
  })

  it('reports an accelerator another program holds instead of crashing, and logs it', () => {
    const gs = fakeGlobalShortcut(['Ctrl+Shift+M'])
    const log = vi.fn()
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: vi.fn(), log })
    expect(shortcut.apply('Ctrl+Shift+M')).toBe(false)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not registered'), { accelerator: 'Ctrl+Shift+M' })
    expect(() => shortcut.apply('Nonsense+')).not.toThrow()
    expect(shortcut.apply('Nonsense+')).toBe(false)
  })

  it('tries a refused accelerator again on the next apply', () => {
    const taken = ['Ctrl+Shift+M']
    const gs = fakeGlobalShortcut(taken)
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: vi.fn() })
    expect(shortcut.apply('Ctrl+Shift+M')).toBe(false)
    taken.length = 0
    expect(shortcut.apply('Ctrl+Shift+M')).toBe(true)
  })

  it("'' means no shortcut; dispose releases it", () => {
    const gs = fakeGlobalShortcut()
    const shortcut = createGlobalShortcut({ globalShortcut: gs, onPress: vi.fn() })
    shortcut.apply('Ctrl+Shift+M')
    expect(shortcut.apply('')).toBeNull()
    expect(gs.held.size).toBe(0)
    shortcut.apply('Ctrl+Alt+L')
    shortcut.dispose()
    expect(gs.held.size).toBe(0)
  })
})
