import { createDecipheriv, createHmac } from 'node:crypto'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault, VAULT_KEY_FILE, VaultDataError, VaultKeyError } from '../../../electron/core/storage/vault'
import { tempDir } from '../cleanup'

// What is on disk must keep opening, and must be what the README says it is: AES-256-GCM with a
// fresh IV per seal and the associated data bound in; a key file that is not exactly ours is
// refused with a VaultKeyError (which data-vault.ts turns into "kept aside, new key"), never
// with some other error that would stop the app from starting.

const posix = process.platform !== 'win32'
let dir: string
beforeEach(() => {
  dir = tempDir('cc-vault-format-')
})

// Written once by this release (key = bytes 0..31, browser mode's file protector): a later
// release must open them as they are, or every counter's data would look damaged after an update.
const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i))
const KEY_FILE = '{"v":1,"kind":"file","key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","check":"9dcec8510bd73684e77086abd86cd114"}'
const SEALED_RECORD = 'Q0NWMVWs+w1Rm2qOmgqKNg84P3VoBpFCTJPZ5p/yEcZSkGEX6WIoxoie8CptTS2tqQ=='
const RECORD_AAD = 'record|member|0912345678'
const DIGEST_KEY = '94375193938a221a29574b4493b076e0ad67f74d864bc33a5b50acd8a0cdd704'

function withKeyFile(content: string): Vault {
  writeFileSync(join(dir, VAULT_KEY_FILE), content)
  return Vault.open(dir, new FileKeyProtector())
}

function keyError(content: string): VaultKeyError {
  writeFileSync(join(dir, VAULT_KEY_FILE), content)
  try {
    Vault.open(dir, new FileKeyProtector())
  } catch (e) {
    expect(e, content).toBeInstanceOf(VaultKeyError)
    return e as VaultKeyError
  }
  throw new Error(`the key file ${content} was accepted`)
}

/** AES-256-GCM by the book, with node's own decipher: what any tool given the key could do. */
function openByHand(sealed: Buffer, aad?: string): string {
  const decipher = createDecipheriv('aes-256-gcm', KEY, sealed.subarray(4, 16))
  decipher.setAuthTag(sealed.subarray(16, 32))
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'))
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8')
}

describe('what an earlier run wrote', () => {
  it('its key file and a record it sealed still open, and the record index key derived from it is the same', () => {
    const vault = withKeyFile(KEY_FILE)
    expect(vault.open(Buffer.from(SEALED_RECORD, 'base64'), RECORD_AAD).toString('utf8')).toBe('會員 0912345678')
    expect(vault.deriveKey('records/digest').toString('hex')).toBe(DIGEST_KEY)
  })
})

describe('the sealed format', () => {
  it('is AES-256-GCM: IV after the magic, then the tag, the associated data as UTF-8', () => {
    const vault = withKeyFile(KEY_FILE)
    const sealed = vault.seal('王小明 0912345678', 'record|outbox|item-1')
    expect(sealed.subarray(0, 4).toString('ascii')).toBe('CCV1')
    expect(openByHand(sealed, 'record|outbox|item-1')).toBe('王小明 0912345678')
    expect(Vault.ivOf(sealed).equals(sealed.subarray(4, 16))).toBe(true)
    expect(openByHand(vault.sealJson({ phone: '0912345678' }))).toBe('{"phone":"0912345678"}')
  })

  it('never reuses an IV, not even for the same text, key and associated data', () => {
    const vault = withKeyFile(KEY_FILE)
    const ivs = new Set(Array.from({ length: 500 }, () => Vault.ivOf(vault.seal('0912345678', 'record|member|a')).toString('hex')))
    expect(ivs.size).toBe(500)
    expect([...ivs].every((iv) => iv.length === 24)).toBe(true)
  })

  it('opens only with the associated data it was sealed with', () => {
    const vault = withKeyFile(KEY_FILE)
    const bound = vault.seal('secret', 'record|outbox|item-1')
    expect(vault.open(bound, 'record|outbox|item-1').toString()).toBe('secret')
    for (const other of [undefined, '', 'record|outbox|item-2', 'record|member|item-1']) {
      expect(() => vault.open(bound, other), String(other)).toThrow(VaultDataError)
    }
    const unbound = vault.seal('secret')
    expect(() => vault.open(unbound, 'record|outbox|item-1')).toThrow(VaultDataError)
    expect(() => vault.openJson(vault.sealJson({ a: 1 }, 'x'), 'y')).toThrow(VaultDataError)
    expect(vault.openJson(vault.sealJson({ a: 1 }, 'x'), 'x')).toEqual({ a: 1 })
  })

  it('refuses tampering with a VaultDataError that says which kind of problem it is', () => {
    const vault = withKeyFile(KEY_FILE)
    const sealed = vault.seal('a sign-up')
    const foreign = Buffer.from('XXXX'.padEnd(40, '.'))
    const header = captured(() => vault.open(foreign))
    expect(header).toMatchObject({ name: 'VaultDataError', message: expect.stringMatching(/bad header/) })
    const flipped = Buffer.from(sealed)
    flipped[sealed.length - 1] = (flipped[sealed.length - 1] ?? 0) ^ 1
    const auth = captured(() => vault.open(flipped))
    expect(auth).toMatchObject({ name: 'VaultDataError', message: expect.stringMatching(/failed authentication/) })
    // The crypto library's own error stays attached, for the log.
    expect((auth as Error).cause).toBeInstanceOf(Error)
    // Exactly a header with nothing after it is an empty text, not a bad header.
    expect(vault.open(vault.seal('')).length).toBe(0)
    expect(captured(() => vault.open(vault.seal('').subarray(0, 31)))).toMatchObject({ message: expect.stringMatching(/bad header/) })
  })
})

