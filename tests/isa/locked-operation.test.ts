// POP ch. 7, PERFORM LOCKED OPERATION: the test bit (CC 0 for the 24 defined function codes, CC 3 beyond), GR0
// reserved bits and undefined codes (specification), and each operation in its four forms: 32-bit registers (fc
// 4k), 64-bit parameter list (4k+1), 64-bit registers (4k+2), 128-bit parameter list (4k+3). The parameter list
// (at D4(B4)) has 16-byte slots: values right-aligned (op1c at +12/+8/+0, op1r +28/+24/+16, op3c or op3 of CL at
// +40/+32, op3 +60/+56/+48, op5 +92/+88/+80, op7 +124/+120/+112), operand addresses at +72, +104, +136.
// Expected values are worked out from those definitions by hand.
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
const B = { 10: D }
/** Parameter list, second operand, fourth/sixth/eighth operands. */
const PL = DATA + 0x100
const OP2 = DATA
const OP4 = DATA + 0x200
const OP6 = DATA + 0x220
const OP8 = DATA + 0x240
const a64 = (a: number): string => a.toString(16).padStart(16, '0')
/** plo %r2,0(%r10),%r4,0x100(%r10): op2 at DATA, D4(B4) = PL. */
const PLO_PL = 'ee24a000a100'
/** plo %r2,0(%r10),%r4,0x200(%r10): op2 at DATA, op4 at DATA+0x200 (register forms of CL, DCS, CSST). */
const PLO_OP4 = 'ee24a000a200'
const gr = (fc: number | bigint, extra: Record<number, bigint> = {}): Record<number, bigint> => ({ 0: BigInt(fc), ...B, ...extra })

