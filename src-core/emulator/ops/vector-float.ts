// Vector BFP instructions (POP ch. 24) on long elements (the z13 vector facility; short and extended elements need
// vector-enhancements 1, STFLE 135): add, subtract, multiply, divide, multiply and add/subtract, square root, load FP
// integer, conversions to and from 64-bit fixed/logical, lengthen/round, sign operations, compares (scalar WFC/WFK
// with a CC, element-wise with a mask) and test data class. The single-element control (S, bit 0 of the M4/M5
// modifier) limits an instruction to element 0: the other elements of V1 are unpredictable per the POP and are set
// to zero here, as QEMU 7.2 does. IEEE conditions: masked ones OR into the FPC flags (for all elements combined); an
// enabled one in element i ends the instruction suppressed (nothing stored, flags unchanged) with a
// vector-processing exception (code 0x1b) whose VXC, i << 4 | VIC (1 invalid, 2 divide by zero, 3 overflow,
// 4 underflow, 5 inexact), goes to FPC byte 2 and the lowcore data-exception code. Arithmetic reuses the scalar
// BFP core (bfp-soft.ts).
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { LC_DATA_EXC_CODE, PGM_VECTOR_PROCESSING } from '../cpu/constants.ts'
import * as S from './bfp-soft.ts'
import type { Fmt, Mode, Out, Val } from './bfp-soft.ts'
import { enabled, spec, el, setEl, count, maskOf } from './vector.ts'

/** FPC BFP rounding mode (bits 61-63) as a rounding method. */
const FPC_MODE: readonly Mode[] = [4, 5, 6, 7, 4, 4, 4, 3]
const SE = 8
const XXC = 4

/** The element format of an FP-format field: 3 long; 2 short and 4 extended need vector-enhancements 1. */
function fmtOf(c: Cpu, fpf: number): { f: Fmt; es: number } {
  if (fpf === 3) return { f: S.LONG, es: 3 }
  if (c.m.facility(135) && (fpf === 2 || fpf === 4)) return { f: fpf === 2 ? S.SHORT : S.EXT, es: fpf }
  return spec()
}
/** Rounding method of an M5 rounding field (0: the FPC's; 2 and > 7: specification). */
function modeOf(c: Cpu, m: number): Mode {
  if (m === 0) return FPC_MODE[c.fpc & 7]!
  if (m === 2 || m > 7) spec()
  return m as Mode
}
/** Element indexes an instruction works on: all, or element 0 with the single-element control. */
const indexes = (es: number, single: boolean): number[] => Array.from({ length: single ? 1 : count(es) }, (_, i) => i)

/** The vector-IEEE-exception interruption code (VIC) of conditions `fl` that the FPC masks enable, or 0. */
function vic(c: Cpu, fl: number, noInexact: boolean): number {
  const m = c.fpc >>> 24
  if (fl & S.INV && m & S.INV) return 1
  if (fl & S.DBZ && m & S.DBZ) return 2
  if (fl & S.OVF && m & S.OVF) return 3
  if (fl & S.TINY && m & S.UNF) return 4
  if (!noInexact && fl & S.INX && m & S.INX) return 5
  return 0
}
/** Collects the conditions of an instruction's elements and raises the vector-processing exception. */
class Ieee {
  flags = 0
  constructor(
    private readonly c: Cpu,
    private readonly noInexact = false,
  ) {}
  /** Records element i's conditions; an enabled one ends the instruction (before anything is stored). */
  note(i: number, fl: number): void {
    if (this.noInexact) fl &= ~(S.INX | S.INC)
    const v = vic(this.c, fl, this.noInexact)
    if (v !== 0) {
      const vxc = (i << 4) | v
      this.c.fpc = ((this.c.fpc & ~0xff00) | (vxc << 8)) >>> 0
      this.c.dv.setUint32(this.c.lc(LC_DATA_EXC_CODE), vxc)
      pgm(PGM_VECTOR_PROCESSING)
    }
    this.flags |= fl & 0xf8
  }
  /** After every result is stored: the masked conditions into the FPC flags. */
  done(): void {
    this.c.fpc = (this.c.fpc | (this.flags << 16)) >>> 0
  }
}
/** The rounded result of an operation's outcome. */
function rounded(o: Out, f: Fmt, mode: Mode): S.Res {
  return S.isExact(o) ? S.round(o.s, o.m, o.e, o.st, f, mode) : o
}
const unpackEl = (c: Cpu, v: number, es: number, i: number, f: Fmt): Val => S.unpack(el(c, v, es, i), f)
/** Stores the computed elements (only after every element was checked): unset ones become zero. */
function store(c: Cpu, v: number, es: number, res: ReadonlyMap<number, bigint>): void {
  for (let i = 0; i < count(es); i++) setEl(c, v, es, i, res.get(i) ?? 0n)
}
/** A negated number (a NaN keeps its sign). */
const negNum = (v: Val, f: Fmt): Val => (v.k === S.K_QNAN || v.k === S.K_SNAN ? v : S.neg(v, f))

