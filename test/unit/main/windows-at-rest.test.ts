// What keeps the data key and the data folder private on Windows, where file modes mean
// nothing: NTFS ignores 0600/0700 (the vault and atomic writes skip chmod there), so the key
// is protected by DPAPI through safeStorage — bound to the Windows user — and the default
// folder sits in %APPDATA%, which Windows gives only that user, SYSTEM and Administrators.
// Run here with process.platform mocked as 'win32' and a DPAPI stand-in bound to a user.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SafeStorage } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../electron/core/paths'
import { Vault, VAULT_KEY_FILE, VaultKeyError } from '../../../electron/core/storage/vault'
import { SafeStorageKeyProtector } from '../../../electron/main/safe-storage'

/** DPAPI as safeStorage offers it on Windows: sealed under a secret only this Windows user's logon holds. */
function dpapiFor(user: string): SafeStorage {
  const userKey = createHash('sha256').update(`dpapi:${user}`).digest()
  return {
    isEncryptionAvailable: () => true,
    // Linux-only in Electron: the Windows path must not depend on it.
    getSelectedStorageBackend: () => {
      throw new Error('getSelectedStorageBackend is Linux-only')
    },
    encryptString: (plain: string) => {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', userKey, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decryptString: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', userKey, sealed.subarray(0, 12))
      d.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8')
    },
  } as unknown as SafeStorage
}

const realPlatform = process.platform
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-win-'))
  Object.defineProperty(process, 'platform', { value: 'win32', configurable: true })
})
afterEach(() => {
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true })
  rmSync(dir, { recursive: true, force: true })
})

describe('the data folder on Windows', () => {
  it('defaults to %APPDATA%\\counter-companion, written with backslashes', () => {
    const env = { APPDATA: 'C:\\Users\\店員\\AppData\\Roaming' }
    expect(defaultDataDir(env, 'win32')).toBe('C:\\Users\\店員\\AppData\\Roaming\\counter-companion')
    expect(defaultDataDir({ APPDATA: 'D:\\Profiles\\counter01\\AppData\\Roaming\\' }, 'win32')).toBe(
      'D:\\Profiles\\counter01\\AppData\\Roaming\\counter-companion',
    )
  })
})

describe('the data key on Windows: DPAPI, not file modes', () => {
  it('uses safeStorage without asking for a Linux keyring backend', () => {
    expect(new SafeStorageKeyProtector(dpapiFor('counter01'), 'win32').available()).toEqual({ ok: true })
  })

  it('writes a key file that holds no trace of the key, and that no other Windows user can open', () => {
    const vault = Vault.open(dir, new SafeStorageKeyProtector(dpapiFor('counter01'), 'win32'))
    const sealed = vault.seal('0912345678', 'member')
    const key = vault.deriveKey('probe')
    const file = readFileSync(join(dir, VAULT_KEY_FILE), 'utf8')
    const parsed = JSON.parse(file) as { v: number; kind: string; key: string }
    expect(parsed).toMatchObject({ v: 1, kind: 'safeStorage' })
    // The key as DPAPI hands it back to this user: 32 bytes, in the file in no readable form.
    const raw = Buffer.from(dpapiFor('counter01').decryptString(Buffer.from(parsed.key, 'base64')), 'base64')
    expect(raw).toHaveLength(32)
    for (const form of [raw.toString('base64'), raw.toString('hex'), raw.toString('base64url')]) expect(file).not.toContain(form)

    // The same user reopens it and reads the data back.
    const again = Vault.open(dir, new SafeStorageKeyProtector(dpapiFor('counter01'), 'win32'))
    expect(again.open(sealed, 'member').toString()).toBe('0912345678')
    expect(again.deriveKey('probe').equals(key)).toBe(true)

    // Another account on the same PC, with the very same file, gets nothing.
    expect(() => Vault.open(dir, new SafeStorageKeyProtector(dpapiFor('someone-else'), 'win32'))).toThrow(VaultKeyError)
  })

  it('leaves the file mode alone (NTFS ignores it): the protection is DPAPI, which the test above shows', () => {
    Vault.open(dir, new SafeStorageKeyProtector(dpapiFor('counter01'), 'win32'))
    chmodSync(join(dir, VAULT_KEY_FILE), 0o644)
    Vault.open(dir, new SafeStorageKeyProtector(dpapiFor('counter01'), 'win32'))
    // On POSIX the vault would have tightened this to 0600 (vault.test.ts); on Windows it does not try.
    expect(statSync(join(dir, VAULT_KEY_FILE)).mode & 0o777).toBe(0o644)
  })
})
