// Translation and comparison of strings (POP ch. 7): TRANSLATE EXTENDED, TRANSLATE ONE/TWO TO ONE/TWO
// (extended-translation facility 2, with the ETF2-enhancement's test-character-comparison control), COMPARE UNTIL
// SUBSTRING EQUAL, SEARCH STRING UNICODE, and PACK/UNPACK ASCII/UNICODE. The interruptible ones stop after a
// CPU-determined amount (CHUNK units) with condition code 3 and their registers updated, so they resume.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { ACC_FETCH, ACC_STORE, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { isAccessException } from './helpers.ts'

/** Units processed by one execution before condition code 3. */
const CHUNK = 4096

/** A length register (R+1 of a pair): bits 32-63 in the 24/31-bit modes, 64 bits in the 64-bit mode. */
export function lenReg(c: Cpu, r: number): number {
  return c.amode === -1 ? c.rnum(r) : c.rl[r]! >>> 0
}
/** Sets a length register the way lenReg reads it (bits 0-31 unchanged in the 24/31-bit modes). */
export function setLenReg(c: Cpu, r: number, v: number): void {
  if (c.amode === -1) c.rh[r] = Math.floor(v / 4294967296) | 0
  c.rl[r] = v | 0
}
function even(r: number): void {
  if (r & 1) pgm(PGM_SPECIFICATION)
}
const rd16 = (c: Cpu, a: number): number => (c.rd8(a) << 8) | c.rd8(c.wrap(a + 1))
function wr16(c: Cpu, a: number, v: number): void {
  c.wr8(a, v >>> 8)
  c.wr8(c.wrap(a + 1), v)
}

// ---- TRANSLATE EXTENDED ---------------------------------------------------------------------------------------
/** TRE: translates the first operand (R1, length R1+1) through the 256-byte table at R2 until the test byte (GR0
 * bits 56-63) is met: CC 1 with R1 at that byte; CC 0 at the end; CC 3 after a CPU-determined part. */
export const tre: Exec = (c) => {
  even(c.r1)
  let a = c.raddr(c.r1)
  let len = lenReg(c, c.r1 + 1)
  const table = c.raddr(c.r2)
  const test = c.rl[0]! & 0xff
  let cc = 0
  let k = 0
  while (len > 0) {
    if (k++ === CHUNK) {
      cc = 3
      break
    }
    try {
      const b = c.rd8(a)
      if (b === test) {
        cc = 1
        break
      }
      c.wr8(a, c.rd8(c.wrap(table + b)))
    } catch (e) {
      if (k === 1 || !isAccessException(e)) throw e
      cc = 3
      break
    }
    a = c.wrap(a + 1)
    len--
  }
  c.setRaddr(c.r1, a)
  setLenReg(c, c.r1 + 1, len)
  c.cc = cc
}

// ---- TRANSLATE ONE/TWO TO ONE/TWO ---------------------------------------------------------------------------
/** TROO/TROT/TRTO/TRTT: source units of `src` bytes at R2 translated through the table at GR1 (doubleword boundary)
 * into units of `dst` bytes at R1; R1+1 is the source length (a multiple of `src`). Stops with CC 1 at a translated
 * unit equal to the test character in GR0 (unless M3 bit 3, the test-character-comparison control, is one). */
function trxx(src: 1 | 2, dst: 1 | 2): Exec {
  return (c) => {
    even(c.r1)
    let len = lenReg(c, c.r1 + 1)
    if (src === 2 && len % 2 !== 0) pgm(PGM_SPECIFICATION)
    let d = c.raddr(c.r1)
    let s = c.raddr(c.r2)
    const table = c.raddr(1) - (c.raddr(1) % 8)
    const test = dst === 1 ? c.rl[0]! & 0xff : c.rl[0]! & 0xffff
    const compare = (c.m3 & 1) === 0
    let cc = 0
    let k = 0
    while (len > 0) {
      if (k++ === CHUNK) {
        cc = 3
        break
      }
      try {
        const v = src === 1 ? c.rd8(s) : rd16(c, s)
        const e = c.wrap(table + v * dst)
        const t = dst === 1 ? c.rd8(e) : rd16(c, e)
        if (compare && t === test) {
          cc = 1
          break
        }
        if (dst === 1) c.wr8(d, t)
        else wr16(c, d, t)
      } catch (e) {
        if (k === 1 || !isAccessException(e)) throw e
        cc = 3
        break
      }
      d = c.wrap(d + dst)
      s = c.wrap(s + src)
      len -= src
    }
    c.setRaddr(c.r1, d)
    c.setRaddr(c.r2, s)
    setLenReg(c, c.r1 + 1, len)
    c.cc = cc
  }
}
export const troo = trxx(1, 1)
export const trot = trxx(1, 2)
export const trto = trxx(2, 1)
export const trtt = trxx(2, 2)

