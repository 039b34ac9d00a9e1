// Storage-to-storage and storage-immediate instructions, compare-and-swap, and control instructions with their
// privileged/specification/addressing exceptions.
import { describe, expect, it } from 'vitest'
import { normalize, runCase, type IsaCase } from './row-harness'

const B = { 2: 0x3000n, 3: 0x3100n }
const CASES: IsaCase[] = [
  { name: 'MVC copies left to right (overlap propagates the first byte)', insn: 'd20620012000', regs: { 2: 0x3000n }, mem: { 0x3000: 'ab00000000000000' }, expect: { mem: { 0x3000: 'abababababababab' } } },
  { name: 'MVC non-overlapping', insn: 'd20320003000', regs: B, mem: { 0x3100: '01020304' }, expect: { mem: { 0x3000: '01020304' } } },
  { name: 'XC self clears, CC 0', insn: 'd70320002000', regs: B, mem: { 0x3000: 'ffffffff' }, expect: { mem: { 0x3000: '00000000' }, cc: 0 } },
  { name: 'NC nonzero result, CC 1', insn: 'd40120003000', regs: B, mem: { 0x3000: 'ff0f', 0x3100: '0f0f' }, expect: { mem: { 0x3000: '0f0f' }, cc: 1 } },
  { name: 'CLC first operand low', insn: 'd50220003000', regs: B, mem: { 0x3000: '010203', 0x3100: '010204' }, expect: { cc: 1 } },
  { name: 'CLC equal', insn: 'd50220003000', regs: B, mem: { 0x3000: '010203', 0x3100: '010203' }, expect: { cc: 0 } },
  { name: 'MVI', insn: '925a2000', regs: B, expect: { mem: { 0x3000: '5a' } } },
  { name: 'CLI high', insn: '95102000', regs: B, mem: { 0x3000: '20' }, expect: { cc: 2 } },
  { name: 'TM mixed: CC 1', insn: '91032000', regs: B, mem: { 0x3000: '01' }, expect: { cc: 1 } },
  { name: 'TM all ones: CC 3', insn: '91032000', regs: B, mem: { 0x3000: '03' }, expect: { cc: 3 } },
  { name: 'MVGHI sign-extends', insn: 'e5482000fffe', regs: B, expect: { mem: { 0x3000: 'fffffffffffffffe' } } },
  { name: 'CHHSI negative halfword', insn: 'e55420000000', regs: B, mem: { 0x3000: 'ffff' }, expect: { cc: 1 } },
  { name: 'CS equal stores R3', insn: 'ba142000', regs: { ...B, 1: 5n, 4: 9n }, mem: { 0x3000: '00000005' }, expect: { mem: { 0x3000: '00000009' }, cc: 0 } },
  { name: 'CS unequal loads R1', insn: 'ba142000', regs: { ...B, 1: 5n, 4: 9n }, mem: { 0x3000: '00000007' }, expect: { regs: { 1: 7n }, cc: 1 } },
  { name: 'CSG unaligned: specification', insn: 'eb1420040030', regs: B, expect: { pgm: 0x06 } },
  { name: 'LMG / wrap from 15 to 0', insn: 'ebf120000004', regs: B, mem: { 0x3000: '00000000000000010000000000000002000000000000000300000000' + '00000000' }, expect: { regs: { 15: 1n, 0: 2n, 1: 3n } } },
  { name: 'STMG stores a register range', insn: 'eb4520000024', regs: { ...B, 4: -1n, 5: 1n }, expect: { mem: { 0x3000: 'ffffffffffffffff0000000000000001' } } },
  { name: 'ICM mask 1010, first byte high bit: CC 1', insn: 'bf1a2000', regs: { ...B, 1: 0n }, mem: { 0x3000: '8001' }, expect: { regs: { 1: 0x80000100n }, cc: 1 } },
  { name: 'Load beyond storage: addressing', insn: 'e31020000004', regs: { 2: 0x200000n }, expect: { pgm: 0x05 } },
  { name: 'LPSWE in problem state: privileged operation', insn: 'b2b22000', problemState: true, regs: B, expect: { pgm: 0x02 } },
  { name: 'LPSWE unaligned operand: specification', insn: 'b2b22004', regs: B, expect: { pgm: 0x06 } },
  { name: 'LPSWE of a PSW with bit 12 set: early specification', insn: 'b2b22000', regs: B, mem: { 0x3000: '0008000180000000' + '0000000000004000' }, expect: { pgm: 0x06, ia: 0x4000 } },
  { name: 'LPSWE loads mask and address', insn: 'b2b22000', regs: B, mem: { 0x3000: '0000200180000000' + '0000000000004000' }, expect: { ia: 0x4000, cc: 2 } },
  { name: 'SPX beyond storage: addressing', insn: 'b2102000', regs: B, mem: { 0x3000: '00200000' }, expect: { pgm: 0x05 } },
  { name: 'STAP stores the CPU address', insn: 'b2122000', regs: B, mem: { 0x3000: 'ffff' }, expect: { mem: { 0x3000: '0000' } } },
  { name: 'STFLE with a short buffer: CC 3 and the needed count in R0', insn: 'b2b02000', regs: { ...B, 0: 0n }, expect: { regs: { 0: 2n }, cc: 3 } },
  { name: 'SSKE / ISKE round trip', insn: 'b22b0013', regs: { 1: 0x30n, 3: 0x5000n }, expect: { regs: { 1: 0x30n } } },
  { name: 'TPROT key 0 on storage: CC 0', insn: 'e50120003000', regs: B, expect: { cc: 0 } },
  { name: 'SIGP to a CPU that does not exist: CC 3', insn: 'ae130005', regs: { 3: 7n }, expect: { cc: 3 } },
  { name: 'IPM / SPM round trip of CC and program mask', insn: 'b2220010', cc: 3, pm: 0xc, regs: { 1: 0n }, expect: { regs: { 1: 0x3c000000n } } },
  { name: 'Unassigned opcode: operation exception', insn: '0000', expect: { pgm: 0x01 } },
]

describe('storage and control instructions', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(runCase(c)).toEqual(normalize(c.expect))
  })
})
