import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { createQemuSshTarget } from '@main/targets/qemu-ssh'
import { detachedHost, type Target } from '@main/targets/target'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { essentials, runRequest } from './kernels'

let fx: SshdFixture
const targets: Target[] = []

function env(config: Record<string, unknown> = {}): Target {
  const e: Environment = {
    id: 7,
    name: 'remote-tcg',
    kind: 'qemu-ssh',
    level: '',
    config: { ...fx.sshConfig(), accel: 'tcg', ...config },
    facts: {},
    concurrency: 2,
    createdAt: new Date().toISOString(),
  }
  const t = createQemuSshTarget(e, detachedHost(process.env))
  targets.push(t)
  return t
}

const qemuRunning = (arg: string): boolean => {
  try {
    execFileSync('pgrep', ['-f', arg])
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  fx = await startSshd()
})
afterAll(async () => {
  for (const t of targets) await t.dispose()
  await fx?.stop()
})

describe('qemu-ssh driver against a real sshd and the real qemu-system-s390x (TCG)', () => {
  it('reports health: level from qemu --version, accel and the pinned host key', async () => {
    const h = await env().health()
    expect({ ok: h.ok, problems: h.problems, level: h.level?.startsWith('QEMU ') }).toEqual({ ok: true, problems: [], level: true })
    expect(h.facts).toMatchObject({ accel: 'tcg', 'ssh.hostKey': fx.hostKeyFingerprint, nested: 'false' })
  })

  it('uploads and runs a kernel with the upstream command line, streaming the console', async () => {
    const req = runRequest('selftest')
    const o = await env().run(req)
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('EXIT: STATUS=1')
    expect(req.output.join('')).toBe(o.log)
    expect(o.command).toMatch(/qemu-system-s390x -nodefaults -nographic -machine s390-ccw-virtio,accel=tcg .* -kernel \/tmp\/labcon-qemu\.\w+\/selftest\.elf -smp 1 -m 256 -append 'test 123 mem=256'$/)
    const dir = /-kernel (\S+)\/selftest\.elf/.exec(o.command)?.[1] ?? ''
    expect(() => execFileSync('test', ['-e', dir])).toThrow() // per-run dir removed
  })

  it('reports a failing kernel as its exit status, not an infra error', async () => {
    const o = await env().run(runRequest('fail'))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
  })

  it('times out a kernel that never ends and kills the remote qemu', async () => {
    const o = await env().run(runRequest('loop', { timeoutMs: 2_500 }))
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
    await new Promise((r) => setTimeout(r, 300))
    expect(qemuRunning(/-kernel (\S+\/loop\.elf)/.exec(o.command)?.[1] ?? 'no kernel in command')).toBe(false)
  })

  it('cancels on abort', async () => {
    const ac = new AbortController()
    const req = runRequest('loop', { signal: ac.signal })
    setTimeout(() => ac.abort(), 1_500)
    const o = await env().run(req)
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: false, cancelled: true, infraError: null })
  })

  it('gives an infra error when the remote qemu is not installed', async () => {
    const t = env({ binary: 'qemu-system-s390x-not-here' })
    const h = await t.health()
    expect(h.problems).toEqual([`qemu-system-s390x-not-here: not installed on ${fx.user}@127.0.0.1`])
    const o = await t.run(runRequest('selftest'))
    expect(o.infraError).toMatch(/^qemu-system-s390x-not-here: not installed on .*exit 127/)
  })

  it('reports that KVM is unusable when accel=kvm on a host that is not s390x', async () => {
    const h = await env({ accel: 'kvm' }).health()
    const arch = execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim()
    expect(arch === 's390x' || h.problems.includes(`${fx.user}@127.0.0.1 is ${arch}, not s390x: KVM cannot run s390x guests there (use accel tcg)`)).toBe(true)
    expect(h.ok).toBe(arch === 's390x')
  })

  it('gives an infra error when the connection drops mid-run', async () => {
    const req = runRequest('loop', { timeoutMs: 60_000 })
    const p = env().run(req)
    while (req.output.length === 0) await new Promise((r) => setTimeout(r, 100))
    fx.dropConnections()
    const o = await p
    expect(o.infraError).toMatch(/connection lost/)
    const dir = /-kernel (\S+)\/loop\.elf/.exec(o.command)?.[1] ?? 'no dir in command'
    expect(qemuRunning(dir)).toBe(false) // the orphan was reaped over a new connection
    expect({ timedOut: o.timedOut, cancelled: o.cancelled }).toEqual({ timedOut: false, cancelled: false })
  })

  it('gives an infra error when authentication is refused or the host key does not match', async () => {
    const refused = await env({ privateKeyPath: fx.strangerKeyPath }).run(runRequest('selftest'))
    expect(refused.infraError).toBe(`ssh ${fx.user}@127.0.0.1:${fx.port}: authentication refused (key ${fx.strangerKeyPath})`)
    const wrongPin = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
    const changed = await env({ hostKeyFingerprint: wrongPin }).run(runRequest('selftest'))
    expect(changed.infraError).toContain(`host key of 127.0.0.1:${fx.port} changed: pinned ${wrongPin}, presented ${fx.hostKeyFingerprint}`)
  })
})
