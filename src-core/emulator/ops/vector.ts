// Vector facility (STFLE 129), POP ch. 21 "Vector Overview and Support Instructions": the register and element
// helpers every vector handler uses (elements are unsigned BigInts, index 0 leftmost), the vector-enablement check,
// and the support instructions: loads and stores (whole, multiple, element, replicate, with length, to block
// boundary, gather/scatter), GR <-> element moves, masks and immediates, merges, packs, permutes, replicate, select,
// sign extension and unpacks. Integer, string and BFP instructions: vector-integer.ts, vector-string.ts,
// vector-float.ts.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_DATA, PGM_SPECIFICATION, CR0_AFP, CR0_VECTOR, LC_DATA_EXC_CODE } from '../cpu/constants.ts'

/** Vector instructions need CR0 bit 46; otherwise data exception DXC 0xfe (also in the FPC when AFP is on). */
export function enabled(c: Cpu): void {
  if ((c.crl[0]! & CR0_VECTOR) === 0) {
    c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0xfe)
    if (c.crl[0]! & CR0_AFP) c.fpc = ((c.fpc & ~0xff00) | 0xfe00) >>> 0
    pgm(PGM_DATA)
  }
}
/** Specification exception (reserved element size, index or modifier value). */
export function spec(): never {
  return pgm(PGM_SPECIFICATION)
}
/** Element size code `es` must be at most `max` (and at least `min`). */
export function esIn(es: number, min: number, max: number): void {
  if (es < min || es > max) spec()
}

/** Vector register v as an unsigned 128-bit BigInt. */
export function vget(c: Cpu, v: number): bigint {
  const b = v * 4
  return (
    (BigInt(c.vr[b]! >>> 0) << 96n) |
    (BigInt(c.vr[b + 1]! >>> 0) << 64n) |
    (BigInt(c.vr[b + 2]! >>> 0) << 32n) |
    BigInt(c.vr[b + 3]! >>> 0)
  )
}
/** Sets vector register v from a BigInt (modulo 2^128). */
export function vset(c: Cpu, v: number, x: bigint): void {
  const b = v * 4
  c.vr[b] = Number((x >> 96n) & 0xffffffffn) | 0
  c.vr[b + 1] = Number((x >> 64n) & 0xffffffffn) | 0
  c.vr[b + 2] = Number((x >> 32n) & 0xffffffffn) | 0
  c.vr[b + 3] = Number(x & 0xffffffffn) | 0
}
/** Element i of size 2^es bytes (es 0-4) of vector register v, unsigned. */
export function el(c: Cpu, v: number, es: number, i: number): bigint {
  const b = v * 4
  switch (es) {
    case 0:
      return BigInt((c.vr[b + (i >>> 2)]! >>> (24 - 8 * (i & 3))) & 0xff)
    case 1:
      return BigInt((c.vr[b + (i >>> 1)]! >>> (16 - 16 * (i & 1))) & 0xffff)
    case 2:
      return BigInt(c.vr[b + i]! >>> 0)
    case 3:
      return (BigInt(c.vr[b + 2 * i]! >>> 0) << 32n) | BigInt(c.vr[b + 2 * i + 1]! >>> 0)
    default:
      return vget(c, v)
  }
}
/** Sets element i of size 2^es bytes of vector register v (x taken modulo the element size). */
export function setEl(c: Cpu, v: number, es: number, i: number, x: bigint): void {
  const b = v * 4
  switch (es) {
    case 0: {
      const sh = 24 - 8 * (i & 3)
      const w = b + (i >>> 2)
      c.vr[w] = (c.vr[w]! & ~(0xff << sh)) | (Number(x & 0xffn) << sh)
      return
    }
    case 1: {
      const sh = 16 - 16 * (i & 1)
      const w = b + (i >>> 1)
      c.vr[w] = (c.vr[w]! & ~(0xffff << sh)) | (Number(x & 0xffffn) << sh)
      return
    }
    case 2:
      c.vr[b + i] = Number(x & 0xffffffffn) | 0
      return
    case 3:
      c.vr[b + 2 * i] = Number((x >> 32n) & 0xffffffffn) | 0
      c.vr[b + 2 * i + 1] = Number(x & 0xffffffffn) | 0
      return
    default:
      vset(c, v, x)
  }
}
/** Number of elements of size 2^es bytes in a vector. */
export const count = (es: number): number => 16 >>> es
/** All elements of vector register v (unsigned). */
export function els(c: Cpu, v: number, es: number): bigint[] {
  const n = count(es)
  const out = new Array<bigint>(n)
  for (let i = 0; i < n; i++) out[i] = el(c, v, es, i)
  return out
}
/** Writes all elements of vector register v (after every source was read: V1 may be a source too). */
export function setEls(c: Cpu, v: number, es: number, xs: readonly bigint[]): void {
  for (let i = 0; i < xs.length; i++) setEl(c, v, es, i, xs[i]!)
}
/** All elements of size code es <= 2 of vector register v as (unsigned) numbers: the fast path of the string
 * instructions, which work on bytes, halfwords and words only. */
