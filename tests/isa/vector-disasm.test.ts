// The disassembly of the vector formats (isa/disasm.ts): operands in assembler order with every M field written
// out, registers 16-31 through the RXB bits. The expected texts are the GNU assembler input the bytes were made
// from, with the optional zero M fields added.
import { describe, expect, it } from 'vitest'
import { disassemble } from '@core/emulator/isa/disasm.ts'

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['e710a0000806', 'vl %v17,0(%r10),0'],
  ['e710a0001005', 'vlrep %v1,0(%r10),1'],
  ['e712a0001013', 'vgef %v1,0(%v2,%r10),1'],
  ['e71300042033', 'verll %v1,%v3,4(%r0),2'],
  ['e7101e012046', 'vgm %v1,30,1,2'],
  ['e7120001204d', 'vrep %v1,%v2,1,2'],
  ['e71230081072', 'verim %v1,%v2,%v3,8,1'],
  ['e7128100304a', 'vftci %v1,%v2,2064,3,0'],
  ['e71200002053', 'vclz %v1,%v2,2,0,0'],
  ['e712301020fb', 'vch %v1,%v2,%v3,2,1'],
  ['e712301030e8', 'vfce %v1,%v2,%v3,3,0,1'],
  ['e7123030408a', 'vstrc %v1,%v2,%v3,%v4,0,3'],
  ['e7123300408f', 'vfma %v1,%v2,%v3,%v4,0,3'],
  ['e71230000062', 'vlvgp %v1,%r2,%r3'],
]

describe('vector disassembly', () => {
  it.each(CASES)('%s is %s', (hex, text) => {
    const h = [0, 4, 8].map((i) => parseInt(hex.slice(i, i + 4), 16))
    expect(disassemble(h[0]!, h[1]!, h[2]!, 0x10000)).toBe(text)
  })
})
