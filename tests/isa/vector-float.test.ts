// POP ch. 24, vector BFP instructions on long elements: arithmetic, multiply and add/subtract, square root, load FP
// integer, conversions, lengthen/round, sign operations, compares and test data class; single-element (W) forms
// through the S bit; masked IEEE conditions in the FPC flags and enabled ones as a vector-processing exception
// (code 0x1b) with the VXC (element << 4 | VIC) in the FPC and the lowcore. Expected values worked out by hand.
import { runGroup, type Case } from './harness.ts'

/** CR0 with AFP and vector enablement (bits 45, 46). */
const VCR0 = { 0: 0x000600e0n }
const ONES = (1n << 128n) - 1n
const SPEC = { pgm: { code: 6 } }
const VXP = { code: 0x1b }
/** Two long elements. */
const L = (a: bigint, b: bigint): bigint => (a << 64n) | b
/** Four short elements. */
const W4 = (a: bigint, b: bigint, c: bigint, d: bigint): bigint => (a << 96n) | (b << 64n) | (c << 32n) | d
const ONE = 0x3ff0000000000000n
const TWO = 0x4000000000000000n
const THREE = 0x4008000000000000n
const FOUR = 0x4010000000000000n
const HALF = 0x3fe0000000000000n
const M_ONE = 0xbff0000000000000n
const M_TWO = 0xc000000000000000n
const ONE_HALF = 0x3ff8000000000000n
const TWO_HALF = 0x4004000000000000n
const M_ONE_HALF = 0xbff8000000000000n
const INF = 0x7ff0000000000000n
const M_INF = 0xfff0000000000000n
const QNAN = 0x7ff8000000000000n
const SNAN = 0x7ff0000000000001n
const MAX = 0x7fefffffffffffffn
/** 1/3 in long format (rounded to nearest). */
const THIRD = 0x3fd5555555555555n

