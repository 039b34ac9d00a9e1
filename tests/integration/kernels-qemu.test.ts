// Our own test kernels (resources/kernels) under the real qemu-system-s390x (TCG), with the exact upstream command
// line built from their unittests.cfg entries; each kernel's result lines, SUMMARY and EXIT status are checked.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseUnittestsCfg, type CatalogTest } from '@core/domain/catalog'
import { parseConsoleOutput } from '@core/domain/console'
import { encodeEbcdic } from '@core/domain/ebcdic'
import type { SubtestResult, Summary } from '@core/domain/results'
import { splitShellWords } from '@core/domain/shell-words'

const KERNELS = fileURLToPath(new URL('../../resources/kernels/', import.meta.url))
const CFG = join(KERNELS, 'unittests.cfg')
const catalog = parseUnittestsCfg(readFileSync(CFG, 'utf8'), CFG)
const tmp = mkdtempSync(join(tmpdir(), 'labcon-kernels-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

interface QemuRun {
  stdout: string
  code: number | null
  timedOut: boolean
}

function entry(name: string): CatalogTest {
  const t = catalog.tests.find((x) => x.name === name)
  if (!t) throw new Error(`unittests.cfg has no [${name}]`)
  return t
}

/** The upstream standalone command line (LAB.md) for a catalog entry, optionally with another kernel file. */
function upstreamArgs(t: CatalogTest, opts: { kernel?: string; smp?: string; append?: string; extra?: string[] } = {}): string[] {
  return [
    '-nodefaults',
    '-nographic',
    '-machine',
    's390-ccw-virtio,accel=tcg',
    '-chardev',
    'stdio,id=con0',
    '-device',
    'sclpconsole,chardev=con0',
    '-kernel',
    join(KERNELS, opts.kernel ?? t.file),
    '-smp',
    opts.smp ?? t.smp,
    ...splitShellWords(t.qemuParams),
    ...(opts.extra ?? []),
    '-append',
    opts.append ?? t.testArgs,
  ]
}

function qemu(args: string[], timeoutMs: number): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-system-s390x', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (!timedOut && code !== 0) reject(new Error(`qemu-system-s390x exited ${code}: ${stderr}`))
      else resolve({ stdout, code, timedOut })
    })
  })
}

/** Runs a catalog entry as run_tests.sh would (its timeout applies) and parses the console. */
async function runEntry(name: string, opts: Parameters<typeof upstreamArgs>[1] = {}) {
  const t = entry(name)
  const run = await qemu(upstreamArgs(t, opts), t.timeoutSec * 1000)
  const parsed = parseConsoleOutput(run.stdout)
  return { run, parsed, results: parsed.subtests.filter((s) => s.status !== 'INFO') }
}

const pass = (...names: string[]): SubtestResult[] => names.map((name) => ({ status: 'PASS', name }))
const summary = (tests: number, over: Partial<Summary> = {}): Summary => ({ tests, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 0, ...over })

const SELFTEST = pass(
  'selftest: args: argc == 4',
  'selftest: args: argv0 == selftest',
  'selftest: args: argv1 argv2 == test 123',
  'selftest: args: mem= given',
  'selftest: memory: SCLP size == mem=256 MiB',
  'selftest: memory: last doubleword below the size is read/write',
  'selftest: memory: load 1 MiB above the size -> addressing exception',
  'selftest: facilities: z/Architecture installed and active (bits 1 2)',
  'selftest: facilities: STFL word == first STFLE word',
  'selftest: facilities: STFLE with 1 doubleword: CC 3, R0 = needed - 1, first doubleword stored',
  'selftest: stsi: STSI 0.0.0 CC 0',
  'selftest: stsi: STSI 1.1.1 CC 0',
  'selftest: stsi: STSI 1.1.1 manufacturer is EBCDIC text',
  'selftest: psw: 64-bit addressing mode',
  'selftest: psw: supervisor state',
  'selftest: psw: operation exception caught and resumed',
)

