// Valibot building blocks for the vendor's wire shapes, tolerant where the vendor's pages
// are (or a PHP backend would be) loose: a value is read by one of values.ts' lenient
// readers; a list may come as `[]`, as `{}` when empty, or as a PHP keyed object
// `{"0": …}`; an object may come as `[]` when empty; `expire` as an object, an array, null
// or missing. What stays strict is what no reading can rescue: an object that is a string,
// a list that is a number — those fail the parse, and the client calls it a broken answer.
import * as v from 'valibot'
import { isRecord } from './values'

/**
 * An object that is an object: valibot's own object schema lets an array through, and a list
 * where an object belongs is a broken answer (after the `[]` → `{}` swap below).
 */
export function obj<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(v.custom<Record<string, unknown>>(isRecord), v.object(entries))
}

/** One wire value, read by `read`; missing and null both reach `read` as null. */
export function lenient<T>(read: (x: unknown) => T) {
  return v.optional(v.pipe(v.unknown(), v.transform(read)), null)
}

/** `[]`, `{}` (PHP's empty array), `{"0": a, "1": b}` (PHP's keyed array) → a list. */
function asList(x: unknown): unknown {
  if (x === null || x === undefined) return []
  return isRecord(x) ? Object.values(x) : x
}

/** A list that may be null, missing, `{}` or keyed; anything else that is not a list fails. */
export function list<S extends v.GenericSchema>(item: S) {
  return v.optional(v.pipe(v.unknown(), v.transform(asList), v.array(item)), null)
}

/** Like list(), but the key must be there (an answer whose whole point is the list). */
export function requiredList<S extends v.GenericSchema>(item: S) {
  return v.pipe(v.unknown(), v.transform(asList), v.array(item))
}

/** `[]` is PHP's empty object. */
const emptyListAsEmptyObject = (x: unknown): unknown => (Array.isArray(x) && x.length === 0 ? {} : x)

/** An object that must be there; `[]` reads as `{}`. */
export function record<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(v.unknown(), v.transform(emptyListAsEmptyObject), obj(entries))
}

/** An object or nothing: null, missing and `[]` read as null. */
export function maybeRecord<E extends v.ObjectEntries>(entries: E) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((x) => (Array.isArray(x) && x.length === 0 ? null : x)),
      v.nullable(obj(entries)),
    ),
    null,
  )
}

function expiryEntries(x: unknown): unknown[] {
  if (Array.isArray(x)) return x
  if (!isRecord(x)) return []
  // `{"0": {…}}` is a keyed list; `{"date": …}` is the one entry the examples send.
  return Object.values(x).some(isRecord) ? Object.values(x) : [x]
}

/**
 * Documented as a list, sent as one object in the examples, often null or missing: always a
 * list here. Entries that are not objects are dropped (a stray value is no reason to fail a card).
 */
export function oneOrMany<E extends v.ObjectEntries>(entries: E) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((x) => expiryEntries(x).filter(isRecord)),
      v.array(obj(entries)),
    ),
    null,
  )
}

/** True when a record carries nothing: every field null, '' or missing (the vendor's "not a member"). */
export function isAllEmpty(x: unknown): boolean {
  if (x === null || x === undefined) return true
  if (Array.isArray(x)) return x.length === 0
  if (!isRecord(x)) return false
  return Object.values(x).every((f) => f === null || f === undefined || f === '')
}
