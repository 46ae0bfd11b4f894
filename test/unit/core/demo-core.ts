// The real core in demo mode beside the built-in sandbox, as the hosts start them, for tests
// that go through core.dispatch. Each core, its sandbox and its folder go after the test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app-core'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { startDemoVendor } from '../../../electron/sandbox/demo'

export interface StartedCore {
  core: Core
  dir: string
  demo: { close(): Promise<void> }
}

/** `start` a core (in `dir`, a new folder by default); `started` lists those still to close: a test that closes one itself takes it off. */
export function demoCores(prefix: string) {
  const started: StartedCore[] = []
  afterEach(async () => {
    for (const { core, dir, demo } of started.splice(0)) {
      await core.close()
      await demo.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  async function start(dir = mkdtempSync(join(tmpdir(), prefix)), env: Record<string, string> = {}): Promise<StartedCore> {
    const demo = await startDemoVendor()
    const core = await createCore({ dataDir: dir, env, shell: 'browser', keyProtector: new FileKeyProtector(), version: 'test', platform: 'linux', demo: demo.vendor })
    const entry = { core, dir, demo }
    started.push(entry)
    return entry
  }
  return { started, start }
}
