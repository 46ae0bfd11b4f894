import type { Page } from '@playwright/test'

// Types like a USB keyboard-wedge scanner. Key events go through the DevTools protocol
// with their own timestamps, `delayMs` apart, so they are trusted keyboard events whose
// spacing is the scanner's and not the test harness's (a busy 2-core CI machine can
// stall Playwright's own pacing by tens of milliseconds, which no real scanner does).

const SHIFTED: Record<string, string> = { '+': 'Equal', _: 'Minus', ':': 'Semicolon', '?': 'Slash', '"': 'Quote' }
const PLAIN: Record<string, [string, number]> = { '-': ['Minus', 189], '.': ['Period', 190], '/': ['Slash', 191], '=': ['Equal', 187], ' ': ['Space', 32] }

interface Key {
  key: string
  code: string
  keyCode: number
  shift: boolean
  text?: string
}

function keyFor(ch: string): Key {
  if (/[a-z]/i.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, keyCode: ch.toUpperCase().charCodeAt(0), shift: /[A-Z]/.test(ch), text: ch }
  if (/\d/.test(ch)) return { key: ch, code: `Digit${ch}`, keyCode: ch.charCodeAt(0), shift: false, text: ch }
  const shifted = SHIFTED[ch]
  if (shifted) return { key: ch, code: shifted, keyCode: PLAIN[Object.keys(PLAIN).find((k) => PLAIN[k]![0] === shifted)!]?.[1] ?? 187, shift: true, text: ch }
  const plain = PLAIN[ch]
  if (plain) return { key: ch, code: plain[0], keyCode: plain[1], shift: false, text: ch }
  throw new Error(`no key for ${ch}`)
}

const TERMINATORS: Record<'Enter' | 'Tab', Key> = {
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, shift: false, text: '\r' },
  Tab: { key: 'Tab', code: 'Tab', keyCode: 9, shift: false },
}

export async function scanInto(page: Page, text: string, opts: { delayMs?: number; terminator?: 'Enter' | 'Tab' | null } = {}) {
  const delay = (opts.delayMs ?? 5) / 1000
  const cdp = await page.context().newCDPSession(page)
  // The page's own clock, so the burst starts after every key it has already seen.
  let t = (await page.evaluate(() => performance.timeOrigin + performance.now())) / 1000 + 0.002
  const send = async (type: 'keyDown' | 'keyUp', k: Key, modifiers: number) =>
    cdp.send('Input.dispatchKeyEvent', {
      type,
      key: k.key,
      code: k.code,
      windowsVirtualKeyCode: k.keyCode,
      modifiers,
      timestamp: t,
      ...(type === 'keyDown' && k.text ? { text: k.text, unmodifiedText: k.text } : {}),
    })
  const shiftKey: Key = { key: 'Shift', code: 'ShiftLeft', keyCode: 16, shift: false }
  const keys = [...text].map(keyFor)
  if (opts.terminator !== null) keys.push(TERMINATORS[opts.terminator ?? 'Enter'])
  for (const k of keys) {
    if (k.shift) await send('keyDown', shiftKey, 8)
    await send('keyDown', k, k.shift ? 8 : 0)
    t += 0.001
    await send('keyUp', k, k.shift ? 8 : 0)
    if (k.shift) await send('keyUp', shiftKey, 0)
    t += delay
  }
  await cdp.detach()
}
