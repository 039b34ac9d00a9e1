// Unicode conversions and long Unicode moves/compares (POP ch. 7): CONVERT UTF-8/16/32 TO UTF-8/16/32 (CU12, CU14,
// CU21, CU24, CU41, CU42; extended-translation facilities 1 and 3, well-formedness checking of the ETF3-enhancement
// by M3 bit 3), MOVE LONG UNICODE and COMPARE LOGICAL LONG UNICODE (ETF2). The first operand (R1, length R1+1)
// receives, the second (R2, length R2+1) is read. Condition codes: 0 the second operand ended (also when it ends in
// the middle of a character), 1 the first operand is full, 2 an invalid character (R2 at it), 3 a CPU-determined
// amount was done.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'
import { lenReg, setLenReg } from './translate.ts'
import { isAccessException } from './helpers.ts'

const CHUNK = 4096
/** A decoded character: code point and source bytes; 'short' when the source ends inside it; 'bad' invalid. */
type Read = { cp: number; n: number } | 'short' | 'bad'

const cont = (b: number): boolean => b >= 0x80 && b <= 0xbf

/** UTF-8 (POP: first byte 00-7F one byte, C0-DF two, E0-EF three, F0-F7 four; 80-BF and F8-FF invalid). With
 * well-formedness checking the shortest-form and surrogate rules of Unicode apply too. */
function readUtf8(c: Cpu, a: number, len: number, wf: boolean): Read {
  const b0 = c.rd8(a)
  if (b0 < 0x80) return { cp: b0, n: 1 }
  const n = b0 >= 0xc0 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf7 ? 4 : 0
  if (n === 0) return 'bad'
  if (len < n) return 'short'
  const b: number[] = [b0]
  for (let i = 1; i < n; i++) b.push(c.rd8(c.wrap(a + i)))
  if (wf) {
    if (n === 2 && b0 < 0xc2) return 'bad'
    if (n === 4 && b0 > 0xf4) return 'bad'
    const lo = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80
    const hi = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf
    if (b[1]! < lo || b[1]! > hi) return 'bad'
    for (let i = 2; i < n; i++) if (!cont(b[i]!)) return 'bad'
  }
  if (n === 2) return { cp: ((b0 & 0x1f) << 6) | (b[1]! & 0x3f), n }
  if (n === 3) return { cp: ((b0 & 0x0f) << 12) | ((b[1]! & 0x3f) << 6) | (b[2]! & 0x3f), n }
  return { cp: ((b0 & 0x07) << 18) | ((b[1]! & 0x3f) << 12) | ((b[2]! & 0x3f) << 6) | (b[3]! & 0x3f), n }
}
/** UTF-16: a high surrogate (D800-DBFF) takes the next unit as its low surrogate (checked with well-formedness). */
function readUtf16(c: Cpu, a: number, len: number, wf: boolean): Read {
  if (len < 2) return 'short'
  const u = (c.rd8(a) << 8) | c.rd8(c.wrap(a + 1))
  if (u < 0xd800 || u > 0xdfff) return { cp: u, n: 2 }
  if (u > 0xdbff) return wf ? 'bad' : { cp: u, n: 2 }
  if (len < 4) return 'short'
  const v = (c.rd8(c.wrap(a + 2)) << 8) | c.rd8(c.wrap(a + 3))
  if (wf && (v < 0xdc00 || v > 0xdfff)) return 'bad'
  return { cp: 0x10000 + ((u & 0x3ff) << 10) + (v & 0x3ff), n: 4 }
}
/** UTF-32: values above 10FFFF and surrogates D800-DFFF are invalid. */
function readUtf32(c: Cpu, a: number, len: number): Read {
  if (len < 4) return 'short'
  let v = 0
  for (let i = 0; i < 4; i++) v = v * 256 + c.rd8(c.wrap(a + i))
  if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 'bad'
  return { cp: v, n: 4 }
}

function encUtf8(cp: number): number[] {
  if (cp < 0x80) return [cp]
  if (cp < 0x800) return [0xc0 | (cp >>> 6), 0x80 | (cp & 0x3f)]
  if (cp < 0x10000) return [0xe0 | (cp >>> 12), 0x80 | ((cp >>> 6) & 0x3f), 0x80 | (cp & 0x3f)]
  return [0xf0 | (cp >>> 18), 0x80 | ((cp >>> 12) & 0x3f), 0x80 | ((cp >>> 6) & 0x3f), 0x80 | (cp & 0x3f)]
}
function encUtf16(cp: number): number[] {
  if (cp < 0x10000) return [cp >>> 8, cp & 0xff]
  const v = cp - 0x10000
  const hi = 0xd800 | (v >>> 10)
  const lo = 0xdc00 | (v & 0x3ff)
  return [hi >>> 8, hi & 0xff, lo >>> 8, lo & 0xff]
}
const encUtf32 = (cp: number): number[] => [cp >>> 24, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff]

type Reader = (c: Cpu, a: number, len: number, wf: boolean) => Read

