// Vector integer instructions (POP ch. 22): bitwise operations, add/subtract with carries and borrows, average,
// checksum, element compares, count leading/trailing zeros, Galois-field multiply sum, complement and positive,
// maximum/minimum, every multiply and multiply-and-add, population count, element rotates and shifts, whole-vector
// shifts, sums across elements and test under mask. Element size from M3/M4/M5 per format; a reserved size is a
// specification exception. Elements are unsigned BigInts (vector.ts); signed forms go through sx().
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { enabled, spec, esIn, el, els, setEls, vget, vset, count, bitsOf, maskOf, sx, lowAddr } from './vector.ts'

const M128 = (1n << 128n) - 1n

// ---- bitwise ------------------------------------------------------------------------------------------------

function bitwise(op: (a: number, b: number) => number): Exec {
  return (c) => {
    enabled(c)
    for (let i = 0; i < 4; i++) c.vr[c.r1 * 4 + i] = op(c.vr[c.r2 * 4 + i]!, c.vr[c.r3 * 4 + i]!)
  }
}
export const vn = bitwise((a, b) => a & b)
export const vnc = bitwise((a, b) => a & ~b)
export const vo = bitwise((a, b) => a | b)
export const vx = bitwise((a, b) => a ^ b)
export const vno = bitwise((a, b) => ~(a | b))
/** Vector-enhancements 1 (135). */
export const vnn = bitwise((a, b) => ~(a & b))
export const vnx = bitwise((a, b) => ~(a ^ b))
export const voc = bitwise((a, b) => a | ~b)

// ---- element-wise helpers -----------------------------------------------------------------------------------

/** V1 element i := f(V2 element i, V3 element i) for the element size in `es` (max `max`). */
function binary(pick: (c: Cpu) => number, max: number, f: (a: bigint, b: bigint, es: number) => bigint, min = 0): Exec {
  return (c) => {
    enabled(c)
    const es = pick(c)
    esIn(es, min, max)
    const a = els(c, c.r2, es)
    const b = els(c, c.r3, es)
    const m = maskOf(es)
    setEls(c, c.r1, es, a.map((x, i) => f(x, b[i]!, es) & m))
  }
}
/** V1 element i := f(V2 element i) for the element size in `es`. */
function unary(pick: (c: Cpu) => number, max: number, f: (a: bigint, es: number) => bigint): Exec {
  return (c) => {
    enabled(c)
    const es = pick(c)
    esIn(es, 0, max)
    const m = maskOf(es)
    setEls(c, c.r1, es, els(c, c.r2, es).map((x) => f(x, es) & m))
  }
}
const M3 = (c: Cpu): number => c.m3
const M4 = (c: Cpu): number => c.m4

// ---- add / subtract -----------------------------------------------------------------------------------------

/** VECTOR ADD (byte .. quadword; carries stay inside an element). */
export const va = binary(M4, 4, (a, b) => a + b)
/** VECTOR SUBTRACT. */
export const vs = binary(M4, 4, (a, b) => a - b)
/** VECTOR ADD COMPUTE CARRY: 1 where the unsigned sum carries out of the element. */
export const vacc = binary(M4, 4, (a, b, es) => (a + b) >> BigInt(bitsOf(es)))
/** VECTOR SUBTRACT COMPUTE BORROW INDICATION: 1 where no borrow (V2 >= V3 unsigned), else 0. */
export const vscbi = binary(M4, 4, (a, b) => (a >= b ? 1n : 0n))
/** Quadword forms with a carry in (rightmost bit of V4; VRR-d, M5 must be 4). */
function quad(f: (a: bigint, b: bigint, cin: bigint) => bigint): Exec {
  return (c) => {
    enabled(c)
    if (c.m5 !== 4) spec()
    vset(c, c.r1, f(vget(c, c.r2), vget(c, c.r3), vget(c, c.i4) & 1n) & M128)
  }
}
/** VECTOR ADD WITH CARRY. */
export const vac = quad((a, b, k) => a + b + k)
/** VECTOR ADD WITH CARRY COMPUTE CARRY. */
export const vaccc = quad((a, b, k) => (a + b + k) >> 128n)
/** VECTOR SUBTRACT WITH BORROW INDICATION: V2 + ~V3 + carry. */
export const vsbi = quad((a, b, k) => a + (~b & M128) + k)
/** VECTOR SUBTRACT WITH BORROW COMPUTE BORROW INDICATION: the carry out of V2 + ~V3 + carry. */
export const vsbcbi = quad((a, b, k) => (a + (~b & M128) + k) >> 128n)

