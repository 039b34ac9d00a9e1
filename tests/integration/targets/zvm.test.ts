import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { encodeEbcdic } from '@core/domain/ebcdic'
import { verdictOf } from '@core/domain/verdict'
import { buildReaderDeck } from '@core/emulator/ipl/reader-deck'
import { detachedHost, type Target } from '@main/targets/target'
import { createZvmTarget, joinConsoleRecords, parseReaderList, VmcpError } from '@main/targets/zvm'
import { createFakeZvm, type FakeZvm, type FakeZvmFaults } from '../../fixtures/fake-zvm/fake-zvm'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { essentials, KERNELS_DIR, runRequest } from './kernels'

/** Run limit for kernels that end: generous, as every controller call is a process (the machine may be loaded). */
const slow = { timeoutMs: 240_000 }
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
  const t = createZvmTarget(e, detachedHost(process.env))
  targets.push(t)
  return t
}

beforeAll(async () => {
  zvm = createFakeZvm({ memMiB: 256, guests: ['KUTTEST', 'LOCKED'], denyXautolog: ['LOCKED'] })
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

// Every vmcp/vmur call is a process on the controller: on a loaded machine a run takes a minute or more.
describe('zvm driver against a controller with vmur/vmcp', { timeout: 300_000 }, () => {
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
    const req = runRequest('selftest', slow)
    const o = await vm().run(req)
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain("INFO: selftest: args: argc 4, boot arguments 'test 123 mem=256'")
    expect(req.output.join('')).toBe(o.log)
    const calls = zvm.calls().slice(before)
    expect(calls.slice(0, 6).map((c) => c.replace(/\/tmp\/labcon-zvm\.\w+/, 'DIR'))).toEqual([
      'vmcp -k QUERY USERID',
      'vmcp -k XAUTOLOG KUTTEST',
      'vmcp -k SEND CP KUTTEST PURGE READER ALL',
      'vmur punch -r -u KUTTEST -N KUT.DECK DIR/kut.deck',
      'vmcp -k SEND CP KUTTEST SPOOL CONSOLE START TO LABCTL',
      'vmcp -k SEND CP KUTTEST IPL 00C CLEAR PARM test 123 mem=256',
    ])
    expect(calls).toContain('vmcp -k SEND CP KUTTEST SPOOL CONSOLE CLOSE')
    expect(calls.some((c) => /^vmur receive -t -O \d+$/.test(c))).toBe(true)
    const tail = calls.slice(calls.indexOf('vmcp -k SEND CP KUTTEST SPOOL CONSOLE STOP CLOSE'))
    expect(tail.slice(0, 2)).toEqual(['vmcp -k SEND CP KUTTEST SPOOL CONSOLE STOP CLOSE', 'vmur list'])
    expect(tail.slice(2).every((c, i) => (i % 2 === 0 ? /^vmur receive -t -O \d+$/ : /^vmur purge -f \d+$/).test(c))).toBe(true)
  })

  it('runs again on the guest that is still logged on (HCPLGA054E is not an error)', async () => {
    const o = await vm().run(runRequest('fail', slow))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('SUMMARY: 5 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped')
  })

  it('times out a kernel that never ends and resets the guest', async () => {
    const before = zvm.calls().length
    const o = await vm().run(runRequest('loop', { timeoutMs: 8_000 }))
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
    expect(o.log).toContain('loop: started')
    expect(zvm.calls().slice(before)).toContain('vmcp -k SEND CP KUTTEST SYSTEM RESET')
  })

  it('gives an infra error when the connection to the controller drops mid-run', async () => {
    const req = runRequest('loop')
    const p = vm().run(req)
    while (!req.output.join('').includes('loop: started')) await new Promise((r) => setTimeout(r, 100))
    fx.dropConnections()
    const o = await p
    expect(o.infraError).toMatch(/connection lost/)
    expect({ timedOut: o.timedOut, cancelled: o.cancelled }).toEqual({ timedOut: false, cancelled: false })
    expect(zvm.calls().at(-1)).toBe('vmcp -k SEND CP KUTTEST SYSTEM RESET') // reset over a new connection
  })

  it('maps CP errors and missing tools to infra errors', async () => {
    const locked = await vm({ guest: 'locked' }).run(runRequest('fail', slow))
    expect(locked.infraError).toBe("vmcp XAUTOLOG LOCKED: CP error: HCPXAU051E XAUTOLOG LOCKED refused: not authorized | Error: non-zero CP response for command 'XAUTOLOG LOCKED': #51")
    const unknown = await vm({ guest: 'nosuch' }).run(runRequest('fail', slow))
    expect(unknown.infraError).toBe("vmcp XAUTOLOG NOSUCH: CP error: HCPLGA053E NOSUCH not in CP directory | Error: non-zero CP response for command 'XAUTOLOG NOSUCH': #53")
    const noTools = await vm({}, bare).run(runRequest('fail', slow))
    expect(noTools.infraError).toMatch(/^vmcp QUERY USERID: vmcp is not installed on the controller \(s390-tools\): .*vmcp: not found$/)
    const h = await vm({}, bare).health()
    expect(h.problems.length === 1 && h.problems[0]?.startsWith('vmcp QUERY CPLEVEL: vmcp is not installed on the controller (s390-tools)')).toBe(true)
  })

  it('arguments longer than a PARM (64) travel on the deck and reach the kernel; the IPL then has no PARM', async () => {
    const before = zvm.calls().length
    const args = `test 123 mem=${'0'.repeat(60)}256`
    const o = await vm().run(runRequest('selftest', { ...slow, args }))
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('PASS: selftest: args: argv1 argv2 == test 123')
    expect(zvm.calls().slice(before)).toContain('vmcp -k SEND CP KUTTEST IPL 00C CLEAR')
  })

  it('a stale file in the guest reader is purged first: the guest IPLs the deck of this run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-stale-'))
    writeFileSync(join(dir, 'fail.deck'), buildReaderDeck(new Uint8Array(await import('node:fs').then((f) => f.readFileSync(`${KERNELS_DIR}fail.bin`)))).bytes)
    tool(['vmur', 'punch', '-r', '-u', 'KUTTEST', '-N', 'STALE.DECK', join(dir, 'fail.deck')])
    expect(zvm.readerFiles('KUTTEST').map((f) => f.name)).toEqual(['STALE'])
    const o = await vm().run(runRequest('selftest', slow))
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(zvm.readerFiles('KUTTEST')).toEqual([])
  })

  describe('faults of the real system are INFRA with the reason', () => {
    const verdictWith = async (faults: FakeZvmFaults): Promise<{ verdict: string; reason: string | null }> => {
      zvm.setFaults(faults)
      try {
        const o = await vm().run(runRequest('fail', slow))
        return verdictOf({ ...o, subtests: [] })
      } finally {
        zvm.setFaults({ denyXautolog: ['LOCKED'] })
      }
    }
    it('reader full', async () => {
      expect(await verdictWith({ readerLimit: { KUTTEST: 0 } })).toEqual({
        verdict: 'INFRA',
        reason: expect.stringMatching(/^vmur punch -r -u KUTTEST -N KUT\.DECK \S+\/kut\.deck: exit 1: vmur: could not transfer the punch file to KUTTEST: reader full/),
      })
    })
    it('reader device busy', async () => {
      expect(await verdictWith({ busy: ['KUTTEST'] })).toEqual({
        verdict: 'INFRA',
        reason: "vmcp SEND CP KUTTEST IPL 00C CLEAR: CP error: Device 000C busy (fake z/VM: KUTTEST is configured with a busy reader) | Error: non-zero CP response for command 'SEND CP KUTTEST IPL 00C CLEAR': #1",
      })
    })
    it('CP command refused', async () => {
      expect(await verdictWith({ refuse: { SEND: { rc: 1, message: 'SEND refused: LABCTL lacks privilege class C (test text)' } } })).toEqual({
        verdict: 'INFRA',
        reason: "vmcp SEND CP KUTTEST PURGE READER ALL: CP error: SEND refused: LABCTL lacks privilege class C (test text) | Error: non-zero CP response for command 'SEND CP KUTTEST PURGE READER ALL': #1",
      })
    })
  })
})

