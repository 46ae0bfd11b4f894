// Lenient coercion of single vendor values (numbers, flags, dates, lists, text) into the
// app's shapes. Every function here accepts `unknown`, never throws, and never returns NaN:
// a value it cannot read becomes the "absent" value of its result type (null, 0, '', []).
// Shared by the client (electron/core/vendor) and the sandbox, which must not import core:
// tolerant.ts and endpoints.ts build the declared wire shapes from these.
import type { IsoDate, IsoDateTime, Sex } from '../../shared/types'

// ---------------------------------------------------------------------------------------
// Objects

export type WireRecord = Record<string, unknown>

export function isRecord(v: unknown): v is WireRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Own property only: a payload key such as `constructor` or `__proto__` never reaches the prototype. */
export function field(o: WireRecord, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined
}

// ---------------------------------------------------------------------------------------
// Text

/** Trimmed string; a finite number becomes its decimal text; anything else ''. */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return ''
}

/** Like toText, but '' becomes null. */
export function toOptText(v: unknown): string | null {
  return toText(v) || null
}

/**
 * An image URL, kept as a string (the renderer shows a placeholder when it cannot load,
 * e.g. offline). Only absolute http(s) URLs are kept: anything else cannot be an image the
 * vendor meant and must not end up in a `src`.
 */
export function toImageUrl(v: unknown): string | null {
  const s = toText(v)
  return /^https?:\/\/\S+$/i.test(s) ? s : null
}

// ---------------------------------------------------------------------------------------
// Numbers and flags

// Plain decimal only: "16088", "-3", "12.5". No thousands separators, exponents, hex.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/

/** A number sent as a number or as decimal text; null for '', null, garbage, NaN, ±Infinity. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v !== 'string') return null
  const s = v.trim()
  if (!DECIMAL.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** For counts and amounts the app types as `number`: unreadable means 0. */
export function toCount(v: unknown): number {
  return toNumber(v) ?? 0
}

/**
 * The vendor's flags: "1"/"0" strings, 1/0 numbers, real booleans. Absent (undefined, null,
 * '') gives `absent`; any other value counts as false.
 */
export function toFlag(v: unknown, absent = false): boolean {
  if (v === undefined || v === null || v === '') return absent
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v === 1
  if (typeof v === 'string') return ['1', 'true', 'y', 'yes'].includes(v.trim().toLowerCase())
  return false
}

// ---------------------------------------------------------------------------------------
// Sex: Ocard "1"/"2"/"0", sign-up "male"/"female", sign-up answer "Female"/"unknown".

export function toSex(v: unknown): Sex {
  const s = toText(v).toLowerCase()
  if (s === '1' || s === 'male' || s === 'm') return 'male'
  if (s === '2' || s === 'female' || s === 'f') return 'female'
  return 'unknown'
}

// ---------------------------------------------------------------------------------------
// Lists

/** `",9920,"` → `["9920"]`; an array of strings/numbers is accepted too; anything else []. */
export function toIdList(v: unknown): string[] {
  const parts = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.map(toText) : []
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

// ---------------------------------------------------------------------------------------
// Dates and times
//
// The vendor sends `1911-01-01`, `2026/12/31`, `2020-01-01T00:00:00`, `2025-12-15 14:27:43`.
// Without a zone a time is store-local (Asia/Taipei, UTC+8 all year: Taiwan has had no
// daylight saving since 1979). A zone (`Z`, `+00:00`, `+0000`) is honoured and the instant
// converted to +08:00. The app's output is always `YYYY-MM-DDTHH:mm:ss+08:00` / `YYYY-MM-DD`.

const TAIPEI_OFFSET_MIN = 8 * 60

const WIRE_DATE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i

interface WireInstant {
  /** Milliseconds since the epoch. */
  ms: number
  /** Whether the text had a time of day (else only a date). */
  hasTime: boolean
}

/** Epoch ms of a UTC wall-clock time, or null when it is not a real calendar time. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d) // not Date.UTC: that maps years 0–99 to 1900–1999
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null // 2023-02-30
  t.setUTCHours(h, mi, s, 0)
  return t.getTime()
}

function zoneOffsetMin(zone: string | undefined): number | null {
  if (zone === undefined) return TAIPEI_OFFSET_MIN
  if (zone.toUpperCase() === 'Z') return 0
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (!m) return null
  const hours = Number(m[2])
  const minutes = Number(m[3])
  if (hours > 14 || minutes > 59) return null
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

function parseWireInstant(v: unknown): WireInstant | null {
  if (typeof v !== 'string') return null
  const m = WIRE_DATE_TIME.exec(v.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, zone] = m
  const offset = zoneOffsetMin(zone)
  const wall = utcMs(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0))
  if (offset === null || wall === null) return null
  return { ms: wall - offset * 60_000, hasTime: h !== undefined }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The Taipei wall-clock parts of an instant, as `YYYY-MM-DD` and `HH:mm:ss`. */
function taipeiParts(ms: number): { date: string; time: string } | null {
  const t = new Date(ms + TAIPEI_OFFSET_MIN * 60_000)
  const y = t.getUTCFullYear()
  if (!Number.isFinite(ms) || y < 0 || y > 9999) return null
  return {
    date: `${pad(y, 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`,
    time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
  }
}

/** An instant as the app's timestamp, `2025-12-15T14:27:43+08:00`. */
export function toTaipeiIso(when: Date): IsoDateTime {
  const parts = taipeiParts(when.getTime())
  if (!parts) throw new RangeError(`not a representable time: ${String(when)}`)
  return `${parts.date}T${parts.time}+08:00`
}

/**
 * A vendor timestamp → `YYYY-MM-DDTHH:mm:ss+08:00`, or null when unreadable. A bare date
 * means the start of that day, or its last second with `dateOnly: 'end'` (for "valid until").
 */
export function toDateTime(v: unknown, dateOnly: 'start' | 'end' = 'start'): IsoDateTime | null {
  const instant = parseWireInstant(v)
  if (!instant) return null
  const ms = instant.hasTime || dateOnly === 'start' ? instant.ms : instant.ms + 86_399_000
  const parts = taipeiParts(ms)
  return parts && `${parts.date}T${parts.time}+08:00`
}

/**
 * A vendor date → `YYYY-MM-DD`, or null. A date-time gives its date in Taipei, so a
 * birthday sent as `2020-01-01T00:00:00` is 2020-01-01. `1911-01-01` (the vendor's example
 * birthday; possibly a placeholder) is kept as the date it says: the app invents no meaning.
 */
export function toDate(v: unknown): IsoDate | null {
  const instant = parseWireInstant(v)
  return instant && (taipeiParts(instant.ms)?.date ?? null)
}

/** Epoch ms of an app timestamp produced above (always parseable: it carries its offset). */
export function epochMs(t: IsoDateTime): number {
  return Date.parse(t)
}

// ---------------------------------------------------------------------------------------
// JSON inside a string

/**
 * A coupon's `properties`: a JSON object inside a string (or, tolerated, already an object).
 * Bad JSON, or JSON that is not an object, gives null: extra properties are never worth
 * failing a member lookup for.
 */
export function toJsonObject(v: unknown): WireRecord | null {
  if (isRecord(v)) return v
  if (typeof v !== 'string' || v.trim() === '') return null
  try {
    const parsed: unknown = JSON.parse(v)
    return isRecord(parsed) ? parsed : null
  } catch {
    return null
  }
}
