// Decimal floating point (POP ch. 20, IEEE 754-2008 decimal): the short/long/extended interchange formats with the
// densely-packed-decimal (DPD) coefficient encoding, decoding to (sign, coefficient, exponent) triples, and the one
// rounding step every result goes through (precision, quantum, subnormal range, clamping, overflow). BigInt
// coefficients: these are not hot paths. Exception conditions use the BFP bit positions (bfp-soft.ts).
import { DBZ, INC, INV, INX, OVF, UNF } from './bfp-soft.ts'

export { DBZ, INC, INV, INX, OVF, UNF }

/** A DFP format: digits of precision, exponent-continuation bits, bias, width, scale factor α of trapped
 * overflow/underflow (three quarters of the 3·2^ec exponent values, as BFP's 192/1536/24576 are of 2^eb: 144, 576,
 * 9216). */
export interface DFmt {
  readonly p: number
  readonly ec: number
  readonly bias: number
  readonly width: number
  readonly alpha: number
  /** Smallest and largest exponent (of the coefficient's units digit). */
  readonly qmin: number
  readonly qmax: number
}
const mk = (p: number, ec: number, bias: number, width: number): DFmt => ({
  p, ec, bias, width, alpha: 9 << (ec - 2), qmin: -bias, qmax: 3 * (1 << ec) - 1 - bias,
})
export const D32 = mk(7, 6, 101, 32)
export const D64 = mk(16, 8, 398, 64)
export const D128 = mk(34, 12, 6176, 128)

export const K_FIN = 0
export const K_INF = 1
export const K_QNAN = 2
export const K_SNAN = 3

/** A decoded DFP datum: kind, sign, coefficient (NaN: payload; infinity: the continuation digits), exponent. */
export interface DVal {
  k: number
  s: boolean
  c: bigint
  q: number
}

// ---- DPD ----------------------------------------------------------------------------------------------------------

/** Declet (10 bits) → value 0-999, for all 1024 declets (the 24 non-canonical ones included). */
const DECLET = new Uint16Array(1024)
/** Value 0-999 → canonical declet. */
const ENCODE = new Uint16Array(1000).fill(0xffff)
for (let d = 0; d < 1024; d++) {
  const b = (i: number): number => (d >> i) & 1
  const p = b(9), q = b(8), r = b(7), s = b(6), t = b(5), u = b(4), v = b(3), w = b(2), x = b(1), y = b(0)
  let d2: number, d1: number, d0: number
  const small = (a: number, bb: number, c: number): number => a * 4 + bb * 2 + c
  if (v === 0) [d2, d1, d0] = [small(p, q, r), small(s, t, u), small(w, x, y)]
  else if (w === 0 && x === 0) [d2, d1, d0] = [small(p, q, r), small(s, t, u), 8 + y]
  else if (w === 0 && x === 1) [d2, d1, d0] = [small(p, q, r), 8 + u, small(s, t, y)]
  else if (w === 1 && x === 0) [d2, d1, d0] = [8 + r, small(s, t, u), small(p, q, y)]
  else if (s === 0 && t === 0) [d2, d1, d0] = [8 + r, 8 + u, small(p, q, y)]
  else if (s === 0 && t === 1) [d2, d1, d0] = [8 + r, small(p, q, u), 8 + y]
  else if (s === 1 && t === 0) [d2, d1, d0] = [small(p, q, r), 8 + u, 8 + y]
  else [d2, d1, d0] = [8 + r, 8 + u, 8 + y]
  const val = d2 * 100 + d1 * 10 + d0
  DECLET[d] = val
  if (ENCODE[val] === 0xffff) ENCODE[val] = d // ascending: the canonical (pq = 00) form comes first
}

/** Value of `n` declets in the low bits of `b`. */
export function declets(b: bigint, n: number): bigint {
  let c = 0n
  for (let i = n - 1; i >= 0; i--) c = c * 1000n + BigInt(DECLET[Number((b >> BigInt(10 * i)) & 1023n)]!)
  return c
}
/** `n` declets encoding c mod 10^(3n). */
export function toDeclets(c: bigint, n: number): bigint {
  let b = 0n
  for (let i = 0; i < n; i++) {
    b |= BigInt(ENCODE[Number(c % 1000n)]!) << BigInt(10 * i)
    c /= 1000n
  }
  return b
}

