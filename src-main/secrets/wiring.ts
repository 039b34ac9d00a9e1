// Glue between the vault and the rest of main: safeStorage as the cipher, the vault as the drivers' secret resolver.
import type { SecretResolver } from '@main/targets/secrets'
import { SecretVaultError, type SecretCipher, type SecretVault } from './secret-vault'

/** The part of Electron's safeStorage the vault uses (structural, so this file needs no electron import). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(data: Buffer): string
  getSelectedStorageBackend?(): string
}

/** A SecretCipher on safeStorage; Linux's `basic_text` backend (a hard-coded key, no keychain) counts as unavailable. */
export function safeStorageCipher(ss: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    isAvailable: () => ss.isEncryptionAvailable() && !(platform === 'linux' && ss.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (plain) => ss.encryptString(plain),
    decrypt: (data) => ss.decryptString(data),
  }
}

/** The drivers' resolver for `passwordKey` references; an unusable keychain yields null so `passwordEnv` is tried next. */
export function vaultResolver(vault: SecretVault): SecretResolver {
  return async (key) => {
    try {
      return vault.get(key)
    } catch (e) {
      if (e instanceof SecretVaultError && (e.code === 'ENOKEYCHAIN' || e.code === 'EINVAL')) return null
      throw e
    }
  }
}
