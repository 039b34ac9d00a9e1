// Block formation for the translation tier: decodes a straight run of instructions inside one 4K page starting at a
// logical address, stopping before anything that must go through the interpreter (privileged, PSW/addressing-mode
// changes, EXECUTE, host-clock reads, undecodable) and after unconditional or computed branches.
import type { Cpu } from '../cpu/cpu.ts'
import type { Fields } from '../isa/formats.ts'
import { ACC_IFETCH } from '../cpu/constants.ts'
import { decodeFields, lookupInsn, type Insn } from '../isa/decode.ts'

/** Longest block (instructions); also bounds the work between two budget checks. */
export const MAX_BLOCK_INSNS = 48

/** One decoded instruction of a block. */
export interface BlockInsn {
  /** Logical address. */
  ia: number
  /** Logical address of the next sequential instruction (wrapped in the block's addressing mode). */
  nia: number
  len: number
  h0: number
  h1: number
  h2: number
  ins: Insn
  /** Decoded operand fields (those the format lacks are 0; `ins.fields` lists the defined ones). */
  f: Fields
}

/** What a block decoder found. */
export interface DecodedBlock {
  ia: number
  amode: number
  /** Absolute address of the 4K frame that holds the block. */
  absBase: number
  insns: BlockInsn[]
}

/** True when `ins` may be part of a translated block (the table's flags decide). */
export function blockable(ins: Insn): boolean {
  return !ins.priv && !ins.semipriv && !ins.interpretOnly
}

/** True when a block ends after `ins`: its successor is not the next sequential instruction. */
function endsBlock(ins: Insn, f: Fields): boolean {
  if (ins.blockEnd === 'never') return false
  // RR-format branches with R2 = 0 do not branch (BCR, BASR, BALR).
  if (ins.fmt === 'RR' && f.r2 === 0) return false
  return ins.blockEnd === 'branch' || f.r1 === 15
}

/** Decodes the block at the CPU's logical address `ia`; null when not even its first instruction can be translated. */
export function decodeBlock(c: Cpu, ia: number): DecodedBlock | null {
  if (ia % 2 !== 0) return null
  const off0 = ia & 4095
  const absBase = c.abs(ia, ACC_IFETCH) - off0
  const dv = c.dv
  const amode = c.amode
  const insns: BlockInsn[] = []
  let off = off0
  while (off < 4096 && insns.length < MAX_BLOCK_INSNS) {
    const h0 = dv.getUint16(absBase + off)
    const top = h0 >>> 14
    const len = top === 0 ? 2 : top === 3 ? 6 : 4
    if (off + len > 4096) break
    const h1 = len > 2 ? dv.getUint16(absBase + off + 2) : 0
    const h2 = len > 4 ? dv.getUint16(absBase + off + 4) : 0
    const ins = lookupInsn(h0, h2)
    if (ins === null || !blockable(ins)) break
    const at = ia + (off - off0)
    const next = amode === -1 ? at + len : (at + len) & amode
    const f = decodeFields(ins, h0, h1, h2)
    insns.push({ ia: at, nia: next, len, h0, h1, h2, ins, f })
    off += len
    if (endsBlock(ins, f)) break
  }
  if (insns.length === 0) return null
  return { ia, amode, absBase, insns }
}
