// DFP instructions (POP ch. 20, decimal-floating-point facility 42, and the DFP conversions of the
// floating-point-extension facility 37) in the long and extended formats (short: load lengthened/rounded and the
// test instructions). Rounding per the FPC DFP rounding mode (bits 25-27) or an M field (modeOf). IEEE conditions set the FPC flags, or, with the FPC mask on, end in
// a data exception whose DXC goes to FPC byte 2 and lowcore 0x90 (invalid and divide-by-zero suppress; overflow,
// underflow and inexact complete, trapped overflow/underflow with the result scaled by 10^∓α).
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_SPECIFICATION } from '../cpu/constants.ts'
import * as D from './dfp-soft.ts'
import type { DFmt, DRes, DVal } from './dfp-soft.ts'

const { D32, D64, D128, K_FIN, K_INF, K_QNAN, K_SNAN, INV, DBZ, OVF, UNF, INX, INC } = D

/** AFP-register control off: DFP instructions are a data exception with DXC 3. */
function need(c: Cpu): void {
  if ((c.crl[0]! & CR0_AFP) === 0) {
    c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 3)
    pgm(PGM_DATA)
  }
}
/** Extended operands name FPR pairs n, n+2: n must be 0, 1, 4, 5, 8, 9, 12 or 13. */
function pair(...rs: number[]): void {
  for (const r of rs) if (r & 2) pgm(PGM_SPECIFICATION)
}
/** Even-odd general register pair. */
function evenGr(r: number): void {
  if (r & 1) pgm(PGM_SPECIFICATION)
}

const u32 = (v: number): bigint => BigInt(v >>> 0)
/** Bit pattern of FPR n in format f (short: the high word; extended: the pair n, n+2). */
export function getD(c: Cpu, n: number, f: DFmt): bigint {
  const hi = u32(c.vr[n * 4]!)
  if (f === D32) return hi
  const l = (hi << 32n) | u32(c.vr[n * 4 + 1]!)
  if (f === D64) return l
  return (l << 64n) | (u32(c.vr[(n + 2) * 4]!) << 32n) | u32(c.vr[(n + 2) * 4 + 1]!)
}
function setD(c: Cpu, n: number, f: DFmt, b: bigint): void {
  if (f === D32) {
    c.vr[n * 4] = Number(b & 0xffffffffn) | 0
    return
  }
  if (f === D128) {
    setD(c, n + 2, D64, b & 0xffffffffffffffffn)
    b >>= 64n
  }
  c.vr[n * 4] = Number((b >> 32n) & 0xffffffffn) | 0
  c.vr[n * 4 + 1] = Number(b & 0xffffffffn) | 0
}
const val = (c: Cpu, n: number, f: DFmt): DVal => D.decode(getD(c, n, f), f)

/** DFP rounding mode named by an M field value 0-7 (-1: the FPC's): 1 nearest ties away, 3 prepare for shorter
 * precision, 4-7 nearest even, toward 0, +inf, -inf; 8-15 are the DRM values 0-7. */
const M_MODE = [-1, 4, -1, 7, 0, 1, 2, 3]
/** Rounding mode from an M field (facility 37 rounding method) or, for 0 and 2, the FPC DFP rounding mode. */
function modeOf(c: Cpu, m: number): number {
  const v = m & 8 ? m & 7 : M_MODE[m]!
  return v < 0 ? (c.fpc >>> 4) & 7 : v
}
const trapOvf = (c: Cpu): boolean => ((c.fpc >>> 24) & OVF) !== 0
const trapUnf = (c: Cpu): boolean => ((c.fpc >>> 24) & UNF) !== 0

