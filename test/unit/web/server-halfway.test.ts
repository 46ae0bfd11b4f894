import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/server'
import { call, redeem } from './door-client'

// An answer that fails after its headers went out (here: a disk read that hands back something
// the response cannot send) must still end, so the page's request does not hang; one that fails
// before them gets a 500.

vi.mock('node:fs/promises', () => ({
  readFile: async (path: string) => {
    if (path.endsWith('index.html')) return Buffer.from('<!doctype html>')
    if (path.endsWith('unsendable.js')) return { not: 'bytes' }
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
  },
}))

let host: WebHost
let cookie = ''
beforeAll(async () => {
  host = await startWebHost({ dispatch: async () => ({ ok: true, value: null }), onEvent: () => () => {}, rendererDir: '/srv/renderer', token: 'halfway' })
  cookie = await redeem(host.port, 'halfway')
})
afterAll(() => host.close())

it('ends an answer that failed after its headers were sent, and the host goes on serving', async () => {
  const broken = await call(host.port, '/unsendable.js', { headers: { Cookie: cookie } })
  expect([broken.status, broken.body]).toEqual([200, ''])
  const page = await call(host.port, '/', { headers: { Cookie: cookie } })
  expect([page.status, page.body]).toEqual([200, '<!doctype html>'])
})

it('answers 500 "internal error" when a request fails before anything was sent', async () => {
  const r = await call(host.port, '/%E0%A4%A', { headers: { Cookie: cookie } }) // not decodable
  expect([r.status, r.body, r.headers['content-type']]).toEqual([500, 'internal error', 'text/plain; charset=utf-8'])
})
