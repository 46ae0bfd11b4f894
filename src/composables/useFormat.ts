import type { IsoDate, IsoDateTime } from '../../electron/shared/types'

// Dates arrive already in the store's time (+08:00), so formatting is slicing, not
// time-zone arithmetic: the counter PC's own clock zone never shifts a date.

export function formatDate(iso: IsoDate | IsoDateTime | null): string {
  return iso ? iso.slice(0, 10).replaceAll('-', '/') : ''
}

export function formatDateTime(iso: IsoDateTime | null): string {
  return iso ? `${formatDate(iso)} ${iso.slice(11, 16)}` : ''
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US')
}

/** Today's date in Taipei, `YYYY-MM-DD`. */
export function taipeiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
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