/** The common loop of the CUxx conversions. `wfMask`: M3 bit 3 enables well-formedness checking. */
function convert(read: Reader, enc: (cp: number) => number[], wfMask: boolean): Exec {
  return (c) => {
    if (c.r1 & 1 || c.r2 & 1) pgm(PGM_SPECIFICATION)
    const wf = wfMask && (c.m3 & 1) !== 0
    let d = c.raddr(c.r1)
    let dl = lenReg(c, c.r1 + 1)
    let s = c.raddr(c.r2)
    let sl = lenReg(c, c.r2 + 1)
    let cc = 0
    for (let k = 0; ; k++) {
      if (sl === 0) break
      if (k === CHUNK) {
        cc = 3
        break
      }
      let r: ReturnType<Reader>
      let out: number[]
      try {
        r = read(c, s, sl, wf)
        if (r === 'short') break
        if (r === 'bad') {
          cc = 2
          break
        }
        out = enc(r.cp)
        if (out.length > dl) {
          cc = 1
          break
        }
        c.probe(d, out.length, 1)
      } catch (e) {
        // Characters already converted: CC 3 before the inaccessible one (see isAccessException).
        if (k === 0 || !isAccessException(e)) throw e
        cc = 3
        break
      }
      for (let i = 0; i < out.length; i++) c.wr8(c.wrap(d + i), out[i]!)
      d = c.wrap(d + out.length)
      dl -= out.length
      s = c.wrap(s + r.n)
      sl -= r.n
    }
    c.setRaddr(c.r1, d)
    c.setRaddr(c.r2, s)
    setLenReg(c, c.r1 + 1, dl)
    setLenReg(c, c.r2 + 1, sl)
    c.cc = cc
  }
}
const utf32: Reader = (c, a, len) => readUtf32(c, a, len)
export const cu12 = convert(readUtf8, encUtf16, true)
export const cu14 = convert(readUtf8, encUtf32, true)
export const cu21 = convert(readUtf16, encUtf8, true)
export const cu24 = convert(readUtf16, encUtf32, true)
export const cu41 = convert(utf32, encUtf8, false)
export const cu42 = convert(utf32, encUtf16, false)

// ---- MOVE LONG UNICODE / COMPARE LOGICAL LONG UNICODE -----------------------------------------------------------
/** Pairs R1 and R3 (even), lengths even (specification otherwise); the pad character is bits 48-63 of the
 * second-operand address. */
function longU(c: Cpu): { pad: number } {
  if (c.r1 & 1 || c.r3 & 1) pgm(PGM_SPECIFICATION)
  if (lenReg(c, c.r1 + 1) % 2 !== 0 || lenReg(c, c.r3 + 1) % 2 !== 0) pgm(PGM_SPECIFICATION)
  return { pad: c.ea2() % 65536 }
}
/** MVCLU: moves two-byte units from R3 to R1, padding with the pad character; CC from the original lengths (0 equal,
 * 1 first shorter, 2 first longer), 3 when the move is not complete. */
export const mvclu: Exec = (c) => {
  const { pad } = longU(c)
  let d = c.raddr(c.r1)
  let dl = lenReg(c, c.r1 + 1)
  let s = c.raddr(c.r3)
  let sl = lenReg(c, c.r3 + 1)
  const cc = dl === sl ? 0 : dl < sl ? 1 : 2
  let k = 0
  for (; dl > 0 && k < CHUNK; k++) {
    let v: number
    try {
      v = sl > 0 ? (c.rd8(s) << 8) | c.rd8(c.wrap(s + 1)) : pad
      c.probe(d, 2, 1)
    } catch (e) {
      if (k === 0 || !isAccessException(e)) throw e
      break
    }
    c.wr8(d, v >>> 8)
    c.wr8(c.wrap(d + 1), v)
    d = c.wrap(d + 2)
    dl -= 2
    if (sl > 0) {
      s = c.wrap(s + 2)
      sl -= 2
    }
  }
  c.setRaddr(c.r1, d)
  c.setRaddr(c.r3, s)
  setLenReg(c, c.r1 + 1, dl)
  setLenReg(c, c.r3 + 1, sl)
  c.cc = dl > 0 ? 3 : cc
}
/** CLCLU: compares two-byte units (the shorter operand padded) until unequal: CC 0 equal, 1 first low, 2 first
 * high (R1/R3 at the unequal units), 3 partial. */
export const clclu: Exec = (c) => {
  const { pad } = longU(c)
  let p = c.raddr(c.r1)
  let pl = lenReg(c, c.r1 + 1)
  let q = c.raddr(c.r3)
  let ql = lenReg(c, c.r3 + 1)
  let cc = 0
  for (let k = 0; pl > 0 || ql > 0; k++) {
    if (k === CHUNK) {
      cc = 3
      break
    }
    const x = pl > 0 ? (c.rd8(p) << 8) | c.rd8(c.wrap(p + 1)) : pad
    const y = ql > 0 ? (c.rd8(q) << 8) | c.rd8(c.wrap(q + 1)) : pad
    if (x !== y) {
      cc = x < y ? 1 : 2
      break
    }
    if (pl > 0) {
      p = c.wrap(p + 2)
      pl -= 2
    }
    if (ql > 0) {
      q = c.wrap(q + 2)
      ql -= 2
    }
  }
  c.setRaddr(c.r1, p)
  c.setRaddr(c.r3, q)
  setLenReg(c, c.r1 + 1, pl)
  setLenReg(c, c.r3 + 1, ql)
  c.cc = cc
}