export function elsN(c: Cpu, v: number, es: number): number[] {
  const n = count(es)
  const out = new Array<number>(n)
  const b = v * 4
  const per = 4 >>> es
  const bits = 8 << es
  const mask = es === 2 ? 0xffffffff : (1 << bits) - 1
  for (let i = 0; i < n; i++) {
    const w = c.vr[b + ((i / per) | 0)]!
    const sh = 32 - bits * ((i % per) + 1)
    out[i] = es === 2 ? w >>> 0 : (w >>> sh) & mask
  }
  return out
}
/** Writes all elements of size code es <= 2 from numbers. */
export function setElsN(c: Cpu, v: number, es: number, xs: readonly number[]): void {
  const b = v * 4
  const per = 4 >>> es
  const bits = 8 << es
  for (let w = 0; w < 4; w++) {
    let x = 0
    for (let k = 0; k < per; k++) x = es === 2 ? xs[w]! : (x << bits) | (xs[w * per + k]! & ((1 << bits) - 1))
    c.vr[b + w] = x | 0
  }
}
/** Bits of an element of size code es. */
export const bitsOf = (es: number): number => 8 << es
/** Mask of an element of size code es. */
export const maskOf = (es: number): bigint => (1n << BigInt(8 << es)) - 1n
/** Signed value of an unsigned element. */
export const sx = (x: bigint, es: number): bigint => BigInt.asIntN(8 << es, x)

/** A BigInt storage address wrapped to the addressing mode, as the number the storage accessors take. */
export function addrOf(c: Cpu, a: bigint): number {
  if (c.amode === -1) {
    const u = BigInt.asUintN(64, a)
    return c.addr64(Number(u >> 32n), Number(u & 0xffffffffn))
  }
  return Number(a & BigInt(c.amode >>> 0))
}
/** Low 32 bits of the second-operand address D2(B2) (shift amounts and element indexes use its rightmost bits). */
export const lowAddr = (c: Cpu): number => ((c.b2 !== 0 ? c.rl[c.b2]! : 0) + c.d2) | 0

