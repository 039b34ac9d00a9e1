// POP ch. 7, message-security assist: the query function (function code 0) of every CPACF instruction stores the
// 128-bit installed-functions mask at the GR1 address; register-operand checks (zero/odd) and uninstalled
// function codes are specification exceptions. PRNO's functions: prno.test.ts; KIMD/KLMD's: message-digest.test.ts; KMC-PRNG: kmc-prng.test.ts.
import { DATA, runGroup, type Case } from './harness.ts'

const Q = { 1: BigInt(DATA) }
/** Only the query function itself is installed. */
const MASK = { [DATA]: '80000000000000000000000000000000' }
/** KIMD and KLMD: query and the SHA-256/SHA-512 functions (message-digest.test.ts). */
const SHA2_MASK = { [DATA]: 'b0000000000000000000000000000000' }

const CASES: Case[] = [
  { name: 'query', asm: 'km %r2,%r4', code: 'b92e0024', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'odd R1: specification', asm: 'km %r3,%r4', code: 'b92e0034', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'function not installed: specification', asm: 'km %r2,%r4', code: 'b92e0024', gr: { ...Q, 0: 1n }, want: { pgm: { code: 6 } } },
  { name: 'query: functions 0 and 67 (PRNG)', asm: 'kmc %r2,%r4', code: 'b92f0024', cc: 3, gr: Q, want: { cc: 0, mem: { [DATA]: '80000000000000001000000000000000' } } },
  { name: 'query', asm: 'kmf %r2,%r4', code: 'b92a0024', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'query', asm: 'kmo %r2,%r4', code: 'b92b0024', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'query', asm: 'kmctr %r2,%r4,%r6', code: 'b92d4026', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'R3 zero: specification', asm: 'kmctr %r2,%r4,%r0', code: 'b92d0024', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'query', asm: 'kmac %r0,%r2', code: 'b91e0002', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'modifier bit not allowed: specification', asm: 'kmac %r0,%r2', code: 'b91e0002', gr: { ...Q, 0: 0x80n }, want: { pgm: { code: 6 } } },
  { name: 'query: functions 0, 2 (SHA-256), 3 (SHA-512)', asm: 'kimd %r0,%r2', code: 'b93e0002', gr: Q, want: { cc: 0, mem: SHA2_MASK } },
  { name: 'R2 odd: specification', asm: 'kimd %r0,%r3', code: 'b93e0003', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'query: functions 0, 2 (SHA-256), 3 (SHA-512)', asm: 'klmd %r0,%r2', code: 'b93f0002', gr: Q, want: { cc: 0, mem: SHA2_MASK } },
  { name: 'query: the condition code remains unchanged', asm: 'pckmo', code: 'b9280000', cc: 3, gr: Q, want: { cc: 3, mem: MASK } },
  { name: 'problem state: privileged operation', asm: 'pckmo', code: 'b9280000', problem: true, gr: Q, want: { pgm: { code: 2 }, pswHi: 0x00010001 } },
  { name: 'query', asm: 'pcc', code: 'b92c0000', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'query', asm: 'kma %r2,%r6,%r4', code: 'b9296024', gr: Q, want: { cc: 0, mem: MASK } },
  { name: 'odd R3: specification', asm: 'kma %r2,%r7,%r4', code: 'b9297024', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'R3 = R1: specification', asm: 'kma %r2,%r2,%r4', code: 'b9292024', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'R3 = R2: specification', asm: 'kma %r2,%r4,%r4', code: 'b9294024', gr: Q, want: { pgm: { code: 6 } } },
]

runGroup('message-security assist', CASES)