// ---- arithmetic ---------------------------------------------------------------------------------------------

type Bin = (a: Val, b: Val, f: Fmt, mode: Mode) => Out
/** VFA/VFS/VFM/VFD (VRR-c: format M4, S in M5; the other M5 bits are reserved). */
function arith(op: Bin): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.m4)
    if (c.m5 & 7) spec()
    const mode = FPC_MODE[c.fpc & 7]!
    const ie = new Ieee(c)
    const res = new Map<number, bigint>()
    for (const i of indexes(es, (c.m5 & SE) !== 0)) {
      const r = rounded(op(unpackEl(c, c.r2, es, i, f), unpackEl(c, c.r3, es, i, f), f, mode), f, mode)
      ie.note(i, r.fl)
      res.set(i, r.bits)
    }
    store(c, c.r1, es, res)
    ie.done()
  }
}
export const vfa = arith((a, b, f, m) => S.add(a, b, f, m))
export const vfs = arith((a, b, f, m) => S.add(a, negNum(b, f), f, m))
export const vfm = arith((a, b, f) => S.mul(a, b, f))
export const vfd = arith((a, b, f) => S.div(a, b, f))
/** VECTOR FP (NEGATIVE) MULTIPLY AND ADD / SUBTRACT (VRR-e: format M6, S in M5): V2 · V3 ± V4 with one rounding;
 * the negative forms (vector-enhancements 1) invert the sign of a result that is not a NaN. */
function fma(sub: boolean, negate = false): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.i5)
    if (c.m5 & 7) spec()
    const mode = FPC_MODE[c.fpc & 7]!
    const ie = new Ieee(c)
    const res = new Map<number, bigint>()
    const sign = 1n << BigInt(f.width - 1)
    for (const i of indexes(es, (c.m5 & SE) !== 0)) {
      const add = unpackEl(c, c.i4, es, i, f)
      const r = rounded(S.fma(unpackEl(c, c.r2, es, i, f), unpackEl(c, c.r3, es, i, f), sub ? negNum(add, f) : add, f, mode), f, mode)
      ie.note(i, r.fl)
      const nan = S.unpack(r.bits, f).k >= S.K_QNAN
      res.set(i, negate && !nan ? r.bits ^ sign : r.bits)
    }
    store(c, c.r1, es, res)
    ie.done()
  }
}
export const vfma = fma(false)
export const vfms = fma(true)
export const vfnma = fma(false, true)
export const vfnms = fma(true, true)

/** Two-operand VRR-a instructions: format M3, S (and XxC where allowed) in M4, rounding in M5 where used. */
function unaryOp(opts: { xxc: boolean; erm: boolean }, op: (v: Val, f: Fmt, mode: Mode, raw: bigint) => Out): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.m3)
    if (c.m4 & (opts.xxc ? 3 : 7)) spec()
    const mode = opts.erm ? modeOf(c, c.m5) : FPC_MODE[c.fpc & 7]!
    const ie = new Ieee(c, opts.xxc && (c.m4 & XXC) !== 0)
    const res = new Map<number, bigint>()
    for (const i of indexes(es, (c.m4 & SE) !== 0)) {
      const raw = el(c, c.r2, es, i)
      const r = rounded(op(S.unpack(raw, f), f, mode, raw), f, mode)
      ie.note(i, r.fl)
      res.set(i, r.bits & maskOf(es))
    }
    store(c, c.r1, es, res)
    ie.done()
  }
}
/** VECTOR FP SQUARE ROOT. */
export const vfsq = unaryOp({ xxc: false, erm: false }, (v, f) => S.sqrt(v, f))
/** VECTOR LOAD FP INTEGER: round to an integral value in the M5 method. */
export const vfi = unaryOp({ xxc: true, erm: true }, (v, f, mode) => {
  const nan = S.nanOf(f, v)
  if (nan) return nan
  if (v.k !== S.K_FIN) return { bits: v.b, fl: 0 }
  const r = S.toInteger(v, mode)
  const fl = r.inexact ? S.INX | (r.inc ? S.INC : 0) : 0
  const ex = S.fromInteger(r.v)
  return { bits: ex ? S.round(ex.s, ex.m, 0, false, f, 4).bits : S.zero(f, v.s), fl }
})
/** The conversions take long elements with 64-bit integers, and short elements with 32-bit integers under
 * vector-enhancements 2 (148); other formats are a specification exception. */
