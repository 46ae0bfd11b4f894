// A small grammar for Electron accelerators (`Ctrl+Shift+M`), so a bad global shortcut is
// refused at the contract instead of failing later inside globalShortcut.register().
// A global shortcut steals its keys from every other program — the POS included — so at
// least one modifier other than Shift is required.

const MODIFIERS = new Set([
  'command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl',
  'alt', 'option', 'altgr', 'shift', 'super', 'meta',
])

const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert',
  'return', 'enter', 'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown',
  'escape', 'esc', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
])

const SINGLE_KEY = /^[A-Za-z0-9)!@#$%^&*(:;<=>,_\-.?/~`{}[\]|\\'"]$/
const FUNCTION_KEY = /^F([1-9]|1\d|2[0-4])$/i

export const DEFAULT_GLOBAL_SHORTCUT = 'Ctrl+Shift+M'

function isKey(part: string): boolean {
  return SINGLE_KEY.test(part) || FUNCTION_KEY.test(part) || NAMED_KEYS.has(part.toLowerCase())
}

/** True for `Modifier+…+Key` with no repeated modifier and one modifier besides Shift. */
export function isValidAccelerator(accelerator: string): boolean {
  if (accelerator.length === 0 || accelerator.length > 64 || /\s/.test(accelerator)) return false
  // `Ctrl+Plus` is the way to say "+"; a bare "+" key would make splitting ambiguous.
  const parts = accelerator.split('+')
  const key = parts.pop()
  if (key === undefined || !isKey(key)) return false
  const modifiers = parts.map((p) => p.toLowerCase())
  if (modifiers.some((m) => !MODIFIERS.has(m))) return false
  if (new Set(modifiers).size !== modifiers.length) return false
  return modifiers.some((m) => m !== 'shift')
}
