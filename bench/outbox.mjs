// Storage sections: bundles a child under bench/outbox/ (it imports the app's TypeScript) and
// runs it as its own node process, like test/unit/outbox/crash.test.ts does: the outbox drain
// (drain-child.mjs) and the member cache's cost per lookup (cache-child.mjs).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

export const runOutboxDrain = (root, items, timeoutMs = 600_000) => runBundled(root, 'drain-child.mjs', [items], timeoutMs)

export const runCacheLookups = (root, cached, lookups, timeoutMs = 240_000) => runBundled(root, 'cache-child.mjs', [cached, lookups], timeoutMs)

async function runBundled(root, child, args, timeoutMs) {
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
        ssr: join(root, 'bench/outbox', child),
        outDir,
        emptyOutDir: true,
        minify: false,
        write: true,
        rolldownOptions: { output: { format: 'es', entryFileNames: child } },
      },
    })
    return await new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [join(outDir, child), ...args.map(String)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs)
      proc.stdout.on('data', (c) => (out += c))
      proc.stderr.on('data', (c) => (err += c))
      proc.on('close', (code, signal) => {
        clearTimeout(timer)
        const line = out.trim().split('\n').at(-1) ?? ''
        if (code === 0 && line.startsWith('{')) return resolve(JSON.parse(line))
        reject(new Error(`${child} failed (${signal ?? code}): ${err.slice(-2000)}`))
      })
    })
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