function convFormat(op: Exec): Exec {
  return (c) => {
    if (c.m3 !== 3 && !(c.m3 === 2 && c.m.facility(148))) {
      enabled(c)
      spec()
    }
    op(c)
  }
}
/** VECTOR FP CONVERT FROM FIXED / LOGICAL: the integer element rounded per M5. */
function fromFixed(logical: boolean): Exec {
  return convFormat(
    unaryOp({ xxc: true, erm: true }, (_v, f, _mode, raw) => {
      const ex = S.fromInteger(logical ? raw : BigInt.asIntN(f.width, raw))
      return ex ?? { bits: S.zero(f, false), fl: 0 }
    }),
  )
}
export const vcdg = fromFixed(false)
export const vcdlg = fromFixed(true)
/** VECTOR FP CONVERT TO FIXED / LOGICAL: rounded per M5; NaN or out of range is invalid (masked: the most
 * negative/positive value, or 0/the maximum; a NaN gives the most negative value or 0), out of range also inexact,
 * as the scalar CGDBR/CLGDBR. */
function toFixed(logical: boolean): Exec {
  return convFormat(
    unaryOp({ xxc: true, erm: true }, (v, f, mode) => {
      const w = BigInt(f.width)
      const lo = logical ? 0n : -(1n << (w - 1n))
      const hi = logical ? (1n << w) - 1n : (1n << (w - 1n)) - 1n
      const nan = v.k === S.K_QNAN || v.k === S.K_SNAN
      const r = v.k === S.K_FIN ? S.toInteger(v, mode) : null
      if (nan || v.k === S.K_INF || (r !== null && (r.v < lo || r.v > hi))) {
        const res = nan ? lo : v.s ? lo : hi
        return { bits: BigInt.asUintN(f.width, res), fl: nan ? S.INV : S.INV | S.INX }
      }
      const fl = r?.inexact ? S.INX | (r.inc ? S.INC : 0) : 0
      return { bits: BigInt.asUintN(f.width, r ? r.v : 0n), fl }
    }),
  )
}
export const vcgd = toFixed(false)
export const vclgd = toFixed(true)

/** VECTOR FP LOAD LENGTHENED: M3 2, short elements 0 and 2 (or 0 with S) into long elements 0 and 1; M3 3
 * (vector-enhancements 1), long element 0 into the extended V1. */
export const vlde: Exec = (c) => {
  enabled(c)
  const ext = c.m3 === 3 && c.m.facility(135)
  if (c.m3 !== 2 && !ext) spec()
  if (c.m4 & 7) spec()
  const [from, to, es] = ext ? [S.LONG, S.EXT, 4] : [S.SHORT, S.LONG, 3]
  const ie = new Ieee(c)
  const res = new Map<number, bigint>()
  for (const i of indexes(es, (c.m4 & SE) !== 0)) {
    const src = ext ? unpackEl(c, c.r2, 3, 0, from) : unpackEl(c, c.r2, 2, 2 * i, from)
    const r = rounded(S.convert(src, from, to), to, 4)
    ie.note(ext ? 0 : 2 * i, r.fl)
    res.set(i, r.bits)
  }
  store(c, c.r1, es, res)
  ie.done()
}
/** VECTOR FP LOAD ROUNDED: M3 3, long elements 0 and 1 rounded per M5 into short elements 0 and 2 (others 0); M3 4
 * (vector-enhancements 1), the extended V2 into long element 0 (element 1 set to 0). */