/** Loads `len` (0-16) bytes at a into the leftmost bytes of V v, the rest zero (access checked first). */
function loadInto(c: Cpu, v: number, a: number, len: number): void {
  c.probe(a, len, 0)
  for (let w = 0; w < 4; w++) {
    let x = 0
    for (let k = 0; k < 4; k++) {
      const i = w * 4 + k
      x = (x << 8) | (i < len ? c.rd8(c.wrap(a + i)) : 0)
    }
    c.vr[v * 4 + w] = x
  }
}
/** Reads `len` (0-16) bytes at a into the leftmost bytes of a 128-bit value (rest zero), access checked first. */
function loadBytes(c: Cpu, a: number, len: number): bigint {
  c.probe(a, len, 0)
  let x = 0n
  for (let k = 0; k < 16; k++) x = (x << 8n) | (k < len ? BigInt(c.rd8(c.wrap(a + k))) : 0n)
  return x
}
/** Stores the leftmost `len` bytes of a 128-bit value at a. */
function storeBytes(c: Cpu, a: number, len: number, x: bigint): void {
  c.probe(a, len, 1)
  for (let k = 0; k < len; k++) c.wr8(c.wrap(a + k), Number((x >> BigInt(120 - 8 * k)) & 0xffn))
}
/** Stores the leftmost `len` bytes of V v at a. */
function storeFrom(c: Cpu, v: number, a: number, len: number): void {
  c.probe(a, len, 1)
  for (let k = 0; k < len; k++) c.wr8(c.wrap(a + k), c.vr[v * 4 + (k >>> 2)]! >>> (24 - 8 * (k & 3)))
}
/** Reads an element of size 2^es bytes (es 0-3) from storage. */
function loadEl(c: Cpu, a: number, es: number): bigint {
  switch (es) {
    case 0:
      return BigInt(c.rd8(a))
    case 1:
      return BigInt(c.rd16(a))
    case 2:
      return BigInt(c.rd32(a) >>> 0)
    default:
      c.rd64(a)
      return (BigInt(c.th >>> 0) << 32n) | BigInt(c.tl >>> 0)
  }
}
/** Stores an element of size 2^es bytes (es 0-3). */
function storeEl(c: Cpu, a: number, es: number, x: bigint): void {
  switch (es) {
    case 0:
      return c.wr8(a, Number(x & 0xffn))
    case 1:
      return c.wr16(a, Number(x & 0xffffn))
    case 2:
      return c.wr32(a, Number(x & 0xffffffffn) | 0)
    default:
      return c.wr64(a, Number((x >> 32n) & 0xffffffffn) | 0, Number(x & 0xffffffffn) | 0)
  }
}

function loadV(c: Cpu, v: number, a: number): void {
  for (let i = 0; i < 4; i++) c.vr[v * 4 + i] = c.rd32(c.wrap(a + i * 4))
}
function storeV(c: Cpu, v: number, a: number): void {
  for (let i = 0; i < 4; i++) c.wr32(c.wrap(a + i * 4), c.vr[v * 4 + i]!)
}

// ---- loads and stores ------------------------------------------------------------------------------------------

/** VECTOR LOAD (M3 is an alignment hint, ignored). */
export const vl: Exec = (c) => {
  enabled(c)
  const a = c.ea2()
  c.probe(a, 16, 0)
  loadV(c, c.r1, a)
}
/** VECTOR STORE. */
export const vst: Exec = (c) => {
  enabled(c)
  const a = c.ea2()
  c.probe(a, 16, 1)
  storeV(c, c.r1, a)
}
/** VECTOR LOAD MULTIPLE: V1..V3 (V3 < V1 or more than 16 registers: specification). */
export const vlm: Exec = (c) => {
  enabled(c)
  if (c.r3 < c.r1 || c.r3 - c.r1 >= 16) spec()
  const a = c.ea2()
  c.probe(a, (c.r3 - c.r1 + 1) * 16, 0)
  for (let v = c.r1; v <= c.r3; v++) loadV(c, v, c.wrap(a + (v - c.r1) * 16))
}
/** VECTOR STORE MULTIPLE. */
export const vstm: Exec = (c) => {
  enabled(c)
  if (c.r3 < c.r1 || c.r3 - c.r1 >= 16) spec()
  const a = c.ea2()
  c.probe(a, (c.r3 - c.r1 + 1) * 16, 1)
  for (let v = c.r1; v <= c.r3; v++) storeV(c, v, c.wrap(a + (v - c.r1) * 16))
}
/** VECTOR LOAD (register). */
export const vlr: Exec = (c) => {
  enabled(c)
  for (let i = 0; i < 4; i++) c.vr[c.r1 * 4 + i] = c.vr[c.r2 * 4 + i]!
}
/** VECTOR LOAD AND REPLICATE: one element of size M3 from storage into every element. */
export const vlrep: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 0, 3)
  const x = loadEl(c, c.ea2(), c.m3)
  for (let i = 0; i < count(c.m3); i++) setEl(c, c.r1, c.m3, i, x)
}
/** VECTOR LOAD ELEMENT (B/H/F/G): element M3 of V1 from storage; an index beyond the vector is a specification. */
function vle(es: number): Exec {
  return (c) => {
    enabled(c)
    if (c.m3 >= count(es)) spec()
    setEl(c, c.r1, es, c.m3, loadEl(c, c.ea2(), es))
  }
}
export const vleb = vle(0)
export const vleh = vle(1)
export const vlef = vle(2)
export const vleg = vle(3)
/** VECTOR LOAD ELEMENT IMMEDIATE: the sign-extended I2 into element M3. */
function vlei(es: number): Exec {
  return (c) => {
    enabled(c)
    if (c.m3 >= count(es)) spec()
    setEl(c, c.r1, es, c.m3, BigInt((c.i2 << 16) >> 16))
  }
}
export const vleib = vlei(0)
export const vleih = vlei(1)
export const vleif = vlei(2)
export const vleig = vlei(3)
/** Element size of VLLEZ/VLLEBRZ: 0-3, or 6 (a word, left-aligned; vector-enhancements 1). */
function llezSize(c: Cpu, min: number): number {
  if (c.m3 === 6 && c.m.facility(135)) return 6
  esIn(c.m3, min, 3)
  return c.m3
}
/** Places a VLLEZ-style element: the rightmost element of doubleword 0 (code 6: word 0), all else 0. */
const llez = (c: Cpu, es: number, x: bigint): void => vset(c, c.r1, es === 6 ? x << 96n : x << 64n)
/** VECTOR LOAD LOGICAL ELEMENT AND ZERO. */
export const vllez: Exec = (c) => {
  enabled(c)
  const es = llezSize(c, 0)
  llez(c, es, loadEl(c, c.ea2(), es === 6 ? 2 : es))
}
/** Block size of a boundary code (0-6: 64 B .. 4 KiB; larger: specification). */
function blockOf(m3: number): number {
  if (m3 > 6) spec()
  return 64 << m3
}
/** VECTOR LOAD TO BLOCK BOUNDARY: the bytes up to the next M3 boundary (at most 16); the others are set to zero
 * (the POP leaves them unpredictable; QEMU 7.2 zeroes them too). */