/** Each pgm case: name, interruption code, instruction length (bytes). */
const PGM_CASES: [string, string, number][] = [
  ['operation', '0x01', 2],
  ['privileged-operation', '0x02', 4],
  ['specification odd-pair DR', '0x06', 2],
  ['specification odd-pair LPQ', '0x06', 6],
  ['specification unaligned CDSG', '0x06', 6],
  ['addressing load', '0x05', 6],
  ['addressing store', '0x05', 6],
  ['fixed-point divide DR by zero', '0x09', 2],
  ['fixed-point divide DLGR by zero', '0x09', 4],
  ['fixed-point divide DSGR overflow', '0x09', 4],
  ['fixed-point overflow AR', '0x08', 2],
  ['data CVB bad sign', '0x07', 4],
  ['data CVB bad digit', '0x07', 4],
  ['decimal overflow ZAP', '0x0a', 6],
  ['decimal divide DP by zero', '0x0b', 6],
  ['execute', '0x03', 4],
]
const pgmTriple = (name: string): string[] => {
  const [c, code, len] = PGM_CASES.find((x) => x[0] === name) ?? ['?', '?', 0]
  return [`pgm: ${c}: interruption code ${code}`, `pgm: ${c}: instruction length ${len}`, `pgm: ${c}: old PSW points after the instruction`]
}
/** Checks QEMU 7.2 TCG gets wrong (no CVB/ZAP/DP, no fixed-point-overflow interruption): KFAIL on TCG only. */
const PGM_TCG_KNOWN = [
  ...pgmTriple('fixed-point overflow AR'),
  'pgm: data CVB bad sign: interruption code 0x07',
  'pgm: data CVB bad sign: data-exception code 0 (decimal operand)',
  'pgm: data CVB bad digit: interruption code 0x07',
  'pgm: decimal overflow ZAP: interruption code 0x0a',
  'pgm: decimal overflow ZAP: rightmost digit and sign stored (completion)',
  'pgm: decimal divide DP by zero: interruption code 0x0b',
]

const SCLP_SIGP_1CPU = pass(
  'sclp-sigp: read-info: response code 0x0010',
  'sclp-sigp: read-info: CPU list inside the SCCB',
  'sclp-sigp: read-info: own CPU address in the CPU list',
  'sclp-sigp: read-info: memory size is a whole number of MiB',
)
const SCLP_SIGP_COMMON = pass(
  'sclp-sigp: invalid-sccb: unknown command: response 0x01f0',
  'sclp-sigp: invalid-sccb: SCCB crossing a page: response 0x0100',
  'sclp-sigp: invalid-sccb: READ SCP INFO with 16 bytes: response 0x0300',
  'sclp-sigp: invalid-sccb: SCCB in the prefix area: specification exception',
  'sclp-sigp: invalid-sccb: SCCB not on a doubleword boundary: specification exception',
  'sclp-sigp: invalid-sccb: SCCB above 2 GiB: specification (or addressing) exception',
  'sclp-sigp: invalid-sccb: SCCB beyond memory: addressing exception',
  'sclp-sigp: sigp: SENSE own CPU: CC 0 (operating, no status)',
  'sclp-sigp: sigp: order 0xff: CC 1, status invalid order',
  'sclp-sigp: sigp: SENSE CPU address 0xffff: CC 3 (not operational)',
)

