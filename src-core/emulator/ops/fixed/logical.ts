// POP ch. 7, logical instructions: AND/OR/EXCLUSIVE OR, SELECT, INSERT and LOAD LOGICAL IMMEDIATE, TEST UNDER
// MASK, FIND LEFTMOST ONE, POPULATION COUNT. tests/isa/logical.test.ts
import type { Cpu } from '../../cpu/cpu.ts'
import type { Exec } from '../../isa/decode.ts'
import { mask64 } from '../helpers.ts'
import { m32, m64, set64, evenPair, sx } from './operands.ts'

// ---- logical (AND/OR/XOR) ---------------------------------------------------------------------------------------
function n32(c: Cpu, r: number, v: number): void {
  c.rl[r] = v
  c.cc = v === 0 ? 0 : 1
}
function n64(c: Cpu, r: number, h: number, l: number): void {
  c.rh[r] = h
  c.rl[r] = l
  c.cc = (h | l) === 0 ? 0 : 1
}
export const nr: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! & c.rl[c.r2]!)
export const or: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! | c.rl[c.r2]!)
export const xr: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! ^ c.rl[c.r2]!)
export const nrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! & c.rl[c.r3]!)
export const ork: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! | c.rl[c.r3]!)
export const xrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! ^ c.rl[c.r3]!)
export const n: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! & m32(c))
export const o: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! | m32(c))
export const x: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! ^ m32(c))
export const ngr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! & c.rh[c.r2]!, c.rl[c.r1]! & c.rl[c.r2]!)
export const ogr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! | c.rh[c.r2]!, c.rl[c.r1]! | c.rl[c.r2]!)
export const xgr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! ^ c.rh[c.r2]!, c.rl[c.r1]! ^ c.rl[c.r2]!)
export const ngrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! & c.rh[c.r3]!, c.rl[c.r2]! & c.rl[c.r3]!)
export const ogrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! | c.rh[c.r3]!, c.rl[c.r2]! | c.rl[c.r3]!)
export const xgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! ^ c.rh[c.r3]!, c.rl[c.r2]! ^ c.rl[c.r3]!)
// Miscellaneous-instruction-extensions 3 (facility 61): AND/OR with complement, NAND, NOR, NOT XOR, SELECT.
export const ncrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! & ~c.rl[c.r3]!)
export const ncgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! & ~c.rh[c.r3]!, c.rl[c.r2]! & ~c.rl[c.r3]!)
export const ocrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! | ~c.rl[c.r3]!)
export const ocgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! | ~c.rh[c.r3]!, c.rl[c.r2]! | ~c.rl[c.r3]!)
export const nnrk: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! & c.rl[c.r3]!))
export const nngrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! & c.rh[c.r3]!), ~(c.rl[c.r2]! & c.rl[c.r3]!))
export const nork: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! | c.rl[c.r3]!))
export const nogrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! | c.rh[c.r3]!), ~(c.rl[c.r2]! | c.rl[c.r3]!))
export const nxrk: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! ^ c.rl[c.r3]!))
export const nxgrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! ^ c.rh[c.r3]!), ~(c.rl[c.r2]! ^ c.rl[c.r3]!))
/** SELECT: R2 when the M4 condition holds, else R3; the CC is unchanged. */
export const selr: Exec = (c) => void (c.rl[c.r1] = (c.m4 & (8 >>> c.cc)) !== 0 ? c.rl[c.r2]! : c.rl[c.r3]!)
export const selgr: Exec = (c) => {
  const r = (c.m4 & (8 >>> c.cc)) !== 0 ? c.r2 : c.r3
  set64(c, c.r1, c.rh[r]!, c.rl[r]!)
}
export const selfhr: Exec = (c) => void (c.rh[c.r1] = (c.m4 & (8 >>> c.cc)) !== 0 ? c.rh[c.r2]! : c.rh[c.r3]!)
export const ng: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! & c.th, c.rl[c.r1]! & c.tl)
}
export const og: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! | c.th, c.rl[c.r1]! | c.tl)
}
export const xg: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! ^ c.th, c.rl[c.r1]! ^ c.tl)
}
/** AND/OR/XOR immediate on a 16- or 32-bit field; `hi` selects the high word, `shift` the halfword. */
function immOp(op: 'n' | 'o' | 'x', hi: boolean, half: -1 | 0 | 16): Exec {
  return (c) => {
    const arr = hi ? c.rh : c.rl
    const cur = arr[c.r1]!
    const fm = half === -1 ? -1 : 0xffff << half
    const iv = half === -1 ? c.i2 : (c.i2 & 0xffff) << half
    let v: number
    if (op === 'n') v = cur & (iv | ~fm)
    else if (op === 'o') v = cur | iv
    else v = cur ^ iv
    arr[c.r1] = v
    c.cc = (v & fm) === 0 ? 0 : 1
  }
}
export const nilf = immOp('n', false, -1)
export const nihf = immOp('n', true, -1)
export const oilf = immOp('o', false, -1)
export const oihf = immOp('o', true, -1)
export const xilf = immOp('x', false, -1)
export const xihf = immOp('x', true, -1)
export const nill = immOp('n', false, 0)
export const nilh = immOp('n', false, 16)
export const nihl = immOp('n', true, 0)
export const nihh = immOp('n', true, 16)
export const oill = immOp('o', false, 0)
export const oilh = immOp('o', false, 16)
export const oihl = immOp('o', true, 0)
export const oihh = immOp('o', true, 16)

