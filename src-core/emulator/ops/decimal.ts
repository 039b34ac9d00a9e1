// Decimal instructions (POP ch. 8) and the decimal conversions of the general instructions (CVB/CVD families,
// PACK/UNPK, MVO/MVN/MVZ, ED/EDMK). Packed decimal: two digits per byte, the rightmost half-byte is the sign
// (A, C, E, F plus; B, D minus; results get the preferred C or D). An invalid digit or sign is a data exception
// with DXC 0; decimal overflow is completing (interruption only when the program-mask bit is on), decimal divide
// and data exceptions suppress. Operands are validated before anything is stored.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { ProgramException, pgm } from '../cpu/exceptions.ts'
import { ACC_FETCH, ACC_STORE, CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_DECIMAL_DIVIDE, PGM_DECIMAL_OVERFLOW, PGM_FIXED_DIVIDE, PGM_SPECIFICATION } from '../cpu/constants.ts'

const a1 = (c: Cpu): number => c.ea(0, c.b1, c.d1)
const a2 = (c: Cpu): number => c.ea(0, c.b2, c.d2)
/** Program-mask bit of the decimal-overflow mask (PSW bit 21). */
const PM_DECIMAL_OVERFLOW = 4

/** Data exception for an invalid decimal operand (DXC 0; also in the FPC when AFP is on). */
function decimalData(c: Cpu): never {
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0)
  if (c.crl[0]! & CR0_AFP) c.fpc = (c.fpc & ~0xff00) >>> 0
  return pgm(PGM_DATA)
}

/** Reads `len` bytes at `a`. */
function bytes(c: Cpu, a: number, len: number): number[] {
  const out: number[] = []
  for (let i = 0; i < len; i++) out.push(c.rd8(c.wrap(a + i)))
  return out
}

/** Writes `b` at `a` after checking store access to the whole field. */
function store(c: Cpu, a: number, b: readonly number[]): void {
  c.probe(a, b.length, ACC_STORE)
  for (let i = 0; i < b.length; i++) c.wr8(c.wrap(a + i), b[i]!)
}

const isPlus = (s: number): boolean => s === 0xa || s === 0xc || s === 0xe || s === 0xf

/** Validity of a packed field: bit 1 sign invalid, bit 2 a digit invalid (TEST DECIMAL's condition code). */
function packedValidity(b: readonly number[]): number {
  let bad = 0
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >>> 4 > 9) bad |= 2
    if (i < b.length - 1 ? (b[i]! & 15) > 9 : (b[i]! & 15) < 10) bad |= i < b.length - 1 ? 2 : 1
  }
  return bad
}

/** Packed decimal → signed magnitude (data exception when invalid). */
function unpackValue(c: Cpu, b: readonly number[]): { mag: bigint; neg: boolean } {
  if (packedValidity(b) !== 0) decimalData(c)
  let mag = 0n
  for (let i = 0; i < b.length; i++) {
    mag = mag * 10n + BigInt(b[i]! >>> 4)
    if (i < b.length - 1) mag = mag * 10n + BigInt(b[i]! & 15)
  }
  return { mag, neg: !isPlus(b[b.length - 1]! & 15) }
}

/** Reads and validates a packed operand. */
function packed(c: Cpu, a: number, len: number): { mag: bigint; neg: boolean } {
  return unpackValue(c, bytes(c, a, len))
}

/** Packed image of |mag| in `len` bytes with the preferred sign; `over` tells whether nonzero digits were lost. */
function pack(mag: bigint, neg: boolean, len: number): { b: number[]; over: boolean } {
  const b = new Array<number>(len).fill(0)
  let m = mag
  b[len - 1] = (Number(m % 10n) << 4) | (neg ? 0xd : 0xc)
  m /= 10n
  for (let i = len - 2; i >= 0; i--) {
    const lo = Number(m % 10n)
    m /= 10n
    const hi = Number(m % 10n)
    m /= 10n
    b[i] = (hi << 4) | lo
  }
  return { b, over: m !== 0n }
}

/** Stores a decimal arithmetic result, sets the CC and raises decimal overflow (completing) when enabled. */
function storeResult(c: Cpu, a: number, len: number, v: bigint): void {
  const neg = v < 0n
  const mag = neg ? -v : v
  const { b, over } = pack(mag, neg, len)
  const stored = over ? mag % 10n ** BigInt(2 * len - 1) : mag
  // A zero result is positive, unless digits were lost: then it keeps the sign of the true result.
  if (stored === 0n && !over) b[len - 1] = (b[len - 1]! & 0xf0) | 0xc
  store(c, a, b)
  c.cc = over ? 3 : stored === 0n ? 0 : neg ? 1 : 2
  if (over && (c.pm & PM_DECIMAL_OVERFLOW) !== 0) throw new ProgramException(PGM_DECIMAL_OVERFLOW, -1, false)
}

const signed = (x: { mag: bigint; neg: boolean }): bigint => (x.neg ? -x.mag : x.mag)

