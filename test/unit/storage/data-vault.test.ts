import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Notices } from '../../../electron/core/notices'
import { openDataVault } from '../../../electron/core/storage/data-vault'
import { FileKeyProtector, type KeyProtector } from '../../../electron/core/storage/key-protector'
import { VAULT_KEY_FILE, VaultKeyError } from '../../../electron/core/storage/vault'
import { tempDir } from '../cleanup'

// Which key a data folder's data is sealed with, chosen once and kept to; a damaged key file is
// kept aside (and the notice says where it is), anything else that stops the key is not
// mistaken for damage.

/** A stand-in for the OS keyring: a reversible mask, up or down as the test says. */
class TestKeyring implements KeyProtector {
  readonly kind = 'test-keyring'
  /** How many more times available() says yes (Infinity: always). */
  upFor = Number.POSITIVE_INFINITY
  available() {
    return this.upFor-- > 0 ? ({ ok: true } as const) : ({ ok: false, reason: 'locked' } as const)
  }
  protect(plain: Buffer) {
    return Buffer.from(plain.map((b) => b ^ 0x5a))
  }
  unprotect(sealed: Buffer) {
    return Buffer.from(sealed.map((b) => b ^ 0x5a))
  }
}

const keyFile = (dir: string, kind: string) => join(dir, 'keys', kind, VAULT_KEY_FILE)

describe('openDataVault', () => {
  it('keeps the key under keys/<kind>/ and opens the same key next time, with no notice', () => {
    const dir = tempDir('cc-data-vault-')
    const notices = new Notices()
    const first = openDataVault(dir, new TestKeyring(), notices)
    expect(first.sessionOnly).toBe(false)
    expect(existsSync(keyFile(dir, 'test-keyring'))).toBe(true)
    const sealed = first.vault.seal('0912345678', 'record|member|a')
    expect(openDataVault(dir, new TestKeyring(), notices).vault.open(sealed, 'record|member|a').toString()).toBe('0912345678')
    expect(notices.list()).toEqual([])
    expect(readdirSync(join(dir, 'keys'))).toEqual(['test-keyring'])
  })

  it('a damaged key file is kept aside where the notice says, and a new key made', () => {
    const dir = tempDir('cc-data-vault-')
    openDataVault(dir, new FileKeyProtector(), new Notices())
    writeFileSync(keyFile(dir, 'file'), '{"v":1,')
    const notices = new Notices()
    const { vault, sessionOnly } = openDataVault(dir, new FileKeyProtector(), notices)
    expect(sessionOnly).toBe(false)
    const [notice] = notices.list()
    expect(notice).toMatchObject({ kind: 'storage', code: 'vaultKeyDamaged' })
    const file = String(notice?.params.file)
    expect(file).toMatch(/^keys\/file\/vault\.key\.damaged-/)
    // The notice's path, read from the data folder, is the damaged key, byte for byte.
    expect(readFileSync(join(dir, file), 'utf8')).toBe('{"v":1,')
    expect(vault.open(vault.seal('new')).toString()).toBe('new')
    expect(openDataVault(dir, new FileKeyProtector(), notices).vault.open(vault.seal('same key')).toString()).toBe('same key')
  })

  it('a keyring that answers once and then is gone is not taken for a damaged key: the error stops the start, the key file stays', () => {
    const dir = tempDir('cc-data-vault-')
    openDataVault(dir, new TestKeyring(), new Notices())
    const before = readFileSync(keyFile(dir, 'test-keyring'))
    const flaky = new TestKeyring()
    flaky.upFor = 1
    const notices = new Notices()
    let error: unknown
    try {
      openDataVault(dir, flaky, notices)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(VaultKeyError)
    expect((error as VaultKeyError).problem).toBe('protector-unavailable')
    expect(readdirSync(join(dir, 'keys', 'test-keyring'))).toEqual([VAULT_KEY_FILE])
    expect(readFileSync(keyFile(dir, 'test-keyring')).equals(before)).toBe(true)
    expect(notices.list()).toEqual([])
  })

  it('a keyring that cannot protect a new key stops the start with its own error, and nothing is kept aside', () => {
    const dir = tempDir('cc-data-vault-')
    const broken = new TestKeyring()
    broken.protect = () => {
      throw new Error('keyring refused the new key')
    }
    const notices = new Notices()
    expect(() => openDataVault(dir, broken, notices)).toThrow('keyring refused the new key')
    expect(notices.list()).toEqual([])
    expect(readdirSync(join(dir, 'keys', 'test-keyring'))).toEqual([])
  })

  it('where the keyring has never been, the key file is used, and kept to', () => {
    const dir = tempDir('cc-data-vault-')
    const down = new TestKeyring()
    down.upFor = 0
    const notices = new Notices()
    const { vault, sessionOnly } = openDataVault(dir, down, notices)
    expect(sessionOnly).toBe(false)
    expect(readdirSync(join(dir, 'keys'))).toEqual(['file'])
    const sealed = vault.seal('x')
    expect(openDataVault(dir, new FileKeyProtector(), notices).vault.open(sealed).toString()).toBe('x')
    expect(notices.list()).toEqual([])
  })

  it('a folder pinned to the keyring, started without it: a throwaway key, said, and nothing written', () => {
    const dir = tempDir('cc-data-vault-')
    const sealed = openDataVault(dir, new TestKeyring(), new Notices()).vault.seal('kept', 'a')
    const down = new TestKeyring()
    down.upFor = 0
    const notices = new Notices()
    const { vault, sessionOnly } = openDataVault(dir, down, notices)
    expect(sessionOnly).toBe(true)
    expect(notices.list()).toMatchObject([{ kind: 'storage', code: 'vaultKeyringUnavailable', params: { kind: 'test-keyring' } }])
    expect(() => vault.open(sealed, 'a')).toThrow()
    expect(readdirSync(join(dir, 'keys'))).toEqual(['test-keyring'])
    expect(openDataVault(dir, new TestKeyring(), new Notices()).vault.open(sealed, 'a').toString()).toBe('kept')
  })
})
