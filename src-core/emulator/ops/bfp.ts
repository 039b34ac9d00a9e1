// BFP instructions (POP ch. 19) in the short, long and extended formats: arithmetic, fused multiply-add/subtract,
// square root, compare and signaling compare, load and test / complement / negative / positive, load rounded and
// lengthened, conversions to and from fixed (signed and logical), load FP integer and test data class. Rounding per
// the FPC BFP rounding mode or the M3 modifier; IEEE conditions set the FPC flags, or, when the FPC mask is one, end
// in a data exception whose DXC goes to FPC byte 2 and lowcore 0x93 (invalid/divide-by-zero suppress; overflow,
// underflow and inexact complete, overflow/underflow with the result scaled by α).
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_SPECIFICATION } from '../cpu/constants.ts'
import * as S from './bfp-soft.ts'
import type { Fmt, Mode, Out, Val } from './bfp-soft.ts'

/** AFP-register control off: BFP instructions are a data exception with DXC 2. */
function need(c: Cpu): void {
  if ((c.crl[0]! & CR0_AFP) === 0) {
    c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 2)
    pgm(PGM_DATA)
  }
}
/** Extended operands name FPR pairs n, n+2: n must be 0, 1, 4, 5, 8, 9, 12 or 13. */
function pair(...rs: number[]): void {
  for (const r of rs) if (r & 2) pgm(PGM_SPECIFICATION)
}

const u32 = (v: number): bigint => BigInt(v >>> 0)
/** Bit pattern of FPR n in format f (short: the high word; extended: the pair n, n+2). */
function getF(c: Cpu, n: number, f: Fmt): bigint {
  const hi = u32(c.vr[n * 4]!)
  if (f === S.SHORT) return hi
  const l = (hi << 32n) | u32(c.vr[n * 4 + 1]!)
  if (f === S.LONG) return l
  return (l << 64n) | (u32(c.vr[(n + 2) * 4]!) << 32n) | u32(c.vr[(n + 2) * 4 + 1]!)
}
function setF(c: Cpu, n: number, f: Fmt, b: bigint): void {
  if (f === S.SHORT) {
    c.vr[n * 4] = Number(b) | 0
    return
  }
  if (f === S.EXT) {
    setF(c, n + 2, S.LONG, b & 0xffffffffffffffffn)
    b >>= 64n
  }
  c.vr[n * 4] = Number(b >> 32n) | 0
  c.vr[n * 4 + 1] = Number(b & 0xffffffffn) | 0
}
/** Second operand from storage (short or long). */
function memF(c: Cpu, f: Fmt): bigint {
  const a = c.ea2()
  if (f === S.SHORT) return u32(c.rd32(a))
  c.rd64(a)
  return (u32(c.th) << 32n) | u32(c.tl)
}

const FPC_MODE: readonly Mode[] = [4, 5, 6, 7, 4, 4, 4, 3]
/** Rounding method: the M3 modifier when nonzero (2 and > 7 are a specification exception), else the FPC's. */
function modeOf(c: Cpu, m3: number): Mode {
  if (m3 === 0) return FPC_MODE[c.fpc & 7]!
  if (m3 === 2 || m3 > 7) pgm(PGM_SPECIFICATION)
  return m3 as Mode
}

/** Data exception with a BFP DXC: the DXC goes to FPC byte 2 and the lowcore data-exception code. */
function trap(c: Cpu, dxc: number): never {
  c.fpc = ((c.fpc & ~0xff00) | (dxc << 8)) >>> 0
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), dxc)
  return pgm(PGM_DATA)
}
/** Invalid-operation / divide-by-zero with the mask on: suppressed. Call before storing anything. */
function checkSuppress(c: Cpu, fl: number): void {
  const masks = c.fpc >>> 24
  if (fl & S.INV && masks & S.INV) trap(c, S.INV)
  if (fl & S.DBZ && masks & S.DBZ) trap(c, S.DBZ)
}
/** After the result is stored (and the CC set): flags for masked conditions, or the completing interruption. */
function complete(c: Cpu, fl: number, noInexact = false): void {
  const masks = c.fpc >>> 24
  if (noInexact) fl &= ~(S.INX | S.INC)
  const inx = fl & S.INX ? S.INX | (fl & S.INC) : 0
  if (fl & S.OVF && masks & S.OVF) trap(c, S.OVF | inx)
  if (fl & S.TINY && masks & S.UNF) trap(c, S.UNF | inx)
  if (fl & S.INX && masks & S.INX) {
    c.fpc = (c.fpc | ((fl & (S.INV | S.DBZ | S.OVF | S.UNF)) << 16)) >>> 0
    trap(c, inx)
  }
  c.fpc = (c.fpc | ((fl & 0xf8) << 16)) >>> 0
}
/** CC of a result: 0 zero, 1 negative, 2 positive, 3 NaN. */
function ccOf(b: bigint, f: Fmt): number {
  const v = S.unpack(b, f)
  if (v.k === S.K_QNAN || v.k === S.K_SNAN) return 3
  if (v.k === S.K_ZERO) return 0
  return v.s ? 1 : 2
}

