/* global window, document, location, WebSocket, requestAnimationFrame, addEventListener */
// `node bench/probes/answer-after-key.mjs`: why the app draws nothing at a scan's Enter.
// A page sends a WebSocket message from a keydown; a loopback server echoes it. Measured:
// when the echo arrives after the keydown, and when the frame after it begins, with and
// without a DOM change in the keydown handler. Chromium holds the echo until the frame the
// key dirtied is painted (see src/scanner/dom-binding.ts). Prints one line per case.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { launchChromium } from '../lib/browser.mjs'
import { summarise } from '../lib/stats.mjs'

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  res.end('<!doctype html><input id=i><p id=p>x</p>')
})
new WebSocketServer({ server }).on('connection', (ws) => ws.on('message', (m) => ws.send(String(m))))
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${server.address().port}/`

const browser = await launchChromium()
try {
  for (const domChange of [true, false]) {
    const page = await browser.newPage()
    await page.goto(url)
    await page.evaluate((domChange) => {
      const w = window
      w.ws = new WebSocket(location.href.replace('http', 'ws'))
      w.res = []
      w.ws.onmessage = () => {
        w.cur.answer = performance.now() - w.cur.t0
        requestAnimationFrame(() => {
          w.cur.frame = performance.now() - w.cur.t0
          w.res.push(w.cur)
        })
      }
      addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return
        w.cur = { t0: performance.now() }
        w.ws.send('x')
        if (domChange) document.getElementById('p').textContent = String(Math.random())
      })
      return new Promise((r) => (w.ws.onopen = r))
    }, domChange)
    await page.focus('#i')
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Enter')
      await page.waitForTimeout(30 + Math.random() * 20)
    }
    const res = await page.evaluate(() => window.res)
    const a = summarise(res.map((r) => r.answer))
    const f = summarise(res.map((r) => r.frame))
    console.log(
      `keydown ${domChange ? 'changes the page' : 'changes nothing'}: answer after ${a.median.toFixed(1)} ms (p95 ${a.p95.toFixed(1)}), next frame after ${f.median.toFixed(1)} ms (p95 ${f.p95.toFixed(1)}), n=${res.length}`,
    )
    await page.close()
  }
} finally {
  await browser.close()
  server.close()
}
