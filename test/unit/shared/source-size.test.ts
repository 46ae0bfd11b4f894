import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 15.4: no source file over 400 lines, so that each reads as one responsibility. The
// app's code (electron/, src/), its build and launch scripts (resources/), the benchmarks
// (bench/) and the configuration files at the top. Tests are left out: a table of cases is
// long by nature and says one thing.
const ROOT = join(import.meta.dirname, '../../..')
const MAX_LINES = 400
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|vue|css|html)$/
const DIRS = ['electron', 'src', 'resources', 'bench']

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path)
    return SOURCE.test(entry.name) ? [path] : []
  })
}

const files = [
  ...DIRS.flatMap(sources),
  ...readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isFile() && SOURCE.test(e.name)).map((e) => e.name),
]

function lineCount(path: string): number {
  const text = readFileSync(join(ROOT, path), 'utf8')
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

describe('source files stay small', () => {
  it('finds the sources it measures', () => {
    expect(files).toEqual(expect.arrayContaining(['electron/core/outbox.ts', 'src/App.vue', 'bench/run.mjs', 'eslint.config.js']))
  })

  it(`no source file is over ${MAX_LINES} lines`, () => {
    const over = files.map((f) => ({ file: f, lines: lineCount(f) })).filter((f) => f.lines > MAX_LINES)
    expect(over).toEqual([])
  })
})
