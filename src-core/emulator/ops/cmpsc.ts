// COMPRESSION CALL (CMPSC, POP ch. 7; dictionary formats from "ESA/390 Data Compression", SA22-7208). Our own code,
// written from the POP's compression and expansion flowcharts; Hercules' cmpsc_2012.c was read for facts only.
//
// Registers: R1/R1+1 first operand (destination) address and length, R2/R2+1 second operand (source); both pairs
// even (specification otherwise). GR0 bits 48-51 compressed-data symbol size CDSS (1-5: index symbols of 9-13 bits;
// anything else is a specification exception), bit 54 format-1 sibling descriptors, bit 55 expansion, bit 47
// symbol-translation option (compression only). GR1 bits 0-51 (of the address) dictionary origin (4K-aligned),
// bits 52-60 the symbol-translation-table offset (units of 128 bytes from the origin), bits 61-63 the compressed-data
// bit number CBN (first bit of the next index symbol in the byte R1 (compression) or R2 (expansion) addresses).
//
// Compression dictionary: 2^(8+CDSS) 8-byte character entries; the expansion dictionary of the same size follows it
// (format-1 sibling descriptors keep sibling characters 7-14 at the same index there). Expansion uses the dictionary
// at the origin; index symbols 0-255 expand to the byte itself without a dictionary access.
//
// Each index symbol is a unit of operation: the registers always describe the symbols completed. Condition codes:
// 0 end of the second operand (expansion: fewer bits left than one index symbol), 1 end of the first operand (no
// room for the next index symbol or expanded symbol), 3 a CPU-determined amount processed (CHUNK bytes of
// uncompressed data: read by a compression, stored by an expansion; branch back to resume). An invalid dictionary entry is a data exception (DXC 0) with the
// registers at the last completed symbol; an access exception likewise leaves them there, so re-execution resumes.
// The CMPSC-enhancement (47, zero padding), order-preserving (38) and entropy-encoding (54) compression facilities
// are not announced (cpu/model.ts): GR0 bit 46 (zero padding) is ignored, as the POP says without facility 47.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { ACC_STORE, CR0_AFP, LC_DATA_EXC_CODE, PGM_DATA, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { lenReg, setLenReg } from './translate.ts'

/** Uncompressed bytes one execution processes before condition code 3 (the CPU-determined amount). */
export const CHUNK = 4096
/** Longest symbol a compression may build (bytes of the second operand behind one index symbol). */
const MAX_SYMBOL = 260
/** Most children a compression may examine for one index symbol. */
const MAX_CHILDREN = 260
/** Most expansion entries in one symbol's predecessor chain. */
const MAX_CHAIN = 127

/** Data exception for an invalid dictionary entry (DXC 0, also into the FPC when AFP is on). */
function dataException(c: Cpu): never {
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0)
  if (c.crl[0]! & CR0_AFP) c.fpc = (c.fpc & ~0xff00) >>> 0
  return pgm(PGM_DATA)
}

/** The 8 bytes of dictionary entry `idx` of the dictionary at `base`. */
function entry(c: Cpu, base: number, idx: number): Uint8Array {
  const a = c.wrap(base + idx * 8)
  const hi = c.rd32(a)
  const lo = c.rd32(c.wrap(a + 4))
  return Uint8Array.of(hi >>> 24, hi >>> 16, hi >>> 8, hi, lo >>> 24, lo >>> 16, lo >>> 8, lo)
}

/** A compression character entry, decoded. */
interface Cce {
  /** Child characters in this entry. */
  cct: number
  /** Additional extension characters. */
  aec: number[]
  /** Child characters. */
  cc: number[]
  /** Index of the first child. */
  cptr: number
  /** Examine-child bits, child n (0-origin) at 0x8000 >> n. */
  x: number
  /** Y bits (examine-child bits of the first sibling descriptor's last children), right-justified. */
  y: number
  /** More children in sibling descriptors after the child entries. */
  more: boolean
}

