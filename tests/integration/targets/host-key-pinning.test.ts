import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLabService, type LabService } from '@main/service/lab-service'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'

let fx: SshdFixture
let svc: LabService
let dir: string

beforeAll(async () => {
  fx = await startSshd()
  dir = mkdtempSync(join(tmpdir(), 'labcon-pin-'))
  svc = createLabService({ dbPath: join(dir, 'lab.db'), defaultEnvironments: false })
})
afterAll(async () => {
  await svc?.close()
  await fx?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('secrets through the service', () => {
  it('refuses an environment whose config would store a password', async () => {
    const add = svc.environments.add({ name: 'lpar', kind: 'lpar-hmc', config: { url: 'https://hmc:6794', 'staging.password': 'hunter2' } })
    await expect(add).rejects.toThrow(/input\.config\.staging\.password.*secrets are never stored/)
    expect((await svc.environments.list()).map((e) => e.name)).not.toContain('lpar')
  })
})

describe('host key pinning through the service', () => {
  it('pins the fingerprint on first contact, then refuses the host once its key changes', async () => {
    const { hostKeyFingerprint: _unpinned, ...ssh } = fx.sshConfig()
    const env = await svc.environments.add({ name: 's390-host', kind: 'qemu-ssh', config: { ...ssh, accel: 'tcg' } })
    expect(env.config['hostKeyFingerprint']).toBeUndefined()

    const first = await svc.environments.health(env.id)
    expect(first.problems).toEqual([])
    const pinned = fx.hostKeyFingerprint
    expect((await svc.store.getEnvironment(env.id)).config).toEqual({ ...ssh, accel: 'tcg', hostKeyFingerprint: pinned })

    await fx.rotateHostKey()
    const after = await svc.environments.health(env.id)
    expect({ ok: after.ok, problems: after.problems }).toEqual({
      ok: false,
      problems: [
        `host key of 127.0.0.1:${fx.port} changed: pinned ${pinned}, presented ${fx.hostKeyFingerprint} — refusing to connect (if the host was really re-keyed, remove the pinned fingerprint from the environment and pin the new one)`,
      ],
    })
    expect((await svc.store.getEnvironment(env.id)).config['hostKeyFingerprint']).toBe(pinned)
  })
})
