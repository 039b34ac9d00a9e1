// POP ch. 20, decimal floating point (facility 42) and the DFP conversions of facility 37. QEMU 7.2 TCG has no DFP,
// so every expected value is derived by hand from the POP and the IEEE 754-2008 decimal rules: ideal exponents
// (quantum) of exact results, rounding to 16/34 digits in each DFP rounding mode (FPC bits 25-27 or an M field with
// bit 0 set), subnormal and clamped exponents, special values, and the IEEE flags and DXCs. Bit patterns come from
// `dec` below, a DPD encoder written from the IEEE 754-2008 encoding table (independent of the emulator's decoder,
// which builds its tables from the decoding rules), itself checked against patterns written out by hand.
import { describe, expect, it } from 'vitest'
import { runGroup, type Case } from './harness.ts'

/** DPD declet of three digits (IEEE 754-2008 Table 3.3, encoding direction). */
function declet(n: number): number {
  const [a, b, c] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10]
  const big = (a > 7 ? 4 : 0) | (b > 7 ? 2 : 0) | (c > 7 ? 1 : 0)
  const lo3 = (d: number): number => d & 7
  const b0 = (d: number): number => d & 1
  const hi2 = (d: number): number => (d >> 1) & 3
  switch (big) {
    case 0: return (lo3(a) << 7) | (lo3(b) << 4) | lo3(c)
    case 1: return (lo3(a) << 7) | (lo3(b) << 4) | 0b1000 | b0(c)
    case 2: return (lo3(a) << 7) | (hi2(c) << 5) | (b0(b) << 4) | 0b1010 | b0(c)
    case 4: return (hi2(c) << 8) | (b0(a) << 7) | (lo3(b) << 4) | 0b1100 | b0(c)
    case 6: return (hi2(c) << 8) | (b0(a) << 7) | (b0(b) << 4) | 0b1110 | b0(c)
    case 5: return (hi2(b) << 8) | (b0(a) << 7) | (0b01 << 5) | (b0(b) << 4) | 0b1110 | b0(c)
    case 3: return (lo3(a) << 7) | (0b10 << 5) | (b0(b) << 4) | 0b1110 | b0(c)
    default: return (b0(a) << 7) | (0b11 << 5) | (b0(b) << 4) | 0b1110 | b0(c)
  }
}
const FMT = { 32: { ec: 6, bias: 101, n: 2 }, 64: { ec: 8, bias: 398, n: 5 }, 128: { ec: 12, bias: 6176, n: 11 } } as const
/** Bit pattern of (−1)^neg · c · 10^q in the 32/64/128-bit format. */
function dec(w: 32 | 64 | 128, c: bigint, q: number, neg = false): bigint {
  const f = FMT[w]
  const be = q + f.bias
  let cont = 0n
  let k = c
  for (let i = 0; i < f.n; i++) {
    cont |= BigInt(declet(Number(k % 1000n))) << BigInt(10 * i)
    k /= 1000n
  }
  const lead = Number(k)
  const hi = be >> f.ec
  const comb = lead < 8 ? (hi << 3) | lead : 0b11000 | (hi << 1) | (lead & 1)
  return ((neg ? 1n : 0n) << BigInt(w - 1)) | (BigInt(comb) << BigInt(w - 6)) | (BigInt(be & ((1 << f.ec) - 1)) << BigInt(w - 6 - f.ec)) | cont
}
const d64 = (c: bigint, q: number, neg = false): bigint => dec(64, c, q, neg)
/** A short value as an FPR pattern (the high word). */
const d32 = (c: bigint, q: number, neg = false): bigint => dec(32, c, q, neg) << 32n
/** An extended value as the FPR pair {n: high half, n+2: low half}. */
function x(n: number, c: bigint, q: number, neg = false): Record<number, bigint> {
  const b = dec(128, c, q, neg)
  return { [n]: b >> 64n, [n + 2]: b & 0xffffffffffffffffn }
}

const INF = 0x7800000000000000n
const NINF = 0xf800000000000000n
const QNAN = 0x7c00000000000000n
const SNAN5 = 0x7e00000000000005n
const MAX = 0x77fcff3fcff3fcffn // 9999999999999999E369
const ONE = 0x2238000000000001n // 1E0
const ONE_10 = 0x2230000000000090n // 1.10: coefficient 110 (declet 0x090), biased exponent 396
const ONE_10_SHORT = 0x2230009000000000n // 1.10 short (biased exponent 99) in the high word
const X_HI = 0x2208000000000000n // 1E0 extended, high half
const P16 = 10n ** 16n
const P34 = 10n ** 34n
const THIRD16 = 3333333333333333n
const THIRD34 = (P34 - 1n) / 3n

const INXF = 0x00080000
const INVF = 0x00800000
const DBZF = 0x00400000
const OVFF = 0x00200000
const UNFF = 0x00100000
/** FPC with DFP rounding mode m (bits 25-27). */
const drm = (m: number): number => m << 4

