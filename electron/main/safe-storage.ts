import type { SafeStorage } from 'electron'
import type { KeyProtector } from '../core/storage/key-protector'

// The data key protected by the OS keyring (DPAPI on Windows, Keychain on macOS,
// libsecret/kwallet on Linux). Linux's `basic_text` backend is a hard-coded password,
// not protection: refuse it rather than pretend.
export class SafeStorageKeyProtector implements KeyProtector {
  readonly kind = 'safeStorage'
  constructor(
    private readonly safeStorage: SafeStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  available(): { ok: true } | { ok: false; reason: string } {
    if (!this.safeStorage.isEncryptionAvailable()) return { ok: false, reason: 'safeStorage unavailable' }
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return { ok: false, reason: 'Linux keyring backend is basic_text' }
    }
    return { ok: true }
  }

  protect(plain: Buffer): Buffer {
    return this.safeStorage.encryptString(plain.toString('base64'))
  }

  unprotect(sealed: Buffer): Buffer {
    return Buffer.from(this.safeStorage.decryptString(sealed), 'base64')
  }
}
