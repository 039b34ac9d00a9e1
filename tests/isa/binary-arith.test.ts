// POP ch. 7, binary arithmetic: add/subtract (signed and logical, with carry/borrow), multiply, divide, load
// complement/positive/negative/test. CC zero/negative/positive/overflow and carry/borrow; fixed-point overflow
// (program mask bit 20) and fixed-point divide exceptions; even/odd register pairs.
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const M = -0x8000000000000000n

const CASES: Case[] = [
  // ---- add / subtract (signed) ----
  { name: 'overflow masked: CC 3', asm: 'ar %r1,%r2', code: '1a12', gr: { 1: 0x7fffffffn, 2: 1n }, want: { gr: { 1: 0x80000000n }, cc: 3 } },
  { name: 'negative, high word kept', asm: 'ar %r1,%r2', code: '1a12', gr: { 1: 0xaaaaaaaa00000001n, 2: -2n }, want: { gr: { 1: 0xaaaaaaaaffffffffn }, cc: 1 } },
  { name: 'overflow with mask on: result stored, fixed-point overflow', asm: 'ar %r1,%r2', code: '1a12', pm: 8, gr: { 1: 0x7fffffffn, 2: 1n }, want: { gr: { 1: 0x80000000n }, cc: 3, pgm: { code: 8 } } },
  { name: 'zero', asm: 'ar %r1,%r2', code: '1a12', gr: { 1: 5n, 2: 0xfffffffbn }, want: { gr: { 1: 0n }, cc: 0 } },
  { name: 'MIN - 1 overflows', asm: 'sr %r1,%r2', code: '1b12', gr: { 1: 0x80000000n, 2: 1n }, want: { gr: { 1: 0x7fffffffn }, cc: 3 } },
  { name: 'positive', asm: 'sr %r1,%r2', code: '1b12', gr: { 1: 10n, 2: 3n }, want: { gr: { 1: 7n }, cc: 2 } },
  { name: 'storage operand, zero', asm: 'a %r1,0(%r10)', code: '5a10a000', gr: { ...B, 1: 0xfffffffbn }, mem: { [DATA]: '00000005' }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'negative displacement, overflow', asm: 'ay %r1,-4(%r10)', code: 'e310affcff5a', gr: { ...B, 1: 1n }, mem: { [DATA - 4]: '7fffffff' }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'borrow to negative', asm: 's %r1,0(%r10)', code: '5b10a000', gr: { ...B, 1: 0n }, mem: { [DATA]: '00000001' }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'zero', asm: 'sy %r1,4(%r10)', code: 'e310a004005b', gr: { ...B, 1: 2n }, mem: { [DATA + 4]: '00000002' }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'halfword sign-extended', asm: 'ah %r1,0(%r10)', code: '4a10a000', gr: { ...B, 1: 1n }, mem: { [DATA]: 'ffff' }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'subtract -32768', asm: 'sh %r1,0(%r10)', code: '4b10a000', gr: { ...B, 1: 0n }, mem: { [DATA]: '8000' }, want: { cc: 2, gr: { 1: 0x8000n } } },
  { name: 'positive', asm: 'ahy %r1,0(%r10)', code: 'e310a000007a', gr: { ...B, 1: 3n }, mem: { [DATA]: '0002' }, want: { cc: 2, gr: { 1: 5n } } },
  { name: 'negative', asm: 'shy %r1,0(%r10)', code: 'e310a000007b', gr: { ...B, 1: 3n }, mem: { [DATA]: '0005' }, want: { cc: 1, gr: { 1: 0xfffffffen } } },
  { name: 'sign-extended immediate', asm: 'ahi %r1,-1', code: 'a71affff', gr: { 1: 0n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'overflow', asm: 'ahi %r1,1', code: 'a71a0001', gr: { 1: 0x7fffffffn }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'MIN + MIN wraps to zero with overflow', asm: 'afi %r1,-2147483648', code: 'c21980000000', gr: { 1: 0x80000000n }, want: { cc: 3, gr: { 1: 0n } } },
  { name: 'three operands, high word of R1 kept', asm: 'ark %r1,%r2,%r3', code: 'b9f83012', gr: { 1: 0xffffffff00000000n, 2: 1n, 3: 2n }, want: { cc: 2, gr: { 1: 0xffffffff00000003n } } },
  { name: 'negative', asm: 'srk %r1,%r2,%r3', code: 'b9f93012', gr: { 2: 1n, 3: 2n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'zero', asm: 'ahik %r1,%r3,-1', code: 'ec13ffff00d8', gr: { 3: 1n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: '64-bit overflow', asm: 'agr %r1,%r2', code: 'b9080012', gr: { 1: 0x7fffffffffffffffn, 2: 1n }, want: { cc: 3, gr: { 1: M } } },
  { name: 'carry into the high word', asm: 'agr %r1,%r2', code: 'b9080012', gr: { 1: 0xffffffffn, 2: 1n }, want: { cc: 2, gr: { 1: 0x100000000n } } },
  { name: 'overflow with mask on', asm: 'agr %r1,%r2', code: 'b9080012', pm: 8, gr: { 1: M, 2: -1n }, want: { cc: 3, gr: { 1: 0x7fffffffffffffffn }, pgm: { code: 8 } } },
  { name: '0 - MIN overflows', asm: 'sgr %r1,%r2', code: 'b9090012', gr: { 1: 0n, 2: M }, want: { cc: 3, gr: { 1: M } } },
  { name: 'negative', asm: 'agrk %r1,%r2,%r3', code: 'b9e83012', gr: { 2: -1n, 3: -1n }, want: { cc: 1, gr: { 1: -2n } } },
  { name: 'zero', asm: 'sgrk %r1,%r2,%r3', code: 'b9e93012', gr: { 2: 5n, 3: 5n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'low word of R2 sign-extended', asm: 'agfr %r1,%r2', code: 'b9180012', gr: { 1: 1n, 2: 0x1234567880000000n }, want: { cc: 1, gr: { 1: 0xffffffff80000001n } } },
  { name: 'subtract -1', asm: 'sgfr %r1,%r2', code: 'b9190012', gr: { 1: 0n, 2: 0xffffffffn }, want: { cc: 2, gr: { 1: 1n } } },
  { name: 'negative', asm: 'aghi %r1,-1', code: 'a71bffff', gr: { 1: 0n }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'overflow', asm: 'agfi %r1,1', code: 'c21800000001', gr: { 1: 0x7fffffffffffffffn }, want: { cc: 3, gr: { 1: M } } },
  { name: 'zero', asm: 'aghik %r1,%r3,2', code: 'ec13000200d9', gr: { 3: -2n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'doubleword', asm: 'ag %r1,0(%r10)', code: 'e310a0000008', gr: { ...B, 1: 0xffffffffn }, mem: { [DATA]: '0000000100000000' }, want: { cc: 2, gr: { 1: 0x1ffffffffn } } },
  { name: 'negative', asm: 'sg %r1,0(%r10)', code: 'e310a0000009', gr: { ...B, 1: 0n }, mem: { [DATA]: '0000000000000001' }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'fullword sign-extended', asm: 'agf %r1,0(%r10)', code: 'e310a0000018', gr: { ...B, 1: 0x100000000n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 2, gr: { 1: 0xffffffffn } } },
  { name: 'subtract MIN32', asm: 'sgf %r1,0(%r10)', code: 'e310a0000019', gr: { ...B, 1: 0n }, mem: { [DATA]: '80000000' }, want: { cc: 2, gr: { 1: 0x80000000n } } },
  { name: 'halfword sign-extended', asm: 'agh %r1,0(%r10)', code: 'e310a0000038', gr: { ...B, 1: 0x8000n }, mem: { [DATA]: '8000' }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'to storage, negative', asm: 'asi 0(%r10),-1', code: 'ebffa000006a', gr: B, mem: { [DATA]: '00000000' }, want: { cc: 1, mem: { [DATA]: 'ffffffff' } } },
  { name: 'to storage, overflow', asm: 'asi 0(%r10),1', code: 'eb01a000006a', gr: B, mem: { [DATA]: '7fffffff' }, want: { cc: 3, mem: { [DATA]: '80000000' } } },
  { name: 'to storage, zero', asm: 'agsi 0(%r10),1', code: 'eb01a000007a', gr: B, mem: { [DATA]: 'ffffffffffffffff' }, want: { cc: 0, mem: { [DATA]: '0000000000000000' } } },
  // ---- add / subtract logical ----
  { name: 'carry, zero: CC 2', asm: 'alr %r1,%r2', code: '1e12', gr: { 1: 0xffffffffn, 2: 1n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'carry, nonzero: CC 3', asm: 'alr %r1,%r2', code: '1e12', gr: { 1: 0xffffffffn, 2: 2n }, want: { cc: 3, gr: { 1: 1n } } },
  { name: 'zero, no carry: CC 0', asm: 'alr %r1,%r2', code: '1e12', cc: 3, gr: { 1: 0n, 2: 0n }, want: { cc: 0 } },
  { name: 'borrow: CC 1', asm: 'slr %r1,%r2', code: '1f12', gr: { 1: 1n, 2: 2n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'zero, no borrow: CC 2', asm: 'slr %r1,%r2', code: '1f12', gr: { 1: 2n, 2: 2n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'nonzero, no borrow: CC 3', asm: 'slr %r1,%r2', code: '1f12', gr: { 1: 3n, 2: 2n }, want: { cc: 3, gr: { 1: 1n } } },
  { name: 'nonzero, no carry', asm: 'al %r1,0(%r10)', code: '5e10a000', gr: { ...B, 1: 1n }, mem: { [DATA]: '00000001' }, want: { cc: 1, gr: { 1: 2n } } },
  { name: 'zero', asm: 'sl %r1,0(%r10)', code: '5f10a000', gr: { ...B, 1: 1n }, mem: { [DATA]: '00000001' }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'carry to zero', asm: 'aly %r1,0(%r10)', code: 'e310a000005e', gr: { ...B, 1: 1n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'borrow', asm: 'sly %r1,0(%r10)', code: 'e310a000005f', gr: { ...B, 1: 1n }, mem: { [DATA]: '00000002' }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'carry, nonzero', asm: 'alfi %r1,0xffffffff', code: 'c21bffffffff', gr: { 1: 0xffffffffn }, want: { cc: 3, gr: { 1: 0xfffffffen } } },
  { name: 'borrow', asm: 'slfi %r1,1', code: 'c21500000001', gr: { 1: 0n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'carry, zero', asm: 'alrk %r1,%r2,%r3', code: 'b9fa3012', gr: { 2: 0x80000000n, 3: 0x80000000n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'no borrow', asm: 'slrk %r1,%r2,%r3', code: 'b9fb3012', gr: { 2: 5n, 3: 3n }, want: { cc: 3, gr: { 1: 2n } } },
  { name: 'negative immediate carries', asm: 'alhsik %r1,%r3,-1', code: 'ec13ffff00da', gr: { 3: 1n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'carry in from CC 2', asm: 'alcr %r1,%r2', code: 'b9980012', cc: 2, gr: { 1: 1n, 2: 1n }, want: { cc: 1, gr: { 1: 3n } } },
  { name: 'carry in makes a carry out', asm: 'alcr %r1,%r2', code: 'b9980012', cc: 3, gr: { 1: 0xffffffffn, 2: 0n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'borrow in from CC 1', asm: 'slbr %r1,%r2', code: 'b9990012', cc: 1, gr: { 1: 5n, 2: 1n }, want: { cc: 3, gr: { 1: 3n } } },
  { name: 'borrow in makes a borrow out', asm: 'slbr %r1,%r2', code: 'b9990012', cc: 1, gr: { 1: 0n, 2: 0n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'no carry in (CC 0)', asm: 'alc %r1,0(%r10)', code: 'e310a0000098', gr: { ...B, 1: 1n }, mem: { [DATA]: '00000001' }, want: { cc: 1, gr: { 1: 2n } } },
  { name: 'no borrow in (CC 2)', asm: 'slb %r1,0(%r10)', code: 'e310a0000099', cc: 2, gr: { ...B, 1: 1n }, mem: { [DATA]: '00000001' }, want: { cc: 2, gr: { 1: 0n } } },
  { name: '64-bit carry', asm: 'algr %r1,%r2', code: 'b90a0012', gr: { 1: -1n, 2: 1n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: '64-bit borrow', asm: 'slgr %r1,%r2', code: 'b90b0012', gr: { 1: 0n, 2: 1n }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'low word zero-extended', asm: 'algfr %r1,%r2', code: 'b91a0012', gr: { 1: -1n, 2: 0xaaaaaaaa00000001n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'no borrow', asm: 'slgfr %r1,%r2', code: 'b91b0012', gr: { 1: 0x100000000n, 2: 1n }, want: { cc: 3, gr: { 1: 0xffffffffn } } },
  { name: 'no carry', asm: 'algrk %r1,%r2,%r3', code: 'b9ea3012', gr: { 2: 1n, 3: 2n }, want: { cc: 1, gr: { 1: 3n } } },
  { name: 'zero', asm: 'slgrk %r1,%r2,%r3', code: 'b9eb3012', gr: { 2: 2n, 3: 2n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'carry in', asm: 'alcgr %r1,%r2', code: 'b9880012', cc: 2, gr: { 1: -1n, 2: 0n }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'borrow in (CC 0)', asm: 'slbgr %r1,%r2', code: 'b9890012', gr: { 1: 0n, 2: 0n }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'unsigned immediate', asm: 'algfi %r1,0x80000000', code: 'c21a80000000', gr: { 1: 0x80000000n }, want: { cc: 1, gr: { 1: 0x100000000n } } },
  { name: 'no borrow', asm: 'slgfi %r1,1', code: 'c21400000001', gr: { 1: 0x100000000n }, want: { cc: 3, gr: { 1: 0xffffffffn } } },
  { name: 'negative immediate, no carry', asm: 'alghsik %r1,%r3,-1', code: 'ec13ffff00db', gr: { 3: 0n }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'carry', asm: 'alg %r1,0(%r10)', code: 'e310a000000a', gr: { ...B, 1: 1n }, mem: { [DATA]: 'ffffffffffffffff' }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'borrow', asm: 'slg %r1,0(%r10)', code: 'e310a000000b', gr: { ...B, 1: 0n }, mem: { [DATA]: '0000000000000001' }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'carry in', asm: 'alcg %r1,0(%r10)', code: 'e310a0000088', cc: 3, gr: { ...B, 1: 5n }, mem: { [DATA]: '0000000000000000' }, want: { cc: 1, gr: { 1: 6n } } },
  { name: 'no borrow in', asm: 'slbg %r1,0(%r10)', code: 'e310a0000089', cc: 3, gr: { ...B, 1: 2n }, mem: { [DATA]: '0000000000000001' }, want: { cc: 3, gr: { 1: 1n } } },
  { name: 'fullword zero-extended', asm: 'algf %r1,0(%r10)', code: 'e310a000001a', gr: { ...B, 1: 1n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 1, gr: { 1: 0x100000000n } } },
  { name: 'zero', asm: 'slgf %r1,0(%r10)', code: 'e310a000001b', gr: { ...B, 1: 0xffffffffn }, mem: { [DATA]: 'ffffffff' }, want: { cc: 2, gr: { 1: 0n } } },
  { name: 'storage, negative immediate carries', asm: 'alsi 0(%r10),-1', code: 'ebffa000006e', gr: B, mem: { [DATA]: '00000001' }, want: { cc: 2, mem: { [DATA]: '00000000' } } },
  { name: 'storage, carry', asm: 'algsi 0(%r10),1', code: 'eb01a000007e', gr: B, mem: { [DATA]: 'ffffffffffffffff' }, want: { cc: 2, mem: { [DATA]: '0000000000000000' } } },
  // ---- multiply ----
  { name: 'low word only, CC unchanged', asm: 'msr %r1,%r2', code: 'b2520012', cc: 1, gr: { 1: 0xffffffff00000003n, 2: 0xfffffffen }, want: { gr: { 1: 0xfffffffffffffffan } } },
  { name: 'overflow is not indicated', asm: 'ms %r1,0(%r10)', code: '7110a000', cc: 2, gr: { ...B, 1: 0x10000n }, mem: { [DATA]: '00010000' }, want: { gr: { 1: 0n } } },
  { name: 'negative', asm: 'msy %r1,0(%r10)', code: 'e310a0000051', gr: { ...B, 1: 7n }, mem: { [DATA]: 'fffffffd' }, want: { gr: { 1: 0xffffffebn } } },
  { name: 'MIN * -1 = MIN', asm: 'msfi %r1,-1', code: 'c211ffffffff', gr: { 1: 0x80000000n }, want: { gr: { 1: 0x80000000n } } },
  { name: 'negative immediate', asm: 'mhi %r1,-3', code: 'a71cfffd', gr: { 1: 7n }, want: { gr: { 1: 0xffffffebn } } },
  { name: 'halfword -32768', asm: 'mh %r1,0(%r10)', code: '4c10a000', gr: { ...B, 1: 2n }, mem: { [DATA]: '8000' }, want: { gr: { 1: 0xffff0000n } } },
  { name: 'halfword', asm: 'mhy %r1,0(%r10)', code: 'e310a000007c', gr: { ...B, 1: 3n }, mem: { [DATA]: '0003' }, want: { gr: { 1: 9n } } },
  { name: 'low 64 bits of the product', asm: 'msgr %r1,%r2', code: 'b90c0012', gr: { 1: 0x100000001n, 2: 0x100000001n }, want: { gr: { 1: 0x200000001n } } },
  { name: 'low word of R2 sign-extended', asm: 'msgfr %r1,%r2', code: 'b91c0012', gr: { 1: -2n, 2: 3n }, want: { gr: { 1: -6n } } },
  { name: 'negative immediate', asm: 'mghi %r1,-1', code: 'a71dffff', gr: { 1: 5n }, want: { gr: { 1: -5n } } },
  { name: 'wraps into the sign bit', asm: 'msgfi %r1,2', code: 'c21000000002', gr: { 1: 0x4000000000000000n }, want: { gr: { 1: M } } },
  { name: 'doubleword', asm: 'msg %r1,0(%r10)', code: 'e310a000000c', gr: { ...B, 1: 1n }, mem: { [DATA]: 'ffffffffffffffff' }, want: { gr: { 1: -1n } } },
  { name: 'fullword sign-extended', asm: 'msgf %r1,0(%r10)', code: 'e310a000001c', gr: { ...B, 1: 3n }, mem: { [DATA]: 'ffffffff' }, want: { gr: { 1: -3n } } },
  { name: 'overflow: CC 3', asm: 'msrkc %r1,%r2,%r3', code: 'b9fd3012', gr: { 2: 0x10000n, 3: 0x10000n }, want: { cc: 3, gr: { 1: 0n } } },
  { name: 'negative: CC 1, high word kept', asm: 'msrkc %r1,%r2,%r3', code: 'b9fd3012', gr: { 1: 0x5500000000n, 2: 3n, 3: 0xfffffffen }, want: { cc: 1, gr: { 1: 0x55fffffffan } } },
  { name: 'positive', asm: 'msgrkc %r1,%r2,%r3', code: 'b9ed3012', gr: { 2: 3n, 3: 4n }, want: { cc: 2, gr: { 1: 12n } } },
  { name: 'overflow', asm: 'msgrkc %r1,%r2,%r3', code: 'b9ed3012', gr: { 2: 0x100000000n, 3: 0x100000000n }, want: { cc: 3, gr: { 1: 0n } } },
  { name: '128-bit signed product in the pair, CC unchanged', asm: 'mgrk %r2,%r4,%r5', code: 'b9ec5024', cc: 1, gr: { 4: -1n, 5: 2n }, want: { gr: { 2: -1n, 3: -2n } } },
  { name: '64-bit product in the low words of the pair', asm: 'mr %r2,%r5', code: '1c25', gr: { 2: 0x1111111100000000n, 3: 0xfffffffen, 5: 3n }, want: { gr: { 2: 0x11111111ffffffffn, 3: 0xfffffffan } } },
  { name: 'odd R1: specification', asm: 'mr %r3,%r5', code: '1c35', gr: { 3: 2n, 5: 3n }, want: { pgm: { code: 6 } } },
  { name: 'product 2^32', asm: 'm %r2,0(%r10)', code: '5c20a000', gr: { ...B, 3: 0x10000n }, mem: { [DATA]: '00010000' }, want: { gr: { 2: 1n, 3: 0n } } },
  { name: '-1', asm: 'mfy %r2,0(%r10)', code: 'e320a000005c', gr: { ...B, 3: 1n }, mem: { [DATA]: 'ffffffff' }, want: { gr: { 2: 0xffffffffn, 3: 0xffffffffn } } },
  { name: 'unsigned 32x32', asm: 'mlr %r2,%r5', code: 'b9960025', gr: { 3: 0xffffffffn, 5: 0xffffffffn }, want: { gr: { 2: 0xfffffffen, 3: 1n } } },
  { name: 'unsigned', asm: 'ml %r2,0(%r10)', code: 'e320a0000096', gr: { ...B, 3: 0x80000000n }, mem: { [DATA]: '00000002' }, want: { gr: { 2: 1n, 3: 0n } } },
  { name: 'unsigned 64x64', asm: 'mlgr %r2,%r5', code: 'b9860025', gr: { 3: -1n, 5: 2n }, want: { gr: { 2: 1n, 3: -2n } } },
  { name: 'product 2^64', asm: 'mlg %r2,0(%r10)', code: 'e320a0000086', gr: { ...B, 3: 0x100000000n }, mem: { [DATA]: '0000000100000000' }, want: { gr: { 2: 1n, 3: 0n } } },
  // ---- divide ----
  { name: 'truncates toward zero, remainder has the dividend sign', asm: 'dr %r2,%r5', code: '1d25', gr: { 2: 0n, 3: 100n, 5: 0xfffffff9n }, want: { gr: { 2: 2n, 3: 0xfffffff2n } } },
  { name: 'by zero: fixed-point divide, registers unchanged', asm: 'dr %r2,%r5', code: '1d25', gr: { 2: 0n, 3: 100n, 5: 0n }, want: { pgm: { code: 9 } } },
  { name: 'quotient 2^31 does not fit: fixed-point divide', asm: 'dr %r2,%r5', code: '1d25', gr: { 2: 0n, 3: 0x80000000n, 5: 1n }, want: { pgm: { code: 9 } } },
  { name: 'negative dividend', asm: 'd %r2,0(%r10)', code: '5d20a000', gr: { ...B, 2: 0xffffffffn, 3: 0xfffffff9n }, mem: { [DATA]: '00000003' }, want: { gr: { 2: 0xffffffffn, 3: 0xfffffffen } } },
  { name: 'quotient 2^31 fits unsigned', asm: 'dlr %r2,%r5', code: 'b9970025', gr: { 2: 1n, 3: 0n, 5: 2n }, want: { gr: { 2: 0n, 3: 0x80000000n } } },
  { name: 'quotient 2^32: fixed-point divide', asm: 'dlr %r2,%r5', code: 'b9970025', gr: { 2: 2n, 3: 0n, 5: 2n }, want: { pgm: { code: 9 } } },
  { name: 'unsigned', asm: 'dl %r2,0(%r10)', code: 'e320a0000097', gr: { ...B, 3: 123n }, mem: { [DATA]: '0000000a' }, want: { gr: { 2: 3n, 3: 12n } } },
  { name: 'signed 64-bit, R1 ignored', asm: 'dsgr %r2,%r5', code: 'b90d0025', gr: { 2: 0x77n, 3: -7n, 5: 2n }, want: { gr: { 2: -1n, 3: -3n } } },
  { name: 'MIN / -1: fixed-point divide', asm: 'dsgr %r2,%r5', code: 'b90d0025', gr: { 3: M, 5: -1n }, want: { pgm: { code: 9 } } },
  { name: 'odd R1: specification', asm: 'dsgr %r3,%r5', code: 'b90d0035', gr: { 3: 1n, 5: 1n }, want: { pgm: { code: 6 } } },
  { name: 'low word of R2 sign-extended', asm: 'dsgfr %r2,%r5', code: 'b91d0025', gr: { 3: 100n, 5: 0x12345678fffffff6n }, want: { gr: { 2: 0n, 3: -10n } } },
  { name: 'doubleword divisor', asm: 'dsg %r2,0(%r10)', code: 'e320a000000d', gr: { ...B, 3: 50n }, mem: { [DATA]: '0000000000000007' }, want: { gr: { 2: 1n, 3: 7n } } },
  { name: 'fullword divisor', asm: 'dsgf %r2,0(%r10)', code: 'e320a000001d', gr: { ...B, 3: 10n }, mem: { [DATA]: 'fffffffd' }, want: { gr: { 2: 1n, 3: -3n } } },
  { name: '128-bit dividend', asm: 'dlgr %r2,%r5', code: 'b9870025', gr: { 2: 1n, 3: 0n, 5: 2n }, want: { gr: { 2: 0n, 3: M } } },
  { name: 'by zero', asm: 'dlgr %r2,%r5', code: 'b9870025', gr: { 3: 5n }, want: { pgm: { code: 9 } } },
  { name: 'unsigned', asm: 'dlg %r2,0(%r10)', code: 'e320a0000087', gr: { ...B, 3: 0x35n }, mem: { [DATA]: '0000000000000010' }, want: { gr: { 2: 5n, 3: 3n } } },
  { name: 'quotient 2^64: fixed-point divide', asm: 'dlg %r2,0(%r10)', code: 'e320a0000087', gr: { ...B, 2: 0x10n }, mem: { [DATA]: '0000000000000010' }, want: { pgm: { code: 9 } } },
  // ---- load complement / positive / negative / and test ----
  { name: 'MIN overflows', asm: 'lcr %r1,%r2', code: '1312', gr: { 2: 0x80000000n }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'positive to negative', asm: 'lcr %r1,%r2', code: '1312', gr: { 1: 0x1200000000n, 2: 5n }, want: { cc: 1, gr: { 1: 0x12fffffffbn } } },
  { name: 'MIN overflows', asm: 'lcgr %r1,%r2', code: 'b9030012', gr: { 2: M }, want: { cc: 3, gr: { 1: M } } },
  { name: 'of -1 (low word)', asm: 'lcgfr %r1,%r2', code: 'b9130012', gr: { 2: 0xffffffffn }, want: { cc: 2, gr: { 1: 1n } } },
  { name: 'of negative', asm: 'lpr %r1,%r2', code: '1012', gr: { 2: 0xfffffffbn }, want: { cc: 2, gr: { 1: 5n } } },
  { name: 'MIN overflows', asm: 'lpr %r1,%r2', code: '1012', gr: { 2: 0x80000000n }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'of negative', asm: 'lpgr %r1,%r2', code: 'b9000012', gr: { 2: -5n }, want: { cc: 2, gr: { 1: 5n } } },
  { name: 'MIN32 fits in 64 bits', asm: 'lpgfr %r1,%r2', code: 'b9100012', gr: { 2: 0x80000000n }, want: { cc: 2, gr: { 1: 0x80000000n } } },
  { name: 'of positive', asm: 'lnr %r1,%r2', code: '1112', gr: { 2: 5n }, want: { cc: 1, gr: { 1: 0xfffffffbn } } },
  { name: 'of zero', asm: 'lnr %r1,%r2', code: '1112', cc: 2, gr: { 1: 9n, 2: 0n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'of negative stays', asm: 'lngr %r1,%r2', code: 'b9010012', gr: { 2: -3n }, want: { cc: 1, gr: { 1: -3n } } },
  { name: 'of positive low word', asm: 'lngfr %r1,%r2', code: 'b9110012', gr: { 2: 7n }, want: { cc: 1, gr: { 1: -7n } } },
  { name: 'negative, high word of R1 kept', asm: 'ltr %r1,%r2', code: '1212', gr: { 1: 0x4400000000n, 2: 0x80000000n }, want: { cc: 1, gr: { 1: 0x4480000000n } } },
  { name: 'zero', asm: 'ltgr %r1,%r2', code: 'b9020012', cc: 2, gr: { 1: 1n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'positive', asm: 'ltgfr %r1,%r2', code: 'b9120012', gr: { 2: 0xff7fffffffn }, want: { cc: 2, gr: { 1: 0x7fffffffn } } },
  { name: 'MIN64 / -1: fixed-point divide', asm: 'dsgfr %r2,%r5', code: 'b91d0025', gr: { 3: M, 5: 0xffffffffn }, want: { pgm: { code: 9 } } },
  { name: 'remainder takes the dividend sign', asm: 'dsgr %r2,%r5', code: 'b90d0025', gr: { 3: -7n, 5: -2n }, want: { gr: { 2: -1n, 3: 3n } } },
  // ---- miscellaneous-instruction-extensions 2 ----
  { name: 'overflow: CC 3', asm: 'msc %r1,0(%r10)', code: 'e310a0000053', gr: { ...B, 1: 0x10000n }, mem: { [DATA]: '00010000' }, want: { cc: 3, gr: { 1: 0n } } },
  { name: 'negative, high word kept', asm: 'msc %r1,0(%r10)', code: 'e310a0000053', gr: { ...B, 1: 0x66fffffffdn }, mem: { [DATA]: '00000002' }, want: { cc: 1, gr: { 1: 0x66fffffffan } } },
  { name: 'overflow with mask on', asm: 'msgc %r1,0(%r10)', code: 'e310a0000083', pm: 8, gr: { ...B, 1: 0x100000000n }, mem: { [DATA]: '0000000100000000' }, want: { cc: 3, gr: { 1: 0n }, pgm: { code: 8 } } },
  { name: 'positive', asm: 'msgc %r1,0(%r10)', code: 'e310a0000083', gr: { ...B, 1: 3n }, mem: { [DATA]: '0000000000000004' }, want: { cc: 2, gr: { 1: 12n } } },
  { name: '128-bit signed product, CC unchanged', asm: 'mg %r2,0(%r10)', code: 'e320a0000084', cc: 1, gr: { ...B, 3: -1n }, mem: { [DATA]: '0000000000000002' }, want: { gr: { 2: -1n, 3: -2n } } },
  { name: 'halfword sign-extended', asm: 'mgh %r1,0(%r10)', code: 'e310a000003c', gr: { ...B, 1: 0x100000000n }, mem: { [DATA]: 'fffe' }, want: { gr: { 1: -0x200000000n } } },
  { name: 'subtract -32768', asm: 'sgh %r1,0(%r10)', code: 'e310a0000039', gr: B, mem: { [DATA]: '8000' }, want: { cc: 2, gr: { 1: 0x8000n } } },
  { name: 'MIN - 1 overflows', asm: 'sgh %r1,0(%r10)', code: 'e310a0000039', gr: { ...B, 1: M }, mem: { [DATA]: '0001' }, want: { cc: 3, gr: { 1: 0x7fffffffffffffffn } } },
  { name: 'high word, low word kept', asm: 'aih %r1,-1', code: 'cc18ffffffff', gr: { 1: 0x0000000112345678n }, want: { cc: 0, gr: { 1: 0x12345678n } } },
  { name: 'high word overflow', asm: 'aih %r1,1', code: 'cc1800000001', gr: { 1: 0x7fffffff00000000n }, want: { cc: 3, gr: { 1: 0x8000000000000000n } } },
  { name: 'MIN overflows with mask on', asm: 'lcgr %r1,%r2', code: 'b9030012', pm: 8, gr: { 2: M }, want: { cc: 3, gr: { 1: M }, pgm: { code: 8 } } },
  { name: 'fixed-point overflow mask off, other mask bits on: no interruption', asm: 'ar %r1,%r2', code: '1a12', pm: 7, gr: { 1: 0x7fffffffn, 2: 1n }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  // ---- further CC boundaries, pairs and divide limits ----
  { name: 'positive', asm: 'ar %r1,%r2', code: '1a12', gr: { 1: 5n, 2: 7n }, want: { cc: 2, gr: { 1: 12n } } },
  { name: '64-bit carry into the high word', asm: 'aghi %r1,1', code: 'a71b0001', gr: { 1: 0xffffffffn }, want: { cc: 2, gr: { 1: 0x100000000n } } },
  { name: 'equal operands: zero', asm: 'sgr %r1,%r2', code: 'b9090012', gr: { 1: 0x123456789n, 2: 0x123456789n }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'positive, sources unchanged', asm: 'agrk %r1,%r2,%r3', code: 'b9e83012', gr: { 2: 40n, 3: 2n }, want: { cc: 2, gr: { 1: 42n } } },
  { name: 'nonzero, no carry: CC 1', asm: 'alr %r1,%r2', code: '1e12', gr: { 1: 1n, 2: 2n }, want: { cc: 1, gr: { 1: 3n } } },
  { name: 'carry in from CC 2, nonzero, no carry out: CC 1', asm: 'alcgr %r1,%r2', code: 'b9880012', cc: 2, gr: { 1: 1n, 2: 1n }, want: { cc: 1, gr: { 1: 3n } } },
  { name: 'borrow in (CC 1), nonzero, no borrow out: CC 3', asm: 'slbgr %r1,%r2', code: 'b9890012', cc: 1, gr: { 1: 5n, 2: 1n }, want: { cc: 3, gr: { 1: 3n } } },
  { name: 'odd R1: specification', asm: 'mlgr %r3,%r4', code: 'b9860034', want: { pgm: { code: 6 } } },
  { name: 'quotient and remainder', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: 100n, 4: 7n }, want: { gr: { 2: 2n, 3: 14n } } },
  { name: 'quotient does not fit in 64 bits: fixed-point divide', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 2: 1n, 4: 1n }, want: { pgm: { code: 9 } } },
  // DIVIDE LOGICAL divides dividends and divisors below 2^53 as doubles (arith.ts divl128): its edges and both sides
  { name: 'largest double-exact dividend by 3', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: (1n << 53n) - 1n, 4: 3n }, want: { gr: { 2: 1n, 3: 0xaaaaaaaaaaaaan } } },
  { name: 'quotient just below an integer', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: (1n << 53n) - 2n, 4: (1n << 53n) - 1n }, want: { gr: { 2: (1n << 53n) - 2n, 3: 0n } } },
  { name: 'equal 53-bit operands', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: (1n << 53n) - 1n, 4: (1n << 53n) - 1n }, want: { gr: { 2: 0n, 3: 1n } } },
  { name: 'dividend 2^53 + 1 (BigInt)', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: (1n << 53n) + 1n, 4: 2n }, want: { gr: { 2: 1n, 3: 1n << 52n } } },
  { name: 'divisor 2^53 + 1 (BigInt)', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: 0xffffffffffffffffn, 4: (1n << 53n) + 1n }, want: { gr: { 2: 0xffffffffffffffffn % ((1n << 53n) + 1n), 3: 0xffffffffffffffffn / ((1n << 53n) + 1n) } } },
  { name: '32-bit divisor, largest dividend whose quotient fits', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 2: 0xfffffffen, 3: 0xffffffffffffffffn, 4: 0xffffffffn }, want: { gr: { 2: 0xfffffffeffffffffffffffffn % 0xffffffffn, 3: 0xfffffffeffffffffffffffffn / 0xffffffffn } } },
  { name: '32-bit divisor equal to the high doubleword: fixed-point divide, registers unchanged', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 2: 0xffffffffn, 3: 5n, 4: 0xffffffffn }, want: { gr: { 2: 0xffffffffn, 3: 5n }, pgm: { code: 9 } } },
  { name: '32-bit divisor, high doubleword above 2^32: fixed-point divide', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 2: 1n << 32n, 4: 0xffffffffn }, want: { pgm: { code: 9 } } },
  { name: 'divisor 1: the dividend', asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 3: 0xffffffffffffffffn, 4: 1n }, want: { gr: { 2: 0n, 3: 0xffffffffffffffffn } } },
  { name: 'a 64-bit quotient of 32-bit words', asm: 'dlg %r2,0(%r10)', code: 'e320a0000087', gr: { ...B, 3: 0x1fffff80000001n }, mem: { [DATA]: '00000000ffffffff' }, want: { gr: { 2: 0x1fffff80000001n % 0xffffffffn, 3: 0x1fffff80000001n / 0xffffffffn } } },
  { name: 'to storage, zero', asm: 'asi 0(%r10),-1', code: 'ebffa000006a', gr: B, mem: { [DATA]: '00000001' }, want: { cc: 0, mem: { [DATA]: '00000000' } } },
]

runGroup('binary arithmetic', CASES)

/** DIVIDE LOGICAL GR against BigInt for operands around the double-exact limit 2^53, the 32-bit divisor limit and
 * the 32-bit word edges, 128-bit dividends included (a fixed pseudo-random sequence: the same cases every run). */
function divideLogicalCases(): Case[] {
  let seed = 0x2545f491
  const rnd = (bits: number): bigint => {
    let v = 0n
    for (let i = 0; i < bits; i += 16) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      v = (v << 16n) | BigInt(seed >>> 16)
    }
    return v & ((1n << BigInt(bits)) - 1n)
  }
  const M64 = (1n << 64n) - 1n
  const cases: Case[] = []
  // [dividend bits, divisor bits]: above 64 the dividend spans both registers of the pair
  const sizes = [[52, 20], [53, 53], [54, 30], [53, 54], [64, 33], [33, 32], [21, 21], [64, 64], [64, 32], [64, 31], [95, 32], [96, 32], [100, 40], [128, 64]] as const
  for (const [db, vb] of sizes) {
    for (let i = 0; i < 8; i++) {
      const dd = rnd(db) | (i & 1 ? 1n << BigInt(db - 1) : 0n)
      const dv = rnd(vb) | 1n | (i & 2 ? 1n << BigInt(vb - 1) : 0n)
      const q = dd / dv
      const want = q > M64 ? { pgm: { code: 9 } } : { gr: { 2: dd % dv, 3: q } }
      cases.push({ name: `${db}-bit / ${vb}-bit #${i}`, asm: 'dlgr %r2,%r4', code: 'b9870024', gr: { 2: dd >> 64n, 3: dd & M64, 4: dv }, want })
    }
  }
  return cases
}
runGroup('divide logical, operands around 2^32 and 2^53', divideLogicalCases())
