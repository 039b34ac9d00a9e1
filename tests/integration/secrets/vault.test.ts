// SecretVault on a real AES-GCM cipher: encrypted at rest, round-trips, refuses without encryption, clear errors.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SecretVault, SecretVaultError } from '@main/secrets/secret-vault'
import { safeStorageCipher, vaultResolver } from '@main/secrets/wiring'
import { resolveSecret } from '@main/targets/secrets'
import { aesGcmCipher } from './aes-cipher'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-vault-'))
  file = join(dir, 'user-data', 'secrets.json')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Every encoding of `secret` a careless implementation might write. */
const encodings = (secret: string): string[] => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)]

describe('SecretVault', () => {
  it('keeps secrets only as ciphertext in a 0600 file and reads them back, from a fresh instance too', () => {
    const key = randomBytes(32)
    const v = new SecretVault(file, aesGcmCipher(key))
    v.set('hmc-lab1', 'Pa55-w0rd!hmc')
    v.set('sftp.lab1', 'sftp-Secret-77')
    const text = readFileSync(file, 'utf8')
    for (const s of ['Pa55-w0rd!hmc', 'sftp-Secret-77']) for (const e of encodings(s)) expect(text).not.toContain(e)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const again = new SecretVault(file, aesGcmCipher(key))
    expect({ names: again.names(), hmc: again.get('hmc-lab1'), sftp: again.get('sftp.lab1'), none: again.get('nope') }).toEqual({
      names: ['hmc-lab1', 'sftp.lab1'],
      hmc: 'Pa55-w0rd!hmc',
      sftp: 'sftp-Secret-77',
      none: null,
    })
    v.set('hmc-lab1', 'rotated')
    expect(again.get('hmc-lab1')).toBe('rotated')
    expect(again.delete('hmc-lab1')).toBe(true)
    expect(again.delete('hmc-lab1')).toBe(false)
    expect(v.names()).toEqual(['sftp.lab1'])
  })

  it('refuses to store when encryption is unavailable, and writes nothing', () => {
    const v = new SecretVault(file, aesGcmCipher(randomBytes(32), () => false))
    expect(() => v.set('hmc', 'plain-text-never')).toThrow(
      "secret 'hmc' not stored: the OS keychain is not available for encryption (on Linux, run a Secret Service such as gnome-keyring or KWallet); secrets are never stored in plain text — set the environment variable named by passwordEnv instead",
    )
    expect(existsSync(file)).toBe(false)
    expect(v.writable).toBe(false)
  })

  it("counts safeStorage's Linux basic_text backend (a built-in key, no keychain) as unavailable", () => {
    const aes = aesGcmCipher()
    const ss = (backend: string) => ({ isEncryptionAvailable: () => true, encryptString: aes.encrypt, decryptString: aes.decrypt, getSelectedStorageBackend: () => backend })
    expect(new SecretVault(file, safeStorageCipher(ss('basic_text'), 'linux')).writable).toBe(false)
    expect(new SecretVault(file, safeStorageCipher(ss('gnome_libsecret'), 'linux')).writable).toBe(true)
    const v = new SecretVault(file, safeStorageCipher(ss('gnome_libsecret'), 'linux'))
    v.set('k', 'through-safe-storage')
    expect(v.get('k')).toBe('through-safe-storage')
    expect(() => new SecretVault(file, safeStorageCipher(ss('basic_text'), 'linux')).set('k', 'x')).toThrow(/OS keychain is not available/)
  })

  it('refuses a cipher that hands the plain text back', () => {
    const identity = { isAvailable: () => true, encrypt: (s: string) => Buffer.from(s), decrypt: (b: Buffer) => b.toString() }
    expect(() => new SecretVault(file, identity).set('k', 'visible-secret')).toThrow("secret 'k' not stored: the encryption primitive returned no ciphertext")
    expect(existsSync(file)).toBe(false)
  })

  it('names the entry and file on bad names, a foreign key, and a corrupt file, never the value', () => {
    const v = new SecretVault(file, aesGcmCipher())
    expect(() => v.set('../etc', 'x')).toThrow(`secret name "../etc" is not valid`)
    expect(() => v.set('ok', '')).toThrow("secret 'ok': the value must be a non-empty string")
    v.set('ok', 'only-this-key-opens-it')
    const other = new SecretVault(file, aesGcmCipher())
    let err: unknown
    try {
      other.get('ok')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(SecretVaultError)
    expect((err as SecretVaultError).message).toMatch(new RegExp(`^secret 'ok' in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be decrypted \\(.+\\); store it again$`))
    writeFileSync(file, '{"version":1,"entries":[1]}')
    expect(() => v.get('ok')).toThrow(`secret vault ${file}: expected { "version": 1, "entries": { … } }`)
    writeFileSync(file, 'not json')
    expect(() => v.names()).toThrow(new RegExp(`^secret vault .*secrets\\.json is not readable JSON`))
  })

  it('serves passwordKey references to drivers, falling back to passwordEnv when the keychain is unavailable', async () => {
    let available = true
    const v = new SecretVault(file, aesGcmCipher(randomBytes(32), () => available))
    v.set('hmc-key', 'from-the-vault')
    const keychain = vaultResolver(v)
    const sources = { env: { HMC_PW: 'from-the-env' }, keychain }
    expect(await resolveSecret('hmc', { key: 'hmc-key', env: 'HMC_PW' }, sources)).toBe('from-the-vault')
    expect(await resolveSecret('hmc', { key: 'other', env: 'HMC_PW' }, sources)).toBe('from-the-env')
    available = false
    expect(await resolveSecret('hmc', { key: 'hmc-key', env: 'HMC_PW' }, sources)).toBe('from-the-env')
    await expect(resolveSecret("environment 'lp': HMC password", { key: 'hmc-key' }, { env: {}, keychain })).rejects.toThrow(
      "environment 'lp': HMC password: secret not found (tried keychain entry 'hmc-key')",
    )
  })
})
