// The dialect fixtures (test/fixtures/vendor/dialects/<dialect>/<payload>.json, issue 13.3),
// read by both the client's tests (normalise each) and the sandbox's (answer in each shape).

import { readdirSync, readFileSync } from 'node:fs'
import type { Dialect } from '../../../electron/sandbox/dialects'

const ROOT = new URL('../../fixtures/vendor/', import.meta.url)

export interface DialectFixture {
  dialect: Dialect
  /** `login`, `login-not-member`, `member`, `token`, `signup-duplicate`. */
  payload: string
  body: unknown
}

export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as unknown
}

export function dialectFixtures(): DialectFixture[] {
  const dir = new URL('dialects/', ROOT)
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, dir))
        .filter((f) => f.endsWith('.json'))
        .map((f) => ({
          dialect: d.name as Dialect,
          payload: f.slice(0, -'.json'.length),
          body: readFixture(`dialects/${d.name}/${f}`),
        })),
    )
}

/**
 * A payload's shape: each value's kind at each path (`point_card.expire[].date: string`).
 * A list's entries are merged, so lists of different lengths compare by what an entry looks like.
 */
function shapeOf(x: unknown, path = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(x)) {
    into.add(`${path}: array${x.length === 0 ? ' (empty)' : ''}`)
    for (const e of x) shapeOf(e, `${path}[]`, into)
  } else if (x !== null && typeof x === 'object') {
    into.add(`${path}: object${Object.keys(x).length === 0 ? ' (empty)' : ''}`)
    for (const [k, v] of Object.entries(x)) shapeOf(v, path ? `${path}.${k}` : k, into)
  } else {
    into.add(`${path}: ${x === null ? 'null' : typeof x}`)
  }
  return into
}

/** Sorted, so a failing comparison shows the paths that differ side by side. */
export const shape = (x: unknown): string[] => [...shapeOf(x)].sort()
