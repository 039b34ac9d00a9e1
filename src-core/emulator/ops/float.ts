// Floating-point registers and the BFP subset the kernels use (POP ch. 9 and 19): FPR loads/stores/moves, FPC,
// long BFP compare/arithmetic.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/cpu.ts'
import { CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_SPECIFICATION } from '../cpu/constants.ts'

const scratch = new DataView(new ArrayBuffer(8))
/** Long BFP value of FPR n. */
function getD(c: Cpu, n: number): number {
  scratch.setInt32(0, c.vr[n * 4]!)
  scratch.setInt32(4, c.vr[n * 4 + 1]!)
  return scratch.getFloat64(0)
}
function setD(c: Cpu, n: number, v: number): void {
  scratch.setFloat64(0, v)
  c.vr[n * 4] = scratch.getInt32(0)
  c.vr[n * 4 + 1] = scratch.getInt32(4)
}
function memD(c: Cpu): number {
  c.rd64(c.ea2())
  scratch.setInt32(0, c.th)
  scratch.setInt32(4, c.tl)
  return scratch.getFloat64(0)
}
/** AFP-register control off (CR0 bit 45): data exception, DXC 1 (additional FPR) or 2 (BFP instruction). */
function afpOff(c: Cpu, dxc: number): never {
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), dxc)
  return pgm(PGM_DATA)
}
/** Only FPRs 0, 2, 4 and 6 are usable without AFP. */
function fpr(c: Cpu, a: number, b = 0): void {
  if ((c.crl[0]! & CR0_AFP) === 0 && ((a | b) & 9) !== 0) afpOff(c, 1)
}
/** BFP instructions and the FPC instructions need AFP. */
function bfp(c: Cpu): void {
  if ((c.crl[0]! & CR0_AFP) === 0) afpOff(c, 2)
}
const ccOf = (v: number): number => (Number.isNaN(v) ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2)
const cmpD = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? 3 : a === b ? 0 : a < b ? 1 : 2)