// ---- COMPARE UNTIL SUBSTRING EQUAL ------------------------------------------------------------------------------
/** CUSE: compares the operands (R1/R1+1, R2/R2+1; the shorter padded with GR1 bits 56-63) byte by byte until
 * GR0 bits 56-63 consecutive positions are equal: CC 0 found (R1, R2 and lengths at the substring) or substring
 * length 0; CC 1 the operands ended within an equal (too short) substring; CC 2 they ended unequal; CC 3 after a
 * CPU-determined amount, last bytes unequal. */
export const cuse: Exec = (c) => {
  even(c.r1)
  even(c.r2)
  const sub = c.rl[0]! & 0xff
  const pad = c.rl[1]! & 0xff
  let a1 = c.raddr(c.r1)
  let a2 = c.raddr(c.r2)
  let l1 = lenReg(c, c.r1 + 1)
  let l2 = lenReg(c, c.r2 + 1)
  if (sub === 0) {
    c.cc = 0
    return
  }
  if (l1 === 0 && l2 === 0) {
    c.cc = 2
    return
  }
  let eq = 0
  let e1 = a1
  let e2 = a2
  let el1 = l1
  let el2 = l2
  let cc = 2
  let k = 0
  while (l1 > 0 || l2 > 0) {
    if (eq === sub) break
    if (eq === 0 && k >= CHUNK) {
      cc = 3
      break
    }
    k++
    const x = l1 > 0 ? c.rd8(a1) : pad
    const y = l2 > 0 ? c.rd8(a2) : pad
    if (x === y) {
      if (eq === 0) {
        e1 = a1
        e2 = a2
        el1 = l1
        el2 = l2
      }
      eq++
      cc = 1
    } else {
      eq = 0
      cc = 2
    }
    if (l1 > 0) {
      a1 = c.wrap(a1 + 1)
      l1--
    }
    if (l2 > 0) {
      a2 = c.wrap(a2 + 1)
      l2--
    }
  }
  if (eq === sub) cc = 0
  if (cc < 2 && eq > 0) {
    a1 = e1
    a2 = e2
    l1 = el1
    l2 = el2
  }
  c.setRaddr(c.r1, a1)
  c.setRaddr(c.r2, a2)
  setLenReg(c, c.r1 + 1, l1)
  setLenReg(c, c.r2 + 1, l2)
  c.cc = cc
}

// ---- SEARCH STRING UNICODE ----------------------------------------------------------------------------------------
/** SRSTU: searches two-byte characters from R2 up to (not including) the end address in R1 for GR0 bits 48-63 (bits
 * 32-47 must be zero): CC 1 found (R1 at it), CC 2 end reached (a last single byte is not examined), CC 3 partial
 * (R2 advanced). */
export const srstu: Exec = (c) => {
  if ((c.rl[0]! & 0xffff0000) !== 0) pgm(PGM_SPECIFICATION)
  const ch = c.rl[0]! & 0xffff
  const end = c.raddr(c.r1)
  let p = c.raddr(c.r2)
  for (let k = 0; k < CHUNK; k++) {
    if (p === end || c.wrap(p + 1) === end) {
      c.cc = 2
      return
    }
    if (rd16(c, p) === ch) {
      c.setRaddr(c.r1, p)
      c.cc = 1
      return
    }
    p = c.wrap(p + 2)
  }
  c.setRaddr(c.r2, p)
  c.cc = 3
}

// ---- PACK/UNPACK ASCII and UNICODE (POP ch. 7) ------------------------------------------------------------------
/** Packs the low four bits of `digits` (rightmost 31, zero-filled on the left) and a plus sign into 16 bytes at the
 * first-operand address. */
function pack16(c: Cpu, digits: readonly number[]): void {
  const d = new Array<number>(32).fill(0)
  for (let i = 0; i < digits.length && i < 32; i++) d[31 - i] = digits[digits.length - 1 - i]! & 15
  const out: number[] = []
  for (let j = 0; j < 16; j++) out.push(j === 15 ? (d[31]! << 4) | 0xc : (d[2 * j + 1]! << 4) | d[2 * j + 2]!)
  const a = c.ea(0, c.b1, c.d1)
  c.probe(a, 16, ACC_STORE)
  for (let j = 0; j < 16; j++) c.wr8(c.wrap(a + j), out[j]!)
}
/** PKA: L (byte 1) + 1 ASCII digits, at most 32 (specification otherwise). */
export const pka: Exec = (c) => {
  const n = c.l1 + 1
  if (n > 32) pgm(PGM_SPECIFICATION)
  const a = c.ea(0, c.b2, c.d2)
  c.probe(a, n, ACC_FETCH)
  const digits: number[] = []
  for (let i = 0; i < n; i++) digits.push(c.rd8(c.wrap(a + i)))
  pack16(c, digits)
}
/** PKU: L + 1 bytes of two-byte characters, an even number of at most 64 (specification otherwise). */
export const pku: Exec = (c) => {
  const n = c.l1 + 1
  if (n > 64 || n % 2 !== 0) pgm(PGM_SPECIFICATION)
  const a = c.ea(0, c.b2, c.d2)
  c.probe(a, n, ACC_FETCH)
  const digits: number[] = []
  for (let i = 1; i < n; i += 2) digits.push(c.rd8(c.wrap(a + i)))
  pack16(c, digits)
}
/** The 32 digits (a zero, then the 31 of the field) and the sign's condition code of a 16-byte packed field:
 * CC 0 plus (A C E F), 1 minus (B D), 3 invalid sign; digits are not checked. */
