// The one-time move from the old whole-file storage (`outbox.dat`, `members.cache`, each one
// sealed JSON snapshot) into the local database's records. A file that opens is copied record
// by record and then kept as `<name>.migrated-<timestamp>` (never deleted); one that does not
// is kept as `<name>.damaged-<timestamp>` and a notice says so. Crash-safe: the records are
// written (one atomic batch) before the file is renamed, and writing them again is harmless —
// same ids, same values.
import { join } from 'node:path'
import type { NoticeCode } from '../../shared/contract'
import type { MemberView } from '../../shared/types'
import { isStoredMember, type StoredMember } from '../member-cache'
import type { Notices } from '../notices'
import { entriesFromLegacyFile, isOutboxEntry, type OutboxEntry } from '../outbox-entry'
import { readFileIfExists } from './atomic-file'
import { moveAside } from './damaged'
import type { LocalStore } from './local-store'
import { SealedRecords, type RecordKind } from './sealed-records'
import type { Vault } from './vault'

const LEGACY_OUTBOX_FILE = 'outbox.dat'
const LEGACY_CACHE_FILE = 'members.cache'

export interface MigrationDeps {
  store: LocalStore
  vault: Vault
  notices: Notices
  now?: () => Date
}

/** The old cache: `{ v: 1, entries: [[hmacHex, fetchedAt, view], …] }`, keyed as the records are. */
function cacheRecordsFromLegacyFile(stored: unknown): Array<{ id: string; value: StoredMember }> | null {
  const file = stored as { v?: unknown; entries?: unknown } | null
  if (file?.v !== 1 || !Array.isArray(file.entries)) return null
  const records: Array<{ id: string; value: StoredMember }> = []
  for (const e of file.entries as unknown[]) {
    if (!Array.isArray(e) || typeof e[0] !== 'string') continue
    const value = { fetchedAt: e[1] as string, view: e[2] as MemberView }
    if (isStoredMember(value)) records.push({ id: e[0], value })
  }
  return records
}

async function migrateFile<T>(
  deps: MigrationDeps,
  name: string,
  kind: RecordKind,
  valid: (x: unknown) => x is T,
  read: (stored: unknown) => Array<{ id: string; value: T }> | null,
  damagedNotice: NoticeCode,
): Promise<void> {
  const path = join(deps.store.dataDir, name)
  const raw = readFileIfExists(path)
  if (raw === null) return
  const now = (deps.now ?? (() => new Date()))()
  let records: Array<{ id: string; value: T }> | null
  try {
    records = read(deps.vault.openJson<unknown>(raw))
  } catch {
    records = null
  }
  if (records === null) {
    deps.notices.raise('storage', damagedNotice, { file: moveAside(path, now) })
    return
  }
  const opened = await SealedRecords.open({ store: deps.store, vault: deps.vault, notices: deps.notices, kind, valid, durable: true, now: deps.now })
  await opened.records.write(records)
  moveAside(path, now, 'migrated')
}

export async function migrateLegacyFiles(deps: MigrationDeps): Promise<void> {
  await migrateFile<OutboxEntry>(
    deps,
    LEGACY_OUTBOX_FILE,
    'outbox',
    isOutboxEntry,
    (stored) => entriesFromLegacyFile(stored)?.map((e) => ({ id: e.id, value: e })) ?? null,
    'outboxFileDamaged',
  )
  await migrateFile(deps, LEGACY_CACHE_FILE, 'member', isStoredMember, cacheRecordsFromLegacyFile, 'cacheFileDamaged')
}
