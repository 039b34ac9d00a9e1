// The migration protocol on the local qemu-tcg driver with our own migration kernel (runs in CI: the kernel is
// committed): the real qemu-system-s390x under TCG, QMP over unix sockets.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { createQemuTcgTarget } from '@main/targets/qemu-tcg'
import { essentials } from './kernels'
import { migrationRequest } from './migration-kernel'
import { detachedHost } from '@main/targets/target'

const env = (config: Record<string, unknown> = {}): Environment => ({ id: 1, name: 'tcg', kind: 'qemu-tcg', level: '', config, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() })
const qemuRunning = (arg: string): boolean => {
  try {
    execFileSync('pgrep', ['-f', arg])
    return true
  } catch {
    return false
  }
}
const migDirs = (): string[] => readdirSync(tmpdir()).filter((d) => d.startsWith('labcon-mig-'))

describe('qemu-tcg migration (real qemu-system-s390x, TCG)', () => {
  it('migrates twice when the guest asks, follows the console across the three instances, and the state survives', async () => {
    const before = migDirs()
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const timersBefore = timers()
    const req = migrationRequest('migrate')
    const o = await createQemuTcgTarget(env(), detachedHost(process.env)).run(req)
    expect({ ...essentials(o), migrations: o.facts['migrations'] }).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '2' })
    const lines = o.log.split('\n').filter((l) => /^(PASS|FAIL|SUMMARY|Now migrate)/.test(l))
    expect(lines).toEqual([
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 1',
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 2',
      'SUMMARY: 2 tests',
    ])
    expect(req.output.join('')).toBe(o.log)
    expect(o.command).toMatch(/^qemu-system-s390x -nodefaults .* -kernel \S+\/migrate\.elf .* -chardev socket,id=mon,path=\S+\/qmp-N\.sock,server=on,wait=off -mon chardev=mon,mode=control \(\+ -incoming unix:… per migration\)$/)
    expect(migDirs().filter((d) => !before.includes(d))).toEqual([]) // sockets directory removed
    // nothing left to keep the process alive: `labcon run` exits when its last test ends
    expect(timers()).toBeLessThanOrEqual(timersBefore)
  })

  it('resumes the source without migrating when the guest skips (migrate_skip)', async () => {
    const o = await createQemuTcgTarget(env(), detachedHost(process.env)).run(migrationRequest('migrate-skip'))
    expect({ ...essentials(o), migrations: o.facts['migrations'] }).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '0' })
    expect(o.log).toContain('PASS: migrate: migration skipped, machine resumed')
  })

  it('fails a migration-group test that ends without reaching a migration point, as upstream (status 3)', async () => {
    const o = await createQemuTcgTarget(env(), detachedHost(process.env)).run(migrationRequest('migrate-plain'))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('EXIT: STATUS=1\nERROR: Test exit before migration point.')
  })

  it('reports a migration QEMU refuses as INFRA with its reason', async () => {
    // A destination with less memory than the source cannot take its RAM: QEMU fails the migration and says why.
    const req = migrationRequest('migrate', { timeoutMs: 60_000 })
    const wrapper = `${tmpdir()}/labcon-qemu-shrink.sh`
    const fs = await import('node:fs')
    fs.writeFileSync(wrapper, '#!/bin/sh\ncase "$*" in *-incoming*) exec qemu-system-s390x "$@" -m 192 ;; *) exec qemu-system-s390x "$@" ;; esac\n', { mode: 0o755 })
    try {
      const o = await createQemuTcgTarget(env({ binary: wrapper }), detachedHost(process.env)).run(req)
      expect({ exitStatus: o.exitStatus, timedOut: o.timedOut, migrations: o.facts['migrations'] }).toEqual({ exitStatus: null, timedOut: false, migrations: '0' })
      expect(o.infraError).toMatch(/^migration 0 → 1 failed \(local\): .+|destination QEMU \(local\) ended during the migration/)
    } finally {
      fs.rmSync(wrapper, { force: true })
    }
  })

  it('kills every instance when cancelled while the guest waits', async () => {
    const ac = new AbortController()
    const req = migrationRequest('migrate', { signal: ac.signal })
    // Cancel the moment the guest first waits for its migration (a timer races a fast machine: the whole test can end
    // in 300 ms, and then there is nothing left to cancel).
    const record = req.onOutput
    req.onOutput = (t) => {
      record(t)
      if (!ac.signal.aborted && req.output.join('').includes('Now migrate')) ac.abort()
    }
    const o = await createQemuTcgTarget(env(), detachedHost(process.env)).run(req)
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: false, cancelled: true, infraError: null })
    // both instances (source and the waiting destination) are gone with the run's socket directory
    const dir = /path=(\S+)\/qmp-N\.sock/.exec(o.command)?.[1] ?? 'no socket dir in the command'
    await new Promise((r) => setTimeout(r, 300))
    expect({ dir: existsSync(dir), qemu: qemuRunning(dir) }).toEqual({ dir: false, qemu: false })
  })
})