function unpack16(c: Cpu): { digits: number[]; cc: number } {
  const a = c.ea(0, c.b2, c.d2)
  c.probe(a, 16, ACC_FETCH)
  const digits = [0]
  let sign = 0
  for (let j = 0; j < 16; j++) {
    const b = c.rd8(c.wrap(a + j))
    digits.push(b >>> 4)
    if (j < 15) digits.push(b & 15)
    else sign = b & 15
  }
  const cc = sign === 0xa || sign === 0xc || sign === 0xe || sign === 0xf ? 0 : sign === 0xb || sign === 0xd ? 1 : 3
  return { digits, cc }
}
/** UNPKA: the rightmost L + 1 (at most 32) of the 32 ASCII digits 0x30-0x39. */
export const unpka: Exec = (c) => {
  const n = c.l1 + 1
  if (n > 32) pgm(PGM_SPECIFICATION)
  const { digits, cc } = unpack16(c)
  const a = c.ea(0, c.b1, c.d1)
  c.probe(a, n, ACC_STORE)
  for (let i = 0; i < n; i++) c.wr8(c.wrap(a + i), 0x30 | digits[32 - n + i]!)
  c.cc = cc
}
/** UNPKU: the rightmost (L + 1) / 2 digits as two-byte characters 0x0030-0x0039 (L + 1 even, at most 64). */
export const unpku: Exec = (c) => {
  const n = c.l1 + 1
  if (n > 64 || n % 2 !== 0) pgm(PGM_SPECIFICATION)
  const { digits, cc } = unpack16(c)
  const a = c.ea(0, c.b1, c.d1)
  c.probe(a, n, ACC_STORE)
  const m = n / 2
  for (let i = 0; i < m; i++) {
    c.wr8(c.wrap(a + 2 * i), 0)
    c.wr8(c.wrap(a + 2 * i + 1), 0x30 | digits[32 - m + i]!)
  }
  c.cc = cc
}

// ---- TRANSLATE AND TEST (REVERSE) EXTENDED (parsing-enhancement facility) ---------------------------------------
/** TRTE/TRTRE: arguments of one byte (two with M3 bit 0, A) from R1 (length R1+1; TRTRE from right to left, R1 at
 * the rightmost argument) select function codes of one byte (two with M3 bit 1, F) in the table at GR1; with M3
 * bit 2 (L) two-byte arguments above 255 give function code 0 without a table access. The first nonzero function
 * code stops it: CC 1, R1 at that argument, the code in R2 (as an address-mode-sized value). CC 0: all zero;
 * CC 3: a CPU-determined amount done. */
function trtx(reverse: boolean): Exec {
  return (c) => {
    const wide = (c.m3 & 8) !== 0
    const fcWide = (c.m3 & 4) !== 0
    const limit = (c.m3 & 2) !== 0
    let len = lenReg(c, c.r1 + 1)
    if (c.r1 & 1 || (wide && len % 2 !== 0)) pgm(PGM_SPECIFICATION)
    let a = c.raddr(c.r1)
    const table = c.raddr(1)
    const step = wide ? 2 : 1
    let fc = 0
    let k = 0
    while (len > 0) {
      if (k++ === CHUNK) break
      const arg = wide ? rd16(c, a) : c.rd8(a)
      fc = wide && limit && arg > 255 ? 0 : fcWide ? rd16(c, c.wrap(table + arg * 2)) : c.rd8(c.wrap(table + arg))
      if (fc !== 0) break
      a = c.wrap(reverse ? a - step : a + step)
      len -= step
    }
    c.setRaddr(c.r1, a)
    setLenReg(c, c.r1 + 1, len)
    if (fc !== 0) {
      if (c.r2 !== c.r1 && c.r2 !== c.r1 + 1) {
        if (c.amode === -1) c.rh[c.r2] = 0
        c.rl[c.r2] = fc
      }
      c.cc = 1
    } else c.cc = len > 0 ? 3 : 0
  }
}
export const trte = trtx(false)
export const trtre = trtx(true)
