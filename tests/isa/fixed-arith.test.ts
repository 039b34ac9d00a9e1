// Binary add/subtract/multiply/divide: results, CC (zero/negative/positive/overflow, carry/borrow) and exceptions.
import { describe, expect, it } from 'vitest'
import { normalize, runCase, type IsaCase } from './row-harness'

const MIN32 = -0x80000000n
const CASES: IsaCase[] = [
  { name: 'AR positive', insn: '1a12', regs: { 1: 5n, 2: 7n }, expect: { regs: { 1: 12n }, cc: 2 } },
  { name: 'AR zero', insn: '1a12', regs: { 1: 5n, 2: -5n }, expect: { regs: { 1: 0n }, cc: 0 } },
  { name: 'AR negative keeps high word', insn: '1a12', regs: { 1: 0x1234567800000001n, 2: -3n }, expect: { regs: { 1: 0x12345678fffffffen }, cc: 1 } },
  { name: 'AR overflow, masked', insn: '1a12', regs: { 1: 0x7fffffffn, 2: 1n }, expect: { regs: { 1: 0x80000000n }, cc: 3 } },
  { name: 'AR overflow, enabled: fixed-point overflow after storing', insn: '1a12', pm: 8, regs: { 1: 0x7fffffffn, 2: 1n }, expect: { regs: { 1: 0x80000000n }, pgm: 0x08 } },
  { name: 'SR overflow MIN - 1', insn: '1b12', regs: { 1: MIN32 & 0xffffffffn, 2: 1n }, expect: { regs: { 1: 0x7fffffffn }, cc: 3 } },
  { name: 'AHI sign-extended immediate', insn: 'a71afffe', regs: { 1: 1n }, expect: { regs: { 1: 0xffffffffn }, cc: 1 } },
  { name: 'AGHI 64-bit carry into high word', insn: 'a71b0001', regs: { 1: 0xffffffffn }, expect: { regs: { 1: 0x100000000n }, cc: 2 } },
  { name: 'AGR overflow', insn: 'b9080012', regs: { 1: 0x7fffffffffffffffn, 2: 1n }, expect: { regs: { 1: -0x8000000000000000n }, cc: 3 } },
  { name: 'SGR zero', insn: 'b9090012', regs: { 1: 0x123456789n, 2: 0x123456789n }, expect: { regs: { 1: 0n }, cc: 0 } },
  { name: 'AGRK leaves sources', insn: 'b9e83012', regs: { 2: 40n, 3: 2n }, expect: { regs: { 1: 42n, 2: 40n, 3: 2n }, cc: 2 } },
  { name: 'AGFR sign-extends the low word', insn: 'b9180012', regs: { 1: 10n, 2: 0xffffffffn }, expect: { regs: { 1: 9n }, cc: 2 } },
  { name: 'ALR carry, zero result: CC 2', insn: '1e12', regs: { 1: 0xffffffffn, 2: 1n }, expect: { regs: { 1: 0n }, cc: 2 } },
  { name: 'ALR carry, nonzero: CC 3', insn: '1e12', regs: { 1: 0xffffffffn, 2: 2n }, expect: { regs: { 1: 1n }, cc: 3 } },
  { name: 'ALR no carry: CC 1', insn: '1e12', regs: { 1: 1n, 2: 2n }, expect: { regs: { 1: 3n }, cc: 1 } },
  { name: 'SLR borrow: CC 1', insn: '1f12', regs: { 1: 1n, 2: 2n }, expect: { regs: { 1: 0xffffffffn }, cc: 1 } },
  { name: 'SLR equal: CC 2', insn: '1f12', regs: { 1: 2n, 2: 2n }, expect: { regs: { 1: 0n }, cc: 2 } },
  { name: 'ALGR carry out of 64 bits', insn: 'b90a0012', regs: { 1: -1n, 2: 1n }, expect: { regs: { 1: 0n }, cc: 2 } },
  { name: 'SLGR borrow', insn: 'b90b0012', regs: { 1: 0n, 2: 1n }, expect: { regs: { 1: -1n }, cc: 1 } },
  { name: 'ALCGR uses the carry from CC', insn: 'b9880012', cc: 2, regs: { 1: 1n, 2: 1n }, expect: { regs: { 1: 3n }, cc: 1 } },
  { name: 'SLBGR with borrow-in (CC 1)', insn: 'b9890012', cc: 1, regs: { 1: 5n, 2: 1n }, expect: { regs: { 1: 3n }, cc: 3 } },
  { name: 'ALGFI', insn: 'c21a80000000', regs: { 1: 0x80000000n }, expect: { regs: { 1: 0x100000000n }, cc: 1 } },
  { name: 'MSGR low 64 bits of product', insn: 'b90c0012', regs: { 1: 0x100000001n, 2: 0x100000001n }, expect: { regs: { 1: 0x200000001n } } },
  { name: 'MHI', insn: 'a71cfffd', regs: { 1: 7n }, expect: { regs: { 1: 0xffffffebn } } },
  { name: 'MLGR 128-bit product in even/odd pair', insn: 'b9860024', regs: { 3: -1n, 4: 2n }, expect: { regs: { 2: 1n, 3: -2n } } },
  { name: 'MLGR odd R1: specification', insn: 'b9860034', expect: { pgm: 0x06 } },
  { name: 'DLGR quotient and remainder', insn: 'b9870024', regs: { 2: 0n, 3: 100n, 4: 7n }, expect: { regs: { 2: 2n, 3: 14n } } },
  { name: 'DLGR by zero: fixed-point divide', insn: 'b9870024', regs: { 2: 0n, 3: 100n, 4: 0n }, expect: { pgm: 0x09 } },
  { name: 'DLGR quotient too big: fixed-point divide', insn: 'b9870024', regs: { 2: 1n, 3: 0n, 4: 1n }, expect: { pgm: 0x09 } },
  { name: 'DSGR signed', insn: 'b90d0024', regs: { 3: -7n, 4: 2n }, expect: { regs: { 2: -1n, 3: -3n } } },
  { name: 'DR 64/32 signed in pair', insn: '1d24', regs: { 2: 0n, 3: 100n, 4: 0xfffffff9n }, expect: { regs: { 2: 2n, 3: 0xfffffff2n } } },
  { name: 'LCR of MIN overflows', insn: '1312', regs: { 2: 0x80000000n }, expect: { regs: { 1: 0x80000000n }, cc: 3 } },
  { name: 'LPGR of negative', insn: 'b9000012', regs: { 2: -5n }, expect: { regs: { 1: 5n }, cc: 2 } },
  { name: 'LNR of positive', insn: '1112', regs: { 2: 5n }, expect: { regs: { 1: 0xfffffffbn }, cc: 1 } },
  { name: 'ASI to storage', insn: 'ebfff000006a', regs: { 15: 0x3000n }, mem: { 0x3000: '00000001' }, expect: { mem: { 0x3000: '00000000' }, cc: 0 } },
  { name: 'AGSI to storage', insn: 'eb01f000007a', regs: { 15: 0x3000n }, mem: { 0x3000: 'ffffffffffffffff' }, expect: { mem: { 0x3000: '0000000000000000' }, cc: 0 } },
]

describe('binary arithmetic', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(runCase(c)).toEqual(normalize(c.expect))
  })
})
