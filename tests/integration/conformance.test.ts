// The conformance kernels (resources/kernels/conformance): each checks one architectural area against the
// Principles of Operation and ends in a disabled wait at 0xfff (every check passed) or 0xbad. On builtin every check
// must PASS. Under QEMU 7.2 TCG exactly the checks in QEMU_DEPARTURES fail (resources/kernels/conformance/README.md
// explains each one); any other difference, either way, fails this test.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createBuiltinTarget } from '@main/targets/builtin'
import { detachedHost, type TargetRunRequest } from '@main/targets/target'
import type { CatalogTest } from '@core/domain/catalog'
import { parseUnittestsCfg } from '@core/domain/catalog'
import type { Environment } from '@core/domain/environment'

const DIR = fileURLToPath(new URL('../../resources/kernels/conformance/', import.meta.url))
const catalog = parseUnittestsCfg(readFileSync(join(DIR, 'unittests.cfg'), 'utf8'), join(DIR, 'unittests.cfg'))

/** Result lines each kernel prints (all PASS on a machine that follows the POP). */
const CHECKS: Record<string, number> = {
  per: 68,
  psw: 16,
  timer: 6,
  'rel-long': 31,
  masks: 102,
  monitor: 18,
  lra: 12,
  smc: 4,
  prefix: 7,
  amode: 19,
  vector: 43,
  'base-insn': 19,
  'ipl-amode': 34,
  wrap: 17,
  msa: 18,
  'guarded-storage': 17,
  'guarded-storage-off': 4,
}

/** Kernels whose catalog configuration QEMU 7.2 TCG refuses to start, with the message it gives. */
const QEMU_REFUSES: Record<string, RegExp> = {
  // TCG has no guarded-storage facility: `-cpu max,gs=on` is an error
  'guarded-storage': /Some features requested in the CPU model are not available in the configuration: gs/,
}

