/* global window, document, requestAnimationFrame, MutationObserver, KeyboardEvent */
// Code that runs inside the app's page (passed to addInitScript / page.evaluate, so each
// function must be self-contained). Times are the page's own performance.now().
//
// "Painted" = the frame that contains the change has been presented: a requestAnimationFrame
// callback runs just before that frame's paint, and a message posted from it is delivered
// right after the paint — the usual "after next paint" idiom (one frame, not two: a double
// rAF would add a whole extra frame that staff do not wait for).

/** Installed before the app's own scripts: the Enter timestamp and start-up readiness. */
export function installProbes() {
  const bench = {
    armed: false,
    enterAt: null,
    readyAt: null,
    readyPaintedAt: null,
    /** The armed lookup's bridge call: its id, when its frame left and when its answer came. */
    callId: null,
    sentAt: null,
    answerAt: null,
  }
  window.__bench = bench
  // Browser mode's one WebSocket (electron/shared/socket-bridge.ts): the listener added here
  // runs before the app's own onmessage, so answerAt is when the answer reached the page.
  const NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (e) => {
        if (bench.callId !== null && bench.answerAt === null && typeof e.data === 'string' && e.data.startsWith(`{"id":${bench.callId},`)) {
          bench.answerAt = performance.now()
        }
      })
    }
    send(data) {
      if (bench.armed && bench.callId === null && typeof data === 'string' && data.includes('"channel":"member:lookup"')) {
        bench.sentAt = performance.now()
        bench.callId = JSON.parse(data).id
      }
      super.send(data)
    }
  }
  const afterPaint = (cb) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => cb()
      ch.port2.postMessage(0)
    })
  window.__benchAfterPaint = afterPaint
  // Capture phase on window, registered before the app exists: runs before the app's own
  // keydown listeners (the scanner binding included) see the Enter.
  window.addEventListener(
    'keydown',
    (e) => {
      if (bench.armed && e.key === 'Enter' && bench.enterAt === null) bench.enterAt = performance.now()
    },
    true,
  )
  // Start-up: the lookup field exists and has the focus (the app focuses it on mount).
  const check = () => {
    if (bench.readyAt !== null) return
    const el = document.querySelector('[data-testid="phone-input"]')
    if (!el || document.activeElement !== el) return
    bench.readyAt = performance.timeOrigin + performance.now()
    afterPaint(() => (bench.readyPaintedAt = performance.timeOrigin + performance.now()))
  }
  window.addEventListener('focusin', check, true)
  const start = () => new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true })
  if (document.documentElement) start()
  else document.addEventListener('readystatechange', start, { once: true })
}

/**
 * Arms one lookup measurement: resolves once a member card with a name is on screen and
 * painted, with the Enter time, the time the name appeared in the DOM and the paint time.
 * The caller clears the previous card first, so the first name to appear is this lookup's.
 */
export function armLookup(timeoutMs) {
  const bench = window.__bench
  if (document.querySelector('[data-testid="member-card"]')) throw new Error('a member card is still shown')
  bench.enterAt = null
  bench.callId = null
  bench.sentAt = null
  bench.answerAt = null
  bench.armed = true
  window.__benchPending = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      mo.disconnect()
      bench.armed = false
      const err = document.querySelector('[data-testid="error-message"]')?.textContent ?? ''
      const notMember = document.querySelector('[data-testid="not-member"]') !== null
      reject(new Error(`no member card within ${timeoutMs} ms (error: "${err}", not-member: ${notMember})`))
    }, timeoutMs)
    const mo = new MutationObserver(() => {
      const el = document.querySelector('[data-testid="member-name"]')
      const text = el?.textContent?.trim() ?? ''
      if (text === '') return
      mo.disconnect()
      clearTimeout(timer)
      const seenAt = performance.now()
      window.__benchAfterPaint(() => {
        bench.armed = false
        const card = document.querySelector('[data-testid="member-card"]')
        const { enterAt, sentAt, answerAt } = bench
        resolve({ enterAt, sentAt, answerAt, seenAt, paintedAt: performance.now(), timeOrigin: performance.timeOrigin, name: text, source: card?.dataset.source ?? null })
      })
    })
    mo.observe(document.body, { childList: true, subtree: true, characterData: true })
  })
}

export function awaitLookup() {
  return window.__benchPending
}

/** Clears the card the way staff do (Esc in the phone field); resolves when it is gone. */
export function clearCard() {
  const input = document.querySelector('[data-testid="phone-input"]')
  if (!input) throw new Error('no phone input')
  input.focus()
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, cancelable: true }))
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const poll = () => {
      if (!document.querySelector('[data-testid="member-card"]') && input.value === '') return resolve()
      if (performance.now() - t0 > 5000) return reject(new Error('the card did not clear'))
      requestAnimationFrame(poll)
    }
    poll()
  })
}

/**
 * "Show to scanner" for one coupon: from the click to the large Code128 SVG drawn (JsBarcode
 * sets data-module-px when done) and painted. Closes the view again before resolving.
 */
export function timeShowToScanner(code) {
  const button = document.querySelector(`[data-testid="coupon-item"][data-code="${code}"] [data-testid="coupon-show-scanner"]`)
  if (!button) throw new Error(`no show-to-scanner button for ${code}`)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no barcode within 5 s')), 5000)
    let drawnAt = null
    const mo = new MutationObserver(() => {
      const svg = document.querySelector('[data-testid="scanner-view"] [data-testid="coupon-barcode"]')
      if (!svg || !svg.dataset.modulePx || drawnAt !== null) return
      drawnAt = performance.now()
      mo.disconnect()
      window.__benchAfterPaint(() => {
        const paintedAt = performance.now()
        clearTimeout(timer)
        // Close (Esc, as staff do) and wait for the view to go.
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }))
        const gone = () => (document.querySelector('[data-testid="scanner-view"]') ? requestAnimationFrame(gone) : resolve({ drawMs: drawnAt - t0, paintMs: paintedAt - t0, bars: svg.querySelectorAll('rect').length }))
        gone()
      })
    })
    mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-module-px'] })
    const t0 = performance.now()
    button.click()
  })
}
