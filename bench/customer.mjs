/* global window, document, requestAnimationFrame, MutationObserver, Element */
// The customer display: from the customer's Enter on its keypad (/customer) to the member's
// card painted on the staff screen. The customer page is a window of its own (a second browser
// context holding the staff page's session cookie, as the second browser window on the counter
// PC holds it): a second tab of one window would be hidden, and Chromium does not paint hidden
// pages, so the staff card's frame would wait. Trusted clicks (Playwright's mouse); both stamps
// are epoch ms on this machine (performance.timeOrigin + now).
import { newCounterContext } from './lib/browser.mjs'
import { clearCard } from './lib/page-probes.mjs'
import { openApp } from './lookup.mjs'

/** In the customer page: the Enter key's pointerdown, seen in the capture phase before the app. */
function armEnterStamp() {
  window.__customerEnterAt = null
  window.addEventListener(
    'pointerdown',
    (e) => {
      if (window.__customerEnterAt === null && e.target instanceof Element && e.target.closest('[data-testid="customer-key-enter"]')) {
        window.__customerEnterAt = performance.timeOrigin + performance.now()
      }
    },
    { capture: true, once: false },
  )
}

/** In the staff page: resolves when that phone's card has a name in the DOM and the frame showing it is painted. */
function armStaffCard(phone) {
  window.__staffCard = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no staff card within 15 s')), 15_000)
    const seen = () => {
      const input = document.querySelector('[data-testid="phone-input"]')
      const name = document.querySelector('[data-testid="member-name"]')
      return input && input.value.replace(/\D/g, '') === phone && name?.textContent ? name.textContent : null
    }
    const obs = new MutationObserver(() => {
      const name = seen()
      if (name === null) return
      obs.disconnect()
      const seenAt = performance.timeOrigin + performance.now()
      // After the next frame's paint: a message posted from requestAnimationFrame runs right after it.
      requestAnimationFrame(() => {
        const ch = new MessageChannel()
        ch.port1.onmessage = () => {
          clearTimeout(timer)
          resolve({ name, seenAt, paintedAt: performance.timeOrigin + performance.now() })
        }
        ch.port2.postMessage(0)
      })
    })
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

export async function customerEnterToCard(root, browser, sandbox, phones, runs) {
  const session = await openApp(root, browser, sandbox)
  try {
    const staff = session.page
    const window2 = await newCounterContext(browser)
    await window2.addCookies(await session.context.cookies())
    const customer = await window2.newPage()
    await customer.goto(`${session.app.origin}/customer`)
    await customer.waitForSelector('[data-testid="customer-display"][data-ready="true"]')
    await customer.evaluate(armEnterStamp)
    const out = []
    for (let i = 0; i < runs; i++) {
      const phone = phones[i % phones.length]
      await staff.evaluate(clearCard)
      await customer.waitForSelector('[data-testid="customer-display"][data-state="idle"]')
      for (const d of phone) await customer.getByTestId(`customer-key-${d}`).click()
      await staff.evaluate(armStaffCard, phone)
      await customer.evaluate(() => (window.__customerEnterAt = null))
      await customer.getByTestId('customer-key-enter').click()
      const card = await staff.evaluate(() => window.__staffCard)
      const enterAt = await customer.evaluate(() => window.__customerEnterAt)
      if (enterAt === null) throw new Error('the customer\'s Enter was not seen')
      out.push({ phone, totalMs: card.paintedAt - enterAt, domMs: card.seenAt - enterAt, name: card.name })
    }
    await window2.close()
    return out
  } finally {
    await session.close()
  }
}
