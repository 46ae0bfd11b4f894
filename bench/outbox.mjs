// Outbox section: bundles bench/outbox/drain-child.mjs (it imports the app's TypeScript) and
// runs it as its own node process, like test/unit/outbox/crash.test.ts does.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

export async function runOutboxDrain(root, items, timeoutMs = 240_000) {
  // Inside the project, so the bundle's external imports (pino, axios…) resolve from node_modules.
  const cache = join(root, 'node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const outDir = mkdtempSync(join(cache, 'cc-bench-outbox-'))
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      root,
      build: {
        ssr: join(root, 'bench/outbox/drain-child.mjs'),
        outDir,
        emptyOutDir: true,
        minify: false,
        write: true,
        rolldownOptions: { output: { format: 'es', entryFileNames: 'drain-child.mjs' } },
      },
    })
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(outDir, 'drain-child.mjs'), String(items)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.stdout.on('data', (c) => (out += c))
      child.stderr.on('data', (c) => (err += c))
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        const line = out.trim().split('\n').at(-1) ?? ''
        if (code === 0 && line.startsWith('{')) return resolve(JSON.parse(line))
        reject(new Error(`outbox drain child failed (${signal ?? code}): ${err.slice(-2000)}`))
      })
    })
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