export const vlbb: Exec = (c) => {
  enabled(c)
  const block = blockOf(c.m3)
  const a = c.ea2()
  const len = Math.min(16, block - ((lowAddr(c) + (c.x2 !== 0 ? c.rl[c.x2]! : 0)) >>> 0) % block)
  loadInto(c, c.r1, a, len)
}
/** LOAD COUNT TO BLOCK BOUNDARY (RXE): bytes to the next M3 boundary, at most 16, into R1 bits 32-63; CC 0 when
 * 16, else 3. A general instruction of the vector facility: no vector registers, no vector-enablement check. */
export const lcbb: Exec = (c) => {
  const block = blockOf(c.m3)
  const n = Math.min(16, block - ((lowAddr(c) + (c.x2 !== 0 ? c.rl[c.x2]! : 0)) >>> 0) % block)
  c.rl[c.r1] = n
  c.cc = n === 16 ? 0 : 3
}
/** VECTOR LOAD WITH LENGTH: bytes 0..min(R3 bits 32-63, 15) from storage, the rest zero. */
export const vll: Exec = (c) => {
  enabled(c)
  const len = Math.min((c.rl[c.r3]! >>> 0) + 1, 16)
  loadInto(c, c.r1, c.ea2(), len)
}
/** VECTOR STORE WITH LENGTH: bytes 0..min(R3 bits 32-63, 15) of V1 to storage. */
export const vstl: Exec = (c) => {
  enabled(c)
  const len = Math.min((c.rl[c.r3]! >>> 0) + 1, 16)
  storeFrom(c, c.r1, c.ea2(), len)
}
/** VECTOR STORE ELEMENT (B/H/F/G): element M3 of V1. */
function vste(es: number): Exec {
  return (c) => {
    enabled(c)
    if (c.m3 >= count(es)) spec()
    storeEl(c, c.ea2(), es, el(c, c.r1, es, c.m3))
  }
}
export const vsteb = vste(0)
export const vsteh = vste(1)
export const vstef = vste(2)
export const vsteg = vste(3)
/** Gather/scatter address: D2(B2) plus element M3 of V2 (zero-extended), wrapped to the addressing mode. */
function vrvAddr(c: Cpu, es: number): number {
  if (c.m3 >= count(es)) spec()
  const base = c.b2 !== 0 ? c.r64(c.b2) : 0n
  return addrOf(c, base + BigInt(c.d2) + el(c, c.r2, es, c.m3))
}
/** VECTOR GATHER ELEMENT (F/G): element M3 of V1 from the address in element M3 of V2 plus D2(B2). */
function vge(es: number): Exec {
  return (c) => {
    enabled(c)
    const a = vrvAddr(c, es)
    setEl(c, c.r1, es, c.m3, loadEl(c, a, es))
  }
}
export const vgef = vge(2)
export const vgeg = vge(3)
/** VECTOR SCATTER ELEMENT (F/G): element M3 of V1 to that address. */
function vsce(es: number): Exec {
  return (c) => {
    enabled(c)
    storeEl(c, vrvAddr(c, es), es, el(c, c.r1, es, c.m3))
  }
}
export const vscef = vsce(2)
export const vsceg = vsce(3)

