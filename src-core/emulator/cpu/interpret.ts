// The interpreter's inner loop (Cpu.interpret) and its pre-decoded instruction cache. Kept apart from cpu.ts so the
// CPU's state and its storage access stay one file of one concern.
//
// Pre-decoding: every instruction the loop runs is looked up by its absolute address in a direct-mapped cache of
// decoded instructions (its first word, length, third halfword, flags and compiled handler). An entry is used only
// when the bytes in storage still are the bytes it was decoded from: one 32-bit load and compare (two for 6-byte
// instructions) replaces the fetch of up to three halfwords, the length and opcode-table look-ups and the privileged
// check's table read. Comparing the bytes, not tracking stores, keeps the cache right whoever changes an instruction:
// the program itself (MVC, EXECUTE'd stores), another CPU, a channel program or an SCLP response, a snapshot
// restore; nothing has to invalidate it. Instructions that end within 4 bytes of a page end (and those that straddle
// one) are not cached: they take the fetch path, as before.
//
// Representation matters more than instruction count here: the Cpu's ia/nia/ipage/ibase fields hold doubles once
// any 64-bit address passed through them, and the old cache of one object per instruction cost a dependent load per
// field. The cache is one Int32Array (four words per slot, one cache line per hit) and the loop keeps the address,
// page and absolute base in int32 locals.
import type { Cpu } from './cpu.ts'
import { ProgramException } from './exceptions.ts'
import { ACC_IFETCH, PGM_OPERATION, PGM_PRIVILEGED, PGM_SPECIFICATION, PSW_PROBLEM } from './constants.ts'
import { lookupInsn, runOf, type Run } from '../isa/decode.ts'

/** Entries of the direct-mapped cache (by absolute halfword address): 64 KiB of distinct code without conflicts. */
const SLOTS = 1 << 15
/** An empty slot's tag: an odd address, which no instruction starts at. */
const NO_TAG = -1

/**
 * A CPU's pre-decoded instruction cache. `q` holds four int32 per slot (slot = absolute halfword address mod SLOTS),
 * so a hit reads one cache line and the guest word, with no pointer to a separately allocated object to follow:
 * [4s] absolute address as int32 (NO_TAG: empty); [4s+1] the first four bytes as a signed word (for a 2-byte
 * instruction: and the next halfword); [4s+2] bits 0-15 third halfword (6-byte instructions, else 0), bits 16-18
 * length in bytes, bit 19 privileged, bit 20 ends a run that looks for translated blocks (Insn.endsTranslation);
 * [4s+3] unused. `run[s]` is the instruction's compiled decode + exec.
 */
export interface InsnCache {
  readonly q: Int32Array
  readonly run: Run[]
}

const X_PRIV = 1 << 19
const X_ENDS = 1 << 20
const noRun: Run = () => undefined

function newCache(): InsnCache {
  const q = new Int32Array(4 * SLOTS)
  for (let s = 0; s < SLOTS; s++) q[4 * s] = NO_TAG
  return { q, run: new Array<Run>(SLOTS).fill(noRun) }
}

/**
 * Decodes the instruction at absolute `p` (page offset `off` <= 4092, so its first four bytes are in the page) and
 * caches it in slot `s` when it ends in the page; false when it straddles the page end (the caller fetches it the
 * slow way). Throws the operation exception for an unknown opcode (the caller has set `done`).
 */
function decodeAt(c: Cpu, ic: InsnCache, ia: number, p: number, off: number, s: number): boolean {
  const dv = c.dv
  const w = dv.getInt32(p)
  const h0 = w >>> 16
  const top = h0 >>> 14
  const len = top === 0 ? 2 : top === 3 ? 6 : 4
  if (off + len > 4096) return false
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
  const q = ic.q
  q[4 * s] = p | 0
  q[4 * s + 1] = w
  q[4 * s + 2] = h2 | (len << 16) | (ins.priv ? X_PRIV : 0) | (ins.endsTranslation ? X_ENDS : 0)
  ic.run[s] = runOf(ins)
  return true
}

/** Instruction addresses (and absolute page bases) below this run in `fastLoop`: int32 arithmetic on them is exact. */
const FAST_LIMIT = 0x7fffe000

/** Why fastLoop returned. */
const DONE = 0
/** A taken branch or an instruction that ends a block, with `toJump`. */
const JUMPED = 1
/** The instruction at c.ia needs the general path (an odd or large address, a page end, a large absolute base). */
const SLOW = 2
let why = DONE

/**
 * The interpreter's inner loop: `step` with the fetch replaced by the pre-decoded cache (fetch inlined for what the
 * cache does not hold), from `n` instructions done to `budget` or `brk`; with `toJump` also after the first
 * instruction whose successor is not the next sequential one (a taken branch, an interruption) or that no block can
 * contain (privileged, interpret-only): where the translation tier looks for a block.
 * The count of completed instructions is kept in `c.done` so the caller knows it when an instruction throws.
 *
 * Most instructions run in fastLoop, whose PSW address, instruction page and its absolute base stay int32 locals;
 * whatever it cannot run (see SLOW) runs one at a time in slowStep.
 */
