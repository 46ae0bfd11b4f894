import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// Where the Electron binary is — found, never downloaded here (download.ts does that, and
// only when asked). The smoke test (test/electron) finds it the same way.

export type BinaryLookup =
  | { found: true; exe: string }
  /** `override`: ELECTRON_OVERRIDE_DIST_PATH names a folder without Electron in it; `missing`: not downloaded yet; `no-package`: electron is not installed. */
  | { found: false; why: 'override' | 'missing' | 'no-package'; pkgDir: string | null }

const requireHere = createRequire(import.meta.url)

function electronPackageDir(): string | null {
  try {
    return dirname(requireHere.resolve('electron/package.json'))
  } catch {
    return null
  }
}

const exeName = (platform: NodeJS.Platform) => (platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron')

export function findElectron(env: Record<string, string | undefined>, pkgDir = electronPackageDir(), platform = process.platform): BinaryLookup {
  // Electron's own override (a pre-installed runtime): used as is, never downloaded over.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, exeName(platform))
    return existsSync(exe) ? { found: true, exe } : { found: false, why: 'override', pkgDir }
  }
  if (!pkgDir) return { found: false, why: 'no-package', pkgDir }
  // The electron package's install.js writes path.txt once dist/ holds the binary.
  const pathFile = join(pkgDir, 'path.txt')
  if (existsSync(pathFile)) {
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    if (existsSync(exe)) return { found: true, exe }
  }
  return { found: false, why: 'missing', pkgDir }
}

export function electronVersion(pkgDir: string): string {
  return (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version
}
