// Branches (relative, on condition, on count, compare-and-branch, load on condition) and EXECUTE rules.
import { describe, expect, it } from 'vitest'
import { IA, normalize, runCase, type IsaCase } from './row-harness'

const CASES: IsaCase[] = [
  { name: 'BRC taken on CC 0 with mask 8', insn: 'a7840010', cc: 0, expect: { ia: IA + 0x20 } },
  { name: 'BRC not taken', insn: 'a7840010', cc: 1, expect: { ia: IA + 4 } },
  { name: 'BRCL backwards', insn: 'c0f4fffffff0', expect: { ia: IA - 0x20 } },
  { name: 'BRASL links the next address', insn: 'c0e500000100', expect: { regs: { 14: BigInt(IA + 6) }, ia: IA + 0x200 } },
  { name: 'BASR in 31-bit mode sets the addressing-mode bit', insn: '0de1', amode: 31, regs: { 1: 0x3000n }, expect: { regs: { 14: BigInt(0x80000000 + IA + 2) }, ia: 0x3000 } },
  { name: 'BCR 15,0 does not branch', insn: '07f0', expect: { ia: IA + 2 } },
  { name: 'BRCTG decrements to zero and falls through', insn: 'a717fff0', regs: { 1: 1n }, expect: { regs: { 1: 0n }, ia: IA + 4 } },
  { name: 'BRCTG counts 64-bit borrow', insn: 'a717fff0', regs: { 1: 0x100000000n }, expect: { regs: { 1: 0xffffffffn }, ia: IA - 0x20 } },
  { name: 'BRCT uses only the low word', insn: 'a716fff0', regs: { 1: 0x500000001n }, expect: { regs: { 1: 0x500000000n }, ia: IA + 4 } },
  { name: 'CGIJ equal branches (signed immediate)', insn: 'ec180010807c', regs: { 1: -128n }, expect: { ia: IA + 0x20 } },
  { name: 'CLGRJ low branches on mask 4', insn: 'ec1200104065', regs: { 1: 1n, 2: -1n }, expect: { ia: IA + 0x20 } },
  { name: 'CRJ high does not branch on mask 4', insn: 'ec1200104076', regs: { 1: 5n, 2: 1n }, expect: { ia: IA + 6 } },
  { name: 'CIJ not-equal', insn: 'ec160010057e', regs: { 1: 4n }, expect: { ia: IA + 0x20 } },
  { name: 'LOCGR on CC 2 with mask 2', insn: 'b9e22012', cc: 2, regs: { 1: 0n, 2: 9n }, expect: { regs: { 1: 9n } } },
  { name: 'LOCGR condition false', insn: 'b9e28012', cc: 2, regs: { 1: 0n, 2: 9n }, expect: { regs: { 1: 0n } } },
  { name: 'EX ORs R1 bits 56-63 into byte 1 (LGHI target)', insn: '44102100', regs: { 1: 0x30n, 2: 0x2000n }, mem: { 0x2100: 'a7090007' }, expect: { regs: { 3: 7n }, ia: IA + 4 } },
  { name: 'EX of EX: execute exception', insn: '44002100', regs: { 2: 0x2000n }, mem: { 0x2100: '44002100' }, expect: { pgm: 0x03 } },
  { name: 'EX with odd target: specification', insn: '44002101', expect: { pgm: 0x06 } },
  { name: 'EXRL of a relative branch branches relative to the target', insn: 'c60000000080', mem: { 0x2100: 'a7f40010' }, expect: { ia: 0x2120 } },
  { name: 'LGRL unaligned: specification', insn: 'c41800000003', expect: { pgm: 0x06 } },
  { name: 'LARL', insn: 'c01000000010', expect: { regs: { 1: BigInt(IA + 0x20) } } },
]

describe('branches and execute', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(runCase(c)).toEqual(normalize(c.expect))
  })
})