export function interpretLoop(c: Cpu, budget: number, n: number, toJump: boolean): number {
  const ic = c.icache ?? (c.icache = newCache())
  while (n < budget && !c.brk) {
    const ia = c.ia
    if (ia >= 0 && ia < FAST_LIMIT) {
      n = fastLoop(c, ic, budget, n, toJump)
      if (why === JUMPED) break
      if (why === DONE) continue
    }
    c.done = n
    const jumped = slowStep(c, ic)
    n++
    if (toJump && jumped) break
  }
  return n
}

/**
 * Runs instructions from c.ia (0 <= c.ia < FAST_LIMIT) while they stay below FAST_LIMIT, with the address, page and
 * absolute base in int32 locals; sets `why` and returns the count of instructions done. c.ia is the next
 * instruction's address whenever it returns or an instruction runs (what handlers and interruptions read).
 */
function fastLoop(c: Cpu, ic: InsnCache, budget: number, n: number, toJump: boolean): number {
  const dv = c.dv
  const q = ic.q
  const runA = ic.run
  let ia = c.ia | 0
  // The instruction page and its absolute base, valid while the TLB generation is `gen`.
  let ipage = -1
  let ibase = 0
  let gen = -1
  while (n < budget && !c.brk) {
    const off = ia & 0xfff
    if ((ia & 1) !== 0 || off > 4092) break
    if (ia - off !== ipage || c.fetchGen !== gen) {
      let base = c.ibase
      if (ia - off !== c.ipage) {
        c.done = n
        base = c.abs(ia - off, ACC_IFETCH)
        c.ipage = ia - off
        c.ibase = base
      }
      if (base >= FAST_LIMIT) break
      ipage = ia - off
      ibase = base | 0
      gen = c.fetchGen
    }
    const p = (ibase + off) | 0
    const s = (p >>> 1) & (SLOTS - 1)
    const qs = s << 2
    if (q[qs] !== p || dv.getInt32(p) !== q[qs + 1] || (q[qs + 2]! >= 6 << 16 && dv.getUint16(p + 4) !== (q[qs + 2]! & 0xffff))) {
      c.done = n
      if (!decodeAt(c, ic, ia, p, off, s)) break
    }
    const w = q[qs + 1]!
    const x = q[qs + 2]!
    const len = (x >>> 16) & 7
    const h0 = w >>> 16
    const h1 = len === 2 ? 0 : w & 0xffff
    const h2 = x & 0xffff
    c.h0 = h0
    c.h1 = h1
    c.h2 = h2
    c.ilc = len
    const am = c.amode
    const seq = am === -1 ? ia + len : (ia + len) & am
    c.nia = seq
    c.done = n
    if ((x & X_PRIV) !== 0 && (c.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
    runA[s]!(c, h0, h1, h2)
    const next = c.nia
    c.ia = next
    n++
    if (toJump && (next !== seq || (x & X_ENDS) !== 0)) {
      why = JUMPED
      return n
    }
    if (!(next >= 0 && next < FAST_LIMIT)) {
      why = SLOW
      return n
    }
    ia = next | 0
  }
  why = n < budget && !c.brk ? SLOW : DONE
  return n
}

/**
 * Runs the instruction at c.ia through the cache where it can be (any address, any absolute base), else fetched
 * halfword by halfword; true when a search for a translated block should stop after it (it branched or no block can
 * contain it). The caller has set c.done.
 */
function slowStep(c: Cpu, ic: InsnCache): boolean {
  const ia = c.ia
  if ((ia & 1) !== 0) throw new ProgramException(PGM_SPECIFICATION, 0)
  const off = ia & 0xfff
  let base = c.ibase
  if (ia - off !== c.ipage) {
    base = c.abs(ia - off, ACC_IFETCH)
    c.ipage = ia - off
    c.ibase = base
  }
  if (off > 4092) return stepUncached(c)
  const p = base + off
  const s = (p >>> 1) & (SLOTS - 1)
  const q = ic.q
  const dv = c.dv
  const qs = s << 2
  if (q[qs] !== (p | 0) || dv.getInt32(p) !== q[qs + 1] || (q[qs + 2]! >= 6 << 16 && dv.getUint16(p + 4) !== (q[qs + 2]! & 0xffff))) {
    if (!decodeAt(c, ic, ia, p, off, s)) return stepUncached(c)
  }
  const w = q[qs + 1]!
  const x = q[qs + 2]!
  const len = (x >>> 16) & 7
  const h0 = w >>> 16
  const h1 = len === 2 ? 0 : w & 0xffff
  const h2 = x & 0xffff
  c.h0 = h0
  c.h1 = h1
  c.h2 = h2
  c.ilc = len
  const am = c.amode
  const seq = am === -1 ? ia + len : (ia + len) & am
  c.nia = seq
  if ((x & X_PRIV) !== 0 && (c.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
  ic.run[s]!(c, h0, h1, h2)
  const next = c.nia
  c.ia = next
  return next !== seq || (x & X_ENDS) !== 0
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
