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