/** VECTOR AVERAGE (signed) / LOGICAL: (a + b + 1) / 2 rounded down, without overflow. */
export const vavg = binary(M4, 3, (a, b, es) => (sx(a, es) + sx(b, es) + 1n) >> 1n)
export const vavgl = binary(M4, 3, (a, b) => (a + b + 1n) >> 1n)

/** VECTOR CHECKSUM: the four words of V2 and word 1 of V3 added with end-around carry into word 1; others 0. */
export const vcksm: Exec = (c) => {
  enabled(c)
  let s = Number(el(c, c.r3, 2, 1))
  for (let i = 0; i < 4; i++) {
    s += Number(el(c, c.r2, 2, i))
    if (s > 0xffffffff) s -= 0xffffffff
  }
  setEls(c, c.r1, 2, [0n, BigInt(s), 0n, 0n])
}

// ---- compares -----------------------------------------------------------------------------------------------

/** VECTOR ELEMENT COMPARE (LOGICAL): element n/2-1 (the rightmost of doubleword 0) of V1 against V2's; CC 0 equal,
 * 1 low, 2 high. */
function vec(logical: boolean): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m3, 0, 3)
    const i = count(c.m3) / 2 - 1
    let a = el(c, c.r1, c.m3, i)
    let b = el(c, c.r2, c.m3, i)
    if (!logical) {
      a = sx(a, c.m3)
      b = sx(b, c.m3)
    }
    c.cc = a === b ? 0 : a < b ? 1 : 2
  }
}
export const vecOp = vec(false)
export const vecl = vec(true)
/** VECTOR COMPARE EQUAL / HIGH / HIGH LOGICAL: all-ones elements where true; M5 bit 3 sets the CC (0 all true,
 * 1 mixed, 3 none). */
function vc(test: (a: bigint, b: bigint, es: number) => boolean): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m4, 0, 3)
    const a = els(c, c.r2, c.m4)
    const b = els(c, c.r3, c.m4)
    const ones = maskOf(c.m4)
    let t = 0
    setEls(
      c,
      c.r1,
      c.m4,
      a.map((x, i) => {
        const r = test(x, b[i]!, c.m4)
        if (r) t++
        return r ? ones : 0n
      }),
    )
    if (c.m5 & 1) c.cc = t === a.length ? 0 : t === 0 ? 3 : 1
  }
}
export const vceq = vc((a, b) => a === b)
export const vch = vc((a, b, es) => sx(a, es) > sx(b, es))
export const vchl = vc((a, b) => a > b)

// ---- counts, complement, positive, max/min ------------------------------------------------------------------

