// Per-class semantic helpers shared by the handlers: 32/64-bit arithmetic on hi/lo pairs with condition codes.
import type { Cpu } from '../cpu/cpu.ts'
import { ProgramException, pgm } from '../cpu/exceptions.ts'
import {
  PGM_ADDRESSING,
  PGM_ASCE_TYPE,
  PGM_FIXED_OVERFLOW,
  PGM_PAGE_TRANSLATION,
  PGM_PROTECTION,
  PGM_REGION_FIRST,
  PGM_REGION_SECOND,
  PGM_REGION_THIRD,
  PGM_SEGMENT_TRANSLATION,
  PGM_TRANSLATION_SPEC,
} from '../cpu/constants.ts'

const TWO32 = 4294967296

/** CC of a signed 32-bit result: 0 zero, 1 negative, 2 positive. */
export const cc32 = (r: number): number => (r === 0 ? 0 : r < 0 ? 1 : 2)
/** CC of a signed 64-bit result held as hi/lo. */
export const cc64 = (h: number, l: number): number => ((h | l) === 0 ? 0 : h < 0 ? 1 : 2)

const ACCESS_CODES = new Set([PGM_PROTECTION, PGM_ADDRESSING, PGM_SEGMENT_TRANSLATION, PGM_PAGE_TRANSLATION, PGM_TRANSLATION_SPEC, PGM_ASCE_TYPE, PGM_REGION_FIRST, PGM_REGION_SECOND, PGM_REGION_THIRD])
/** True for an access exception (protection, addressing, a translation exception). Instructions that end after a
 * CPU-determined amount with CC 3 use it to stop before a unit they cannot access once some units are done: the
 * stored bytes and the registers then agree, and the exception is recognized when the instruction is executed again
 * with no progress (a byte store without the register update would translate or convert it twice). */
export function isAccessException(e: unknown): boolean {
  return e instanceof ProgramException && ACCESS_CODES.has(e.code)
}

/** Raises fixed-point overflow when CC is 3 and the program mask enables it (after the result is stored). */
export function ovf(c: Cpu): void {
  if (c.cc === 3 && (c.pm & 8) !== 0) pgm(PGM_FIXED_OVERFLOW)
}

/** Signed 32-bit add with carry-in; sets cc (3 on overflow) and returns the result. */
export function add32(c: Cpu, a: number, b: number): number {
  const r = (a + b) | 0
  c.cc = ((a ^ r) & (b ^ r)) < 0 ? 3 : cc32(r)
  return r
}
/** Signed 32-bit subtract; sets cc. */
export function sub32(c: Cpu, a: number, b: number): number {
  const r = (a - b) | 0
  c.cc = ((a ^ b) & (a ^ r)) < 0 ? 3 : cc32(r)
  return r
}
/** Logical 32-bit add with carry-in; cc = (r≠0) | carry<<1. */
export function addl32(c: Cpu, a: number, b: number, cin: number): number {
  const s = (a >>> 0) + (b >>> 0) + cin
  const r = s | 0
  c.cc = (r !== 0 ? 1 : 0) | (s > 0xffffffff ? 2 : 0)
  return r
}
/** Logical 32-bit subtract a - b - borrow; cc = (r≠0) | noborrow<<1. */
export function subl32(c: Cpu, a: number, b: number, borrow: number): number {
  return addl32(c, a, ~b, 1 - borrow)
}

/** 64-bit add with carry-in into th/tl; returns the carry out. */
export function add64raw(c: Cpu, ah: number, al: number, bh: number, bl: number, cin: number): number {
  const lo = (al >>> 0) + (bl >>> 0) + cin
  const cl = lo > 0xffffffff ? 1 : 0
  const hi = (ah >>> 0) + (bh >>> 0) + cl
  c.th = hi | 0
  c.tl = lo | 0
  return hi > 0xffffffff ? 1 : 0
}
/** Signed 64-bit add into th/tl; sets cc. */
export function add64(c: Cpu, ah: number, al: number, bh: number, bl: number): void {
  add64raw(c, ah, al, bh, bl, 0)
  c.cc = ((ah ^ c.th) & (bh ^ c.th)) < 0 ? 3 : cc64(c.th, c.tl)
}
/** Signed 64-bit subtract into th/tl; sets cc. */
export function sub64(c: Cpu, ah: number, al: number, bh: number, bl: number): void {
  add64raw(c, ah, al, ~bh, ~bl, 1)
  c.cc = ((ah ^ bh) & (ah ^ c.th)) < 0 ? 3 : cc64(c.th, c.tl)
}
/** Logical 64-bit add with carry-in into th/tl; sets cc. */
export function addl64(c: Cpu, ah: number, al: number, bh: number, bl: number, cin: number): void {
  const carry = add64raw(c, ah, al, bh, bl, cin)
  c.cc = ((c.th | c.tl) !== 0 ? 1 : 0) | (carry << 1)
}
/** Logical 64-bit subtract with borrow into th/tl; sets cc. */
export function subl64(c: Cpu, ah: number, al: number, bh: number, bl: number, borrow: number): void {
  addl64(c, ah, al, ~bh, ~bl, 1 - borrow)
}

