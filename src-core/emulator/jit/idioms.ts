// Loop idioms run in bulk by the translation tier: the byte loops GCC emits for memcpy/memset at -O2 in the
// kvm-unit-tests library (`ic rT,0(rI,rS); stc rT,0(rI,rD); aghi rI,1; brctg rN,head` and
// `stc rV,0(rI); aghi rI,1; brctg rN,head`), also with `la rI,1(rI)` as the increment (no CC) and, for fills,
// `mvi 0(rI),v` as the store. They dominate the `sclp` test (about 13 billion instructions, mostly
// copying SCCB templates). A chunk of iterations that stays inside one 4K page of each operand is performed with
// one translation per page and a plain byte loop; the architected results are those of the iterations one by one
// (forward byte order, so overlapping copies replicate as on the machine; the last AGHI's condition code; R, C bits;
// access exceptions on the first byte of a page with the exact instruction, ILC and completed-iteration count).
// Addresses are 64-bit word pairs (the high virtual addresses of DAT tests run in bulk too). Anything unusual (24/31-bit
// mode, an index at the signed-overflow or 2^64 boundary, the two low pages with their per-address protection rules,
// a store into a frame holding translated code) runs one iteration through the interpreter.
import type { Cpu } from '../cpu/cpu.ts'
import { DOUBLE } from '../cpu/repr.ts'
import type { BlockFn } from './codegen.ts'
import type { BlockInsn, DecodedBlock } from './block.ts'

const TWO32 = 4294967296

/** A recognized byte loop: registers and displacements of its instructions. */
interface ByteLoop {
  /** Instructions per iteration (4 copy, 3 fill). */
  len: number
  head: number
  /** Address of the instruction after BRCTG. */
  exit: number
  /** IC operand: other address register (0 = none), displacement; target register; -1 when filling. */
  src: { reg: number; d: number; rt: number } | null
  /** STC/MVI operand: other address register, displacement, source register of the stored byte (-1: MVI of `imm`). */
  dst: { reg: number; d: number; rv: number; imm: number; ia: number; nia: number }
  /** The increment is AGHI (sets the CC), not LA. */
  setsCc: boolean
  /** Index register incremented by AGHI, count register of BRCTG. */
  ri: number
  rn: number
}

/** The other register of an RX address when `ri` is exactly one of index/base; -1 if the shape does not fit. */
function otherReg(x: number, b: number, ri: number): number {
  if (x === ri && b !== ri) return b
  if (b === ri && x !== ri) return x
  return -1
}

/** Recognizes a byte loop starting at `insns[at]`; null when the instructions there are not one. */
function byteLoopAt(insns: readonly BlockInsn[], at: number): ByteLoop | null {
  const i0 = insns[at]
  if (i0 === undefined) return null
  const copy = i0.ins.mnemonic === 'IC'
  const len = copy ? 4 : 3
  const ic = copy ? i0 : null
  const stc = insns[at + (copy ? 1 : 0)]
  const aghi = insns[at + len - 2]
  const brctg = insns[at + len - 1]
  const mvi = !copy && stc?.ins.mnemonic === 'MVI'
  if ((stc?.ins.mnemonic !== 'STC' && !mvi) || brctg?.ins.mnemonic !== 'BRCTG' || aghi === undefined) return null
  // consecutive in storage (true of every block decodeBlock makes; the bulk semantics depend on it)
  for (let k = at + 1; k < at + len; k++) if (insns[k]!.ia !== insns[k - 1]!.nia) return null
  const la = aghi.ins.mnemonic === 'LA'
  if (la) {
    // la rI,1(rI): exactly one of index/base is rI, the other 0
    const f = aghi.f
    if (f.d2 !== 1 || f.r1 === 0 || !((f.x2 === f.r1 && f.b2 === 0) || (f.b2 === f.r1 && f.x2 === 0))) return null
  } else if (aghi.ins.mnemonic !== 'AGHI' || aghi.f.i2 !== 1) return null
  if (brctg.ia + brctg.f.i2 * 2 !== i0.ia) return null
  const ri = aghi.f.r1
  const rn = brctg.f.r1
  if (ri === rn || ri === 0) return null
  const dreg = mvi ? otherReg(0, stc.f.b1, ri) : otherReg(stc.f.x2, stc.f.b2, ri)
  const rv = mvi ? -1 : stc.f.r1
  if (dreg < 0 || dreg === rn || rv === ri || rv === rn) return null
  let src: ByteLoop['src'] = null
  if (ic !== null) {
    const sreg = otherReg(ic.f.x2, ic.f.b2, ri)
    const rt = ic.f.r1
    if (sreg < 0 || sreg === rn || sreg === rt || rt === ri || rt === rn || rt === dreg || rv !== rt) return null
    src = { reg: sreg, d: ic.f.d2, rt }
  } else if (dreg === rv && dreg !== 0) {
    return null
  }
  const d = mvi ? stc.f.d1 : stc.f.d2
  return { len, head: i0.ia, exit: brctg.nia, src, dst: { reg: dreg, d, rv, imm: mvi ? stc.f.i2 & 255 : 0, ia: stc.ia, nia: stc.nia }, ri, rn, setsCc: !la }
}

/** Index of the first instruction of a byte loop inside the block (so the block can end before it and the loop
 * head start its own block), or -1. Only 64-bit addressing mode is handled. */
