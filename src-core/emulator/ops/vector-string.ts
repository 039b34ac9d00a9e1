// Vector string instructions (POP ch. 23): FIND ANY ELEMENT EQUAL, FIND ELEMENT (NOT) EQUAL, ISOLATE STRING and
// STRING RANGE COMPARE on byte, halfword or word elements. Flags in M5 (M6 for VSTRC): IN invert (8), RT result type
// (4: a mask per element instead of a byte index), ZS zero search (2), CS condition code set (1). A byte index result
// goes to byte 7 of V1 (16 when nothing matched), the rest of V1 is zero. Condition codes (when CS): 0 a zero
// element (before any match), 1 a match and no zero, 2 a match before a zero, 3 neither; VFENE: 1/2 when the first
// unequal element of V2 is low/high.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { enabled, spec, esIn, elsN, setElsN } from './vector.ts'

const IN = 8
const RT = 4
const ZS = 2
const CS = 1

/** A byte-index result: n in byte 7 of V1 (its doubleword 0), everything else zero. */
function setIndex(c: Cpu, n: number): void {
  const b = c.r1 * 4
  c.vr[b] = 0
  c.vr[b + 1] = n
  c.vr[b + 2] = 0
  c.vr[b + 3] = 0
}
/** Byte index of the first zero element of xs (16 when none). */
function firstZero(xs: readonly number[], es: number): number {
  const i = xs.indexOf(0)
  return i < 0 ? 16 : i << es
}
/** Writes a byte-index result (byte 7) or a mask result and sets the CC of the find-style instructions. */
function finish(c: Cpu, es: number, flags: number, hits: readonly boolean[], firstHit: number, zero: number): void {
  if (flags & RT) setElsN(c, c.r1, es, hits.map((h) => (h ? -1 : 0)))
  else setIndex(c, Math.min(firstHit, zero))
  if (flags & CS) c.cc = zero === 16 && firstHit === 16 ? 3 : zero === 16 ? 1 : firstHit < zero ? 2 : 0
}

/** VECTOR FIND ANY ELEMENT EQUAL: elements of V2 equal to any element of V3 (IN: equal to none). */
export const vfae: Exec = (c) => {
  enabled(c)
  const es = c.m4
  esIn(es, 0, 2)
  const a = elsN(c, c.r2, es)
  const b = elsN(c, c.r3, es)
  const hits = a.map((x) => b.includes(x) !== ((c.m5 & IN) !== 0))
  const i = hits.indexOf(true)
  finish(c, es, c.m5, hits, i < 0 ? 16 : i << es, c.m5 & ZS ? firstZero(a, es) : 16)
}
/** VECTOR FIND ELEMENT EQUAL: the first element of V2 equal to V3's at the same index (M5 bits 0-1 reserved). */
export const vfee: Exec = (c) => {
  enabled(c)
  const es = c.m4
  esIn(es, 0, 2)
  if (c.m5 & (IN | RT)) spec()
  const a = elsN(c, c.r2, es)
  const b = elsN(c, c.r3, es)
  const i = a.findIndex((x, k) => x === b[k])
  finish(c, es, c.m5, [], i < 0 ? 16 : i << es, c.m5 & ZS ? firstZero(a, es) : 16)
}
/** VECTOR FIND ELEMENT NOT EQUAL: the first unequal element; CC 1/2 when V2's is lower/higher. */
export const vfene: Exec = (c) => {
  enabled(c)
  const es = c.m4
  esIn(es, 0, 2)
  if (c.m5 & (IN | RT)) spec()
  const a = elsN(c, c.r2, es)
  const b = elsN(c, c.r3, es)
  const i = a.findIndex((x, k) => x !== b[k])
  const ne = i < 0 ? 16 : i << es
  const zero = c.m5 & ZS ? firstZero(a, es) : 16
  setIndex(c, Math.min(ne, zero))
  if (c.m5 & CS) c.cc = zero === 16 && ne === 16 ? 3 : zero < ne ? 0 : a[i]! < b[i]! ? 1 : 2
}
/** VECTOR ISOLATE STRING: V2 up to (not including) its first zero element, zeros after; CC 0 zero found, 3 not
 * (M5 bit 3 sets the CC). */
export const vistr: Exec = (c) => {
  enabled(c)
  const es = c.m3
  esIn(es, 0, 2)
  const a = elsN(c, c.r2, es)
  const z = a.indexOf(0)
  setElsN(c, c.r1, es, z < 0 ? a : a.map((x, k) => (k < z ? x : 0)))
  if (c.m5 & CS) c.cc = z < 0 ? 3 : 0
}
/** One range comparison: control byte bit 0 equal, bit 1 low (element below the bound), bit 2 high. */
function inRange(x: number, bound: number, ctl: number): boolean {
  return x < bound ? (ctl & 0x40) !== 0 : x > bound ? (ctl & 0x20) !== 0 : (ctl & 0x80) !== 0
}
/** VECTOR STRING RANGE COMPARE (VRR-d: size M5, flags M6): elements of V2 inside any range of V3 (pairs of
 * bounds, with the comparison controls in the leftmost byte of the matching V4 elements). */
export const vstrc: Exec = (c) => {
  enabled(c)
  const es = c.m5
  const flags = c.i5
  esIn(es, 0, 2)
  const a = elsN(c, c.r2, es)
  const b = elsN(c, c.r3, es)
  const ctl = elsN(c, c.i4, es).map((x) => x >>> ((8 << es) - 8))
  const hits = a.map((x) => {
    let any = false
    for (let j = 0; j < b.length && !any; j += 2) any = inRange(x, b[j]!, ctl[j]!) && inRange(x, b[j + 1]!, ctl[j + 1]!)
    return any !== ((flags & IN) !== 0)
  })
  const i = hits.indexOf(true)
  finish(c, es, flags, hits, i < 0 ? 16 : i << es, flags & ZS ? firstZero(a, es) : 16)
}

/** VECTOR STRING SEARCH (vector-enhancements 2; VRR-d: size M5, ZS in M6, other M6 bits reserved): the first
 * position of V2 where the substring V3 (length in bytes in byte 7 of V4; with ZS also ended by its first zero
 * element) matches fully (CC 2) or runs off the end of V2 matching (CC 3, partial); the byte index goes to byte 7
 * of V1 (16 when none). No match: CC 0, or 1 when ZS found a zero element in V2 (a match after that zero is
 * ignored). An empty substring matches at 0 (CC 2). */
export const vstrs: Exec = (c) => {
  enabled(c)
  const es = c.m5
  esIn(es, 0, 2)
  if (c.i5 & ~ZS) spec()
  const zs = (c.i5 & ZS) !== 0
  const n = 16 >> es
  const a = elsN(c, c.r2, es)
  const b = elsN(c, c.r3, es)
  let len = elsN(c, c.i4, 0)[7]! >> es
  if (zs) {
    len = Math.min(len, n)
    const z = b.slice(0, len).indexOf(0)
    if (z >= 0) len = z
  }
  let k = 0
  let cc = 2
  if (len > 0) {
    const zero = zs && a.includes(0) ? a.indexOf(0) : n
    cc = zero === n ? 0 : 1
    for (k = 0; k < n; k++) {
      const end = Math.min(n, k + len)
      let j = k
      while (j < end && a[j] === b[j - k]) j++
      if (j < end) continue
      if (k > zero) {
        cc = 1
        k = n
      } else cc = end - k === len ? 2 : 3
      break
    }
  }
  setIndex(c, k << es)
  c.cc = cc
}