function clz(x: bigint, bits: number): bigint {
  return x === 0n ? BigInt(bits) : BigInt(bits - x.toString(2).length)
}
function ctz(x: bigint, bits: number): bigint {
  if (x === 0n) return BigInt(bits)
  let n = 0
  while (((x >> BigInt(n)) & 1n) === 0n) n++
  return BigInt(n)
}
/** VECTOR COUNT LEADING / TRAILING ZEROS. */
export const vclz = unary(M3, 3, (x, es) => clz(x, bitsOf(es)))
export const vctz = unary(M3, 3, (x, es) => ctz(x, bitsOf(es)))
/** VECTOR LOAD COMPLEMENT / POSITIVE (the most negative number stays as it is). */
export const vlc = unary(M3, 3, (x) => -x)
export const vlp = unary(M3, 3, (x, es) => {
  const s = sx(x, es)
  return s < 0n ? -s : s
})
/** VECTOR POPULATION COUNT: per byte (M3 0); halfword..doubleword (M3 1-3) need vector-enhancements 1. */
export const vpopct: Exec = (c) => {
  enabled(c)
  if (c.m3 > 3 || (c.m3 > 0 && !c.m.facility(135))) spec()
  const es = c.m3
  setEls(
    c,
    c.r1,
    es,
    els(c, c.r2, es).map((x) => {
      let n = 0n
      for (; x !== 0n; x &= x - 1n) n++
      return n
    }),
  )
}
/** VECTOR MAXIMUM / MINIMUM (signed and logical). */
export const vmx = binary(M4, 3, (a, b, es) => (sx(a, es) >= sx(b, es) ? a : b))
export const vmxl = binary(M4, 3, (a, b) => (a >= b ? a : b))
export const vmn = binary(M4, 3, (a, b, es) => (sx(a, es) <= sx(b, es) ? a : b))
export const vmnl = binary(M4, 3, (a, b) => (a <= b ? a : b))

// ---- Galois-field multiply sum ------------------------------------------------------------------------------

/** Carry-less product. */
function clmul(a: bigint, b: bigint): bigint {
  let r = 0n
  for (let i = 0n; b >> i !== 0n; i++) if ((b >> i) & 1n) r ^= a << i
  return r
}
/** Pairs of adjacent elements multiplied carry-less and XOR-ed into double-width elements (+ V4 for VGFMA). */
function gfm(c: Cpu, es: number, acc: number | null): void {
  esIn(es, 0, 3)
  const a = els(c, c.r2, es)
  const b = els(c, c.r3, es)
  const add = acc === null ? null : els(c, acc, es + 1)
  const out: bigint[] = []
  for (let i = 0; i < a.length; i += 2) {
    let r = clmul(a[i]!, b[i]!) ^ clmul(a[i + 1]!, b[i + 1]!)
    if (add) r ^= add[i / 2]!
    out.push(r)
  }
  setEls(c, c.r1, es + 1, out)
}
/** VECTOR GALOIS FIELD MULTIPLY SUM. */
export const vgfm: Exec = (c) => {
  enabled(c)
  gfm(c, c.m4, null)
}
/** VECTOR GALOIS FIELD MULTIPLY SUM AND ACCUMULATE (VRR-d: element size M5, accumulator V4). */
export const vgfma: Exec = (c) => {
  enabled(c)
  gfm(c, c.m5, c.i4)
}

// ---- multiplies ---------------------------------------------------------------------------------------------

/** VECTOR MULTIPLY LOW / HIGH / LOGICAL HIGH (byte .. word). */
export const vml = binary(M4, 2, (a, b) => a * b)
export const vmh = binary(M4, 2, (a, b, es) => (sx(a, es) * sx(b, es)) >> BigInt(bitsOf(es)))
export const vmlh = binary(M4, 2, (a, b, es) => (a * b) >> BigInt(bitsOf(es)))
/** VECTOR MULTIPLY (LOGICAL) EVEN / ODD: double-width products of the even (odd) elements. */
function vmEO(odd: boolean, signed: boolean, withAdd: boolean): Exec {
  return (c) => {
    enabled(c)
    const es = withAdd ? c.m5 : c.m4
    esIn(es, 0, 2)
    const a = els(c, c.r2, es)
    const b = els(c, c.r3, es)
    const add = withAdd ? els(c, c.i4, es + 1) : null
    const out: bigint[] = []
    for (let i = odd ? 1 : 0; i < a.length; i += 2) {
      let p = signed ? sx(a[i]!, es) * sx(b[i]!, es) : a[i]! * b[i]!
      if (add) p += signed ? sx(add[i >> 1]!, es + 1) : add[i >> 1]!
      out.push(p & maskOf(es + 1))
    }
    setEls(c, c.r1, es + 1, out)
  }
}
export const vme = vmEO(false, true, false)
export const vmle = vmEO(false, false, false)
export const vmo = vmEO(true, true, false)
export const vmlo = vmEO(true, false, false)
/** VECTOR MULTIPLY AND ADD LOW / HIGH / LOGICAL HIGH (VRR-d: size M5, addend V4). */
function vmaHL(how: 'low' | 'high' | 'lhigh'): Exec {
  return (c) => {
    enabled(c)
    const es = c.m5
    esIn(es, 0, 2)
    const a = els(c, c.r2, es)
    const b = els(c, c.r3, es)
    const d = els(c, c.i4, es)
    const w = BigInt(bitsOf(es))
    setEls(
      c,
      c.r1,
      es,
      a.map((x, i) => {
        const p = how === 'lhigh' ? x * b[i]! + d[i]! : sx(x, es) * sx(b[i]!, es) + sx(d[i]!, es)
        return (how === 'low' ? p : p >> w) & maskOf(es)
      }),
    )
  }
}
export const vmal = vmaHL('low')
export const vmah = vmaHL('high')
export const vmalh = vmaHL('lhigh')
/** VECTOR MULTIPLY AND ADD (LOGICAL) EVEN / ODD. */
export const vmae = vmEO(false, true, true)
export const vmale = vmEO(false, false, true)
export const vmao = vmEO(true, true, true)
export const vmalo = vmEO(true, false, true)

