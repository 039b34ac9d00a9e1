// Issue 9 item 5 / issue 14 item 5: one environment schema. Secret-looking keys, unknown keys and wrong types are
// refused with the key named; the README table is the schema's rendering; the renderer's form asks only for keys the
// schema knows.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ENVIRONMENT_KINDS } from '@core/domain/environment'
import { ENV_CONFIG_SCHEMA, checkEnvironmentConfig, isSecretLookingKey, parseConfigText, renderConfigTable } from '@core/domain/env-schema'
import { KIND_FIELDS } from '../../../src-renderer/src/features/environments/env-form'

const SECRET = 'secrets are never stored: name an environment variable (passwordEnv) or a keychain entry (passwordKey) instead'

describe('secret-looking keys', () => {
  it.each(['password', 'hmcPassword', 'apiToken', 'pw', 'PW', 'privateKey', 'private_key', 'sshKey', 'secretKey', 'accessKey', 'apiKey', 'passphrase', 'secret', 'clientSecret', 'token', 'passwd', 'key', 'credential'])(
    '%s is refused',
    (key) => expect(isSecretLookingKey(key)).toBe(true),
  )
  it.each(['passwordEnv', 'passwordKey', 'privateKeyPath', 'hostKeyFingerprint', 'staging.passwordEnv', 'host', 'user', 'userid', 'cpuSerial', 'device', 'stopOnExit', 'lparUri'])('%s is allowed', (key) =>
    expect(isSecretLookingKey(key)).toBe(false),
  )
})

describe('checkEnvironmentConfig', () => {
  it('names every problem: secrets (flat and nested), key material, unknown keys, types, required keys', () => {
    expect(
      checkEnvironmentConfig('lpar-hmc', {
        url: 'ftp://hmc',
        userid: 'ops',
        hmcPassword: 'x',
        staging: { host: 'h', port: '22', password: 'p' },
        caPath: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc',
        colour: 'red',
      }),
    ).toEqual([
      { key: 'url', message: 'expected an http(s) URL, got "ftp://hmc"' },
      { key: 'hmcPassword', message: SECRET },
      { key: 'staging.port', message: 'expected a whole number from 1 to 65535, got "22"' },
      { key: 'staging.password', message: SECRET },
      { key: 'caPath', message: 'holds private key material: store the key in a file and give its path (privateKeyPath)' },
      { key: 'colour', message: expect.stringMatching(/^unknown key for lpar-hmc \(allowed: url, allowInsecureHttp, rejectUnauthorized, caPath, userid, passwordEnv, /) },
    ])
  })

  it('accepts a complete config of every kind', () => {
    const ok = {
      builtin: {},
      'qemu-tcg': { binary: '/usr/bin/qemu-system-s390x' },
      'qemu-ssh': { host: 'z15', port: 22, user: 'lab', privateKeyPath: '/k', accel: 'tcg', nested: true, hostKeyFingerprint: 'SHA256:abc+/=' },
      hercules: { imageDir: '/img', cpuSerial: '000001', extraConfig: ['CNSLPORT 3270'], host: 'h', agent: true },
      'lpar-hmc': { url: 'https://hmc:6794', userid: 'ops', passwordEnv: 'PW', cpcName: 'C', lparName: 'L', pollMs: 50, 'staging.host': 's', 'staging.passwordKey': 'k' },
      zvm: { host: 'ctl', user: 'lab', agent: '/run/agent', guest: 'KUTGUEST', controller: 'CTL' },
      simulator: { command: '["sim","{kernel}"]', consoleEncoding: 'ebcdic', stopOnExit: true, versionCommand: ['sim', '-v'] },
    }
    expect(ENVIRONMENT_KINDS.map((k) => [k, checkEnvironmentConfig(k, ok[k])])).toEqual(ENVIRONMENT_KINDS.map((k) => [k, []]))
  })

  it('refuses broken argv templates: not JSON, not an array of strings', () => {
    expect(checkEnvironmentConfig('simulator', { command: '["sim",' })).toEqual([{ key: 'command', message: expect.stringMatching(/^is not valid JSON: /) }])
    expect(checkEnvironmentConfig('simulator', { command: '[1,2]' })).toEqual([{ key: 'command', message: 'expected a non-empty array of strings (one element per argument), got "[1,2]"' }])
    expect(checkEnvironmentConfig('builtin', { binary: 'x' })).toEqual([{ key: 'binary', message: 'unknown key for builtin (allowed: accel, accelTests, identity)' }])
  })
})

describe('parseConfigText (labcon env add --config)', () => {
  it('types values by the schema', () => {
    expect([
      parseConfigText('qemu-ssh', 'port', '2222'),
      parseConfigText('qemu-ssh', 'nested', 'true'),
      parseConfigText('qemu-ssh', 'user', '1234'),
      parseConfigText('hercules', 'cpuSerial', '000001'),
      parseConfigText('hercules', 'agent', 'true'),
      parseConfigText('lpar-hmc', 'staging.port', '22'),
      parseConfigText('qemu-tcg', 'frobs', '3'),
    ]).toEqual([2222, true, '1234', '000001', true, 22, 3])
  })
})

describe('one schema everywhere', () => {
  it('README.md holds the table rendered from the schema', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const between = /<!-- env-schema:begin -->\n([\s\S]*?)\n<!-- env-schema:end -->/.exec(readme)?.[1]
    expect(between).toBe(renderConfigTable())
  })

  it("the renderer's form asks only for keys the schema accepts", () => {
    const unknown = ENVIRONMENT_KINDS.flatMap((k) => KIND_FIELDS[k].map((f) => f.key).filter((key) => !ENV_CONFIG_SCHEMA[k].some((s) => s.key === key)).map((key) => `${k}.${key}`))
    expect(unknown).toEqual([])
  })
})