function cceAt(c: Cpu, dict: number, idx: number, maxIndex: number): Cce {
  const e = entry(c, dict, idx)
  const cct = e[0]! >>> 5
  const cptr = ((e[1]! & 0x1f) << 8) | e[2]!
  if (cct === 0) {
    const act = e[1]! >>> 5
    if (act > 5) dataException(c)
    return { cct, aec: Array.from(e.subarray(3, 3 + act)), cc: [], cptr: 0, x: 0, y: 0, more: false }
  }
  let ce: Cce
  if (cct === 1) {
    const act = e[1]! >>> 5
    if (act > 4) dataException(c)
    ce = { cct, aec: Array.from(e.subarray(3, 3 + act)), cc: [e[3 + act]!], cptr, x: e[0]! & 0x10 ? 0x8000 : 0, y: 0, more: false }
  } else {
    // Several children: bit 10 (D) says whether one additional extension character precedes the child characters.
    const d = (e[1]! >>> 5) & 1
    const max = 5 - d
    if (cct > max + 1) dataException(c)
    const n = Math.min(cct, max)
    ce = { cct: n, aec: Array.from(e.subarray(3, 3 + d)), cc: Array.from(e.subarray(3 + d, 3 + d + n)), cptr, x: (e[0]! & 0x1f) << 11, y: e[1]! >>> 6, more: cct === max + 1 }
  }
  if (cptr > maxIndex) dataException(c)
  return ce
}

/** A sibling descriptor, decoded. */
interface Sd {
  /** Sibling characters. */
  sc: number[]
  /** Examine-child bits, sibling character n (0-origin) at 0x8000 >> n. */
  x: number
  /** Another sibling descriptor follows the children of this one. */
  more: boolean
}

/** Sibling descriptor at `idx`; `parent` for the parent's first one (its Y bits cover the last children). */
function sdAt(c: Cpu, dict: number, expDict: number, idx: number, f1: boolean, parent: Cce | null): Sd {
  const e = entry(c, dict, idx)
  // SCT: format 0 has 0 for "7 characters and another descriptor", format 1 15 for "14 and another"; any other
  // value is the number of characters of the last descriptor (as Hercules 3.13 reads it; cross-checked there).
  if (!f1) {
    let sct = e[0]! >>> 5
    const more = sct === 0
    if (more) sct = 7
    const x = ((e[0]! & 0x1f) << 11) | (parent !== null ? parent.y << 9 : 0x0600)
    return { sc: Array.from(e.subarray(1, 1 + sct)), x, more }
  }
  let sct = e[0]! >>> 4
  const more = sct === 15
  if (more) sct = 14
  const x = ((((e[0]! & 0x0f) << 8) | e[1]!) << 4) | (parent !== null ? parent.y << 2 : 0x000c)
  const sc = Array.from(e.subarray(2, 2 + Math.min(sct, 6)))
  if (sct > 6) sc.push(...entry(c, expDict, idx).subarray(0, sct - 6))
  return { sc, x, more }
}

/** The operand registers of one execution, as of the last completed index symbol. */
interface State {
  a1: number
  l1: number
  a2: number
  l2: number
  cbn: number
}

function commit(c: Cpu, s: State): void {
  c.setRaddr(c.r1, s.a1)
  setLenReg(c, c.r1 + 1, s.l1)
  c.setRaddr(c.r2, s.a2)
  setLenReg(c, c.r2 + 1, s.l2)
  c.rl[1] = (c.rl[1]! & ~7) | s.cbn
}