describe('DPD encoder of this file', () => {
  it('matches patterns worked out by hand', () => {
    expect([d64(1n, 0), d64(110n, -2), d64(P16 - 1n, 369), d64(THIRD16, -16), dec(128, 1n, 0) >> 64n, d32(110n, -2)]).toEqual([ONE, ONE_10, MAX, 0x2df9b36cdb36cdb3n, X_HI, ONE_10_SHORT])
  })
})

const CASES: Case[] = [
  // ---- add / subtract: quantum, rounding, signed zeros -----------------------------------------------------------------
  { name: '1.10 + 2.20 = 3.30, quantum kept', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: ONE_10, 4: d64(220n, -2) }, want: { cc: 2, fpr: { 0: 0x22300000000001b0n } } },
  { name: '1.1 + 2.20 = 3.30 (smaller exponent)', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: d64(11n, -1), 4: d64(220n, -2) }, want: { cc: 2, fpr: { 0: d64(330n, -2) } } },
  { name: '9999999999999999 + 1 = 1000000000000000E1, exact', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: d64(P16 - 1n, 0), 4: ONE }, want: { cc: 2, fpr: { 0: d64(P16 / 10n, 1) } } },
  { name: '9999999999999999 + 0.5 ties to even: up', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: d64(P16 - 1n, 0), 4: d64(5n, -1) }, want: { cc: 2, fpr: { 0: d64(P16 / 10n, 1) }, fpc: INXF } },
  { name: 'same toward 0', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpc: drm(1), fpr: { 2: d64(P16 - 1n, 0), 4: d64(5n, -1) }, want: { cc: 2, fpr: { 0: d64(P16 - 1n, 0) }, fpc: drm(1) | INXF } },
  { name: 'same ties toward 0', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpc: drm(5), fpr: { 2: d64(P16 - 1n, 0), 4: d64(5n, -1) }, want: { cc: 2, fpr: { 0: d64(P16 - 1n, 0) }, fpc: drm(5) | INXF } },
  { name: 'same ties away (M4 12 over DRM 1)', asm: '.insn rrf,0xb3d20000,%f0,%f2,%f4,12', code: 'b3d24c02', fpc: drm(1), fpr: { 2: d64(P16 - 1n, 0), 4: d64(5n, -1) }, want: { cc: 2, fpr: { 0: d64(P16 / 10n, 1) }, fpc: drm(1) | INXF } },
  { name: '1E369 + 1E-398: 767 digits apart, rounded to 1000000000000000E354', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: d64(1n, 369), 4: d64(1n, -398) }, want: { cc: 2, fpr: { 0: d64(P16 / 10n, 354) }, fpc: INXF } },
  { name: 'same toward +inf: 1000000000000001E354', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpc: drm(2), fpr: { 2: d64(1n, 369), 4: d64(1n, -398) }, want: { cc: 2, fpr: { 0: d64(P16 / 10n + 1n, 354) }, fpc: drm(2) | INXF } },
  { name: 'extended 1E6111 + 1E-6176 toward 0', asm: 'axtr %f0,%f4,%f8', code: 'b3da8004', fpc: drm(1), fpr: { ...x(4, 1n, 6111), ...x(8, 1n, -6176) }, want: { cc: 2, fpr: x(0, P34 / 10n, 6111 - 33), fpc: drm(1) | INXF } },
  { name: '1.10 - 1.10 = +0E-2', asm: 'sdtr %f0,%f2,%f4', code: 'b3d34002', fpr: { 2: ONE_10, 4: ONE_10 }, want: { cc: 0, fpr: { 0: 0x2230000000000000n } } },
  { name: '1.10 - 1.10 toward -inf = -0E-2', asm: 'sdtr %f0,%f2,%f4', code: 'b3d34002', fpc: drm(3), fpr: { 2: ONE_10, 4: ONE_10 }, want: { cc: 0, fpr: { 0: 0xa230000000000000n } } },
  { name: '1 - 3.30 = -2.30', asm: 'sdtr %f0,%f2,%f4', code: 'b3d34002', fpr: { 2: ONE, 4: d64(330n, -2) }, want: { cc: 1, fpr: { 0: d64(230n, -2, true) } } },
  { name: 'inf - inf: invalid, default QNaN', asm: 'sdtr %f0,%f2,%f4', code: 'b3d34002', fpr: { 2: INF, 4: INF }, want: { cc: 3, fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'SNaN operand: QNaN with its payload, invalid', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpr: { 2: ONE, 4: SNAN5 }, want: { cc: 3, fpr: { 0: 0x7c00000000000005n }, fpc: INVF } },
  { name: 'SNaN with the invalid mask: suppressed, DXC 80', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', fpc: 0x80000000, fpr: { 2: ONE, 4: SNAN5 }, want: { fpc: 0x80008000, pgm: { code: 7 }, mem: { 0x90: '00000080' } } },
  { name: 'extended: 1 + 1 = 2', asm: 'axtr %f0,%f4,%f8', code: 'b3da8004', fpr: { ...x(4, 1n, 0), ...x(8, 1n, 0) }, want: { cc: 2, fpr: x(0, 2n, 0) } },
  { name: 'extended: 34 nines + 1 = 10^33 E1', asm: 'axtr %f0,%f4,%f8', code: 'b3da8004', fpr: { ...x(4, P34 - 1n, 0), ...x(8, 1n, 0) }, want: { cc: 2, fpr: x(0, P34 / 10n, 1) } },
  { name: 'extended: 1 - 2 = -1', asm: 'sxtr %f0,%f4,%f8', code: 'b3db8004', fpr: { ...x(4, 1n, 0), ...x(8, 2n, 0) }, want: { cc: 1, fpr: x(0, 1n, 0, true) } },
  { name: 'extended: odd register pair', asm: 'axtr %f0,%f2,%f8', code: 'b3da8002', want: { pgm: { code: 6 } } },
  // ---- multiply / divide -------------------------------------------------------------------------------------------
  { name: '1.10 * 2.0 = 2.200', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: ONE_10, 4: d64(20n, -1) }, want: { fpr: { 0: d64(2200n, -3) } } },
  { name: '(10^16-1)^2: 9999999999999998E16, inexact', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: d64(P16 - 1n, 0), 4: d64(P16 - 1n, 0) }, want: { fpr: { 0: d64(P16 - 2n, 16) }, fpc: INXF } },
  { name: '1E369 * 10: clamped to 10E369, exact', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: d64(1n, 369), 4: d64(10n, 0) }, want: { fpr: { 0: d64(10n, 369) } } },
  { name: 'max * 10: overflow to +inf', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: MAX, 4: d64(10n, 0) }, want: { fpr: { 0: INF }, fpc: OVFF | INXF } },
  { name: 'max * 10 toward 0: max', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpc: drm(1), fpr: { 2: MAX, 4: d64(10n, 0) }, want: { fpr: { 0: MAX }, fpc: drm(1) | OVFF | INXF } },
  { name: 'max * 10, overflow mask: scaled by 10^-576, DXC 20', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpc: 0x20000000, fpr: { 2: MAX, 4: d64(10n, 0) }, want: { fpr: { 0: d64(P16 - 1n, 370 - 576) }, fpc: 0x20002000, pgm: { code: 7 }, mem: { 0x90: '00000020' } } },
  { name: '1E-398 * 0.1, underflow mask: exact 1E-399 scaled by 10^576, DXC 10', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpc: 0x10000000, fpr: { 2: d64(1n, -398), 4: d64(1n, -1) }, want: { fpr: { 0: d64(1n, -399 + 576) }, fpc: 0x10001000, pgm: { code: 7 }, mem: { 0x90: '00000010' } } },
  { name: '1E-398 * 0.1: underflow to 0E-398', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: d64(1n, -398), 4: d64(1n, -1) }, want: { fpr: { 0: 0n }, fpc: UNFF | INXF } },
  { name: 'subnormal exact: 1E-397 * 0.1 = 1E-398, no flags', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: d64(1n, -397), 4: d64(1n, -1) }, want: { fpr: { 0: d64(1n, -398) } } },
  { name: 'inf * 0: invalid', asm: 'mdtr %f0,%f2,%f4', code: 'b3d04002', fpr: { 2: INF, 4: 0x2238000000000000n }, want: { fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'extended: 3 * -5 = -15', asm: 'mxtr %f0,%f4,%f8', code: 'b3d88004', fpr: { ...x(4, 3n, 0), ...x(8, 5n, 0, true) }, want: { fpr: x(0, 15n, 0, true) } },
  { name: '1/3 ties to even: 3333333333333333E-16, inexact', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: ONE, 4: d64(3n, 0) }, want: { fpr: { 0: d64(THIRD16, -16) }, fpc: INXF } },
  { name: '1/3 toward +inf', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: drm(2), fpr: { 2: ONE, 4: d64(3n, 0) }, want: { fpr: { 0: d64(THIRD16 + 1n, -16) }, fpc: drm(2) | INXF } },
  { name: '-1/3 toward -inf', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: drm(3), fpr: { 2: d64(1n, 0, true), 4: d64(3n, 0) }, want: { fpr: { 0: d64(THIRD16 + 1n, -16, true) }, fpc: drm(3) | INXF } },
  { name: '3/7 prepare for shorter precision: ...285 -> ...286', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: drm(7), fpr: { 2: d64(3n, 0), 4: d64(7n, 0) }, want: { fpr: { 0: d64(4285714285714286n, -16) }, fpc: drm(7) | INXF } },
  { name: '3/7 toward 0', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: drm(1), fpr: { 2: d64(3n, 0), 4: d64(7n, 0) }, want: { fpr: { 0: d64(4285714285714285n, -16) }, fpc: drm(1) | INXF } },
  { name: '1.00 / 4 = 0.25 exact, preferred exponent -2', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: d64(100n, -2), 4: d64(4n, 0) }, want: { fpr: { 0: d64(25n, -2) } } },
  { name: '1 / 8 = 0.125 exact (exponent below preferred)', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: ONE, 4: d64(8n, 0) }, want: { fpr: { 0: d64(125n, -3) } } },
  { name: '6.0 / 2 = 3.0', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: d64(60n, -1), 4: d64(2n, 0) }, want: { fpr: { 0: d64(30n, -1) } } },
  { name: '1 / 0: +inf, division by zero', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: ONE, 4: 0x2238000000000000n }, want: { fpr: { 0: INF }, fpc: DBZF } },
  { name: '1 / 0 with the mask: suppressed, DXC 40', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: 0x40000000, fpr: { 2: ONE, 4: 0x2238000000000000n }, want: { fpc: 0x40004000, pgm: { code: 7 }, mem: { 0x90: '00000040' } } },
  { name: '0 / 0: invalid', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpr: { 2: 0x2238000000000000n, 4: 0x2238000000000000n }, want: { fpr: { 0: QNAN }, fpc: INVF } },
  { name: 'inexact mask on: result stored, DXC 08', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: 0x08000000, fpr: { 2: ONE, 4: d64(3n, 0) }, want: { fpr: { 0: d64(THIRD16, -16) }, fpc: 0x08000800, pgm: { code: 7 }, mem: { 0x90: '00000008' } } },
  { name: 'inexact mask on, incremented: DXC 0C', asm: 'ddtr %f0,%f2,%f4', code: 'b3d14002', fpc: 0x08000000, fpr: { 2: d64(2n, 0), 4: d64(3n, 0) }, want: { fpr: { 0: d64(6666666666666667n, -16) }, fpc: 0x08000c00, pgm: { code: 7 }, mem: { 0x90: '0000000c' } } },
  { name: 'extended 1/3: 34 threes', asm: 'dxtr %f0,%f4,%f8', code: 'b3d98004', fpr: { ...x(4, 1n, 0), ...x(8, 3n, 0) }, want: { fpr: x(0, THIRD34, -34), fpc: INXF } },
  // ---- compare ---------------------------------------------------------------------------------------------------
  { name: '1.10 = 1.1 (quantum ignored)', asm: 'cdtr %f0,%f2', code: 'b3e40002', fpr: { 0: ONE_10, 2: d64(11n, -1) }, want: { cc: 0 } },
  { name: '-inf < 1', asm: 'cdtr %f0,%f2', code: 'b3e40002', fpr: { 0: NINF, 2: ONE }, want: { cc: 1 } },
  { name: '-0 = +0', asm: 'cdtr %f0,%f2', code: 'b3e40002', fpr: { 0: 0xa238000000000000n, 2: 0x2230000000000000n }, want: { cc: 0 } },
  { name: 'QNaN: CC 3, no exception', asm: 'cdtr %f0,%f2', code: 'b3e40002', fpr: { 0: ONE, 2: QNAN }, want: { cc: 3 } },
  { name: 'SNaN: invalid', asm: 'cdtr %f0,%f2', code: 'b3e40002', fpr: { 0: ONE, 2: SNAN5 }, want: { cc: 3, fpc: INVF } },
  { name: 'signaling: QNaN is invalid', asm: 'kdtr %f0,%f2', code: 'b3e00002', fpr: { 0: ONE, 2: QNAN }, want: { cc: 3, fpc: INVF } },
  { name: 'signaling: 2 > 1', asm: 'kdtr %f0,%f2', code: 'b3e00002', fpr: { 0: d64(2n, 0), 2: ONE }, want: { cc: 2 } },
  { name: 'extended: 1 < 2', asm: 'cxtr %f0,%f4', code: 'b3ec0004', fpr: { ...x(0, 1n, 0), ...x(4, 2n, 0) }, want: { cc: 1 } },
  { name: 'extended signaling: QNaN', asm: 'kxtr %f0,%f4', code: 'b3e80004', fpr: { ...x(0, 1n, 0), 4: 0x7c00000000000000n, 6: 0n }, want: { cc: 3, fpc: INVF } },
  { name: 'exponent: -2 < -1', asm: 'cedtr %f0,%f2', code: 'b3f40002', fpr: { 0: ONE_10, 2: d64(11n, -1) }, want: { cc: 1 } },
  { name: 'exponent: inf and inf equal', asm: 'cedtr %f0,%f2', code: 'b3f40002', fpr: { 0: INF, 2: NINF }, want: { cc: 0 } },
  { name: 'exponent: inf and QNaN unordered', asm: 'cedtr %f0,%f2', code: 'b3f40002', fpr: { 0: INF, 2: QNAN }, want: { cc: 3 } },
  { name: 'extended exponent: 1E5 > 1E0', asm: 'cextr %f0,%f4', code: 'b3fc0004', fpr: { ...x(0, 1n, 5), ...x(4, 1n, 0) }, want: { cc: 2 } },
  // ---- load and test, lengthen, round -------------------------------------------------------------------------------
  { name: '-1.10: CC 1', asm: 'ltdtr %f1,%f2', code: 'b3d60012', fpr: { 2: d64(110n, -2, true) }, want: { cc: 1, fpr: { 1: d64(110n, -2, true) } } },
  { name: 'SNaN: QNaN, invalid', asm: 'ltdtr %f1,%f2', code: 'b3d60012', fpr: { 2: SNAN5 }, want: { cc: 3, fpr: { 1: 0x7c00000000000005n }, fpc: INVF } },
  { name: 'extended zero: CC 0', asm: 'ltxtr %f1,%f4', code: 'b3de0014', fpr: x(4, 0n, -3), want: { cc: 0, fpr: x(1, 0n, -3) } },
  { name: 'short 1.10 -> long 1.10', asm: 'ldetr %f1,%f2,0', code: 'b3d40012', fpr: { 2: ONE_10_SHORT }, want: { fpr: { 1: ONE_10 } } },
  { name: 'short SNaN, M4 bit 0: stays SNaN', asm: 'ldetr %f1,%f2,8', code: 'b3d40812', fpr: { 2: 0x7e00000500000000n }, want: { fpr: { 1: SNAN5 } } },
  { name: 'long -> extended', asm: 'lxdtr %f1,%f2,0', code: 'b3dc0012', fpr: { 2: d64(P16 - 1n, -398) }, want: { fpr: x(1, P16 - 1n, -398) } },
  { name: '12345678E-1 -> short 1234568, inexact', asm: 'ledtr %f1,0,%f2,0', code: 'b3d50012', fpr: { 2: d64(12345678n, -1) }, want: { fpr: { 1: d32(1234568n, 0) }, fpc: INXF } },
  { name: 'M3 9 (toward 0): 1234567', asm: 'ledtr %f1,9,%f2,0', code: 'b3d59012', fpr: { 2: d64(12345678n, -1) }, want: { fpr: { 1: d32(1234567n, 0) }, fpc: INXF } },
  { name: '1E100 -> short: overflow', asm: 'ledtr %f1,0,%f2,0', code: 'b3d50012', fpr: { 2: d64(1n, 100) }, want: { fpr: { 1: 0x7800000000000000n }, fpc: OVFF | INXF } },
  { name: 'extended 34 digits -> long, ties to even', asm: 'ldxtr %f1,0,%f4,0', code: 'b3dd0014', fpr: x(4, 10n ** 33n + 5n * 10n ** 17n, -33), want: { fpr: { 1: d64(P16 / 10n, -15) }, fpc: INXF } },
  // ---- integer, quantize, reround ---------------------------------------------------------------------------------
  { name: '2.5 -> 2 (ties to even), inexact', asm: 'fidtr %f1,0,%f2,0', code: 'b3d70012', fpr: { 2: d64(25n, -1) }, want: { fpr: { 1: d64(2n, 0) }, fpc: INXF } },
  { name: 'M3 12: 2.5 -> 3 (ties away)', asm: 'fidtr %f1,12,%f2,0', code: 'b3d7c012', fpr: { 2: d64(25n, -1) }, want: { fpr: { 1: d64(3n, 0) }, fpc: INXF } },
  { name: 'M3 1: 2.5 -> 3 (ties away)', asm: 'fidtr %f1,1,%f2,0', code: 'b3d71012', fpr: { 2: d64(25n, -1) }, want: { fpr: { 1: d64(3n, 0) }, fpc: INXF } },
  { name: 'M3 2: the FPC mode (toward +inf): 2.1 -> 3', asm: 'fidtr %f1,2,%f2,0', code: 'b3d72012', fpc: drm(2), fpr: { 2: d64(21n, -1) }, want: { fpr: { 1: d64(3n, 0) }, fpc: drm(2) | INXF } },
  { name: 'M3 3: prepare for shorter precision, 2.5 -> 2 (not 0 or 5)', asm: 'fidtr %f1,3,%f2,0', code: 'b3d73012', fpr: { 2: d64(25n, -1) }, want: { fpr: { 1: d64(2n, 0) }, fpc: INXF } },
  { name: 'M3 3: 5.5 -> 6 (truncated digit 5)', asm: 'fidtr %f1,3,%f2,0', code: 'b3d73012', fpr: { 2: d64(55n, -1) }, want: { fpr: { 1: d64(6n, 0) }, fpc: INXF } },
  { name: 'M3 6: -2.1 toward +inf: -2', asm: 'fidtr %f1,6,%f2,0', code: 'b3d76012', fpr: { 2: d64(21n, -1, true) }, want: { fpr: { 1: d64(2n, 0, true) }, fpc: INXF } },
  { name: 'M3 14: 2.1 away from 0: 3', asm: 'fidtr %f1,14,%f2,0', code: 'b3d7e012', fpr: { 2: d64(21n, -1) }, want: { fpr: { 1: d64(3n, 0) }, fpc: INXF } },
  { name: 'M4 bit 1: inexact suppressed', asm: 'fidtr %f1,0,%f2,4', code: 'b3d70412', fpr: { 2: d64(25n, -1) }, want: { fpr: { 1: d64(2n, 0) } } },
  { name: 'positive exponent: unchanged', asm: 'fidtr %f1,0,%f2,0', code: 'b3d70012', fpr: { 2: d64(11n, 1) }, want: { fpr: { 1: d64(11n, 1) } } },
  { name: 'extended -0.5 toward -inf: -1', asm: 'fixtr %f1,11,%f4,0', code: 'b3dfb014', fpr: x(4, 5n, -1, true), want: { fpr: x(1, 1n, 0, true), fpc: INXF } },
  { name: '1.2345 to the quantum of 0.01: 1.23', asm: 'qadtr %f1,%f3,%f2,0', code: 'b3f53012', fpr: { 2: d64(1n, -2), 3: d64(12345n, -4) }, want: { fpr: { 1: d64(123n, -2) }, fpc: INXF } },
  { name: '1 to the quantum of 1E-20: coefficient too long, invalid', asm: 'qadtr %f1,%f3,%f2,0', code: 'b3f53012', fpr: { 2: d64(1n, -20), 3: ONE }, want: { fpr: { 1: QNAN }, fpc: INVF } },
  { name: '1.10 to the quantum of 1E-4: 1.1000 exact', asm: 'qadtr %f1,%f3,%f2,0', code: 'b3f53012', fpr: { 2: d64(1n, -4), 3: ONE_10 }, want: { fpr: { 1: d64(11000n, -4) } } },
  { name: 'extended: 2.5 to quantum 1, M4 12: 3', asm: 'qaxtr %f1,%f4,%f8,12', code: 'b3fd4c18', fpr: { ...x(8, 1n, 0), ...x(4, 25n, -1) }, want: { fpr: x(1, 3n, 0), fpc: INXF } },
  { name: '123456 rounded to 3 digits: 123E3', asm: 'rrdtr %f1,%f3,%r2,0', code: 'b3f73012', gr: { 2: 3n }, fpr: { 3: d64(123456n, 0) }, want: { fpr: { 1: d64(123n, 3) }, fpc: INXF } },
  { name: 'significance 0: unchanged', asm: 'rrdtr %f1,%f3,%r2,0', code: 'b3f73012', gr: { 2: 0n }, fpr: { 3: d64(123456n, 0) }, want: { fpr: { 1: d64(123456n, 0) } } },
  { name: 'extended 999 to 2 digits: 10E2', asm: 'rrxtr %f1,%f4,%r2,0', code: 'b3ff4012', gr: { 2: 2n }, fpr: x(4, 999n, 0), want: { fpr: x(1, 10n, 2), fpc: INXF } },
  // ---- exponent and significance -------------------------------------------------------------------------------------
  { name: 'biased exponent of 1.10: 396', asm: 'eedtr %r1,%f2', code: 'b3e50012', fpr: { 2: ONE_10 }, want: { gr: { 1: 396n } } },
  { name: 'biased exponent of inf: -1', asm: 'eedtr %r1,%f2', code: 'b3e50012', fpr: { 2: INF }, want: { gr: { 1: -1n } } },
  { name: 'extended biased exponent of 1E0: 6176', asm: 'eextr %r1,%f4', code: 'b3ed0014', fpr: x(4, 1n, 0), want: { gr: { 1: 6176n } } },
  { name: 'significance of 1.10: 3', asm: 'esdtr %r1,%f2', code: 'b3e70012', fpr: { 2: ONE_10 }, want: { gr: { 1: 3n } } },
  { name: 'significance of SNaN: -3', asm: 'esdtr %r1,%f2', code: 'b3e70012', fpr: { 2: SNAN5 }, want: { gr: { 1: -3n } } },
  { name: 'extended significance of 0: 0', asm: 'esxtr %r1,%f4', code: 'b3ef0014', fpr: x(4, 0n, 0), want: { gr: { 1: 0n } } },
  { name: 'insert 398: 110E0', asm: 'iedtr %f1,%f3,%r2', code: 'b3f63012', gr: { 2: 398n }, fpr: { 3: ONE_10 }, want: { fpr: { 1: d64(110n, 0) } } },
  { name: 'insert -1: infinity', asm: 'iedtr %f1,%f3,%r2', code: 'b3f63012', gr: { 2: -1n }, fpr: { 3: 0x2238000000000000n }, want: { fpr: { 1: INF } } },
  { name: 'extended insert 6177: 1E1', asm: 'iextr %f1,%f4,%r2', code: 'b3fe4012', gr: { 2: 6177n }, fpr: x(4, 1n, 0), want: { fpr: x(1, 1n, 1) } },
  // ---- shifts ---------------------------------------------------------------------------------------------------
  { name: 'shift left 2: 11000E-2, CC unchanged', asm: 'sldt %f1,%f3,2', code: 'ed3000021040', fpr: { 3: ONE_10 }, want: { fpr: { 1: d64(11000n, -2) } } },
  { name: 'shift left 1: the leftmost digit is lost', asm: 'sldt %f1,%f3,1', code: 'ed3000011040', fpr: { 3: d64(1234567890123456n, 0) }, want: { fpr: { 1: d64(2345678901234560n, 0) } } },
  { name: 'shift right 1: 11E-2', asm: 'srdt %f1,%f3,1', code: 'ed3000011041', fpr: { 3: ONE_10 }, want: { fpr: { 1: d64(11n, -2) } } },
  { name: 'extended shift left 33', asm: 'slxt %f1,%f4,33', code: 'ed4000211048', fpr: x(4, 12n, 0), want: { fpr: x(1, 2n * 10n ** 33n, 0) } },
  { name: 'extended shift right 64 (bits 58-63 = 0): unchanged', asm: 'srxt %f1,%f4,64', code: 'ed4000401049', fpr: x(4, 12n, 0), want: { fpr: x(1, 12n, 0) } },
  // ---- test data class / group --------------------------------------------------------------------------------------
  { name: 'class: 1.10 is +normal (bit 56)', asm: 'tdcdt %f1,0x080', code: 'ed1000800054', fpr: { 1: ONE_10 }, want: { cc: 1 } },
  { name: 'class: 1E-398 is +subnormal (bit 54)', asm: 'tdcdt %f1,0x200', code: 'ed1002000054', fpr: { 1: d64(1n, -398) }, want: { cc: 1 } },
  { name: 'class: 1E-398 is not +normal', asm: 'tdcdt %f1,0x080', code: 'ed1000800054', fpr: { 1: d64(1n, -398) }, want: { cc: 0 } },
  { name: 'class: -SNaN (bit 63)', asm: 'tdcxt %f1,0x001', code: 'ed1000010058', fpr: { 1: 0xfe00000000000000n, 3: 0n }, want: { cc: 1 } },
  { name: 'class: short -0 (bit 53)', asm: 'tdcet %f1,0x400', code: 'ed1004000050', fpr: { 1: 0xa250000000000000n }, want: { cc: 1 } },
  { name: 'group: 0E0 is a safe zero (bit 52)', asm: 'tdgdt %f1,0x800', code: 'ed1008000055', fpr: { 1: 0x2238000000000000n }, want: { cc: 1 } },
  { name: 'group: 1E369 has an extreme exponent (bit 56)', asm: 'tdgdt %f1,0x080', code: 'ed1000800055', fpr: { 1: d64(1n, 369) }, want: { cc: 1 } },
  { name: 'group: 34-digit value, leftmost digit nonzero (bit 60)', asm: 'tdgxt %f1,0x008', code: 'ed1000080059', fpr: x(1, P34 - 1n, 0), want: { cc: 1 } },
  { name: 'group: short inf is special (bit 62)', asm: 'tdget %f1,0x002', code: 'ed1000020051', fpr: { 1: 0x7800000000000000n }, want: { cc: 1 } },
  // ---- fixed point conversions -----------------------------------------------------------------------------------
  { name: 'from 123', asm: 'cdgtr %f1,%r2', code: 'b3f10012', gr: { 2: 123n }, want: { fpr: { 1: d64(123n, 0) } } },
  { name: 'from 2^63-1: 16 digits, inexact', asm: 'cdgtr %f1,%r2', code: 'b3f10012', gr: { 2: 0x7fffffffffffffffn }, want: { fpr: { 1: d64(9223372036854776n, 3) }, fpc: INXF } },
  { name: 'extended from -2^63: exact', asm: 'cxgtr %f1,%r2', code: 'b3f90012', gr: { 2: -0x8000000000000000n }, want: { fpr: x(1, 9223372036854775808n, 0, true) } },
  { name: '123.5 M3 8 (ties to even): 124', asm: 'cgdtr %r1,8,%f2', code: 'b3e18012', fpr: { 2: d64(1235n, -1) }, want: { cc: 2, gr: { 1: 124n }, fpc: INXF } },
  { name: '123.5 M3 9 (toward 0): 123', asm: 'cgdtr %r1,9,%f2', code: 'b3e19012', fpr: { 2: d64(1235n, -1) }, want: { cc: 2, gr: { 1: 123n }, fpc: INXF } },
  { name: 'NaN: invalid, CC 3, most negative', asm: 'cgdtr %r1,0,%f2', code: 'b3e10012', fpr: { 2: QNAN }, want: { cc: 3, gr: { 1: -0x8000000000000000n }, fpc: INVF } },
  { name: 'extended 1E19: out of range, most positive', asm: 'cgxtr %r1,0,%f4', code: 'b3e90014', fpr: x(4, 1n, 19), want: { cc: 3, gr: { 1: 0x7fffffffffffffffn }, fpc: INVF | INXF } },
  { name: '32-bit: -7', asm: 'cfdtr %r1,0,%f2,0', code: 'b9410012', gr: { 1: 0x1234567800000000n }, fpr: { 2: d64(7n, 0, true) }, want: { cc: 1, gr: { 1: 0x12345678fffffff9n } } },
  { name: '32-bit extended: 2^31 out of range', asm: 'cfxtr %r1,0,%f4,0', code: 'b9490014', fpr: x(4, 2147483648n, 0), want: { cc: 3, gr: { 1: 0x7fffffffn }, fpc: INVF | INXF } },
  { name: 'logical 64: 1E19', asm: 'clgdtr %r1,0,%f2,0', code: 'b9420012', fpr: { 2: d64(1n, 19) }, want: { cc: 2, gr: { 1: 10000000000000000000n } } },
  { name: 'logical 64 extended: -1 out of range, 0', asm: 'clgxtr %r1,0,%f4,0', code: 'b94a0014', gr: { 1: 5n }, fpr: x(4, 1n, 0, true), want: { cc: 3, gr: { 1: 0n }, fpc: INVF | INXF } },
  { name: 'logical 32: 4294967295', asm: 'clfdtr %r1,0,%f2,0', code: 'b9430012', fpr: { 2: d64(4294967295n, 0) }, want: { cc: 2, gr: { 1: 0xffffffffn } } },
  { name: 'logical 32 extended: 0.4 rounds to 0', asm: 'clfxtr %r1,0,%f4,0', code: 'b94b0014', fpr: x(4, 4n, -1), want: { cc: 2, gr: { 1: 0n }, fpc: INXF } },
  { name: 'from 32-bit -5', asm: 'cdftr %f1,0,%r2,0', code: 'b9510012', gr: { 2: 0xfffffffbn }, want: { fpr: { 1: d64(5n, 0, true) } } },
  { name: 'extended from 32-bit', asm: 'cxftr %f1,0,%r2,0', code: 'b9590012', gr: { 2: 0x7fffffffn }, want: { fpr: x(1, 2147483647n, 0) } },
  { name: 'from unsigned 2^64-1: rounded', asm: 'cdlgtr %f1,0,%r2,0', code: 'b9520012', gr: { 2: -1n }, want: { fpr: { 1: d64(1844674407370955n, 4) }, fpc: INXF } },
  { name: 'extended from unsigned 2^64-1: exact', asm: 'cxlgtr %f1,0,%r2,0', code: 'b95a0012', gr: { 2: -1n }, want: { fpr: x(1, 18446744073709551615n, 0) } },
  { name: 'from unsigned 32-bit 0xffffffff', asm: 'cdlftr %f1,0,%r2,0', code: 'b9530012', gr: { 2: 0xffffffffn }, want: { fpr: { 1: d64(4294967295n, 0) } } },
  { name: 'extended from unsigned 32-bit 0x80000000', asm: 'cxlftr %f1,0,%r2,0', code: 'b95b0012', gr: { 2: 0x80000000n }, want: { fpr: x(1, 2147483648n, 0) } },
  // ---- BCD and packed conversions ----------------------------------------------------------------------------------
  { name: 'from unsigned BCD 12345', asm: 'cdutr %f1,%r2', code: 'b3f20012', gr: { 2: 0x12345n }, want: { fpr: { 1: d64(12345n, 0) } } },
  { name: 'from unsigned BCD: digit A is a data exception, DXC 0', asm: 'cdutr %f1,%r2', code: 'b3f20012', gr: { 2: 0x1an }, want: { pgm: { code: 7 }, mem: { 0x90: '00000000' } } },
  { name: 'extended from 32 BCD digits', asm: 'cxutr %f1,%r2', code: 'b3fa0012', gr: { 2: 0x1n, 3: 0x0000000000000002n }, want: { fpr: x(1, 10n ** 16n + 2n, 0) } },
  { name: 'to unsigned BCD: 1.10 -> 110', asm: 'cudtr %r1,%f2', code: 'b3e20012', fpr: { 2: ONE_10 }, want: { gr: { 1: 0x110n } } },
  { name: 'extended to 32 BCD digits (odd register: pair)', asm: 'cuxtr %r2,%f4', code: 'b3ea0024', fpr: x(4, 10n ** 16n + 2n, 0), want: { gr: { 2: 1n, 3: 2n } } },
  { name: 'from signed packed -123', asm: 'cdstr %f1,%r2', code: 'b3f30012', gr: { 2: 0x123dn }, want: { fpr: { 1: d64(123n, 0, true) } } },
  { name: 'extended from signed packed +5 (sign F)', asm: 'cxstr %f1,%r2', code: 'b3fb0012', gr: { 2: 0n, 3: 0x5fn }, want: { fpr: x(1, 5n, 0) } },
  { name: 'to signed packed: -1.10 -> 110D', asm: 'csdtr %r1,%f2,0', code: 'b3e30012', fpr: { 2: d64(110n, -2, true) }, want: { gr: { 1: 0x110dn } } },
  { name: 'to signed packed, M4 bit 3: plus sign F', asm: 'csdtr %r1,%f2,1', code: 'b3e30112', fpr: { 2: ONE_10 }, want: { gr: { 1: 0x110fn } } },
  { name: 'extended to signed packed: 7 -> 7C', asm: 'csxtr %r2,%f4,0', code: 'b3eb0024', fpr: x(4, 7n, 0), want: { gr: { 2: 0n, 3: 0x7cn } } },
  // ---- AFP off -------------------------------------------------------------------------------------------------------
  { name: 'AFP off: data exception DXC 3', asm: 'adtr %f0,%f2,%f4', code: 'b3d24002', cr: { 0: 0n }, want: { pgm: { code: 7 }, mem: { 0x90: '00000003' } } },
]

runGroup('DFP', CASES)
