import { createHash } from 'node:crypto'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { classifyDownloadError, downloadElectron, type Progress } from '../../../electron/launch/download'
import { progressPrinter } from '../../../electron/launch/progress'

// The first start's download through the electron package's own @electron/get, against a
// local mirror that answers the ways a store's network does: refuses, stalls, or delivers
// slowly. No request leaves this machine.

const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

async function mirror(handler: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => handler(res))
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

const zipName = `electron-v${(createRequire(import.meta.url)('electron/package.json') as { version: string }).version}-${process.platform}-${process.arch}.zip`

function download(url: string, extra: { stallMs?: number; checksums?: Record<string, string> } = {}) {
  const seen: Progress[] = []
  const result = downloadElectron({
    pkgDir,
    env: {},
    mirror: url,
    cacheRoot: mkdtempSync(join(tmpdir(), 'cc-electron-cache-')),
    checksums: extra.checksums ?? { [zipName]: '0'.repeat(64) },
    stallMs: extra.stallMs,
    onProgress: (p) => seen.push(p),
  })
  return { result, seen }
}

describe('first start download', () => {
  it('a proxy that refuses (403) is "blocked"', async () => {
    const url = await mirror((res) => res.writeHead(403).end('Forbidden by policy'))
    expect(await download(url).result).toEqual({ ok: false, kind: 'blocked', detail: 'HTTP 403' })
  })

  it('a refused connection is "blocked"', async () => {
    const url = await mirror(() => {})
    const port = new URL(url).port
    await new Promise((r) => servers.pop()!.close(r))
    expect(await download(`http://127.0.0.1:${port}/`).result).toMatchObject({ ok: false, kind: 'blocked', detail: 'ECONNREFUSED' })
  })

  it('a download that stops delivering is a "timeout", after the quiet period, not a fixed cap', async () => {
    const url = await mirror((res) => {
      res.writeHead(200, { 'content-length': '1000000' })
      res.write(Buffer.alloc(1000))
      // …and nothing more.
    })
    const started = Date.now()
    const { result, seen } = download(url, { stallMs: 400 })
    expect(await result).toMatchObject({ ok: false, kind: 'timeout' })
    expect(seen.at(-1)).toEqual({ transferred: 1000, total: 1000000 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(400)
  })

  it('a slow download that keeps delivering runs longer than the quiet period and completes, reporting progress', async () => {
    const body = Buffer.alloc(128 * 1024, 7)
    const url = await mirror((res) => {
      res.writeHead(200, { 'content-length': String(body.length) })
      let sent = 0
      const tick = setInterval(() => {
        res.write(body.subarray(sent, sent + 8192))
        sent += 8192
        if (sent >= body.length) {
          clearInterval(tick)
          res.end()
        }
      }, 100)
    })
    const sha = createHash('sha256').update(body).digest('hex')
    const started = Date.now()
    // 16 chunks 100 ms apart: 1.6 s in all, each gap a tenth of the 1 s quiet period.
    const { result, seen } = download(url, { stallMs: 1000, checksums: { [zipName]: sha } })
    const r = await result
    expect(r).toMatchObject({ ok: true })
    expect(Date.now() - started).toBeGreaterThan(1000)
    expect(seen.length).toBeGreaterThanOrEqual(16)
    expect(seen.at(-1)).toEqual({ transferred: body.length, total: body.length })
  })

  it('tells timeouts from blocks in undici\'s error shapes', () => {
    const fetchFailed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
    expect(classifyDownloadError(fetchFailed('ENOTFOUND'), false).kind).toBe('blocked')
    expect(classifyDownloadError(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), false).kind).toBe('blocked')
    expect(classifyDownloadError(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), false).kind).toBe('timeout')
    expect(classifyDownloadError(fetchFailed('UND_ERR_BODY_TIMEOUT'), false).kind).toBe('timeout')
    expect(classifyDownloadError({ name: 'HTTPError', response: { status: 407 } }, false)).toEqual({ kind: 'blocked', detail: 'HTTP 407' })
    expect(classifyDownloadError({ name: 'HTTPError', response: { status: 404 } }, false)).toEqual({ kind: 'failed', detail: 'HTTP 404' })
    expect(classifyDownloadError(new DOMException('aborted', 'AbortError'), true).kind).toBe('timeout')
  })
})

describe('download progress at the terminal', () => {
  const fmt = (p: Progress) => `${p.transferred}/${p.total}`
  it('prints a line per tenth in a log', () => {
    const lines: string[] = []
    const pr = progressPrinter({ write: (s: string) => (lines.push(s), true) }, fmt)
    for (let n = 0; n <= 100; n++) pr.update({ transferred: n, total: 100 })
    pr.done()
    expect(lines).toHaveLength(11)
    expect(lines.at(-1)).toBe('100/100\n')
  })
  it('redraws one line on a terminal, at most four times a second, and ends it', () => {
    const out: string[] = []
    let t = 0
    const pr = progressPrinter({ isTTY: true, write: (s: string) => (out.push(s), true) }, fmt, () => t)
    for (let n = 1; n <= 100; n++) {
      t += 10
      pr.update({ transferred: n, total: 100 })
    }
    pr.done()
    expect(out.every((s) => s.startsWith('\r') || s === '\n')).toBe(true)
    expect(out.length).toBeLessThanOrEqual(7)
    expect(out.at(-2)).toContain('100/100')
    expect(out.at(-1)).toBe('\n')
  })
})
