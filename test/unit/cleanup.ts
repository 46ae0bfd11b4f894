// What a unit test opened, closed after it: registered with onCleanup, run after each test,
// last registered first (a service closes before the folder it wrote to is removed).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const cleanups: Array<() => Promise<void> | void> = []
export const onCleanup = (fn: () => Promise<void> | void) => cleanups.push(fn)

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

/** A fresh folder under the system's temp folder, removed after the test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