/** Rounds (if needed), stores into FPR r1, sets the CC (unless `cc` is false) and reports the conditions. */
function deliver(c: Cpu, r1: number, f: Fmt, out: Out, mode: Mode, cc: boolean, noInexact = false): void {
  let res: S.Res
  if (S.isExact(out)) {
    res = S.round(out.s, out.m, out.e, out.st, f, mode)
    const masks = c.fpc >>> 24
    const trapped = (res.fl & S.OVF && masks & S.OVF) || (res.fl & S.TINY && masks & S.UNF)
    if (trapped) {
      const sc = S.round(out.s, out.m, out.e, out.st, f, mode, true)
      const flags = (res.fl & S.OVF ? S.OVF : S.TINY) | (sc.fl & (S.INX | S.INC))
      setF(c, r1, f, sc.bits)
      if (cc) c.cc = ccOf(sc.bits, f)
      complete(c, flags, noInexact)
      return
    }
  } else res = out
  checkSuppress(c, res.fl)
  setF(c, r1, f, res.bits)
  if (cc) c.cc = ccOf(res.bits, f)
  complete(c, res.fl, noInexact)
}

type Bin = (a: Val, b: Val, f: Fmt, mode: Mode) => Out
const addOp: Bin = (a, b, f, m) => S.add(a, b, f, m)
/** A NaN subtrahend/addend keeps its sign: only numbers are negated. */
const negNum = (v: Val, f: Fmt): Val => (v.k === S.K_QNAN || v.k === S.K_SNAN ? v : S.neg(v, f))
const subOp: Bin = (a, b, f, m) => S.add(a, negNum(b, f), f, m)
const mulOp: Bin = (a, b, f) => S.mul(a, b, f)
const divOp: Bin = (a, b, f) => S.div(a, b, f)

/** Two-operand arithmetic: op1 := op1 ∘ op2 in format f (op2 from storage for the RXE forms). `src` is op2's format
 * (MULTIPLY with a longer result: op1 and op2 lengthened first). */
function arith(op: Bin, f: Fmt, mem: boolean, setsCc: boolean, src: Fmt = f): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, mem || src !== f ? 0 : c.r2)
    const mode = FPC_MODE[c.fpc & 7]!
    const bBits = mem ? memF(c, src) : getF(c, c.r2, src)
    const a = src === f ? S.unpack(getF(c, c.r1, f), f) : lengthen(S.unpack(getF(c, c.r1, src), src), src, f)
    const b = src === f ? S.unpack(bBits, f) : lengthen(S.unpack(bBits, src), src, f)
    deliver(c, c.r1, f, op(a, b, f, mode), mode, setsCc)
  }
}
/** Lengthens an operand for the mixed-length multiplies (an SNaN stays signaling). */
function lengthen(v: Val, from: Fmt, to: Fmt): Val {
  if (v.k === S.K_QNAN || v.k === S.K_SNAN) {
    const frac = v.b & ((1n << BigInt(from.fb)) - 1n)
    const b = S.inf(to, v.s) | (frac << BigInt(to.fb - from.fb))
    return S.unpack(b, to)
  }
  if (v.k === S.K_FIN) {
    const r = S.round(v.s, v.m, v.e, false, to, 4)
    return S.unpack(r.bits, to)
  }
  return S.unpack(v.k === S.K_INF ? S.inf(to, v.s) : S.zero(to, v.s), to)
}

