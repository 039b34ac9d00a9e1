// Vector facility subset (POP ch. 21-22) executed by the upstream kernels: VL, VST, VLM, VSTM, VLR, VN/VNN/VO/VX,
// VAQ, VZERO-style VGBM, VLVG/VLGV of doublewords.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/cpu.ts'
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
