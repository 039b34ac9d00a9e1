// POP ch. 7, shifts and rotates: single and double, logical and arithmetic, RLL/RLLG and the
// rotate-then-*-selected-bits family. tests/isa/shift-rotate.test.ts
import type { Cpu } from '../../cpu/cpu.ts'
import type { Exec } from '../../isa/decode.ts'
import { bigToPair, cc32, cc64, mask64, ovf, pairToBig, rotl64, sar64, shl64, shr64 } from '../helpers.ts'
import { sh, set64, put, evenPair } from './operands.ts'

// ---- shifts and rotates ----------------------------------------------------------------------------------------
export const sll: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r1]! << n
}
export const srl: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r1]! >>> n
}
export const sllk: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r3]! << n
}
export const srlk: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r3]! >>> n
}
function sra32(c: Cpu, r1: number, v: number): void {
  const n = sh(c)
  const r = v >> Math.min(n, 31)
  c.rl[r1] = r
  c.cc = cc32(r)
}
export const sra: Exec = (c) => sra32(c, c.r1, c.rl[c.r1]!)
export const srak: Exec = (c) => sra32(c, c.r1, c.rl[c.r3]!)
function sla32(c: Cpu, r1: number, v: number): void {
  const n = sh(c)
  const sign = v & 0x80000000
  let r = v
  let over = false
  for (let i = 0; i < n; i++) {
    r = r << 1
    if ((r & 0x80000000) !== sign) over = true
  }
  r = (r & 0x7fffffff) | sign
  c.rl[r1] = r
  c.cc = over ? 3 : cc32(r)
  ovf(c)
}
export const sla: Exec = (c) => sla32(c, c.r1, c.rl[c.r1]!)
export const slak: Exec = (c) => sla32(c, c.r1, c.rl[c.r3]!)
export const sllg: Exec = (c) => {
  shl64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
export const srlg: Exec = (c) => {
  shr64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
export const srag: Exec = (c) => {
  sar64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
  c.cc = cc64(c.th, c.tl)
}
export const slag: Exec = (c) => {
  const v = pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  const n = BigInt(sh(c))
  const sign = v < 0n
  const full = v << n
  const r = (BigInt.asUintN(63, full) | (sign ? 1n << 63n : 0n))
  bigToPair(c, r)
  put(c, c.r1)
  const over = full >> 63n !== (sign ? -1n : 0n)
  c.cc = over ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
export const rll: Exec = (c) => {
  const n = sh(c) & 31
  const v = c.rl[c.r3]!
  c.rl[c.r1] = n === 0 ? v : (v << n) | (v >>> (32 - n))
}
export const rllg: Exec = (c) => {
  rotl64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
function dblShift(kind: 'sldl' | 'srdl' | 'slda' | 'srda'): Exec {
  return (c) => {
    evenPair(c, c.r1)
    const n = BigInt(sh(c))
    const v = pairToBig(c.rl[c.r1]!, c.rl[c.r1 + 1]!)
    let r: bigint
    let over = false
    if (kind === 'sldl') r = v << n
    else if (kind === 'srdl') r = BigInt.asUintN(64, v) >> n
    else if (kind === 'srda') r = v >> n
    else {
      const full = v << n
      r = BigInt.asUintN(63, full) | (v < 0n ? 1n << 63n : 0n)
      over = full >> 63n !== (v < 0n ? -1n : 0n)
    }
    bigToPair(c, r)
    c.rl[c.r1] = c.th
    c.rl[c.r1 + 1] = c.tl
    if (kind === 'slda' || kind === 'srda') {
      c.cc = over ? 3 : cc64(c.th, c.tl)
      ovf(c)
    }
  }
}
export const sldl = dblShift('sldl')
export const srdl = dblShift('srdl')
export const slda = dblShift('slda')
export const srda = dblShift('srda')

/** ROTATE THEN INSERT SELECTED BITS (RISBG/RISBGN) and the AND/OR/XOR variants. */
function risbgOp(setCc: boolean): Exec {
  return (c) => {
    const start = c.i3 & 63
    const end = c.i4 & 63
    const zero = (c.i4 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const rh = c.th
    const rl = c.tl
    mask64(c, start, end)
    const mh = c.th
    const ml = c.tl
    const h = (rh & mh) | (zero ? 0 : c.rh[c.r1]! & ~mh)
    const lo = (rl & ml) | (zero ? 0 : c.rl[c.r1]! & ~ml)
    set64(c, c.r1, h, lo)
    if (setCc) c.cc = cc64(h, lo)
  }
}
export const risbg = risbgOp(true)
export const risbgn = risbgOp(false)
function rsbgOp(op: 'n' | 'o' | 'x'): Exec {
  return (c) => {
    const start = c.i3 & 63
    const end = c.i4 & 63
    const test = (c.i3 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const rh = c.th
    const rl = c.tl
    mask64(c, start, end)
    const mh = c.th
    const ml = c.tl
    const oh = c.rh[c.r1]!
    const ol = c.rl[c.r1]!
    let h: number
    let lo: number
    if (op === 'n') {
      h = oh & (rh | ~mh)
      lo = ol & (rl | ~ml)
    } else if (op === 'o') {
      h = oh | (rh & mh)
      lo = ol | (rl & ml)
    } else {
      h = oh ^ (rh & mh)
      lo = ol ^ (rl & ml)
    }
    c.cc = ((h & mh) | (lo & ml)) === 0 ? 0 : 1
    if (!test) set64(c, c.r1, h, lo)
  }
}
export const rnsbg = rsbgOp('n')
export const rosbg = rsbgOp('o')
export const rxsbg = rsbgOp('x')
/** RISBHG / RISBLG: insert into the high or low word only (bits 0-31 or 32-63 of the selection). */
function risbWord(high: boolean): Exec {
  return (c) => {
    const start = c.i3 & 31
    const end = c.i4 & 31
    const zero = (c.i4 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const src = high ? c.th : c.tl
    mask64(c, start, end)
    const mk = c.th
    const arr = high ? c.rh : c.rl
    arr[c.r1] = (src & mk) | (zero ? 0 : arr[c.r1]! & ~mk)
  }
}
export const risbhg = risbWord(true)
export const risblg = risbWord(false)
