import type { CDPSession, Page } from '@playwright/test'

// A keyboard-wedge scanner typing while the Zhuyin input method is on, driven through
// the DevTools protocol in the order Chromium sees from a real IME: every key arrives
// as a `keydown` with key 'Process', keyCode 229 and the physical code, then the IME
// grows its composition (Input.imeSetComposition → compositionupdate, input
// insertCompositionText); the Enter arrives the same way, and only after the page's
// keydown handler has run does the IME commit (Input.insertText → input, compositionend).
// Key time stamps are the scanner's own, `gapMs` apart, as in wedge.ts.

/** What the Zhuyin (standard layout) IME composes for a physical key. */
const ZHUYIN: Record<string, string> = {
  Digit1: 'ㄅ', Digit2: 'ㄉ', Digit3: 'ˇ', Digit4: 'ˋ', Digit5: 'ㄓ', Digit6: 'ˊ', Digit7: '˙', Digit8: 'ㄚ', Digit9: 'ㄞ', Digit0: 'ㄢ',
  KeyQ: 'ㄆ', KeyA: 'ㄇ', KeyZ: 'ㄈ', KeyW: 'ㄊ', KeyS: 'ㄋ', KeyX: 'ㄌ', KeyE: 'ㄍ', KeyD: 'ㄎ', KeyC: 'ㄏ', KeyR: 'ㄐ',
  KeyF: 'ㄑ', KeyV: 'ㄒ', KeyT: 'ㄔ', KeyG: 'ㄕ', KeyB: 'ㄖ', KeyY: 'ㄗ', KeyH: 'ㄘ', KeyN: 'ㄙ', KeyU: 'ㄧ', KeyJ: 'ㄨ',
  KeyM: 'ㄩ', KeyI: 'ㄛ', KeyK: 'ㄜ', KeyO: 'ㄟ', KeyL: 'ㄠ', KeyP: 'ㄣ', Minus: 'ㄦ',
}

function codeOf(ch: string): string {
  if (/\d/.test(ch)) return `Digit${ch}`
  if (/[a-z]/i.test(ch)) return `Key${ch.toUpperCase()}`
  if (ch === '-') return 'Minus'
  throw new Error(`no IME key for ${ch}`)
}

export type ImeCommit = 'commit' | 'cancel' | 'keep'

export interface ImeScanOptions {
  /** Gap between keys in ms: one number, or [min, max] drawn per key. */
  gapMs?: number | [number, number]
  /** What the IME does after the Enter: commit its text (default), drop it, or keep composing. */
  after?: ImeCommit
  /** A random source for the gaps (tests pass a seeded one). */
  random?: () => number
}

/** Scans `text` + Enter through the IME; returns the gaps used. */
export async function imeScanInto(page: Page, text: string, opts: ImeScanOptions = {}): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    return await imeScanWith(page, cdp, text, opts)
  } finally {
    await cdp.detach()
  }
}

async function imeScanWith(page: Page, cdp: CDPSession, text: string, opts: ImeScanOptions = {}): Promise<number[]> {
  const random = opts.random ?? Math.random
  const range = typeof opts.gapMs === 'number' ? [opts.gapMs, opts.gapMs] : (opts.gapMs ?? [3, 8])
  const gaps: number[] = []
  let t = (await page.evaluate(() => performance.timeOrigin + performance.now())) / 1000 + 0.002
  let composed = ''
  // Every command is sent at once and Chromium runs them in order: awaiting each round
  // trip would let a busy machine stall the burst for longer than any scanner does.
  const sent: Promise<unknown>[] = []
  const send = (method: 'Input.dispatchKeyEvent' | 'Input.imeSetComposition' | 'Input.insertText', params: object) =>
    sent.push(cdp.send(method, params as never))
  const key = (type: 'rawKeyDown' | 'keyUp', code: string, keyCode: number, key: string, at: number) =>
    send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, timestamp: at })
  for (const ch of [...text]) {
    const code = codeOf(ch)
    key('rawKeyDown', code, 229, 'Process', t)
    composed += ZHUYIN[code] ?? ch
    send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length })
    key('keyUp', code, ch.toUpperCase().charCodeAt(0), ch, t + 0.001)
    const gap = range[0]! + random() * (range[1]! - range[0]!)
    gaps.push(gap)
    t += gap / 1000
  }
  key('rawKeyDown', 'Enter', 229, 'Process', t)
  if ((opts.after ?? 'commit') === 'commit') send('Input.insertText', { text: composed })
  else if (opts.after === 'cancel') send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 })
  key('keyUp', 'Enter', 13, 'Enter', t + 0.001)
  await Promise.all(sent)
  return gaps.slice(0, -1)
}