// ---- GR <-> element moves, masks and immediates --------------------------------------------------------------

/** VECTOR LOAD VR ELEMENT FROM GR: element index from the second-operand address. */
export const vlvg: Exec = (c) => {
  enabled(c)
  esIn(c.m4, 0, 3)
  const i = lowAddr(c) & (count(c.m4) - 1)
  setEl(c, c.r1, c.m4, i, c.r64(c.r3))
}
/** VECTOR LOAD GR FROM VR ELEMENT (zero-extended). */
export const vlgv: Exec = (c) => {
  enabled(c)
  esIn(c.m4, 0, 3)
  const i = lowAddr(c) & (count(c.m4) - 1)
  c.setR64(c.r1, el(c, c.r3, c.m4, i))
}
/** VECTOR LOAD VR FROM GRS DISJOINT: V1 = R2 || R3. */
export const vlvgp: Exec = (c) => {
  enabled(c)
  vset(c, c.r1, (c.r64(c.r2) << 64n) | c.r64(c.r3))
}
/** VECTOR GENERATE BYTE MASK: bit n of I2 selects byte n all ones. */
export const vgbm: Exec = (c) => {
  enabled(c)
  for (let b = 0; b < 16; b++) setEl(c, c.r1, 0, b, c.i2 & (0x8000 >>> b) ? 0xffn : 0n)
}
/** VECTOR GENERATE MASK: in every element, ones from bit I2 to bit I3 (modulo the element width; wrapping around
 * when I2 > I3). */
export const vgm: Exec = (c) => {
  enabled(c)
  esIn(c.m4, 0, 3)
  const bits = bitsOf(c.m4)
  const s = c.i2 & (bits - 1)
  const e = c.i3 & (bits - 1)
  let m = 0n
  for (let b = 0; b < bits; b++) {
    const on = s <= e ? b >= s && b <= e : b >= s || b <= e
    if (on) m |= 1n << BigInt(bits - 1 - b)
  }
  for (let i = 0; i < count(c.m4); i++) setEl(c, c.r1, c.m4, i, m)
}
/** VECTOR REPLICATE IMMEDIATE: the sign-extended I2 in every element of size M3. */
export const vrepi: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 0, 3)
  const v = BigInt((c.i2 << 16) >> 16)
  for (let i = 0; i < count(c.m3); i++) setEl(c, c.r1, c.m3, i, v)
}
/** VECTOR REPLICATE: element I2 of V3 into every element (an index beyond the vector: specification). */
export const vrep: Exec = (c) => {
  enabled(c)
  esIn(c.m4, 0, 3)
  if (c.i2 >= count(c.m4)) spec()
  const x = el(c, c.r3, c.m4, c.i2)
  for (let i = 0; i < count(c.m4); i++) setEl(c, c.r1, c.m4, i, x)
}

// ---- merges, packs, permutes, select, sign extension, unpacks ---------------------------------------------------

