// POP ch. 19, extended BFP (128-bit, FPR pairs n/n+2, n ≠ 2, 3 mod 4): arithmetic with rounding, square root,
// compare, sign loads, load rounded/lengthened, mixed-length multiply, conversions, load FP integer, test data class,
// LXR/LZXR and the register-pair specification exception. Expected values are IEEE 754 binary128 results.
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const ONE = 0x3fff000000000000n
const TWO = 0x4000000000000000n
const THREE = 0x4000800000000000n
const NINE = 0x4002200000000000n
const M1 = 0xbfff000000000000n
const THIRD = 0x3ffd555555555555n // high half of 1/3; the low half is 0x5555555555555555
const L5 = 0x5555555555555555n
const INX = 0x00080000
const INVF = 0x00800000

const CASES: Case[] = [
  { name: '1 + 2 = 3, CC 2', asm: 'axbr %f0,%f4', code: 'b34a0004', fpr: { 0: ONE, 4: TWO }, want: { cc: 2, fpr: { 0: THREE } } },
  { name: 'tie to even: 1 + 2^-113 = 1', asm: 'axbr %f0,%f4', code: 'b34a0004', fpr: { 0: ONE, 4: 0x3f8e000000000000n }, want: { cc: 2, fpr: { 0: ONE }, fpc: INX } },
  { name: 'toward +inf: 1 + 2^-113 = 1 + 2^-112', asm: 'axbr %f0,%f4', code: 'b34a0004', fpc: 2, fpr: { 0: ONE, 4: 0x3f8e000000000000n }, want: { cc: 2, fpr: { 0: ONE, 2: 1n }, fpc: INX | 2 } },
  { name: 'second register of the pair', asm: 'axbr %f1,%f5', code: 'b34a0015', fpr: { 1: ONE, 3: 1n, 5: M1 }, want: { cc: 2, fpr: { 1: 0x3f8f000000000000n, 3: 0n } } },
  { name: 'x - x = +0', asm: 'sxbr %f0,%f4', code: 'b34b0004', fpr: { 0: THREE, 2: 7n, 4: THREE, 6: 7n }, want: { cc: 0, fpr: { 0: 0n, 2: 0n } } },
  { name: '3 * 3 = 9, CC unchanged', asm: 'mxbr %f0,%f4', code: 'b34c0004', cc: 1, fpr: { 0: THREE, 4: THREE }, want: { fpr: { 0: NINE } } },
  { name: '1 / 3 rounded', asm: 'dxbr %f0,%f4', code: 'b34d0004', fpr: { 0: ONE, 4: THREE }, want: { fpr: { 0: THIRD, 2: L5 }, fpc: INX } },
  { name: '1 / 0: divide-by-zero', asm: 'dxbr %f0,%f4', code: 'b34d0004', fpr: { 0: M1 }, want: { fpr: { 0: 0xffff000000000000n }, fpc: 0x00400000 } },
  { name: 'sqrt 9 = 3', asm: 'sqxbr %f0,%f4', code: 'b3160004', fpr: { 4: NINE }, want: { fpr: { 0: THREE } } },
  { name: 'low', asm: 'cxbr %f0,%f4', code: 'b3490004', fpr: { 0: ONE, 4: THREE }, want: { cc: 1 } },
  { name: 'differs only in the low half: high', asm: 'cxbr %f0,%f4', code: 'b3490004', fpr: { 0: ONE, 2: 2n, 4: ONE, 6: 1n }, want: { cc: 2 } },
  { name: 'QNaN: invalid', asm: 'kxbr %f0,%f4', code: 'b3480004', fpr: { 0: 0x7fff800000000000n, 4: ONE }, want: { cc: 3, fpc: INVF } },
  { name: 'negative', asm: 'ltxbr %f0,%f4', code: 'b3420004', fpr: { 4: M1, 6: 5n }, want: { cc: 1, fpr: { 0: M1, 2: 5n } } },
  { name: 'complement', asm: 'lcxbr %f0,%f4', code: 'b3430004', fpr: { 4: ONE }, want: { cc: 1, fpr: { 0: M1 } } },
  { name: 'positive', asm: 'lpxbr %f0,%f4', code: 'b3400004', fpr: { 4: M1 }, want: { cc: 2, fpr: { 0: ONE } } },
  { name: 'negative', asm: 'lnxbr %f0,%f4', code: 'b3410004', fpr: { 4: ONE }, want: { cc: 1, fpr: { 0: M1 } } },
  { name: 'long 1/3 lengthened exactly', asm: 'lxdbr %f0,%f5', code: 'b3050005', fpr: { 5: 0x3fd5555555555555n }, want: { fpr: { 0: THIRD, 2: 0x5000000000000000n } } },
  { name: 'from storage', asm: 'lxdb %f0,0(%r10)', code: 'ed00a0000005', gr: B, mem: { [DATA]: '3ff0000000000000' }, want: { fpr: { 0: ONE } } },
  { name: 'short lengthened', asm: 'lxebr %f4,%f1', code: 'b3060041', fpr: { 1: 0xbf80000000000000n }, want: { fpr: { 4: M1 } } },
  { name: 'short from storage', asm: 'lxeb %f4,0(%r10)', code: 'ed40a0000006', gr: B, mem: { [DATA]: '40400000' }, want: { fpr: { 4: THREE } } },
  { name: '1/3 rounded to long', asm: 'ldxbr %f4,%f0', code: 'b3450040', fpr: { 0: THIRD, 2: L5, 6: 9n }, want: { fpr: { 4: 0x3fd5555555555555n }, fpc: INX } },
  { name: 'result FPR 2 is not a pair: specification', asm: 'ldxbr %f2,%f4', code: 'b3450024', fpr: { 4: NINE }, want: { pgm: { code: 6 } } },
  { name: '1/3 rounded to short', asm: 'lexbr %f4,%f0', code: 'b3460040', fpr: { 0: THIRD, 2: L5 }, want: { fpr: { 4: 0x3eaaaaab00000000n }, fpc: INX } },
  { name: 'long * long = 1 - 2^-54 exactly (53 fraction ones)', asm: 'mxdbr %f0,%f5', code: 'b3070005', fpr: { 0: 0x3fd5555555555555n, 5: 0x4008000000000000n }, want: { fpr: { 0: 0x3ffeffffffffffffn, 2: 0xf800000000000000n } } },
  { name: 'from storage', asm: 'mxdb %f0,0(%r10)', code: 'ed00a0000007', gr: B, fpr: { 0: 0x4008000000000000n }, mem: { [DATA]: '4008000000000000' }, want: { fpr: { 0: NINE } } },
  { name: '-1', asm: 'cxfbr %f0,%r2', code: 'b3960002', gr: { 2: -1n }, want: { fpr: { 0: M1 } } },
  { name: '2^63 - 1 exactly', asm: 'cxgbr %f0,%r2', code: 'b3a60002', gr: { 2: 0x7fffffffffffffffn }, want: { fpr: { 0: 0x403dffffffffffffn, 2: 0xfffc000000000000n } } },
  { name: 'unsigned 2^32 - 1', asm: 'cxlfbr %f0,0,%r2,0', code: 'b3920002', gr: { 2: 0xffffffffn }, want: { fpr: { 0: 0x401efffffffe0000n } } },
  { name: 'unsigned 2^64 - 1', asm: 'cxlgbr %f0,0,%r2,0', code: 'b3a20002', gr: { 2: -1n }, want: { fpr: { 0: 0x403effffffffffffn, 2: 0xfffe000000000000n } } },
  { name: '1/3 toward 0: 0, CC 2, inexact', asm: 'cfxbr %r1,5,%f4', code: 'b39a5014', gr: { 1: 7n }, fpr: { 4: THIRD, 6: L5 }, want: { cc: 2, gr: { 1: 0n }, fpc: INX } },
  { name: '-9', asm: 'cgxbr %r1,5,%f4', code: 'b3aa5014', fpr: { 4: 0xc002200000000000n }, want: { cc: 1, gr: { 1: -9n } } },
  { name: 'logical 9', asm: 'clfxbr %r1,5,%f4,0', code: 'b39e5014', fpr: { 4: NINE }, want: { cc: 2, gr: { 1: 9n } } },
  { name: 'logical 64: 3', asm: 'clgxbr %r1,5,%f4,0', code: 'b3ae5014', fpr: { 4: THREE }, want: { cc: 2, gr: { 1: 3n } } },
  { name: 'M3 6: 1/3 -> 1.0', asm: 'fixbr %f0,6,%f4', code: 'b3476004', fpr: { 4: THIRD, 6: L5 }, want: { fpr: { 0: ONE }, fpc: INX } },
  { name: '+normal', asm: 'tcxb %f0,0x200', code: 'ed0002000012', fpr: { 0: ONE }, want: { cc: 1 } },
  { name: '+subnormal: low half only', asm: 'tcxb %f0,0x80', code: 'ed0000800012', fpr: { 2: 1n }, want: { cc: 1 } },
  { name: 'pair copy', asm: 'lxr %f1,%f5', code: 'b3650015', fpr: { 5: ONE, 7: 3n }, want: { fpr: { 1: ONE, 3: 3n } } },
  { name: 'pair zero', asm: 'lzxr %f4', code: 'b3760040', fpr: { 4: ONE, 6: 3n }, want: { fpr: { 4: 0n, 6: 0n } } },
  { name: 'FPR 2 is not a pair: specification', asm: 'axbr %f2,%f0', code: 'b34a0020', fpr: { 0: ONE, 2: ONE }, want: { pgm: { code: 6 } } },
  { name: 'FPR 7 is not a pair: specification', asm: 'lxr %f0,%f7', code: 'b3650007', want: { pgm: { code: 6 } } },
]

runGroup('BFP extended', CASES)