export const ld: Exec = (c) => {
  fpr(c, c.r1)
  c.rd64(c.ea2())
  c.vr[c.r1 * 4] = c.th
  c.vr[c.r1 * 4 + 1] = c.tl
}
export const std: Exec = (c) => {
  fpr(c, c.r1)
  c.wr64(c.ea2(), c.vr[c.r1 * 4]!, c.vr[c.r1 * 4 + 1]!)
}
export const le: Exec = (c) => {
  fpr(c, c.r1)
  c.vr[c.r1 * 4] = c.rd32(c.ea2())
}
export const ste: Exec = (c) => {
  fpr(c, c.r1)
  c.wr32(c.ea2(), c.vr[c.r1 * 4]!)
}
export const ldr: Exec = (c) => {
  fpr(c, c.r1, c.r2)
  c.vr[c.r1 * 4] = c.vr[c.r2 * 4]!
  c.vr[c.r1 * 4 + 1] = c.vr[c.r2 * 4 + 1]!
}
export const ler: Exec = (c) => {
  fpr(c, c.r1, c.r2)
  c.vr[c.r1 * 4] = c.vr[c.r2 * 4]!
}
export const ldgr: Exec = (c) => {
  fpr(c, c.r1)
  c.vr[c.r1 * 4] = c.rh[c.r2]!
  c.vr[c.r1 * 4 + 1] = c.rl[c.r2]!
}
export const lgdr: Exec = (c) => {
  fpr(c, c.r2)
  c.rh[c.r1] = c.vr[c.r2 * 4]!
  c.rl[c.r1] = c.vr[c.r2 * 4 + 1]!
}
export const lzdr: Exec = (c) => {
  fpr(c, c.r1)
  c.vr[c.r1 * 4] = 0
  c.vr[c.r1 * 4 + 1] = 0
}
export const lzer: Exec = (c) => {
  fpr(c, c.r1)
  c.vr[c.r1 * 4] = 0
}
/** Reserved FPC bits (6-7, 14-15, 24, 28) and BFP rounding modes 4-6 are a specification exception. */
function fpcValid(v: number): void {
  if (v & 0x03030088 || ((v & 7) >= 4 && (v & 7) <= 6)) pgm(PGM_SPECIFICATION)
}
export const lfpc: Exec = (c) => {
  bfp(c)
  const v = c.rd32(c.ea2())
  fpcValid(v)
  c.fpc = v >>> 0
}
export const stfpc: Exec = (c) => {
  bfp(c)
  c.wr32(c.ea2(), c.fpc)
}
export const sfpc: Exec = (c) => {
  bfp(c)
  const v = c.rl[c.r1]!
  fpcValid(v)
  c.fpc = v >>> 0
}
export const efpc: Exec = (c) => {
  bfp(c)
  c.rl[c.r1] = c.fpc | 0
}
export const cdbr: Exec = (c) => {
  bfp(c)
  c.cc = cmpD(getD(c, c.r1), getD(c, c.r2))
}
export const cdb: Exec = (c) => {
  bfp(c)
  c.cc = cmpD(getD(c, c.r1), memD(c))
}
function arith(op: (a: number, b: number) => number, mem: boolean): Exec {
  return (c) => {
    bfp(c)
    const r = op(getD(c, c.r1), mem ? memD(c) : getD(c, c.r2))
    setD(c, c.r1, r)
    c.cc = ccOf(r)
  }
}
export const adbr = arith((a, b) => a + b, false)
export const adb = arith((a, b) => a + b, true)
export const sdbr = arith((a, b) => a - b, false)
export const sdb = arith((a, b) => a - b, true)
const mulOp = (a: number, b: number): number => a * b
const divOp = (a: number, b: number): number => a / b
/** Multiply/divide do not set the CC. */
function arithNoCc(op: (a: number, b: number) => number, mem: boolean): Exec {
  return (c) => {
    bfp(c)
    setD(c, c.r1, op(getD(c, c.r1), mem ? memD(c) : getD(c, c.r2)))
  }
}
export const mdbr = arithNoCc(mulOp, false)
export const mdb = arithNoCc(mulOp, true)
export const ddbr = arithNoCc(divOp, false)
export const ddb = arithNoCc(divOp, true)
export const ltdbr: Exec = (c) => {
  bfp(c)
  const v = getD(c, c.r2)
  setD(c, c.r1, v)
  c.cc = ccOf(v)
}
export const lcdbr: Exec = (c) => {
  bfp(c)
  const v = -getD(c, c.r2)
  setD(c, c.r1, v)
  c.cc = ccOf(v)
}
export const cdfbr: Exec = (c) => {
  bfp(c)
  setD(c, c.r1, c.rl[c.r2]!)
}
export const cdgbr: Exec = (c) => {
  bfp(c)
  setD(c, c.r1, Number(c.r64s(c.r2)))
}
/** Rounds to an integer in a BFP rounding method: M3 of CONVERT TO FIXED (0 = the FPC's BFP rounding mode). */
function roundInt(v: number, m3: number, fpc: number): number {
  const method = m3 !== 0 ? m3 : [4, 5, 6, 7, 0, 0, 0, 3][fpc & 7]!
  const t = Math.trunc(v)
  const f = Math.floor(v)
  const d = v - f
  switch (method) {
    case 1:
      return d === 0.5 ? (v < 0 ? f : f + 1) : d < 0.5 ? f : f + 1
    case 3:
      return t !== v && t % 2 === 0 ? t + Math.sign(v) : t
    case 4:
      return d === 0.5 ? (f % 2 === 0 ? f : f + 1) : d < 0.5 ? f : f + 1
    case 6:
      return Math.ceil(v)
    case 7:
      return f
    default:
      return t
  }
}
const FPC_INVALID_FLAG = 0x00800000
const FPC_INEXACT_FLAG = 0x00080000
export const cgdbr: Exec = (c) => {
  bfp(c)
  if (c.m3 === 2 || c.m3 > 7) pgm(PGM_SPECIFICATION)
  const v = getD(c, c.r2)
  const r = Number.isNaN(v) ? NaN : roundInt(v, c.m3, c.fpc)
  if (Number.isNaN(r) || r >= 2 ** 63 || r < -(2 ** 63)) {
    // Invalid operation (masked): CC 3, maximum positive for a too-large positive value, else maximum negative.
    c.setR64(c.r1, r >= 2 ** 63 ? 0x7fffffffffffffffn : 0x8000000000000000n)
    c.fpc = (c.fpc | FPC_INVALID_FLAG) >>> 0
    c.cc = 3
    return
  }
  c.setR64(c.r1, BigInt.asUintN(64, BigInt(r)))
  if (r !== v && (c.m4 & 4) === 0) c.fpc = (c.fpc | FPC_INEXACT_FLAG) >>> 0
  c.cc = ccOf(v)
}