/** COMPRESSION CALL. */
export const cmpsc: Exec = (c) => {
  if (c.r1 & 1 || c.r2 & 1) pgm(PGM_SPECIFICATION)
  const g0 = c.rl[0]! >>> 0
  const cdss = (g0 >>> 12) & 15
  if (cdss < 1 || cdss > 5) pgm(PGM_SPECIFICATION)
  const dict = c.raddr(1) - (c.rl[1]! & 0xfff)
  const s: State = { a1: c.raddr(c.r1), l1: lenReg(c, c.r1 + 1), a2: c.raddr(c.r2), l2: lenReg(c, c.r2 + 1), cbn: c.rl[1]! & 7 }
  try {
    c.cc = g0 & 0x100 ? expand(c, s, dict, 8 + cdss) : compress(c, s, dict, cdss, g0)
  } finally {
    // Completed symbols stay completed when an exception ends the execution (partial completion).
    commit(c, s)
  }
}

/** Reads the `bits`-bit index symbol starting at bit `cbn` of the byte at `a`. */
function getIndex(c: Cpu, a: number, cbn: number, bits: number): number {
  const n = (cbn + bits + 7) >>> 3
  let w = 0
  for (let i = 0; i < 3; i++) w = (w << 8) | (i < n ? c.rd8(c.wrap(a + i)) : 0)
  return (w >>> (24 - cbn - bits)) & ((1 << bits) - 1)
}

/** Stores `v` as a `bits`-bit index symbol from bit `cbn` of the byte at `a`: the bits left of it in the first byte
 * are kept, those right of it in the last byte become zeros. */
function putIndex(c: Cpu, a: number, cbn: number, bits: number, v: number): void {
  const n = (cbn + bits + 7) >>> 3
  c.probe(a, n, ACC_STORE)
  const keep = cbn === 0 ? 0 : c.rd8(a) & (0xff00 >>> cbn) & 0xff
  const w = (keep << 16) | (v << (24 - cbn - bits))
  for (let i = 0; i < n; i++) c.wr8(c.wrap(a + i), w >>> (16 - 8 * i))
}

function expand(c: Cpu, s: State, dict: number, bits: number): number {
  const maxIndex = (1 << bits) - 1
  let done = 0
  for (;;) {
    const need = (s.cbn + bits + 7) >>> 3
    if (s.l2 < need) return 0
    if (done >= CHUNK) return 3
    const idx = getIndex(c, s.a2, s.cbn, bits)
    if (s.l1 === 0) return 1
    let len: number
    if (idx < 256) {
      c.wr8(s.a1, idx)
      len = 1
    } else {
      let e = entry(c, dict, idx)
      let psl = e[0]! >>> 5
      if (psl > 5) dataException(c)
      if (psl === 0) {
        len = e[0]! & 7
        if (len === 0) dataException(c)
        if (s.l1 < len) return 1
      } else {
        len = psl + e[7]!
        if (s.l1 < len) return 1
        c.probe(s.a1, len, ACC_STORE)
        // Preceded entry: its characters go at its offset, then the predecessor's, down to an unpreceded one.
        for (let chain = 1; psl !== 0; chain++) {
          const pptr = ((e[0]! & 0x1f) << 8) | e[1]!
          if (pptr > maxIndex) dataException(c)
          for (let i = 0; i < psl; i++) c.wr8(c.wrap(s.a1 + e[7]! + i), e[2 + i]!)
          if (chain >= MAX_CHAIN) dataException(c)
          e = entry(c, dict, pptr)
          psl = e[0]! >>> 5
          if (psl > 5) dataException(c)
          if (psl === 0 && (e[0]! & 7) === 0) dataException(c)
        }
      }
      const csl = e[0]! & 7
      for (let i = 0; i < csl; i++) c.wr8(c.wrap(s.a1 + i), e[1 + i]!)
    }
    const adv = (s.cbn + bits) >>> 3
    s.a1 = c.wrap(s.a1 + len)
    s.l1 -= len
    s.a2 = c.wrap(s.a2 + adv)
    s.l2 -= adv
    s.cbn = (s.cbn + bits) & 7
    done += len
  }
}

