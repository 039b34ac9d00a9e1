// Block formation for the translation tier: decodes a straight run of instructions inside one 4K page starting at a
// logical address, stopping before anything that must go through the interpreter (privileged, PSW/addressing-mode
// changes, EXECUTE, host-clock reads, undecodable) and after unconditional or computed branches.
import type { Cpu } from '../cpu/cpu.ts'
import { ACC_IFETCH } from '../cpu/constants.ts'
import { lookupInsn, type Insn } from '../isa/decode.ts'

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
  /** Decoded operand fields (only those the format defines). */
  f: Record<string, number>
}

/** What a block decoder found. */
export interface DecodedBlock {
  ia: number
  amode: number
  /** Absolute address of the 4K frame that holds the block. */
  absBase: number
  insns: BlockInsn[]
}

/** Mnemonics that are not privileged but still never run inside a translated block. */
const INTERPRET_ONLY = new Set(['SVC', 'EX', 'EXRL', 'SAM24', 'SAM31', 'SAM64', 'SPKA', 'STCK', 'STCKF', 'STCKE', 'SIE', 'ECTG', 'TRAP2', 'TRAP4'])

/** True when `ins` may be part of a translated block. */
export function blockable(ins: Insn): boolean {
  return !ins.priv && !INTERPRET_ONLY.has(ins.mnemonic)
}

/** Branches after which a block always ends (its successor is not the next sequential instruction). */
function endsBlock(ins: Insn, f: Record<string, number>): boolean {
  switch (ins.mnemonic) {
    case 'BRC':
    case 'BRCL':
    case 'BC':
      return f['r1'] === 15
    case 'BCR':
      return f['r1'] === 15 && f['r2'] !== 0
    case 'BRAS':
    case 'BRASL':
    case 'BAS':
    case 'BAL':
      return true
    case 'BASR':
    case 'BALR':
      return f['r2'] !== 0
    default:
      return false
  }
}

const FIELDS = ['r1', 'r2', 'r3', 'x2', 'b1', 'd1', 'b2', 'd2', 'i2', 'i3', 'i4', 'i5', 'm3', 'm4', 'm5', 'l1', 'l2'] as const
const UNSET = -0x7fff_fff1

/** Runs the format decoder of `ins` on a scratch object and returns the fields it set. */
export function decodeFields(ins: Insn, h0: number, h1: number, h2: number): Record<string, number> {
  const scratch: Record<string, number> = {}
  for (const k of FIELDS) scratch[k] = UNSET
  ins.decode(scratch as unknown as Cpu, h0, h1, h2)
  const out: Record<string, number> = {}
  for (const k of FIELDS) if (scratch[k] !== UNSET) out[k] = scratch[k]!
  return out
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
