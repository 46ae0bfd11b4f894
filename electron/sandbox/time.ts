// The vendor speaks store-local time (Asia/Taipei, UTC+8, no daylight saving) without a
// zone marker. These helpers format a Date in that zone, in the vendor's several shapes.

const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

interface TaipeiParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function taipeiParts(at: Date): TaipeiParts {
  const shifted = new Date(at.getTime() + TAIPEI_OFFSET_MS)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  }
}

/** `2026-12-31` (Ocard `birth`). */
export function formatDashDate(at: Date): string {
  const p = taipeiParts(at)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

/** `2026/12/31` (point expiry dates). */
export function formatSlashDate(at: Date): string {
  return formatDashDate(at).replaceAll('-', '/')
}

/** `2025-12-15 14:27:43` (coupon times, member since, sign-up `apply_date`). */
export function formatDateTime(at: Date): string {
  const p = taipeiParts(at)
  return `${formatDashDate(at)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
}

/** The same Taipei wall-clock time `days` calendar days later (or earlier when negative). */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS)
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDashDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}