const ccBits = (f: DFmt): number => f.width - 6 - f.ec
const nDeclets = (f: DFmt): number => ccBits(f) / 10
const mask = (n: number): bigint => (1n << BigInt(n)) - 1n
export const pow10 = (n: number): bigint => 10n ** BigInt(n)
export const digits = (c: bigint): number => (c === 0n ? 0 : c.toString().length)

/** Decodes a bit pattern. */
export function decode(b: bigint, f: DFmt): DVal {
  const s = (b >> BigInt(f.width - 1)) & 1n ? true : false
  const comb = Number((b >> BigInt(f.width - 6)) & 31n)
  const ecv = Number((b >> BigInt(ccBits(f))) & mask(f.ec))
  const cont = declets(b & mask(ccBits(f)), nDeclets(f))
  if (comb === 30) return { k: K_INF, s, c: cont, q: 0 }
  if (comb === 31) return { k: (ecv >> (f.ec - 1)) & 1 ? K_SNAN : K_QNAN, s, c: cont, q: 0 }
  let hi: number, lead: number
  if (comb >> 3 !== 3) [hi, lead] = [comb >> 3, comb & 7]
  else [hi, lead] = [(comb >> 1) & 3, 8 + (comb & 1)]
  const q = ((hi << f.ec) | ecv) - f.bias
  return { k: K_FIN, s, c: BigInt(lead) * pow10(3 * nDeclets(f)) + cont, q }
}

const signOf = (f: DFmt, s: boolean): bigint => (s ? 1n << BigInt(f.width - 1) : 0n)
/** Encodes a finite number (c < 10^p, q in range). */
export function encodeFin(f: DFmt, s: boolean, c: bigint, q: number): bigint {
  const be = q + f.bias
  const lead = Number(c / pow10(3 * nDeclets(f)))
  const hi = be >> f.ec
  const comb = lead < 8 ? (hi << 3) | lead : 0b11000 | (hi << 1) | (lead & 1)
  return signOf(f, s) | (BigInt(comb) << BigInt(f.width - 6)) | (BigInt(be & ((1 << f.ec) - 1)) << BigInt(ccBits(f))) | toDeclets(c, nDeclets(f))
}
/** Infinity; `payload` digits kept in the coefficient continuation (LDETR/IEDTR propagate them). */
export const encodeInf = (f: DFmt, s: boolean, payload = 0n): bigint => signOf(f, s) | (30n << BigInt(f.width - 6)) | toDeclets(payload, nDeclets(f))
/** NaN with the payload digits that fit the continuation field (the leading digit is always zero). */
export function encodeNaN(f: DFmt, s: boolean, snan: boolean, payload = 0n): bigint {
  return signOf(f, s) | (31n << BigInt(f.width - 6)) | (snan ? 1n << BigInt(f.width - 7) : 0n) | toDeclets(payload, nDeclets(f))
}
export const defaultNaN = (f: DFmt): bigint => encodeNaN(f, false, false)
/** The value re-encoded (canonical) in format f; NaN payloads keep their low-order digits. */
export function encode(f: DFmt, v: DVal): bigint {
  if (v.k === K_INF) return encodeInf(f, v.s)
  if (v.k !== K_FIN) return encodeNaN(f, v.s, v.k === K_SNAN, v.c % pow10(3 * nDeclets(f)))
  return encodeFin(f, v.s, v.c, v.q)
}

// ---- rounding -----------------------------------------------------------------------------------------------------

/** DFP rounding modes (FPC DRM field values): 0 nearest-even, 1 toward 0, 2 toward +∞, 3 toward −∞, 4 nearest
 * ties away from 0, 5 nearest ties toward 0, 6 away from 0, 7 prepare for shorter precision. */
export type DMode = number

