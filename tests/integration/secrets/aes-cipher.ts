// A real AES-256-GCM SecretCipher standing in for Electron's safeStorage (whose key lives in the OS keychain, absent here).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretCipher } from '@main/secrets/secret-vault'

/** AES-256-GCM with `key` (32 bytes): iv(12) | tag(16) | ciphertext; `available` plays safeStorage.isEncryptionAvailable(). */
export function aesGcmCipher(key: Buffer = randomBytes(32), available: () => boolean = () => true): SecretCipher {
  return {
    isAvailable: available,
    encrypt(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      d.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8')
    },
  }
}
