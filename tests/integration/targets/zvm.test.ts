import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import type { Target } from '@main/targets/target'
import { createZvmTarget, parseReaderList, VmcpError } from '@main/targets/zvm'
import { createFakeZvm, type FakeZvm } from '../../fixtures/fake-zvm/fake-zvm'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { essentials, KERNELS_DIR, runRequest } from './kernels'

let fx: SshdFixture
let bare: SshdFixture
let zvm: FakeZvm
const targets: Target[] = []

function vm(config: Record<string, unknown> = {}, server: SshdFixture = fx): Target {
  const e: Environment = {
    id: 31,
    name: 'zvm-kuttest',
    kind: 'zvm',
    level: '',
    config: { ...server.sshConfig(), guest: 'kuttest', pollMs: 150, ...config },
    facts: {},
    concurrency: 1,
    createdAt: new Date().toISOString(),
  }
  const t = createZvmTarget(e)
  targets.push(t)
  return t
}

beforeAll(async () => {
  zvm = createFakeZvm({ kernelsDir: KERNELS_DIR, memMiB: 256, guests: ['KUTTEST', 'LOCKED'], denyXautolog: ['LOCKED'] })
  fx = await startSshd({ env: zvm.env })
  bare = await startSshd()
})
afterAll(async () => {
  for (const t of targets) await t.dispose()
  zvm?.stop()
  await fx?.stop()
  await bare?.stop()
})

describe('z/VM helpers', () => {
  it('parses vmur list and explains vmcp exit codes', () => {
    const list = [
      'ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST',
      'KUTTEST  0013 T CON 00000042 001 NONE 11/25 09:40:01 KUTTEST   CONSOLE   LABCTL',
      'LABCTL   0014 A PUN 00000100 001 NONE 11/25 09:40:02 KUT       BIN       LABCTL',
    ].join('\n')
    expect(parseReaderList(list)).toEqual([
      { origin: 'KUTTEST', spoolid: 13, name: 'KUTTEST', type: 'CONSOLE' },
      { origin: 'LABCTL', spoolid: 14, name: 'KUT', type: 'BIN' },
    ])
    expect([2, 3, 4].map((c) => new VmcpError('Q X', c, '').message)).toEqual([
      'vmcp Q X: response truncated (the vmcp buffer was too small)',
      'vmcp Q X: Linux error (is the vmcp module loaded and /dev/vmcp present?)',
      'vmcp Q X: bad options',
    ])
  })
})

describe('zvm driver against a controller with vmur/vmcp', () => {
  it('reads the CP level and the controller userid', async () => {
    const h = await vm().health()
    expect({ ok: h.ok, level: h.level, problems: h.problems, controller: h.facts['controller'] }).toEqual({
      ok: true,
      level: 'z/VM Version 7 Release 3.0, service level 2301 (64-bit)',
      problems: [],
      controller: 'LABCTL',
    })
  })

  it('punches, XAUTOLOGs, spools the console, IPLs 00C CLEAR and receives the converted console spool', async () => {
    const before = zvm.calls().length
    const req = runRequest('selftest')
    const o = await vm().run(req)
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain("INFO: selftest: args: argc 4, boot arguments 'test 123 mem=256'")
    expect(req.output.join('')).toBe(o.log)
    const calls = zvm.calls().slice(before)
    expect(calls.slice(0, 5).map((c) => c.replace(/\/tmp\/labcon-zvm\.\w+/, 'DIR'))).toEqual([
      'vmcp q userid',
      'vmur punch -r -u KUTTEST -N KUT.BIN DIR/kernel.bin',
      'vmcp xautolog KUTTEST',
      'vmcp send cp KUTTEST spool console start to LABCTL',
      'vmcp send cp KUTTEST ipl 00c clear parm test 123 mem=256',
    ])
    expect(calls).toContain('vmcp send cp KUTTEST spool console close')
    expect(calls.some((c) => /^vmur receive -t -O \d+$/.test(c))).toBe(true)
    const tail = calls.slice(calls.indexOf('vmcp send cp KUTTEST spool console stop close'))
    expect(tail.slice(0, 2)).toEqual(['vmcp send cp KUTTEST spool console stop close', 'vmur list'])
    expect(tail.slice(2).every((c, i) => (i % 2 === 0 ? /^vmur receive -t -O \d+$/ : /^vmur purge -f \d+$/).test(c))).toBe(true)
  })

  it('runs again on the guest that is still logged on (HCPLGA054E is not an error)', async () => {
    const o = await vm().run(runRequest('fail'))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('SUMMARY: 5 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped')
  })

  it('times out a kernel that never ends and resets the guest', async () => {
    const before = zvm.calls().length
    const o = await vm().run(runRequest('loop', { timeoutMs: 8_000 }))
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
    expect(o.log).toContain('loop: started')
    expect(zvm.calls().slice(before)).toContain('vmcp send cp KUTTEST system reset')
  })

  it('gives an infra error when the connection to the controller drops mid-run', async () => {
    const req = runRequest('loop')
    const p = vm().run(req)
    while (!req.output.join('').includes('loop: started')) await new Promise((r) => setTimeout(r, 100))
    fx.dropConnections()
    const o = await p
    expect(o.infraError).toMatch(/connection lost/)
    expect({ timedOut: o.timedOut, cancelled: o.cancelled }).toEqual({ timedOut: false, cancelled: false })
    expect(zvm.calls().at(-1)).toBe('vmcp send cp KUTTEST system reset') // reset over a new connection
  })

  it('maps CP errors and missing tools to infra errors', async () => {
    const locked = await vm({ guest: 'locked' }).run(runRequest('fail'))
    expect(locked.infraError).toBe("vmcp XAUTOLOG LOCKED: CP error: HCPXAU051E XAUTOLOG LOCKED refused: not authorized | Error: non-zero CP response for command 'XAUTOLOG LOCKED': #51")
    const unknown = await vm({ guest: 'nosuch' }).run(runRequest('fail'))
    expect(unknown.infraError).toBe('vmur punch -r -u NOSUCH -N KUT.BIN ' + /\/tmp\/labcon-zvm\.\w+\/kernel\.bin/.exec(unknown.command)?.[0] + ': exit 1: vmur: user NOSUCH does not exist')
    const noTools = await vm({}, bare).run(runRequest('fail'))
    expect(noTools.infraError).toMatch(/^vmcp Q USERID: vmcp is not installed on the controller \(s390-tools\): .*vmcp: not found$/)
    const h = await vm({}, bare).health()
    expect(h.problems.length === 1 && h.problems[0]?.startsWith('vmcp Q CPLEVEL: vmcp is not installed on the controller (s390-tools)')).toBe(true)
    const long = await vm().run(runRequest('fail', { args: 'x'.repeat(65) }))
    expect(long.infraError).toBe(`test_args of 65 characters do not fit CP's IPL PARM (64 at most): '${'x'.repeat(65)}'`)
  })
})