/** Signed compare of 64-bit pairs: 0 equal, 1 low, 2 high. */
export function cmp64(ah: number, al: number, bh: number, bl: number): number {
  if (ah !== bh) return ah < bh ? 1 : 2
  al >>>= 0
  bl >>>= 0
  return al === bl ? 0 : al < bl ? 1 : 2
}
/** Logical compare of 64-bit pairs. */
export function cmpl64(ah: number, al: number, bh: number, bl: number): number {
  ah >>>= 0
  bh >>>= 0
  if (ah !== bh) return ah < bh ? 1 : 2
  al >>>= 0
  bl >>>= 0
  return al === bl ? 0 : al < bl ? 1 : 2
}
/** Signed 32-bit compare. */
export const cmp32 = (a: number, b: number): number => (a === b ? 0 : a < b ? 1 : 2)
/** Logical 32-bit compare. */
export const cmpl32 = (a: number, b: number): number => {
  a >>>= 0
  b >>>= 0
  return a === b ? 0 : a < b ? 1 : 2
}

/** Logical shift left of a 64-bit pair by n (0-63) into th/tl. */
export function shl64(c: Cpu, h: number, l: number, n: number): void {
  if (n === 0) {
    c.th = h
    c.tl = l
  } else if (n < 32) {
    c.th = (h << n) | (l >>> (32 - n))
    c.tl = l << n
  } else {
    c.th = l << (n - 32)
    c.tl = 0
  }
}
/** Logical shift right of a 64-bit pair by n (0-63) into th/tl. */
export function shr64(c: Cpu, h: number, l: number, n: number): void {
  if (n === 0) {
    c.th = h
    c.tl = l
  } else if (n < 32) {
    c.tl = (l >>> n) | (h << (32 - n))
    c.th = h >>> n
  } else {
    c.tl = h >>> (n - 32)
    c.th = 0
  }
}
/** Arithmetic shift right of a 64-bit pair by n (0-63) into th/tl. */
export function sar64(c: Cpu, h: number, l: number, n: number): void {
  if (n === 0) {
    c.th = h
    c.tl = l
  } else if (n < 32) {
    c.tl = (l >>> n) | (h << (32 - n))
    c.th = h >> n
  } else {
    c.tl = h >> (n - 32)
    c.th = h >> 31
  }
}
/** Rotate left of a 64-bit pair by n into th/tl. */
export function rotl64(c: Cpu, h: number, l: number, n: number): void {
  n &= 63
  if (n >= 32) {
    const t = h
    h = l
    l = t
    n -= 32
  }
  if (n === 0) {
    c.th = h
    c.tl = l
  } else {
    c.th = (h << n) | (l >>> (32 - n))
    c.tl = (l << n) | (h >>> (32 - n))
  }
}

/** 32-bit mask of bits s..e (0 = leftmost), s <= e. */
function range32(s: number, e: number): number {
  const left = s >= 32 ? 0 : 0xffffffff >>> s
  const right = e >= 31 ? 0 : 0xffffffff >>> (e + 1)
  return (left & ~right) | 0
}
/** 64-bit mask of bits s..e inclusive (wrapping when s > e) into th/tl. */
export function mask64(c: Cpu, s: number, e: number): void {
  if (s <= e) {
    c.th = s <= 31 ? range32(s, Math.min(e, 31)) : 0
    c.tl = e >= 32 ? range32(Math.max(s, 32) - 32, e - 32) : 0
  } else {
    mask64(c, s, 63)
    const h = c.th
    const l = c.tl
    mask64(c, 0, e)
    c.th |= h
    c.tl |= l
  }
}

/** Converts a hi/lo pair to a JS number (exact below 2^53). */
export const pairToNum = (h: number, l: number): number => (h >>> 0) * TWO32 + (l >>> 0)
/** BigInt of a signed 64-bit pair. */
export const pairToBig = (h: number, l: number): bigint => (BigInt(h) << 32n) | BigInt(l >>> 0)
/** BigInt of an unsigned 64-bit pair. */
export const pairToBigU = (h: number, l: number): bigint => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0)
/** Sets th/tl from a BigInt modulo 2^64. */
export function bigToPair(c: Cpu, v: bigint): void {
  c.th = Number((v >> 32n) & 0xffffffffn) | 0
  c.tl = Number(v & 0xffffffffn) | 0
}
/** Branch condition: mask bit for the current CC is one. */
export const cond = (c: Cpu, m: number): boolean => (m & (8 >>> c.cc)) !== 0
