// POP ch. 7, comparison: signed and logical compares of registers, storage, immediates (SIL with unsigned
// immediates), relative-long operands (alignment) and COMPARE AND TRAP (data exception, DXC 0xff).
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const M = -0x8000000000000000n
const RL = CODE + 0x100
/** A compare-and-trap trap: data exception with DXC 0xff in the lowcore and in the FPC (AFP on). */
const TRAP = { pgm: { code: 7 }, fpc: 0xff00, mem: { 0x90: '000000ff' } }

const CASES: Case[] = [
  { name: 'low', asm: 'cr %r1,%r2', code: '1912', gr: { 1: 0xffffffffn, 2: 1n }, want: { cc: 1 } },
  { name: 'equal', asm: 'cr %r1,%r2', code: '1912', cc: 2, gr: { 1: 5n, 2: 5n }, want: { cc: 0 } },
  { name: 'high word ignored', asm: 'cr %r1,%r2', code: '1912', gr: { 1: 0x100000002n, 2: 0x500000001n }, want: { cc: 2 } },
  { name: 'unsigned high', asm: 'clr %r1,%r2', code: '1512', gr: { 1: 0xffffffffn, 2: 1n }, want: { cc: 2 } },
  { name: 'greater than MIN', asm: 'c %r1,0(%r10)', code: '5910a000', gr: { ...B, 1: 0n }, mem: { [DATA]: '80000000' }, want: { cc: 2 } },
  { name: 'equal', asm: 'cy %r1,0(%r10)', code: 'e310a0000059', gr: { ...B, 1: 1n }, mem: { [DATA]: '00000001' }, want: { cc: 0 } },
  { name: 'unsigned low', asm: 'cl %r1,0(%r10)', code: '5510a000', gr: { ...B, 1: 1n }, mem: { [DATA]: '80000000' }, want: { cc: 1 } },
  { name: 'equal', asm: 'cly %r1,0(%r10)', code: 'e310a0000055', gr: { ...B, 1: 0xffffffffn }, mem: { [DATA]: 'ffffffff' }, want: { cc: 0 } },
  { name: 'halfword sign-extended', asm: 'ch %r1,0(%r10)', code: '4910a000', gr: { ...B, 1: 0xffffffffn }, mem: { [DATA]: 'ffff' }, want: { cc: 0 } },
  { name: 'halfword -32768', asm: 'chy %r1,0(%r10)', code: 'e310a0000079', gr: { ...B, 1: 0n }, mem: { [DATA]: '8000' }, want: { cc: 2 } },
  { name: 'negative immediate', asm: 'chi %r1,-1', code: 'a71effff', gr: { 1: 0n }, want: { cc: 2 } },
  { name: 'MIN equal', asm: 'cfi %r1,-2147483648', code: 'c21d80000000', gr: { 1: 0x80000000n }, want: { cc: 0 } },
  { name: 'unsigned immediate', asm: 'clfi %r1,0xffffffff', code: 'c21fffffffff', gr: { 1: 0n }, want: { cc: 1 } },
  { name: '64-bit signed', asm: 'cgr %r1,%r2', code: 'b9200012', gr: { 1: -1n, 2: 1n }, want: { cc: 1 } },
  { name: '64-bit unsigned', asm: 'clgr %r1,%r2', code: 'b9210012', gr: { 1: -1n, 2: 1n }, want: { cc: 2 } },
  { name: 'R2 low word sign-extended', asm: 'cgfr %r1,%r2', code: 'b9300012', gr: { 1: 0xffffffffn, 2: 0xffffffffn }, want: { cc: 2 } },
  { name: 'R2 low word zero-extended', asm: 'clgfr %r1,%r2', code: 'b9310012', gr: { 1: 0x100000000n, 2: -1n }, want: { cc: 2 } },
  { name: 'equal -1', asm: 'cghi %r1,-1', code: 'a71fffff', cc: 2, gr: { 1: -1n }, want: { cc: 0 } },
  { name: 'MIN low', asm: 'cgfi %r1,0', code: 'c21c00000000', gr: { 1: M }, want: { cc: 1 } },
  { name: 'unsigned immediate', asm: 'clgfi %r1,0xffffffff', code: 'c21effffffff', gr: { 1: 0x100000000n }, want: { cc: 2 } },
  { name: 'signed doubleword', asm: 'cg %r1,0(%r10)', code: 'e310a0000020', gr: { ...B, 1: 0x7fffffffffffffffn }, mem: { [DATA]: '8000000000000000' }, want: { cc: 2 } },
  { name: 'unsigned doubleword', asm: 'clg %r1,0(%r10)', code: 'e310a0000021', gr: { ...B, 1: 0x7fffffffffffffffn }, mem: { [DATA]: '8000000000000000' }, want: { cc: 1 } },
  { name: 'fullword sign-extended', asm: 'cgf %r1,0(%r10)', code: 'e310a0000030', cc: 1, gr: { ...B, 1: -1n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 0 } },
  { name: 'fullword zero-extended', asm: 'clgf %r1,0(%r10)', code: 'e310a0000031', gr: { ...B, 1: -1n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 2 } },
  { name: 'halfword sign-extended', asm: 'cgh %r1,0(%r10)', code: 'e310a0000034', gr: { ...B, 1: -32769n }, mem: { [DATA]: '8000' }, want: { cc: 1 } },
  { name: 'signed immediate', asm: 'chhsi 0(%r10),-1', code: 'e554a000ffff', cc: 1, gr: B, mem: { [DATA]: 'ffff' }, want: { cc: 0 } },
  { name: 'fullword vs immediate', asm: 'chsi 0(%r10),1', code: 'e55ca0000001', gr: B, mem: { [DATA]: '80000000' }, want: { cc: 1 } },
  { name: 'doubleword vs immediate', asm: 'cghsi 0(%r10),-2', code: 'e558a000fffe', gr: B, mem: { [DATA]: 'ffffffffffffffff' }, want: { cc: 2 } },
  { name: 'immediate is unsigned', asm: 'clhhsi 0(%r10),0xffff', code: 'e555a000ffff', gr: B, mem: { [DATA]: '8000' }, want: { cc: 1 } },
  { name: 'immediate zero-extended', asm: 'clfhsi 0(%r10),0xffff', code: 'e55da000ffff', gr: B, mem: { [DATA]: '00010000' }, want: { cc: 2 } },
  { name: 'immediate zero-extended, equal', asm: 'clghsi 0(%r10),0x8000', code: 'e559a0008000', cc: 1, gr: B, mem: { [DATA]: '0000000000008000' }, want: { cc: 0 } },
  { name: 'relative long', asm: 'crl %r1,.+256', code: 'c61d00000080', gr: { 1: 5n }, mem: { [RL]: '00000006' }, want: { cc: 1 } },
  { name: 'not word aligned: specification', asm: 'crl %r1,.+258', code: 'c61d00000081', cc: 2, gr: { 1: 5n }, want: { pgm: { code: 6 } } },
  { name: 'relative long unsigned', asm: 'clrl %r1,.+256', code: 'c61f00000080', gr: { 1: 0xffffffffn }, mem: { [RL]: '00000001' }, want: { cc: 2 } },
  { name: 'relative long', asm: 'cgrl %r1,.+256', code: 'c61800000080', gr: { 1: 1n }, mem: { [RL]: 'ffffffffffffffff' }, want: { cc: 2 } },
  { name: 'relative long unsigned', asm: 'clgrl %r1,.+256', code: 'c61a00000080', gr: { 1: 1n }, mem: { [RL]: 'ffffffffffffffff' }, want: { cc: 1 } },
  { name: 'relative long fullword', asm: 'cgfrl %r1,.+256', code: 'c61c00000080', cc: 1, gr: { 1: -1n }, mem: { [RL]: 'ffffffff' }, want: { cc: 0 } },
  { name: 'relative long fullword unsigned', asm: 'clgfrl %r1,.+256', code: 'c61e00000080', gr: { 1: -1n }, mem: { [RL]: 'ffffffff' }, want: { cc: 2 } },
  { name: 'relative long halfword', asm: 'chrl %r1,.+256', code: 'c61500000080', cc: 1, gr: { 1: 0xffff8000n }, mem: { [RL]: '8000' }, want: { cc: 0 } },
  { name: 'relative long halfword unsigned', asm: 'clhrl %r1,.+256', code: 'c61700000080', cc: 1, gr: { 1: 0x8000n }, mem: { [RL]: '8000' }, want: { cc: 0 } },
  { name: 'relative long halfword unsigned', asm: 'clghrl %r1,.+256', code: 'c61600000080', gr: { 1: 0x10000n }, mem: { [RL]: 'ffff' }, want: { cc: 2 } },
  { name: 'trap on equal', asm: 'crt %r1,%r2,8', code: 'b9728012', gr: { 1: 5n, 2: 5n }, want: TRAP },
  { name: 'no trap, CC unchanged', asm: 'crt %r1,%r2,8', code: 'b9728012', cc: 3, gr: { 1: 5n, 2: 6n }, want: { cc: 3 } },
  { name: 'trap on low', asm: 'cgrt %r1,%r2,4', code: 'b9604012', gr: { 1: -1n, 2: 0n }, want: TRAP },
  { name: 'trap on equal -1', asm: 'cit %r1,-1,8', code: 'ec10ffff8072', gr: { 1: 0xffffffffn }, want: TRAP },
  { name: 'trap on high', asm: 'cgit %r1,5,2', code: 'ec1000052070', gr: { 1: 6n }, want: TRAP },
  { name: 'no trap', asm: 'cgit %r1,5,2', code: 'ec1000052070', gr: { 1: 5n }, want: {} },
  { name: 'high word vs immediate', asm: 'cih %r1,-1', code: 'cc1dffffffff', gr: { 1: 0xfffffffe00000005n }, want: { cc: 1 } },
  { name: 'load and trap: nonzero loads', asm: 'lat %r1,0(%r10)', code: 'e310a000009f', gr: B, mem: { [DATA]: '00000003' }, want: { gr: { 1: 3n } } },
  { name: 'load and trap: zero loads, then traps', asm: 'lat %r1,0(%r10)', code: 'e310a000009f', gr: { ...B, 1: 0x900000009n }, want: { ...TRAP, gr: { 1: 0x900000000n } } },
  { name: 'load and trap 64: zero traps', asm: 'lgat %r1,0(%r10)', code: 'e310a0000085', gr: { ...B, 1: 9n }, want: { ...TRAP, gr: { 1: 0n } } },
  { name: 'logical compare and trap: high traps on mask 2', asm: 'clt %r1,2,0(%r10)', code: 'eb12a0000023', gr: { ...B, 1: 0xffffffffn }, mem: { [DATA]: '00000001' }, want: TRAP },
  { name: 'logical compare and trap 64: no trap', asm: 'clgt %r1,8,0(%r10)', code: 'eb18a000002b', gr: { ...B, 1: 1n }, mem: { [DATA]: '0000000000000002' }, want: {} },
  { name: 'negative halfword against 0: low', asm: 'chhsi 0(%r10),0', code: 'e554a0000000', gr: B, mem: { [DATA]: 'ffff' }, want: { cc: 1 } },
]

runGroup('compare', CASES)
