// The local database: LevelDB (classic-level) in `<dataDir>/store/`, holding the member
// cache, the outbox, the audit trail and the notices as one sealed record each.
//
// Why LevelDB through classic-level (README, "Where data lives"): its N-API prebuilds load in
// Node 20 (browser mode) and in Electron's main process alike, with no rebuild between
// `npm start` and `npm run web` and none when packaging; a write batch is atomic; its lock
// is an OS file lock, released when the process dies (kill -9 leaves no stale lock).
//
// Damage: a database that will not open (other than being in use by another copy of the app)
// is moved aside whole as `store.damaged-<timestamp>` and a fresh one is started; a notice
// says so. Damaged records are handled per collection (sealed-records.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import type { Notices } from '../notices'
import { moveAside } from './damaged'

const STORE_DIR = 'store'

export type Db = ClassicLevel<string, Buffer>

/** Another process (a second copy of the app) has this data folder's database open. */
class StoreLockedError extends Error {
  constructor(dir: string, cause: unknown) {
    super(`The local database ${dir} is in use by another copy of the app.`, { cause })
    this.name = 'StoreLockedError'
  }
}

function causeCode(e: unknown): string | undefined {
  // Stryker disable next-line OptionalChaining: open() rejects with an Error (abstract-level's NotOpenError), never null
  const cause = (e as { cause?: { code?: unknown } } | null)?.cause
  // Stryker disable next-line ConditionalExpression,OptionalChaining: a failed open() always carries the cause (NotOpenError(err)), and a code that is not a string never equals 'LEVEL_LOCKED' either
  return typeof cause?.code === 'string' ? cause.code : undefined
}

async function openDb(dir: string): Promise<Db> {
  const db = new ClassicLevel<string, Buffer>(dir, {
    // Stryker disable next-line StringLiteral: an empty encoding name gives classic-level's default key encoding, utf8
    keyEncoding: 'utf8',
    valueEncoding: 'buffer',
  })
  await db.open()
  return db
}

export interface LocalStoreOptions {
  dataDir: string
  notices: Notices
  now?: () => Date
}

export class LocalStore {
  readonly db: Db
  readonly dataDir: string

  /** Removed when closed: a session-only database (see data-vault.ts). */
  private readonly throwaway: boolean

  private constructor(db: Db, dataDir: string, throwaway = false) {
    this.db = db
    this.dataDir = dataDir
    this.throwaway = throwaway
  }

  /** A database for this session only, in a temporary folder removed when it closes. */
  static async sessionOnly(): Promise<LocalStore> {
    const dir = mkdtempSync(join(tmpdir(), 'counter-companion-session-'))
    return new LocalStore(await openDb(join(dir, STORE_DIR)), dir, true)
  }

  static async open(opts: LocalStoreOptions): Promise<LocalStore> {
    const dir = join(opts.dataDir, STORE_DIR)
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
    try {
      return new LocalStore(await openDb(dir), opts.dataDir)
    } catch (e) {
      if (causeCode(e) === 'LEVEL_LOCKED') throw new StoreLockedError(dir, e)
      // Torn beyond LevelDB's own recovery, or not a database at all: keep it, start afresh.
      // Stryker disable next-line ArrowFunction: moveAside's own default for an undefined time is new Date()
      const file = moveAside(dir, (opts.now ?? (() => new Date()))())
      opts.notices.raise('storage', 'storeDamaged', { file })
      return new LocalStore(await openDb(dir), opts.dataDir)
    }
  }

  /** Writes started and not yet finished (sealed-records.ts registers each). */
  private readonly pending = new Set<Promise<unknown>>()

  /** Keeps track of a write, so count() can wait for what was asked before it. */
  track(write: Promise<unknown>): void {
    this.pending.add(write)
    const done = () => this.pending.delete(write)
    write.then(done, done)
  }

  /** How many records of a kind are in the database once the writes started so far are done (diagnostics and tests). */
  async count(kind: string): Promise<number> {
    await Promise.allSettled([...this.pending])
    return (await this.db.keys({ gt: `${kind}/`, lt: `${kind}0` }).all()).length
  }

  async close(): Promise<void> {
    await this.db.close()
    if (this.throwaway) rmSync(this.dataDir, { recursive: true, force: true })
  }
}
