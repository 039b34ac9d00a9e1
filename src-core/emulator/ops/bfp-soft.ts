// Exact binary floating point on BigInt (IEEE 754 as POP ch. 19 uses it) for the short, long and extended BFP
// formats: unpack/pack, one rounding routine for every BFP rounding method (tininess detected before rounding, as
// z/Architecture does), exact add/multiply/fused multiply-add and correctly rounded divide/square root, NaN
// propagation and the exception conditions (invalid, divide-by-zero, overflow, underflow, inexact).

/** A BFP format: exponent bits, fraction bits, bias, scale factor α of trapped overflow/underflow, width. */
export interface Fmt {
  eb: number
  fb: number
  bias: number
  alpha: number
  width: number
}
/** Short (32-bit) BFP. */
export const SHORT: Fmt = { eb: 8, fb: 23, bias: 127, alpha: 192, width: 32 }
/** Long (64-bit) BFP. */
export const LONG: Fmt = { eb: 11, fb: 52, bias: 1023, alpha: 1536, width: 64 }
/** Extended (128-bit) BFP. */
export const EXT: Fmt = { eb: 15, fb: 112, bias: 16383, alpha: 24576, width: 128 }

/** Exception conditions, in the bit positions of the FPC flag byte / DXC; INC = magnitude incremented; TINY. */
export const INV = 0x80
export const DBZ = 0x40
export const OVF = 0x20
export const UNF = 0x10
export const INX = 0x08
export const INC = 0x04
export const TINY = 0x100

/** Value classes. */
export const K_ZERO = 0
export const K_FIN = 1
export const K_INF = 2
export const K_QNAN = 3
export const K_SNAN = 4

/** An unpacked operand: finite values are (-1)^s · m · 2^e with m > 0. */
export interface Val {
  k: number
  s: boolean
  m: bigint
  e: number
  /** The operand's bit pattern. */
  b: bigint
  /** Subnormal (finite with a zero exponent field). */
  sub: boolean
}

/** Rounding methods, numbered as the M3 modifier: 1 nearest ties away, 3 prepare for shorter precision, 4 nearest
 * ties to even, 5 toward 0, 6 toward +∞, 7 toward −∞. */
export type Mode = 1 | 3 | 4 | 5 | 6 | 7

const big = (n: number): bigint => BigInt(n)
/** Number of significant bits of m > 0. */
export function bitlen(m: bigint): number {
  return m.toString(2).length
}

/** Splits a bit pattern into class, sign, significand and exponent. */
export function unpack(b: bigint, f: Fmt): Val {
  const fmask = (1n << big(f.fb)) - 1n
  const emax = (1 << f.eb) - 1
  const exp = Number((b >> big(f.fb)) & big(emax))
  const frac = b & fmask
  const s = ((b >> big(f.width - 1)) & 1n) === 1n
  if (exp === emax) {
    if (frac === 0n) return { k: K_INF, s, m: 0n, e: 0, b, sub: false }
    return { k: (frac >> big(f.fb - 1)) & 1n ? K_QNAN : K_SNAN, s, m: 0n, e: 0, b, sub: false }
  }
  if (exp === 0) {
    if (frac === 0n) return { k: K_ZERO, s, m: 0n, e: 0, b, sub: false }
    return { k: K_FIN, s, m: frac, e: 1 - f.bias - f.fb, b, sub: true }
  }
  return { k: K_FIN, s, m: frac | (1n << big(f.fb)), e: exp - f.bias - f.fb, b, sub: false }
}

const signBit = (f: Fmt, s: boolean): bigint => (s ? 1n << big(f.width - 1) : 0n)
/** ±0 in format f. */
export const zero = (f: Fmt, s: boolean): bigint => signBit(f, s)
/** ±∞ in format f. */
export const inf = (f: Fmt, s: boolean): bigint => signBit(f, s) | (big((1 << f.eb) - 1) << big(f.fb))
/** Largest finite magnitude with sign s. */
export const maxFin = (f: Fmt, s: boolean): bigint => signBit(f, s) | ((big((1 << f.eb) - 2) << big(f.fb)) | ((1n << big(f.fb)) - 1n))
/** The default QNaN (positive, only the quiet bit set). */
export const defaultNan = (f: Fmt): bigint => inf(f, false) | (1n << big(f.fb - 1))
/** Quiets a NaN pattern. */
export const quiet = (f: Fmt, b: bigint): bigint => b | (1n << big(f.fb - 1))
const isNan = (v: Val): boolean => v.k === K_QNAN || v.k === K_SNAN

