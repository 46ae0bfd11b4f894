import { buildPosApi, type PosApi } from '../electron/shared/bridge'
import type { Result } from '../electron/shared/contract'

// The renderer's one way to main. In Electron the preload has put `window.pos` there; in
// browser mode the same API is built over HTTP to the loopback host (electron/web/server.ts).
// Only stores call it; components never do.

function httpBridge(): PosApi {
  let events: EventSource | null = null
  return buildPosApi(
    async (channel, arg) => {
      try {
        const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Pos-Bridge': '1' },
          body: JSON.stringify({ arg }),
          credentials: 'same-origin',
        })
        if (!res.ok && res.headers.get('content-type')?.startsWith('application/json') !== true) {
          return { ok: false, error: { code: 'FORBIDDEN', message: await res.text() } }
        }
        return (await res.json()) as Result<unknown>
      } catch {
        // The local host itself is gone (browser mode stopped).
        return { ok: false, error: { code: 'INTERNAL', message: 'local app host not reachable' } }
      }
    },
    (event, listener) => {
      events ??= new EventSource('/api/events')
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown)
      events.addEventListener(event, handler)
      return () => events?.removeEventListener(event, handler)
    },
  )
}

export const pos: PosApi = window.pos ?? httpBridge()
