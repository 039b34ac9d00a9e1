import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeEbcdic } from '@core/domain/ebcdic'
import type { Environment } from '@core/domain/environment'
import { createSimulatorTarget, expandTemplate, simulatorSettings, SimulatorTemplateError } from '@main/targets/simulator'
import { detachedHost, type Target } from '@main/targets/target'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { essentials, runRequest } from './kernels'

let fx: SshdFixture
const targets: Target[] = []

function sim(config: Record<string, unknown>, remote = false): Target {
  const e: Environment = {
    id: 9,
    name: remote ? 'sim-remote' : 'sim-local',
    kind: 'simulator',
    level: '',
    config: remote ? { ...fx.sshConfig(), ...config } : config,
    facts: {},
    concurrency: 1,
    createdAt: new Date().toISOString(),
  }
  const t = createSimulatorTarget(e, detachedHost(process.env))
  targets.push(t)
  return t
}

const QEMU_TEMPLATE = ['qemu-system-s390x', '-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0', '-kernel', '{kernel}', '-smp', '{smp}', '-m', '{memMiB}', '-append', '{args}']
/** A "simulator" that writes its first argument, literally, to a console file and exits. */
const ECHO_TO_FILE = ['sh', '-c', 'printf "args=[%s]\\nEXIT: STATUS=1\\n" "$1" > "$2"', 'sim', '{args}', '{workDir}/console.log']

beforeAll(async () => {
  fx = await startSshd()
})
afterAll(async () => {
  for (const t of targets) await t.dispose()
  await fx?.stop()
})

describe('expandTemplate', () => {
  const values = { kernel: '/k/x.elf', bin: null, workDir: '/w', smp: 2, memMiB: 128, timeoutSec: 90, args: 'a b; rm -rf /' }
  it('substitutes typed placeholders, each element staying one argument', () => {
    expect(expandTemplate('t', ['run', '--kernel={kernel}', '{args}', 'mem={memMiB}M', '{smp}'], values)).toEqual(['run', '--kernel=/k/x.elf', 'a b; rm -rf /', 'mem=128M', '2'])
  })
  it('takes the argv as a JSON string too (labcon env add --config command=...)', () => {
    expect(simulatorSettings({ name: 's', config: { command: '["sim", "--kernel", "{kernel}"]' } }).command).toEqual(['sim', '--kernel', '{kernel}'])
    expect(() => simulatorSettings({ name: 's', config: { command: '["sim",' } })).toThrow(`environment 's': 'command' is not a valid JSON array: ["sim",`)
  })
  it('names unknown placeholders and a missing flat image', () => {
    expect(() => expandTemplate('env x', ['{kernal}'], values)).toThrow(SimulatorTemplateError)
    expect(() => expandTemplate('env x', ['{kernal}'], values)).toThrow(/env x: element 0 '\{kernal\}': unknown placeholder \{kernal\}/)
    expect(() => expandTemplate('env x', ['--bin', '{bin}'], values)).toThrow("env x: '{bin}' needs {bin} but the kernel has no flat .bin image")
  })
})

describe('simulator driver', () => {
  it('runs a local template without a shell (QEMU standing in for a simulator)', async () => {
    const o = await sim({ command: QEMU_TEMPLATE, versionCommand: ['qemu-system-s390x', '--version'] }).run(runRequest('selftest'))
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.command).toContain("-m 256 -append 'test 123 mem=256'")
  })

  it('runs the same template over SSH, each element quoted for the remote shell', async () => {
    const t = sim({ command: QEMU_TEMPLATE, versionCommand: ['qemu-system-s390x', '--version'] }, true)
    const h = await t.health()
    expect({ ok: h.ok, level: h.level?.startsWith('QEMU emulator version') }).toEqual({ ok: true, level: true })
    const o = await t.run(runRequest('fail'))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
  })

  for (const remote of [false, true]) {
    it(`passes hostile args literally and reads the console from a file (${remote ? 'remote' : 'local'})`, async () => {
      const canary = join(mkdtempSync(join(tmpdir(), 'labcon-sim-canary-')), 'pwned')
      const args = `x; touch ${canary} $(touch ${canary}) \`touch ${canary}\` 'q'`
      const o = await sim({ command: ECHO_TO_FILE, consoleFile: '{workDir}/console.log' }, remote).run(runRequest('fail', { args }))
      expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
      expect(o.log).toBe(`args=[${args}]\nEXIT: STATUS=1\n`)
      expect(existsSync(canary)).toBe(false)
    })
  }

  it('decodes an EBCDIC console file and stops a launcher that never exits once EXIT appears', async () => {
    const octal = [...encodeEbcdic('hello from line mode\nEXIT: STATUS=77\n', { lineEnd: 'nl' })].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')
    const command = ['sh', '-c', `printf '${octal}' > "$1"; exec sleep 300`, 'sim', '{workDir}/console.ebc']
    const o = await sim({ command, consoleFile: '{workDir}/console.ebc', consoleEncoding: 'ebcdic', stopOnExit: true }, true).run(runRequest('fail'))
    expect(essentials(o)).toEqual({ exitStatus: 77, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toBe('hello from line mode\nEXIT: STATUS=77\n')
  })

  it('times out, and reports a missing simulator or a bad template as infra errors', async () => {
    const slow = await sim({ command: ['sleep', '300'] }).run(runRequest('loop', { timeoutMs: 800 }))
    expect(essentials(slow)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
    const missing = await sim({ command: ['zpdt-not-installed', '{kernel}'] }, true).run(runRequest('fail'))
    expect(missing.infraError).toBe(`zpdt-not-installed: not found on ${fx.user}@127.0.0.1`)
    const missingLocal = await sim({ command: ['zpdt-not-installed', '{kernel}'] }).run(runRequest('fail'))
    expect(missingLocal.infraError).toBe('zpdt-not-installed: not found')
    const bad = sim({ command: ['run', '{kernal}'] })
    expect((await bad.health()).problems).toEqual([
      "environment 'sim-local': command: element 1 '{kernal}': unknown placeholder {kernal} (known: {kernel}, {bin}, {workDir}, {smp}, {memMiB}, {timeoutSec}, {args})",
    ])
    expect((await bad.run(runRequest('fail'))).infraError).toContain('unknown placeholder {kernal}')
  })
})
