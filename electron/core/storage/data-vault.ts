// The data folder's key, chosen once and kept to. The OS keyring protects it when it can;
// where the keyring has never been available (Linux basic_text) the 0600 key file does, like
// browser mode. Once a folder's key is kept by the keyring, a later start where the keyring is
// not available does NOT fall back to the key file (that would be another key, and everything
// sealed before would look damaged): the app says so, and runs this session on a throwaway
// database and key, keeping the folder's data untouched for the start the keyring is back.
//
// A key file that cannot be read (damaged, or the keyring unprotects it to the wrong key) is
// kept aside as `vault.key.damaged-<time>` and a new key made; what the old one sealed then
// fails to open and is kept aside in its turn, each with its notice.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Notices } from '../notices'
import { moveAside } from './damaged'
import { FileKeyProtector, type KeyProtector } from './key-protector'
import { Vault, VAULT_KEY_FILE, VaultKeyError } from './vault'

export interface DataVault {
  vault: Vault
  /** True when this session runs on a throwaway key: nothing it stores outlives it. */
  sessionOnly: boolean
}

/** The vault kept in `<dataDir>/keys/<protector kind>/`; the notice names the kept-aside key as IT finds it in the data folder. */
function openOrRenew(dataDir: string, protector: KeyProtector, notices: Notices): Vault {
  const dir = join(dataDir, 'keys', protector.kind)
  try {
    return Vault.open(dir, protector)
  } catch (e) {
    if (!(e instanceof VaultKeyError) || e.problem !== 'unreadable') throw e
    notices.raise('storage', 'vaultKeyDamaged', { file: `keys/${protector.kind}/${moveAside(join(dir, VAULT_KEY_FILE))}` })
    return Vault.open(dir, protector)
  }
}

export function openDataVault(dataDir: string, protector: KeyProtector, notices: Notices): DataVault {
  if (protector.available().ok) return { vault: openOrRenew(dataDir, protector, notices), sessionOnly: false }
  const pinnedToKeyring =
    // Stryker disable next-line ConditionalExpression,StringLiteral: only FileKeyProtector is of kind 'file', and it is always available, so no protector of that kind gets here
    protector.kind !== 'file' &&
    existsSync(join(dataDir, 'keys', protector.kind, VAULT_KEY_FILE))
  if (!pinnedToKeyring) return { vault: openOrRenew(dataDir, new FileKeyProtector(), notices), sessionOnly: false }
  notices.raise('storage', 'vaultKeyringUnavailable', { kind: protector.kind })
  return { vault: Vault.sessionOnly(), sessionOnly: true }
}
