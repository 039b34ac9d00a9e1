// Floating-point registers (POP ch. 9 and 19): FPR loads/stores/moves and the FPC instructions. The BFP
// instructions themselves are in bfp.ts.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_SPECIFICATION } from '../cpu/constants.ts'

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
/** LOAD POSITIVE/NEGATIVE/COMPLEMENT (long, FP support): sign bit only, no exceptions, CC unchanged. */
function signOnly(how: (hi: number) => number): Exec {
  return (c) => {
    fpr(c, c.r1, c.r2)
    const lo = c.vr[c.r2 * 4 + 1]!
    c.vr[c.r1 * 4] = how(c.vr[c.r2 * 4]!) | 0
    c.vr[c.r1 * 4 + 1] = lo
  }
}
export const lpdfr = signOnly((hi) => hi & 0x7fffffff)
export const lndfr = signOnly((hi) => hi | 0x80000000)
export const lcdfr = signOnly((hi) => hi ^ 0x80000000)
/** COPY SIGN (RRF-b): op1 := op2 with op3's sign. */
export const cpsdr: Exec = (c) => {
  fpr(c, c.r1, c.r2)
  fpr(c, c.r3)
  const s = c.vr[c.r3 * 4]! & 0x80000000
  const lo = c.vr[c.r2 * 4 + 1]!
  c.vr[c.r1 * 4] = (c.vr[c.r2 * 4]! & 0x7fffffff) | s
  c.vr[c.r1 * 4 + 1] = lo
}
/** SET BFP ROUNDING MODE (2-bit): FPC bits 30-31 from address bits 62-63, FPC bit 29 set to zero. */
export const srnm: Exec = (c) => {
  bfp(c)
  c.fpc = ((c.fpc & ~7) | (c.ea2() & 3)) >>> 0
}
/** SET BFP ROUNDING MODE (3-bit): FPC bits 29-31 from address bits 61-63; modes 4-6 are a specification exception. */
export const srnmb: Exec = (c) => {
  bfp(c)
  const m = c.ea2() & 7
  if (m >= 4 && m <= 6) pgm(PGM_SPECIFICATION)
  c.fpc = ((c.fpc & ~7) | m) >>> 0
}
/** SET DFP ROUNDING MODE (DFP-rounding facility, bit 41): FPC bits 25-27 (the DFP rounding mode) from address bits
 * 61-63, every value valid; a DFP instruction, so AFP-register control off is a data exception with DXC 3. */
export const srnmt: Exec = (c) => {
  if ((c.crl[0]! & CR0_AFP) === 0) afpOff(c, 3)
  c.fpc = ((c.fpc & ~0x70) | ((c.ea2() & 7) << 4)) >>> 0
}
/** SET FPC AND SIGNAL: the new FPC keeps the old flags; a flag whose new mask is one is a simulated IEEE exception
 * (data exception, DXC = the highest-priority condition with bits 6-7 = 11, also placed in FPC byte 2). */
function setAndSignal(c: Cpu, v: number): void {
  fpcValid(v)
  const old = c.fpc
  c.fpc = (v | (old & 0x00ff0000)) >>> 0
  let exc = ((old >>> 16) & (v >>> 24)) & 0xfc
  if (exc === 0) return
  if (exc & 0x80) exc = 0x80
  else if (exc & 0x40) exc = 0x40
  else if (exc & 0x20) exc &= 0x28
  else if (exc & 0x10) exc &= 0x18
  else if (exc & 0x08) exc = 0x08
  else exc = 0x04
  const dxc = exc | 3
  c.fpc = ((c.fpc & ~0xff00) | (dxc << 8)) >>> 0
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), dxc)
  pgm(PGM_DATA)
}
export const sfasr: Exec = (c) => {
  bfp(c)
  setAndSignal(c, c.rl[c.r1]!)
}
export const lfas: Exec = (c) => {
  bfp(c)
  setAndSignal(c, c.rd32(c.ea2()))
}