// ---- POP ch. 8: decimal instructions ----------------------------------------------------------------------------
export const ap: Exec = (c) => {
  const x = packed(c, a1(c), c.l1 + 1)
  const y = packed(c, a2(c), c.l2 + 1)
  storeResult(c, a1(c), c.l1 + 1, signed(x) + signed(y))
}
export const sp: Exec = (c) => {
  const x = packed(c, a1(c), c.l1 + 1)
  const y = packed(c, a2(c), c.l2 + 1)
  storeResult(c, a1(c), c.l1 + 1, signed(x) - signed(y))
}
export const zap: Exec = (c) => {
  const y = packed(c, a2(c), c.l2 + 1)
  storeResult(c, a1(c), c.l1 + 1, signed(y))
}
export const cp: Exec = (c) => {
  const x = signed(packed(c, a1(c), c.l1 + 1))
  const y = signed(packed(c, a2(c), c.l2 + 1))
  c.cc = x === y ? 0 : x < y ? 1 : 2
}
/** MULTIPLY DECIMAL: L2 <= 7 and L2 < L1; the multiplicand needs L2+1 leading zero bytes; CC unchanged. */
export const mp: Exec = (c) => {
  if (c.l2 > 7 || c.l2 >= c.l1) pgm(PGM_SPECIFICATION)
  const b1 = bytes(c, a1(c), c.l1 + 1)
  const x = unpackValue(c, b1)
  const y = packed(c, a2(c), c.l2 + 1)
  for (let i = 0; i <= c.l2; i++) if (b1[i] !== 0) decimalData(c)
  store(c, a1(c), pack(x.mag * y.mag, x.neg !== y.neg, c.l1 + 1).b)
}
/** DIVIDE DECIMAL: quotient in the leftmost L1-L2 bytes, remainder (sign of the dividend) in the rightmost L2+1. */
export const dp: Exec = (c) => {
  if (c.l2 > 7 || c.l2 >= c.l1) pgm(PGM_SPECIFICATION)
  const x = packed(c, a1(c), c.l1 + 1)
  const y = packed(c, a2(c), c.l2 + 1)
  const qlen = c.l1 - c.l2
  if (y.mag === 0n) pgm(PGM_DECIMAL_DIVIDE)
  const q = x.mag / y.mag
  const r = x.mag % y.mag
  if (q >= 10n ** BigInt(2 * qlen - 1)) pgm(PGM_DECIMAL_DIVIDE)
  store(c, a1(c), [...pack(q, x.neg !== y.neg, qlen).b, ...pack(r, x.neg, c.l2 + 1).b])
}
/** SHIFT AND ROUND DECIMAL: shift by the signed low 6 bits of the second-operand address; I3 rounds right shifts. */
export const srp: Exec = (c) => {
  const len = c.l1 + 1
  const x = packed(c, a1(c), len)
  let n = a2(c) & 63
  if (n >= 32) n -= 64
  let mag = x.mag
  if (n >= 0) mag *= 10n ** BigInt(n)
  else {
    if (c.i3 > 9) decimalData(c)
    const div = 10n ** BigInt(-n)
    mag = (mag * 10n / div + BigInt(c.i3)) / 10n
  }
  storeResult(c, a1(c), len, x.neg ? -mag : mag)
}
/** TEST DECIMAL: CC 0 valid, 1 sign invalid, 2 digit invalid, 3 both. */
export const tp: Exec = (c) => {
  c.cc = packedValidity(bytes(c, a1(c), c.l1 + 1))
}

// ---- POP ch. 7: conversions and moves of decimal data ------------------------------------------------------------
/** CONVERT TO BINARY (8-byte packed → 32 bits): out of range stores the low 32 bits and is a fixed-point divide. */
function cvb32(c: Cpu): void {
  const v = signed(packed(c, c.ea2(), 8))
  c.rl[c.r1] = Number(BigInt.asIntN(32, v))
  if (v > 0x7fffffffn || v < -0x80000000n) throw new ProgramException(PGM_FIXED_DIVIDE, -1, false)
}
export const cvb: Exec = cvb32
export const cvby: Exec = cvb32
/** CONVERT TO BINARY (16-byte packed → 64 bits). */
export const cvbg: Exec = (c) => {
  const v = signed(packed(c, c.ea2(), 16))
  const w = BigInt.asUintN(64, v)
  c.rh[c.r1] = Number(w >> 32n) | 0
  c.rl[c.r1] = Number(w & 0xffffffffn) | 0
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) throw new ProgramException(PGM_FIXED_DIVIDE, -1, false)
}
function cvd32(c: Cpu): void {
  const v = c.rl[c.r1]!
  store(c, c.ea2(), pack(BigInt(Math.abs(v)), v < 0, 8).b)
}
export const cvd: Exec = cvd32
export const cvdy: Exec = cvd32
export const cvdg: Exec = (c) => {
  const v = c.r64s(c.r1)
  store(c, c.ea2(), pack(v < 0n ? -v : v, v < 0n, 16).b)
}