/** Result of an operation: a bit pattern with its conditions. */
export interface Res {
  bits: bigint
  fl: number
}

/** NaN result of an operation on operands in precedence order, or null when no operand is a NaN. */
export function nanOf(f: Fmt, ...ops: Val[]): Res | null {
  for (const v of ops) if (v.k === K_SNAN) return { bits: quiet(f, v.b), fl: INV }
  for (const v of ops) if (v.k === K_QNAN) return { bits: v.b, fl: 0 }
  return null
}

/** Rounds (-1)^s · (m + sticky·ε) · 2^e (m > 0; sticky = nonzero bits below m) to format f. With `scaled`, an
 * out-of-range result is delivered with its exponent adjusted by α (trapped overflow/underflow) instead. */
export function round(s: boolean, m: bigint, e: number, sticky: boolean, f: Fmt, mode: Mode, scaled = false): Res {
  const emin = 1 - f.bias
  const n = bitlen(m)
  const E = n - 1 + e
  const tiny = E < emin
  let q = tiny && !scaled ? emin - f.fb : E - f.fb
  const shift = q - e
  let keep: bigint
  let cmp: number // remainder against half an ulp: -1 below, 0 equal, 1 above
  let inexact: boolean
  if (shift > 0) {
    const sh = big(shift)
    keep = m >> sh
    const rem = m & ((1n << sh) - 1n)
    const half = 1n << (sh - 1n)
    cmp = rem > half ? 1 : rem < half ? -1 : sticky ? 1 : 0
    inexact = rem !== 0n || sticky
  } else {
    keep = m << big(-shift)
    cmp = -1
    inexact = sticky
  }
  let inc = false
  if (inexact) {
    if (mode === 4) inc = cmp > 0 || (cmp === 0 && (keep & 1n) === 1n)
    else if (mode === 1) inc = cmp >= 0
    else if (mode === 6) inc = !s
    else if (mode === 7) inc = s
    else if (mode === 3) keep |= 1n
  }
  if (inc) {
    keep += 1n
    if (keep === 1n << big(f.fb + 1)) {
      keep >>= 1n
      q += 1
    }
  }
  let fl = (inexact ? INX : 0) | (inc ? INC : 0) | (tiny ? TINY : 0)
  if (tiny && inexact && !scaled) fl |= UNF
  if (keep === 0n) return { bits: zero(f, s), fl }
  const top = bitlen(keep) - 1 + q
  let expField: number
  if (bitlen(keep) === f.fb + 1) expField = top + f.bias
  else expField = 0 // subnormal
  if (scaled) {
    if (top > f.bias) expField -= f.alpha
    else if (tiny) expField += f.alpha
  } else if (top > f.bias) {
    fl |= OVF | INX
    const toInf = mode === 4 || mode === 1 || (mode === 6 && !s) || (mode === 7 && s)
    return { bits: toInf ? inf(f, s) : maxFin(f, s), fl: toInf ? fl | INC : fl }
  }
  const frac = keep & ((1n << big(f.fb)) - 1n)
  return { bits: signBit(f, s) | (big(expField) << big(f.fb)) | frac, fl }
}

/** An exact intermediate result (-1)^s · (m + sticky·ε) · 2^e, m > 0, still to be rounded. */
export interface Exact {
  s: boolean
  m: bigint
  e: number
  st: boolean
}
/** An operation's outcome: final (special values, exact zeros) or exact and still to be rounded. */
export type Out = Res | Exact
/** True when the outcome still needs rounding. */
export const isExact = (o: Out): o is Exact => 'm' in o

