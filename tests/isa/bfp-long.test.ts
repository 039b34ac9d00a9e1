// POP ch. 19, long BFP beyond tests/isa/float.test.ts: rounding modes of multiply, trapped overflow with an
// inexact scaled result (DXC 28), underflow to zero, fused multiply-add/subtract, square root, signaling compare,
// sign loads (BFP and FP-support forms, COPY SIGN), load FP integer, logical conversions and test data class.
// Expected values are IEEE 754 binary64 results.
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const ONE = 0x3ff0000000000000n
const TWO = 0x4000000000000000n
const THREE = 0x4008000000000000n
const M1 = 0xbff0000000000000n
const TENTH = 0x3fb999999999999an
const QNAN = 0x7ff8000000000000n
const SNAN = 0x7ff0000000000001n
const MAX = 0x7fefffffffffffffn
const INX = 0x00080000
const INVF = 0x00800000

const CASES: Case[] = [
  { name: '0.1 * 3 ties to even (up)', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpr: { 0: TENTH, 2: THREE }, want: { fpr: { 0: 0x3fd3333333333334n }, fpc: INX } },
  { name: '0.1 * 3 toward 0', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpc: 1, fpr: { 0: TENTH, 2: THREE }, want: { fpr: { 0: 0x3fd3333333333333n }, fpc: INX | 1 } },
  { name: '0.1 * 3 toward -inf', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpc: 3, fpr: { 0: TENTH, 2: THREE }, want: { fpr: { 0: 0x3fd3333333333333n }, fpc: INX | 3 } },
  { name: 'overflow mask on, inexact scaled result: DXC 28', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpc: 0x20000000, fpr: { 0: MAX, 2: 0x3ff8000000000000n }, want: { fpr: { 0: 0x1ff7ffffffffffffn }, fpc: 0x20002800, pgm: { code: 7 }, mem: { 0x90: '00000028' } } },
  { name: 'half the smallest subnormal: +0, underflow and inexact', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpr: { 0: 1n, 2: 0x3fe0000000000000n }, want: { fpr: { 0: 0n }, fpc: 0x00180000 } },
  { name: 'same toward +inf: smallest subnormal', asm: 'mdbr %f0,%f2', code: 'b31c0002', fpc: 2, fpr: { 0: 1n, 2: 0x3fe0000000000000n }, want: { fpr: { 0: 1n }, fpc: 0x00180002 } },
  { name: 'CC from the result: 1 + 2^-53 = 1', asm: 'adbr %f0,%f2', code: 'b31a0002', fpr: { 0: ONE, 2: 0x3ca0000000000000n }, want: { cc: 2, fpr: { 0: ONE }, fpc: INX } },
  { name: 'one rounding: (1+2^-27)^2 - (1+2^-26) = 2^-54', asm: 'madbr %f0,%f2,%f4', code: 'b31e0024', fpr: { 0: 0xbff0000004000000n, 2: 0x3ff0000002000000n, 4: 0x3ff0000002000000n }, want: { fpr: { 0: 0x3c90000000000000n } } },
  { name: 'one rounding: (1+2^-27)^2 - (1+2^-26) = 2^-54', asm: 'msdbr %f0,%f2,%f4', code: 'b31f0024', fpr: { 0: 0x3ff0000004000000n, 2: 0x3ff0000002000000n, 4: 0x3ff0000002000000n }, want: { fpr: { 0: 0x3c90000000000000n } } },
  { name: 'op2 from storage', asm: 'madb %f0,%f2,0(%r10)', code: 'ed20a000001e', gr: B, fpr: { 0: 0xbff0000004000000n, 2: 0x3ff0000002000000n }, mem: { [DATA]: '3ff0000002000000' }, want: { fpr: { 0: 0x3c90000000000000n } } },
  { name: 'op2 from storage', asm: 'msdb %f0,%f2,0(%r10)', code: 'ed20a000001f', gr: B, fpr: { 0: 0x3ff0000004000000n, 2: 0x3ff0000002000000n }, mem: { [DATA]: '3ff0000002000000' }, want: { fpr: { 0: 0x3c90000000000000n } } },
  { name: '2 * 3 + 1 = 7, CC unchanged', asm: 'madbr %f0,%f2,%f4', code: 'b31e0024', cc: 3, fpr: { 0: ONE, 2: TWO, 4: THREE }, want: { fpr: { 0: 0x401c000000000000n } } },
  { name: 'x*y - x*y = +0', asm: 'msdbr %f0,%f2,%f4', code: 'b31f0024', fpr: { 0: 0x4018000000000000n, 2: TWO, 4: THREE }, want: { fpr: { 0: 0n } } },
  { name: 'sqrt 2 rounded', asm: 'sqdbr %f0,%f2', code: 'b3150002', fpr: { 2: TWO }, want: { fpr: { 0: 0x3ff6a09e667f3bcdn }, fpc: INX } },
  { name: 'sqrt of SNaN: QNaN, invalid', asm: 'sqdbr %f0,%f2', code: 'b3150002', fpr: { 2: SNAN }, want: { fpr: { 0: 0x7ff8000000000001n }, fpc: INVF } },
  { name: 'from storage', asm: 'sqdb %f0,0(%r10)', code: 'ed00a0000015', gr: B, mem: { [DATA]: '4022000000000000' }, want: { fpr: { 0: THREE } } },
  { name: 'equal', asm: 'kdbr %f0,%f2', code: 'b3180002', fpr: { 0: ONE, 2: ONE }, want: { cc: 0 } },
  { name: 'QNaN: invalid, CC 3', asm: 'kdbr %f0,%f2', code: 'b3180002', fpr: { 0: ONE, 2: QNAN }, want: { cc: 3, fpc: INVF } },
  { name: 'from storage: low', asm: 'kdb %f0,0(%r10)', code: 'ed00a0000018', gr: B, fpr: { 0: M1 }, mem: { [DATA]: '0000000000000000' }, want: { cc: 1 } },
  { name: 'SNaN: invalid', asm: 'cdbr %f0,%f2', code: 'b3190002', fpr: { 0: SNAN, 2: ONE }, want: { cc: 3, fpc: INVF } },
  { name: 'positive of -1', asm: 'lpdbr %f1,%f2', code: 'b3100012', fpr: { 2: M1 }, want: { cc: 2, fpr: { 1: ONE } } },
  { name: 'negative of +0', asm: 'lndbr %f1,%f2', code: 'b3110012', fpr: { 2: 0n }, want: { cc: 0, fpr: { 1: 0x8000000000000000n } } },
  { name: 'SNaN: QNaN, invalid', asm: 'ltdbr %f1,%f2', code: 'b3120012', fpr: { 2: SNAN }, want: { cc: 3, fpr: { 1: 0x7ff8000000000001n }, fpc: INVF } },
  { name: 'invalid mask on: suppressed', asm: 'ltdbr %f1,%f2', code: 'b3120012', fpc: 0x80000000, fpr: { 1: ONE, 2: SNAN }, want: { fpc: 0x80008000, pgm: { code: 7 }, mem: { 0x90: '00000080' } } },
  { name: 'FP support: positive, CC unchanged', asm: 'lpdfr %f1,%f2', code: 'b3700012', cc: 1, fpr: { 2: M1 }, want: { fpr: { 1: ONE } } },
  { name: 'FP support: negative of a SNaN, no exception', asm: 'lndfr %f1,%f2', code: 'b3710012', fpr: { 2: SNAN }, want: { fpr: { 1: 0xfff0000000000001n } } },
  { name: 'FP support: complement', asm: 'lcdfr %f1,%f2', code: 'b3730012', fpr: { 2: M1 }, want: { fpr: { 1: ONE } } },
  { name: 'sign of op3, magnitude of op2', asm: 'cpsdr %f1,%f3,%f2', code: 'b3723012', fpr: { 2: THREE, 3: M1 }, want: { fpr: { 1: 0xc008000000000000n } } },
  { name: 'M3 4: 2.5 -> 2.0', asm: '.insn rrf,0xb35f0000,%f1,%f2,4,0', code: 'b35f4012', fpr: { 2: 0x4004000000000000n }, want: { fpr: { 1: TWO }, fpc: INX } },
  { name: 'M3 0, FPC mode 2: 2.25 -> 3.0', asm: 'fidbr %f1,0,%f2', code: 'b35f0012', fpc: 2, fpr: { 2: 0x4002000000000000n }, want: { fpr: { 1: THREE }, fpc: INX | 2 } },
  { name: 'integer: exact', asm: 'fidbr %f1,0,%f2', code: 'b35f0012', fpr: { 2: 0x4330000000000001n }, want: { fpr: { 1: 0x4330000000000001n } } },
  { name: 'M3 4: 2^31 - 0.5 rounds out of range: invalid, CC 3', asm: 'cfdbr %r1,4,%f2', code: 'b3994012', fpr: { 2: 0x41dfffffffe00000n }, want: { cc: 3, gr: { 1: 0x7fffffffn }, fpc: INVF | INX } },
  { name: 'M3 5: 2^31 - 0.5 -> 2^31 - 1', asm: 'cfdbr %r1,5,%f2', code: 'b3995012', fpr: { 2: 0x41dfffffffe00000n }, want: { cc: 2, gr: { 1: 0x7fffffffn }, fpc: INX } },
  { name: 'M4 bit 1: inexact suppressed', asm: '.insn rrf,0xb3990000,%r1,%f2,5,4', code: 'b3995412', fpr: { 2: 0x41dfffffffe00000n }, want: { cc: 2, gr: { 1: 0x7fffffffn } } },
  { name: 'inexact mask on: result stored, DXC 08', asm: 'cfdbr %r1,5,%f2', code: 'b3995012', fpc: 0x08000000, fpr: { 2: 0x41dfffffffe00000n }, want: { cc: 2, gr: { 1: 0x7fffffffn }, fpc: 0x08000800, pgm: { code: 7 }, mem: { 0x90: '00000008' } } },
  { name: 'logical: 2^32 - 1', asm: 'clfdbr %r1,5,%f2,0', code: 'b39d5012', fpr: { 2: 0x41efffffffe00000n }, want: { cc: 2, gr: { 1: 0xffffffffn } } },
  { name: 'logical 64: 2^64 is out of range', asm: 'clgdbr %r1,5,%f2,0', code: 'b3ad5012', fpr: { 2: 0x43f0000000000000n }, want: { cc: 3, gr: { 1: -1n }, fpc: INVF | INX } },
  { name: 'logical 64: 2^63', asm: 'clgdbr %r1,5,%f2,0', code: 'b3ad5012', fpr: { 2: 0x43e0000000000000n }, want: { cc: 2, gr: { 1: -0x8000000000000000n } } },
  { name: 'unsigned 2^32 - 1: exact', asm: 'cdlfbr %f1,0,%r2,0', code: 'b3910012', gr: { 2: 0xffffffffn }, want: { fpr: { 1: 0x41efffffffe00000n } } },
  { name: 'unsigned 2^64 - 1 -> 2^64', asm: 'cdlgbr %f1,0,%r2,0', code: 'b3a10012', gr: { 2: -1n }, want: { fpr: { 1: 0x43f0000000000000n }, fpc: INX } },
  { name: 'M3 7: 2^53 + 1 toward -inf', asm: '.insn rrf,0xb3a50000,%f1,%r2,7,0', code: 'b3a57012', gr: { 2: 0x20000000000001n }, want: { fpr: { 1: 0x4340000000000000n }, fpc: INX } },
  { name: 'QNaN selected by +QNaN bit 60', asm: 'tcdb %f1,8', code: 'ed1000080011', fpr: { 1: QNAN }, want: { cc: 1 } },
  { name: '-zero bit 53 not set', asm: 'tcdb %f1,0x800', code: 'ed1008000011', fpr: { 1: 0x8000000000000000n }, want: { cc: 0 } },
  { name: '+inf bit 58', asm: 'tcdb %f1,0x20', code: 'ed1000200011', fpr: { 1: 0x7ff0000000000000n }, want: { cc: 1 } },
]

runGroup('BFP long', CASES)
