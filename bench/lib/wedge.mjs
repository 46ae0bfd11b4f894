// A keyboard-wedge scan through the DevTools protocol, as test/e2e/support/wedge.ts does:
// trusted key events with the scanner's own timestamps (3 ms apart here), so the page's
// detector sees scanner timing whatever the harness's own pacing on a busy machine.

const digit = (ch) => ({ key: ch, code: `Digit${ch}`, keyCode: ch.charCodeAt(0), text: ch })
const ENTER = { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' }

export async function scanDigits(page, cdp, digits, gapMs = 3) {
  let t = (await page.evaluate(() => performance.timeOrigin + performance.now())) / 1000 + 0.002
  for (const k of [...digits].map(digit).concat(ENTER)) {
    const base = { key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, modifiers: 0 }
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...base, timestamp: t, text: k.text, unmodifiedText: k.text })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base, timestamp: t + 0.001 })
    t += gapMs / 1000
  }
}

// The same scan with the Zhuyin input method on, as test/e2e/support/ime-wedge.ts sends it:
// each key a 'Process' / 229 keydown with its physical code followed by the IME's growing
// composition; the Enter likewise, then the IME commits its text after the page's keydown
// handler. Every command is sent at once (Chromium runs them in order).
const ZHUYIN = { 0: 'ㄢ', 1: 'ㄅ', 2: 'ㄉ', 3: 'ˇ', 4: 'ˋ', 5: 'ㄓ', 6: 'ˊ', 7: '˙', 8: 'ㄚ', 9: 'ㄞ' }

export async function imeScanDigits(page, cdp, digits, gapMs) {
  let t = (await page.evaluate(() => performance.timeOrigin + performance.now())) / 1000 + 0.002
  const sent = []
  const key = (type, code, keyCode, k, at) => sent.push(cdp.send('Input.dispatchKeyEvent', { type, key: k, code, windowsVirtualKeyCode: keyCode, timestamp: at }))
  let composed = ''
  for (const d of digits) {
    key('rawKeyDown', `Digit${d}`, 229, 'Process', t)
    composed += ZHUYIN[d]
    sent.push(cdp.send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length }))
    key('keyUp', `Digit${d}`, d.charCodeAt(0), d, t + 0.001)
    t += gapMs() / 1000
  }
  key('rawKeyDown', 'Enter', 229, 'Process', t)
  sent.push(cdp.send('Input.insertText', { text: composed }))
  key('keyUp', 'Enter', 13, 'Enter', t + 0.001)
  await Promise.all(sent)
}