export const vled: Exec = (c) => {
  enabled(c)
  const ext = c.m3 === 4 && c.m.facility(135)
  if (c.m3 !== 3 && !ext) spec()
  if (c.m4 & 3) spec()
  const mode = modeOf(c, c.m5)
  const [from, to] = ext ? [S.EXT, S.LONG] : [S.LONG, S.SHORT]
  const ie = new Ieee(c, (c.m4 & XXC) !== 0)
  const res = new Map<number, bigint>()
  for (const i of indexes(ext ? 4 : 3, (c.m4 & SE) !== 0)) {
    const r = rounded(S.convert(unpackEl(c, c.r2, ext ? 4 : 3, i, from), from, to), to, mode)
    ie.note(i, r.fl)
    res.set(ext ? 0 : 2 * i, r.bits)
  }
  store(c, c.r1, ext ? 3 : 2, res)
  ie.done()
}

/** VECTOR FP PERFORM SIGN OPERATION: M5 0 complement, 1 negative, 2 positive (no IEEE conditions). */
export const vfpso: Exec = (c) => {
  enabled(c)
  const { f, es } = fmtOf(c, c.m3)
  if (c.m4 & 7 || c.m5 > 2) spec()
  const sign = 1n << BigInt(f.width - 1)
  const res = new Map<number, bigint>()
  for (const i of indexes(es, (c.m4 & SE) !== 0)) {
    const x = el(c, c.r2, es, i)
    res.set(i, c.m5 === 0 ? x ^ sign : c.m5 === 1 ? x | sign : x & ~sign)
  }
  store(c, c.r1, es, res)
}

// ---- compares and test data class ---------------------------------------------------------------------------

/** WFC / WFK: element 0 of V1 against element 0 of V2; CC 0 equal, 1 low, 2 high, 3 unordered. WFC is quiet (only
 * an SNaN is invalid), WFK signals on any NaN. M4 is reserved. */
function wfc(signal: boolean): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.m3)
    if (c.m4 !== 0) spec()
    const a = unpackEl(c, c.r1, es, 0, f)
    const b = unpackEl(c, c.r2, es, 0, f)
    const nan = (v: Val): boolean => v.k === S.K_SNAN || (signal && v.k === S.K_QNAN)
    const ie = new Ieee(c)
    ie.note(0, nan(a) || nan(b) ? S.INV : 0)
    c.cc = S.compare(a, b)
    ie.done()
  }
}
export const wfc_ = wfc(false)
export const wfk = wfc(true)
/** VECTOR FP COMPARE EQUAL / HIGH / HIGH OR EQUAL: all-ones where true; M6 bit 3 sets the CC (0 all true,
 * 1 mixed, 3 none). Quiet (only an SNaN is invalid) unless the SQ bit (M5 bit 1, vector-enhancements 1) asks for the
 * signaling compare (VFKE/VFKH/VFKHE: any NaN is invalid). */
function vfc(want: (cc: number) => boolean): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.m4)
    if (c.m5 & 3 || (c.m5 & 4 && !c.m.facility(135)) || c.i5 & 14) spec()
    const signal = (c.m5 & 4) !== 0
    const ie = new Ieee(c)
    const res = new Map<number, bigint>()
    const idx = indexes(es, (c.m5 & SE) !== 0)
    let t = 0
    for (const i of idx) {
      const a = unpackEl(c, c.r2, es, i, f)
      const b = unpackEl(c, c.r3, es, i, f)
      const nan = (v: Val): boolean => v.k === S.K_SNAN || (signal && v.k === S.K_QNAN)
      ie.note(i, nan(a) || nan(b) ? S.INV : 0)
      const r = want(S.compare(a, b))
      if (r) t++
      res.set(i, r ? maskOf(es) : 0n)
    }
    store(c, c.r1, es, res)
    if (c.i5 & 1) c.cc = t === idx.length ? 0 : t === 0 ? 3 : 1
    ie.done()
  }
}
export const vfce = vfc((cc) => cc === 0)
export const vfch = vfc((cc) => cc === 2)
export const vfche = vfc((cc) => cc === 0 || cc === 2)
/** VECTOR FP TEST DATA CLASS IMMEDIATE (VRI-e: classes I3, format M4, S in M5): all ones where the element's class
 * bit is one; CC 0 all selected, 1 some, 3 none. */
