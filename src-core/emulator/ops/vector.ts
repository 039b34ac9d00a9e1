// Vector facility subset (POP ch. 21-22) executed by the upstream kernels: VL, VST, VLM, VSTM, VLR, VN/VNN/VO/VX,
// VAQ, VZERO-style VGBM, VLVG/VLGV of doublewords.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_DATA, PGM_SPECIFICATION, CR0_AFP, CR0_VECTOR, LC_DATA_EXC_CODE } from '../cpu/constants.ts'

/** Vector instructions need CR0 bit 46; otherwise data exception DXC 0xfe (also in the FPC when AFP is on). */
function enabled(c: Cpu): void {
  if ((c.crl[0]! & CR0_VECTOR) === 0) {
    c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0xfe)
    if (c.crl[0]! & CR0_AFP) c.fpc = ((c.fpc & ~0xff00) | 0xfe00) >>> 0
    pgm(PGM_DATA)
  }
}
function loadV(c: Cpu, v: number, a: number): void {
  for (let i = 0; i < 4; i++) c.vr[v * 4 + i] = c.rd32(c.wrap(a + i * 4))
}
function storeV(c: Cpu, v: number, a: number): void {
  for (let i = 0; i < 4; i++) c.wr32(c.wrap(a + i * 4), c.vr[v * 4 + i]!)
}
export const vl: Exec = (c) => {
  enabled(c)
  const a = c.ea2()
  c.probe(a, 16, 0)
  loadV(c, c.r1, a)
}
export const vst: Exec = (c) => {
  enabled(c)
  const a = c.ea2()
  c.probe(a, 16, 1)
  storeV(c, c.r1, a)
}
export const vlm: Exec = (c) => {
  enabled(c)
  if (c.r3 < c.r1 || c.r3 - c.r1 >= 16) pgm(PGM_SPECIFICATION)
  const a = c.ea2()
  c.probe(a, (c.r3 - c.r1 + 1) * 16, 0)
  for (let v = c.r1; v <= c.r3; v++) loadV(c, v, c.wrap(a + (v - c.r1) * 16))
}
export const vstm: Exec = (c) => {
  enabled(c)
  if (c.r3 < c.r1 || c.r3 - c.r1 >= 16) pgm(PGM_SPECIFICATION)
  const a = c.ea2()
  c.probe(a, (c.r3 - c.r1 + 1) * 16, 1)
  for (let v = c.r1; v <= c.r3; v++) storeV(c, v, c.wrap(a + (v - c.r1) * 16))
}
export const vlr: Exec = (c) => {
  enabled(c)
  for (let i = 0; i < 4; i++) c.vr[c.r1 * 4 + i] = c.vr[c.r2 * 4 + i]!
}
function bitwise(op: (a: number, b: number) => number): Exec {
  return (c) => {
    enabled(c)
    for (let i = 0; i < 4; i++) c.vr[c.r1 * 4 + i] = op(c.vr[c.r2 * 4 + i]!, c.vr[c.r3 * 4 + i]!)
  }
}
export const vn = bitwise((a, b) => a & b)
export const vo = bitwise((a, b) => a | b)
export const vx = bitwise((a, b) => a ^ b)
export const vnn = bitwise((a, b) => ~(a & b))
export const vno = bitwise((a, b) => ~(a | b))
/** VECTOR ADD with element size from M4 (0 byte .. 4 quadword). */
export const va: Exec = (c) => {
  enabled(c)
  const es = c.m4
  if (es > 4) pgm(PGM_SPECIFICATION)
  const bytes = 1 << es
  const a = new Uint8Array(16)
  const b = new Uint8Array(16)
  const da = new DataView(a.buffer)
  const db = new DataView(b.buffer)
  for (let i = 0; i < 4; i++) {
    da.setInt32(i * 4, c.vr[c.r2 * 4 + i]!)
    db.setInt32(i * 4, c.vr[c.r3 * 4 + i]!)
  }
  for (let e = 0; e < 16; e += bytes) {
    let carry = 0
    for (let k = e + bytes - 1; k >= e; k--) {
      const s = a[k]! + b[k]! + carry
      a[k] = s & 0xff
      carry = s >> 8
    }
  }
  for (let i = 0; i < 4; i++) c.vr[c.r1 * 4 + i] = da.getInt32(i * 4)
}