/** VECTOR MERGE HIGH / LOW: elements of the left (right) halves of V2 and V3 interleaved. */
function vmr(low: boolean): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m4, 0, 3)
    const n = count(c.m4)
    const a = els(c, c.r2, c.m4)
    const b = els(c, c.r3, c.m4)
    const off = low ? n / 2 : 0
    const out: bigint[] = []
    for (let i = 0; i < n / 2; i++) out.push(a[off + i]!, b[off + i]!)
    setEls(c, c.r1, c.m4, out)
  }
}
export const vmrh = vmr(false)
export const vmrl = vmr(true)
/** VECTOR PACK: the right halves of the elements of V2 then V3. */
export const vpk: Exec = (c) => {
  enabled(c)
  esIn(c.m4, 1, 3)
  const h = maskOf(c.m4 - 1)
  setEls(c, c.r1, c.m4 - 1, [...els(c, c.r2, c.m4), ...els(c, c.r3, c.m4)].map((x) => x & h))
}
/** VECTOR PACK (LOGICAL) SATURATE: as VPK with saturation; M5 bit 3 sets the CC (0 none, 1 some, 3 all
 * saturated). */
function vpksOp(logical: boolean): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m4, 1, 3)
    const hb = BigInt(bitsOf(c.m4 - 1))
    const max = logical ? (1n << hb) - 1n : (1n << (hb - 1n)) - 1n
    const min = logical ? 0n : -(1n << (hb - 1n))
    let sat = 0
    const src = [...els(c, c.r2, c.m4), ...els(c, c.r3, c.m4)]
    const out = src.map((u) => {
      const x = logical ? u : sx(u, c.m4)
      if (x > max || x < min) {
        sat++
        return BigInt.asUintN(Number(hb), x > max ? max : min)
      }
      return BigInt.asUintN(Number(hb), x)
    })
    setEls(c, c.r1, c.m4 - 1, out)
    if (c.m5 & 1) c.cc = sat === 0 ? 0 : sat === src.length ? 3 : 1
  }
}
export const vpks = vpksOp(false)
export const vpkls = vpksOp(true)
/** VECTOR PERMUTE: byte i of V1 is byte (V4 byte i & 31) of V2 || V3. */
export const vperm: Exec = (c) => {
  enabled(c)
  const src = [...els(c, c.r2, 0), ...els(c, c.r3, 0)]
  const sel = els(c, c.i4, 0)
  setEls(c, c.r1, 0, sel.map((s) => src[Number(s & 31n)]!))
}
/** VECTOR PERMUTE DOUBLEWORD IMMEDIATE: M4 bit 1 picks V2's doubleword, bit 3 V3's. */
export const vpdi: Exec = (c) => {
  enabled(c)
  const a = el(c, c.r2, 3, (c.m4 >>> 2) & 1)
  const b = el(c, c.r3, 3, c.m4 & 1)
  setEls(c, c.r1, 3, [a, b])
}
/** VECTOR SELECT: bits of V2 where V4 is one, of V3 where it is zero. */
export const vsel: Exec = (c) => {
  enabled(c)
  const m = vget(c, c.i4)
  vset(c, c.r1, (vget(c, c.r2) & m) | (vget(c, c.r3) & ~m))
}
/** VECTOR SIGN EXTEND TO DOUBLEWORD: the rightmost element of each doubleword, sign-extended. */
export const vseg: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 0, 2)
  const per = count(c.m3) / 2
  const a = sx(el(c, c.r2, c.m3, per - 1), c.m3)
  const b = sx(el(c, c.r2, c.m3, 2 * per - 1), c.m3)
  setEls(c, c.r1, 3, [BigInt.asUintN(64, a), BigInt.asUintN(64, b)])
}
/** VECTOR UNPACK (LOGICAL) HIGH / LOW: the left (right) half of V2's elements, extended to twice their size. */
function vup(low: boolean, logical: boolean): Exec {
  return (c) => {
    enabled(c)
    esIn(c.m3, 0, 2)
    const n = count(c.m3)
    const src = els(c, c.r2, c.m3).slice(low ? n / 2 : 0, low ? n : n / 2)
    const w = bitsOf(c.m3 + 1)
    setEls(c, c.r1, c.m3 + 1, src.map((x) => (logical ? x : BigInt.asUintN(w, sx(x, c.m3)))))
  }
}
export const vuph = vup(false, false)
export const vuplh = vup(false, true)
export const vupl = vup(true, false)
export const vupll = vup(true, true)

// ---- vector-enhancements 2 (148): byte- and element-reversed loads and stores, shifts by bit -----------------