describe('our test kernels under qemu-system-s390x TCG (upstream command line from resources/kernels/unittests.cfg)', () => {
  it('the catalog lists every kernel with the keys the kernels rely on', () => {
    expect(catalog.tests.map((t) => [t.name, t.file, t.smp, t.testArgs, t.qemuParams, t.timeoutSec])).toEqual([
      ['selftest', 'selftest.elf', '1', 'test 123 mem=256', '-m 256', 90],
      ['pgm', 'pgm.elf', '1', '', '', 90],
      ['arith', 'arith.elf', '1', '', '', 90],
      ['sclp-sigp', 'sclp-sigp.elf', '2', 'cpus=2', '', 90],
      ['bench', 'bench.elf', '1', '', '', 90],
      ['fail', 'fail.elf', '1', '', '', 90],
      ['fail-skip', 'fail.elf', '1', 'skip', '', 90],
      ['fail-abort', 'fail.elf', '1', 'abort', '', 90],
      ['loop', 'loop.elf', '1', '', '', 3],
    ])
  })

  it('images: ELF entry 0x10000; flat .bin with the ESA IPL PSW at 0 and a z/Arch restart PSW at 0x1a0', () => {
    for (const t of catalog.tests) {
      const elf = readFileSync(join(KERNELS, t.file))
      const bin = readFileSync(join(KERNELS, t.file.replace(/\.elf$/, '.bin')))
      expect({
        magic: elf.subarray(0, 4).toString('latin1'),
        machine: elf.readUInt16BE(18),
        entry: elf.readBigUInt64BE(24),
        ipl: bin.subarray(0, 8).toString('hex'),
        restart: bin.subarray(0x1a0, 0x1b0).toString('hex'),
        entryInsn: bin.subarray(0x10000, 0x10002).toString('hex'),
        small: elf.length < 64 * 1024 && bin.length < 128 * 1024,
      }).toEqual({
        magic: '\x7fELF',
        machine: 22, // EM_S390
        entry: 0x10000n,
        ipl: '0008000080010000',
        restart: '00000001800000000000000000010000',
        entryInsn: '1f00', // SLR r0,r0: ESA/390-valid, before SIGP SET ARCHITECTURE
        small: true,
      })
    }
  })

  it('selftest: arguments, memory from SCLP vs mem=, facilities, STSI; EXIT 1', async () => {
    const { parsed, results } = await runEntry('selftest')
    expect({ results: results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({ results: SELFTEST, summary: summary(16), exit: 1 })
    expect(parsed.lines).toContain("INFO: selftest: args: argc 4, boot arguments 'test 123 mem=256'")
    expect(parsed.lines).toContain("INFO: selftest: stsi: manufacturer 'QEMU' type '8561' model '' sequence 'QEMU'")
  })

  it('selftest: a different -m is seen through SCLP and fails the mem= check', async () => {
    const { parsed, results } = await runEntry('selftest', { extra: ['-m', '192'] })
    expect(results.filter((r) => r.status !== 'PASS')).toEqual([{ status: 'FAIL', name: 'selftest: memory: SCLP size == mem=256 MiB' }])
    expect(parsed.lines).toContain('INFO: selftest: memory: SCLP: 192 MiB (increment 1 MiB x 192, 1 CPUs)')
    expect({ summary: parsed.summary, exit: parsed.exitStatus }).toEqual({ summary: summary(16, { unexpectedFailures: 1 }), exit: 3 })
  })

  it('pgm: code, length and old PSW of each program interruption; TCG gaps as KFAIL; EXIT 1', async () => {
    const { parsed, results } = await runEntry('pgm')
    const expected = [
      ...pgmTriple('operation'),
      ...pgmTriple('privileged-operation'),
      'pgm: privileged-operation: old PSW in problem state',
      'pgm: privileged-operation: SVC 1 taken: code 1, length 2',
      'pgm: privileged-operation: back in supervisor state after SVC 1',
      ...PGM_CASES.slice(2, 10).flatMap((c) => pgmTriple(c[0])),
      ...pgmTriple('fixed-point overflow AR'),
      'pgm: fixed-point overflow AR: result stored (completion)',
      'pgm: fixed-point overflow masked: no interruption, CC 3',
      ...pgmTriple('data CVB bad sign'),
      'pgm: data CVB bad sign: data-exception code 0 (decimal operand)',
      ...pgmTriple('data CVB bad digit'),
      ...pgmTriple('decimal overflow ZAP'),
      'pgm: decimal overflow ZAP: rightmost digit and sign stored (completion)',
      ...pgmTriple('decimal divide DP by zero'),
      ...pgmTriple('execute'),
      'pgm: svc: SVC 42 interruption code 42',
      'pgm: svc: SVC instruction length 2',
    ]
    expect(results.map((r) => r.name)).toEqual(expected)
    const wrong = results.filter((r) => !(r.status === 'PASS' || (r.status === 'KFAIL' && PGM_TCG_KNOWN.includes(r.name))))
    expect(wrong).toEqual([])
    const kfails = results.filter((r) => r.status === 'KFAIL').length
    expect({ summary: parsed.summary, exit: parsed.exitStatus }).toEqual({ summary: summary(57, { knownFailures: kfails }), exit: 1 })
  })

  it('arith: 99 hand-computed result/CC checks all pass, names unique; EXIT 1', async () => {
    const { parsed, results } = await runEntry('arith')
    expect(results.filter((r) => r.status !== 'PASS')).toEqual([])
    expect(new Set(results.map((r) => r.name)).size).toBe(99)
    expect(results.map((r) => r.name)).toEqual(expect.arrayContaining(['arith: AR 7fffffff 1 -> 80000000 cc 3', 'arith: SLR 0 1 -> ffffffff cc 1', 'arith: ALCR ffffffff 0 cc-in 3 -> 0 cc 2', 'arith: SLAG 4000000000000000 1 -> 0 cc 3']))
    expect({ summary: parsed.summary, exit: parsed.exitStatus }).toEqual({ summary: summary(99), exit: 1 })
  })

  it('sclp-sigp with smp 2: SCLP responses, SIGP CCs, a second CPU restarted that runs and stops; EXIT 1', async () => {
    const { parsed, results } = await runEntry('sclp-sigp')
    expect({ results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: [
        ...SCLP_SIGP_1CPU,
        ...pass('sclp-sigp: read-info: CPU count == cpus=2'),
        ...SCLP_SIGP_COMMON,
        ...pass(
          'sclp-sigp: sigp: second-cpu: SENSE before start: CC 1, stopped',
          'sclp-sigp: sigp: second-cpu: SET PREFIX: CC 0',
          'sclp-sigp: sigp: second-cpu: RESTART: CC 0',
          'sclp-sigp: sigp: second-cpu: second CPU ran',
          'sclp-sigp: sigp: second-cpu: second CPU reports its own address (STAP)',
          'sclp-sigp: sigp: second-cpu: second CPU stopped itself (SENSE: stopped)',
        ),
      ],
      summary: summary(21),
      exit: 1,
    })
  })

  it('sclp-sigp with one CPU and no arguments skips the second-CPU and cpus= checks; EXIT 1', async () => {
    const { parsed, results } = await runEntry('sclp-sigp', { smp: '1', append: '' })
    expect({ results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: [
        ...SCLP_SIGP_1CPU,
        { status: 'SKIP', name: 'sclp-sigp: read-info: CPU count == cpus= (no cpus= argument)' },
        ...SCLP_SIGP_COMMON,
        { status: 'SKIP', name: 'sclp-sigp: sigp: second CPU: only one CPU' },
      ],
      summary: summary(16, { skipped: 2 }),
      exit: 1,
    })
  })

  it('sclp-sigp: a wrong cpus= fails exactly the CPU-count check', async () => {
    const { parsed, results } = await runEntry('sclp-sigp', { append: 'cpus=3' })
    expect(results.filter((r) => r.status !== 'PASS')).toEqual([{ status: 'FAIL', name: 'sclp-sigp: read-info: CPU count == cpus=3' }])
    expect(parsed.exitStatus).toBe(3)
  })

  it('bench: known sieve / CRC-32 / FNV-1a answers and timing INFO lines; EXIT 1', async () => {
    const { parsed, results } = await runEntry('bench')
    expect({ results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: pass('bench: sieve: 6 rounds, primes below 2000000 == 148933', 'bench: crc32: 16 rounds over 1 MiB == 0xdf6e27c0', 'bench: fnv1a64: 32 x 1 MiB == 0x4beb3ae5b4ec6b25'),
      summary: summary(3),
      exit: 1,
    })
    const times = parsed.subtests.filter((s) => s.status === 'INFO').map((s) => /^bench: time (\w+) \d+ ms$/.exec(s.name)?.[1])
    expect(times).toEqual(['sieve', 'crc32', 'fnv1a64', 'total'])
  })

  it('fail: one PASS, FAIL, XFAIL, KFAIL and SKIP, the upstream SUMMARY wording and EXIT 3', async () => {
    const { run, parsed, results } = await runEntry('fail')
    expect({ results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: [
        { status: 'PASS', name: 'fail: this check passes' },
        { status: 'FAIL', name: 'fail: this check fails on purpose' },
        { status: 'XFAIL', name: 'fail: expected failure' },
        { status: 'KFAIL', name: 'fail: known failure' },
        { status: 'SKIP', name: 'fail: skipped on purpose' },
      ],
      summary: summary(5, { unexpectedFailures: 1, knownFailures: 1, expectedFailures: 1, skipped: 1 }),
      exit: 3,
    })
    expect(run.stdout).toContain('SUMMARY: 5 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped\n\nEXIT: STATUS=3\n')
  })

  it('fail-skip: only SKIP results give EXIT 77 (the harness SKIP status)', async () => {
    const { parsed, results } = await runEntry('fail-skip')
    expect({ results, summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: [
        { status: 'SKIP', name: 'fail: nothing to test here' },
        { status: 'SKIP', name: 'fail: nor here' },
      ],
      summary: summary(2, { skipped: 2 }),
      exit: 77,
    })
  })

  it('fail-abort: an unexpected program interrupt prints ABORT, the SUMMARY so far and EXIT 127', async () => {
    const { parsed, results } = await runEntry('fail-abort')
    expect({ results: results.map((r) => ({ ...r, name: r.name.replace(/ at [0-9a-f]{16} [0-9a-f]{16}$/, '') })), summary: parsed.summary, exit: parsed.exitStatus }).toEqual({
      results: [
        { status: 'PASS', name: 'fail: this check passes' },
        { status: 'ABORT', name: 'fail: unexpected program interrupt: code 0x01 ilc 2' },
      ],
      summary: summary(1),
      exit: 127,
    })
  })

  it('loop: prints its line, then runs until the catalog timeout (3 s) kills it', async () => {
    const start = Date.now()
    const { run, parsed } = await runEntry('loop')
    expect({ timedOut: run.timedOut, lines: parsed.lines.filter(Boolean), exit: parsed.exitStatus }).toEqual({ timedOut: true, lines: ['loop: started, spinning forever'], exit: null })
    expect(Date.now() - start).toBeGreaterThanOrEqual(3000)
  })

  it('line-mode console (EBCDIC MDB/MTO events) carries the same text as the ASCII console', async () => {
    for (const name of ['fail', 'pgm']) {
      const lmPath = join(tmp, `${name}.lm`)
      const { run } = await runEntry(name, { extra: ['-chardev', `file,id=lm,path=${lmPath}`, '-device', 'sclplmconsole,chardev=lm'] })
      const lm = readFileSync(lmPath, 'latin1')
      // QEMU starts every line-mode record with a newline; records longer than 119 characters are split
      expect(lm.replace(/\n/g, '')).toBe(run.stdout.replace(/\n/g, ''))
      if (name === 'fail') expect(lm.split('\n').filter(Boolean)).toEqual(run.stdout.split('\n').filter(Boolean))
    }
  })

  it('every flat .bin boots under qemu -kernel (IPL PSW at 0) with the same results as its ELF', async () => {
    for (const t of catalog.tests.filter((x) => x.name !== 'loop' && x.name !== 'bench')) {
      const elf = await runEntry(t.name)
      const bin = await runEntry(t.name, { kernel: t.file.replace(/\.elf$/, '.bin') })
      expect({ name: t.name, results: bin.results, exit: bin.parsed.exitStatus }).toEqual({ name: t.name, results: elf.results, exit: elf.parsed.exitStatus })
    }
    const loop = await runEntry('loop', { kernel: 'loop.bin' })
    expect({ timedOut: loop.run.timedOut, lines: loop.parsed.lines.filter(Boolean) }).toEqual({ timedOut: true, lines: ['loop: started, spinning forever'] })
  })
})

/** Hercules 3.13 (LAB.md): IPL from a .ins that loads the flat .bin at 0 and the parm file at 0x10480; it never exits. */
async function hercules(kernel: string, opts: { parm?: string | Uint8Array; cpus?: number; mainMiB?: number; timeoutMs?: number } = {}) {
  const dir = mkdtempSync(join(tmp, 'herc-'))
  copyFileSync(join(KERNELS, kernel), join(dir, 'k.bin'))
  writeFileSync(join(dir, 'k.parm'), opts.parm ?? '')
  writeFileSync(join(dir, 'k.ins'), '* our kernel and its arguments\nk.bin 0x00000000\nk.parm 0x00010480\n')
  writeFileSync(join(dir, 'h.cnf'), `ARCHMODE z/Arch\nMAINSIZE ${opts.mainMiB ?? 128}\nNUMCPU ${opts.cpus ?? 1}\nCPUSERIAL 000001\nCPUMODEL 2817\n00C 3505 /dev/null\n`)
  writeFileSync(join(dir, 'h.rc'), `ipl ${join(dir, 'k.ins')}\n`)
  const child = spawn('hercules', ['-f', 'h.cnf', '-d'], { cwd: dir, env: { ...process.env, HERCULES_RC: join(dir, 'h.rc') }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const done = new Promise<{ timedOut: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ timedOut: true })
    }, opts.timeoutMs ?? 30_000)
    child.stdout.setEncoding('latin1').on('data', (d: string) => {
      out += d
      // the guest stopped itself: Hercules keeps running, so end it once the EXIT line is complete
      if (/EXIT: STATUS=.*\n/.test(out)) {
        clearTimeout(timer)
        child.kill('SIGKILL')
        resolve({ timedOut: false })
      }
    })
    child.on('error', reject)
  })
  const { timedOut } = await done
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('close', r)))
  const parsed = parseConsoleOutput(out)
  return { timedOut, out, parsed, results: parsed.subtests.filter((x) => x.status !== 'INFO') }
}

