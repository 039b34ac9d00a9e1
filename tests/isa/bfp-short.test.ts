// POP ch. 19, short BFP: arithmetic in every rounding mode (FPC and M3), IEEE conditions setting the FPC flags or,
// with the mask on, a data exception (DXC in FPC byte 2 and lowcore 0x93; invalid/divide-by-zero suppress, overflow/
// underflow deliver the result scaled by 2^∓192, inexact completes), fused multiply-add, square root, compare and
// signaling compare, sign loads, conversions and test data class. Expected values are IEEE 754 results (binary32).
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
/** A short value in the high word of an FPR. */
const s = (bits: number): bigint => BigInt(bits >>> 0) << 32n
const ONE = s(0x3f800000)
const TWO = s(0x40000000)
const THREE = s(0x40400000)
const HALF = s(0x3f000000)
const M1 = s(0xbf800000)
const QNAN = s(0x7fc00000)
const SNAN = s(0x7f800001)
const INF = s(0x7f800000)
const MAX = s(0x7f7fffff)
const MINN = s(0x00800000)
const E24 = s(0x33800000) // 2^-24: half an ulp of 1.0
const INX = 0x00080000
const INVF = 0x00800000

const CASES: Case[] = [
  { name: '1 + 2 = 3, CC 2', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: ONE, 2: TWO }, want: { cc: 2, fpr: { 0: THREE } } },
  { name: 'low word kept', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: ONE | 0x12345678n, 2: TWO }, want: { cc: 2, fpr: { 0: THREE | 0x12345678n } } },
  { name: 'from storage', asm: 'aeb %f0,0(%r10)', code: 'ed00a000000a', gr: B, fpr: { 0: ONE }, mem: { [DATA]: '40000000' }, want: { cc: 2, fpr: { 0: THREE } } },
  { name: 'tie to even: 1 + 2^-24 = 1, inexact flag', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: ONE, 2: E24 }, want: { cc: 2, fpr: { 0: ONE }, fpc: INX } },
  { name: 'FPC mode 2 (toward +inf): 1 + 2^-24 = 1 + 2^-23', asm: 'aebr %f0,%f2', code: 'b30a0002', fpc: 2, fpr: { 0: ONE, 2: E24 }, want: { cc: 2, fpr: { 0: s(0x3f800001) }, fpc: INX | 2 } },
  { name: 'FPC mode 1 (toward 0): 1 + 2^-24 = 1', asm: 'aebr %f0,%f2', code: 'b30a0002', fpc: 1, fpr: { 0: ONE, 2: E24 }, want: { cc: 2, fpr: { 0: ONE }, fpc: INX | 1 } },
  { name: 'FPC mode 3 (toward -inf): -1 - 2^-24 = -(1 + 2^-23)', asm: 'sebr %f0,%f2', code: 'b30b0002', fpc: 3, fpr: { 0: M1, 2: E24 }, want: { cc: 1, fpr: { 0: s(0xbf800001) }, fpc: INX | 3 } },
  { name: 'FPC mode 7 (prepare for shorter precision): inexact sets the last bit', asm: 'aebr %f0,%f2', code: 'b30a0002', fpc: 7, fpr: { 0: TWO, 2: E24 }, want: { cc: 2, fpr: { 0: s(0x40000001) }, fpc: INX | 7 } },
  { name: 'inexact mask on: result stored, CC set, data exception DXC 08', asm: 'aebr %f0,%f2', code: 'b30a0002', fpc: 0x08000000, fpr: { 0: ONE, 2: E24 }, want: { cc: 2, fpr: { 0: ONE }, fpc: 0x08000800, pgm: { code: 7 }, mem: { 0x90: '00000008' } } },
  { name: 'inexact mask on, rounded up: DXC 0C', asm: 'aebr %f0,%f2', code: 'b30a0002', fpc: 0x08000002, fpr: { 0: ONE, 2: E24 }, want: { cc: 2, fpr: { 0: s(0x3f800001) }, fpc: 0x08000c02, pgm: { code: 7 }, mem: { 0x90: '0000000c' } } },
  { name: 'x - x = +0', asm: 'sebr %f0,%f2', code: 'b30b0002', fpr: { 0: THREE, 2: THREE }, want: { cc: 0, fpr: { 0: 0n } } },
  { name: 'x - x = -0 toward -inf', asm: 'sebr %f0,%f2', code: 'b30b0002', fpc: 3, fpr: { 0: THREE, 2: THREE }, want: { cc: 0, fpr: { 0: s(0x80000000) } } },
  { name: 'from storage', asm: 'seb %f0,0(%r10)', code: 'ed00a000000b', gr: B, fpr: { 0: ONE }, mem: { [DATA]: '40400000' }, want: { cc: 1, fpr: { 0: s(0xc0000000) } } },
  { name: 'SNaN operand: QNaN of it, invalid flag, CC 3', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: ONE, 2: SNAN }, want: { cc: 3, fpr: { 0: s(0x7fc00001) }, fpc: INVF } },
  { name: 'SNaN beats an earlier QNaN', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: s(0x7fc00005), 2: SNAN }, want: { cc: 3, fpr: { 0: s(0x7fc00001) }, fpc: INVF } },
  { name: 'QNaN operand: no flag', asm: 'aebr %f0,%f2', code: 'b30a0002', fpr: { 0: s(0xffc00007), 2: ONE }, want: { cc: 3, fpr: { 0: s(0xffc00007) } } },
  { name: 'QNaN subtrahend keeps its sign', asm: 'sebr %f0,%f2', code: 'b30b0002', fpr: { 0: ONE, 2: QNAN }, want: { cc: 3, fpr: { 0: QNAN } } },
  { name: 'inf - inf: default NaN, invalid', asm: 'sebr %f0,%f2', code: 'b30b0002', fpr: { 0: INF, 2: INF }, want: { cc: 3, fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'invalid mask on: suppressed, DXC 80', asm: 'sebr %f0,%f2', code: 'b30b0002', cc: 1, fpc: 0x80000000, fpr: { 0: INF, 2: INF }, want: { fpr: {}, fpc: 0x80008000, pgm: { code: 7 }, mem: { 0x90: '00000080' } } },
  { name: '1.5 * 2 = 3, CC unchanged', asm: 'meebr %f0,%f2', code: 'b3170002', cc: 1, fpr: { 0: s(0x3fc00000), 2: TWO }, want: { fpr: { 0: THREE } } },
  { name: 'from storage', asm: 'meeb %f0,0(%r10)', code: 'ed00a0000017', gr: B, fpr: { 0: M1 }, mem: { [DATA]: '40000000' }, want: { fpr: { 0: s(0xc0000000) } } },
  { name: 'overflow: inf, overflow and inexact flags', asm: 'meebr %f0,%f2', code: 'b3170002', fpr: { 0: MAX, 2: TWO }, want: { fpr: { 0: INF }, fpc: 0x00280000 } },
  { name: 'overflow toward 0: largest finite', asm: 'meebr %f0,%f2', code: 'b3170002', fpc: 1, fpr: { 0: MAX, 2: TWO }, want: { fpr: { 0: MAX }, fpc: 0x00280001 } },
  { name: 'overflow toward -inf, positive: largest finite', asm: 'meebr %f0,%f2', code: 'b3170002', fpc: 3, fpr: { 0: MAX, 2: TWO }, want: { fpr: { 0: MAX }, fpc: 0x00280003 } },
  { name: 'overflow mask on: result scaled by 2^-192, DXC 20', asm: 'meebr %f0,%f2', code: 'b3170002', fpc: 0x20000000, fpr: { 0: MAX, 2: TWO }, want: { fpr: { 0: s(0x1fffffff) }, fpc: 0x20002000, pgm: { code: 7 }, mem: { 0x90: '00000020' } } },
  { name: 'exact subnormal result: no underflow flag', asm: 'meebr %f0,%f2', code: 'b3170002', fpr: { 0: MINN, 2: HALF }, want: { fpr: { 0: s(0x00400000) } } },
  { name: 'tiny and inexact: underflow and inexact flags, tie to even', asm: 'meebr %f0,%f2', code: 'b3170002', fpr: { 0: s(0x00800001), 2: HALF }, want: { fpr: { 0: s(0x00400000) }, fpc: 0x00180000 } },
  { name: 'underflow mask on, exact tiny: scaled by 2^192, DXC 10', asm: 'meebr %f0,%f2', code: 'b3170002', fpc: 0x10000000, fpr: { 0: MINN, 2: HALF }, want: { fpr: { 0: s(0x60000000) }, fpc: 0x10001000, pgm: { code: 7 }, mem: { 0x90: '00000010' } } },
  { name: '1 / 3 rounds to nearest', asm: 'debr %f0,%f2', code: 'b30d0002', fpr: { 0: ONE, 2: THREE }, want: { fpr: { 0: s(0x3eaaaaab) }, fpc: INX } },
  { name: '1 / 3 toward 0', asm: 'debr %f0,%f2', code: 'b30d0002', fpc: 1, fpr: { 0: ONE, 2: THREE }, want: { fpr: { 0: s(0x3eaaaaaa) }, fpc: INX | 1 } },
  { name: 'from storage', asm: 'deb %f0,0(%r10)', code: 'ed00a000000d', gr: B, fpr: { 0: THREE }, mem: { [DATA]: '40400000' }, want: { fpr: { 0: ONE } } },
  { name: 'x / 0: inf, divide-by-zero flag', asm: 'debr %f0,%f2', code: 'b30d0002', fpr: { 0: M1, 2: 0n }, want: { fpr: { 0: s(0xff800000) }, fpc: 0x00400000 } },
  { name: 'divide-by-zero mask on: suppressed, DXC 40', asm: 'debr %f0,%f2', code: 'b30d0002', fpc: 0x40000000, fpr: { 0: M1, 2: 0n }, want: { fpc: 0x40004000, pgm: { code: 7 }, mem: { 0x90: '00000040' } } },
  { name: '0 / 0: default NaN, invalid', asm: 'debr %f0,%f2', code: 'b30d0002', fpr: { 0: 0n, 2: 0n }, want: { fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'sqrt 4 = 2', asm: 'sqebr %f0,%f2', code: 'b3140002', fpr: { 2: s(0x40800000) }, want: { fpr: { 0: TWO } } },
  { name: 'sqrt 2 rounded', asm: 'sqebr %f0,%f2', code: 'b3140002', fpr: { 2: TWO }, want: { fpr: { 0: s(0x3fb504f3) }, fpc: INX } },
  { name: 'sqrt -1: invalid', asm: 'sqebr %f0,%f2', code: 'b3140002', fpr: { 2: M1 }, want: { fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'sqrt -0 = -0', asm: 'sqebr %f0,%f2', code: 'b3140002', fpr: { 0: ONE, 2: s(0x80000000) }, want: { fpr: { 0: s(0x80000000) } } },
  { name: 'from storage', asm: 'sqeb %f0,0(%r10)', code: 'ed00a0000014', gr: B, mem: { [DATA]: '41100000' }, want: { fpr: { 0: THREE } } },
  { name: 'one rounding: (1+2^-12)^2 - (1+2^-11) = 2^-24', asm: 'maebr %f0,%f2,%f4', code: 'b30e0024', fpr: { 0: s(0xbf801000), 2: s(0x3f800800), 4: s(0x3f800800) }, want: { fpr: { 0: E24 } } },
  { name: 'one rounding: (1+2^-12)^2 - (1+2^-11) = 2^-24', asm: 'msebr %f0,%f2,%f4', code: 'b30f0024', fpr: { 0: s(0x3f801000), 2: s(0x3f800800), 4: s(0x3f800800) }, want: { fpr: { 0: E24 } } },
  { name: 'op2 from storage', asm: 'maeb %f0,%f2,0(%r10)', code: 'ed20a000000e', gr: B, fpr: { 0: s(0xbf801000), 2: s(0x3f800800) }, mem: { [DATA]: '3f800800' }, want: { fpr: { 0: E24 } } },
  { name: 'op2 from storage', asm: 'mseb %f0,%f2,0(%r10)', code: 'ed20a000000f', gr: B, fpr: { 0: s(0x3f801000), 2: s(0x3f800800) }, mem: { [DATA]: '3f800800' }, want: { fpr: { 0: E24 } } },
  { name: 'SNaN op1 of multiply-subtract: quieted, sign kept', asm: 'msebr %f0,%f2,%f4', code: 'b30f0024', fpr: { 0: SNAN, 2: ONE, 4: ONE }, want: { fpr: { 0: s(0x7fc00001) }, fpc: INVF } },
  { name: '0 * inf + x: invalid', asm: 'maebr %f0,%f2,%f4', code: 'b30e0024', fpr: { 0: ONE, 2: 0n, 4: INF }, want: { fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'low', asm: 'cebr %f0,%f2', code: 'b3090002', fpr: { 0: ONE, 2: TWO }, want: { cc: 1 } },
  { name: 'from storage: equal', asm: 'ceb %f0,0(%r10)', code: 'ed00a0000009', gr: B, fpr: { 0: ONE }, mem: { [DATA]: '3f800000' }, want: { cc: 0 } },
  { name: 'QNaN: CC 3, no flag', asm: 'cebr %f0,%f2', code: 'b3090002', fpr: { 0: QNAN, 2: TWO }, want: { cc: 3 } },
  { name: 'SNaN: CC 3, invalid flag', asm: 'cebr %f0,%f2', code: 'b3090002', fpr: { 0: ONE, 2: SNAN }, want: { cc: 3, fpc: INVF } },
  { name: '-inf low', asm: 'cebr %f0,%f2', code: 'b3090002', fpr: { 0: s(0xff800000), 2: s(0xff7fffff) }, want: { cc: 1 } },
  { name: 'QNaN signals: CC 3, invalid flag', asm: 'kebr %f0,%f2', code: 'b3080002', fpr: { 0: QNAN, 2: TWO }, want: { cc: 3, fpc: INVF } },
  { name: 'QNaN with invalid mask: suppressed, CC unchanged', asm: 'kebr %f0,%f2', code: 'b3080002', cc: 2, fpc: 0x80000000, fpr: { 0: QNAN, 2: TWO }, want: { fpc: 0x80008000, pgm: { code: 7 }, mem: { 0x90: '00000080' } } },
  { name: 'from storage: high', asm: 'keb %f0,0(%r10)', code: 'ed00a0000008', gr: B, fpr: { 0: TWO }, mem: { [DATA]: '3f800000' }, want: { cc: 2 } },
  { name: 'SNaN: quieted, invalid, CC 3', asm: 'ltebr %f1,%f2', code: 'b3020012', fpr: { 2: SNAN }, want: { cc: 3, fpr: { 1: s(0x7fc00001) }, fpc: INVF } },
  { name: 'negative', asm: 'ltebr %f1,%f2', code: 'b3020012', fpr: { 2: M1 }, want: { cc: 1, fpr: { 1: M1 } } },
  { name: 'complement', asm: 'lcebr %f1,%f2', code: 'b3030012', fpr: { 2: ONE }, want: { cc: 1, fpr: { 1: M1 } } },
  { name: 'negative of a SNaN: no exception', asm: 'lnebr %f1,%f2', code: 'b3010012', fpr: { 2: SNAN }, want: { cc: 3, fpr: { 1: s(0xff800001) } } },
  { name: 'positive', asm: 'lpebr %f1,%f2', code: 'b3000012', fpr: { 2: M1 }, want: { cc: 2, fpr: { 1: ONE } } },
  { name: 'lengthened: 1/3 exactly', asm: 'ldebr %f1,%f2', code: 'b3040012', fpr: { 2: s(0x3eaaaaab) }, want: { fpr: { 1: 0x3fd5555560000000n } } },
  { name: 'lengthened SNaN: QNaN, payload kept, invalid', asm: 'ldebr %f1,%f2', code: 'b3040012', fpr: { 2: SNAN }, want: { fpr: { 1: 0x7ff8000020000000n }, fpc: INVF } },
  { name: 'lengthened from storage: subnormal becomes normal', asm: 'ldeb %f1,0(%r10)', code: 'ed10a0000004', gr: B, mem: { [DATA]: '00000001' }, want: { fpr: { 1: 0x36a0000000000000n } } },
  { name: '1/3 (long) rounded', asm: 'ledbr %f1,%f2', code: 'b3440012', fpr: { 1: 0x99n, 2: 0x3fd5555555555555n }, want: { fpr: { 1: s(0x3eaaaaab) | 0x99n }, fpc: INX } },
  { name: 'M3 5: 0.1 toward 0', asm: '.insn rrf,0xb3440000,%f1,%f2,5,0', code: 'b3445012', fpr: { 2: 0x3fb999999999999an }, want: { fpr: { 1: s(0x3dcccccc) }, fpc: INX } },
  { name: 'M4 bit 1: inexact suppressed', asm: '.insn rrf,0xb3440000,%f1,%f2,0,4', code: 'b3440412', fpr: { 2: 0x3fb999999999999an }, want: { fpr: { 1: s(0x3dcccccd) } } },
  { name: 'too large: overflow to inf', asm: 'ledbr %f1,%f2', code: 'b3440012', fpr: { 2: 0x47f0000000000000n }, want: { fpr: { 1: INF }, fpc: 0x00280000 } },
  { name: 'M3 2: specification', asm: '.insn rrf,0xb3440000,%f1,%f2,2,0', code: 'b3442012', fpr: { 2: 0x3fb999999999999an }, want: { pgm: { code: 6 } } },
  { name: 'short * short into long: exact', asm: 'mdebr %f0,%f2', code: 'b30c0002', fpr: { 0: s(0x3eaaaaab), 2: THREE }, want: { fpr: { 0: 0x3ff0000008000000n } } },
  { name: 'from storage', asm: 'mdeb %f0,0(%r10)', code: 'ed00a000000c', gr: B, fpr: { 0: THREE }, mem: { [DATA]: '3eaaaaab' }, want: { fpr: { 0: 0x3ff0000008000000n } } },
  { name: '2^24 + 1 rounds to even, inexact', asm: 'cefbr %f1,%r2', code: 'b3940012', gr: { 2: 0x1000001n }, want: { fpr: { 1: s(0x4b800000) }, fpc: INX } },
  { name: 'M3 6: 2^24 + 1 toward +inf', asm: '.insn rrf,0xb3940000,%f1,%r2,6,0', code: 'b3946012', gr: { 2: 0x1000001n }, want: { fpr: { 1: s(0x4b800001) }, fpc: INX } },
  { name: 'negative 64-bit', asm: 'cegbr %f1,%r2', code: 'b3a40012', gr: { 2: -3n }, want: { fpr: { 1: s(0xc0400000) } } },
  { name: 'unsigned 0xffffffff = 2^32 (inexact)', asm: 'celfbr %f1,0,%r2,0', code: 'b3900012', gr: { 2: 0xffffffffn }, want: { fpr: { 1: s(0x4f800000) }, fpc: INX } },
  { name: 'unsigned 2^64 - 1 = 2^64 (inexact)', asm: 'celgbr %f1,0,%r2,0', code: 'b3a00012', gr: { 2: -1n }, want: { fpr: { 1: s(0x5f800000) }, fpc: INX } },
  { name: 'zero: +0', asm: 'cefbr %f1,%r2', code: 'b3940012', fpr: { 1: ONE }, want: { fpr: { 1: 0n } } },
  { name: 'M3 4: 2.5 -> 2, CC 2, inexact', asm: 'cfebr %r1,4,%f2', code: 'b3984012', gr: { 1: 0x5500000000n }, fpr: { 2: s(0x40200000) }, want: { cc: 2, gr: { 1: 0x5500000002n }, fpc: INX } },
  { name: 'M3 1: -2.5 -> -3', asm: 'cfebr %r1,1,%f2', code: 'b3981012', fpr: { 2: s(0xc0200000) }, want: { cc: 1, gr: { 1: 0xfffffffdn }, fpc: INX } },
  { name: '3e9: invalid, CC 3, largest positive', asm: 'cfebr %r1,5,%f2', code: 'b3985012', fpr: { 2: s(0x4f32d05e) }, want: { cc: 3, gr: { 1: 0x7fffffffn }, fpc: INVF | INX } },
  { name: 'invalid mask on: suppressed, DXC 80', asm: 'cfebr %r1,5,%f2', code: 'b3985012', cc: 0, fpc: 0x80000000, gr: { 1: 7n }, fpr: { 2: QNAN }, want: { fpc: 0x80008000, pgm: { code: 7 }, mem: { 0x90: '00000080' } } },
  { name: '64-bit, -1.0', asm: 'cgebr %r1,5,%f2', code: 'b3a85012', fpr: { 2: M1 }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'logical: 3e9 fits', asm: 'clfebr %r1,5,%f2,0', code: 'b39c5012', fpr: { 2: s(0x4f32d05e) }, want: { cc: 2, gr: { 1: 3000000000n } } },
  { name: 'logical: -1.0 is invalid, 0', asm: 'clfebr %r1,5,%f2,0', code: 'b39c5012', gr: { 1: 7n }, fpr: { 2: M1 }, want: { cc: 3, gr: { 1: 0n }, fpc: INVF | INX } },
  { name: 'logical 64-bit: inf is invalid, maximum', asm: 'clgebr %r1,5,%f2,0', code: 'b3ac5012', fpr: { 2: INF }, want: { cc: 3, gr: { 1: -1n }, fpc: INVF | INX } },
  { name: 'M3 4: 2.5 -> 2.0, inexact', asm: '.insn rrf,0xb3570000,%f1,%f2,4,0', code: 'b3574012', fpr: { 2: s(0x40200000) }, want: { fpr: { 1: TWO }, fpc: INX } },
  { name: 'M3 7, M4 bit 1: -0.5 -> -1.0, no inexact', asm: '.insn rrf,0xb3570000,%f1,%f2,7,4', code: 'b3577412', fpr: { 2: s(0xbf000000) }, want: { fpr: { 1: M1 } } },
  { name: 'M3 5: -0.5 -> -0', asm: 'fiebr %f1,5,%f2', code: 'b3575012', fpr: { 2: s(0xbf000000) }, want: { fpr: { 1: s(0x80000000) }, fpc: INX } },
  { name: '+normal selected', asm: 'tceb %f1,0x200', code: 'ed1002000010', fpr: { 1: ONE }, want: { cc: 1 } },
  { name: '+normal not selected', asm: 'tceb %f1,0x5ff', code: 'ed1005ff0010', cc: 2, fpr: { 1: ONE }, want: { cc: 0 } },
  { name: '-SNaN is bit 63', asm: 'tceb %f1,1', code: 'ed1000010010', fpr: { 1: s(0xff800001) }, want: { cc: 1 } },
  { name: '-subnormal is bit 57', asm: 'tceb %f1,0x40', code: 'ed1000400010', fpr: { 1: s(0x80000001) }, want: { cc: 1 } },
  { name: 'AFP off: BFP instruction is DXC 2', asm: 'aebr %f0,%f2', code: 'b30a0002', cr: { 0: 0xe0n }, fpr: { 0: ONE, 2: ONE }, want: { pgm: { code: 7 }, mem: { 0x90: '00000002' }, cr: { 0: 0xe0n } } },
  { name: 'short from storage, long displacement', asm: 'ley %f1,-4(%r10)', code: 'ed10affcff64', gr: B, fpr: { 1: 0x77n }, mem: { [DATA - 4]: '40400000' }, want: { fpr: { 1: THREE | 0x77n } } },
  { name: 'short to storage, long displacement', asm: 'stey %f1,-4(%r10)', code: 'ed10affcff66', gr: B, fpr: { 1: THREE }, want: { mem: { [DATA - 4]: '40400000' } } },
]

runGroup('BFP short', CASES)
