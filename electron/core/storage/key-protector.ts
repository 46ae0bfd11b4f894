// How the vault's data key is protected at rest. The Electron shell supplies a
// safeStorage-based protector (OS keychain / DPAPI / libsecret); browser mode, which has no
// OS key store, uses FileKeyProtector below.

export type ProtectorAvailability = { ok: true } | { ok: false; reason: string }

export interface KeyProtector {
  /** Recorded in the key file, so a key sealed by one protector is never fed to another. */
  readonly kind: string
  available(): ProtectorAvailability
  protect(plain: Buffer): Buffer
  unprotect(sealed: Buffer): Buffer
}

/**
 * Identity protection: the data key is stored as is, and the only safeguard is the key file's
 * mode 0600 (owner-only; the vault enforces it). This is the weaker option — anyone who can
 * read the user's files (the same OS account, root, a copied disk or backup) gets the key —
 * and exists for browser mode, where there is no OS key store to lean on.
 */
export class FileKeyProtector implements KeyProtector {
  readonly kind = 'file'

  available(): ProtectorAvailability {
    return { ok: true }
  }

  protect(plain: Buffer): Buffer {
    return Buffer.from(plain)
  }

  unprotect(sealed: Buffer): Buffer {
    return Buffer.from(sealed)
  }
}