export const aebr = arith(addOp, S.SHORT, false, true)
export const aeb = arith(addOp, S.SHORT, true, true)
export const adbr = arith(addOp, S.LONG, false, true)
export const adb = arith(addOp, S.LONG, true, true)
export const axbr = arith(addOp, S.EXT, false, true)
export const sebr = arith(subOp, S.SHORT, false, true)
export const seb = arith(subOp, S.SHORT, true, true)
export const sdbr = arith(subOp, S.LONG, false, true)
export const sdb = arith(subOp, S.LONG, true, true)
export const sxbr = arith(subOp, S.EXT, false, true)
export const meebr = arith(mulOp, S.SHORT, false, false)
export const meeb = arith(mulOp, S.SHORT, true, false)
export const mdbr = arith(mulOp, S.LONG, false, false)
export const mdb = arith(mulOp, S.LONG, true, false)
export const mxbr = arith(mulOp, S.EXT, false, false)
export const mdebr = arith(mulOp, S.LONG, false, false, S.SHORT)
export const mdeb = arith(mulOp, S.LONG, true, false, S.SHORT)
export const mxdbr = arith(mulOp, S.EXT, false, false, S.LONG)
export const mxdb = arith(mulOp, S.EXT, true, false, S.LONG)
export const debr = arith(divOp, S.SHORT, false, false)
export const deb = arith(divOp, S.SHORT, true, false)
export const ddbr = arith(divOp, S.LONG, false, false)
export const ddb = arith(divOp, S.LONG, true, false)
export const dxbr = arith(divOp, S.EXT, false, false)

/** SQUARE ROOT: op1 := √op2 (CC unchanged). */
function sq(f: Fmt, mem: boolean): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, c.r2)
    const mode = FPC_MODE[c.fpc & 7]!
    const a = S.unpack(mem ? memF(c, f) : getF(c, c.r2, f), f)
    deliver(c, c.r1, f, S.sqrt(a, f), mode, false)
  }
}
export const sqebr = sq(S.SHORT, false)
export const sqeb = sq(S.SHORT, true)
export const sqdbr = sq(S.LONG, false)
export const sqdb = sq(S.LONG, true)
export const sqxbr = sq(S.EXT, false)

/** MULTIPLY AND ADD/SUBTRACT (RRD, or RXF with op2 in storage): op1 := op3 · op2 ± op1, one rounding, CC
 * unchanged. */
function fmaOp(f: Fmt, sub: boolean, mem = false): Exec {
  return (c) => {
    need(c)
    const mode = FPC_MODE[c.fpc & 7]!
    const b = S.unpack(mem ? memF(c, f) : getF(c, c.r2, f), f)
    const a = S.unpack(getF(c, c.r3, f), f)
    const add0 = S.unpack(getF(c, c.r1, f), f)
    deliver(c, c.r1, f, S.fma(a, b, sub ? negNum(add0, f) : add0, f, mode), mode, false)
  }
}
export const maebr = fmaOp(S.SHORT, false)
export const madbr = fmaOp(S.LONG, false)
export const msebr = fmaOp(S.SHORT, true)
export const msdbr = fmaOp(S.LONG, true)
export const maeb = fmaOp(S.SHORT, false, true)
export const madb = fmaOp(S.LONG, false, true)
export const mseb = fmaOp(S.SHORT, true, true)
export const msdb = fmaOp(S.LONG, true, true)

/** COMPARE (quiet: only an SNaN is invalid) and COMPARE AND SIGNAL (any NaN is invalid); invalid masked: CC 3. */
function cmp(f: Fmt, mem: boolean, signal: boolean): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, c.r2)
    const b = S.unpack(mem ? memF(c, f) : getF(c, c.r2, f), f)
    const a = S.unpack(getF(c, c.r1, f), f)
    const nan = (v: Val): boolean => v.k === S.K_SNAN || (signal && v.k === S.K_QNAN)
    const fl = nan(a) || nan(b) ? S.INV : 0
    checkSuppress(c, fl)
    c.cc = S.compare(a, b)
    complete(c, fl)
  }
}
export const cebr = cmp(S.SHORT, false, false)
export const ceb = cmp(S.SHORT, true, false)
export const cdbr = cmp(S.LONG, false, false)
export const cdb = cmp(S.LONG, true, false)
export const cxbr = cmp(S.EXT, false, false)
export const kebr = cmp(S.SHORT, false, true)
export const keb = cmp(S.SHORT, true, true)
export const kdbr = cmp(S.LONG, false, true)
export const kdb = cmp(S.LONG, true, true)
export const kxbr = cmp(S.EXT, false, true)

/** LOAD AND TEST: an SNaN is invalid (masked: the QNaN is loaded); CC from the result. */
function lt(f: Fmt): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, c.r2)
    const v = S.unpack(getF(c, c.r2, f), f)
    const out = v.k === S.K_SNAN ? { bits: S.quiet(f, v.b), fl: S.INV } : { bits: v.b, fl: 0 }
    deliver(c, c.r1, f, out, 4, true)
  }
}
export const ltebr = lt(S.SHORT)
export const ltdbr = lt(S.LONG)
export const ltxbr = lt(S.EXT)

