// `node bench/probes/renderer-soak.mjs [lookups=3000]`: is the renderer heap growth that
// `npm run bench` reports (lookup 100 → 1000) a leak? The bench's own harness (browser mode
// against the sandbox, scanned lookups over 20 members), run longer, printing the renderer's
// JS heap after a full GC every 500 lookups. A leak keeps climbing; caches level off.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../lib/browser.mjs'
import { ensureBuilt } from '../lib/build.mjs'
import { lookupOnce, openApp, prepareMembers, rendererHeap } from '../lookup.mjs'
import { startSandboxProcess } from '../../test/support/processes.mjs'

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../..')
const lookups = Number(process.argv[2] ?? 3000)
ensureBuilt(ROOT)
const browser = await launchChromium()
const sandbox = await startSandboxProcess({ root: ROOT })
try {
  const phones = await prepareMembers(sandbox, 20)
  const session = await openApp(ROOT, browser, sandbox)
  try {
    for (let i = 1; i <= lookups; i++) {
      await lookupOnce(session, sandbox, phones[i % phones.length])
      if (i % 500 === 0) console.log(`after ${i} lookups: renderer heap ${((await rendererHeap(session)).usedSize / 1e6).toFixed(2)} MB`)
    }
  } finally {
    await session.close()
  }
} finally {
  await sandbox.stop()
  await browser.close()
}