/** Exact sum a + b of finite-or-zero values; a zero sum is +0 except toward −∞. */
function sumExact(as: boolean, am: bigint, ae: number, bs: boolean, bm: bigint, be: number, f: Fmt, mode: Mode): Out {
  if (am === 0n && bm === 0n) return { bits: zero(f, as === bs ? as : mode === 7), fl: 0 }
  const e = Math.min(am === 0n ? be : ae, bm === 0n ? ae : be)
  const x = (as ? -am : am) << big(am === 0n ? 0 : ae - e)
  const y = (bs ? -bm : bm) << big(bm === 0n ? 0 : be - e)
  const t = x + y
  if (t === 0n) return { bits: zero(f, mode === 7), fl: 0 }
  return { s: t < 0n, m: t < 0n ? -t : t, e, st: false }
}

/** a + b (b's sign flipped first for subtraction). */
export function add(a: Val, b: Val, f: Fmt, mode: Mode): Out {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  if (a.k === K_INF || b.k === K_INF) {
    if (a.k === K_INF && b.k === K_INF && a.s !== b.s) return { bits: defaultNan(f), fl: INV }
    return { bits: inf(f, a.k === K_INF ? a.s : b.s), fl: 0 }
  }
  return sumExact(a.s, a.m, a.e, b.s, b.m, b.e, f, mode)
}

/** Flips the sign of a value (subtrahend), keeping its class. */
export function neg(v: Val, f: Fmt): Val {
  return { ...v, s: !v.s, b: v.b ^ (1n << big(f.width - 1)) }
}

/** a · b. */
export function mul(a: Val, b: Val, f: Fmt): Out {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  const s = a.s !== b.s
  if (a.k === K_INF || b.k === K_INF) {
    if (a.k === K_ZERO || b.k === K_ZERO) return { bits: defaultNan(f), fl: INV }
    return { bits: inf(f, s), fl: 0 }
  }
  if (a.k === K_ZERO || b.k === K_ZERO) return { bits: zero(f, s), fl: 0 }
  return { s, m: a.m * b.m, e: a.e + b.e, st: false }
}

/** a / b. */
export function div(a: Val, b: Val, f: Fmt): Out {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  const s = a.s !== b.s
  if (a.k === K_INF) return b.k === K_INF ? { bits: defaultNan(f), fl: INV } : { bits: inf(f, s), fl: 0 }
  if (b.k === K_INF) return { bits: zero(f, s), fl: 0 }
  if (b.k === K_ZERO) return a.k === K_ZERO ? { bits: defaultNan(f), fl: INV } : { bits: inf(f, s), fl: DBZ }
  if (a.k === K_ZERO) return { bits: zero(f, s), fl: 0 }
  const k = Math.max(0, f.fb + 4 + bitlen(b.m) - bitlen(a.m))
  const num = a.m << big(k)
  const q = num / b.m
  return { s, m: q, e: a.e - b.e - k, st: q * b.m !== num }
}

/** Integer square root (floor). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n
  let x = 1n << big(Math.ceil(bitlen(n) / 2))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) return x
    x = y
  }
}

/** √a. */
export function sqrt(a: Val, f: Fmt): Out {
  const nan = nanOf(f, a)
  if (nan) return nan
  if (a.k === K_ZERO) return { bits: a.b, fl: 0 }
  if (a.s) return { bits: defaultNan(f), fl: INV }
  if (a.k === K_INF) return { bits: a.b, fl: 0 }
  let k = Math.max(0, 2 * (f.fb + 4) - bitlen(a.m))
  if ((a.e - k) % 2 !== 0) k += 1
  const n = a.m << big(k)
  const r = isqrt(n)
  return { s: false, m: r, e: (a.e - k) / 2, st: r * r !== n }
}

/** a · b + c with one rounding (MULTIPLY AND ADD; negate c for MULTIPLY AND SUBTRACT). NaN precedence: a, b, c. */
export function fma(a: Val, b: Val, c: Val, f: Fmt, mode: Mode): Out {
  const nan = nanOf(f, a, b, c)
  if (nan) return nan
  const ps = a.s !== b.s
  const pInf = a.k === K_INF || b.k === K_INF
  if (pInf && (a.k === K_ZERO || b.k === K_ZERO)) return { bits: defaultNan(f), fl: INV }
  if (pInf) {
    if (c.k === K_INF && c.s !== ps) return { bits: defaultNan(f), fl: INV }
    return { bits: inf(f, ps), fl: 0 }
  }
  if (c.k === K_INF) return { bits: c.b, fl: 0 }
  const pm = a.k === K_ZERO || b.k === K_ZERO ? 0n : a.m * b.m
  return sumExact(ps, pm, a.e + b.e, c.s, c.m, c.e, f, mode)
}

