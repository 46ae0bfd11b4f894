// What a browser (or a hostile client) does at browser mode's door, for the web host's tests:
// plain HTTP requests with the headers we choose, and bridge handshakes.
import { request } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import WebSocket from 'ws'

export interface Answer {
  status: number
  statusMessage: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request on a connection of its own, with our Host unless `headers` says otherwise. */
export function call(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${port}`, ...opts.headers }
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** Opens the launch URL and returns the session cookie (`pos_session=…`) it set. */
export async function redeem(port: number, token: string): Promise<string> {
  const r = await call(port, `/?token=${token}`)
  return String(r.headers['set-cookie']).split(';')[0]!
}

/** Opens the bridge socket the way a page would, or with whatever a hostile client sends. */
export function openBridge(port: number, headers: Record<string, string>, path = '/api/bridge'): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers: { Host: `127.0.0.1:${port}`, ...headers } })
}

/** The HTTP status a refused handshake got (or 101 when it opened). */
export function handshakeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('error', () => resolve(-1))
  })
}

/** Why the host closed the socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)))
}

/** A renderer folder with the given files (path → content), in a fresh temporary folder. */
export function rendererFolder(files: Record<string, string> = { 'index.html': '<!doctype html><title>t</title>' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}