const herculesInstalled = spawnSync('hercules', ['--help'], { stdio: 'ignore' }).error === undefined

describe.skipIf(!herculesInstalled)('our flat .bin kernels under Hercules 3.13 (ESA/390 IPL, parm file at 0x10480)', () => {
  it('z196 builds: selftest, pgm, arith and fail give the same results as on QEMU (pgm without its TCG gaps)', async () => {
    const selftest = await hercules('z196/selftest.bin', { parm: 'test 123 mem=128' })
    expect({ results: selftest.results, exit: selftest.parsed.exitStatus }).toEqual({
      results: SELFTEST.map((r) => (r.name.endsWith('mem=256 MiB') ? { ...r, name: 'selftest: memory: SCLP size == mem=128 MiB' } : r)),
      exit: 1,
    })
    // booted through the ESA/390 IPL PSW: the start-up SIGP SET ARCHITECTURE was accepted
    expect(selftest.parsed.lines).toContain('INFO: selftest: psw: start-up SIGP SET ARCHITECTURE CC 0 (0: booted in ESA/390 mode), CPU address 0')
    // a parm file written in EBCDIC (as z/VM and the HMC hand it over) is read the same
    const ebcdic = await hercules('z196/selftest.bin', { parm: encodeEbcdic('test 123 mem=128') })
    expect({ results: ebcdic.results, args: ebcdic.parsed.lines.find((l) => l.includes('boot arguments')) }).toEqual({
      results: selftest.results,
      args: "INFO: selftest: args: argc 4, boot arguments 'test 123 mem=128'",
    })
    const pgm = await hercules('z196/pgm.bin')
    expect({ notPass: pgm.results.filter((r) => r.status !== 'PASS'), summary: pgm.parsed.summary, exit: pgm.parsed.exitStatus }).toEqual({ notPass: [], summary: summary(57), exit: 1 })
    const arith = await hercules('z196/arith.bin')
    expect({ summary: arith.parsed.summary, exit: arith.parsed.exitStatus }).toEqual({ summary: summary(99), exit: 1 })
    const fail = await hercules('z196/fail.bin', { parm: '\n' })
    expect({ summary: fail.parsed.summary, exit: fail.parsed.exitStatus }).toEqual({ summary: summary(5, { unexpectedFailures: 1, knownFailures: 1, expectedFailures: 1, skipped: 1 }), exit: 3 })
  })

  it('z196 sclp-sigp: second CPU works; Hercules reports 8 CPUs and accepts an SCCB in the prefix area', async () => {
    const { results, parsed } = await hercules('z196/sclp-sigp.bin', { parm: 'cpus=2', cpus: 2 })
    expect({ notPass: results.filter((r) => r.status !== 'PASS'), tests: parsed.summary?.tests, exit: parsed.exitStatus }).toEqual({
      notPass: [
        { status: 'FAIL', name: 'sclp-sigp: read-info: CPU count == cpus=2' },
        { status: 'FAIL', name: 'sclp-sigp: invalid-sccb: SCCB in the prefix area: specification exception' },
      ],
      tests: 21,
      exit: 3,
    })
  })

  it('z196 loop prints its line and keeps running', async () => {
    const { timedOut, parsed } = await hercules('z196/loop.bin', { timeoutMs: 4_000 })
    expect({ timedOut, loop: parsed.lines.filter((l) => l.startsWith('loop:')) }).toEqual({ timedOut: true, loop: ['loop: started, spinning forever'] })
  })
})
