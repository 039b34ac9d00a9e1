// environments.setSecret/clearSecret end to end: the vault (real AES-GCM in place of the OS keychain) feeds the HMC
// driver's logon against the fake HMC, through the same dispatch the IPC and HTTP transports use; the secret never
// reaches the SQLite files, replies or health reports.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatchLab } from '@main/ipc/dispatch'
import { SecretVault } from '@main/secrets/secret-vault'
import { createLabService, type LabService } from '@main/service/lab-service'
import { startFakeHmc, type FakeHmc } from '../../fixtures/fake-hmc/server'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { KERNELS_DIR } from '../targets/kernels'
import { aesGcmCipher } from './aes-cipher'

const HMC_PASSWORD = 'hmc-Vault-Secret-4242'
const SFTP_PASSWORD = 'sftp-Vault-Secret-1717'
let fx: SshdFixture
let hmc: FakeHmc
let dir: string
let svc: LabService

/** Every encoding of `secret` a careless implementation might write. */
const encodings = (secret: string): string[] => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), Buffer.from(secret, 'utf16le').toString('latin1')]

/** The bytes of every file in `d` (the database, its WAL and SHM, the vault). */
const filesOf = (d: string): Map<string, Buffer> => new Map(readdirSync(d).map((f) => [f, readFileSync(join(d, f))]))

beforeAll(async () => {
  fx = await startSshd()
  hmc = await startFakeHmc({ userid: 'labop', password: HMC_PASSWORD, sftp: { port: fx.port, privateKeyPath: fx.clientKeyPath, acceptedPassword: SFTP_PASSWORD }, kernelsDir: KERNELS_DIR })
  dir = mkdtempSync(join(tmpdir(), 'labcon-svc-secrets-'))
  svc = createLabService({ dbPath: join(dir, 'lab.sqlite'), defaultEnvironments: false, vault: new SecretVault(join(dir, 'secrets.json'), aesGcmCipher(randomBytes(32))) })
})
afterAll(async () => {
  await svc?.close()
  await hmc?.stop()
  await fx?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const lparConfig = (): Record<string, unknown> => ({
  url: hmc.url,
  allowInsecureHttp: true,
  userid: 'labop',
  passwordKey: 'hmc-lp01',
  lparUri: hmc.lparUri,
  pollMs: 50,
  staging: { ...fx.sshConfig(), passwordKey: 'sftp-lp01' },
})

describe('environment secrets in the app', () => {
  it('logs on to the HMC with the stored secret, keeps it out of the database and replies, and clears it', async () => {
    const env = await svc.environments.add({ name: 'lp01', kind: 'lpar-hmc', config: lparConfig(), concurrency: 1 })

    const before = await svc.environments.health(env.id)
    expect(before.ok).toBe(false)
    expect(before.problems).toContain("environment 'lp01': HMC password: secret not found (tried keychain entry 'hmc-lp01')")

    const set1 = await dispatchLab(svc, 'environments', 'setSecret', [env.id, 'hmc-lp01', HMC_PASSWORD])
    const set2 = await dispatchLab(svc, 'environments', 'setSecret', [env.id, 'sftp-lp01', SFTP_PASSWORD])
    expect([set1, set2]).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ])
    const health = await svc.environments.health(env.id)
    expect({ ok: health.ok, problems: health.problems, lpar: health.facts['lpar.name'] }).toEqual({ ok: true, problems: [], lpar: expect.any(String) })
    expect(hmc.calls).toContain('POST /api/sessions')

    // Everything the renderer can see, and every file on disk, is free of the secrets.
    const visible = JSON.stringify([await svc.environments.list(), health, set1, set2])
    for (const f of filesOf(dir).values()) for (const s of [HMC_PASSWORD, SFTP_PASSWORD]) for (const e of encodings(s)) expect(f.includes(Buffer.from(e, 'latin1'))).toBe(false)
    for (const s of [HMC_PASSWORD, SFTP_PASSWORD]) expect(visible).not.toContain(s)
    // The same scan does find what the database holds: the environment's reference to the keychain entry.
    const db = [...filesOf(dir)].filter(([f]) => f.startsWith('lab.sqlite')).map(([, b]) => b)
    expect(db.some((b) => b.includes(Buffer.from('"passwordKey":"hmc-lp01"')))).toBe(true)
    expect(existsSync(join(dir, 'secrets.json'))).toBe(true)

    expect(await dispatchLab(svc, 'environments', 'clearSecret', [env.id, 'hmc-lp01'])).toEqual({ ok: true, value: true })
    expect(await svc.environments.clearSecret(env.id, 'hmc-lp01')).toBe(false)
    const after = await svc.environments.health(env.id)
    expect(after.problems).toContain("environment 'lp01': HMC password: secret not found (tried keychain entry 'hmc-lp01')")
  })

  it('refuses keys the config does not name and bad arguments, without echoing the value', async () => {
    const env = await svc.environments.add({ name: 'lp02', kind: 'lpar-hmc', config: lparConfig(), concurrency: 1 })
    const replies = [
      await dispatchLab(svc, 'environments', 'setSecret', [env.id, 'someone-elses', 'Value-Never-Echoed']),
      await dispatchLab(svc, 'environments', 'setSecret', [env.id, 'hmc-lp01', 42]),
      await dispatchLab(svc, 'environments', 'setSecret', [env.id, 'hmc-lp01', '']),
      await dispatchLab(svc, 'environments', 'setSecret', [env.id, '../x', 'Value-Never-Echoed']),
      await dispatchLab(svc, 'environments', 'setSecret', [9999, 'hmc-lp01', 'Value-Never-Echoed']),
    ]
    expect(replies.map((r) => (r.ok ? 'ok' : `${r.error.name}: ${r.error.message}`))).toEqual([
      "SecretVaultError: environment 'lp02': its config names no keychain entry 'someone-elses' (passwordKey values: hmc-lp01, sftp-lp01)",
      'LabArgumentError: environments.setSecret argument 3: expected a string, got number',
      'LabArgumentError: environments.setSecret argument 3: must not be empty',
      `SecretVaultError: key "../x" is not valid: use 1-128 letters, digits, '.', '_', '-', ':' or '@', starting with a letter or digit`,
      expect.stringMatching(/^NotFoundError: .*9999/),
    ])
    expect(JSON.stringify(replies)).not.toContain('Value-Never-Echoed')
  })

  it('has no vault without Electron: the CLI and server mode refuse to store and point to passwordEnv', async () => {
    const d = mkdtempSync(join(tmpdir(), 'labcon-novault-'))
    const plain = createLabService({ dbPath: join(d, 'lab.sqlite'), defaultEnvironments: false })
    try {
      const env = await plain.environments.add({ name: 'lp03', kind: 'lpar-hmc', config: lparConfig(), concurrency: 1 })
      await expect(plain.environments.setSecret(env.id, 'hmc-lp01', 'x-secret')).rejects.toThrow(
        "environment 'lp03': secret 'hmc-lp01': secrets are stored only by the desktop app (OS keychain); here set the environment variable named by the environment's passwordEnv (the CLI also prompts for it in a terminal)",
      )
      expect(readdirSync(d).filter((f) => !f.startsWith('lab.sqlite'))).toEqual([])
    } finally {
      await plain.close()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