function compress(c: Cpu, s: State, dict: number, cdss: number, g0: number): number {
  const bits = 8 + cdss
  const maxIndex = (1 << bits) - 1
  const f1 = (g0 & 0x200) !== 0
  const expDict = c.wrap(dict + (8 << bits))
  const stt = (g0 & 0x10000) !== 0 ? c.wrap(dict + ((c.rl[1]! & 0xff8) << 4)) : -1
  const emit = (idx: number, used: number): void => {
    if (used > MAX_SYMBOL) dataException(c)
    const v = stt < 0 ? idx : ((c.rd8(c.wrap(stt + idx * 2)) << 8) | c.rd8(c.wrap(stt + idx * 2 + 1))) & maxIndex
    putIndex(c, s.a1, s.cbn, bits, v)
    const adv = (s.cbn + bits) >>> 3
    s.a1 = c.wrap(s.a1 + adv)
    s.l1 -= adv
    s.cbn = (s.cbn + bits) & 7
    s.a2 = c.wrap(s.a2 + used)
    s.l2 -= used
  }
  const at = (k: number): number => c.rd8(c.wrap(s.a2 + k))
  /** The `n` source bytes after the next one equal `aec`. */
  const aecMatch = (k: number, aec: number[]): boolean => aec.every((ch, i) => at(k + 1 + i) === ch)
  let done = 0
  for (;;) {
    if (s.l2 === 0) return 0
    if (s.l1 < ((s.cbn + bits + 7) >>> 3)) return 1
    if (done >= CHUNK) return 3
    // One index symbol: the longest dictionary string matching the source from here (the flowchart's walk).
    let pIdx = at(0)
    let parent = cceAt(c, dict, pIdx, maxIndex)
    let k = 1
    let children = 0
    let out = -1
    walk: for (;;) {
      if (parent.cct === 0 || k === s.l2) break
      const ch = at(k)
      let flag = true
      let n = 0
      // Child characters in the parent entry.
      for (;;) {
        while (n < parent.cct && parent.cc[n] !== ch) {
          flag = false
          n++
        }
        if (n >= parent.cct) break
        if (++children > MAX_CHILDREN) dataException(c)
        const cIdx = parent.cptr + n
        if (!(parent.x & (0x8000 >>> n))) {
          out = cIdx
          k++
          break walk
        }
        const child = cceAt(c, dict, cIdx, maxIndex)
        if (child.aec.length === 0) {
          parent = child
          pIdx = cIdx
          k++
          continue walk
        }
        if (s.l2 - k >= 1 + child.aec.length && aecMatch(k, child.aec)) {
          parent = child
          pIdx = cIdx
          k += 1 + child.aec.length
          continue walk
        }
        // Extension characters differ: a later child with the same character may still match, if none before.
        if (!flag || ++n >= parent.cct) break walk
      }
      if (!parent.more) break
      // Sibling descriptors after the child entries.
      let sdIdx = parent.cptr + parent.cct
      let sd = sdAt(c, dict, expDict, sdIdx, f1, parent)
      for (;;) {
        const m = sd.sc.indexOf(ch)
        if (m >= 0) {
          if (++children > MAX_CHILDREN) dataException(c)
          const cIdx = sdIdx + m + 1
          if (!(sd.x & (0x8000 >>> m))) {
            out = cIdx
            k++
            break walk
          }
          const child = cceAt(c, dict, cIdx, maxIndex)
          if (child.aec.length === 0) {
            parent = child
            pIdx = cIdx
            k++
            continue walk
          }
          if (s.l2 - k >= 1 + child.aec.length && aecMatch(k, child.aec)) {
            parent = child
            pIdx = cIdx
            k += 1 + child.aec.length
            continue walk
          }
          break walk
        }
        if (!sd.more) break walk
        sdIdx += sd.sc.length + 1
        sd = sdAt(c, dict, expDict, sdIdx, f1, null)
      }
    }
    emit(out >= 0 ? out : pIdx, k)
    done += k
  }
}