// ---- insert / load immediate ----------------------------------------------------------------------------------
function ins(hi: boolean, half: -1 | 0 | 16, zero: boolean): Exec {
  return (c) => {
    const arr = hi ? c.rh : c.rl
    if (zero) {
      c.rh[c.r1] = 0
      c.rl[c.r1] = 0
    }
    if (half === -1) arr[c.r1] = c.i2
    else arr[c.r1] = (arr[c.r1]! & ~(0xffff << half)) | ((c.i2 & 0xffff) << half)
  }
}
export const iilf = ins(false, -1, false)
export const iihf = ins(true, -1, false)
export const iill = ins(false, 0, false)
export const iilh = ins(false, 16, false)
export const iihl = ins(true, 0, false)
export const iihh = ins(true, 16, false)
export const llilf = ins(false, -1, true)
export const llihf = ins(true, -1, true)
export const llill = ins(false, 0, true)
export const llilh = ins(false, 16, true)
export const llihl = ins(true, 0, true)
export const llihh = ins(true, 16, true)
export const lhi: Exec = (c) => void (c.rl[c.r1] = c.i2)
export const lghi: Exec = (c) => set64(c, c.r1, sx(c.i2), c.i2)
export const lgfi: Exec = (c) => set64(c, c.r1, sx(c.i2), c.i2)

// ---- test under mask -------------------------------------------------------------------------------------------
/** CC of TEST UNDER MASK (register forms): 0 all zero, 3 all one, 1 mixed with leftmost selected 0, 2 mixed with it 1. */
function tmcc(v: number, mask: number): number {
  const sel = v & mask
  if (sel === 0) return 0
  if (sel === mask) return 3
  const top = 1 << (31 - Math.clz32(mask))
  return sel & top ? 2 : 1
}
function tmr(hi: boolean, shift: number): Exec {
  return (c) => {
    const v = ((hi ? c.rh : c.rl)[c.r1]! >>> shift) & 0xffff
    c.cc = tmcc(v, c.i2 & 0xffff)
  }
}
export const tmll = tmr(false, 0)
export const tmlh = tmr(false, 16)
export const tmhl = tmr(true, 0)
export const tmhh = tmr(true, 16)


// ---- find leftmost one / population count -------------------------------------------------------------------
export const flogr: Exec = (c) => {
  evenPair(c, c.r1)
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  if ((h | l) === 0) {
    set64(c, c.r1, 0, 64)
    set64(c, c.r1 + 1, 0, 0)
    c.cc = 0
    return
  }
  const pos = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l)
  // Remainder: input with the found bit cleared.
  mask64(c, pos, pos)
  const mh = c.th
  const ml = c.tl
  set64(c, c.r1 + 1, h & ~mh, l & ~ml)
  set64(c, c.r1, 0, pos)
  c.cc = 2
}
export const popcnt: Exec = (c) => {
  const cnt = (v: number): number => {
    v = v - ((v >>> 1) & 0x55555555)
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
  }
  const pb = (v: number): number => ((cnt(v >>> 24) << 24) | (cnt((v >>> 16) & 0xff) << 16) | (cnt((v >>> 8) & 0xff) << 8) | cnt(v & 0xff)) | 0
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  // M3 bit 0 (miscellaneous-instruction-extensions 3, facility 61): the total count instead of per-byte counts.
  if (c.m3 & 8) set64(c, c.r1, 0, cnt(h) + cnt(l))
  else set64(c, c.r1, pb(h), pb(l))
  c.cc = (h | l) === 0 ? 0 : 1
}