describe('a key file that is not exactly ours is refused as unreadable', () => {
  const valid = JSON.parse(KEY_FILE) as Record<string, unknown>
  const variant = (over: Record<string, unknown>) => JSON.stringify({ ...valid, ...over })

  const notOurs = /cannot be used: the file is not valid\.$/
  const wrongKey = /cannot be used: it unprotected to the wrong key/
  for (const [how, content, message] of [
    ['null', 'null', notOurs],
    ['a number', '42', notOurs],
    ['a string', '"vault"', notOurs],
    ['an array', '[1,"file","AAEC","9dce"]', notOurs],
    ['another format version', variant({ v: 2 }), notOurs],
    ['no version', variant({ v: undefined }), notOurs],
    ['no kind', variant({ kind: undefined }), notOurs],
    ['a kind that is not a string', variant({ kind: 7 }), notOurs],
    ['no key', variant({ key: undefined }), notOurs],
    ['a key that is not a string', variant({ key: 12345 }), notOurs],
    ['a check that is not a string', variant({ check: 12345 }), notOurs],
    ['a check of another length', variant({ check: '9dcec851' }), wrongKey],
    ['a check of the right length for another key', variant({ check: 'f'.repeat(32) }), wrongKey],
  ] as const) {
    it(`${how}`, () => {
      const err = keyError(content)
      expect(err.problem).toBe('unreadable')
      expect(err.name).toBe('VaultKeyError')
      expect(err.message).toContain(join(dir, VAULT_KEY_FILE))
      expect(err.message).toMatch(message)
    })
  }

  it('a 16-byte key, even with its own correct check', () => {
    const short = KEY.subarray(0, 16)
    const check = createHmac('sha256', short).update('counter-companion/vault-key-check').digest('hex').slice(0, 32)
    const err = keyError(variant({ key: short.toString('base64'), check }))
    expect(err.message).toMatch(/wrong key/)
  })

  it('not JSON: says so, with the parser error attached', () => {
    const err = keyError('{"v":1,')
    expect(err.message).toMatch(/not valid/)
    expect(err.cause).toBeInstanceOf(SyntaxError)
  })

  it('a protector that fails: its error is attached', () => {
    writeFileSync(join(dir, VAULT_KEY_FILE), KEY_FILE)
    const boom = new Error('keychain locked')
    const failing = { ...new FileKeyProtector(), kind: 'file', available: () => ({ ok: true }) as const, protect: (b: Buffer) => b, unprotect: () => { throw boom } }
    expect(captured(() => Vault.open(dir, failing))).toMatchObject({ problem: 'unreadable', cause: boom })
  })
})

describe('the key folder', () => {
  it('is created, with its parents, owner-only, holding only the key file', () => {
    const nested = join(dir, 'data', 'keys', 'file')
    const vault = Vault.open(nested, new FileKeyProtector())
    expect(vault.open(vault.seal('x')).toString()).toBe('x')
    expect(readdirSync(nested)).toEqual([VAULT_KEY_FILE])
    if (posix) expect(statSync(nested).mode & 0o777).toBe(0o700)
  })

  it('a session-only key opens what it sealed and nothing sealed by another', () => {
    const a = Vault.sessionOnly()
    const b = Vault.sessionOnly()
    expect(a.open(a.seal('x', 'y'), 'y').toString()).toBe('x')
    expect(() => b.open(a.seal('x'))).toThrow(VaultDataError)
    expect(a.deriveKey('records/digest')).toHaveLength(32)
  })
})

function captured(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}
