/* global WebSocket, location */
// `node bench/probes/bridge-rtt.mjs`: why browser mode's bridge is a WebSocket. The same
// loopback server answers a JSON call by fetch (POST, as the old HTTP bridge did) and by a
// message on an open WebSocket; Chromium times 200 of each. Prints one line per transport.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { launchChromium } from '../lib/browser.mjs'
import { summarise } from '../lib/stats.mjs'

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html' })
    return res.end('<!doctype html><p>bridge</p>')
  }
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ok: true, value: body.length }))
  })
})
new WebSocketServer({ server }).on('connection', (ws) =>
  ws.on('message', (m) => ws.send(JSON.stringify({ id: JSON.parse(String(m)).id, result: { ok: true, value: 1 } }))),
)
await new Promise((r) => server.listen(0, '127.0.0.1', r))

const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${server.address().port}/`)
  const times = await page.evaluate(async () => {
    const call = { channel: 'member:lookup', arg: { phone: '0912345678' } }
    const pause = () => new Promise((r) => setTimeout(r, 5))
    const viaFetch = []
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now()
      const r = await fetch('/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call) })
      await r.json()
      viaFetch.push(performance.now() - t0)
      await pause()
    }
    const ws = new WebSocket(location.href.replace('http', 'ws'))
    await new Promise((r) => (ws.onopen = r))
    let answered = () => {}
    ws.onmessage = (e) => {
      JSON.parse(e.data)
      answered()
    }
    const viaSocket = []
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now()
      await new Promise((r) => {
        answered = r
        ws.send(JSON.stringify({ id: i, ...call }))
      })
      viaSocket.push(performance.now() - t0)
      await pause()
    }
    return { viaFetch, viaSocket }
  })
  for (const [name, list] of Object.entries(times)) {
    const s = summarise(list)
    console.log(`${name === 'viaFetch' ? 'fetch per call   ' : 'open WebSocket   '}: round trip ${s.median.toFixed(1)} ms median, ${s.p95.toFixed(1)} ms p95, n=${s.n}`)
  }
} finally {
  await browser.close()
  server.close()
}
