import { describe, expect, it } from 'vitest'
import { checkHostKey, fingerprintOf, normalizeFingerprint, pinIntoConfig } from '@main/targets/host-keys'
import { findPlainSecret, redact, resolveSecret, SecretMissingError } from '@main/targets/secrets'

describe('resolveSecret', () => {
  it('prefers the keychain resolver, then the environment variable, then the prompt', async () => {
    const keychain = async (key: string): Promise<string | null> => (key === 'hmc/lp01' ? 'from-keychain' : null)
    const prompt = async (): Promise<string | null> => 'typed'
    expect(await resolveSecret('hmc', { key: 'hmc/lp01', env: 'PW' }, { env: { PW: 'from-env' }, keychain, prompt })).toBe('from-keychain')
    expect(await resolveSecret('hmc', { key: 'other', env: 'PW' }, { env: { PW: 'from-env' }, keychain, prompt })).toBe('from-env')
    expect(await resolveSecret('hmc', { key: 'other', env: 'PW' }, { env: {}, keychain, prompt })).toBe('typed')
  })
  it('names what it tried, never a value', async () => {
    await expect(resolveSecret("environment 'lpar'", { key: 'k', env: 'PW' }, { env: {} })).rejects.toThrow(
      new SecretMissingError("environment 'lpar': secret not found (tried keychain entry 'k', environment variable PW)"),
    )
    await expect(resolveSecret('x', {}, { env: {} })).rejects.toThrow('x: no secret configured (set passwordEnv or passwordKey)')
  })
  it('finds secrets a config would store in plain text, nested or flat', () => {
    expect(findPlainSecret({ url: 'x', passwordEnv: 'PW', staging: { host: 'h', passwordEnv: 'S' } })).toBeNull()
    expect(findPlainSecret({ url: 'x', staging: { host: 'h', password: 'p' } })).toBe('staging.password')
    expect(findPlainSecret({ 'staging.Password': 'p' })).toBe('staging.Password')
    expect(findPlainSecret({ token: 't' })).toBe('token')
  })
  it('redacts secrets from messages', () => {
    expect(redact('logon as u/hunter2 failed: hunter2', ['hunter2', ''])).toBe('logon as u/*** failed: ***')
  })
})

describe('host key pinning', () => {
  const key = Buffer.from('ssh-ed25519 test key blob')
  const fp = fingerprintOf(key)
  it('computes OpenSSH-style SHA256 fingerprints and compares them with the pin', () => {
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    expect(checkHostKey(key, null)).toEqual({ kind: 'first-contact', fingerprint: fp })
    expect(checkHostKey(key, fp.slice('SHA256:'.length) + '=')).toEqual({ kind: 'match', fingerprint: fp })
    expect(checkHostKey(key, 'SHA256:other')).toEqual({ kind: 'mismatch', fingerprint: fp, pinned: 'SHA256:other' })
    expect(normalizeFingerprint(' abc= ')).toBe('SHA256:abc')
  })
  it('pins into the config where the SSH settings live', () => {
    expect(pinIntoConfig({ host: 'h' }, '', 'SHA256:x')).toEqual({ host: 'h', hostKeyFingerprint: 'SHA256:x' })
    expect(pinIntoConfig({ staging: { host: 'h' } }, 'staging', 'SHA256:x')).toEqual({ staging: { host: 'h', hostKeyFingerprint: 'SHA256:x' } })
    expect(pinIntoConfig({ 'staging.host': 'h' }, 'staging', 'SHA256:x')).toEqual({ 'staging.host': 'h', 'staging.hostKeyFingerprint': 'SHA256:x' })
  })
})