/** Data exception with an IEEE DXC: the DXC goes to FPC byte 2 and the lowcore data-exception code. */
function trap(c: Cpu, dxc: number): never {
  c.fpc = ((c.fpc & ~0xff00) | (dxc << 8)) >>> 0
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), dxc)
  return pgm(PGM_DATA)
}
/** Invalid-operation / divide-by-zero with the mask on: suppressed. Call before storing anything. */
function checkSuppress(c: Cpu, fl: number): void {
  const masks = c.fpc >>> 24
  if (fl & INV && masks & INV) trap(c, INV)
  if (fl & DBZ && masks & DBZ) trap(c, DBZ)
}
/** After the result is stored (and the CC set): flags for masked conditions, or the completing interruption. */
function complete(c: Cpu, fl: number, noInexact = false): void {
  const masks = c.fpc >>> 24
  if (noInexact) fl &= ~(INX | INC)
  const inx = fl & INX ? INX | (fl & INC) : 0
  if (fl & OVF && masks & OVF) trap(c, OVF | inx)
  if (fl & UNF && masks & UNF) trap(c, UNF | inx)
  if (fl & INX && masks & INX) {
    c.fpc = (c.fpc | ((fl & (INV | DBZ | OVF | UNF)) << 16)) >>> 0
    trap(c, inx)
  }
  c.fpc = (c.fpc | ((fl & 0xf8) << 16)) >>> 0
}
/** CC of a value: 0 zero, 1 negative, 2 positive, 3 NaN. */
function ccOf(v: DVal): number {
  if (v.k === K_QNAN || v.k === K_SNAN) return 3
  if (v.k === K_FIN && v.c === 0n) return 0
  return v.s ? 1 : 2
}
/** Stores a result into FPR r1 (CC from it when `cc`) and reports its conditions. */
function deliver(c: Cpu, r1: number, f: DFmt, res: DRes, cc: boolean, noInexact = false): void {
  checkSuppress(c, res.fl)
  setD(c, r1, f, res.bits)
  if (cc) c.cc = ccOf(D.decode(res.bits, f))
  complete(c, res.fl, noInexact)
}

// ---- arithmetic ---------------------------------------------------------------------------------------------------

type Bin = (f: DFmt, a: DVal, b: DVal, mode: number, tO: boolean, tU: boolean) => DRes
const sub: Bin = (f, a, b, m, tO, tU) => D.add(f, a, D.negate(b), m, tO, tU)
/** ADD/SUBTRACT/MULTIPLY/DIVIDE (RRF-a): op1 := op2 ∘ op3, rounded per M4 (facility 37) or the DRM. */
function arith(op: Bin, f: DFmt, setsCc: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2, c.r3)
    const res = op(f, val(c, c.r2, f), val(c, c.r3, f), modeOf(c, c.m4), trapOvf(c), trapUnf(c))
    deliver(c, c.r1, f, res, setsCc)
  }
}
export const adtr = arith(D.add, D64, true)
export const axtr = arith(D.add, D128, true)
export const sdtr = arith(sub, D64, true)
export const sxtr = arith(sub, D128, true)
export const mdtr = arith(D.mul, D64, false)
export const mxtr = arith(D.mul, D128, false)
export const ddtr = arith(D.div, D64, false)
export const dxtr = arith(D.div, D128, false)

// ---- comparison ---------------------------------------------------------------------------------------------------

/** COMPARE (signaling: any NaN is invalid; else only a SNaN): CC 0 equal, 1 op1 low, 2 high, 3 unordered. */
function compare(f: DFmt, signaling: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2)
    const a = val(c, c.r1, f)
    const b = val(c, c.r2, f)
    const nan = (v: DVal): boolean => v.k === K_QNAN || v.k === K_SNAN
    if (nan(a) || nan(b)) {
      const fl = signaling || a.k === K_SNAN || b.k === K_SNAN ? INV : 0
      checkSuppress(c, fl)
      c.cc = 3
      complete(c, fl)
      return
    }
    const r = D.cmp(a, b)
    c.cc = r === 0 ? 0 : r < 0 ? 1 : 2
  }
}
export const cdtr = compare(D64, false)
export const cxtr = compare(D128, false)
export const kdtr = compare(D64, true)
export const kxtr = compare(D128, true)

