// POP ch. 7, the sorting instructions. UPDATE TREE: the index in GR5 halved (rounded to a node boundary) step by
// step towards the root at GR4 + index; a node with a logically higher codeword swapped with GR0/GR1; CC 1 at index
// 0, CC 3 when GR0's codeword is negative, CC 0 with the equal node in GR2/GR3; 16-byte nodes in the 64-bit mode,
// 8-byte nodes in the 31-bit mode (bits 0-31 of the registers kept); GR4/GR5 alignment; GR5 unchanged by an access
// exception. COMPARE AND FORM CODEWORD: 6- and 2-byte units, ascending and descending, CC 0/1/2, the codeword in GR2.
// Expected trees and codewords worked out by hand.
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)

const CASES: Case[] = [
  { name: 'higher node swapped on the way, stops at index 0: CC 1', asm: 'upt', code: '0102', gr: { 0: 5n, 1: 0x55n, 4: D, 5: 64n }, mem: { [DATA + 16]: '0000000000000009 0000000000000099', [DATA + 32]: '0000000000000003 0000000000000033' }, want: { cc: 1, gr: { 0: 9n, 1: 0x99n, 5: 0n }, mem: { [DATA + 16]: '0000000000000005 0000000000000055', [DATA + 32]: '0000000000000003 0000000000000033' } } },
  { name: 'equal codeword: node into GR2/GR3, CC 0, GR5 at that node', asm: 'upt', code: '0102', cc: 3, gr: { 0: 5n, 1: 0x55n, 4: D, 5: 64n }, mem: { [DATA + 32]: '0000000000000005 00000000000000ab' }, want: { cc: 0, gr: { 2: 5n, 3: 0xabn, 5: 32n } } },
  { name: 'negative codeword in GR0: CC 3 before any node is fetched', asm: 'upt', code: '0102', gr: { 0: -0x8000000000000000n, 4: 0x400000n, 5: 64n }, want: { cc: 3, gr: { 5: 32n } } },
  { name: 'logically higher (negative) node swapped in, then CC 3', asm: 'upt', code: '0102', gr: { 0: 5n, 1: 0x55n, 4: D, 5: 64n }, mem: { [DATA + 32]: '8000000000000001 0000000000000001' }, want: { cc: 3, gr: { 0: -0x7fffffffffffffffn, 1: 1n, 5: 16n }, mem: { [DATA + 32]: '0000000000000005 0000000000000055' } } },
  { name: 'GR5 not a multiple of 16 in the 64-bit mode: specification', asm: 'upt', code: '0102', gr: { 4: D, 5: 8n }, want: { pgm: { code: 6 } } },
  { name: 'GR4 not a multiple of 16 in the 64-bit mode: specification', asm: 'upt', code: '0102', gr: { 4: D + 8n, 5: 64n }, want: { pgm: { code: 6 } } },
  { name: 'node beyond storage: addressing, GR5 unchanged', asm: 'upt', code: '0102', gr: { 0: 5n, 4: 0x400000n, 5: 64n }, want: { pgm: { code: 5 } } },
  { name: '31-bit mode: 8-byte nodes, bits 0-31 of GR0, GR1, GR5 kept', asm: 'upt', code: '0102', amode: 31, gr: { 0: 0xaaaaaaaa00000007n, 1: 0xbbbbbbbb00000077n, 4: 0xffffffff00000000n + D, 5: 0x1234567800000020n }, mem: { [DATA + 8]: '00000002 00000022', [DATA + 16]: '00000009 00000099' }, want: { amode: 31, cc: 1, gr: { 0: 0xaaaaaaaa00000009n, 1: 0xbbbbbbbb00000099n, 5: 0x1234567800000000n }, mem: { [DATA + 8]: '00000002 00000022', [DATA + 16]: '00000007 00000077' } } },
]

runGroup('UPDATE TREE', CASES)

const CFC_CASES: Case[] = [
  { name: '64-bit, ascending: 6-byte units, the second unequal: CC 1, GR2 = index 12 and the complement of the higher unit', asm: 'cfc 10', code: 'b21a000a', gr: { 1: D, 3: D + 0x100n }, mem: { [DATA]: '000102030405 0a0b0c0d0e0f', [DATA + 0x100]: '000102030405 0a0b0c0d0eff' }, want: { cc: 1, gr: { 2: 0x000cf5f4f3f2f100n } } },
  { name: '64-bit: equal up to the end index: CC 0, GR2 = GR3 with bit 0 one', asm: 'cfc 10', code: 'b21a000a', cc: 2, gr: { 1: D, 3: D + 0x100n }, mem: { [DATA]: '000102030405 060708090a0b', [DATA + 0x100]: '000102030405 060708090a0b' }, want: { cc: 0, gr: { 2: 0x8000000000020100n } } },
  { name: '64-bit, ascending, out of sequence: CC 2, GR1/GR3 swapped, complement of the first operand unit', asm: 'cfc 4', code: 'b21a0004', gr: { 1: D, 3: D + 0x100n }, mem: { [DATA]: 'ffff00000001', [DATA + 0x100]: '7fff00000001' }, want: { cc: 2, gr: { 1: D + 0x100n, 2: 0x00060000fffffffen, 3: D } } },
  { name: '31-bit, descending, out of sequence: 2-byte units, lower unit as it is, GR1/GR3 bits 32-63 swapped', asm: 'cfc 5', code: 'b21a0005', amode: 31, gr: { 1: 0x1111111100020000n, 2: 0xabcd000000000000n, 3: 0x3333333300020100n }, mem: { [DATA]: '000100020003', [DATA + 0x100]: '000100020004' }, want: { amode: 31, cc: 2, gr: { 1: 0x1111111100020100n, 2: 0xabcd000000060003n, 3: 0x3333333300020000n } } },
  { name: 'odd GR3: specification', asm: 'cfc 10', code: 'b21a000a', gr: { 1: D, 3: D + 1n }, want: { pgm: { code: 6 } } },
]

runGroup('COMPARE AND FORM CODEWORD', CFC_CASES)