// ---- rotates and element shifts -----------------------------------------------------------------------------

const rotl = (x: bigint, n: number, bits: number): bigint => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(bits - n))) & ((1n << BigInt(bits)) - 1n))
type Shift = (x: bigint, n: number, es: number) => bigint
const SHL: Shift = (x, n) => x << BigInt(n)
const SHRA: Shift = (x, n, es) => sx(x, es) >> BigInt(n)
const SHRL: Shift = (x, n) => x >> BigInt(n)
const ROTL: Shift = (x, n, es) => rotl(x, n, bitsOf(es))
/** Per-element shift/rotate by the corresponding element of V3 (VRR-c, size M4), modulo the element width. */
function byVector(op: Shift): Exec {
  return binary(M4, 3, (a, b, es) => op(a, Number(b & BigInt(bitsOf(es) - 1)), es))
}
/** Shift/rotate of V3's elements by the second-operand address bits (VRS-a, size M4). */
function byAddress(op: Shift): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m4, 0, 3)
    const n = lowAddr(c) & (bitsOf(c.m4) - 1)
    const m = maskOf(c.m4)
    setEls(c, c.r1, c.m4, els(c, c.r3, c.m4).map((x) => op(x, n, c.m4) & m))
  }
}
export const verllv = byVector(ROTL)
export const verll = byAddress(ROTL)
export const veslv = byVector(SHL)
export const vesl = byAddress(SHL)
export const vesrav = byVector(SHRA)
export const vesra = byAddress(SHRA)
export const vesrlv = byVector(SHRL)
export const vesrl = byAddress(SHRL)
/** VECTOR ELEMENT ROTATE AND INSERT UNDER MASK (VRI-d: rotate V2 elements by I4, insert into V1 where V3 is one). */
export const verim: Exec = (c) => {
  enabled(c)
  const es = c.m5
  esIn(es, 0, 3)
  const n = c.i4 & (bitsOf(es) - 1)
  const a = els(c, c.r2, es)
  const m = els(c, c.r3, es)
  const old = els(c, c.r1, es)
  setEls(c, c.r1, es, a.map((x, i) => (rotl(x, n, bitsOf(es)) & m[i]!) | (old[i]! & ~m[i]! & maskOf(es))))
}

// ---- whole-vector shifts ------------------------------------------------------------------------------------