/** COMPARE BIASED EXPONENT: CC 0 equal (or both infinity, both QNaN, both SNaN), 1 op1 low, 2 high, 3 otherwise. */
function compareExp(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2)
    const a = val(c, c.r1, f)
    const b = val(c, c.r2, f)
    if (a.k !== K_FIN || b.k !== K_FIN) c.cc = a.k === b.k ? 0 : 3
    else c.cc = a.q === b.q ? 0 : a.q < b.q ? 1 : 2
  }
}
export const cedtr = compareExp(D64)
export const cextr = compareExp(D128)

// ---- loads --------------------------------------------------------------------------------------------------------

/** LOAD AND TEST: op1 := op2 (a SNaN becomes a QNaN: invalid), CC from the value. */
function loadTest(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2)
    const b = getD(c, c.r2, f)
    const v = D.decode(b, f)
    const res: DRes = v.k === K_SNAN ? { bits: b & ~(1n << BigInt(f.width - 7)), fl: INV } : { bits: b, fl: 0 }
    deliver(c, c.r1, f, res, true)
  }
}
export const ltdtr = loadTest(D64)
export const ltxtr = loadTest(D128)

/** Special values converted between formats: infinity (payload digits kept when M4 bit 0 is set, else the default
 * infinity), NaN (payload's low digits; a SNaN stays signaling when M4 bit 0 is set, else becomes a QNaN: invalid). */
function convertSpecial(v: DVal, to: DFmt, m4: number): DRes {
  const keep = (m4 & 8) !== 0
  if (v.k === K_INF) return { bits: D.encodeInf(to, v.s, keep ? v.c % D.pow10(to.p - 1) : 0n), fl: 0 }
  const payload = v.c % D.pow10(to.p - 1)
  if (v.k === K_SNAN && !keep) return { bits: D.encodeNaN(to, v.s, false, payload), fl: INV }
  return { bits: D.encodeNaN(to, v.s, v.k === K_SNAN, payload), fl: 0 }
}
/** LOAD LENGTHENED (RRF-d): exact; CC unchanged. */
function lengthen(from: DFmt, to: DFmt): Exec {
  return (c) => {
    need(c)
    if (to === D128) pair(c.r1)
    const v = val(c, c.r2, from)
    deliver(c, c.r1, to, v.k === K_FIN ? { bits: D.encodeFin(to, v.s, v.c, v.q), fl: 0 } : convertSpecial(v, to, c.m4), false)
  }
}
export const ldetr = lengthen(D32, D64)
export const lxdtr = lengthen(D64, D128)
/** LOAD ROUNDED (RRF-e): rounded per M3 to the shorter format; CC unchanged. */
function shorten(from: DFmt, to: DFmt): Exec {
  return (c) => {
    need(c)
    if (from === D128) pair(c.r1, c.r2)
    const v = val(c, c.r2, from)
    const res = v.k === K_FIN ? D.finish(to, v.s, v.c, v.q, false, modeOf(c, c.m3), trapOvf(c), trapUnf(c)) : convertSpecial(v, to, c.m4)
    deliver(c, c.r1, to, res, false)
  }
}
export const ledtr = shorten(D64, D32)
export const ldxtr = shorten(D128, D64)

/** LOAD FP INTEGER (RRF-e): rounded per M3 to an integer (exponent 0 when it was negative); M4 bit 1 (4) suppresses
 * inexact; CC unchanged. */
