import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { readFileIfExists, removeStaleTemps, writeFileAtomic } from '../../../electron/core/storage/atomic-file'
import { tempDir } from '../cleanup'

const posix = process.platform !== 'win32'
let dir: string

beforeEach(() => {
  dir = tempDir('cc-atomic-')
})

/** A pid that surely belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''])
  return r.pid ?? 999_999
}

describe('writeFileAtomic', () => {
  it('writes, then replaces, leaving no temp files behind', () => {
    const file = join(dir, 'data.bin')
    writeFileAtomic(file, 'first')
    expect(readFileSync(file, 'utf8')).toBe('first')
    writeFileAtomic(file, Buffer.from([1, 2, 3]))
    expect([...readFileSync(file)]).toEqual([1, 2, 3])
    expect(readdirSync(dir)).toEqual(['data.bin'])
  })

  it('writes empty and large data whole', () => {
    const file = join(dir, 'big.bin')
    const big = Buffer.alloc(3 * 1024 * 1024, 7)
    writeFileAtomic(file, big)
    expect(readFileSync(file).equals(big)).toBe(true)
    writeFileAtomic(file, '')
    expect(readFileSync(file).length).toBe(0)
  })

  it.runIf(posix)('creates the file with mode 0600 by default, or the mode asked for', () => {
    const file = join(dir, 'secret')
    writeFileAtomic(file, 'x')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    writeFileAtomic(join(dir, 'shared'), 'x', 0o644)
    expect(statSync(join(dir, 'shared')).mode & 0o777).toBe(0o644)
  })

  it('keeps the old file and removes its temp file when the rename fails', () => {
    const target = join(dir, 'target')
    mkdirSync(target)
    writeFileSync(join(target, 'inside'), 'keep') // renaming a file over a non-empty dir fails
    expect(() => writeFileAtomic(target, 'new')).toThrow()
    expect(readdirSync(dir)).toEqual(['target'])
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('keep')
  })

  it('fails cleanly when the directory does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'f'), 'x')).toThrow(/ENOENT/)
  })
})

describe('readFileIfExists', () => {
  it('returns null for a missing file and the bytes otherwise', () => {
    const file = join(dir, 'f')
    expect(readFileIfExists(file)).toBeNull()
    expect(readFileIfExists(join(dir, 'no-such-dir', 'f'))).toBeNull()
    writeFileAtomic(file, 'hello')
    expect(readFileIfExists(file)?.toString()).toBe('hello')
  })

  it('removes temp files left by a dead writer or by this process, and leaves a live writer alone', () => {
    const file = join(dir, 'outbox.dat')
    writeFileAtomic(file, 'whole')
    const dead = `.outbox.dat.tmp-${deadPid()}-aaaa`
    const ours = `.outbox.dat.tmp-${process.pid}-bbbb`
    const live = `.outbox.dat.tmp-${process.ppid}-cccc`
    const unrelated = `.other.tmp-${deadPid()}-dddd`
    for (const name of [dead, ours, live, unrelated]) writeFileSync(join(dir, name), 'half')

    expect(readFileIfExists(file)?.toString()).toBe('whole')
    expect(readdirSync(dir).sort()).toEqual([live, unrelated, 'outbox.dat'].sort())
    expect(removeStaleTemps(file)).toBe(0)
  })
})