export function byteLoopIndex(d: DecodedBlock): number {
  if (d.amode !== -1) return -1
  for (let i = 0; i < d.insns.length; i++) if (byteLoopAt(d.insns, i) !== null) return i
  return -1
}

/** The 64-bit operand address GR ri + GR r (0: none) + d as words (high, low; unsigned) in `out`, wrapping at 2^64. */
function address(c: Cpu, ri: number, r: number, d: number, out: { h: number; l: number }): void {
  let lo = (c.rl[ri]! >>> 0) + d
  let hi = c.rh[ri]! >>> 0
  if (r !== 0) {
    lo += c.rl[r]! >>> 0
    hi += c.rh[r]! >>> 0
  }
  const carry = Math.floor(lo / TWO32)
  out.l = lo - carry * TWO32
  out.h = (hi + carry) >>> 0
}
// (l as a double from the start: see cpu/repr.ts)
const DA = { h: 0, l: DOUBLE }
const SA = { h: 0, l: DOUBLE }

/** The block function for a block that starts with a byte loop, or null. */
export function byteLoopBlock(d: DecodedBlock): { fn: BlockFn; insns: number } | null {
  if (d.amode !== -1) return null
  const L = byteLoopAt(d.insns, 0)
  if (L === null) return null
  const { len, head, exit, src, dst, ri, rn, setsCc } = L
  const fn: BlockFn = (c, budget) => {
    let n = 0
    for (;;) {
      if (budget - n < len) {
        c.ia = head
        return n
      }
      const cntH = c.rh[rn]! >>> 0
      const cntL = c.rl[rn]! >>> 0
      // addresses as 64-bit words: the high virtual addresses of DAT tests run in bulk too
      address(c, ri, dst.reg, dst.d, DA)
      if (src !== null) address(c, ri, src.reg, src.d, SA)
      const iH = c.rh[ri]! >>> 0
      const iL = c.rl[ri]! >>> 0
      // at most 4096 iterations: the index's high word changes only at a low-word carry; one at the signed-overflow
      // (AGHI: CC 3, maybe an interruption) or 2^64 wrap boundary goes through the interpreter
      const edge = iL + 4096 > 0xffffffff && (iH === 0x7fffffff || iH === 0xffffffff)
      if (edge || (DA.h === 0 && DA.l < 8192) || (src !== null && SA.h === 0 && SA.l < 8192)) {
        // one iteration through the interpreter, with exceptions reported as from this block
        for (let k = 0; k < len; k++) {
          try {
            c.step()
          } catch (e) {
            c.jitDone = n
            throw e
          }
          n++
        }
        if (c.brk || c.ia !== head) return n
        continue
      }
      // iterations in this chunk: both operands stay in their pages, the count, the budget
      let it = Math.min(4096 - (DA.l % 4096), Math.floor((budget - n) / len))
      if (src !== null) it = Math.min(it, 4096 - (SA.l % 4096))
      if (cntH === 0 && cntL !== 0) it = Math.min(it, cntL)
      else if (cntH < 0x200000 && (cntH !== 0 || cntL !== 0)) it = Math.min(it, cntH * TWO32 + cntL)
      let sp = 0
      if (src !== null) {
        try {
          sp = c.jitAbs(SA.h, SA.l, 0)
        } catch (e) {
          c.ia = head
          c.nia = dst.ia
          c.ilc = 4
          c.jitDone = n
          throw e
        }
        // IC of the first iteration is complete once the store may fault
        c.rl[src.rt] = (c.rl[src.rt]! & -256) | c.u8[sp]!
      }
      let dp: number
      const brk0 = c.brk
      try {
        dp = c.jitAbs(DA.h, DA.l, 1)
      } catch (e) {
        c.ia = dst.ia
        c.nia = dst.nia
        c.ilc = 4
        c.jitDone = n + (src === null ? 0 : 1)
        throw e
      }
      // a store into a frame with translated code ends the block after this one iteration
      if (c.brk && !brk0) it = 1
      const u8 = c.u8
      if (src !== null) {
        // memmove equals the forward byte loop unless the destination starts inside the source (replication)
        if (sp < dp && dp < sp + it) for (let k = 0; k < it; k++) u8[dp + k] = u8[sp + k]!
        else u8.copyWithin(dp, sp, sp + it)
        c.rl[src.rt] = (c.rl[src.rt]! & -256) | u8[sp + it - 1]!
      } else {
        u8.fill(dst.rv < 0 ? dst.imm : c.rl[dst.rv]! & 255, dp, dp + it)
      }
      // the index plus `it` (no signed overflow or wrap: see `edge`)
      const nl = iL + it
      const nh = nl > 0xffffffff ? (iH + 1) | 0 : iH | 0
      c.rh[ri] = nh
      c.rl[ri] = nl | 0
      if (setsCc) c.cc = (nh | (nl | 0)) === 0 ? 0 : nh < 0 ? 1 : 2
      // BRCTG: 64-bit decrement by `it`
      let lo = cntL - it
      let hi = cntH
      while (lo < 0) {
        lo += TWO32
        hi = (hi - 1) >>> 0
      }
      c.rh[rn] = hi | 0
      c.rl[rn] = lo | 0
      n += it * len
      if (hi === 0 && lo === 0) {
        c.ia = exit
        return n
      }
      if (c.brk) {
        c.ia = head
        return n
      }
    }
  }
  return { fn, insns: len }
}