function fpInteger(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2)
    const v = val(c, c.r2, f)
    let res: DRes
    if (v.k !== K_FIN) res = D.nanOf(f, v) ?? { bits: D.encodeInf(f, v.s), fl: 0 }
    else if (v.q >= 0) res = { bits: D.encodeFin(f, v.s, v.c, v.q), fl: 0 }
    else {
      const r = D.roundDrop(v.c, -v.q, false, modeOf(c, c.m3), v.s)
      res = { bits: D.encodeFin(f, v.s, r.c, 0), fl: r.inx ? INX | (r.inc ? INC : 0) : 0 }
    }
    deliver(c, c.r1, f, res, false, (c.m4 & 4) !== 0)
  }
}
export const fidtr = fpInteger(D64)
export const fixtr = fpInteger(D128)

/** QUANTIZE (RRF-b): op1 := op3 with the exponent of op2, rounded per M4; a coefficient that does not fit (or one
 * infinity) is invalid; CC unchanged. */
function quantize(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r2, c.r3)
    const e = val(c, c.r2, f)
    const v = val(c, c.r3, f)
    let res: DRes | null = D.nanOf(f, v, e)
    if (res === null) {
      if (v.k === K_INF || e.k === K_INF) res = v.k === e.k ? { bits: D.encodeInf(f, v.s), fl: 0 } : D.invalid(f)
      else if (v.q >= e.q) {
        const cc = v.c * D.pow10(v.q - e.q)
        res = D.digits(cc) > f.p ? D.invalid(f) : { bits: D.encodeFin(f, v.s, cc, e.q), fl: 0 }
      } else {
        const r = D.roundDrop(v.c, e.q - v.q, false, modeOf(c, c.m4), v.s)
        res = D.digits(r.c) > f.p ? D.invalid(f) : { bits: D.encodeFin(f, v.s, r.c, e.q), fl: r.inx ? INX | (r.inc ? INC : 0) : 0 }
      }
    }
    deliver(c, c.r1, f, res, false)
  }
}
export const qadtr = quantize(D64)
export const qaxtr = quantize(D128)

/** REROUND (RRF-b): op1 := op3 rounded per M4 to the significance in bits 58-63 of GR r2 (0: unchanged); CC
 * unchanged. */
function reround(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r3)
    const sig = c.rl[c.r2]! & 63
    const v = val(c, c.r3, f)
    let res: DRes
    if (v.k !== K_FIN) res = D.nanOf(f, v) ?? { bits: D.encodeInf(f, v.s), fl: 0 }
    else if (sig === 0 || D.digits(v.c) <= sig) res = { bits: D.encodeFin(f, v.s, v.c, v.q), fl: 0 }
    else {
      const n = D.digits(v.c) - sig
      const r = D.roundDrop(v.c, n, false, modeOf(c, c.m4), v.s)
      let q = v.q + n
      let k = r.c
      if (D.digits(k) > sig) {
        k /= 10n
        q++
      }
      const fl = r.inx ? INX | (r.inc ? INC : 0) : 0
      if (q > f.qmax) {
        const o = D.finish(f, v.s, k, q, false, modeOf(c, c.m4), trapOvf(c), false)
        res = { bits: o.bits, fl: o.fl | fl }
      } else res = { bits: D.encodeFin(f, v.s, k, q), fl }
    }
    deliver(c, c.r1, f, res, false)
  }
}
export const rrdtr = reround(D64)
export const rrxtr = reround(D128)

// ---- exponent and significance -------------------------------------------------------------------------------------

/** EXTRACT BIASED EXPONENT / SIGNIFICANCE (RRE, GR r1 ← FPR r2): infinity −1, QNaN −2, SNaN −3. */
function extract(f: DFmt, sig: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r2)
    const v = val(c, c.r2, f)
    const r = v.k === K_INF ? -1 : v.k === K_QNAN ? -2 : v.k === K_SNAN ? -3 : sig ? D.digits(v.c) : v.q + f.bias
    c.setR64(c.r1, BigInt(r))
  }
}
export const eedtr = extract(D64, false)
export const eextr = extract(D128, false)
export const esdtr = extract(D64, true)
export const esxtr = extract(D128, true)

