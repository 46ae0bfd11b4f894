// Physical key → character, as a US-layout keyboard would type it.
//
// A keyboard-wedge scanner sends key *positions* (HID usages), not characters. What the
// OS then turns them into depends on the active layout and input method: with Zhuyin on,
// `KeyboardEvent.key` is 'Process' (keyCode 229) or a Bopomofo symbol such as 'ㄅ'; on
// AZERTY, Digit1 is '&'. `KeyboardEvent.code` names the physical key whatever the layout,
// and scanners are programmed for US layout, so we read the code plus Shift and ignore
// `key` entirely. CapsLock is ignored on purpose: scanners send Shift for capitals.

/** [unshifted, shifted] per physical key. */
const MAIN_KEYS: Readonly<Record<string, readonly [string, string]>> = (() => {
  const map: Record<string, readonly [string, string]> = {}
  for (let c = 65; c <= 90; c++) {
    const upper = String.fromCharCode(c)
    map[`Key${upper}`] = [upper.toLowerCase(), upper]
  }
  const digits = '1234567890'
  const shiftedDigits = '!@#$%^&*()'
  for (let i = 0; i < digits.length; i++) {
    map[`Digit${digits[i]}`] = [digits[i]!, shiftedDigits[i]!]
  }
  Object.assign(map, {
    Minus: ['-', '_'],
    Equal: ['=', '+'],
    BracketLeft: ['[', '{'],
    BracketRight: [']', '}'],
    Backslash: ['\\', '|'],
    Semicolon: [';', ':'],
    Quote: ["'", '"'],
    Backquote: ['`', '~'],
    Comma: [',', '<'],
    Period: ['.', '>'],
    Slash: ['/', '?'],
    Space: [' ', ' '],
  })
  return map
})()

/**
 * Numeric keypad: the same character with or without Shift. (Shift+Numpad digit is a
 * navigation key on Windows, but a scanner that uses the keypad never sends Shift, and a
 * code of NumpadN still means that key was pressed.)
 */
const NUMPAD_KEYS: Readonly<Record<string, string>> = {
  Numpad0: '0',
  Numpad1: '1',
  Numpad2: '2',
  Numpad3: '3',
  Numpad4: '4',
  Numpad5: '5',
  Numpad6: '6',
  Numpad7: '7',
  Numpad8: '8',
  Numpad9: '9',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadSubtract: '-',
  NumpadMultiply: '*',
  NumpadDivide: '/',
}

/** The character a US-layout keyboard types for this physical key, or null if it types none. */
export function charFromCode(code: string, shift: boolean): string | null {
  const main = MAIN_KEYS[code]
  if (main) return shift ? main[1] : main[0]
  return NUMPAD_KEYS[code] ?? null
}

/** Inverse of `charFromCode` over the main block (never the keypad): how to type `ch`. */
export function codeForChar(ch: string): { code: string; shift: boolean } | null {
  for (const [code, [plain, shifted]] of Object.entries(MAIN_KEYS)) {
    if (plain === ch) return { code, shift: false }
    if (shifted === ch && code !== 'Space') return { code, shift: true }
  }
  return null
}
