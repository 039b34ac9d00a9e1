// The interpreter's inner loop (Cpu.interpret): fetch inlined, the decoded-instruction state in locals. Kept apart
// from cpu.ts so the CPU's state and its storage access stay one file of one concern.
import type { Cpu } from './cpu.ts'
import { ProgramException } from './exceptions.ts'
import { ACC_IFETCH, PGM_OPERATION, PGM_PRIVILEGED, PGM_SPECIFICATION, PSW_PROBLEM } from './constants.ts'
import { D1_TABLE, lookupInsn } from '../isa/decode.ts'

/**
 * The interpreter's inner loop: `step` with the fetch inlined and the decoded-instruction state kept in locals,
 * from `n` instructions done to `budget` or `brk`; with `toJump` also after the first instruction whose successor
 * is not the next sequential one (a taken branch, an interruption) or that no block can contain (privileged,
 * interpret-only): where the translation tier looks for a block.
 * The count of completed instructions is kept in `c.done` so the caller knows it when an instruction throws.
 */
export function interpretLoop(c: Cpu, budget: number, n: number, toJump: boolean): number {
  const dv = c.dv
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
    const h0 = dv.getUint16(base + off)
    const top = h0 >>> 14
    let h1 = 0
    let h2 = 0
    let len = 2
    if (top !== 0) {
      len = top === 3 ? 6 : 4
      if (off <= 4096 - len) {
        h1 = dv.getUint16(base + off + 2)
        if (len === 6) h2 = dv.getUint16(base + off + 4)
      } else {
        c.done = n
        h1 = c.fetch16(c.wrap(ia + 2))
        if (len === 6) h2 = c.fetch16(c.wrap(ia + 4))
      }
    }
    c.h0 = h0
    c.h1 = h1
    c.h2 = h2
    c.ilc = len
    const am = c.amode
    const seq = am === -1 ? ia + len : (ia + len) & am
    c.nia = seq
    const ins = (h0 >>> 8) === 0xe3 || (h0 >>> 8) >= 0xe6 ? lookupInsn(h0, h2) : D1_TABLE[h0]!
    if (ins === null || (ins.priv && (c.mask & PSW_PROBLEM) !== 0)) {
      c.done = n
      throw new ProgramException(ins === null ? PGM_OPERATION : PGM_PRIVILEGED)
    }
    c.done = n
    ins.run(c, h0, h1, h2)
    const next = c.nia
    c.ia = next
    n++
    if (toJump && (next !== seq || ins.endsTranslation)) break
  }
  return n
}