/** Checks QEMU 7.2 TCG fails, per kernel (the POP result is what the kernel expects; see the README). */
const QEMU_DEPARTURES: Record<string, string[]> = {
  per: [
    // successful-branching event: the old PSW is the next sequential instruction, not the branch address
    'per: branch taken: ILC 4, old PSW after the instruction',
    'per: BASR: ILC 2, old PSW after the instruction',
    'per: branch address control, target in the range: ILC 2, old PSW after the instruction',
    'per: EX of BR: ILC 4, old PSW after the instruction',
    // a conditional branch that is not taken is reported as a successful branch
    'per: branch not taken, no PER event',
    // no storage-alteration events
    ...eventChecks('storage alteration MVI in the range', 0x20, 4),
    ...eventChecks('storage alteration STG overlapping the range start', 0x20, 6),
    ...eventChecks('storage alteration MVC across the range', 0x20, 6),
    ...eventChecks('EX of MVI storage alteration', 0x20, 4),
    // STURA: PER code 0x08 without the storage-alteration bit 0x20
    'per: STURA into the range: PER code 0x28',
    // no instruction-fetching event for the target of EXECUTE
    ...eventChecks('EX target fetch', 0x40, 4),
  ],
  psw: [
    // invalid PSW bits are not checked when LPSW/LPSWE/SSM/STOSM load them (directly or through EXECUTE)
    'psw: LPSWE with PSW bit 0 one: code 0x06, ILC 0, old PSW mask 8000000180000000 and address',
    'psw: LPSW with PSW bit 0 one: code 0x06, ILC 0, old PSW mask 8000000080000000 and address',
    'psw: SSM setting PSW bit 2: code 0x06, ILC 4, old PSW mask 2000000180000000 and address',
    'psw: STOSM setting PSW bit 4: code 0x06, ILC 4, old PSW mask 0800000180000000 and address',
    'psw: EX of SSM setting PSW bit 2: code 0x06, ILC 4, old PSW mask 2000000180000000 and address',
    'psw: EXRL of STOSM setting PSW bit 0: code 0x06, ILC 6, old PSW mask 8000000180000000 and address',
    'psw: EX of LPSWE with PSW bit 12 one: code 0x06, ILC 0, old PSW mask 0008000180000000 and address',
    // an instruction address beyond the addressing mode is loaded and run from (operation exception there)
    'psw: LPSWE 24-bit PSW with address 0x1000000: code 0x06, ILC 0, old PSW mask 0000000000000000 and address',
    'psw: LPSWE 31-bit PSW with address 0x80000000: code 0x06, ILC 0, old PSW mask 0000000080000000 and address',
    // odd instruction addresses: instructions are fetched from them
    'psw: BR to an odd address: code 0x06, old PSW 0000000180000000 at the odd address',
    'psw: EX with an odd target address: code 0x06, ILC 4, old PSW mask 0000000180000000 and address',
  ],
  timer: [
    // a clock-comparator condition (comparator below the TOD clock) is not presented when STOSM enables
    // external interruptions, neither the first time nor again after an interruption
    'timer: clock comparator pending at STOSM: taken after it, old PSW enabled and not waiting',
    'timer: clock-comparator condition persists after its interruption',
  ],
  // no alignment check of relative-long operands: every misaligned case loads, compares or stores
  'rel-long': [
    ...['lrl', 'lgfrl', 'llgfrl', 'lgrl', 'crl', 'clrl', 'cgfrl', 'clgfrl', 'cgrl', 'clgrl', 'strl', 'stgrl'].map(
      (mn) => `rel-long: ${mn} operand at +2: specification, ILC 6, old PSW after the instruction`,
    ),
    ...['lgrl', 'cgrl', 'clgrl', 'stgrl'].map((mn) => `rel-long: ${mn} operand at +4: specification, ILC 6, old PSW after the instruction`),
  ],
  // with DAT off in the PSW, LRA/LRAY/LRAG return the address untranslated with CC 0 (and LRA/LRAY clear bits 0-31)
  lra: ['valid page: CC 0', 'invalid page-table entry: CC 2', 'invalid segment-table entry: CC 1', 'segment index beyond the table length: CC 3'].flatMap(
    (c) => ['LRA', 'LRAY', 'LRAG'].map((mn) => `lra: ${mn} ${c} and R1`),
  ),
  // an MVC that stores into the next instruction of the same straight-line code: the old instruction runs
  smc: ['smc: a routine storing into its next instruction executes the stored value every time'],
  // LA and LARL in the 24-bit and 31-bit modes clear bits 0-31 of R1 instead of leaving them unchanged
  amode: ['31-bit', '24-bit'].flatMap((m) => [
    `amode: ${m}: LA of the mode's highest address + 1 wraps to 0, bits 0-31 kept`,
    `amode: ${m}: LA keeps only the mode's address bits and bits 0-31`,
    `amode: ${m}: LARL: bits 0-31 kept, the address in the mode's bits`,
  ]),
  vector: [
    // VCKSM: each step computes 2 * (sum + word) + carry (the add-with-carry result aliases its input)
    'vector: VCKSM: end-around carry into word 1, other words zero',
    // a vector-processing exception (0x1b) is suppressing: QEMU leaves the old PSW at the instruction (nullifying)
    'vector: VFDDB 1/0 in element 1: suppressed, old PSW after the instruction',
    'vector: WFKDB on a QNaN with invalid enabled: old PSW after the instruction',
  ],
  'base-insn': [
    // PERFORM LOCKED OPERATION and UPDATE TREE are operation exceptions
    ...['PLO test bit: CC 0 for function codes 0-23', 'PLO test bit: CC 3 for function code 24', 'PLO CS equal: replacement stored, CC 0'].map((n) => `base-insn: ${n}`),
    'base-insn: PLO DCS second unequal: CC 2, op4 into R3, nothing stored',
    'base-insn: PLO CSSTG: op3 at the listed op4 address, op1r at op2, CC 0',
    'base-insn: PLO CSTSTX: three 16-byte stores and the swap, CC 0',
    'base-insn: PLO CS with an odd R1: specification',
    'base-insn: UPT: higher node swapped with GR0/GR1 on the way, CC 1 at index 0',
    'base-insn: UPT: equal codeword: node into GR2/GR3, CC 0',
    // EXTRACT CPU TIME takes the first- and second-operand addresses as the operands instead of the doublewords there
    'base-insn: ECTG: GR1 is the second-operand doubleword',
    'base-insn: ECTG: GR0 is the first-operand doubleword minus the CPU timer',
  ],
  'ipl-amode': [
    // BRANCH AND SET MODE (0x0b) and BRANCH AND SAVE AND SET MODE (0x0c) are operation exceptions
    'no program interruption in the 24/31-bit sequence',
    ...['BASSM R1,0: bit 32 one, the next address', 'BSM R1,0: bit 32 of R1 set to the mode bit, the rest kept', 'BASSM to a 24-bit address: link with bit 32 one',
      'BASSM target runs in the 24-bit mode (its BASSM link has bit 32 zero)', 'BSM through the link returns in the 31-bit mode',
      'BSM from the 24-bit mode with R2 bit 32 one: 31-bit mode'].map((n) => `31-bit: ${n}`),
    ...['BASSM R1,0: bits 32-39 zero, the next address', 'BSM R1,0: bit 32 of R1 set to the mode bit (0), the rest kept'].map((n) => `24-bit: ${n}`),
    // in the 24-bit mode, a branch address keeps bits 32-39 (addressing exception), STM continues at 0x1000000
    // instead of 0, the instruction address and BASR's link go on to 0x1000000
    '24-bit: BR to an address with bits 32-39 set lands at bits 40-63',
    '31-bit: 24-bit stores wrapping at 16 MiB leave 0x1000000 alone',
    '24-bit: the wrapped STM word is at absolute 0',
    '24-bit: instruction fetch after 0xfffffc continues at 0, not 0x1000000',
    '24-bit: BASR at 0xfffffe: the link wraps to 0',
  ].map((n) => `ipl-amode: ${n}`),
  // in the 24-bit mode CLC, XC, L, ST, STM and LM go on at 0x1000000 instead of 0 (MVC wraps; the 31-bit mode is right)
  wrap: [
    'CLC compares the bytes at 0 after the end',
    'XC of an operand with itself across the end clears both parts',
    'L of a word across the end',
    'ST of a word across the end',
    'STM of four registers across the end',
    'LM of four registers across the end',
  ].map((n) => `wrap: 24-bit: ${n}`),
  // QEMU's `qemu` model (a z15 in STIDP/STSI) installs only SHA-512 in KIMD/KLMD, no KMC-PRNG, only TRNG in PRNO
  msa: [
    'KIMD query: SHA-256 (2) and SHA-512 (3) installed',
    'KLMD query: SHA-256 (2) and SHA-512 (3) installed',
    'KLMD SHA-256 of "abc"',
    'KIMD SHA-256 of a block, then KLMD of the rest',
    'KMC query: PRNG (67) installed',
    'KMC-PRNG of two blocks: X9.17 output and chaining value, registers advanced',
    'PRNO query: SHA-512-DRNG (3) installed',
    'PRNO query: TRNG-query-raw-to-conditioned-ratio (112) and TRNG (114) installed',
    'SHA-512-DRNG seed: V and C of the NIST vector, reseed counter 1',
    'SHA-512-DRNG generate: the second 256 bytes are the NIST output, R2/R3 advanced',
    'SHA-512-DRNG generate: reseed counter 3, 512 stream bytes',
    'TRNG-query-raw-to-conditioned-ratio: two nonzero counts',
  ].map((n) => `msa: ${n}`),
}

