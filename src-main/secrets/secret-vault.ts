// The app's secret store: named secrets (HMC and staging passwords), each encrypted by an injected primitive (Electron's
// safeStorage, i.e. the OS keychain) and kept in one JSON file in the user data directory. Plain text never touches disk.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { LabError, type ErrorKind } from '@core/domain/errors'

/** The encryption primitive: Electron's safeStorage in the app; anything with the same contract in tests. */
export interface SecretCipher {
  /** False when the OS offers no real encryption (no keychain, or Linux's `basic_text` fallback). */
  isAvailable(): boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

/** A vault operation was refused or failed; the message names the entry or file, never a secret value. */
export class SecretVaultError extends LabError {
  override name = 'SecretVaultError'
  readonly code: string
  readonly kind: ErrorKind
  constructor(message: string, code = 'EVAULT') {
    super(message)
    this.code = code
    // A bad name or value is the caller's; no vault here is how this process is set up; the rest is the keychain or the file.
    this.kind = code === 'EINVAL' ? 'input' : code === 'ENOVAULT' ? 'config' : 'infra'
  }
}

/** Names of vault entries (`passwordKey` values): letters, digits, `.`, `_`, `-`, `:`, `@`; 1–128 characters. */
export const SECRET_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/
/** Longest secret accepted (characters). */
export const MAX_SECRET_LENGTH = 4096

const FILE_VERSION = 1

interface VaultFile {
  version: typeof FILE_VERSION
  /** Entry name -> base64 of the cipher's output. */
  entries: Record<string, string>
}

/** Throws SecretVaultError unless `name` is a valid entry name. */
export function checkSecretName(name: unknown, what = 'secret name'): string {
  if (typeof name !== 'string' || !SECRET_NAME_RE.test(name))
    throw new SecretVaultError(`${what} ${JSON.stringify(name)} is not valid: use 1-128 letters, digits, '.', '_', '-', ':' or '@', starting with a letter or digit`, 'EINVAL')
  return name
}

/** Named secrets encrypted at rest in `path`; reads decrypt on demand, writes replace the file atomically (mode 0600). */
export class SecretVault {
  constructor(
    readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  /** Whether the vault can store secrets (the OS keychain is available). */
  get writable(): boolean {
    return this.cipher.isAvailable()
  }

  /** Encrypts and stores `value` under `name`, replacing any previous value. Refuses when encryption is unavailable. */
  set(name: string, value: string): void {
    checkSecretName(name)
    if (typeof value !== 'string' || value === '') throw new SecretVaultError(`secret '${name}': the value must be a non-empty string`, 'EINVAL')
    if (value.length > MAX_SECRET_LENGTH) throw new SecretVaultError(`secret '${name}': the value is longer than ${MAX_SECRET_LENGTH} characters`, 'EINVAL')
    if (!this.cipher.isAvailable())
      throw new SecretVaultError(
        `secret '${name}' not stored: the OS keychain is not available for encryption (on Linux, run a Secret Service such as gnome-keyring or KWallet); ` +
          'secrets are never stored in plain text — set the environment variable named by passwordEnv instead',
        'ENOKEYCHAIN',
      )
    const encrypted = this.cipher.encrypt(value)
    if (!Buffer.isBuffer(encrypted) || encrypted.length === 0 || encrypted.includes(Buffer.from(value, 'utf8')))
      throw new SecretVaultError(`secret '${name}' not stored: the encryption primitive returned no ciphertext`, 'ENOKEYCHAIN')
    const file = this.read()
    file.entries[name] = encrypted.toString('base64')
    this.write(file)
  }

  /** The decrypted secret, or null when there is no entry (or the vault file does not exist yet). */
  get(name: string): string | null {
    checkSecretName(name)
    const data = this.read().entries[name]
    if (data === undefined) return null
    if (!this.cipher.isAvailable()) throw new SecretVaultError(`secret '${name}': the OS keychain is not available to decrypt it`, 'ENOKEYCHAIN')
    try {
      return this.cipher.decrypt(Buffer.from(data, 'base64'))
    } catch (e) {
      throw new SecretVaultError(`secret '${name}' in ${this.path} cannot be decrypted (${(e as Error).message}); store it again`, 'EDECRYPT')
    }
  }

  /** Whether an entry exists (without decrypting it). */
  has(name: string): boolean {
    checkSecretName(name)
    return Object.hasOwn(this.read().entries, name)
  }

  /** Names of the stored entries, sorted. */
  names(): string[] {
    return Object.keys(this.read().entries).sort()
  }

  /** Removes an entry; true when it existed. */
  delete(name: string): boolean {
    checkSecretName(name)
    const file = this.read()
    if (!Object.hasOwn(file.entries, name)) return false
    delete file.entries[name]
    this.write(file)
    return true
  }

  private read(): VaultFile {
    if (!existsSync(this.path)) return { version: FILE_VERSION, entries: {} }
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'))
    } catch (e) {
      throw new SecretVaultError(`secret vault ${this.path} is not readable JSON (${(e as Error).message})`, 'ECORRUPT')
    }
    const o = parsed as Partial<VaultFile> | null
    if (typeof o !== 'object' || o === null || o.version !== FILE_VERSION || typeof o.entries !== 'object' || o.entries === null || Array.isArray(o.entries))
      throw new SecretVaultError(`secret vault ${this.path}: expected { "version": ${FILE_VERSION}, "entries": { … } }`, 'ECORRUPT')
    const entries: Record<string, string> = Object.create(null) as Record<string, string>
    for (const [k, v] of Object.entries(o.entries)) {
      if (typeof v !== 'string') throw new SecretVaultError(`secret vault ${this.path}: entry '${k}' is not a base64 string`, 'ECORRUPT')
      entries[k] = v
    }
    return { version: FILE_VERSION, entries }
  }

  private write(file: VaultFile): void {
    const tmp = `${this.path}.${process.pid}.tmp`
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
      writeFileSync(tmp, JSON.stringify({ version: file.version, entries: { ...file.entries } }, null, 2) + '\n', { mode: 0o600 })
      chmodSync(tmp, 0o600)
      renameSync(tmp, this.path)
    } catch (e) {
      rmSync(tmp, { force: true })
      throw new SecretVaultError(`secret vault ${this.path} cannot be written (${(e as Error).message})`, 'EIO')
    }
  }
}