const CASES: Case[] = [
  // ---- VFA, VFS, VFM, VFD
  { name: '[1, 2] + [2, 0.5]', asm: 'vfa %v1,%v2,%v3,3,0', code: 'e712300030e3', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(TWO, HALF) }, want: { vr: { 1: L(THREE, TWO_HALF) } } },
  { name: 'WFADB: element 0 only, element 1 zero', asm: 'vfa %v1,%v2,%v3,3,8', code: 'e712300830e3', cr: VCR0, vr: { 1: ONES, 2: L(ONE, TWO), 3: L(TWO, HALF) }, want: { vr: { 1: L(THREE, 0n) } } },
  { name: 'format 1: specification', asm: 'vfa %v1,%v2,%v3,1,0', code: 'e712300010e3', cr: VCR0, want: SPEC },
  { name: 'reserved M5 bit: specification', asm: 'vfa %v1,%v2,%v3,3,1', code: 'e712300130e3', cr: VCR0, want: SPEC },
  { name: 'vector enablement off: data exception DXC 0xfe', asm: 'vfa %v1,%v2,%v3,3,0', code: 'e712300030e3', want: { pgm: { code: 7 }, mem: { 0x90: '000000fe' }, fpc: 0xfe00 } },
  { name: '[1, 2] - [2, 0.5]', asm: 'vfs %v1,%v2,%v3,3,0', code: 'e712300030e2', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(TWO, HALF) }, want: { vr: { 1: L(M_ONE, ONE_HALF) } } },
  { name: '[1, 2] · [2, 0.5]', asm: 'vfm %v1,%v2,%v3,3,0', code: 'e712300030e7', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(TWO, HALF) }, want: { vr: { 1: L(TWO, ONE) } } },
  { name: '0 · inf masked invalid: default NaN, flag', asm: 'vfm %v1,%v2,%v3,3,0', code: 'e712300030e7', cr: VCR0, vr: { 2: L(0n, ONE), 3: L(INF, ONE) }, want: { vr: { 1: L(QNAN, ONE) }, fpc: 0x00800000 } },
  { name: 'max · 2 masked overflow: inf, overflow and inexact flags', asm: 'vfm %v1,%v2,%v3,3,0', code: 'e712300030e7', cr: VCR0, vr: { 2: L(MAX, ONE), 3: L(TWO, ONE) }, want: { vr: { 1: L(INF, ONE) }, fpc: 0x00280000 } },
  { name: '[1, 2] / [2, 0.5]', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(TWO, HALF) }, want: { vr: { 1: L(HALF, FOUR) } } },
  { name: '1 / 0 masked: inf, divide-by-zero flag', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, vr: { 2: L(ONE, ONE), 3: L(0n, TWO) }, want: { vr: { 1: L(INF, HALF) }, fpc: 0x00400000 } },
  { name: '1 / 0 in element 0 enabled: VXC 0x02, nothing stored', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, fpc: 0x40000000, vr: { 1: 7n, 2: L(ONE, ONE), 3: L(0n, TWO) }, want: { pgm: VXP, vr: { 1: 7n }, fpc: 0x40000200, mem: { 0x90: '00000002' } } },
  { name: '1 / 0 in element 1 enabled: VXC 0x12', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, fpc: 0x40000000, vr: { 2: L(ONE, ONE), 3: L(TWO, 0n) }, want: { pgm: VXP, fpc: 0x40001200, mem: { 0x90: '00000012' } } },
  { name: '1 / 3 with inexact enabled: VXC 0x05', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, fpc: 0x08000000, vr: { 2: L(ONE, ONE), 3: L(THREE, ONE) }, want: { pgm: VXP, fpc: 0x08000500, mem: { 0x90: '00000005' } } },
  { name: '1 / 3 masked: nearest, inexact flag', asm: 'vfd %v1,%v2,%v3,3,0', code: 'e712300030e5', cr: VCR0, vr: { 2: L(ONE, ONE), 3: L(THREE, ONE) }, want: { vr: { 1: L(THIRD, ONE) }, fpc: 0x00080000 } },
  // ---- VFMA, VFMS, VFSQ
  { name: '[2·3 + 1, 0.5·4 - 1]', asm: 'vfma %v1,%v2,%v3,%v4,0,3', code: 'e7123300408f', cr: VCR0, vr: { 2: L(TWO, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(0x401c000000000000n, ONE) } } },
  { name: '[2·3 - 1, 0.5·4 + 1]', asm: 'vfms %v1,%v2,%v3,%v4,0,3', code: 'e7123300408e', cr: VCR0, vr: { 2: L(TWO, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(0x4014000000000000n, THREE) } } },
  { name: 'WFMSDB', asm: 'vfms %v1,%v2,%v3,%v4,8,3', code: 'e7123308408e', cr: VCR0, vr: { 2: L(TWO, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(0x4014000000000000n, 0n) } } },
  { name: '[√4, √2.25]', asm: 'vfsq %v1,%v2,3,0', code: 'e712000030ce', cr: VCR0, vr: { 2: L(FOUR, 0x4002000000000000n) }, want: { vr: { 1: L(TWO, ONE_HALF) } } },
  { name: '√-1 masked: default NaN, invalid flag', asm: 'vfsq %v1,%v2,3,0', code: 'e712000030ce', cr: VCR0, vr: { 2: L(M_ONE, FOUR) }, want: { vr: { 1: L(QNAN, TWO) }, fpc: 0x00800000 } },
  // ---- VFI, conversions
  { name: 'nearest even: [2.5, -1.5] -> [2, -2], inexact', asm: 'vfi %v1,%v2,3,0,4', code: 'e712004030c7', cr: VCR0, vr: { 2: L(TWO_HALF, M_ONE_HALF) }, want: { vr: { 1: L(TWO, M_TWO) }, fpc: 0x00080000 } },
  { name: 'XxC suppresses the inexact flag', asm: 'vfi %v1,%v2,3,4,4', code: 'e712004430c7', cr: VCR0, vr: { 2: L(TWO_HALF, M_ONE_HALF) }, want: { vr: { 1: L(TWO, M_TWO) }, fpc: 0 } },
  { name: 'toward 0: [2, -1]', asm: 'vfi %v1,%v2,3,4,5', code: 'e712005430c7', cr: VCR0, vr: { 2: L(TWO_HALF, M_ONE_HALF) }, want: { vr: { 1: L(TWO, M_ONE) } } },
  { name: 'nearest ties away: [3, -2]', asm: 'vfi %v1,%v2,3,4,1', code: 'e712001430c7', cr: VCR0, vr: { 2: L(TWO_HALF, M_ONE_HALF) }, want: { vr: { 1: L(THREE, M_TWO) } } },
  { name: 'rounding method 2: specification', asm: 'vfi %v1,%v2,3,0,2', code: 'e712002030c7', cr: VCR0, want: SPEC },
  { name: '[-3, 2^53 + 1] -> [-3.0, 2^53] (ties to even), inexact', asm: 'vcdg %v1,%v2,3,0,0', code: 'e712000030c3', cr: VCR0, vr: { 2: L(0xfffffffffffffffdn, 0x0020000000000001n) }, want: { vr: { 1: L(0xc008000000000000n, 0x4340000000000000n) }, fpc: 0x00080000 } },
  { name: 'logical [2^64 - 1, 1] -> [2^64, 1.0]', asm: 'vcdlg %v1,%v2,3,0,0', code: 'e712000030c1', cr: VCR0, vr: { 2: L(0xffffffffffffffffn, 1n) }, want: { vr: { 1: L(0x43f0000000000000n, ONE) }, fpc: 0x00080000 } },
  { name: 'toward 0: -2.5 -> -2; 2^63 out of range -> max, invalid', asm: 'vcgd %v1,%v2,3,0,5', code: 'e712005030c2', cr: VCR0, vr: { 2: L(0xc004000000000000n, 0x43e0000000000000n) }, want: { vr: { 1: L(0xfffffffffffffffen, 0x7fffffffffffffffn) }, fpc: 0x00880000 } },
  { name: 'NaN: the most negative number, invalid only', asm: 'vcgd %v1,%v2,3,8,5', code: 'e712005830c2', cr: VCR0, vr: { 2: L(QNAN, ONE) }, want: { vr: { 1: L(0x8000000000000000n, 0n) }, fpc: 0x00800000 } },
  { name: 'logical: -1.0 -> 0 invalid; 2^63 fits', asm: 'vclgd %v1,%v2,3,0,5', code: 'e712005030c0', cr: VCR0, vr: { 2: L(M_ONE, 0x43e0000000000000n) }, want: { vr: { 1: L(0n, 0x8000000000000000n) }, fpc: 0x00880000 } },
  { name: 'short elements 0 and 2 lengthened', asm: 'vlde %v1,%v2,2,0', code: 'e712000020c4', cr: VCR0, vr: { 2: W4(0x3f800000n, 0x11111111n, 0xc0000000n, 0x22222222n) }, want: { vr: { 1: L(ONE, M_TWO) } } },
  { name: 'format 4: specification', asm: 'vlde %v1,%v2,4,0', code: 'e712000040c4', cr: VCR0, want: SPEC },
  { name: '[1.5, max] rounded: [1.5f, inf], overflow', asm: 'vled %v1,%v2,3,0,0', code: 'e712000030c5', cr: VCR0, vr: { 1: ONES, 2: L(ONE_HALF, MAX) }, want: { vr: { 1: W4(0x3fc00000n, 0n, 0x7f800000n, 0n) }, fpc: 0x00280000 } },
  { name: 'WLEDB: element 0 only', asm: 'vled %v1,%v2,3,8,0', code: 'e712000830c5', cr: VCR0, vr: { 2: L(M_TWO, MAX) }, want: { vr: { 1: W4(0xc0000000n, 0n, 0n, 0n) } } },
  // ---- sign operations, compares, test data class
  { name: 'complement', asm: 'vfpso %v1,%v2,3,0,0', code: 'e712000030cc', cr: VCR0, vr: { 2: L(ONE, M_TWO) }, want: { vr: { 1: L(M_ONE, TWO) } } },
  { name: 'negative, a NaN too, no exception', asm: 'vfpso %v1,%v2,3,0,1', code: 'e712001030cc', cr: VCR0, fpc: 0x80000000, vr: { 2: L(SNAN, M_TWO) }, want: { vr: { 1: L(SNAN | (1n << 63n), M_TWO) } } },
  { name: 'positive', asm: 'vfpso %v1,%v2,3,0,2', code: 'e712002030cc', cr: VCR0, vr: { 2: L(M_ONE, M_INF) }, want: { vr: { 1: L(ONE, INF) } } },
  { name: 'operation 3: specification', asm: 'vfpso %v1,%v2,3,0,3', code: 'e712003030cc', cr: VCR0, want: SPEC },
  { name: '1 < 2: CC 1', asm: 'wfc %v1,%v2,3,0', code: 'e712000030cb', cr: VCR0, vr: { 1: L(ONE, FOUR), 2: L(TWO, 0n) }, want: { cc: 1 } },
  { name: 'equal: CC 0', asm: 'wfc %v1,%v2,3,0', code: 'e712000030cb', cr: VCR0, cc: 3, vr: { 1: L(TWO, 0n), 2: L(TWO, ONE) }, want: { cc: 0 } },
  { name: 'QNaN: CC 3 quietly', asm: 'wfc %v1,%v2,3,0', code: 'e712000030cb', cr: VCR0, fpc: 0x80000000, vr: { 1: L(QNAN, 0n), 2: L(TWO, 0n) }, want: { cc: 3 } },
  { name: 'SNaN masked: CC 3, invalid flag', asm: 'wfc %v1,%v2,3,0', code: 'e712000030cb', cr: VCR0, vr: { 1: L(SNAN, 0n), 2: L(TWO, 0n) }, want: { cc: 3, fpc: 0x00800000 } },
  { name: 'QNaN with invalid enabled: VXC 0x01, CC unchanged', asm: 'wfk %v1,%v2,3,0', code: 'e712000030ca', cr: VCR0, cc: 2, fpc: 0x80000000, vr: { 1: L(QNAN, 0n), 2: L(TWO, 0n) }, want: { pgm: VXP, fpc: 0x80000100, mem: { 0x90: '00000001' } } },
  { name: '2 > 1: CC 2', asm: 'wfk %v1,%v2,3,0', code: 'e712000030ca', cr: VCR0, vr: { 1: L(TWO, 0n), 2: L(ONE, 0n) }, want: { cc: 2 } },
  { name: 'equal: [1 = 1, 2 != 3], CC 1', asm: 'vfce %v1,%v2,%v3,3,0,1', code: 'e712301030e8', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(ONE, THREE) }, want: { cc: 1, vr: { 1: L(0xffffffffffffffffn, 0n) } } },
  { name: 'high: none, CC 3', asm: 'vfch %v1,%v2,%v3,3,0,1', code: 'e712301030eb', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(ONE, THREE) }, want: { cc: 3, vr: { 1: 0n } } },
  { name: 'high or equal: element 0, CC 1', asm: 'vfche %v1,%v2,%v3,3,0,1', code: 'e712301030ea', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(ONE, THREE) }, want: { cc: 1, vr: { 1: L(0xffffffffffffffffn, 0n) } } },
  { name: 'high is quiet: a QNaN compares false without a flag', asm: 'vfch %v1,%v2,%v3,3,0,0', code: 'e712300030eb', cr: VCR0, fpc: 0x80000000, vr: { 2: L(QNAN, THREE), 3: L(ONE, TWO) }, want: { vr: { 1: L(0n, 0xffffffffffffffffn) } } },
  { name: 'SQ (VFKHDB): a QNaN is invalid (masked: false, flag)', asm: 'vfch %v1,%v2,%v3,3,4,0', code: 'e712300430eb', cr: VCR0, vr: { 2: L(QNAN, THREE), 3: L(ONE, TWO) }, want: { vr: { 1: L(0n, 0xffffffffffffffffn) }, fpc: 0x00800000 } },
  { name: 'equal: an SNaN is invalid even when quiet', asm: 'vfce %v1,%v2,%v3,3,0,0', code: 'e712300030e8', cr: VCR0, vr: { 2: L(SNAN, ONE), 3: L(SNAN, ONE) }, want: { vr: { 1: L(0n, 0xffffffffffffffffn) }, fpc: 0x00800000 } },
  { name: 'WFCEDB: element 0 only, CC 0', asm: 'vfce %v1,%v2,%v3,3,8,1', code: 'e712301830e8', cr: VCR0, vr: { 2: L(ONE, TWO), 3: L(ONE, THREE) }, want: { cc: 0, vr: { 1: L(0xffffffffffffffffn, 0n) } } },
  { name: '+0 and -inf both selected: CC 0', asm: 'vftci %v1,%v2,0x810,3,0', code: 'e7128100304a', cr: VCR0, vr: { 2: L(0n, M_INF) }, want: { cc: 0, vr: { 1: ONES } } },
  { name: 'only +0 selected: CC 1', asm: 'vftci %v1,%v2,0x800,3,0', code: 'e7128000304a', cr: VCR0, vr: { 2: L(0n, M_INF) }, want: { cc: 1, vr: { 1: L(0xffffffffffffffffn, 0n) } } },
  { name: '-SNaN only: CC 3', asm: 'vftci %v1,%v2,1,3,0', code: 'e7120010304a', cr: VCR0, vr: { 2: L(0n, M_INF) }, want: { cc: 3, vr: { 1: 0n } } },
  // ---- vector-enhancements 1 and 2
  { name: '-(2·3 + 1), -(0.5·4 - 1)', asm: 'vfnma %v1,%v2,%v3,%v4,0,3', code: 'e7123300409f', cr: VCR0, vr: { 2: L(TWO, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(0xc01c000000000000n, M_ONE) } } },
  { name: '-(2·3 - 1), -(0.5·4 + 1)', asm: 'vfnms %v1,%v2,%v3,%v4,0,3', code: 'e7123300409e', cr: VCR0, vr: { 2: L(TWO, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(0xc014000000000000n, 0xc008000000000000n) } } },
  { name: 'a NaN result keeps its sign', asm: 'vfnma %v1,%v2,%v3,%v4,0,3', code: 'e7123300409f', cr: VCR0, vr: { 2: L(QNAN, HALF), 3: L(THREE, FOUR), 4: L(ONE, M_ONE) }, want: { vr: { 1: L(QNAN, M_ONE) } } },
  { name: 'long element 0 to extended', asm: 'vlde %v1,%v2,3,0', code: 'e712000030c4', cr: VCR0, vr: { 2: L(ONE, TWO) }, want: { vr: { 1: 0x3fff0000000000000000000000000000n } } },
  { name: 'extended 1.5 to long element 0', asm: 'vled %v1,%v2,4,0,0', code: 'e712000040c5', cr: VCR0, vr: { 1: ONES, 2: 0x3fff8000000000000000000000000000n }, want: { vr: { 1: L(ONE_HALF, 0n) } } },
  { name: 'words to short: [-3, 7, 2^31 - 1 (inexact), 0]', asm: 'vcdg %v1,%v2,2,0,0', code: 'e712000020c3', cr: VCR0, vr: { 2: W4(0xfffffffdn, 7n, 0x7fffffffn, 0n) }, want: { vr: { 1: W4(0xc0400000n, 0x40e00000n, 0x4f000000n, 0n) }, fpc: 0x00080000 } },
  { name: 'short to words toward 0: [2, -1, max (invalid), 0]', asm: 'vcgd %v1,%v2,2,0,5', code: 'e712005020c2', cr: VCR0, vr: { 2: W4(0x40200000n, 0xbfc00000n, 0x4f000000n, 0n) }, want: { vr: { 1: W4(2n, 0xffffffffn, 0x7fffffffn, 0n) }, fpc: 0x00880000 } },
  { name: 'format 1: specification', asm: 'vcgd %v1,%v2,1,0,5', code: 'e712005010c2', cr: VCR0, want: SPEC },
  // ---- VFMAX / VFMIN (vector-enhancements 1): M6 0 IEEE, 1 Java, 2 C macro, 3 C++, 4 fmax; +8 on magnitudes
  { name: 'IEEE maxNum: a QNaN gives the other operand', asm: 'vfmax %v1,%v2,%v3,3,0,0', code: 'e712300030ef', cr: VCR0, vr: { 2: L(ONE, QNAN), 3: L(TWO, THREE) }, want: { vr: { 1: L(TWO, THREE) } } },
  { name: 'IEEE maxNum: an SNaN is invalid, quieted', asm: 'vfmax %v1,%v2,%v3,3,0,0', code: 'e712300030ef', cr: VCR0, vr: { 2: L(SNAN, ONE), 3: L(ONE, TWO) }, want: { vr: { 1: L(0x7ff8000000000001n, TWO) }, fpc: 0x00800000 } },
  { name: 'Java: the NaN; +0 over -0', asm: 'vfmax %v1,%v2,%v3,3,0,1', code: 'e712301030ef', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(QNAN, 0n) } } },
  { name: 'Java minimum: the NaN; -0 under +0', asm: 'vfmin %v1,%v2,%v3,3,0,1', code: 'e712301030ee', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(QNAN, 1n << 63n) } } },
  { name: 'C macro: the second operand, invalid on a NaN', asm: 'vfmax %v1,%v2,%v3,3,0,2', code: 'e712302030ef', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(ONE, 0n) }, fpc: 0x00800000 } },
  { name: 'C++: the first operand, invalid on a NaN', asm: 'vfmax %v1,%v2,%v3,3,0,3', code: 'e712303030ef', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(QNAN, 1n << 63n) }, fpc: 0x00800000 } },
  { name: 'fmax: the number; +0', asm: 'vfmax %v1,%v2,%v3,3,0,4', code: 'e712304030ef', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(ONE, 0n) } } },
  { name: 'fmin: the number; -0', asm: 'vfmin %v1,%v2,%v3,3,0,4', code: 'e712304030ee', cr: VCR0, vr: { 2: L(QNAN, 1n << 63n), 3: L(ONE, 0n) }, want: { vr: { 1: L(ONE, 1n << 63n) } } },
  { name: 'magnitudes: max(|-3|, |1|), max(|2|, |-5|)', asm: 'vfmax %v1,%v2,%v3,3,0,8', code: 'e712308030ef', cr: VCR0, vr: { 2: L(0xc008000000000000n, TWO), 3: L(ONE, 0xc014000000000000n) }, want: { vr: { 1: L(THREE, 0x4014000000000000n) } } },
  { name: 'minimum of numbers', asm: 'vfmin %v1,%v2,%v3,3,0,0', code: 'e712300030ee', cr: VCR0, vr: { 2: L(ONE, M_TWO), 3: L(TWO, ONE) }, want: { vr: { 1: L(ONE, M_TWO) } } },
  { name: 'function 5: specification', asm: 'vfmax %v1,%v2,%v3,3,0,5', code: 'e712305030ef', cr: VCR0, want: SPEC },
]

runGroup('vector float', CASES)