/** INSERT BIASED EXPONENT (RRF-b): op1 := op3's coefficient with the biased exponent in GR r2; −1 infinity, −3 SNaN,
 * −2, below −3 or above the maximum: QNaN (special values keep the coefficient continuation). */
function insertExp(f: DFmt): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r3)
    const be = c.r64s(c.r2)
    const v = val(c, c.r3, f)
    const cont = v.k === K_FIN ? v.c % D.pow10(f.p - 1) : v.c
    let b: bigint
    if (be === -1n) b = D.encodeInf(f, v.s, cont)
    else if (be === -3n) b = D.encodeNaN(f, v.s, true, cont)
    else if (be < 0n || be > BigInt(f.qmax + f.bias)) b = D.encodeNaN(f, v.s, false, cont)
    else b = D.encodeFin(f, v.s, v.k === K_FIN ? v.c : cont, Number(be) - f.bias)
    setD(c, c.r1, f, b)
  }
}
export const iedtr = insertExp(D64)
export const iextr = insertExp(D128)

// ---- shifts -------------------------------------------------------------------------------------------------------

/** SHIFT SIGNIFICAND LEFT/RIGHT (RXF): op1 := op3 with its coefficient shifted by bits 58-63 of the second-operand
 * address (digits shifted out are lost; exponent and sign unchanged; infinity and NaN shift their continuation digits
 * and keep their kind); CC unchanged. */
function shift(f: DFmt, left: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1, c.r3)
    const n = c.ea2() & 63
    const v = val(c, c.r3, f)
    const sh = (k: bigint, p: number): bigint => (left ? (k * D.pow10(n)) % D.pow10(p) : k / D.pow10(n))
    let r: bigint
    if (v.k === K_FIN) r = D.encodeFin(f, v.s, sh(v.c, f.p), v.q)
    else if (v.k === K_INF) r = D.encodeInf(f, v.s, sh(v.c, f.p - 1))
    else r = D.encodeNaN(f, v.s, v.k === K_SNAN, sh(v.c, f.p - 1))
    setD(c, c.r1, f, r)
  }
}
export const sldt = shift(D64, true)
export const srdt = shift(D64, false)
export const slxt = shift(D128, true)
export const srxt = shift(D128, false)

// ---- test data class / group ----------------------------------------------------------------------------------------

/** TEST DATA CLASS / GROUP (RXE): CC 1 when the operand's class/group bit (52-63 of the second-operand address;
 * sign bit the odd one) is one. Classes: zero, subnormal, normal, infinity, QNaN, SNaN. Groups: zero with
 * non-extreme exponent, zero with extreme exponent, nonzero with extreme exponent, safe with leftmost digit zero,
 * safe with it nonzero, special. */
function testData(f: DFmt, group: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1)
    const sel = c.ea2() & 0xfff
    const v = val(c, c.r1, f)
    let bit: number
    if (group) {
      const extreme = v.k === K_FIN && (v.q === f.qmin || v.q === f.qmax)
      if (v.k !== K_FIN) bit = 62
      else if (v.c === 0n) bit = extreme ? 54 : 52
      else if (extreme) bit = 56
      else bit = v.c / D.pow10(f.p - 1) === 0n ? 58 : 60
    } else if (v.k === K_INF) bit = 58
    else if (v.k === K_QNAN) bit = 60
    else if (v.k === K_SNAN) bit = 62
    else if (v.c === 0n) bit = 52
    else bit = v.q + D.digits(v.c) - 1 < f.qmin + f.p - 1 ? 54 : 56
    if (v.s) bit++
    c.cc = (sel >>> (63 - bit)) & 1
  }
}
export const tdcet = testData(D32, false)
export const tdcdt = testData(D64, false)
export const tdcxt = testData(D128, false)
export const tdget = testData(D32, true)
export const tdgdt = testData(D64, true)
export const tdgxt = testData(D128, true)

// ---- conversions with fixed point ---------------------------------------------------------------------------------

