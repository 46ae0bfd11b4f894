// The renderer's JavaScript and CSS as built: raw bytes and gzip (zlib level 9) bytes.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export function rendererSizes(root) {
  const dir = join(root, 'out/renderer/assets')
  const total = { js: { raw: 0, gzip: 0, files: [] }, css: { raw: 0, gzip: 0, files: [] } }
  for (const name of readdirSync(dir)) {
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null
    if (!kind) continue
    const bytes = readFileSync(join(dir, name))
    const gzip = gzipSync(bytes, { level: 9 }).length
    total[kind].raw += bytes.length
    total[kind].gzip += gzip
    total[kind].files.push({ name, raw: bytes.length, gzip })
  }
  return total
}
