import type { Page } from '@playwright/test'

/**
 * One contract call made by hand from inside the page, on a socket of its own, as a
 * tampered page could: what main answers is what any page would get.
 */
export function callBridge(page: Page, channel: string, arg: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ({ channel, arg }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(new URL('/api/bridge', location.href.replace(/^http/, 'ws')))
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel, arg }))
        ws.onmessage = (e) => {
          const frame = JSON.parse(String(e.data)) as { id?: number; result?: unknown }
          if (frame.id !== 1) return // a push event
          ws.close()
          resolve(frame.result as { ok: boolean })
        }
        ws.onclose = (e) => reject(new Error(`bridge socket closed (${e.code})`))
      }),
    { channel, arg },
  )
}
