// The migration protocol over SSH: remote QEMU instances on the real sshd at 127.0.0.1, QMP through the SSH
// connection (direct-streamlocal), the real qemu-system-s390x under TCG.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseQemuParams, parseUnittestsCfg } from '@core/domain/catalog'
import type { Environment } from '@core/domain/environment'
import { createQemuSshTarget } from '@main/targets/qemu-ssh'
import { detachedHost, type Target, type TargetRunRequest } from '@main/targets/target'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { HAVE_UPSTREAM, UPSTREAM_DIR } from '../emulator/upstream-run'
import { essentials } from './kernels'
import { migrationRequest } from './migration-kernel'

let fx: SshdFixture
let target: Target

beforeAll(async () => {
  fx = await startSshd()
  const e: Environment = { id: 8, name: 'remote-tcg', kind: 'qemu-ssh', level: '', config: { ...fx.sshConfig(), accel: 'tcg' }, facts: {}, concurrency: 2, createdAt: new Date(0).toISOString() }
  target = createQemuSshTarget(e, detachedHost(process.env))
})
afterAll(async () => {
  await target?.dispose()
  await fx?.stop()
})

describe('qemu-ssh migration (real sshd, real qemu-system-s390x TCG)', () => {
  it('migrates our migration kernel twice on the remote host and the guest finds its state intact', async () => {
    const req = migrationRequest('migrate')
    const o = await target.run(req)
    expect({ ...essentials(o), migrations: o.facts['migrations'] }).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '2' })
    expect(o.log.split('\n').filter((l) => /^(PASS|FAIL|SUMMARY|Now migrate)/.test(l))).toEqual([
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 1',
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 2',
      'SUMMARY: 2 tests',
    ])
    expect(req.output.join('')).toBe(o.log)
    expect(o.command).toMatch(/^ssh .*: timeout -k 5 \d+ qemu-system-s390x .* -chardev socket,id=mon,path=\/tmp\/labcon-qemu\.\w+\/qmp-N\.sock/)
  })

  it.skipIf(!HAVE_UPSTREAM)(`passes upstream migration-sck (needs ${UPSTREAM_DIR})`, async () => {
    const catalog = parseUnittestsCfg(readFileSync(join(UPSTREAM_DIR, 'unittests.cfg'), 'utf8'), 'unittests.cfg')
    const test = catalog.tests.find((t) => t.name === 'migration-sck')
    if (!test) throw new Error('unittests.cfg: no migration-sck')
    const res = parseQemuParams(test, { maxSmp: 2 })
    const req: TargetRunRequest = {
      test,
      kernelPath: join(UPSTREAM_DIR, test.file),
      flatPath: null,
      smp: res.smp,
      memMiB: res.memMiB,
      args: test.testArgs,
      timeoutMs: 90_000,
      signal: new AbortController().signal,
      onOutput: () => undefined,
    }
    const o = await target.run(req)
    expect({ ...essentials(o), migrations: o.facts['migrations'] }, o.log).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '1' })
  })
})
