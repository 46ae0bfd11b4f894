// Encryption at rest for the main process's data files (AES-256-GCM).
//
// One random 32-byte data key per data directory, kept in `<dir>/vault.key` (mode 0600) after
// passing through a KeyProtector (OS key store in Electron, identity in browser mode).
// Sealed format: 'CCV1' (4 bytes) | IV (12, random per seal) | GCM tag (16) | ciphertext.
// GCM authenticates, so a flipped bit, a truncated file or the wrong key all make open() throw.
// Associated data (`aad`, not stored) binds a sealed value to where it belongs — a record's
// kind and key — so a value moved or swapped to another place fails to open too.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { readFileIfExists, writeFileAtomic } from './atomic-file'
import type { KeyProtector } from './key-protector'

const MAGIC = Buffer.from(
  'CCV1',
  // Stryker disable next-line StringLiteral: an empty encoding name means UTF-8, which writes 'CCV1' as the same four bytes
  'ascii',
)
const IV_LENGTH = 12
const TAG_LENGTH = 16
const KEY_LENGTH = 32
const HEADER_LENGTH = MAGIC.length + IV_LENGTH + TAG_LENGTH

export const VAULT_KEY_FILE = 'vault.key'

export type VaultKeyProblem = 'protector-unavailable' | 'unreadable'

/** The data key cannot be loaded or created. The caller decides whether to reset the directory. */
export class VaultKeyError extends Error {
  readonly problem: VaultKeyProblem

  constructor(problem: VaultKeyProblem, message: string, cause?: unknown) {
    super(message, { cause })
    this.name = 'VaultKeyError'
    this.problem = problem
  }
}

/** Sealed data that is not ours, was altered, or was sealed with another key. */
export class VaultDataError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause })
    this.name = 'VaultDataError'
  }
}

/** What `vault.key` holds. `check` lets us tell a wrongly unprotected key from a right one. */
interface KeyFile {
  v: 1
  kind: string
  key: string
  check: string
}

function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('counter-companion/vault-key-check').digest('hex').slice(0, 32)
}

function isKeyFile(x: unknown): x is KeyFile {
  if (x === null) return false
  // Stryker disable next-line ConditionalExpression: made false, a number, string or boolean goes on to `o.v === 1`, which refuses it (a primitive has no `v`)
  if (typeof x !== 'object') return false
  const o = x as Record<string, unknown>
  return o.v === 1 && typeof o.kind === 'string' && typeof o.key === 'string' && typeof o.check === 'string'
}

function loadKey(path: string, raw: Buffer, protector: KeyProtector): Buffer {
  const unreadable = (why: string, cause?: unknown) =>
    new VaultKeyError('unreadable', `The vault key ${path} cannot be used: ${why}.`, cause)
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.toString('utf8'))
  } catch (e) {
    throw unreadable('the file is not valid', e)
  }
  if (!isKeyFile(parsed)) throw unreadable('the file is not valid')
  if (parsed.kind !== protector.kind) {
    throw unreadable(`it was protected by "${parsed.kind}" but this run uses "${protector.kind}"`)
  }
  let key: Buffer
  try {
    key = protector.unprotect(Buffer.from(parsed.key, 'base64'))
  } catch (e) {
    throw unreadable(`the "${protector.kind}" protector could not unprotect it`, e)
  }
  const check = Buffer.from(keyCheck(key))
  const expected = Buffer.from(parsed.check)
  if (key.length !== KEY_LENGTH || check.length !== expected.length || !timingSafeEqual(check, expected)) {
    throw unreadable('it unprotected to the wrong key (different user, machine or keychain?)')
  }
  return key
}

function createKey(path: string, protector: KeyProtector): Buffer {
  const key = randomBytes(KEY_LENGTH)
  const file: KeyFile = {
    v: 1,
    kind: protector.kind,
    key: protector.protect(key).toString('base64'),
    check: keyCheck(key),
  }
  writeFileAtomic(path, JSON.stringify(file), 0o600)
  return key
}

export class Vault {
  private readonly key: Buffer

  private constructor(key: Buffer) {
    this.key = key
  }

  /** Loads the data key from `<dir>/vault.key`, creating the directory and key when missing. */
  static open(dir: string, protector: KeyProtector): Vault {
    const availability = protector.available()
    if (!availability.ok) {
      throw new VaultKeyError(
        'protector-unavailable',
        `The "${protector.kind}" key protector is not available: ${availability.reason}`,
      )
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const path = join(dir, VAULT_KEY_FILE)
    const raw = readFileIfExists(path)
    if (raw === null) return new Vault(createKey(path, protector))
    // A copied or restored key file may have come back world-readable.
    // Stryker disable next-line ConditionalExpression,StringLiteral: chmod on Windows only clears the read-only attribute, which neither loading nor using the key depends on (there the profile folder's ACL protects the file)
    if (process.platform !== 'win32') chmodSync(path, 0o600)
    return new Vault(loadKey(path, raw, protector))
  }

  /** A key for this process only, never written anywhere (see data-vault.ts). */
  static sessionOnly(): Vault {
    return new Vault(randomBytes(KEY_LENGTH))
  }

  seal(plain: Buffer | string, aad?: string): Buffer {
    const iv = randomBytes(IV_LENGTH)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    // Stryker disable next-line StringLiteral: an empty encoding name means UTF-8, the same bytes
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'))
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: cipher.update() reads a string as UTF-8 itself and a Buffer as is, so either branch (or an empty encoding name, UTF-8) feeds it the same bytes
    const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()])
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body])
  }

  /** Throws VaultDataError when the data was altered, truncated or sealed with another key. */
  open(sealed: Buffer, aad?: string): Buffer {
    if (sealed.length < HEADER_LENGTH || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new VaultDataError('Not a sealed vault file (bad header).')
    }
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_LENGTH)
    const tag = sealed.subarray(MAGIC.length + IV_LENGTH, HEADER_LENGTH)
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
      decipher.setAuthTag(tag)
      // Stryker disable next-line StringLiteral: an empty encoding name means UTF-8, the same bytes
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'))
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_LENGTH)), decipher.final()])
    } catch (e) {
      throw new VaultDataError('Sealed data failed authentication (altered, or sealed with another key).', e)
    }
  }

  sealJson(value: unknown, aad?: string): Buffer {
    return this.seal(JSON.stringify(value), aad)
  }

  /** The parsed JSON, unchecked: callers validate the shape they expect. */
  openJson<T>(sealed: Buffer, aad?: string): T {
    return JSON.parse(this.open(sealed, aad).toString('utf8')) as T
  }

  /** The random IV of a sealed value: different for every seal, so it tells two versions apart. */
  static ivOf(sealed: Buffer): Buffer {
    return sealed.subarray(MAGIC.length, MAGIC.length + IV_LENGTH)
  }

  /** null when the file does not exist; throws VaultDataError when it cannot be opened. */
  readJson<T>(path: string): T | null {
    const raw = readFileIfExists(path)
    return raw === null ? null : this.openJson<T>(raw)
  }

  writeJson(path: string, value: unknown): void {
    writeFileAtomic(path, this.sealJson(value), 0o600)
  }

  /** A 32-byte key for another purpose (e.g. an HMAC index), derived so the data key stays private. */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `counter-companion/${purpose}`, KEY_LENGTH))
  }
}
