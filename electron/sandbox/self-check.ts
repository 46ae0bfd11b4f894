// The sandbox checks its own answers against the same declared wire shapes the client reads
// them with (electron/shared/vendor-wire/endpoints.ts): if the fake vendor ever sends what
// the client could not read, the sandbox says so (stats.shapeProblems, stderr) instead of
// quietly teaching the client's tests a shape no schema declares.

import * as v from 'valibot'
import { ANSWER_SCHEMAS, ErrorWire } from '../shared/vendor-wire/endpoints'

const REFUSAL_KEYS = new Set(['message', 'field', 'fields'])

/** A problem in words (route and path, never a value), or null when the answer meets its shape. */
export function shapeProblem(route: string, status: number, body: unknown): string | null {
  const schema = ANSWER_SCHEMAS[route]
  if (status !== 200 || !schema) return null
  // A refusal sent as 200 (the errors-200 dialect) has the error shape instead.
  const isRefusal = body !== null && typeof body === 'object' && Object.keys(body).every((k) => REFUSAL_KEYS.has(k))
  const result = v.safeParse(isRefusal ? ErrorWire : schema, body)
  if (result.success) return null
  const issue = result.issues[0]
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.') || '(root)'
  return `${route}: ${path}: ${issue.kind === 'schema' ? `expected ${issue.expected}` : issue.message}`
}