export const vftci: Exec = (c) => {
  enabled(c)
  const { f, es } = fmtOf(c, c.m4)
  if (c.m5 & 7) spec()
  const res = new Map<number, bigint>()
  const idx = indexes(es, (c.m5 & SE) !== 0)
  let t = 0
  for (const i of idx) {
    const bit = S.dataClassBit(unpackEl(c, c.r2, es, i, f))
    const on = ((c.i3 >>> (11 - bit)) & 1) === 1
    if (on) t++
    res.set(i, on ? maskOf(es) : 0n)
  }
  store(c, c.r1, es, res)
  c.cc = t === idx.length ? 0 : t === 0 ? 3 : 1
}

// ---- VECTOR FP MAXIMUM / MINIMUM (vector-enhancements 1) ---------------------------------------------------------

const isNaN_ = (v: Val): boolean => v.k === S.K_QNAN || v.k === S.K_SNAN
/** Which operand a maximum/minimum delivers: 'a', 'b', a quieted 'qa'/'qb', or 'num' (the numeric comparison). */
type Pick = 'a' | 'b' | 'qa' | 'qb' | 'num'
/**
 * The result rules of the M6 function codes (0 IEEE maxNum/minNum, 1 Java Math.max/min, 2 C macro
 * `a > b ? a : b`, 3 C++ std::max `a < b ? b : a`, 4 C fmax/fmin; 8-12 the same on magnitudes) for NaN operands
 * and a pair of zeros; `flags` gets IEEE invalid where the function signals.
 */
function minmaxPick(fc: number, max: boolean, a: Val, b: Val, inv: { v: boolean }): Pick {
  const nanA = isNaN_(a)
  const nanB = isNaN_(b)
  if (nanA || nanB) {
    if (a.k === S.K_SNAN || b.k === S.K_SNAN) inv.v = true
    switch (fc) {
      case 0:
        if (a.k === S.K_SNAN) return 'qa'
        if (b.k === S.K_SNAN) return 'qb'
        return nanA && nanB ? 'a' : nanA ? 'b' : 'a'
      case 1:
        if (a.k === S.K_SNAN) return 'qa'
        if (b.k === S.K_SNAN) return 'qb'
        return nanA ? 'a' : 'b'
      case 2:
        inv.v = true
        return 'b'
      case 3:
        inv.v = true
        return 'a'
      default:
        return nanB ? 'a' : 'b'
    }
  }
  if (a.k === S.K_ZERO && b.k === S.K_ZERO) {
    switch (fc) {
      case 0:
      case 1:
      case 4:
        // the negative zero is the minimum, the positive one the maximum
        return max ? (a.s ? 'b' : 'a') : a.s ? 'a' : 'b'
      case 2:
        return 'b'
      default:
        return 'a'
    }
  }
  return 'num'
}
function minmax(max: boolean): Exec {
  return (c) => {
    enabled(c)
    const { f, es } = fmtOf(c, c.m4)
    const fc = c.i5
    if (c.m5 & 7 || (fc & 7) > 4 || (fc & ~15) !== 0 || (fc & 4 && fc & 3)) spec()
    const abs = (fc & 8) !== 0
    const kind = fc & 7
    const sign = 1n << BigInt(f.width - 1)
    const ie = new Ieee(c)
    const res = new Map<number, bigint>()
    for (const i of indexes(es, (c.m5 & SE) !== 0)) {
      let ab = el(c, c.r2, es, i)
      let bb = el(c, c.r3, es, i)
      if (abs) {
        ab &= ~sign
        bb &= ~sign
      }
      const a = S.unpack(ab, f)
      const b = S.unpack(bb, f)
      const inv = { v: false }
      const p = minmaxPick(kind, max, a, b, inv)
      let r: bigint
      if (p === 'a') r = ab
      else if (p === 'b') r = bb
      else if (p === 'qa') r = S.quiet(f, ab)
      else if (p === 'qb') r = S.quiet(f, bb)
      else {
        const cc = S.compare(a, b)
        r = (max ? cc === 2 : cc === 1) ? ab : bb
      }
      ie.note(i, inv.v ? S.INV : 0)
      res.set(i, r)
    }
    store(c, c.r1, es, res)
    ie.done()
  }
}
export const vfmax = minmax(true)
export const vfmin = minmax(false)