/** Element `i` of size 2^es bytes of vector register v as an unsigned BigInt. */
function elemGet(c: Cpu, v: number, es: number, i: number): bigint {
  const bytes = 1 << es
  let r = 0n
  for (let k = 0; k < bytes; k++) {
    const b = i * bytes + k
    r = (r << 8n) | BigInt((c.vr[v * 4 + (b >>> 2)]! >>> (24 - 8 * (b & 3))) & 0xff)
  }
  return r
}
function elemSet(c: Cpu, v: number, es: number, i: number, x: bigint): void {
  const bytes = 1 << es
  for (let k = bytes - 1; k >= 0; k--) {
    const b = i * bytes + k
    const w = v * 4 + (b >>> 2)
    const sh = 24 - 8 * (b & 3)
    c.vr[w] = (c.vr[w]! & ~(0xff << sh)) | (Number(x & 0xffn) << sh)
    x >>= 8n
  }
}
function esCheck(c: Cpu, es: number): void {
  if (es > 3) pgm(PGM_SPECIFICATION)
}
/** VECTOR LOAD VR ELEMENT FROM GR: element index from the second-operand address. */
export const vlvg: Exec = (c) => {
  enabled(c)
  esCheck(c, c.m4)
  const i = c.ea(0, c.b2, c.d2) & ((16 >>> c.m4) - 1)
  elemSet(c, c.r1, c.m4, i, c.r64(c.r3))
}
/** VECTOR LOAD GR FROM VR ELEMENT (zero-extended). */
export const vlgv: Exec = (c) => {
  enabled(c)
  esCheck(c, c.m4)
  const i = c.ea(0, c.b2, c.d2) & ((16 >>> c.m4) - 1)
  c.setR64(c.r1, elemGet(c, c.r3, c.m4, i))
}
/** VECTOR GENERATE BYTE MASK: bit n of I2 selects byte n all ones. */
export const vgbm: Exec = (c) => {
  enabled(c)
  for (let b = 0; b < 16; b++) elemSet(c, c.r1, 0, b, c.i2 & (0x8000 >>> b) ? 0xffn : 0n)
}
/** VECTOR REPLICATE IMMEDIATE: the sign-extended I2 in every element of size M3. */
export const vrepi: Exec = (c) => {
  enabled(c)
  esCheck(c, c.m3)
  const v = BigInt((c.i2 << 16) >> 16)
  for (let i = 0; i < 16 >>> c.m3; i++) elemSet(c, c.r1, c.m3, i, v)
}
/** VECTOR COMPARE EQUAL: all-ones elements where equal; M5 bit 3 (VRR-b, bits 24-27) sets the CC. */
export const vceq: Exec = (c) => {
  enabled(c)
  esCheck(c, c.m4)
  const n = 16 >>> c.m4
  const ones = (1n << BigInt(8 << c.m4)) - 1n
  let eq = 0
  for (let i = 0; i < n; i++) {
    const e = elemGet(c, c.r2, c.m4, i) === elemGet(c, c.r3, c.m4, i)
    if (e) eq++
    elemSet(c, c.r1, c.m4, i, e ? ones : 0n)
  }
  if ((c.h1 >>> 4) & 1) c.cc = eq === n ? 0 : eq === 0 ? 3 : 1
}
/** VECTOR SHIFT LEFT by 0-7 bits (bits 5-7 of byte 7 of the third operand). */
export const vsl: Exec = (c) => {
  enabled(c)
  const n = BigInt(Number(elemGet(c, c.r3, 0, 7)) & 7)
  let v = 0n
  for (let i = 0; i < 4; i++) v = (v << 32n) | BigInt(c.vr[c.r2 * 4 + i]! >>> 0)
  v = (v << n) & ((1n << 128n) - 1n)
  for (let i = 3; i >= 0; i--) {
    c.vr[c.r1 * 4 + i] = Number(v & 0xffffffffn) | 0
    v >>= 32n
  }
}
