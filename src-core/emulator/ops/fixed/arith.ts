// POP ch. 7, binary arithmetic: add/subtract (signed and logical, with carry/borrow), multiply, divide,
// load complement/positive/negative. tests/isa/binary-arith.test.ts
import type { Cpu } from '../../cpu/cpu.ts'
import type { Exec } from '../../isa/decode.ts'
import { pgm } from '../../cpu/exceptions.ts'
import { PGM_FIXED_DIVIDE } from '../../cpu/constants.ts'

const TWO32 = 4294967296
import { add32, add64, addl32, addl64, bigToPair, cc32, cc64, ovf, pairToBig, pairToBigU, sub32, sub64, subl32, subl64 } from '../helpers.ts'
import { m32, m16s, m64, set64, put, evenPair, sx } from './operands.ts'

// ---- add / subtract (signed) ----------------------------------------------------------------------------------
function a32(c: Cpu, r: number, a: number, b: number): void {
  c.rl[r] = add32(c, a, b)
  ovf(c)
}
function s32(c: Cpu, r: number, a: number, b: number): void {
  c.rl[r] = sub32(c, a, b)
  ovf(c)
}
function a64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number): void {
  add64(c, ah, al, bh, bl)
  put(c, r)
  ovf(c)
}
function s64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number): void {
  sub64(c, ah, al, bh, bl)
  put(c, r)
  ovf(c)
}

export const ar: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.rl[c.r2]!)
export const sr: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, c.rl[c.r2]!)
export const a: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, m32(c))
export const s: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, m32(c))
export const ah: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, m16s(c))
export const sh_: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, m16s(c))
export const ahi: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.i2)
export const afi: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.i2)
export const ark: Exec = (c) => a32(c, c.r1, c.rl[c.r2]!, c.rl[c.r3]!)
export const srk: Exec = (c) => s32(c, c.r1, c.rl[c.r2]!, c.rl[c.r3]!)
export const ahik: Exec = (c) => a32(c, c.r1, c.rl[c.r3]!, c.i2)
export const agr: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!)
export const sgr: Exec = (c) => s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!)
export const agrk: Exec = (c) => a64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, c.rh[c.r3]!, c.rl[c.r3]!)
export const sgrk: Exec = (c) => s64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, c.rh[c.r3]!, c.rl[c.r3]!)
export const agfr: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const sgfr: Exec = (c) => s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const aghi: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2)
export const agfi: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2)
export const aghik: Exec = (c) => a64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, sx(c.i2), c.i2)
export const ag: Exec = (c) => {
  m64(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const sg: Exec = (c) => {
  m64(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const agf: Exec = (c) => {
  const v = m32(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const sgf: Exec = (c) => {
  const v = m32(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const agh: Exec = (c) => {
  const v = m16s(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const asi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  const v = c.rd32(ad)
  const r = add32(c, v, (c.i2 << 24) >> 24)
  c.wr32(ad, r)
  ovf(c)
}
export const agsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.rd64(ad)
  const i = (c.i2 << 24) >> 24
  add64(c, c.th, c.tl, sx(i), i)
  c.wr64(ad, c.th, c.tl)
  ovf(c)
}

// ---- add / subtract logical ------------------------------------------------------------------------------------
const carry = (c: Cpu): number => (c.cc >>> 1) & 1
export const alr: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 0))
export const slr: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 0))
export const al: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, m32(c), 0))
export const sl: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, m32(c), 0))
export const alfi: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.i2, 0))
export const slfi: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.i2, 0))
export const alrk: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r2]!, c.rl[c.r3]!, 0))
export const slrk: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r2]!, c.rl[c.r3]!, 0))
export const alhsik: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r3]!, c.i2, 0))
export const alcr: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.rl[c.r2]!, carry(c)))
export const slbr: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 1 - carry(c)))
export const alc: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, m32(c), carry(c)))
export const slb: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, m32(c), 1 - carry(c)))
function al64(c: Cpu, r: number, bh: number, bl: number, cin: number, ah = c.rh[r]!, alo = c.rl[r]!): void {
  addl64(c, ah, alo, bh, bl, cin)
  put(c, r)
}
function sl64(c: Cpu, r: number, bh: number, bl: number, borrow: number, ah = c.rh[r]!, alo = c.rl[r]!): void {
  subl64(c, ah, alo, bh, bl, borrow)
  put(c, r)
}
export const algr: Exec = (c) => al64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 0)
export const slgr: Exec = (c) => sl64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 0)
export const algfr: Exec = (c) => al64(c, c.r1, 0, c.rl[c.r2]!, 0)
export const slgfr: Exec = (c) => sl64(c, c.r1, 0, c.rl[c.r2]!, 0)
export const algrk: Exec = (c) => al64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const slgrk: Exec = (c) => sl64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const alcgr: Exec = (c) => al64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, carry(c))
export const slbgr: Exec = (c) => sl64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 1 - carry(c))
export const algfi: Exec = (c) => al64(c, c.r1, 0, c.i2, 0)
export const slgfi: Exec = (c) => sl64(c, c.r1, 0, c.i2, 0)
export const alghsik: Exec = (c) => al64(c, c.r1, sx(c.i2), c.i2, 0, c.rh[c.r3]!, c.rl[c.r3]!)
export const alg: Exec = (c) => {
  m64(c)
  al64(c, c.r1, c.th, c.tl, 0)
}
export const slg: Exec = (c) => {
  m64(c)
  sl64(c, c.r1, c.th, c.tl, 0)
}
export const alcg: Exec = (c) => {
  m64(c)
  al64(c, c.r1, c.th, c.tl, carry(c))
}
export const slbg: Exec = (c) => {
  m64(c)
  sl64(c, c.r1, c.th, c.tl, 1 - carry(c))
}
export const algf: Exec = (c) => al64(c, c.r1, 0, m32(c), 0)
export const slgf: Exec = (c) => sl64(c, c.r1, 0, m32(c), 0)
export const alsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.wr32(ad, addl32(c, c.rd32(ad), (c.i2 << 24) >> 24, 0))
}
export const algsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.rd64(ad)
  const i = (c.i2 << 24) >> 24
  addl64(c, c.th, c.tl, sx(i), i, 0)
  c.wr64(ad, c.th, c.tl)
}