/** Increment decision after truncating to `hi` with remainder class cls (0 exact, 1 < half, 2 = half, 3 > half). */
export function roundsUp(mode: DMode, cls: number, s: boolean, hi: bigint): boolean {
  if (cls === 0) return false
  switch (mode) {
    case 0: return cls === 3 || (cls === 2 && (hi & 1n) === 1n)
    case 1: return false
    case 2: return !s
    case 3: return s
    case 4: return cls >= 2
    case 5: return cls === 3
    case 6: return true
    default: {
      const d = hi % 10n
      return d === 0n || d === 5n
    }
  }
}
/** c without its low n digits and the class of what was dropped (sticky: nonzero digits beyond c). */
export function drop(c: bigint, n: number, sticky: boolean): { hi: bigint; cls: number } {
  if (n <= 0) return { hi: c, cls: sticky ? 1 : 0 }
  const pw = pow10(n)
  const hi = c / pw
  const lo = c % pw
  const half = pw / 2n
  const cls = lo === 0n ? (sticky ? 1 : 0) : lo < half ? 1 : lo === half ? (sticky ? 3 : 2) : 3
  return { hi, cls }
}
/** Rounds c (up to the mode) after dropping n digits: the kept coefficient, whether inexact and incremented. */
export function roundDrop(c: bigint, n: number, sticky: boolean, mode: DMode, s: boolean): { c: bigint; inx: boolean; inc: boolean } {
  const { hi, cls } = drop(c, n, sticky)
  const inc = roundsUp(mode, cls, s, hi)
  return { c: inc ? hi + 1n : hi, inx: cls !== 0, inc }
}

/** A rounded result: bit pattern and the conditions (INV, DBZ, OVF, UNF, INX, INC bits). */
export interface DRes {
  bits: bigint
  fl: number
}

/**
 * Delivers the exact value (-1)^s · (c + sticky·ε) · 10^q in format f: rounded to p digits (ideal exponent q when it
 * fits), to the subnormal quantum qmin, clamped into qmax when padding with zeros fits, and overflowed per the mode.
 * With the overflow/underflow trap enabled (`trapOvf`/`trapUnf`) the result is not bounded but scaled by 10^∓α.
 * Tininess is detected before rounding (IEEE 754-2008 decimal).
 */
export function finish(f: DFmt, s: boolean, c: bigint, q: number, sticky: boolean, mode: DMode, trapOvf = false, trapUnf = false): DRes {
  if (c === 0n && !sticky) return { bits: encodeFin(f, s, 0n, Math.min(Math.max(q, f.qmin), f.qmax)), fl: 0 }
  const nd = digits(c)
  const tiny = q + nd - 1 < f.qmin + f.p - 1
  let n = nd - f.p
  if (!(tiny && trapUnf)) n = Math.max(n, f.qmin - q)
  let fl = 0
  if (n > 0 || sticky) {
    const r = roundDrop(c, n, sticky, mode, s)
    c = r.c
    q += Math.max(n, 0)
    if (digits(c) > f.p) {
      c /= 10n
      q++
    }
    if (r.inx) fl |= INX | (r.inc ? INC : 0)
  }
  if (tiny && (trapUnf || fl & INX)) fl |= UNF
  if (tiny && trapUnf) q += f.alpha
  if (q > f.qmax) {
    if (c === 0n) q = f.qmax
    else if (digits(c) + (q - f.qmax) <= f.p) {
      c *= pow10(q - f.qmax)
      q = f.qmax
    } else if (trapOvf) {
      fl |= OVF
      q -= f.alpha
    } else {
      const toInf = mode === 0 || mode === 4 || mode === 5 || mode === 6 || (mode === 2 && !s) || (mode === 3 && s)
      fl = OVF | INX | (toInf ? INC : 0)
      return { bits: toInf ? encodeInf(f, s) : encodeFin(f, s, pow10(f.p) - 1n, f.qmax), fl }
    }
  }
  return { bits: encodeFin(f, s, c, q), fl }
}

/** The NaN result of an operation with NaN operands (first SNaN, else first QNaN, in operand order), quieted;
 * invalid when a SNaN was involved. Null when no operand is a NaN. */
