import { afterEach, describe, expect, it, vi } from 'vitest'

// The desktop app's page is a file: URL; when its preload fails to load there is no
// window.pos. It must not fall back to browser mode's WebSocket (nothing listens there),
// and the page must say what is wrong instead of showing a screen whose every action fails.

const PACKAGED_PAGE = 'file:///C:/Program%20Files/Counter%20Companion/resources/app.asar/out/renderer/index.html'

class SpySocket {
  static opened: string[] = []
  constructor(url: string | URL) {
    SpySocket.opened.push(String(url))
  }
  addEventListener() {}
  send() {}
  close() {}
}

function at(url: string): void {
  ;(window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url)
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
  SpySocket.opened = []
  document.body.innerHTML = ''
})

describe('the renderer without its preload', () => {
  it('on the desktop app\'s file: page, calls fail at once and no WebSocket is opened', async () => {
    at(PACKAGED_PAGE)
    vi.stubGlobal('WebSocket', SpySocket)
    const { pos, bridgeMissing } = await import('../../../src/api')
    expect(bridgeMissing).toBe(true)
    expect(await pos.app.info()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'preload missing' } })
    expect(SpySocket.opened).toEqual([])
  })

  it('shows a notice in zh-TW and English instead of the app', async () => {
    at(PACKAGED_PAGE)
    vi.stubGlobal('WebSocket', SpySocket)
    document.body.innerHTML = '<div id="app"></div>'
    await import('../../../src/main')
    const notice = document.querySelector('[data-testid="bridge-missing"]')!
    expect(notice.getAttribute('role')).toBe('alert')
    const [zh, en] = [...notice.querySelectorAll('p')]
    expect(zh!.textContent).toContain('preload')
    expect(zh!.lang).toBe('zh-Hant-TW')
    expect(en!.textContent).toMatch(/^The app's link to its main process \(the preload\) did not load/)
    // Importing the whole app takes over 5 s on a loaded 2-core machine.
  }, 30_000)

  it('in browser mode (http: page) still builds the WebSocket bridge', async () => {
    at('http://127.0.0.1:43210/')
    vi.stubGlobal('WebSocket', SpySocket)
    const { bridgeMissing, pos } = await import('../../../src/api')
    expect(bridgeMissing).toBe(false)
    void pos.app.info()
    await vi.waitFor(() => expect(SpySocket.opened).toEqual(['ws://127.0.0.1:43210/api/bridge']))
  })
})
