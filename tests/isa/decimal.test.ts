// POP ch. 8, decimal instructions (AP, SP, ZAP, CP, MP, DP, SRP, TP), and the decimal conversions and moves of
// ch. 7 (CVB/CVBY/CVBG, CVD/CVDY/CVDG, PACK, UNPK, MVO, MVN, MVZ, ED, EDMK). Expected values from the POP's
// definitions and its worked examples (MVO, PACK, UNPK, ED/EDMK, SRP); invalid digits or signs are data exceptions
// with DXC 0 (suppression), decimal overflow completes and interrupts only with the program-mask bit on.
// Cross-checked with a probe kernel under QEMU 7.2 TCG where it implements the instruction: PACK, MVO, CVD and TP
// agree; QEMU's UNPK drops the leftmost source byte (01234c unpacks to f0f0f2f3c4 there, f0f1f2f3c4 by the POP);
// QEMU 7.2 has no AP/SP/CP/MP/DP/SRP/CVB/ED/EDMK (operation exception).
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
const B = { 10: D }
const B1 = { 1: 0x1111111111111111n, 10: D }
/** Data-exception code in the lowcore (absolute 0x90 with prefix 0). */
const DXC0 = { 0x90: '00000000' }

const CASES: Case[] = [
  // ---- ADD / SUBTRACT / ZERO AND ADD DECIMAL ----
  { name: 'AP: positive sum, preferred sign', asm: 'ap 0(2,%r10),4(1,%r10)', code: 'fa10a000a004', gr: B, mem: { [DATA]: '012c0000 6f' }, want: { cc: 2, mem: { [DATA]: '018c' } } },
  { name: 'AP: mixed signs', asm: 'ap 0(2,%r10),4(1,%r10)', code: 'fa10a000a004', gr: B, mem: { [DATA]: '012c0000 3d' }, want: { cc: 2, mem: { [DATA]: '009c' } } },
  { name: 'AP: zero sum is positive', asm: 'ap 0(2,%r10),4(2,%r10)', code: 'fa11a000a004', gr: B, mem: { [DATA]: '012c0000 012d' }, want: { cc: 0, mem: { [DATA]: '000c' } } },
  { name: 'AP: overflow, mask off: CC 3, low digits and the true sign', asm: 'ap 0(2,%r10),4(2,%r10)', code: 'fa11a000a004', gr: B, mem: { [DATA]: '999c0000 001c' }, want: { cc: 3, mem: { [DATA]: '000c' } } },
  { name: 'AP: invalid sign in the first operand: data exception, nothing stored', asm: 'ap 0(2,%r10),4(2,%r10)', code: 'fa11a000a004', gr: B, mem: { [DATA]: '01230000 001c' }, want: { pgm: { code: 7 }, mem: { [DATA]: '0123', ...DXC0 } } },
  { name: 'SP: negative difference', asm: 'sp 0(2,%r10),4(2,%r10)', code: 'fb11a000a004', gr: B, mem: { [DATA]: '012c0000 034c' }, want: { cc: 1, mem: { [DATA]: '022d' } } },
  { name: 'ZAP: negative zero becomes positive', asm: 'zap 0(2,%r10),4(1,%r10)', code: 'f810a000a004', cc: 2, gr: B, mem: { [DATA]: 'ffff0000 0d' }, want: { cc: 0, mem: { [DATA]: '000c' } } },
  { name: 'ZAP: sign F becomes C, lengthened', asm: 'zap 0(3,%r10),4(2,%r10)', code: 'f821a000a004', gr: B, mem: { [DATA]: 'ffffff00 123f' }, want: { cc: 2, mem: { [DATA]: '00123c' } } },
  { name: 'ZAP: overflow with the decimal-overflow mask: completed, then interruption', asm: 'zap 0(1,%r10),4(3,%r10)', code: 'f802a000a004', pm: 4, gr: B, mem: { [DATA]: '00000000 12345c' }, want: { cc: 3, mem: { [DATA]: '5c' }, pgm: { code: 0x0a } } },
  { name: 'ZAP: invalid digit in the second operand', asm: 'zap 0(2,%r10),4(2,%r10)', code: 'f811a000a004', gr: B, mem: { [DATA]: '00000000 1a2c' }, want: { pgm: { code: 7 }, mem: DXC0 } },
  // ---- COMPARE DECIMAL ----
  { name: 'CP: +12 > -12', asm: 'cp 0(2,%r10),4(2,%r10)', code: 'f911a000a004', gr: B, mem: { [DATA]: '012c0000 012d' }, want: { cc: 2 } },
  { name: 'CP: +0 == -0, different lengths', asm: 'cp 0(1,%r10),4(3,%r10)', code: 'f902a000a004', cc: 2, gr: B, mem: { [DATA]: '0c000000 00000d' }, want: { cc: 0 } },
  { name: 'CP: low', asm: 'cp 0(2,%r10),4(1,%r10)', code: 'f910a000a004', gr: B, mem: { [DATA]: '001c0000 2f' }, want: { cc: 1 } },
  // ---- MULTIPLY / DIVIDE DECIMAL ----
  { name: 'MP: product sign by algebra', asm: 'mp 0(4,%r10),4(1,%r10)', code: 'fc30a000a004', gr: B, mem: { [DATA]: '0000012c 3d' }, want: { mem: { [DATA]: '0000036d' } } },
  { name: 'MP: L2 not below L1: specification', asm: 'mp 0(2,%r10),4(2,%r10)', code: 'fc11a000a004', gr: B, mem: { [DATA]: '001c0000 001c' }, want: { pgm: { code: 6 } } },
  { name: 'MP: too few leading zeros in the multiplicand: data exception', asm: 'mp 0(3,%r10),4(1,%r10)', code: 'fc20a000a004', gr: B, mem: { [DATA]: '01234c00 2c' }, want: { pgm: { code: 7 }, mem: DXC0 } },
  { name: 'DP: quotient then remainder (sign of the dividend)', asm: 'dp 0(4,%r10),4(2,%r10)', code: 'fd31a000a004', gr: B, mem: { [DATA]: '0000123d 010c' }, want: { mem: { [DATA]: '012d003d' } } },
  { name: 'DP: divisor zero: decimal divide, suppressed', asm: 'dp 0(8,%r10),8(2,%r10)', code: 'fd71a000a008', gr: B, mem: { [DATA]: '00000000 0000001c 000c' }, want: { pgm: { code: 0x0b } } },
  { name: 'DP: quotient too large: decimal divide', asm: 'dp 0(4,%r10),4(1,%r10)', code: 'fd30a000a004', gr: B, mem: { [DATA]: '9999999c 1c' }, want: { pgm: { code: 0x0b } } },
  // ---- SHIFT AND ROUND DECIMAL, TEST DECIMAL ----
  { name: 'SRP: left 3', asm: 'srp 0(4,%r10),3,0', code: 'f030a0000003', gr: B, mem: { [DATA]: '0001234c' }, want: { cc: 2, mem: { [DATA]: '1234000c' } } },
  { name: 'SRP: right 2 rounding with 5', asm: 'srp 0(4,%r10),62,5', code: 'f035a000003e', gr: B, mem: { [DATA]: '0123456d' }, want: { cc: 1, mem: { [DATA]: '0001235d' } } },
  { name: 'SRP: left shift loses a digit: CC 3', asm: 'srp 0(2,%r10),1,0', code: 'f010a0000001', gr: B, mem: { [DATA]: '123c' }, want: { cc: 3, mem: { [DATA]: '230c' } } },
  { name: 'TP: valid', asm: 'tp 0(2,%r10)', code: 'eb10a00000c0', cc: 3, gr: B, mem: { [DATA]: '123c' }, want: { cc: 0 } },
  { name: 'TP: invalid sign', asm: 'tp 0(2,%r10)', code: 'eb10a00000c0', gr: B, mem: { [DATA]: '1233' }, want: { cc: 1 } },
  { name: 'TP: invalid digit', asm: 'tp 0(2,%r10)', code: 'eb10a00000c0', gr: B, mem: { [DATA]: '1a3c' }, want: { cc: 2 } },
  { name: 'TP: both invalid', asm: 'tp 0(2,%r10)', code: 'eb10a00000c0', gr: B, mem: { [DATA]: 'a233' }, want: { cc: 3 } },
  // ---- CONVERT TO BINARY / DECIMAL ----
  { name: 'CVB: negative', asm: 'cvb %r1,0(%r10)', code: '4f10a000', gr: B1, mem: { [DATA]: '00000000 0001234d' }, want: { gr: { 1: 0x11111111fffffb2en } } },
  { name: 'CVBY: positive', asm: 'cvby %r1,0(%r10)', code: 'e310a0000006', gr: B1, mem: { [DATA]: '00000000 0001234f' }, want: { gr: { 1: 0x11111111000004d2n } } },
  { name: 'CVB: invalid sign: data exception DXC 0, suppressed', asm: 'cvb %r1,0(%r10)', code: '4f10a000', gr: B1, mem: { [DATA]: '00000000 00000123' }, want: { pgm: { code: 7 }, mem: DXC0 } },
  { name: 'CVB: 2^31 is out of range: low 32 bits and fixed-point divide', asm: 'cvb %r1,0(%r10)', code: '4f10a000', gr: B1, mem: { [DATA]: '00000214 7483648c' }, want: { gr: { 1: 0x1111111180000000n }, pgm: { code: 9 } } },
  { name: 'CVBG: 64-bit', asm: 'cvbg %r1,0(%r10)', code: 'e310a000000e', gr: B1, mem: { [DATA]: '00000000 00000000 00000123 4567890d' }, want: { gr: { 1: -1234567890n } } },
  { name: 'CVD: negative word', asm: 'cvd %r1,0(%r10)', code: '4e10a000', gr: { 1: 0xaaaaaaaafffffb2en, 10: D }, want: { mem: { [DATA]: '00000000 0001234d' } } },
  { name: 'CVDY: most negative word', asm: 'cvdy %r1,0(%r10)', code: 'e310a0000026', gr: { 1: 0x80000000n, 10: D }, want: { mem: { [DATA]: '00000214 7483648d' } } },
  { name: 'CVDG: 64-bit', asm: 'cvdg %r1,0(%r10)', code: 'e310a000002e', gr: { 1: 1234567890123n, 10: D }, want: { mem: { [DATA]: '00000000 00000000 00 12345678 90123c' } } },
  // ---- PACK, UNPACK, MOVE WITH OFFSET, MOVE NUMERICS/ZONES ----
  { name: 'PACK: zoned to packed, sign half swapped', asm: 'pack 0(3,%r10),8(4,%r10)', code: 'f223a000a008', gr: B, mem: { [DATA + 8]: 'f1f2f3c4' }, want: { mem: { [DATA]: '01234c' } } },
  { name: 'PACK: same field', asm: 'pack 0(4,%r10),0(4,%r10)', code: 'f233a000a000', gr: B, mem: { [DATA]: 'f1f2f3c4' }, want: { mem: { [DATA]: '0001234c' } } },
  { name: 'UNPK: packed to zoned, zone F fill', asm: 'unpk 0(5,%r10),8(3,%r10)', code: 'f342a000a008', gr: B, mem: { [DATA + 8]: '01234c' }, want: { mem: { [DATA]: 'f0f1f2f3c4' } } },
  { name: 'MVO: POP example', asm: 'mvo 0(4,%r10),8(3,%r10)', code: 'f132a000a008', gr: B, mem: { [DATA]: '7788990c', [DATA + 8]: '123456' }, want: { mem: { [DATA]: '0123456c' } } },
  { name: 'MVO: second operand truncated on the left', asm: 'mvo 0(2,%r10),8(3,%r10)', code: 'f112a000a008', gr: B, mem: { [DATA]: '000d', [DATA + 8]: '123456' }, want: { mem: { [DATA]: '456d' } } },
  { name: 'MVN: numerics only', asm: 'mvn 0(3,%r10),8(%r10)', code: 'd102a000a008', gr: B, mem: { [DATA]: 'f1f2f3', [DATA + 8]: 'c4c5c6' }, want: { mem: { [DATA]: 'f4f5f6' } } },
  { name: 'MVZ: zones only', asm: 'mvz 0(3,%r10),8(%r10)', code: 'd302a000a008', gr: B, mem: { [DATA]: 'f1f2f3', [DATA + 8]: 'c4c5c6' }, want: { mem: { [DATA]: 'c1c2c3' } } },
  // ---- EDIT, EDIT AND MARK (POP example: pattern " dd,dsd.dd CR") ----
  { name: 'ED: positive amount, CR and fill', asm: 'ed 0(13,%r10),16(%r10)', code: 'de0ca000a010', gr: B, mem: { [DATA]: '4020206b 2021204b 202040c3 d9', [DATA + 16]: '0257426c' }, want: { cc: 2, mem: { [DATA]: '4040f26b f5f7f44b f2f64040 40' } } },
  { name: 'ED: negative amount keeps CR', asm: 'ed 0(13,%r10),16(%r10)', code: 'de0ca000a010', gr: B, mem: { [DATA]: '4020206b 2021204b 202040c3 d9', [DATA + 16]: '0257426d' }, want: { cc: 1, mem: { [DATA]: '4040f26b f5f7f44b f2f640c3 d9' } } },
  { name: 'ED: zero with significance starter', asm: 'ed 0(5,%r10),16(%r10)', code: 'de04a000a010', cc: 2, gr: B, mem: { [DATA]: '5c202120 20', [DATA + 16]: '00000c' }, want: { cc: 0, mem: { [DATA]: '5c5c5cf0 f0' } } },
  { name: 'ED: invalid digit: data exception', asm: 'ed 0(3,%r10),16(%r10)', code: 'de02a000a010', gr: B, mem: { [DATA]: '402020', [DATA + 16]: 'a1' }, want: { pgm: { code: 7 }, mem: { [DATA]: '402020', ...DXC0 } } },
  { name: 'EDMK: GR1 gets the address of the first significant digit', asm: 'edmk 0(13,%r10),16(%r10)', code: 'df0ca000a010', gr: B1, mem: { [DATA]: '4020206b 2021204b 202040c3 d9', [DATA + 16]: '0257426c' }, want: { cc: 2, gr: { 1: D + 2n }, mem: { [DATA]: '4040f26b f5f7f44b f2f64040 40' } } },
  { name: 'EDMK: significance forced by 0x21: GR1 unchanged; sign not reached leaves S on: CC 1', asm: 'edmk 0(5,%r10),16(%r10)', code: 'df04a000a010', gr: B1, mem: { [DATA]: '40202120 20', [DATA + 16]: '00012c' }, want: { cc: 1, mem: { [DATA]: '404040f0 f1' } } },
]

runGroup('decimal', CASES)
