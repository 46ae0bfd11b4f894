// Reading requests and writing answers over node:http.

import type { IncomingMessage, ServerResponse } from 'node:http'

const MAX_BODY_BYTES = 1024 * 1024

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge())
        req.pause()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The media type of a request, lower-cased, without parameters (`; charset=…`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** Writes a complete JSON answer (or, for truncation, the first half of one). */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
  truncate = false,
): void {
  if (res.destroyed || res.writableEnded || res.headersSent) return
  let bytes = Buffer.from(JSON.stringify(body), 'utf8')
  // Cut in half but declare the cut length: the client reads a complete, unparseable body.
  if (truncate) bytes = bytes.subarray(0, Math.floor(bytes.length / 2))
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
  })
  res.end(bytes)
}

/** Writes a non-JSON answer (a captive portal's page, an empty 204) exactly as given. */
export function writeRaw(
  res: ServerResponse,
  status: number,
  raw: { contentType: string; text: string },
  headers: Record<string, string>,
): void {
  if (res.destroyed || res.writableEnded || res.headersSent) return
  const bytes = Buffer.from(raw.text, 'utf8')
  res.writeHead(status, { ...headers, 'Content-Type': raw.contentType, 'Content-Length': String(bytes.length) })
  res.end(bytes)
}

// Admin routes answer only local callers: IPv4 and IPv6 loopback, IPv4-mapped or not.
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}