// ---- multiply / divide ------------------------------------------------------------------------------------------
export const msr: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.rl[c.r2]!))
export const ms: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, m32(c)))
export const msfi: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.i2))
export const mhi: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.i2))
export const mh: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, m16s(c)))
function mul64(c: Cpu, r: number, b: bigint): void {
  bigToPair(c, pairToBig(c.rh[r]!, c.rl[r]!) * b)
  put(c, r)
}
export const msgr: Exec = (c) => mul64(c, c.r1, pairToBig(c.rh[c.r2]!, c.rl[c.r2]!))
export const msgfr: Exec = (c) => mul64(c, c.r1, BigInt(c.rl[c.r2]!))
export const mghi: Exec = (c) => mul64(c, c.r1, BigInt(c.i2))
export const msgfi: Exec = (c) => mul64(c, c.r1, BigInt(c.i2))
export const msg: Exec = (c) => {
  m64(c)
  mul64(c, c.r1, pairToBig(c.th, c.tl))
}
export const msgf: Exec = (c) => mul64(c, c.r1, BigInt(m32(c)))
export const msrkc: Exec = (c) => {
  const p = BigInt(c.rl[c.r2]!) * BigInt(c.rl[c.r3]!)
  const r = Number(BigInt.asIntN(32, p))
  c.rl[c.r1] = r
  c.cc = BigInt(r) !== p ? 3 : cc32(r)
  ovf(c)
}
// Miscellaneous-instruction-extensions 2 (facility 58): storage forms of the CC-setting multiplies, MG, MGH, SGH.
export const msc: Exec = (c) => {
  const p = BigInt(c.rl[c.r1]!) * BigInt(m32(c))
  const r = Number(BigInt.asIntN(32, p))
  c.rl[c.r1] = r
  c.cc = BigInt(r) !== p ? 3 : cc32(r)
  ovf(c)
}
export const msgc: Exec = (c) => {
  m64(c)
  const p = pairToBig(c.rh[c.r1]!, c.rl[c.r1]!) * pairToBig(c.th, c.tl)
  bigToPair(c, p)
  put(c, c.r1)
  c.cc = BigInt.asIntN(64, p) !== p ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
export const mg: Exec = (c) => {
  evenPair(c, c.r1)
  m64(c)
  const p = pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!) * pairToBig(c.th, c.tl)
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
export const mgh: Exec = (c) => mul64(c, c.r1, BigInt(m16s(c)))
export const sgh: Exec = (c) => {
  const v = m16s(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const msgrkc: Exec = (c) => {
  const p = pairToBig(c.rh[c.r2]!, c.rl[c.r2]!) * pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  bigToPair(c, p)
  put(c, c.r1)
  c.cc = BigInt.asIntN(64, p) !== p ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
function mulPair32(c: Cpu, signed: boolean, b: number): void {
  evenPair(c, c.r1)
  const x = signed ? BigInt(c.rl[c.r1 + 1]!) : BigInt(c.rl[c.r1 + 1]! >>> 0)
  const y = signed ? BigInt(b) : BigInt(b >>> 0)
  bigToPair(c, x * y)
  c.rl[c.r1] = c.th
  c.rl[c.r1 + 1] = c.tl
}
export const mr: Exec = (c) => mulPair32(c, true, c.rl[c.r2]!)
export const m: Exec = (c) => mulPair32(c, true, m32(c))
export const mfy: Exec = (c) => mulPair32(c, true, m32(c))
export const mlr: Exec = (c) => mulPair32(c, false, c.rl[c.r2]!)
export const ml: Exec = (c) => mulPair32(c, false, m32(c))
function mulPair64(c: Cpu, bh: number, bl: number, signed: boolean): void {
  evenPair(c, c.r1)
  const x = signed ? pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!) : pairToBigU(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
  const p = x * (signed ? pairToBig(bh, bl) : pairToBigU(bh, bl))
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
export const mlgr: Exec = (c) => mulPair64(c, c.rh[c.r2]!, c.rl[c.r2]!, false)
export const mlg: Exec = (c) => {
  m64(c)
  mulPair64(c, c.th, c.tl, false)
}
export const mgrk: Exec = (c) => {
  evenPair(c, c.r1)
  const p = pairToBig(c.rh[c.r2]!, c.rl[c.r2]!) * pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
function divPair32(c: Cpu, b: number, signed: boolean): void {
  evenPair(c, c.r1)
  const dd = signed ? pairToBig(c.rl[c.r1]!, c.rl[c.r1 + 1]!) : pairToBigU(c.rl[c.r1]!, c.rl[c.r1 + 1]!)
  const dv = signed ? BigInt(b) : BigInt(b >>> 0)
  if (dv === 0n) pgm(PGM_FIXED_DIVIDE)
  const q = dd / dv
  const r = dd % dv
  if (signed ? q !== BigInt.asIntN(32, q) : q > 0xffffffffn) pgm(PGM_FIXED_DIVIDE)
  c.rl[c.r1] = Number(BigInt.asIntN(32, r))
  c.rl[c.r1 + 1] = Number(BigInt.asIntN(32, q))
}
export const dr: Exec = (c) => divPair32(c, c.rl[c.r2]!, true)
export const d: Exec = (c) => divPair32(c, m32(c), true)
export const dlr: Exec = (c) => divPair32(c, c.rl[c.r2]!, false)
export const dl: Exec = (c) => divPair32(c, m32(c), false)
function divSingle64(c: Cpu, dv: bigint): void {
  evenPair(c, c.r1)
  if (dv === 0n) pgm(PGM_FIXED_DIVIDE)
  const dd = pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
  const q = dd / dv
  if (q !== BigInt.asIntN(64, q)) pgm(PGM_FIXED_DIVIDE)
  bigToPair(c, dd % dv)
  put(c, c.r1)
  bigToPair(c, q)
  put(c, c.r1 + 1)
}
export const dsgr: Exec = (c) => divSingle64(c, pairToBig(c.rh[c.r2]!, c.rl[c.r2]!))
export const dsgfr: Exec = (c) => divSingle64(c, BigInt(c.rl[c.r2]!))
export const dsg: Exec = (c) => {
  m64(c)
  divSingle64(c, pairToBig(c.th, c.tl))
}
export const dsgf: Exec = (c) => divSingle64(c, BigInt(m32(c)))
/**
 * DIVIDE LOGICAL (64-bit): the 128-bit dividend in the even/odd pair r1, r1 + 1 by the 64-bit divisor vh:vl. BigInt
 * cost Debian's boot ~0.3-0.6 s in DLG alone (cpu profiles of `labcon emu` to its panic: times and counts, and in
 * one boot ~850K divisions of full 64-bit values by 32-bit divisors), so the common cases divide as doubles, where
 * every partial dividend is an integer below 2^53 and the rounded quotient of two such integers stays below the
 * next integer (its error is under 2^-53 * dividend / divisor, less than the 1 / divisor between a non-integral
 * quotient and that integer): a divisor below 2^32 by 16-bit digits (each partial dividend below 2^48), a dividend
 * and divisor below 2^53 at once. The rest takes BigInt.
 */
function divl128(c: Cpu, vh: number, vl: number): void {
  evenPair(c, c.r1)
  const r1 = c.r1
  const divisor = (vh >>> 0) * TWO32 + (vl >>> 0)
  if (divisor === 0) pgm(PGM_FIXED_DIVIDE)
  const dh = c.rh[r1 + 1]! >>> 0
  if (vh === 0) {
    const v = vl >>> 0
    let r = c.rl[r1]! >>> 0
    // the quotient must fit in 64 bits: the high doubleword below the divisor
    if (c.rh[r1] !== 0 || r >= v) pgm(PGM_FIXED_DIVIDE)
    const dl = c.rl[r1 + 1]! >>> 0
    let t = r * 65536 + (dh >>> 16)
    const q3 = Math.floor(t / v)
    r = t - q3 * v
    t = r * 65536 + (dh & 0xffff)
    const q2 = Math.floor(t / v)
    r = t - q2 * v
    t = r * 65536 + (dl >>> 16)
    const q1 = Math.floor(t / v)
    r = t - q1 * v
    t = r * 65536 + (dl & 0xffff)
    const q0 = Math.floor(t / v)
    r = t - q0 * v
    c.rh[r1] = 0
    c.rl[r1] = r | 0
    c.rh[r1 + 1] = (q3 * 65536 + q2) | 0
    c.rl[r1 + 1] = (q1 * 65536 + q0) | 0
    return
  }
  if ((c.rh[r1]! | c.rl[r1]!) === 0 && dh < 0x200000 && vh >>> 0 < 0x200000) {
    const dd = dh * TWO32 + (c.rl[r1 + 1]! >>> 0)
    const q = Math.floor(dd / divisor)
    const r = dd - q * divisor
    c.rh[r1] = Math.floor(r / TWO32) | 0
    c.rl[r1] = r | 0
    c.rh[r1 + 1] = Math.floor(q / TWO32) | 0
    c.rl[r1 + 1] = q | 0
    return
  }
  const dv = pairToBigU(vh, vl)
  const dd = (pairToBigU(c.rh[r1]!, c.rl[r1]!) << 64n) | pairToBigU(c.rh[r1 + 1]!, c.rl[r1 + 1]!)
  const q = dd / dv
  if (q > 0xffffffffffffffffn) pgm(PGM_FIXED_DIVIDE)
  bigToPair(c, dd % dv)
  put(c, r1)
  bigToPair(c, q)
  put(c, r1 + 1)
}
export const dlgr: Exec = (c) => divl128(c, c.rh[c.r2]!, c.rl[c.r2]!)
export const dlg: Exec = (c) => {
  m64(c)
  divl128(c, c.th, c.tl)
}

// ---- load and test / complement / positive / negative --------------------------------------------------------
export const ltr: Exec = (c) => {
  const v = c.rl[c.r2]!
  c.rl[c.r1] = v
  c.cc = cc32(v)
}
export const ltgr: Exec = (c) => {
  set64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!)
  c.cc = cc64(c.rh[c.r1]!, c.rl[c.r1]!)
}
export const ltgfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  set64(c, c.r1, sx(v), v)
  c.cc = cc32(v)
}
export const lcr: Exec = (c) => s32(c, c.r1, 0, c.rl[c.r2]!)
export const lcgr: Exec = (c) => s64(c, c.r1, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const lcgfr: Exec = (c) => s64(c, c.r1, 0, 0, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const lpr: Exec = (c) => {
  const v = c.rl[c.r2]!
  if (v < 0) s32(c, c.r1, 0, v)
  else ltr(c)
}
export const lpgr: Exec = (c) => {
  if (c.rh[c.r2]! < 0) s64(c, c.r1, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
  else ltgr(c)
}
export const lpgfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  if (v < 0) s64(c, c.r1, 0, 0, -1, v)
  else ltgfr(c)
}
export const lnr: Exec = (c) => {
  const v = c.rl[c.r2]!
  const r = v > 0 ? -v : v
  c.rl[c.r1] = r
  c.cc = r === 0 ? 0 : 1
}
export const lngr: Exec = (c) => {
  if (c.rh[c.r2]! >= 0 && (c.rh[c.r2]! | c.rl[c.r2]!) !== 0) sub64(c, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
  else {
    c.th = c.rh[c.r2]!
    c.tl = c.rl[c.r2]!
  }
  put(c, c.r1)
  c.cc = (c.th | c.tl) === 0 ? 0 : 1
}
export const lngfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  const r = v > 0 ? -v : v
  set64(c, c.r1, sx(r), r)
  c.cc = r === 0 ? 0 : 1
}
// High-word facility (45).
export const aih: Exec = (c) => {
  c.rh[c.r1] = add32(c, c.rh[c.r1]!, c.i2)
  ovf(c)
}