const CASES: Case[] = [
  // ---- test bit, GR0 checks ----------------------------------------------------------------------------------
  { name: 'test bit, CSTSTX (23) installed: CC 0, nothing else', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, cc: 2, gr: gr(0x117), want: { cc: 0 } },
  { name: 'test bit, function code 24: CC 3', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(0x118), want: { cc: 3 } },
  { name: 'test bit, function code 255: CC 3', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(0x1ff), want: { cc: 3 } },
  { name: 'test bit, GR0 bits 0-31 ignored', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, cc: 1, gr: gr(0xffffffff00000100n), want: { cc: 0 } },
  { name: 'GR0 bit 54 one: specification', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(0x300), want: { pgm: { code: 6 } } },
  { name: 'undefined function code 24 without the test bit: specification', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(24), want: { pgm: { code: 6 } } },
  // ---- compare and load ----------------------------------------------------------------------------------------
  { name: 'CL equal: op4 into R3 bits 32-63, CC 0', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, cc: 1, gr: gr(0, { 2: 5n, 4: 0x1111111100000000n }), mem: { [OP2]: '00000005', [OP4]: '0000abcd' }, want: { cc: 0, gr: { 4: 0x111111110000abcdn } } },
  { name: 'CL unequal: op2 into R1 bits 32-63, CC 1', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(0, { 2: 0x2222222200000006n }), mem: { [OP2]: '00000005', [OP4]: '0000abcd' }, want: { cc: 1, gr: { 2: 0x2222222200000005n } } },
  { name: 'CL op2 not on a word boundary: specification', asm: 'plo %r2,2(%r10),%r4,0x200(%r10)', code: 'ee24a002a200', gr: gr(0), want: { pgm: { code: 6 } } },
  { name: 'CL op4 not on a word boundary: specification', asm: 'plo %r2,0(%r10),%r4,0x202(%r10)', code: 'ee24a000a202', gr: gr(0), want: { pgm: { code: 6 } } },
  { name: 'CLG equal: op4 (address in the list) into the op3 slot at +40', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(1), mem: { [OP2]: '0000000000000009', [PL + 8]: '0000000000000009', [PL + 72]: a64(OP4), [OP4]: 'fedcba9876543210' }, want: { cc: 0, mem: { [PL + 40]: 'fedcba9876543210' } } },
  { name: 'CLG unequal: op2 into the op1c slot at +8, CC 1', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(1), mem: { [OP2]: '0000000000000009', [PL + 8]: '0000000000000008' }, want: { cc: 1, mem: { [PL + 8]: '0000000000000009', [PL + 40]: '0000000000000000' } } },
  { name: 'CLGR equal: 64-bit op4 into R3', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(2, { 2: 0x8000000000000001n }), mem: { [OP2]: '8000000000000001', [OP4]: '0102030405060708' }, want: { cc: 0, gr: { 4: 0x0102030405060708n } } },
  { name: 'CLX equal: 16-byte op4 into the op3 slot at +32', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(3), mem: { [OP2]: '000102030405060708090a0b0c0d0e0f', [PL]: '000102030405060708090a0b0c0d0e0f', [PL + 72]: a64(OP4), [OP4]: 'ffeeddccbbaa99887766554433221100' }, want: { cc: 0, mem: { [PL + 32]: 'ffeeddccbbaa99887766554433221100' } } },
  { name: 'CLX op4 address in the list not on a quadword boundary: specification', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(3), mem: { [PL + 72]: a64(OP4 + 8) }, want: { pgm: { code: 6 } } },
  // ---- compare and swap ------------------------------------------------------------------------------------------
  { name: 'CS equal: R1+1 stored at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(4, { 2: 5n, 3: 0xaaaaaaaa00000007n }), mem: { [OP2]: '00000005' }, want: { cc: 0, mem: { [OP2]: '00000007' } } },
  { name: 'CS odd R1: specification', asm: 'plo %r3,0(%r10),%r4,0x100(%r10)', code: 'ee34a000a100', gr: gr(4), want: { pgm: { code: 6 } } },
  { name: 'CSG equal: op1r (+24) stored at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(5), mem: { [OP2]: '1111111122222222', [PL + 8]: '1111111122222222', [PL + 24]: '3333333344444444' }, want: { cc: 0, mem: { [OP2]: '3333333344444444' } } },
  { name: 'CSG parameter list on a word boundary only: specification', asm: 'plo %r2,0(%r10),%r4,0x104(%r10)', code: 'ee24a000a104', gr: gr(5), want: { pgm: { code: 6 } } },
  { name: 'CSGR equal: 64-bit R1+1 at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(6, { 2: 0x0123456789abcdefn, 3: -1n }), mem: { [OP2]: '0123456789abcdef' }, want: { cc: 0, mem: { [OP2]: 'ffffffffffffffff' } } },
  { name: 'CSGR unequal: op2 into R1, CC 1', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(6, { 2: 1n, 3: -1n }), mem: { [OP2]: '0123456789abcdef' }, want: { cc: 1, gr: { 2: 0x0123456789abcdefn } } },
  { name: 'CSX equal: 16-byte op1r (+16) at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(7), mem: { [OP2]: '11112222333344445555666677778888', [PL]: '11112222333344445555666677778888', [PL + 16]: '99990000aaaabbbbccccddddeeeeffff' }, want: { cc: 0, mem: { [OP2]: '99990000aaaabbbbccccddddeeeeffff' } } },
  { name: 'CSX unequal in the last byte: op2 into the op1c slot', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(7), mem: { [OP2]: '11112222333344445555666677778888', [PL]: '11112222333344445555666677778889' }, want: { cc: 1, mem: { [PL]: '11112222333344445555666677778888', [OP2]: '11112222333344445555666677778888' } } },
  { name: 'CSX op2 on a doubleword boundary only: specification', asm: 'plo %r2,8(%r10),%r4,0x100(%r10)', code: 'ee24a008a100', gr: gr(7), want: { pgm: { code: 6 } } },
  // ---- double compare and swap -------------------------------------------------------------------------------------
  { name: 'DCS both equal: R3+1 at op4, R1+1 at op2, CC 0', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(8, { 2: 1n, 3: 2n, 4: 3n, 5: 4n }), mem: { [OP2]: '00000001', [OP4]: '00000003' }, want: { cc: 0, mem: { [OP2]: '00000002', [OP4]: '00000004' } } },
  { name: 'DCS first equal, second unequal: op4 into R3, CC 2, nothing stored', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(8, { 2: 1n, 3: 2n, 4: 0x7700000003n, 5: 4n }), mem: { [OP2]: '00000001', [OP4]: '00000009' }, want: { cc: 2, gr: { 4: 0x7700000009n }, mem: { [OP2]: '00000001', [OP4]: '00000009' } } },
  { name: 'DCS odd R3: specification', asm: 'plo %r2,0(%r10),%r5,0x200(%r10)', code: 'ee25a000a200', gr: gr(8), want: { pgm: { code: 6 } } },
  { name: 'DCSG second unequal: op4 into the op3c slot at +40, CC 2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(9), mem: { [OP2]: '00000000000000aa', [PL + 8]: '00000000000000aa', [PL + 40]: '00000000000000bb', [PL + 72]: a64(OP4), [OP4]: '00000000000000cc' }, want: { cc: 2, mem: { [PL + 40]: '00000000000000cc', [OP2]: '00000000000000aa' } } },
  { name: 'DCSG both equal: op3r (+56) at op4, op1r (+24) at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(9), mem: { [OP2]: '00000000000000aa', [PL + 8]: '00000000000000aa', [PL + 24]: '00000000000000a1', [PL + 40]: '00000000000000bb', [PL + 56]: '00000000000000b1', [PL + 72]: a64(OP4), [OP4]: '00000000000000bb' }, want: { cc: 0, mem: { [OP2]: '00000000000000a1', [OP4]: '00000000000000b1' } } },
  { name: 'DCSGR both equal: 64-bit replacements', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(10, { 2: -1n, 3: 0x1234n, 4: -2n, 5: 0x5678n }), mem: { [OP2]: 'ffffffffffffffff', [OP4]: 'fffffffffffffffe' }, want: { cc: 0, mem: { [OP2]: '0000000000001234', [OP4]: '0000000000005678' } } },
  { name: 'DCSX both equal: 16-byte replacements (+16 at op2, +48 at op4)', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(11), mem: { [OP2]: '0000000000000000000000000000000a', [PL]: '0000000000000000000000000000000a', [PL + 16]: '1000000000000000000000000000000a', [PL + 32]: '0000000000000000000000000000000b', [PL + 48]: '2000000000000000000000000000000b', [PL + 72]: a64(OP4), [OP4]: '0000000000000000000000000000000b' }, want: { cc: 0, mem: { [OP2]: '1000000000000000000000000000000a', [OP4]: '2000000000000000000000000000000b' } } },
  // ---- compare and swap and store --------------------------------------------------------------------------------
  { name: 'CSST equal: R3 at op4, R1+1 at op2', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(12, { 2: 1n, 3: 2n, 4: 0xdeadbeefn }), mem: { [OP2]: '00000001' }, want: { cc: 0, mem: { [OP2]: '00000002', [OP4]: 'deadbeef' } } },
  { name: 'CSST unequal: op2 into R1, nothing stored', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(12, { 2: 1n, 3: 2n, 4: 0xdeadbeefn }), mem: { [OP2]: '00000011' }, want: { cc: 1, gr: { 2: 0x11n }, mem: { [OP2]: '00000011', [OP4]: '00000000' } } },
  { name: 'CSSTG equal: op3 (+56) at the address in +72', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(13), mem: { [OP2]: '0000000000000001', [PL + 8]: '0000000000000001', [PL + 24]: '0000000000000002', [PL + 56]: '0000000000000003', [PL + 72]: a64(OP4) }, want: { cc: 0, mem: { [OP2]: '0000000000000002', [OP4]: '0000000000000003' } } },
  { name: 'CSSTGR equal: 64-bit R3 at op4', asm: 'plo %r2,0(%r10),%r4,0x200(%r10)', code: PLO_OP4, gr: gr(14, { 2: 1n, 3: 2n, 4: 0x0102030405060708n }), mem: { [OP2]: '0000000000000001' }, want: { cc: 0, mem: { [OP2]: '0000000000000002', [OP4]: '0102030405060708' } } },
  { name: 'CSSTX equal: op3 (+48) at op4', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(15), mem: { [OP2]: '01', [PL]: '01', [PL + 16]: '02', [PL + 48]: '03', [PL + 72]: a64(OP4) }, want: { cc: 0, mem: { [OP2]: '02000000000000000000000000000000', [OP4]: '03000000000000000000000000000000' } } },
  // ---- compare and swap and double / triple store ------------------------------------------------------------------
  { name: 'CSDST equal: op3 (+60) at op4 (+72), op5 (+92) at op6 (+104), R1+1 at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(16, { 2: 1n, 3: 2n }), mem: { [OP2]: '00000001', [PL + 60]: '33333333', [PL + 72]: a64(OP4), [PL + 92]: '55555555', [PL + 104]: a64(OP6) }, want: { cc: 0, mem: { [OP2]: '00000002', [OP4]: '33333333', [OP6]: '55555555' } } },
  { name: 'CSDSTG op6 beyond storage: addressing, nothing stored', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(17), mem: { [OP2]: '0000000000000001', [PL + 8]: '0000000000000001', [PL + 24]: '0000000000000002', [PL + 56]: '0000000000000003', [PL + 72]: a64(OP4), [PL + 88]: '0000000000000005', [PL + 104]: a64(0x400000) }, want: { pgm: { code: 5 }, mem: { [OP2]: '0000000000000001', [OP4]: '0000000000000000' } } },
  { name: 'CSDSTG op4 address not on a doubleword boundary: specification', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(17), mem: { [OP2]: '0000000000000001', [PL + 8]: '0000000000000001', [PL + 72]: a64(OP4 + 4) }, want: { pgm: { code: 6 } } },
  { name: 'CSDSTGR equal: 64-bit op3 and op5 from the list, R1+1 at op2', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(18, { 2: 7n, 3: 8n }), mem: { [OP2]: '0000000000000007', [PL + 56]: '3333333333333333', [PL + 72]: a64(OP4), [PL + 88]: '5555555555555555', [PL + 104]: a64(OP6) }, want: { cc: 0, mem: { [OP2]: '0000000000000008', [OP4]: '3333333333333333', [OP6]: '5555555555555555' } } },
  { name: 'CSTST equal: op3, op5, op7 (+60, +92, +124) at op4, op6, op8', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(20, { 2: 1n, 3: 2n }), mem: { [OP2]: '00000001', [PL + 60]: '33333333', [PL + 72]: a64(OP4), [PL + 92]: '55555555', [PL + 104]: a64(OP6), [PL + 124]: '77777777', [PL + 136]: a64(OP8) }, want: { cc: 0, mem: { [OP2]: '00000002', [OP4]: '33333333', [OP6]: '55555555', [OP8]: '77777777' } } },
  { name: 'CSTSTG unequal: op2 into +8, nothing stored', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(21), mem: { [OP2]: '0000000000000001', [PL + 8]: '0000000000000002', [PL + 72]: a64(OP4) }, want: { cc: 1, mem: { [PL + 8]: '0000000000000001', [OP2]: '0000000000000001', [OP4]: '0000000000000000' } } },
  { name: 'CSTSTGR equal: three 64-bit stores and the swap', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(22, { 2: 1n, 3: 2n }), mem: { [OP2]: '0000000000000001', [PL + 56]: '0000000000000003', [PL + 72]: a64(OP4), [PL + 88]: '0000000000000005', [PL + 104]: a64(OP6), [PL + 120]: '0000000000000007', [PL + 136]: a64(OP8) }, want: { cc: 0, mem: { [OP2]: '0000000000000002', [OP4]: '0000000000000003', [OP6]: '0000000000000005', [OP8]: '0000000000000007' } } },
  { name: 'CSTSTX equal: 16-byte op3, op5, op7 (+48, +80, +112)', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, gr: gr(23), mem: { [OP2]: 'aa', [PL]: 'aa', [PL + 16]: 'bb', [PL + 48]: '33', [PL + 72]: a64(OP4), [PL + 80]: '55', [PL + 104]: a64(OP6), [PL + 112]: '77', [PL + 136]: a64(OP8) }, want: { cc: 0, mem: { [OP2]: 'bb000000000000000000000000000000', [OP4]: '33000000000000000000000000000000', [OP6]: '55000000000000000000000000000000', [OP8]: '77000000000000000000000000000000' } } },
  // ---- addressing mode -----------------------------------------------------------------------------------------------
  { name: '31-bit mode: bits 0-32 of the address field in the list ignored', asm: 'plo %r2,0(%r10),%r4,0x100(%r10)', code: PLO_PL, amode: 31, gr: gr(13), mem: { [OP2]: '0000000000000001', [PL + 8]: '0000000000000001', [PL + 24]: '0000000000000002', [PL + 56]: '0000000000000003', [PL + 72]: 'ffffffff' + (0x80000000 + OP4).toString(16) }, want: { amode: 31, cc: 0, mem: { [OP2]: '0000000000000002', [OP4]: '0000000000000003' } } },
]

runGroup('PERFORM LOCKED OPERATION', CASES)
