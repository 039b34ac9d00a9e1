// Logical operations, immediates, test under mask, shifts, rotates and RISBG-family insert/select.
import { describe, expect, it } from 'vitest'
import { normalize, runCase, type IsaCase } from './row-harness'

const CASES: IsaCase[] = [
  { name: 'NGR zero result', insn: 'b9800012', regs: { 1: 0xf0n, 2: 0x0fn }, expect: { regs: { 1: 0n }, cc: 0 } },
  { name: 'XGR self clears', insn: 'b9820011', regs: { 1: -1n }, expect: { regs: { 1: 0n }, cc: 0 } },
  { name: 'OGRK', insn: 'b9e63012', regs: { 2: 0x100000000n, 3: 1n }, expect: { regs: { 1: 0x100000001n }, cc: 1 } },
  { name: 'NILF only touches the low word; CC from it', insn: 'c01b0000ff00', regs: { 1: 0x12345678000000ffn }, expect: { regs: { 1: 0x1234567800000000n }, cc: 0 } },
  { name: 'OIHH sets bits 0-15', insn: 'a5180102', regs: { 1: 0n }, expect: { regs: { 1: 0x0102000000000000n }, cc: 1 } },
  { name: 'IILF keeps the high word', insn: 'c0190000002a', regs: { 1: -1n }, expect: { regs: { 1: -0x100000000n + 42n } } },
  { name: 'LLILH zeroes the rest', insn: 'a51e1234', regs: { 1: -1n }, expect: { regs: { 1: 0x12340000n } } },
  { name: 'TMLL all selected ones: CC 3', insn: 'a7110003', regs: { 1: 0xffn }, expect: { cc: 3 } },
  { name: 'TMLL mixed, leftmost selected zero: CC 1', insn: 'a7118001', regs: { 1: 0x0001n }, expect: { cc: 1 } },
  { name: 'TMLL mixed, leftmost selected one: CC 2', insn: 'a7118001', regs: { 1: 0x8000n }, expect: { cc: 2 } },
  { name: 'TMLL zero mask: CC 0', insn: 'a7110000', regs: { 1: 0xffffn }, expect: { cc: 0 } },
  { name: 'SLLG by 33', insn: 'eb120021000d', regs: { 2: 3n }, expect: { regs: { 1: 0x600000000n } } },
  { name: 'SRLG by 63', insn: 'eb12003f000c', regs: { 2: -1n }, expect: { regs: { 1: 1n } } },
  { name: 'SRAG negative, CC 1', insn: 'eb120004000a', regs: { 2: -64n }, expect: { regs: { 1: -4n }, cc: 1 } },
  { name: 'SLAG overflow keeps the sign', insn: 'eb120001000b', regs: { 2: 0x4000000000000000n }, expect: { regs: { 1: 0n }, cc: 3 } },
  { name: 'SLL 32 bits and more give zero', insn: '89100020', regs: { 1: 0xffffffffn }, expect: { regs: { 1: 0n } } },
  { name: 'SRA by 40 fills with the sign', insn: '8a100028', regs: { 1: 0x80000000n }, expect: { regs: { 1: 0xffffffffn }, cc: 1 } },
  { name: 'SLA overflow', insn: '8b100001', regs: { 1: 0x40000000n }, expect: { regs: { 1: 0n }, cc: 3 } },
  { name: 'RLLG by 4', insn: 'eb120004001c', regs: { 2: 0xf000000000000001n }, expect: { regs: { 1: 0x1fn } } },
  { name: 'RLL by 8', insn: 'eb120008001d', regs: { 2: 0x12345678n }, expect: { regs: { 1: 0x34567812n } } },
  { name: 'RISBG zero flag, extract bits 48-63', insn: 'ec1230bf0055', regs: { 1: -1n, 2: 0x1234n }, expect: { regs: { 1: 0x1234n }, cc: 2 } },
  { name: 'RISBGN insert byte rotated, keeps the rest, no CC change', insn: 'ec1230370859', cc: 1, regs: { 1: 0x1111111111111111n, 2: 0xabn }, expect: { regs: { 1: 0x111111111111ab11n }, cc: 1 } },
  { name: 'RISBG wrap-around range', insn: 'ec123e810055', regs: { 1: 0n, 2: -1n }, expect: { regs: { 1: 0xc000000000000003n }, cc: 1 } },
  { name: 'ROSBG OR into bits 0-31', insn: 'ec12001f2056', regs: { 1: 1n, 2: 0xffn }, expect: { regs: { 1: 0x000000ff00000001n }, cc: 1 } },
  { name: 'RNSBG test-only does not store', insn: 'ec12803f0054', regs: { 1: 0xf0n, 2: 0x0fn }, expect: { regs: { 1: 0xf0n }, cc: 0 } },
  { name: 'FLOGR finds the leftmost one', insn: 'b9830024', regs: { 4: 0x0000100000000000n }, expect: { regs: { 2: 19n, 3: 0n }, cc: 2 } },
  { name: 'FLOGR of zero', insn: 'b9830024', regs: { 4: 0n }, expect: { regs: { 2: 64n }, cc: 0 } },
  { name: 'POPCNT per byte', insn: 'b9e10012', regs: { 2: 0xff01030000000000n }, expect: { regs: { 1: 0x0801020000000000n }, cc: 1 } },
]

describe('logical, shift and rotate', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(runCase(c)).toEqual(normalize(c.expect))
  })
})
