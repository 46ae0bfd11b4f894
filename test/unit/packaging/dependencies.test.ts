import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// electron-builder packs `dependencies` (and what they need) beside out/; the renderer and the
// sandboxed preload are bundled whole, so they need none. `dependencies` is therefore exactly
// what the main-process side imports at run time: nothing more (a packaged app carrying the
// renderer's libraries twice), nothing less (a packaged app that fails on its first import).

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

/** Folders bundled by electron-vite's main build with `dependencies` left external. */
const MAIN_SIDE = ['electron/core', 'electron/main', 'electron/web', 'electron/launch', 'electron/shared', 'electron/sandbox']

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

/** Bare package names a file imports at run time (type-only imports are erased). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const names: string[] = []
  for (const m of text.matchAll(/^\s*import\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    const spec = m[1] ?? m[2]
    if (!spec || spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue
    names.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
  }
  return names
}

const mainImports = new Set(MAIN_SIDE.flatMap(sources).flatMap(importedPackages))
// electron is provided by the runtime itself; electron-builder requires it as a dev dependency.
mainImports.delete('electron')

describe('production dependencies', () => {
  it('are exactly the packages the main-process side imports', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...mainImports].sort())
  })

  it('leave the renderer-only libraries to the build', () => {
    for (const name of ['vue', 'pinia', 'vue-i18n', 'jsbarcode']) {
      expect(pkg.dependencies[name], name).toBeUndefined()
      expect(pkg.devDependencies[name], name).toBeDefined()
    }
  })
})
