import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { DEFAULT_GLOBAL_SHORTCUT, isValidAccelerator } from '../../../electron/shared/accelerator'
import { SettingsPatchSchema } from '../../../electron/shared/settings-form'

describe('accelerator grammar', () => {
  it('accepts modifier+key shortcuts', () => {
    for (const a of [DEFAULT_GLOBAL_SHORTCUT, 'CommandOrControl+Alt+L', 'Alt+F9', 'Super+Shift+Space', 'Ctrl+Plus', 'Control+num5', 'Alt+/']) {
      expect(isValidAccelerator(a), a).toBe(true)
    }
  })

  it('refuses bare keys, Shift alone, unknown names, repeats and junk', () => {
    for (const a of ['', 'M', 'F9', 'Shift+M', 'Ctrl+', 'Ctrl+Shift', 'Ctrl+Hyper+M', 'Ctrl+Ctrl+M', 'Ctrl+MM', 'Ctrl + M', 'Ctrl+F25']) {
      expect(isValidAccelerator(a), a).toBe(false)
    }
  })

  it('is checked by the settings schema, where an empty one turns the shortcut off', () => {
    expect(v.safeParse(SettingsPatchSchema, { globalShortcut: 'Ctrl+Alt+K' }).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, { globalShortcut: '' }).success).toBe(true)
    const bad = v.safeParse(SettingsPatchSchema, { globalShortcut: 'Shift+K' })
    expect(bad.success).toBe(false)
    if (!bad.success) expect(bad.issues[0]?.message).toBe('settings.badShortcut')
  })

  it('checks window preferences: panel width 380–600, known modes and edges', () => {
    expect(v.safeParse(SettingsPatchSchema, { window: { mode: 'panel', edge: 'left', width: 380, alwaysOnTop: true } }).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, { window: { width: 379 } }).success).toBe(false)
    expect(v.safeParse(SettingsPatchSchema, { window: { width: 601 } }).success).toBe(false)
    expect(v.safeParse(SettingsPatchSchema, { window: { mode: 'fullscreen' } }).success).toBe(false)
    expect(v.safeParse(SettingsPatchSchema, { window: { edge: 'top' } }).success).toBe(false)
  })
})