export function nanOf(f: DFmt, ...ops: DVal[]): DRes | null {
  const sn = ops.find((v) => v.k === K_SNAN)
  if (sn) return { bits: encodeNaN(f, sn.s, false, sn.c), fl: INV }
  const qn = ops.find((v) => v.k === K_QNAN)
  if (qn) return { bits: encodeNaN(f, qn.s, false, qn.c), fl: 0 }
  return null
}
export const invalid = (f: DFmt): DRes => ({ bits: defaultNaN(f), fl: INV })

/** Aligns two finite values to the smaller exponent. */
function align(a: DVal, b: DVal): [bigint, bigint, number] {
  const q = Math.min(a.q, b.q)
  return [a.c * pow10(a.q - q), b.c * pow10(b.q - q), q]
}

/** a + b (negate b first for subtraction). */
export function add(f: DFmt, a: DVal, b: DVal, mode: DMode, tO: boolean, tU: boolean): DRes {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  if (a.k === K_INF || b.k === K_INF) {
    if (a.k === K_INF && b.k === K_INF && a.s !== b.s) return invalid(f)
    return { bits: encodeInf(f, a.k === K_INF ? a.s : b.s), fl: 0 }
  }
  const [ca, cb, q] = align(a, b)
  const sa = a.s ? -ca : ca
  const sb = b.s ? -cb : cb
  const sum = sa + sb
  if (sum === 0n) {
    const s = a.s === b.s && ca === 0n && cb === 0n ? a.s : mode === 3
    return finish(f, s, 0n, q, false, mode, tO, tU)
  }
  return finish(f, sum < 0n, sum < 0n ? -sum : sum, q, false, mode, tO, tU)
}
export const negate = (v: DVal): DVal => (v.k === K_QNAN || v.k === K_SNAN ? v : { ...v, s: !v.s })

export function mul(f: DFmt, a: DVal, b: DVal, mode: DMode, tO: boolean, tU: boolean): DRes {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  const s = a.s !== b.s
  if (a.k === K_INF || b.k === K_INF) {
    if ((a.k === K_FIN && a.c === 0n) || (b.k === K_FIN && b.c === 0n)) return invalid(f)
    return { bits: encodeInf(f, s), fl: 0 }
  }
  return finish(f, s, a.c * b.c, a.q + b.q, false, mode, tO, tU)
}

export function div(f: DFmt, a: DVal, b: DVal, mode: DMode, tO: boolean, tU: boolean): DRes {
  const nan = nanOf(f, a, b)
  if (nan) return nan
  const s = a.s !== b.s
  if (a.k === K_INF) return b.k === K_INF ? invalid(f) : { bits: encodeInf(f, s), fl: 0 }
  if (b.k === K_INF) return { bits: encodeFin(f, s, 0n, f.qmin), fl: 0 }
  if (b.c === 0n) return a.c === 0n ? invalid(f) : { bits: encodeInf(f, s), fl: DBZ }
  const pref = a.q - b.q
  if (a.c === 0n) return finish(f, s, 0n, pref, false, mode, tO, tU)
  const shift = Math.max(0, f.p + digits(b.c) - digits(a.c) + 1)
  const num = a.c * pow10(shift)
  let quo = num / b.c
  const rem = num % b.c
  let q = pref - shift
  if (rem === 0n) {
    while (q < pref && quo % 10n === 0n) {
      quo /= 10n
      q++
    }
  }
  return finish(f, s, quo, q, rem !== 0n, mode, tO, tU)
}

/** Numeric comparison of two non-NaN values: -1, 0, 1. */
export function cmp(a: DVal, b: DVal): number {
  if (a.k === K_INF || b.k === K_INF) {
    const rank = (v: DVal): number => (v.k === K_INF ? (v.s ? -1 : 1) : 0)
    const x = rank(a), y = rank(b)
    return x === y ? 0 : x < y ? -1 : 1
  }
  const [ca, cb] = align(a, b)
  const sa = a.s ? -ca : ca
  const sb = b.s ? -cb : cb
  return sa === sb ? 0 : sa < sb ? -1 : 1
}
