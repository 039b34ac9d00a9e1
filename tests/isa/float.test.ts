// POP ch. 9 and 19: floating-point register moves (long and short halves, to/from GRs), the FPC (LFPC/STFPC/SFPC/
// EFPC and its reserved bits / invalid rounding modes), and the long BFP subset: compare (NaN: CC 3), add/subtract
// (CC), multiply/divide (CC unchanged), load and test / complement, conversions from fixed, and CONVERT TO FIXED
// with every rounding-mode modifier, NaN and out-of-range results.
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const ONE = 0x3ff0000000000000n
const TWO = 0x4000000000000000n
const THREE = 0x4008000000000000n
const M1 = 0xbff0000000000000n
const NAN = 0x7ff8000000000000n
const X = 0x1111111122222222n

const CASES: Case[] = [
  { name: 'long from storage', asm: 'ld %f1,0(%r10)', code: '6810a000', gr: B, mem: { [DATA]: '3ff0000000000000' }, want: { fpr: { 1: ONE } } },
  { name: 'long to storage', asm: 'std %f1,0(%r10)', code: '6010a000', gr: B, fpr: { 1: X }, want: { mem: { [DATA]: '1111111122222222' } } },
  { name: 'long displacement', asm: 'ldy %f15,-8(%r10)', code: 'edf0aff8ff65', gr: B, mem: { [DATA - 8]: '4000000000000000' }, want: { fpr: { 15: TWO } } },
  { name: 'long displacement', asm: 'stdy %f0,-8(%r10)', code: 'ed00aff8ff67', gr: B, fpr: { 0: X }, want: { mem: { [DATA - 8]: '1111111122222222' } } },
  { name: 'short: high word only', asm: 'le %f1,0(%r10)', code: '7810a000', gr: B, fpr: { 1: X }, mem: { [DATA]: '40400000' }, want: { fpr: { 1: 0x4040000022222222n } } },
  { name: 'short: high word', asm: 'ste %f1,0(%r10)', code: '7010a000', gr: B, fpr: { 1: X }, want: { mem: { [DATA]: '1111111100' } } },
  { name: 'long register', asm: 'ldr %f1,%f2', code: '2812', fpr: { 2: X }, want: { fpr: { 1: X } } },
  { name: 'short register: low word kept', asm: 'ler %f1,%f2', code: '3812', fpr: { 1: 0x3333333344444444n, 2: X }, want: { fpr: { 1: 0x1111111144444444n } } },
  { name: 'from a GR', asm: 'ldgr %f1,%r2', code: 'b3c10012', gr: { 2: X }, want: { fpr: { 1: X } } },
  { name: 'to a GR', asm: 'lgdr %r1,%f2', code: 'b3cd0012', fpr: { 2: X }, want: { gr: { 1: X } } },
  { name: 'long zero', asm: 'lzdr %f1', code: 'b3750010', fpr: { 1: X }, want: { fpr: { 1: 0n } } },
  { name: 'short zero: low word kept', asm: 'lzer %f1', code: 'b3740010', fpr: { 1: X }, want: { fpr: { 1: 0x22222222n } } },
  { name: 'FPC from storage', asm: 'lfpc 0(%r10)', code: 'b29da000', gr: B, mem: { [DATA]: 'f8000001' }, want: { fpc: 0xf8000001 } },
  { name: 'reserved bit 24: specification', asm: 'lfpc 0(%r10)', code: 'b29da000', gr: B, mem: { [DATA]: '00000080' }, want: { pgm: { code: 6 }, fpc: 0 } },
  { name: 'FPC to storage', asm: 'stfpc 0(%r10)', code: 'b29ca000', gr: B, fpc: 0x00880003, want: { mem: { [DATA]: '00880003' } } },
  { name: 'FPC from a GR', asm: 'sfpc %r1', code: 'b3840010', gr: { 1: 0xffffffff00000003n }, want: { fpc: 3 } },
  { name: 'invalid BFP rounding mode 4: specification', asm: 'sfpc %r1', code: 'b3840010', gr: { 1: 4n }, want: { pgm: { code: 6 }, fpc: 0 } },
  { name: 'reserved bit 28: specification', asm: 'sfpc %r1', code: 'b3840010', gr: { 1: 8n }, want: { pgm: { code: 6 }, fpc: 0 } },
  { name: 'FPC into the low word', asm: 'efpc %r1', code: 'b38c0010', fpc: 0x80000002, gr: { 1: 0x5500000000n }, want: { gr: { 1: 0x5580000002n }, fpc: 0x80000002 } },
  { name: 'low', asm: 'cdbr %f0,%f2', code: 'b3190002', fpr: { 0: ONE, 2: TWO }, want: { cc: 1 } },
  { name: '-0 equals +0', asm: 'cdbr %f0,%f2', code: 'b3190002', cc: 1, fpr: { 0: 0x8000000000000000n, 2: 0n }, want: { cc: 0 } },
  { name: 'QNaN: unordered', asm: 'cdbr %f0,%f2', code: 'b3190002', fpr: { 0: NAN, 2: ONE }, want: { cc: 3 } },
  { name: 'high', asm: 'cdb %f0,0(%r10)', code: 'ed00a0000019', gr: B, fpr: { 0: TWO }, mem: { [DATA]: '3ff0000000000000' }, want: { cc: 2 } },
  { name: 'positive', asm: 'adbr %f0,%f2', code: 'b31a0002', fpr: { 0: ONE, 2: TWO }, want: { cc: 2, fpr: { 0: THREE } } },
  { name: 'x + -x = +0', asm: 'adbr %f0,%f2', code: 'b31a0002', fpr: { 0: ONE, 2: M1 }, want: { cc: 0, fpr: { 0: 0n } } },
  { name: 'from storage', asm: 'adb %f0,0(%r10)', code: 'ed00a000001a', gr: B, fpr: { 0: ONE }, mem: { [DATA]: '3ff0000000000000' }, want: { cc: 2, fpr: { 0: TWO } } },
  { name: 'negative', asm: 'sdbr %f0,%f2', code: 'b31b0002', fpr: { 0: ONE, 2: TWO }, want: { cc: 1, fpr: { 0: M1 } } },
  { name: 'from storage', asm: 'sdb %f0,0(%r10)', code: 'ed00a000001b', gr: B, fpr: { 0: THREE }, mem: { [DATA]: '4008000000000000' }, want: { cc: 0, fpr: { 0: 0n } } },
  { name: 'CC unchanged', asm: 'mdbr %f0,%f2', code: 'b31c0002', cc: 3, fpr: { 0: 0x3ff8000000000000n, 2: TWO }, want: { fpr: { 0: THREE } } },
  { name: 'from storage', asm: 'mdb %f0,0(%r10)', code: 'ed00a000001c', gr: B, fpr: { 0: M1 }, mem: { [DATA]: '4000000000000000' }, want: { fpr: { 0: 0xc000000000000000n } } },
  { name: 'CC unchanged', asm: 'ddbr %f0,%f2', code: 'b31d0002', cc: 1, fpr: { 0: THREE, 2: TWO }, want: { fpr: { 0: 0x3ff8000000000000n } } },
  { name: 'from storage', asm: 'ddb %f0,0(%r10)', code: 'ed00a000001d', gr: B, fpr: { 0: ONE }, mem: { [DATA]: '4010000000000000' }, want: { fpr: { 0: 0x3fd0000000000000n } } },
  { name: 'negative', asm: 'ltdbr %f1,%f2', code: 'b3120012', fpr: { 2: M1 }, want: { cc: 1, fpr: { 1: M1 } } },
  { name: 'QNaN', asm: 'ltdbr %f1,%f2', code: 'b3120012', fpr: { 2: NAN }, want: { cc: 3, fpr: { 1: NAN } } },
  { name: 'of +0 is -0', asm: 'lcdbr %f1,%f2', code: 'b3130012', cc: 2, fpr: { 1: X }, want: { cc: 0, fpr: { 1: 0x8000000000000000n } } },
  { name: 'of a NaN flips the sign', asm: 'lcdbr %f1,%f2', code: 'b3130012', fpr: { 2: NAN }, want: { cc: 3, fpr: { 1: 0xfff8000000000000n } } },
  { name: 'low word, exact, CC unchanged', asm: 'cdfbr %f1,%r2', code: 'b3950012', cc: 1, gr: { 2: 0x12345678fffffffdn }, want: { fpr: { 1: 0xc008000000000000n } } },
  { name: '2^53 + 1 rounds to even', asm: 'cdgbr %f1,%r2', code: 'b3a50012', gr: { 2: 0x20000000000001n }, want: { fpr: { 1: 0x4340000000000000n } } },
  { name: 'M3 5: toward zero, inexact flag', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', fpr: { 2: 0x400c000000000000n }, want: { cc: 2, gr: { 1: 3n }, fpc: 0x00080000 } },
  { name: 'M3 0, FPC mode 0: ties to even (3.5 -> 4)', asm: 'cgdbr %r1,0,%f2', code: 'b3a90012', fpr: { 2: 0x400c000000000000n }, want: { cc: 2, gr: { 1: 4n } } },
  { name: 'M3 0, FPC mode 0: ties to even (2.5 -> 2)', asm: 'cgdbr %r1,0,%f2', code: 'b3a90012', fpr: { 2: 0x4004000000000000n }, want: { cc: 2, gr: { 1: 2n } } },
  { name: 'M3 0, FPC mode 1: toward zero', asm: 'cgdbr %r1,0,%f2', code: 'b3a90012', fpc: 1, fpr: { 2: 0xc004000000000000n }, want: { cc: 1, gr: { 1: -2n } } },
  { name: 'M3 1: ties away from zero', asm: 'cgdbr %r1,1,%f2', code: 'b3a91012', fpr: { 2: 0x4004000000000000n }, want: { cc: 2, gr: { 1: 3n } } },
  { name: 'M3 4: ties to even', asm: 'cgdbr %r1,4,%f2', code: 'b3a94012', fpr: { 2: 0xc004000000000000n }, want: { cc: 1, gr: { 1: -2n } } },
  { name: 'M3 6: toward +infinity', asm: 'cgdbr %r1,6,%f2', code: 'b3a96012', fpr: { 2: 0x4000000000000001n }, want: { cc: 2, gr: { 1: 3n } } },
  { name: 'M3 7: toward -infinity', asm: 'cgdbr %r1,7,%f2', code: 'b3a97012', fpr: { 2: 0xc004000000000000n }, want: { cc: 1, gr: { 1: -3n } } },
  { name: 'zero', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', cc: 1, gr: { 1: 7n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'NaN: CC 3, maximum negative, invalid flag only', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', fpr: { 2: NAN }, want: { cc: 3, gr: { 1: -0x8000000000000000n }, fpc: 0x00800000 } },
  { name: 'too large: CC 3, maximum positive, invalid and inexact flags', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', fpr: { 2: 0x43e0000000000000n }, want: { cc: 3, gr: { 1: 0x7fffffffffffffffn }, fpc: 0x00880000 } },
  { name: 'too small: CC 3, maximum negative', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', fpr: { 2: 0xc3e0000000000001n }, want: { cc: 3, gr: { 1: -0x8000000000000000n } } },
  { name: '-2^63 fits: CC 1', asm: 'cgdbr %r1,5,%f2', code: 'b3a95012', fpr: { 2: 0xc3e0000000000000n }, want: { cc: 1, gr: { 1: -0x8000000000000000n } } },
  { name: 'AFP off: additional FPR is an AFP-register data exception (DXC 1)', asm: 'ldr %f1,%f2', code: '2812', cr: { 0: 0xe0n }, want: { pgm: { code: 7 }, mem: { 0x90: '00000001' }, cr: { 0: 0xe0n } } },
  { name: 'AFP off: basic FPRs 0, 2, 4, 6 still usable', asm: 'ldr %f0,%f6', code: '2806', cr: { 0: 0xe0n }, fpr: { 6: X }, want: { fpr: { 0: X }, cr: { 0: 0xe0n } } },
  { name: 'AFP off: BFP instruction is a BFP-instruction data exception (DXC 2)', asm: 'adbr %f0,%f2', code: 'b31a0002', cr: { 0: 0xe0n }, fpr: { 0: ONE, 2: ONE }, want: { pgm: { code: 7 }, mem: { 0x90: '00000002' }, cr: { 0: 0xe0n } } },
  { name: 'AFP off: floating-point-support instruction on an additional FPR (DXC 1)', asm: 'lzdr %f8', code: 'b3750080', cr: { 0: 0xe0n }, want: { pgm: { code: 7 }, mem: { 0x90: '00000001' }, cr: { 0: 0xe0n } } },
  { name: 'AFP off: FPC instruction is a BFP-instruction data exception (DXC 2)', asm: 'sfpc %r1', code: 'b3840010', cr: { 0: 0xe0n }, gr: { 1: 1n }, want: { pgm: { code: 7 }, mem: { 0x90: '00000002' }, cr: { 0: 0xe0n }, fpc: 0 } },
  { name: 'quantum-exception mask (bit 5) and flag (bit 13) are not reserved', asm: 'sfpc %r1', code: 'b3840010', gr: { 1: 0x04040000n }, want: { fpc: 0x04040000 } },
  { name: '2-bit: bits 62-63 of the address, bit 29 cleared', asm: 'srnm 0x3fe', code: 'b29903fe', fpc: 0x00080007, want: { fpc: 0x00080002 } },
  { name: '3-bit: mode 7', asm: 'srnmb 7', code: 'b2b80007', fpc: 0x80000001, want: { fpc: 0x80000007 } },
  { name: '3-bit: mode 5 is a specification exception', asm: 'srnmb 5', code: 'b2b80005', fpc: 1, want: { fpc: 1, pgm: { code: 6 } } },
  { name: 'DFP: mode from address bits 61-63 into FPC bits 25-27, rest kept', asm: 'srnmt 0x3fd', code: 'b2b903fd', fpc: 0x80080003, want: { fpc: 0x80080053 } },
  { name: 'DFP: every mode is valid (7 through a base register)', asm: 'srnmt 0(%r1)', code: 'b2b91000', fpc: 0x00000010, gr: { 1: 0xfffffffffffffff7n }, want: { fpc: 0x00000070 } },
  { name: 'DFP: mode 0 clears the old mode', asm: 'srnmt 8', code: 'b2b90008', fpc: 0x00000077, want: { fpc: 0x00000007 } },
  { name: 'AFP off: SRNMT is a DFP-instruction data exception (DXC 3), FPC unchanged', asm: 'srnmt 5', code: 'b2b90005', cr: { 0: 0xe0n }, fpc: 0x00000010, want: { pgm: { code: 7 }, mem: { 0x90: '00000003' }, cr: { 0: 0xe0n }, fpc: 0x00000010 } },
  { name: 'old flags kept, no enabled flag: no interruption', asm: 'sfasr %r1', code: 'b3850010', fpc: 0x00880000, gr: { 1: 0x40000001n }, want: { fpc: 0x40880001 } },
  { name: 'flag enabled by the new mask: simulated IEEE exception, DXC 83', asm: 'sfasr %r1', code: 'b3850010', fpc: 0x00880000, gr: { 1: 0x88000000n }, want: { fpc: 0x88888300, pgm: { code: 7 }, mem: { 0x90: '00000083' } } },
  { name: 'overflow and inexact flags enabled: DXC 2B', asm: 'lfas 0(%r10)', code: 'b2bda000', gr: B, fpc: 0x00280000, mem: { [DATA]: '28000000' }, want: { fpc: 0x28282b00, pgm: { code: 7 }, mem: { 0x90: '0000002b' } } },
]

runGroup('floating point', CASES)
