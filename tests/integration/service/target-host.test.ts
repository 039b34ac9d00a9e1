// What a service lends its drivers is its own: the process environment its composition root passed, its keychain,
// and its store for first-contact host keys. Two services never see each other's, and nothing outlives close().
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { SecretVault } from '@main/secrets/secret-vault'
import { createLabService, type LabService } from '@main/service/lab-service'
import type { Target, TargetHost } from '@main/targets/target'
import { aesGcmCipher } from '../secrets/aes-cipher'

const dir = mkdtempSync(join(tmpdir(), 'labcon-host-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A service whose driver factory records the host it is given; the driver only answers health. */
function service(name: string, opts: { processEnv: Record<string, string>; vault?: SecretVault }): { lab: LabService; hosts: TargetHost[] } {
  const hosts: TargetHost[] = []
  const createTarget = (env: Environment, host: TargetHost): Target => {
    hosts.push(host)
    return {
      env,
      health: async () => ({ ok: true, level: 'fake', facts: {}, problems: [], checkedAt: new Date().toISOString() }),
      run: async () => Promise.reject(new Error('not used')),
      dispose: async () => {},
    }
  }
  const lab = createLabService({ dbPath: join(dir, `${name}.sqlite`), defaultEnvironments: false, createTarget, ...opts })
  return { lab, hosts }
}

describe('the host a service lends its drivers', () => {
  it('resolves secrets from its own environment and keychain only, and pins host keys in its own store', async () => {
    const vault = new SecretVault(join(dir, 'secrets.json'), aesGcmCipher(randomBytes(32)))
    vault.set('hmc-key', 'from-a-keychain')
    const a = service('a', { processEnv: { PW: 'env-of-a' }, vault })
    const b = service('b', { processEnv: { PW: 'env-of-b' } })
    const envA = await a.lab.environments.add({ name: 'x', kind: 'qemu-tcg' })
    const envB = await b.lab.environments.add({ name: 'x', kind: 'qemu-tcg' })
    await a.lab.environments.health(envA.id)
    await b.lab.environments.health(envB.id)
    const [hostA, hostB] = [a.hosts[0]!, b.hosts[0]!]

    expect(await hostA.resolveSecret('a', { env: 'PW' })).toBe('env-of-a')
    expect(await hostB.resolveSecret('b', { env: 'PW' })).toBe('env-of-b')
    expect(await hostA.resolveSecret('a', { key: 'hmc-key' })).toBe('from-a-keychain')
    // B was given no keychain: A's, open at the same time, is not reachable from B's drivers.
    await expect(hostB.resolveSecret("environment 'x': HMC password", { key: 'hmc-key' })).rejects.toThrow(
      "environment 'x': HMC password: secret not found (tried keychain entry 'hmc-key')",
    )

    hostA.pinHostKey(envA.id, '', 'SHA256:pinned-by-a')
    // The pin is written asynchronously (the store is asynchronous): it lands, in A's store only.
    await expect.poll(async () => (await a.lab.store.getEnvironment(envA.id)).config).toEqual({ hostKeyFingerprint: 'SHA256:pinned-by-a' })
    expect((await b.lab.store.getEnvironment(envB.id)).config).toEqual({})
    await a.lab.close()
    await b.lab.close()

    // A service opened after both closed starts from nothing: no keychain, no environment it was not given.
    const c = service('c', { processEnv: {} })
    const envC = await c.lab.environments.add({ name: 'x', kind: 'qemu-tcg' })
    await c.lab.environments.health(envC.id)
    await expect(c.hosts[0]!.resolveSecret('c', { key: 'hmc-key', env: 'PW' })).rejects.toThrow(
      "c: secret not found (tried keychain entry 'hmc-key', environment variable PW)",
    )
    await c.lab.close()
  })
})
