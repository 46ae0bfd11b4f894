import { taipeiToday } from '@shared/signup-rules'
import type { IsoDate, IsoDateTime } from '@shared/types'

// Everything is shown in the store's time (Asia/Taipei, +08:00, no daylight saving),
// whatever zone the counter PC's clock is set to. Vendor dates arrive already in +08:00;
// the app's own timestamps (outbox, cache) are UTC and are shifted here.

const TAIPEI_OFFSET_MS = 8 * 3600_000

/** `YYYY-MM-DDTHH:mm` in Taipei time. */
function taipeiWallClock(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) || iso.endsWith('+08:00')) return iso.slice(0, 16)
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso.slice(0, 16) : new Date(ms + TAIPEI_OFFSET_MS).toISOString().slice(0, 16)
}

export function formatDate(iso: IsoDate | IsoDateTime | null): string {
  return iso ? taipeiWallClock(iso).slice(0, 10).replaceAll('-', '/') : ''
}

export function formatDateTime(iso: IsoDateTime | null): string {
  return iso ? `${formatDate(iso)} ${taipeiWallClock(iso).slice(11, 16)}` : ''
}

/**
 * One formatter for every number shown. Building the first one loads ICU's number data
 * (12–29 ms in Chromium here), so warmFormatters() builds it while the app is idle after
 * start-up, not while the first member card is rendered.
 */
let numbers: Intl.NumberFormat | null = null

export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat('en-US')
  return numbers.format(n)
}

export function warmFormatters(): void {
  formatNumber(0)
}

/** Whole days from today (Taipei) to `date`. */
export function daysUntil(date: IsoDate, now = new Date()): number {
  const a = Date.parse(`${taipeiToday(now)}T00:00:00Z`)
  const b = Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
  return Math.round((b - a) / 86_400_000)
}

export function ageParts(fromIso: string, now = new Date()): { unit: 'justNow' | 'minutes' | 'hours' | 'days'; n: number } {
  const ms = Math.max(0, now.getTime() - Date.parse(fromIso))
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return { unit: 'justNow', n: 0 }
  if (minutes < 60) return { unit: 'minutes', n: minutes }
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return { unit: 'hours', n: hours }
  return { unit: 'days', n: Math.floor(hours / 24) }
}