/** PACK: zoned → packed, right to left; the rightmost byte has its halves swapped; no validity checks. Both operands
 * are probed first: an access exception leaves the first operand unchanged (no partial completion). */
export const pack_: Exec = (c) => {
  const d = a1(c)
  const s = a2(c)
  c.probe(s, c.l2 + 1, ACC_FETCH)
  c.probe(d, c.l1 + 1, ACC_STORE)
  let i = c.l1
  let j = c.l2
  const src = (): number => (j >= 0 ? c.rd8(c.wrap(s + j--)) & 15 : 0)
  const b0 = c.rd8(c.wrap(s + j--))
  c.wr8(c.wrap(d + i--), ((b0 & 15) << 4) | (b0 >>> 4))
  while (i >= 0) {
    const lo = src()
    const hi = src()
    c.wr8(c.wrap(d + i--), (hi << 4) | lo)
  }
}
/** UNPACK: packed → zoned (zone F), right to left; no validity checks; both operands probed first, as PACK. */
export const unpk: Exec = (c) => {
  const d = a1(c)
  const s = a2(c)
  c.probe(s, c.l2 + 1, ACC_FETCH)
  c.probe(d, c.l1 + 1, ACC_STORE)
  let i = c.l1
  let j = c.l2
  const b0 = c.rd8(c.wrap(s + j--))
  c.wr8(c.wrap(d + i--), ((b0 & 15) << 4) | (b0 >>> 4))
  while (i >= 0) {
    const b = j >= 0 ? c.rd8(c.wrap(s + j--)) : 0
    c.wr8(c.wrap(d + i--), 0xf0 | (b & 15))
    if (i >= 0) c.wr8(c.wrap(d + i--), 0xf0 | (b >>> 4))
  }
}
/** MOVE WITH OFFSET: the second operand goes left of the rightmost half-byte of the first, right to left. */
export const mvo: Exec = (c) => {
  const d = a1(c)
  const src = bytes(c, a2(c), c.l2 + 1)
  const nib: number[] = []
  for (const b of src) nib.push(b >>> 4, b & 15)
  const last = c.rd8(c.wrap(d + c.l1)) & 15
  nib.push(last)
  const out: number[] = []
  for (let i = 0; i <= c.l1; i++) {
    const k = nib.length - 2 * (c.l1 + 1 - i)
    out.push(((nib[k] ?? 0) << 4) | (nib[k + 1] ?? 0))
  }
  store(c, d, out)
}
/** MOVE NUMERICS / MOVE ZONES: one half of each byte, left to right, byte by byte, after both operands are probed (no
 * partial completion). */
function moveHalf(keep: number): Exec {
  return (c) => {
    const d = a1(c)
    const s = a2(c)
    c.probe(s, c.l1 + 1, ACC_FETCH)
    c.probe(d, c.l1 + 1, ACC_STORE)
    for (let i = 0; i <= c.l1; i++) {
      const b = c.rd8(c.wrap(s + i))
      const ad = c.wrap(d + i)
      c.wr8(ad, (c.rd8(ad) & keep) | (b & ~keep & 0xff))
    }
  }
}
export const mvn = moveHalf(0xf0)
export const mvz = moveHalf(0x0f)

/** EDIT and EDIT AND MARK: the pattern (first operand) is edited with packed digits from the second operand. */
function edit(mark: boolean): Exec {
  return (c) => {
    const d = a1(c)
    const s = a2(c)
    const pat = bytes(c, d, c.l1 + 1)
    const fill = pat[0]!
    const out = pat.slice()
    let sig = false
    let nonzero = false
    let src = s
    let right = -1
    let markAt = -1
    for (let i = 0; i < pat.length; i++) {
      const p = pat[i]!
      if (p === 0x20 || p === 0x21) {
        let digit: number
        let sign = -1
        if (right >= 0) {
          digit = right
          right = -1
        } else {
          const b = c.rd8(src)
          src = c.wrap(src + 1)
          digit = b >>> 4
          if (digit > 9) decimalData(c)
          if ((b & 15) > 9) sign = b & 15
          else right = b & 15
        }
        if (digit !== 0) nonzero = true
        if (sig || digit !== 0) {
          if (!sig && mark) markAt = i
          out[i] = 0xf0 | digit
          sig = true
        } else {
          out[i] = fill
          if (p === 0x21) sig = true
        }
        if (sign >= 0 && isPlus(sign)) sig = false
      } else if (p === 0x22) {
        out[i] = fill
        sig = false
        nonzero = false
      } else if (!sig) out[i] = fill
    }
    store(c, d, out)
    if (markAt >= 0) c.setRaddr(1, c.wrap(d + markAt))
    c.cc = !nonzero ? 0 : sig ? 1 : 2
  }
}
export const ed = edit(false)
export const edmk = edit(true)