/** LOAD COMPLEMENT/NEGATIVE/POSITIVE: sign bit inverted/set/cleared, no exceptions (NaNs too), CC from result. */
function sign(f: Fmt, how: 'c' | 'n' | 'p'): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, c.r2)
    const sb = 1n << BigInt(f.width - 1)
    const b = getF(c, c.r2, f)
    const r = how === 'c' ? b ^ sb : how === 'n' ? b | sb : b & ~sb
    setF(c, c.r1, f, r)
    c.cc = ccOf(r, f)
  }
}
export const lcebr = sign(S.SHORT, 'c')
export const lcdbr = sign(S.LONG, 'c')
export const lcxbr = sign(S.EXT, 'c')
export const lnebr = sign(S.SHORT, 'n')
export const lndbr = sign(S.LONG, 'n')
export const lnxbr = sign(S.EXT, 'n')
export const lpebr = sign(S.SHORT, 'p')
export const lpdbr = sign(S.LONG, 'p')
export const lpxbr = sign(S.EXT, 'p')

/** LOAD LENGTHENED (exact; an SNaN is invalid and becomes a QNaN), CC unchanged. */
function lengthenOp(from: Fmt, to: Fmt, mem: boolean): Exec {
  return (c) => {
    need(c)
    if (to === S.EXT) pair(c.r1)
    const v = S.unpack(mem ? memF(c, from) : getF(c, c.r2, from), from)
    deliver(c, c.r1, to, S.convert(v, from, to), 4, false)
  }
}
export const ldebr = lengthenOp(S.SHORT, S.LONG, false)
export const ldeb = lengthenOp(S.SHORT, S.LONG, true)
export const lxdbr = lengthenOp(S.LONG, S.EXT, false)
export const lxdb = lengthenOp(S.LONG, S.EXT, true)
export const lxebr = lengthenOp(S.SHORT, S.EXT, false)
export const lxeb = lengthenOp(S.SHORT, S.EXT, true)

/** LOAD ROUNDED (RRF: M3 rounding modifier, M4 bit 1 suppresses inexact), CC unchanged. */
function shorten(from: Fmt, to: Fmt): Exec {
  return (c) => {
    need(c)
    // Extended source: both fields name pairs (as the assembler enforces; QEMU 7.2 checks only R2); the result goes
    // to the left register of the R1 pair, the right one is unchanged.
    if (from === S.EXT) pair(c.r1, c.r2)
    const mode = modeOf(c, c.m3)
    const v = S.unpack(getF(c, c.r2, from), from)
    deliver(c, c.r1, to, S.convert(v, from, to), mode, false, (c.m4 & 4) !== 0)
  }
}
export const ledbr = shorten(S.LONG, S.SHORT)
export const ldxbr = shorten(S.EXT, S.LONG)
export const lexbr = shorten(S.EXT, S.SHORT)

/** LOAD FP INTEGER (RRF: M3 rounding method, M4 bit 1 suppresses inexact), CC unchanged. */
function fi(f: Fmt): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1, c.r2)
    const mode = modeOf(c, c.m3)
    const v = S.unpack(getF(c, c.r2, f), f)
    const nan = S.nanOf(f, v)
    let out: Out
    if (nan) out = nan
    else if (v.k !== S.K_FIN) out = { bits: v.b, fl: 0 }
    else {
      const r = S.toInteger(v, mode)
      const fl = r.inexact ? S.INX | (r.inc ? S.INC : 0) : 0
      const ex = S.fromInteger(r.v)
      out = { bits: ex ? S.round(ex.s, ex.m, 0, false, f, 4).bits : S.zero(f, v.s), fl }
    }
    deliver(c, c.r1, f, out, mode, false, (c.m4 & 4) !== 0)
  }
}
export const fiebr = fi(S.SHORT)
export const fidbr = fi(S.LONG)
export const fixbr = fi(S.EXT)

/** CONVERT FROM FIXED / FROM LOGICAL: a 32- or 64-bit signed or unsigned GR rounded into format f, CC unchanged. */
function fromFixed(f: Fmt, bits: 32 | 64, logical: boolean): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1)
    const mode = modeOf(c, c.m3)
    const raw = bits === 32 ? BigInt(c.rl[c.r2]!) : c.r64s(c.r2)
    const v = logical ? BigInt.asUintN(bits, raw) : raw
    const ex = S.fromInteger(v)
    deliver(c, c.r1, f, ex ?? { bits: S.zero(f, false), fl: 0 }, mode, false, (c.m4 & 4) !== 0)
  }
}
export const cefbr = fromFixed(S.SHORT, 32, false)
export const cdfbr = fromFixed(S.LONG, 32, false)
export const cxfbr = fromFixed(S.EXT, 32, false)
export const cegbr = fromFixed(S.SHORT, 64, false)
export const cdgbr = fromFixed(S.LONG, 64, false)
export const cxgbr = fromFixed(S.EXT, 64, false)
export const celfbr = fromFixed(S.SHORT, 32, true)
export const cdlfbr = fromFixed(S.LONG, 32, true)
export const cxlfbr = fromFixed(S.EXT, 32, true)
export const celgbr = fromFixed(S.SHORT, 64, true)
export const cdlgbr = fromFixed(S.LONG, 64, true)
export const cxlgbr = fromFixed(S.EXT, 64, true)