/** The five checks of one expected PER interruption (per.c check_event). */
function eventChecks(name: string, perc: number, ilc: number): string[] {
  return [
    `per: ${name}: interruption code 0x80`,
    `per: ${name}: PER code 0x${perc.toString(16).padStart(2, '0')}`,
    `per: ${name}: ATMID 0xe0`,
    `per: ${name}: PER address is the instruction's`,
    `per: ${name}: ILC ${ilc}, old PSW after the instruction`,
  ]
}

const env: Environment = { id: 1, name: 'builtin', kind: 'builtin', level: '', config: {}, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() }

function results(log: string): { status: string; name: string }[] {
  const out: { status: string; name: string }[] = []
  for (const l of log.split('\n')) {
    const m = /^(PASS|FAIL|XPASS|XFAIL|KFAIL|SKIP|ABORT): (.*)$/.exec(l.trimEnd())
    if (m) out.push({ status: m[1]!, name: m[2]! })
  }
  return out
}

function qemu(kernel: string, extra: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = ['-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0', ...extra]
    // -d guest_errors: QEMU names the PSW of a disabled wait other than its quiesce convention (address ...fff)
    const child = spawn('qemu-system-s390x', [...args, '-kernel', kernel, '-d', 'guest_errors'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(timer)
      resolve({ stdout, stderr })
    })
  })
}

