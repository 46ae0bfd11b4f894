import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/server'
import { call, redeem } from './door-client'

// Browser mode on Windows, where `\` separates folders too: the host joins and normalises the
// request path with Windows' path rules (node:path is win32 here) and reads from an in-memory
// disk. `%5c` survives the URL parser (it folds only `/`, `\` and `%2e`), becomes `\` once
// decoded, and then climbs out of the folder in path.win32.join: only the containment check
// stands between it and the files beside the renderer.

vi.mock('node:path', async () => {
  const { win32 } = await vi.importActual<typeof import('node:path')>('node:path')
  return { ...win32, default: win32 }
})

const RENDERER = 'C:\\Program Files\\Counter Companion\\resources\\renderer'
const DISK = new Map<string, string>([
  [`${RENDERER}\\index.html`, '<!doctype html><title>staff</title>'],
  [`${RENDERER}\\assets\\a.js`, 'export {}'],
  ['C:\\Program Files\\Counter Companion\\resources\\app-secret.txt', 'secret beside the folder'],
  ['C:\\Program Files\\Counter Companion\\resources\\renderer-old\\a.js', 'secret in a folder whose name starts the same'],
  ['C:\\Windows\\win.ini', 'secret of the system'],
])
const reads = vi.hoisted(() => [] as string[])

vi.mock('node:fs/promises', () => ({
  readFile: async (path: string) => {
    reads.push(path)
    const content = DISK.get(path)
    if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return Buffer.from(content)
  },
}))

let host: WebHost
let cookie = ''
beforeAll(async () => {
  host = await startWebHost({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => {}, rendererDir: RENDERER, token: 'win-token' })
  cookie = await redeem(host.port, 'win-token')
})
afterAll(() => host.close())

describe('browser mode on Windows paths', () => {
  it('serves the renderer\'s files', async () => {
    const page = await call(host.port, '/', { headers: { Cookie: cookie } })
    expect([page.status, page.body]).toEqual([200, '<!doctype html><title>staff</title>'])
    const asset = await call(host.port, '/assets/a.js', { headers: { Cookie: cookie } })
    expect([asset.status, asset.body, asset.headers['content-type']]).toEqual([200, 'export {}', 'text/javascript; charset=utf-8'])
  })

  it('reads no file outside the renderer folder, whatever mix of \\ and / encodings the path uses', async () => {
    reads.length = 0
    const probes = [
      '/..%5capp-secret.txt',
      '/..%5Capp-secret.txt',
      '/%2e%2e%5capp-secret.txt',
      '/assets/..%5c..%5capp-secret.txt',
      '/assets%5c..%5c..%5capp-secret.txt',
      '/..%2fapp-secret.txt',
      '/..%5crenderer-old%5ca.js',
      '/..%5c..%5c..%5c..%5cWindows%5cwin.ini',
      '/%5c..%5c..%5c..%5c..%5cWindows%5cwin.ini',
    ]
    for (const path of probes) {
      const res = await call(host.port, path, { headers: { Cookie: cookie } })
      expect([res.status, res.body], path).toEqual([404, 'not found'])
    }
    // Refused before the disk is asked: not merely a file that happened to be missing.
    expect(reads).toEqual([])
  })

  it('takes a drive letter or a doubled encoding in the path as a name inside the folder', async () => {
    reads.length = 0
    for (const path of ['/C:%5cWindows%5cwin.ini', '/%252e%252e%255capp-secret.txt']) {
      const res = await call(host.port, path, { headers: { Cookie: cookie } })
      expect([res.status, res.body], path).toEqual([404, 'not found'])
    }
    expect(reads).toEqual([`${RENDERER}\\C:\\Windows\\win.ini`, `${RENDERER}\\%2e%2e%5capp-secret.txt`])
  })
})