/** Signed comparison: 0 equal, 1 a low, 2 a high, 3 unordered. */
export function compare(a: Val, b: Val): number {
  if (isNan(a) || isNan(b)) return 3
  const key = (v: Val): [number, bigint, number] => [v.k === K_ZERO ? 0 : v.s ? -1 : 1, v.m, v.e]
  const [sa] = key(a)
  const [sb] = key(b)
  if (sa !== sb) return sa < sb ? 1 : 2
  if (sa === 0) return 0
  let mag: number // |a| vs |b|
  if (a.k === K_INF || b.k === K_INF) mag = a.k === b.k ? 0 : a.k === K_INF ? 1 : -1
  else {
    const e = Math.min(a.e, b.e)
    const x = a.m << big(a.e - e)
    const y = b.m << big(b.e - e)
    mag = x === y ? 0 : x > y ? 1 : -1
  }
  if (mag === 0) return 0
  return (mag > 0) !== (sa < 0) ? 2 : 1
}

/** Converts a value to another format (lengthening is exact, shortening rounds); NaN payloads keep their leading
 * fraction bits. */
export function convert(a: Val, from: Fmt, to: Fmt): Out {
  if (isNan(a)) {
    const frac = a.b & ((1n << big(from.fb)) - 1n)
    const moved = to.fb >= from.fb ? frac << big(to.fb - from.fb) : frac >> big(from.fb - to.fb)
    const bits = inf(to, a.s) | moved | (1n << big(to.fb - 1))
    return { bits, fl: a.k === K_SNAN ? INV : 0 }
  }
  if (a.k === K_INF) return { bits: inf(to, a.s), fl: 0 }
  if (a.k === K_ZERO) return { bits: zero(to, a.s), fl: 0 }
  return { s: a.s, m: a.m, e: a.e, st: false }
}

/** Rounds a finite value to an integer in the given method: the integer (as a BigInt, with its sign) and whether it
 * was inexact and incremented in magnitude. */
export function toInteger(a: Val, mode: Mode): { v: bigint; inexact: boolean; inc: boolean } {
  if (a.k === K_ZERO) return { v: 0n, inexact: false, inc: false }
  if (a.e >= 0) {
    const m = a.m << big(a.e)
    return { v: a.s ? -m : m, inexact: false, inc: false }
  }
  const sh = big(-a.e)
  let keep = a.m >> sh
  const rem = a.m & ((1n << sh) - 1n)
  const half = 1n << (sh - 1n)
  const cmp = rem > half ? 1 : rem < half ? -1 : 0
  const inexact = rem !== 0n
  let inc = false
  if (inexact) {
    if (mode === 4) inc = cmp > 0 || (cmp === 0 && (keep & 1n) === 1n)
    else if (mode === 1) inc = cmp >= 0
    else if (mode === 6) inc = !a.s
    else if (mode === 7) inc = a.s
    else if (mode === 3) keep |= 1n
  }
  if (inc) keep += 1n
  return { v: a.s ? -keep : keep, inexact, inc }
}

/** Exact value of a signed integer, ready to be rounded into a format (null for zero). */
export function fromInteger(v: bigint): Exact | null {
  if (v === 0n) return null
  return { s: v < 0n, m: v < 0n ? -v : v, e: 0, st: false }
}

/** TEST DATA CLASS bit (0 = bit 52 of the second-operand address … 11 = bit 63) selecting a value's class. */
export function dataClassBit(a: Val): number {
  const base =
    a.k === K_ZERO ? 0 : a.k === K_FIN ? (a.sub ? 4 : 2) : a.k === K_INF ? 6 : a.k === K_QNAN ? 8 : 10
  return base + (a.s ? 1 : 0)
}
