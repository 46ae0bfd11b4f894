// Damaged data is moved aside, never deleted: `<name>.damaged-<timestamp>` beside the original,
// where IT can find it (README, "Where data lives"). The caller raises the notice that says so.
// Migrated files are kept the same way, as `<name>.migrated-<timestamp>`.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { basename } from 'node:path'

/** `2026-11-29T10-22-04-123Z`: sortable, and legal in Windows file names (no colons). */
export function damageStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

/** Renames `path` (file or folder) to `<path>.<label>-<timestamp>`; returns the new base name. */
export function moveAside(path: string, now: Date = new Date(), label: 'damaged' | 'migrated' = 'damaged'): string {
  const base = `${path}.${label}-${damageStamp(now)}`
  let target = base
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}`
  renameSync(path, target)
  return basename(target)
}

/** A settings file that exists but is not one JSON object (torn, zero length, flipped, foreign). */
export function isUnreadableJsonObject(path: string): boolean {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT'
  }
  try {
    const value: unknown = JSON.parse(text)
    return typeof value !== 'object' || value === null || Array.isArray(value)
  } catch {
    return true
  }
}