/** Runs the fake controller tools directly (as a shell on the controller would); returns exit code and output. */
function tool(args: string[]): { code: number; stdout: string } {
  const script = fileURLToPath(new URL('../../fixtures/fake-zvm/zvm-tools.mjs', import.meta.url))
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [script, ...args], { env: { ...process.env, ...zvm.env }, encoding: 'utf8' }) }
  } catch (e) {
    const x = e as { status: number; stdout: string }
    return { code: x.status, stdout: x.stdout }
  }
}

describe('the fake z/VM console spool', () => {
  it('spools console lines as CP records: 132 bytes at most, trailing blanks dropped, an empty line kept', () => {
    tool(['vmcp', 'xautolog', 'kuttest'])
    tool(['vmcp', 'send', 'cp', 'kuttest', 'spool', 'console', 'start', 'to', 'labctl'])
    tool(['vmcp', 'send', 'cp', 'kuttest', 'spool', 'console', 'close'])
    const spooled = (): number[] =>
      tool(['vmur', 'list'])
        .stdout.split('\n')
        .map((l) => /^KUTTEST\s+(\d+) T CON/.exec(l)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number)
    for (const id of spooled()) tool(['vmur', 'purge', String(id)])
    const long = 'L'.repeat(200)
    const lines = [long, 'trailing   ', '', 'EXIT: STATUS=1']
    const con = Buffer.concat(lines.map((l) => Buffer.concat([Buffer.from([l.length >> 8, l.length & 0xff]), Buffer.from(encodeEbcdic(l))])))
    mkdirSync(join(zvm.stateDir, 'console'), { recursive: true })
    appendFileSync(join(zvm.stateDir, 'console', 'KUTTEST.con'), con)
    tool(['vmcp', 'send', 'cp', 'kuttest', 'spool', 'console', 'stop', 'close'])
    const [id] = spooled()
    const text = tool(['vmur', 'receive', '-t', '-O', String(id)]).stdout
    expect(text).toBe(`${long.slice(0, 132)}\n${long.slice(132)}\ntrailing\n\nEXIT: STATUS=1\n`)
    expect(joinConsoleRecords(text)).toBe(`${long}\ntrailing\n\nEXIT: STATUS=1\n`)
    // binary receive gives the records padded with EBCDIC blanks to the record length, as vmur does
    const raw = execFileSync(process.execPath, [fileURLToPath(new URL('../../fixtures/fake-zvm/zvm-tools.mjs', import.meta.url)), 'vmur', 'receive', '-O', String(id)], { env: { ...process.env, ...zvm.env } })
    expect(raw.length).toBe(5 * 132)
    expect(raw.subarray(2 * 132, 3 * 132)).toEqual(Buffer.concat([Buffer.from(encodeEbcdic('trailing')), Buffer.alloc(124, 0x40)]))
    tool(['vmur', 'purge', String(id)])
  })
})