/** CONVERT FROM FIXED (RRF-e; M3 = 0 is the facility-42 RRE form): signed/unsigned 32/64-bit GR r2, rounded per M3
 * (only a 64-bit value into the long format can be inexact); CC unchanged. */
function fromFixed(f: DFmt, bits: 32 | 64, logical: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r1)
    let x: bigint
    if (bits === 64) x = logical ? c.r64(c.r2) : c.r64s(c.r2)
    else x = logical ? u32(c.rl[c.r2]!) : BigInt(c.rl[c.r2]!)
    const s = x < 0n
    deliver(c, c.r1, f, D.finish(f, s, s ? -x : x, 0, false, modeOf(c, c.m3)), false, (c.m4 & 4) !== 0)
  }
}
export const cdgtr = fromFixed(D64, 64, false)
export const cxgtr = fromFixed(D128, 64, false)
export const cdftr = fromFixed(D64, 32, false)
export const cxftr = fromFixed(D128, 32, false)
export const cdlgtr = fromFixed(D64, 64, true)
export const cxlgtr = fromFixed(D128, 64, true)
export const cdlftr = fromFixed(D64, 32, true)
export const cxlftr = fromFixed(D128, 32, true)

/** CONVERT TO FIXED / TO LOGICAL (RRF-e): rounded per M3 to an integer; NaN, infinity or out of range is invalid
 * (masked: CC 3 and the most negative/positive signed value, or 0/the maximum unsigned value; NaN gives the most
 * negative or 0) and inexact; otherwise CC from the source's sign; M4 bit 1 (4) suppresses inexact. */
function toFixed(f: DFmt, bits: 32 | 64, logical: boolean): Exec {
  return (c) => {
    need(c)
    if (f === D128) pair(c.r2)
    const v = val(c, c.r2, f)
    const lo = logical ? 0n : -(1n << BigInt(bits - 1))
    const hi = logical ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n
    let res: bigint
    let fl = 0
    let cc: number
    let r: { c: bigint; inx: boolean; inc: boolean } | null = null
    let iv = 0n
    if (v.k === K_FIN) {
      r = v.q >= 0 ? { c: v.c * D.pow10(v.q), inx: false, inc: false } : D.roundDrop(v.c, -v.q, false, modeOf(c, c.m3), v.s)
      iv = v.s ? -r.c : r.c
    }
    if (r === null || iv < lo || iv > hi) {
      const isNaN = v.k === K_QNAN || v.k === K_SNAN
      fl = isNaN ? INV : INV | INX
      const positive = !isNaN && !v.s
      res = positive ? hi : lo
      cc = 3
    } else {
      res = iv
      if (r.inx) fl = INX | (r.inc ? INC : 0)
      cc = v.c === 0n ? 0 : v.s ? 1 : 2
    }
    if ((c.m4 & 4) !== 0) fl &= ~(INX | INC)
    checkSuppress(c, fl)
    if (bits === 32) c.rl[c.r1] = Number(BigInt.asUintN(32, res)) | 0
    else c.setR64(c.r1, BigInt.asUintN(64, res))
    c.cc = cc
    complete(c, fl)
  }
}
export const cgdtr = toFixed(D64, 64, false)
export const cgxtr = toFixed(D128, 64, false)
export const cfdtr = toFixed(D64, 32, false)
export const cfxtr = toFixed(D128, 32, false)
export const clgdtr = toFixed(D64, 64, true)
export const clgxtr = toFixed(D128, 64, true)
export const clfdtr = toFixed(D64, 32, true)
export const clfxtr = toFixed(D128, 32, true)

// ---- conversions with BCD (unsigned) and signed packed decimal -----------------------------------------------------