/** Reverses the bytes of an element of 2^es bytes. */
function bswap(x: bigint, es: number): bigint {
  let r = 0n
  for (let k = 0; k < 1 << es; k++) {
    r = (r << 8n) | (x & 0xffn)
    x >>= 8n
  }
  return r
}
/** The 16 bytes at the second-operand address as elements of size es (access checked for all 16 first). */
function load16(c: Cpu, es: number): bigint[] {
  const a = c.ea2()
  const x = loadBytes(c, a, 16)
  const n = count(es)
  const w = BigInt(8 << es)
  return Array.from({ length: n }, (_, i) => (x >> (BigInt(n - 1 - i) * w)) & ((1n << w) - 1n))
}
function store16(c: Cpu, es: number, xs: readonly bigint[]): void {
  const w = BigInt(8 << es)
  let x = 0n
  for (const e of xs) x = (x << w) | e
  storeBytes(c, c.ea2(), 16, x)
}
/** VECTOR LOAD BYTE REVERSED ELEMENTS (M3 1-4). */
export const vlbr: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 1, 4)
  setEls(c, c.r1, c.m3, load16(c, c.m3).map((x) => bswap(x, c.m3)))
}
/** VECTOR STORE BYTE REVERSED ELEMENTS. */
export const vstbr: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 1, 4)
  store16(c, c.m3, els(c, c.r1, c.m3).map((x) => bswap(x, c.m3)))
}
/** VECTOR LOAD ELEMENTS REVERSED (M3 1-3): element i from storage element n-1-i. */
export const vler: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 1, 3)
  setEls(c, c.r1, c.m3, load16(c, c.m3).reverse())
}
/** VECTOR STORE ELEMENTS REVERSED. */
export const vster: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 1, 3)
  store16(c, c.m3, els(c, c.r1, c.m3).reverse())
}
/** VECTOR LOAD BYTE REVERSED ELEMENT (H/F/G): element M3 of V1. */
function vlebr(es: number): Exec {
  return (c) => {
    enabled(c)
    if (c.m3 >= count(es)) spec()
    setEl(c, c.r1, es, c.m3, bswap(loadEl(c, c.ea2(), es), es))
  }
}
export const vlebrh = vlebr(1)
export const vlebrf = vlebr(2)
export const vlebrg = vlebr(3)
/** VECTOR STORE BYTE REVERSED ELEMENT (H/F/G). */
function vstebr(es: number): Exec {
  return (c) => {
    enabled(c)
    if (c.m3 >= count(es)) spec()
    storeEl(c, c.ea2(), es, bswap(el(c, c.r1, es, c.m3), es))
  }
}
export const vstebrh = vstebr(1)
export const vstebrf = vstebr(2)
export const vstebrg = vstebr(3)
/** VECTOR LOAD BYTE REVERSED ELEMENT AND REPLICATE (M3 1-3). */
export const vlbrrep: Exec = (c) => {
  enabled(c)
  esIn(c.m3, 1, 3)
  const x = bswap(loadEl(c, c.ea2(), c.m3), c.m3)
  for (let i = 0; i < count(c.m3); i++) setEl(c, c.r1, c.m3, i, x)
}
/** VECTOR LOAD BYTE REVERSED ELEMENT AND ZERO (M3 1-3, or 6). */
export const vllebrz: Exec = (c) => {
  enabled(c)
  const es = llezSize(c, 1)
  const size = es === 6 ? 2 : es
  llez(c, es, bswap(loadEl(c, c.ea2(), size), size))
}
/** VECTOR SHIFT LEFT / RIGHT DOUBLE BY BIT (VRI-d; I4 0-7, larger values: specification): 128 bits of V2 || V3. */
function shiftDouble(right: boolean): Exec {
  return (c) => {
    enabled(c)
    if (c.i4 > 7) spec()
    const x = (vget(c, c.r2) << 128n) | vget(c, c.r3)
    const n = BigInt(c.i4)
    vset(c, c.r1, right ? (x >> n) & ((1n << 128n) - 1n) : (x >> (128n - n)) & ((1n << 128n) - 1n))
  }
}
export const vsld = shiftDouble(false)
export const vsrd = shiftDouble(true)
