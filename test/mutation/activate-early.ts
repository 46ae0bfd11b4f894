// Setup for mutation runs only (test/mutation/vitest.mutation.config.ts); does nothing otherwise.
//
// A value built when a module loads (a RegExp, a Set, a table) is reached while a test file's
// imports run, before any test, so Stryker's per-test coverage calls it "static" or credits it to
// whichever test first imported the module. Its mutants then run against the wrong tests, and
// the runner switches them on in a beforeAll hook, after the imports: they "survive" whatever the
// tests check. Vitest gives each test file fresh modules, so two changes make them honest:
// - dry run: every test of a file that imports a mutated module directly covers the values that
//   module builds when it loads (not every file that loads it: log.ts is loaded by almost all);
// - mutant run: the mutant is switched on here, before the test file's imports.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, inject } from 'vitest'
import { MUTATION_GROUPS } from './groups.mjs'

type Coverage = Record<string, number>
interface StrykerScope {
  activeMutant?: unknown
  currentTestId?: string
  mutantCoverage?: { static: Coverage; perTest: Record<string, Coverage> }
}

// Stryker's own `provide`d keys: undefined outside a mutation run.
const injected = inject as unknown as (key: string) => unknown
const mode = injected('mode')
const namespace = injected('globalNamespace') as string | undefined
const scope = namespace ? (((globalThis as Record<string, unknown>)[namespace] ??= {}) as StrykerScope) : undefined

if (scope && mode === 'mutant') scope.activeMutant = injected('activeMutant')

if (scope && mode === 'dry-run') {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
  const idsByModule = mutantIdsByModule(root)
  const creditedByTestFile = new Map<string, Set<string>>()

  // Runs before Stryker's own afterEach (hooks run in reverse order), while the test id is set.
  afterEach(({ task }) => {
    const coverage = scope.mutantCoverage
    const testId = scope.currentTestId
    const testFile = task.file?.filepath
    if (!coverage || !testId || !testFile) return
    let credited = creditedByTestFile.get(testFile)
    if (!credited) {
      const imported = directImports(testFile, root)
      credited = new Set([...idsByModule].filter(([module]) => imported.has(module)).flatMap(([, ids]) => [...ids]))
      creditedByTestFile.set(testFile, credited)
    }
    const perTest = (coverage.perTest[testId] ??= {})
    for (const [id, hits] of Object.entries(coverage.static)) {
      if (credited.has(id)) perTest[id] = (perTest[id] ?? 0) + hits
    }
  })
}

/** The mutant ids in each mutated module, read from the instrumented copies in Stryker's sandbox. */
function mutantIdsByModule(root: string): Map<string, Set<string>> {
  const group = process.env.MUTATE_GROUP ?? ''
  const modules = Object.hasOwn(MUTATION_GROUPS, group) ? MUTATION_GROUPS[group as keyof typeof MUTATION_GROUPS] : []
  const byModule = new Map<string, Set<string>>()
  for (const module of modules) {
    const path = join(root, module)
    const source = readFileSync(path, 'utf8')
    const ids = new Set<string>()
    for (const [, args = ''] of source.matchAll(/stryCov_[0-9a-f]+\(([^)]*)\)/g)) {
      for (const [, id = ''] of args.matchAll(/"(\d+)"/g)) ids.add(id)
    }
    byModule.set(path, ids)
  }
  return byModule
}

/** The source files a test file imports itself (relative paths and the @shared alias). */
function directImports(testFile: string, root: string): Set<string> {
  const source = readFileSync(testFile, 'utf8')
  const specifiers = [
    ...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/\bimport\s+['"]([^'"]+)['"]/g),
  ].map(([, specifier = '']) => specifier)
  const found = new Set<string>()
  for (const specifier of specifiers) {
    const base = specifier.startsWith('.')
      ? resolve(dirname(testFile), specifier)
      : specifier.startsWith('@shared/')
        ? join(root, 'electron', 'shared', specifier.slice('@shared/'.length))
        : undefined
    if (!base) continue
    const file = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => p.endsWith('.ts') && existsSync(p))
    if (file) found.add(file)
  }
  return found
}
