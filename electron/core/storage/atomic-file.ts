// Crash-safe whole-file writes for the main process's small data files (vault key, member
// cache, outbox).
//
// The sequence is: write a temp file in the same directory → fsync it → rename it over the
// target → fsync the directory. rename() within one directory is atomic, so at any instant
// (crash, kill -9, power cut) the target is either the complete old file or the complete new
// one; the directory fsync makes the rename itself durable before we report success.
//
// Everything here is synchronous on purpose: the files are small, and a sync sequence makes
// the crash ordering obvious — nothing else in this process can run between the steps.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'

const TEMP_INFIX = '.tmp-'

/** Temp files for `target` are named `.<name>.tmp-<pid>-<random>`, hidden and easy to find. */
function tempPrefix(target: string): string {
  return `.${basename(target)}${TEMP_INFIX}`
}

function errno(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone, or not ours to remove: either way nothing to do.
  }
}

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename's metadata itself.
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } catch (e) {
    // Some filesystems (network, FUSE) do not support fsync on directories.
    if (errno(e) !== 'EINVAL' && errno(e) !== 'ENOTSUP') throw e
  } finally {
    closeSync(fd)
  }
}

/** Replaces `target` with `data` so that a crash leaves either the old or the new file whole. */
export function writeFileAtomic(target: string, data: Buffer | string, mode = 0o600): void {
  const dir = dirname(target)
  const tmp = join(dir, `${tempPrefix(target)}${process.pid}-${randomBytes(6).toString('hex')}`)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const fd = openSync(tmp, 'wx', mode)
  let closed = false
  let renamed = false
  try {
    // openSync's mode is filtered by the umask; set it exactly.
    if (process.platform !== 'win32') fchmodSync(fd, mode)
    let offset = 0
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    fsyncSync(fd)
    closeSync(fd)
    closed = true
    renameSync(tmp, target)
    renamed = true
  } finally {
    // Never close twice: the number may already belong to another file.
    if (!closed) closeSync(fd)
    if (!renamed) unlinkQuietly(tmp)
  }
  fsyncDirectory(dir)
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return errno(e) === 'EPERM' // exists, but belongs to someone else
  }
}

/**
 * Removes temp files a crashed writer left next to `target`. A temp of our own pid cannot be
 * mid-write (writes are synchronous and this app writes from one thread), and a temp of a dead
 * pid never will be finished; a live other process's temp is left alone.
 * Returns how many were removed.
 */
export function removeStaleTemps(target: string): number {
  const dir = dirname(target)
  const prefix = tempPrefix(target)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (e) {
    if (errno(e) === 'ENOENT') return 0
    throw e
  }
  let removed = 0
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number.parseInt(name.slice(prefix.length), 10)
    if (pid === process.pid || !Number.isInteger(pid) || !processAlive(pid)) {
      unlinkQuietly(join(dir, name))
      removed++
    }
  }
  return removed
}

/** The file's bytes, or null when it does not exist. Cleans up stale temp files first. */
export function readFileIfExists(path: string): Buffer | null {
  removeStaleTemps(path)
  try {
    return readFileSync(path)
  } catch (e) {
    if (errno(e) === 'ENOENT') return null
    throw e
  }
}