/** Shift count of VSL/VSRA/VSRL: bits 5-7 of byte 7 of V3 (the POP wants every byte to hold the same count). */
const bitCount = (c: Cpu): number => Number(el(c, c.r3, 0, 7) & 7n)
/** Byte count of VSLB/VSRAB/VSRLB: bits 1-4 of byte 7 of V3. */
const byteCount = (c: Cpu): number => Number((el(c, c.r3, 0, 7) >> 3n) & 15n) * 8
function whole(count: (c: Cpu) => number, op: (x: bigint, n: number) => bigint): Exec {
  return (c) => {
    enabled(c)
    vset(c, c.r1, op(vget(c, c.r2), count(c)) & M128)
  }
}
const sra128 = (x: bigint, n: number): bigint => BigInt.asUintN(128, BigInt.asIntN(128, x) >> BigInt(n))
export const vsl = whole(bitCount, (x, n) => x << BigInt(n))
export const vslb = whole(byteCount, (x, n) => x << BigInt(n))
export const vsra = whole(bitCount, sra128)
export const vsrab = whole(byteCount, sra128)
export const vsrl = whole(bitCount, (x, n) => x >> BigInt(n))
export const vsrlb = whole(byteCount, (x, n) => x >> BigInt(n))
/** VECTOR SHIFT LEFT DOUBLE BY BYTE: bytes I4..I4+15 (I4 bits 4-7) of V2 || V3. */
export const vsldb: Exec = (c) => {
  enabled(c)
  const n = BigInt((c.i4 & 15) * 8)
  const x = (vget(c, c.r2) << 128n) | vget(c, c.r3)
  vset(c, c.r1, (x >> (128n - n)) & M128)
}

// ---- sums and test under mask -------------------------------------------------------------------------------

/** Sums of V2's elements within each target element plus the rightmost V3 element in it (VSUM word, VSUMG
 * doubleword, VSUMQ quadword targets). */
function vsum(target: number, min: number, max: number): Exec {
  return (c) => {
    enabled(c)
    const es = c.m4
    esIn(es, min, max)
    const per = 1 << (target - es)
    const a = els(c, c.r2, es)
    const b = els(c, c.r3, es)
    const out: bigint[] = []
    for (let t = 0; t < count(target); t++) {
      let s = b[t * per + per - 1]!
      for (let k = 0; k < per; k++) s += a[t * per + k]!
      out.push(s & maskOf(target))
    }
    setEls(c, c.r1, target, out)
  }
}
export const vsumOp = vsum(2, 0, 1)
export const vsumg = vsum(3, 1, 2)
export const vsumq = vsum(4, 2, 3)
/** VECTOR TEST UNDER MASK: V1 bits selected by the mask V2; CC 0 all zero (or mask zero), 1 mixed, 3 all ones. */
export const vtm: Exec = (c) => {
  enabled(c)
  const m = vget(c, c.r2)
  const t = vget(c, c.r1) & m
  c.cc = t === 0n ? 0 : t === m ? 3 : 1
}

// ---- vector-enhancements 1 (135) ----------------------------------------------------------------------------

/** VECTOR BIT PERMUTE: bit i of a 16-bit result is the bit of V2 that byte i of V3 indexes (0 for an index of 128
 * or more); the result goes to bits 48-63 of V1, all other bits zero. */
export const vbperm: Exec = (c) => {
  enabled(c)
  const a = vget(c, c.r2)
  let r = 0n
  for (let i = 0; i < 16; i++) {
    const ix = Number(el(c, c.r3, 0, i))
    const bit = ix < 128 ? (a >> BigInt(127 - ix)) & 1n : 0n
    r |= bit << BigInt(15 - i)
  }
  vset(c, c.r1, r << 64n)
}
/** VECTOR MULTIPLY SUM LOGICAL (VRR-d, M5 3: doublewords): the two 128-bit products, each doubled when its shift
 * bit in M6 is one (bit 0 even, bit 1 odd), plus V4, modulo 2^128. */
export const vmsl: Exec = (c) => {
  enabled(c)
  if (c.m5 !== 3) spec()
  const p0 = el(c, c.r2, 3, 0) * el(c, c.r3, 3, 0)
  const p1 = el(c, c.r2, 3, 1) * el(c, c.r3, 3, 1)
  const s = (c.i5 & 8 ? p0 << 1n : p0) + (c.i5 & 4 ? p1 << 1n : p1) + vget(c, c.i4)
  vset(c, c.r1, s & M128)
}