describe('conformance kernels', () => {
  it('the catalog lists every conformance kernel', () => {
    expect(catalog.tests.map((t) => t.name)).toEqual(Object.keys(CHECKS))
  })

  describe('on builtin: every check passes, the run ends in the disabled wait at 0xfff', () => {
    const target = createBuiltinTarget(env, detachedHost())
    for (const name of Object.keys(CHECKS)) {
      it(name, async () => {
        const t = catalog.tests.find((x) => x.name === name)!
        const req: TargetRunRequest = {
          test: t as CatalogTest,
          kernelPath: join(DIR, t.file),
          flatPath: null,
          smp: 1,
          memMiB: 128,
          args: t.testArgs,
          timeoutMs: 60_000,
          signal: new AbortController().signal,
          onOutput: () => {},
        }
        const r = await target.run(req)
        const res = results(r.log)
        expect({
          exit: r.exitStatus,
          failing: res.filter((x) => x.status !== 'PASS'),
          passed: res.filter((x) => x.status === 'PASS').length,
          ended: r.facts['emu.ended'],
        }).toEqual({ exit: 1, failing: [], passed: CHECKS[name], ended: 'disabled-wait (disabled wait PSW 0002000180000000 0000000000000fff on CPU 0)' })
      }, 90_000)
    }
  })

  it('ipl-amode from its flat image on builtin: entered in the 31-bit mode by the IPL PSW, every check passes', async () => {
    const t = catalog.tests.find((x) => x.name === 'ipl-amode')!
    const target = createBuiltinTarget(env, detachedHost())
    const r = await target.run({
      test: t as CatalogTest,
      kernelPath: join(DIR, 'ipl-amode.bin'),
      flatPath: null,
      smp: 1,
      memMiB: 128,
      args: t.testArgs,
      timeoutMs: 60_000,
      signal: new AbortController().signal,
      onOutput: () => {},
    })
    const res = results(r.log)
    expect({
      entry: /INFO: ipl-amode: entered with PSW bits 0-63 (\S+ \S+)/.exec(r.log)?.[1],
      failing: res.filter((x) => x.status !== 'PASS'),
      passed: res.filter((x) => x.status === 'PASS').length,
      ended: r.facts['emu.ended'],
    }).toEqual({ entry: '00000000 80000000', failing: [], passed: CHECKS['ipl-amode'], ended: 'disabled-wait (disabled wait PSW 0002000180000000 0000000000000fff on CPU 0)' })
  }, 90_000)

  describe('under QEMU 7.2 TCG: exactly the recorded departures fail', () => {
    for (const [name, refusal] of Object.entries(QEMU_REFUSES)) {
      it(`${name}: QEMU refuses its configuration`, async () => {
        const t = catalog.tests.find((x) => x.name === name)!
        const { stdout, stderr } = await qemu(join(DIR, t.file), t.qemuParams.split(/\s+/).filter(Boolean))
        expect({ refused: refusal.test(stderr), checks: results(stdout).length }).toEqual({ refused: true, checks: 0 })
      }, 90_000)
    }
    for (const name of Object.keys(CHECKS).filter((n) => !(n in QEMU_REFUSES))) {
      it(name, async () => {
        const t = catalog.tests.find((x) => x.name === name)!
        const { stdout, stderr } = await qemu(join(DIR, t.file))
        const res = results(stdout)
        const departures = QEMU_DEPARTURES[name] ?? []
        const wait = /PSW: 0x([0-9a-f]{16}) 0x([0-9a-f]{16})/.exec(stderr)
        expect({
          failing: res.filter((x) => x.status !== 'PASS').map((x) => x.name).sort(),
          checks: res.length,
          wait: wait ? `${wait[1]} ${wait[2]}` : 'quiesce',
        }).toEqual({ failing: [...departures].sort(), checks: CHECKS[name], wait: departures.length > 0 ? '0002000180000000 0000000000000bad' : 'quiesce' })
      }, 90_000)
    }
  })
})