/** Data exception for an invalid decimal digit or sign (DXC 0). */
function decimalData(c: Cpu): never {
  c.fpc = (c.fpc & ~0xff00) >>> 0
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0)
  return pgm(PGM_DATA)
}
/** Value of `n` BCD digits in the low bits of x; a digit above 9 is a data exception. */
function fromBcd(c: Cpu, x: bigint, n: number): bigint {
  let v = 0n
  for (let i = n - 1; i >= 0; i--) {
    const d = (x >> BigInt(4 * i)) & 15n
    if (d > 9n) decimalData(c)
    v = v * 10n + d
  }
  return v
}
function toBcd(v: bigint, n: number): bigint {
  let x = 0n
  for (let i = 0; i < n; i++) {
    x |= (v % 10n) << BigInt(4 * i)
    v /= 10n
  }
  return x
}
/** 64 bits (one GR) or 128 bits (an even-odd GR pair). */
const grBits = (c: Cpu, r: number, wide: boolean): bigint => (wide ? (c.r64(r) << 64n) | c.r64(r + 1) : c.r64(r))
function setGrBits(c: Cpu, r: number, wide: boolean, x: bigint): void {
  if (wide) {
    c.setR64(r, x >> 64n)
    c.setR64(r + 1, x & 0xffffffffffffffffn)
  } else c.setR64(r, x)
}

/** CONVERT FROM UNSIGNED PACKED (RRE): 16/32 BCD digits in GR r2 (pair) → exponent 0; CC unchanged. */
function fromUnsigned(f: DFmt): Exec {
  return (c) => {
    need(c)
    const wide = f === D128
    if (wide) {
      pair(c.r1)
      evenGr(c.r2)
    }
    const v = fromBcd(c, grBits(c, c.r2, wide), wide ? 32 : 16)
    setD(c, c.r1, f, D.encodeFin(f, false, v, 0))
  }
}
export const cdutr = fromUnsigned(D64)
export const cxutr = fromUnsigned(D128)

/** CONVERT FROM SIGNED PACKED (RRE): 15/31 digits and a sign (A, C, E, F plus; B, D minus) → exponent 0. */
function fromSigned(f: DFmt): Exec {
  return (c) => {
    need(c)
    const wide = f === D128
    if (wide) {
      pair(c.r1)
      evenGr(c.r2)
    }
    const x = grBits(c, c.r2, wide)
    const sign = Number(x & 15n)
    if (sign < 10) decimalData(c)
    const v = fromBcd(c, x >> 4n, wide ? 31 : 15)
    setD(c, c.r1, f, D.encodeFin(f, sign === 0xb || sign === 0xd, v, 0))
  }
}
export const cdstr = fromSigned(D64)
export const cxstr = fromSigned(D128)

/** CONVERT TO UNSIGNED PACKED (RRE, GR r1 (pair) ← FPR r2): the rightmost 16/32 coefficient digits (infinity and
 * NaN: the continuation digits); CC unchanged. */
function toUnsigned(f: DFmt): Exec {
  return (c) => {
    need(c)
    const wide = f === D128
    if (wide) {
      pair(c.r2)
      evenGr(c.r1)
    }
    const v = val(c, c.r2, f)
    setGrBits(c, c.r1, wide, toBcd(v.c, wide ? 32 : 16))
  }
}
export const cudtr = toUnsigned(D64)
export const cuxtr = toUnsigned(D128)

/** CONVERT TO SIGNED PACKED (RRF-d): the rightmost 15/31 digits and a sign (plus C, or F when M4 bit 3 (1) is set;
 * minus D); CC unchanged. */
function toSigned(f: DFmt): Exec {
  return (c) => {
    need(c)
    const wide = f === D128
    if (wide) {
      pair(c.r2)
      evenGr(c.r1)
    }
    const v = val(c, c.r2, f)
    const sign = v.s ? 0xdn : c.m4 & 1 ? 0xfn : 0xcn
    setGrBits(c, c.r1, wide, (toBcd(v.c, wide ? 31 : 15) << 4n) | sign)
  }
}
export const csdtr = toSigned(D64)
export const csxtr = toSigned(D128)
