// The interpreter's inner loop (Cpu.interpret) and its pre-decoded instruction cache. Kept apart from cpu.ts so the
// CPU's state and its storage access stay one file of one concern.
//
// Pre-decoding: every instruction the loop runs is looked up by its absolute address in a direct-mapped cache of
// decoded instructions (the table row, its length, its halfwords). An entry is used only when the bytes in storage
// still are the bytes it was decoded from: one 32-bit load and compare (two for 6-byte instructions) replaces the
// fetch of up to three halfwords, the length and opcode-table look-ups and the privileged check's table read.
// Comparing the bytes, not tracking stores, keeps the cache right whoever changes an instruction: the program itself
// (MVC, EXECUTE'd stores), another CPU, a channel program or an SCLP response, a snapshot restore; nothing has to
// invalidate it. Instructions that end within 4 bytes of a page end (and those that straddle one) are not cached:
// they take the fetch path, as before.
import type { Cpu } from './cpu.ts'
import { ProgramException } from './exceptions.ts'
import { ACC_IFETCH, PGM_OPERATION, PGM_PRIVILEGED, PGM_SPECIFICATION, PSW_PROBLEM } from './constants.ts'
import { lookupInsn, runOf, type Insn } from '../isa/decode.ts'

/** One pre-decoded instruction at absolute address `abs`. */
class Decoded {
  constructor(
    /** Absolute address of its first byte (-1: empty slot). */
    readonly abs: number,
    /** Its first four bytes as a signed 32-bit word (for a 2-byte instruction: and the next halfword). */
    readonly w: number,
    readonly h0: number,
    readonly h1: number,
    /** Third halfword (6-byte instructions; 0 otherwise). */
    readonly h2: number,
    /** Length in bytes (the ILC in bytes). */
    readonly len: number,
    readonly priv: boolean,
    /** Ends a run that looks for translated blocks (Insn.endsTranslation). */
    readonly ends: boolean,
    readonly run: Insn['run'],
  ) {}
}


/** Entries of the direct-mapped cache (by absolute halfword address): 64 KiB of distinct code without conflicts. */
const SLOTS = 1 << 15
const EMPTY = new Decoded(-1, 0, 0, 0, 0, 0, false, false, () => undefined)

/** A CPU's pre-decoded instruction cache. */
export type InsnCache = Decoded[]

function newCache(): InsnCache {
  return new Array<Decoded>(SLOTS).fill(EMPTY)
}

/**
 * Decodes the instruction at absolute `p` (page offset `off` <= 4092, so its first four bytes are in the page) and
 * caches it when it ends in the page; null when it straddles the page end (the caller fetches it the slow way).
 * Throws the operation exception for an unknown opcode (the caller has set `done`).
 */
function decodeAt(c: Cpu, cache: InsnCache, ia: number, p: number, off: number): Decoded | null {
  const dv = c.dv
  const w = dv.getInt32(p)
  const h0 = w >>> 16
  const top = h0 >>> 14
  const len = top === 0 ? 2 : top === 3 ? 6 : 4
  if (off + len > 4096) return null
  const h1 = len === 2 ? 0 : w & 0xffff
  const h2 = len === 6 ? dv.getUint16(p + 4) : 0
  const ins = lookupInsn(h0, h2)
  if (ins === null) {
    c.h0 = h0
    c.h1 = h1
    c.h2 = h2
    c.ilc = len
    c.nia = c.amode === -1 ? ia + len : (ia + len) & c.amode
    throw new ProgramException(PGM_OPERATION)
  }
  const e = new Decoded(p, w, h0, h1, h2, len, ins.priv, ins.endsTranslation, runOf(ins))
  cache[(p >>> 1) & (SLOTS - 1)] = e
  return e
}

/**
 * The interpreter's inner loop: `step` with the fetch replaced by the pre-decoded cache (fetch inlined for what the
 * cache does not hold), from `n` instructions done to `budget` or `brk`; with `toJump` also after the first
 * instruction whose successor is not the next sequential one (a taken branch, an interruption) or that no block can
 * contain (privileged, interpret-only): where the translation tier looks for a block.
 * The count of completed instructions is kept in `c.done` so the caller knows it when an instruction throws.
 */
export function interpretLoop(c: Cpu, budget: number, n: number, toJump: boolean): number {
  const dv = c.dv
  const cache = c.icache ?? (c.icache = newCache())
  while (n < budget && !c.brk) {
    const ia = c.ia
    if ((ia & 1) !== 0) {
      c.done = n
      throw new ProgramException(PGM_SPECIFICATION, 0)
    }
    const off = ia & 0xfff
    let base = c.ibase
    if (ia - off !== c.ipage) {
      c.done = n
      base = c.abs(ia - off, ACC_IFETCH)
      c.ipage = ia - off
      c.ibase = base
    }
    const p = base + off
    let e: Decoded | null = cache[(p >>> 1) & (SLOTS - 1)]!
    if (e.abs !== p || off > 4092 || dv.getInt32(p) !== e.w || (e.len === 6 && dv.getUint16(p + 4) !== e.h2)) {
      c.done = n
      e = off <= 4092 ? decodeAt(c, cache, ia, p, off) : null
      if (e === null) {
        const jumped = stepUncached(c)
        n++
        if (toJump && jumped) break
        continue
      }
    }
    const len = e.len
    const h0 = e.h0
    const h1 = e.h1
    const h2 = e.h2
    c.h0 = h0
    c.h1 = h1
    c.h2 = h2
    c.ilc = len
    const am = c.amode
    const seq = am === -1 ? ia + len : (ia + len) & am
    c.nia = seq
    c.done = n
    if (e.priv && (c.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
    e.run(c, h0, h1, h2)
    const next = c.nia
    c.ia = next
    n++
    if (toJump && (next !== seq || e.ends)) break
  }
  return n
}

/**
 * Runs one instruction fetched halfword by halfword (it straddles a page end or sits in the last four bytes of a
 * page), as Cpu.step does; true when a search for a translated block should stop after it (it branched or no block
 * can contain it).
 */
function stepUncached(c: Cpu): boolean {
  const ia = c.ia
  const h0 = c.fetch16(ia)
  const top = h0 >>> 14
  const len = top === 0 ? 2 : top === 3 ? 6 : 4
  const h1 = len === 2 ? 0 : c.fetch16(c.wrap(ia + 2))
  const h2 = len === 6 ? c.fetch16(c.wrap(ia + 4)) : 0
  c.h0 = h0
  c.h1 = h1
  c.h2 = h2
  c.ilc = len
  const am = c.amode
  const seq = am === -1 ? ia + len : (ia + len) & am
  c.nia = seq
  const ins = lookupInsn(h0, h2)
  if (ins === null || (ins.priv && (c.mask & PSW_PROBLEM) !== 0)) throw new ProgramException(ins === null ? PGM_OPERATION : PGM_PRIVILEGED)
  ins.run(c, h0, h1, h2)
  const next = c.nia
  c.ia = next
  return next !== seq || ins.endsTranslation
}
