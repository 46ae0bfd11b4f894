import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { FileKeyProtector, type KeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault, VAULT_KEY_FILE, VaultDataError, VaultKeyError } from '../../../electron/core/storage/vault'
import { tempDir } from '../cleanup'

const posix = process.platform !== 'win32'
let dir: string

beforeEach(() => {
  dir = tempDir('cc-vault-')
})

/** XOR "protection", standing in for safeStorage: reversible, but not the identity. */
class XorProtector implements KeyProtector {
  constructor(
    readonly kind = 'xor',
    private readonly mask = 0x5a,
  ) {}
  available() {
    return { ok: true } as const
  }
  protect(plain: Buffer) {
    return Buffer.from(plain.map((b) => b ^ this.mask))
  }
  unprotect(sealed: Buffer) {
    return Buffer.from(sealed.map((b) => b ^ this.mask))
  }
}

describe('Vault', () => {
  it('round-trips strings, buffers and JSON', () => {
    const vault = Vault.open(dir, new FileKeyProtector())
    expect(vault.open(vault.seal('會員 0912345678')).toString('utf8')).toBe('會員 0912345678')
    const bytes = Buffer.from([0, 1, 2, 255])
    expect(vault.open(vault.seal(bytes)).equals(bytes)).toBe(true)
    expect(vault.open(vault.seal('')).length).toBe(0)
    const value = { a: 1, b: ['x', null], c: { d: true } }
    expect(vault.openJson<typeof value>(vault.sealJson(value))).toEqual(value)
  })

  it("uses the 'CCV1' | iv | tag | ciphertext format with a fresh IV each time", () => {
    const vault = Vault.open(dir, new FileKeyProtector())
    const a = vault.seal('same text')
    const b = vault.seal('same text')
    expect(a.subarray(0, 4).toString('ascii')).toBe('CCV1')
    expect(a.length).toBe(4 + 12 + 16 + 'same text'.length)
    expect(a.subarray(4, 16).equals(b.subarray(4, 16))).toBe(false)
    expect(a.equals(b)).toBe(false)
  })

  it('throws on any tampering: header, IV, tag, ciphertext, truncation', () => {
    const vault = Vault.open(dir, new FileKeyProtector())
    const sealed = vault.seal('a sign-up with a phone number')
    for (const at of [0, 4, 20, 32, sealed.length - 1]) {
      const bad = Buffer.from(sealed)
      bad[at] = (bad[at] ?? 0) ^ 0x01
      expect(() => vault.open(bad), `byte ${at}`).toThrow(VaultDataError)
    }
    expect(() => vault.open(sealed.subarray(0, sealed.length - 1))).toThrow(VaultDataError)
    expect(() => vault.open(sealed.subarray(0, 10))).toThrow(VaultDataError)
    expect(() => vault.open(Buffer.alloc(0))).toThrow(VaultDataError)
  })

  it('throws when opening data sealed with another key', () => {
    const mine = Vault.open(join(dir, 'a'), new FileKeyProtector())
    const theirs = Vault.open(join(dir, 'b'), new FileKeyProtector())
    expect(() => theirs.open(mine.seal('secret'))).toThrow(VaultDataError)
  })

  it('keeps the key across opens, in a 0600 key file that is protected by the protector', () => {
    const sealed = Vault.open(dir, new XorProtector()).seal('kept')
    expect(Vault.open(dir, new XorProtector()).open(sealed).toString()).toBe('kept')
    expect(readdirSync(dir)).toEqual([VAULT_KEY_FILE])
    if (posix) expect(statSync(join(dir, VAULT_KEY_FILE)).mode & 0o777).toBe(0o600)
  })

  it.runIf(posix)('tightens a key file that came back world-readable', () => {
    Vault.open(dir, new FileKeyProtector())
    chmodSync(join(dir, VAULT_KEY_FILE), 0o644)
    Vault.open(dir, new FileKeyProtector())
    expect(statSync(join(dir, VAULT_KEY_FILE)).mode & 0o777).toBe(0o600)
  })

  it('throws a clear VaultKeyError when the key cannot be unprotected', () => {
    Vault.open(dir, new XorProtector())
    const failing: KeyProtector = {
      kind: 'xor',
      available: () => ({ ok: true }),
      protect: (b) => b,
      unprotect: () => {
        throw new Error('keychain locked')
      },
    }
    const err = captureError(() => Vault.open(dir, failing))
    expect(err).toBeInstanceOf(VaultKeyError)
    expect((err as VaultKeyError).problem).toBe('unreadable')
    expect((err as VaultKeyError).message).toMatch(/could not unprotect/)
  })

  it('throws when the protector yields a different key, or is of another kind', () => {
    Vault.open(dir, new XorProtector())
    expect(() => Vault.open(dir, new XorProtector('xor', 0x33))).toThrow(/wrong key/)
    expect(() => Vault.open(dir, new FileKeyProtector())).toThrow(/protected by "xor"/)
  })

  it('throws when the key file is damaged', () => {
    Vault.open(dir, new FileKeyProtector())
    writeFileSync(join(dir, VAULT_KEY_FILE), '{"v":1,"kind":"file"')
    expect(() => Vault.open(dir, new FileKeyProtector())).toThrow(VaultKeyError)
  })

  it('refuses to start with an unavailable protector', () => {
    const off: KeyProtector = {
      kind: 'off',
      available: () => ({ ok: false, reason: 'no keyring' }),
      protect: (b) => b,
      unprotect: (b) => b,
    }
    const err = captureError(() => Vault.open(dir, off))
    expect((err as VaultKeyError).problem).toBe('protector-unavailable')
    expect((err as VaultKeyError).message).toMatch(/no keyring/)
  })

  it('readJson/writeJson go through encrypted atomic files', () => {
    const vault = Vault.open(dir, new FileKeyProtector())
    const file = join(dir, 'thing.dat')
    expect(vault.readJson(file)).toBeNull()
    vault.writeJson(file, { phone: '0912345678' })
    expect(vault.readJson<{ phone: string }>(file)).toEqual({ phone: '0912345678' })
    expect(readFileSync(file).includes('0912345678')).toBe(false)
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('derives stable, purpose-specific keys', () => {
    const vault = Vault.open(dir, new FileKeyProtector())
    const a = vault.deriveKey('one')
    expect(a.length).toBe(32)
    expect(vault.deriveKey('one').equals(a)).toBe(true)
    expect(vault.deriveKey('two').equals(a)).toBe(false)
    expect(Vault.open(dir, new FileKeyProtector()).deriveKey('one').equals(a)).toBe(true)
  })
})

function captureError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}