describe('the fake z/VM executes what it is given', { timeout: 300_000 }, () => {
  it('a flat image punched as is does not IPL: its bytes 8-23 hold no channel program', () => {
    tool(['vmcp', 'xautolog', 'kuttest'])
    tool(['vmcp', 'send', 'cp', 'kuttest', 'purge', 'rdr', 'all'])
    tool(['vmur', 'punch', '-r', '-u', 'KUTTEST', '-N', 'KUT.BIN', `${KERNELS_DIR}selftest.bin`])
    const r = tool(['vmcp', '-k', 'SEND', 'CP', 'KUTTEST', 'IPL', '00C', 'CLEAR'])
    expect(r).toEqual({ code: 1, stdout: 'IPL from 000C failed: CCW at 0x8: invalid command code 0x0 (channel program check)\n' })
  })

  it('vmcp without -k upper-cases the PARM, and the kernel sees it upper-cased', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-case-'))
    writeFileSync(join(dir, 'k.deck'), buildReaderDeck(new Uint8Array(await import('node:fs').then((f) => f.readFileSync(`${KERNELS_DIR}selftest.bin`)))).bytes)
    tool(['vmcp', 'xautolog', 'kuttest'])
    tool(['vmcp', 'send', 'cp', 'kuttest', 'purge', 'rdr', 'all'])
    tool(['vmur', 'punch', '-r', '-u', 'KUTTEST', '-N', 'K.DECK', join(dir, 'k.deck')])
    tool(['vmcp', 'send', 'cp', 'kuttest', 'sp', 'cons', 'start', 'to', 'labctl'])
    expect(tool(['vmcp', 'send', 'cp', 'kuttest', 'ipl', 'c', 'clear', 'parm', 'test 123 mem=256']).code).toBe(0)
    let text = ''
    for (let i = 0; i < 150 && !text.includes('HCPGSP2629I'); i++) {
      await new Promise((r) => setTimeout(r, 200))
      tool(['vmcp', 'send', 'cp', 'kuttest', 'sp', 'cons', 'close'])
      for (const line of tool(['vmur', 'list']).stdout.split('\n')) {
        const m = /^KUTTEST\s+(\d+) T CON/.exec(line)
        if (!m) continue
        text += tool(['vmur', 'receive', '-t', '-O', m[1]!]).stdout
        tool(['vmur', 'purge', m[1]!])
      }
    }
    tool(['vmcp', 'send', 'cp', 'kuttest', 'sp', 'cons', 'stop'])
    expect(text).toContain("INFO: selftest: args: argc 4, boot arguments 'TEST 123 MEM=256'")
    expect(text).toContain('FAIL: selftest: args: argv1 argv2 == test 123')
    // z/VM shows the line-mode console only, and CP's notice when the kernel stops its CPU (SIGP STOP after EXIT)
    expect(text).toMatch(/EXIT: STATUS=3\nHCPGSP2629I The virtual machine is placed in CP mode due to a SIGP stop from CPU 00\.\n$/)
  })
})
