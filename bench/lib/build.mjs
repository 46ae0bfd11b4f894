// Builds out/ when it is missing or older than any source it is built from.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { progress } from './stats.mjs'

const SOURCES = ['electron', 'src', 'resources/sandbox', 'electron.vite.config.ts', 'package.json', 'tsconfig.base.json']
const OUTPUTS = ['out/main/web.js', 'out/main/sandbox.js', 'out/renderer/index.html']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Returns why a build is needed, or null when out/ is up to date. */
function staleReason(root) {
  const missing = OUTPUTS.find((p) => !existsSync(join(root, p)))
  if (missing) return `${missing} is missing`
  const built = Math.min(...OUTPUTS.map((p) => statSync(join(root, p)).mtimeMs))
  const source = Math.max(...SOURCES.map((p) => newestMtime(join(root, p))))
  return source > built ? 'sources are newer than out/' : null
}

export function ensureBuilt(root) {
  const reason = staleReason(root)
  if (!reason) return { built: false }
  progress(`building (${reason}) …`)
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`)
  return { built: true, reason }
}