/** CONVERT TO FIXED / TO LOGICAL: round per M3 to an integer; NaN or out of range is invalid (masked:
 * CC 3 and the most negative/positive signed value, or 0/the maximum unsigned value; NaN gives the most negative or
 * 0); otherwise CC from the source's sign. */
function toFixed(f: Fmt, bits: 32 | 64, logical: boolean): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r2)
    const mode = modeOf(c, c.m3)
    const v = S.unpack(getF(c, c.r2, f), f)
    const lo = logical ? 0n : -(1n << BigInt(bits - 1))
    const hi = logical ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n
    let res: bigint
    let fl = 0
    let cc: number
    const r = v.k === S.K_FIN ? S.toInteger(v, mode) : null
    if (v.k === S.K_QNAN || v.k === S.K_SNAN || v.k === S.K_INF || (r !== null && (r.v < lo || r.v > hi))) {
      // Out of range (and ±inf) is invalid and inexact (unless M4 bit 1 suppresses it), a NaN only invalid (QEMU 7.2)
      fl = v.k === S.K_QNAN || v.k === S.K_SNAN ? S.INV : S.INV | S.INX
      const positive = v.k !== S.K_QNAN && v.k !== S.K_SNAN && !v.s
      res = logical ? (positive ? hi : 0n) : positive ? hi : lo
      cc = 3
    } else {
      res = r ? r.v : 0n
      if (r?.inexact) fl = S.INX | (r.inc ? S.INC : 0)
      cc = v.k === S.K_ZERO ? 0 : v.s ? 1 : 2
    }
    if ((c.m4 & 4) !== 0) fl &= ~(S.INX | S.INC)
    checkSuppress(c, fl)
    if (bits === 32) c.rl[c.r1] = Number(BigInt.asUintN(32, res)) | 0
    else c.setR64(c.r1, BigInt.asUintN(64, res))
    c.cc = cc
    complete(c, fl)
  }
}
export const cfebr = toFixed(S.SHORT, 32, false)
export const cfdbr = toFixed(S.LONG, 32, false)
export const cfxbr = toFixed(S.EXT, 32, false)
export const cgebr = toFixed(S.SHORT, 64, false)
export const cgdbr = toFixed(S.LONG, 64, false)
export const cgxbr = toFixed(S.EXT, 64, false)
export const clfebr = toFixed(S.SHORT, 32, true)
export const clfdbr = toFixed(S.LONG, 32, true)
export const clfxbr = toFixed(S.EXT, 32, true)
export const clgebr = toFixed(S.SHORT, 64, true)
export const clgdbr = toFixed(S.LONG, 64, true)
export const clgxbr = toFixed(S.EXT, 64, true)

/** TEST DATA CLASS (RXE): CC 1 when the bit of the second-operand address (bits 52-63) for op1's class is one. */
function tc(f: Fmt): Exec {
  return (c) => {
    need(c)
    if (f === S.EXT) pair(c.r1)
    const mask = c.ea2() & 0xfff
    const bit = S.dataClassBit(S.unpack(getF(c, c.r1, f), f))
    c.cc = (mask >>> (11 - bit)) & 1
  }
}
export const tceb = tc(S.SHORT)
export const tcdb = tc(S.LONG)
export const tcxb = tc(S.EXT)

/** Without AFP only FPRs 0, 2, 4 and 6 (pairs 0 and 4) are usable: AFP-register data exception (DXC 1). */
function basicOnly(c: Cpu, ...rs: number[]): void {
  if ((c.crl[0]! & CR0_AFP) !== 0) return
  for (const r of rs) {
    if (r & 9) {
      c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 1)
      pgm(PGM_DATA)
    }
  }
}
/** LOAD (extended register pair) and LOAD ZERO (extended): floating-point-support moves. */
export const lxr: Exec = (c) => {
  basicOnly(c, c.r1, c.r2)
  pair(c.r1, c.r2)
  setF(c, c.r1, S.EXT, getF(c, c.r2, S.EXT))
}
export const lzxr: Exec = (c) => {
  basicOnly(c, c.r1)
  pair(c.r1)
  setF(c, c.r1, S.EXT, 0n)
}
