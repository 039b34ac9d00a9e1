// POP ch. 22, vector integer instructions: bitwise operations, add/subtract with carries and borrows, average,
// checksum, compares, counts, Galois-field multiply sum, complement/positive, max/min, multiplies, population count,
// rotates and shifts, sums across elements and test under mask; specification exceptions for reserved element
// sizes. Expected values worked out by hand from the POP definitions.
import { runGroup, type Case } from './harness.ts'

/** CR0 with AFP and vector enablement (bits 45, 46). */
const VCR0 = { 0: 0x000600e0n }
const Q = 0x000102030405060708090a0b0c0d0e0fn
const A = 0xff00ff00ff00ff00ff00ff00ff00ff00n
const C = 0x0ff00ff00ff00ff00ff00ff00ff00ff0n
const ONES = (1n << 128n) - 1n
const SPEC = { pgm: { code: 6 } }
/** A value in doubleword 0. */
const HI = (x: bigint): bigint => x << 64n

const CASES: Case[] = [
  { name: 'AND', asm: 'vn %v1,%v2,%v3', code: 'e71230000068', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0x0f000f000f000f000f000f000f000f00n } } },
  { name: 'OR', asm: 'vo %v1,%v2,%v3', code: 'e7123000006a', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xfff0fff0fff0fff0fff0fff0fff0fff0n } } },
  { name: 'XOR', asm: 'vx %v1,%v2,%v3', code: 'e7123000006d', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xf0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0n } } },
  { name: 'NAND', asm: 'vnn %v1,%v2,%v3', code: 'e7123000006e', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xf0fff0fff0fff0fff0fff0fff0fff0ffn } } },
  { name: 'NOR', asm: 'vno %v1,%v2,%v3', code: 'e7123000006b', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0x000f000f000f000f000f000f000f000fn } } },
  { name: 'bytes: no carry between elements', asm: 'va %v1,%v2,%v3,0', code: 'e712300000f3', cr: VCR0, vr: { 2: 0xff01n, 3: 0x0101n }, want: { vr: { 1: 0x0002n } } },
  { name: 'words', asm: 'va %v1,%v2,%v3,2', code: 'e712300020f3', cr: VCR0, vr: { 2: 0xffffffffn << 32n, 3: 1n << 32n }, want: { vr: { 1: 0n } } },
  { name: 'quadword: carry across doublewords', asm: 'va %v1,%v2,%v3,4', code: 'e712300040f3', cr: VCR0, vr: { 2: 0xffffffffffffffffn, 3: 1n }, want: { vr: { 1: 0x10000000000000000n } } },
  { name: 'element size 5: specification', asm: 'va %v1,%v2,%v3,5', code: 'e712300050f3', cr: VCR0, want: { pgm: { code: 6 } } },
  { name: 'words, CC unchanged without CS', asm: 'vceq %v1,%v2,%v3,2,0', code: 'e712300020f8', cc: 2, cr: VCR0, vr: { 2: Q, 3: Q ^ 1n }, want: { vr: { 1: 0xffffffffffffffffffffffff00000000n } } },
  { name: 'mixed: CC 1', asm: 'vceq %v1,%v2,%v3,2,1', code: 'e712301020f8', cr: VCR0, vr: { 2: Q, 3: Q ^ 1n }, want: { cc: 1, vr: { 1: 0xffffffffffffffffffffffff00000000n } } },
  { name: 'all equal: CC 0', asm: 'vceq %v1,%v2,%v3,0,1', code: 'e712301000f8', cc: 3, cr: VCR0, vr: { 2: Q, 3: Q }, want: { cc: 0, vr: { 1: (1n << 128n) - 1n } } },
  { name: 'none equal: CC 3', asm: 'vceq %v1,%v2,%v3,3,1', code: 'e712301030f8', cr: VCR0, vr: { 2: (1n << 64n) | 1n }, want: { cc: 3, vr: { 1: 0n } } },
  { name: 'by 1 bit: leftmost bit lost', asm: 'vsl %v1,%v2,%v3', code: 'e71230000074', cr: VCR0, vr: { 2: (1n << 127n) | 1n, 3: 0x01010101010101010101010101010101n }, want: { vr: { 1: 2n } } },
  { name: 'by 7 bits', asm: 'vsl %v1,%v2,%v3', code: 'e71230000074', cr: VCR0, vr: { 2: 0xffn, 3: 0x07070707070707070707070707070707n }, want: { vr: { 1: 0x7f80n } } },
  // ---- bitwise (VNC; VNX and VOC are vector-enhancements 1)
  { name: 'AND with complement', asm: 'vnc %v1,%v2,%v3', code: 'e71230000069', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xf000f000f000f000f000f000f000f000n } } },
  { name: 'NOT XOR', asm: 'vnx %v1,%v2,%v3', code: 'e7123000006c', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0fn } } },
  { name: 'OR with complement', asm: 'voc %v1,%v2,%v3', code: 'e7123000006f', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xff0fff0fff0fff0fff0fff0fff0fff0fn } } },
  // ---- subtract, carries and borrows
  { name: 'bytes: no borrow between elements', asm: 'vs %v1,%v2,%v3,0', code: 'e712300000f7', cr: VCR0, vr: { 2: 0x0100n, 3: 0x0001n }, want: { vr: { 1: 0x01ffn } } },
  { name: 'quadword 0 - 1', asm: 'vs %v1,%v2,%v3,4', code: 'e712300040f7', cr: VCR0, vr: { 3: 1n }, want: { vr: { 1: ONES } } },
  { name: 'element size 5: specification', asm: 'vs %v1,%v2,%v3,5', code: 'e712300050f7', cr: VCR0, want: SPEC },
  { name: 'word carries', asm: 'vacc %v1,%v2,%v3,2', code: 'e712300020f1', cr: VCR0, vr: { 2: 0xffffffff000000010000000080000000n, 3: 0x00000001000000010000000080000000n }, want: { vr: { 1: 0x00000001000000000000000000000001n } } },
  { name: 'quadword carry', asm: 'vacc %v1,%v2,%v3,4', code: 'e712300040f1', cr: VCR0, vr: { 2: ONES, 3: 1n }, want: { vr: { 1: 1n } } },
  { name: 'bytes: 1 where no borrow', asm: 'vscbi %v1,%v2,%v3,0', code: 'e712300000f5', cr: VCR0, vr: { 2: 0x0102n, 3: 0x0201n }, want: { vr: { 1: 0x01010101010101010101010101010001n } } },
  { name: 'carry in 1: ONES + 0 + 1 = 0', asm: 'vac %v1,%v2,%v3,%v4,4', code: 'e712340040bb', cr: VCR0, vr: { 2: ONES, 4: 1n }, want: { vr: { 1: 0n } } },
  { name: 'only bit 127 of V4 is the carry', asm: 'vac %v1,%v2,%v3,%v4,4', code: 'e712340040bb', cr: VCR0, vr: { 2: ONES, 4: 2n }, want: { vr: { 1: ONES } } },
  { name: 'M5 3: specification', asm: 'vac %v1,%v2,%v3,%v4,3', code: 'e712330040bb', cr: VCR0, want: SPEC },
  { name: 'carry out of ONES + 0 + 1', asm: 'vaccc %v1,%v2,%v3,%v4,4', code: 'e712340040b9', cr: VCR0, vr: { 2: ONES, 4: 1n }, want: { vr: { 1: 1n } } },
  { name: 'no carry without the carry in', asm: 'vaccc %v1,%v2,%v3,%v4,4', code: 'e712340040b9', cr: VCR0, vr: { 2: ONES, 1: 7n }, want: { vr: { 1: 0n } } },
  { name: '5 - 3, no borrow in', asm: 'vsbi %v1,%v2,%v3,%v4,4', code: 'e712340040bf', cr: VCR0, vr: { 2: 5n, 3: 3n, 4: 1n }, want: { vr: { 1: 2n } } },
  { name: '5 - 3 with a borrow in', asm: 'vsbi %v1,%v2,%v3,%v4,4', code: 'e712340040bf', cr: VCR0, vr: { 2: 5n, 3: 3n }, want: { vr: { 1: 1n } } },
  { name: '3 - 5 borrows: 0', asm: 'vsbcbi %v1,%v2,%v3,%v4,4', code: 'e712340040bd', cr: VCR0, vr: { 2: 3n, 3: 5n, 4: 1n, 1: 9n }, want: { vr: { 1: 0n } } },
  { name: '5 - 3 does not: 1', asm: 'vsbcbi %v1,%v2,%v3,%v4,4', code: 'e712340040bd', cr: VCR0, vr: { 2: 5n, 3: 3n, 4: 1n }, want: { vr: { 1: 1n } } },
  // ---- average, checksum
  { name: 'signed bytes: (-1 + 1 + 1) >> 1 = 0, (-128 - 1 + 1) >> 1 = -64', asm: 'vavg %v1,%v2,%v3,0', code: 'e712300000f2', cr: VCR0, vr: { 2: 0x80ffn, 3: 0xff01n }, want: { vr: { 1: 0xc000n } } },
  { name: 'logical bytes: (255 + 1 + 1) >> 1 = 128', asm: 'vavgl %v1,%v2,%v3,0', code: 'e712300000f0', cr: VCR0, vr: { 2: 0x80ffn, 3: 0xff01n }, want: { vr: { 1: 0xc080n } } },
  { name: 'doublewords: no overflow', asm: 'vavgl %v1,%v2,%v3,3', code: 'e712300030f0', cr: VCR0, vr: { 2: ONES, 3: ONES }, want: { vr: { 1: ONES } } },
  { name: 'end-around carry into word 1', asm: 'vcksm %v1,%v2,%v3', code: 'e71230000066', cr: VCR0, vr: { 1: ONES, 2: 0xffffffff000000010000000200000003n, 3: (0x10n << 64n) | 0xffn }, want: { vr: { 1: 0x16n << 64n } } },
  // ---- element compares
  { name: 'words: element 1, -1 < 1: CC 1', asm: 'vec %v1,%v2,2', code: 'e712000020db', cr: VCR0, vr: { 1: 0xffffffffn << 64n, 2: 1n << 64n }, want: { cc: 1 } },
  { name: 'bytes: element 7 equal: CC 0', asm: 'vec %v1,%v2,0', code: 'e712000000db', cr: VCR0, vr: { 1: (5n << 64n) | 0xffn, 2: 5n << 64n }, want: { cc: 0 } },
  { name: 'logical words: 0xffffffff > 1: CC 2', asm: 'vecl %v1,%v2,2', code: 'e712000020d9', cr: VCR0, vr: { 1: 0xffffffffn << 64n, 2: 1n << 64n }, want: { cc: 2 } },
  { name: 'element size 4: specification', asm: 'vecl %v1,%v2,4', code: 'e712000040d9', cr: VCR0, want: SPEC },
  { name: 'words, mixed: CC 1', asm: 'vch %v1,%v2,%v3,2,1', code: 'e712301020fb', cr: VCR0, vr: { 2: 0x00000001ffffffff0000000580000000n, 3: 0x0000000000000000000000057fffffffn }, want: { cc: 1, vr: { 1: 0xffffffff000000000000000000000000n } } },
  { name: 'logical words, mixed: CC 1', asm: 'vchl %v1,%v2,%v3,2,1', code: 'e712301020f9', cr: VCR0, vr: { 2: 0x00000001ffffffff0000000580000000n, 3: 0x0000000000000000000000057fffffffn }, want: { cc: 1, vr: { 1: 0xffffffffffffffff00000000ffffffffn } } },
  { name: 'doublewords, all high: CC 0', asm: 'vch %v1,%v2,%v3,3,1', code: 'e712301030fb', cr: VCR0, vr: { 2: (1n << 64n) | 1n, 3: ONES }, want: { cc: 0, vr: { 1: ONES } } },
  { name: 'bytes, without CS', asm: 'vch %v1,%v2,%v3,0,0', code: 'e712300000fb', cr: VCR0, cc: 1, vr: { 2: 1n }, want: { vr: { 1: 0xffn } } },
  // ---- counts, complement, positive, population count
  { name: 'leading zeros of words', asm: 'vclz %v1,%v2,2', code: 'e71200002053', cr: VCR0, vr: { 2: 0x00000000000000018000000000010000n }, want: { vr: { 1: 0x000000200000001f000000000000000fn } } },
  { name: 'trailing zeros of words', asm: 'vctz %v1,%v2,2', code: 'e71200002052', cr: VCR0, vr: { 2: 0x00000000000000018000000000010000n }, want: { vr: { 1: 0x00000020000000000000001f00000010n } } },
  { name: 'element size 4: specification', asm: 'vctz %v1,%v2,4', code: 'e71200004052', cr: VCR0, want: SPEC },
  { name: 'halfwords: -1, the most negative stays, 0, 1', asm: 'vlc %v1,%v2,1', code: 'e712000010de', cr: VCR0, vr: { 2: 0x000180000000ffffn << 64n }, want: { vr: { 1: 0xffff800000000001n << 64n } } },
  { name: 'words: |-5|, |5|, |min| = min, 0', asm: 'vlp %v1,%v2,2', code: 'e712000020df', cr: VCR0, vr: { 2: 0xfffffffb000000058000000000000000n }, want: { vr: { 1: 0x00000005000000058000000000000000n } } },
  { name: 'bytes', asm: 'vpopct %v1,%v2,0', code: 'e71200000050', cr: VCR0, vr: { 2: 0xff0f0100n << 96n }, want: { vr: { 1: 0x08040100n << 96n } } },
  { name: 'words (vector-enhancements 1)', asm: 'vpopct %v1,%v2,2', code: 'e71200002050', cr: VCR0, vr: { 2: 0xffffffff0f0f0f0f0000000000000001n }, want: { vr: { 1: 0x00000020000000100000000000000001n } } },
  { name: 'element size 4: specification', asm: 'vpopct %v1,%v2,4', code: 'e71200004050', cr: VCR0, want: SPEC },
  // ---- maximum / minimum
  { name: 'signed halfwords', asm: 'vmx %v1,%v2,%v3,1', code: 'e712300010ff', cr: VCR0, vr: { 2: 0x80007fff0001ffffn << 64n, 3: 0x000000010002fffen << 64n }, want: { vr: { 1: 0x00007fff0002ffffn << 64n } } },
  { name: 'logical halfwords', asm: 'vmxl %v1,%v2,%v3,1', code: 'e712300010fd', cr: VCR0, vr: { 2: 0x80007fff0001ffffn << 64n, 3: 0x000000010002fffen << 64n }, want: { vr: { 1: 0x80007fff0002ffffn << 64n } } },
  { name: 'signed halfwords', asm: 'vmn %v1,%v2,%v3,1', code: 'e712300010fe', cr: VCR0, vr: { 2: 0x80007fff0001ffffn << 64n, 3: 0x000000010002fffen << 64n }, want: { vr: { 1: 0x800000010001fffen << 64n } } },
  { name: 'logical halfwords', asm: 'vmnl %v1,%v2,%v3,1', code: 'e712300010fc', cr: VCR0, vr: { 2: 0x80007fff0001ffffn << 64n, 3: 0x000000010002fffen << 64n }, want: { vr: { 1: 0x000000010001fffen << 64n } } },
  // ---- Galois-field multiply sum
  { name: 'bytes: 3·3 ^ 1·0x80 = 0x85', asm: 'vgfm %v1,%v2,%v3,0', code: 'e712300000b4', cr: VCR0, vr: { 2: 0x0301n << 112n, 3: 0x0380n << 112n }, want: { vr: { 1: 0x0085n << 112n } } },
  { name: 'doublewords: 2^63 · 2 = 2^64', asm: 'vgfm %v1,%v2,%v3,3', code: 'e712300030b4', cr: VCR0, vr: { 2: HI(1n << 63n), 3: HI(2n) }, want: { vr: { 1: 1n << 64n } } },
  { name: 'element size 4: specification', asm: 'vgfm %v1,%v2,%v3,4', code: 'e712300040b4', cr: VCR0, want: SPEC },
  { name: 'bytes, accumulated into V4 halfwords', asm: 'vgfma %v1,%v2,%v3,%v4,0', code: 'e712300040bc', cr: VCR0, vr: { 2: 0x0301n << 112n, 3: 0x0380n << 112n, 4: (0x0005n << 112n) | 0x1234n }, want: { vr: { 1: (0x0080n << 112n) | 0x1234n } } },
  // ---- multiplies
  { name: 'words: low halves', asm: 'vml %v1,%v2,%v3,2', code: 'e712300020a2', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n }, want: { vr: { 1: 0x0000000ffffffffen << 64n } } },
  { name: 'words: signed high halves', asm: 'vmh %v1,%v2,%v3,2', code: 'e712300020a3', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n }, want: { vr: { 1: 0x00000000ffffffffn << 64n } } },
  { name: 'words: logical high halves', asm: 'vmlh %v1,%v2,%v3,2', code: 'e712300020a1', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n }, want: { vr: { 1: 0x0000000000000001n << 64n } } },
  { name: 'element size 3: specification', asm: 'vml %v1,%v2,%v3,3', code: 'e712300030a2', cr: VCR0, want: SPEC },
  { name: 'even halfwords, signed', asm: 'vme %v1,%v2,%v3,1', code: 'e712300010a6', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n }, want: { vr: { 1: 0xfffffffdffff0000n << 64n } } },
  { name: 'even halfwords, logical', asm: 'vmle %v1,%v2,%v3,1', code: 'e712300010a4', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n }, want: { vr: { 1: 0x0002fffd00010000n << 64n } } },
  { name: 'odd halfwords, signed', asm: 'vmo %v1,%v2,%v3,1', code: 'e712300010a7', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n }, want: { vr: { 1: 0xfffffffa00000051n << 64n } } },
  { name: 'odd halfwords, logical', asm: 'vmlo %v1,%v2,%v3,1', code: 'e712300010a5', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n }, want: { vr: { 1: 0x0002fffa00000051n << 64n } } },
  { name: 'words: low halves of V2·V3 + V4', asm: 'vmal %v1,%v2,%v3,%v4,2', code: 'e712320040aa', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n, 4: 0x0000000100000003n << 64n }, want: { vr: { 1: 0x0000001000000001n << 64n } } },
  { name: 'words: signed high halves, -1·2 - 3', asm: 'vmah %v1,%v2,%v3,%v4,2', code: 'e712320040ab', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n, 4: 0x00000000fffffffdn << 64n }, want: { vr: { 1: 0x00000000ffffffffn << 64n } } },
  { name: 'words: logical high halves', asm: 'vmalh %v1,%v2,%v3,%v4,2', code: 'e712320040a9', cr: VCR0, vr: { 2: 0x00000003ffffffffn << 64n, 3: 0x0000000500000002n << 64n, 4: 0x00000000fffffffdn << 64n }, want: { vr: { 1: 0x0000000000000002n << 64n } } },
  { name: 'even halfwords + words, signed', asm: 'vmae %v1,%v2,%v3,%v4,1', code: 'e712310040ae', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n, 4: 0x0000000100010000n << 64n }, want: { vr: { 1: 0xfffffffe00000000n << 64n } } },
  { name: 'even halfwords + words, logical', asm: 'vmale %v1,%v2,%v3,%v4,1', code: 'e712310040ac', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n, 4: 0x0000000100010000n << 64n }, want: { vr: { 1: 0x0002fffe00020000n << 64n } } },
  { name: 'odd halfwords + words, signed', asm: 'vmao %v1,%v2,%v3,%v4,1', code: 'e712310040af', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n, 4: 0x0000000100010000n << 64n }, want: { vr: { 1: 0xfffffffb00010051n << 64n } } },
  { name: 'odd halfwords + words, logical', asm: 'vmalo %v1,%v2,%v3,%v4,1', code: 'e712310040ad', cr: VCR0, vr: { 2: 0xfffffffe00020009n << 64n, 3: 0x0003000380000009n << 64n, 4: 0x0000000100010000n << 64n }, want: { vr: { 1: 0x0002fffb00010051n << 64n } } },
  { name: 'element size 3: specification', asm: 'vmalo %v1,%v2,%v3,%v4,3', code: 'e712330040ad', cr: VCR0, want: SPEC },
  // ---- rotates and element shifts
  { name: 'bytes by V3 modulo 8', asm: 'verllv %v1,%v2,%v3,0', code: 'e71230000073', cr: VCR0, vr: { 2: 0x81n, 3: 9n }, want: { vr: { 1: 0x03n } } },
  { name: 'words by 4 (D2)', asm: 'verll %v1,%v3,4,2', code: 'e71300042033', cr: VCR0, vr: { 3: (0x12345678n << 96n) | 0x80000001n }, want: { vr: { 1: (0x23456781n << 96n) | 0x18n } } },
  { name: 'halfwords: rotate by 8, insert under mask', asm: 'verim %v1,%v2,%v3,8,1', code: 'e71230081072', cr: VCR0, vr: { 1: 0xabcdn, 2: 0x1234n, 3: 0x00ffn }, want: { vr: { 1: 0xab12n } } },
  { name: 'halfwords by V3 modulo 16', asm: 'veslv %v1,%v2,%v3,1', code: 'e71230001070', cr: VCR0, vr: { 2: 0x0101n, 3: 0x0011n }, want: { vr: { 1: 0x0202n } } },
  { name: 'doublewords by 65 modulo 64', asm: 'vesl %v1,%v3,65,3', code: 'e71300413030', cr: VCR0, vr: { 3: (3n << 64n) | (1n << 63n) | 1n }, want: { vr: { 1: (6n << 64n) | 2n } } },
  { name: 'words arithmetic by V3', asm: 'vesrav %v1,%v2,%v3,2', code: 'e7123000207a', cr: VCR0, vr: { 2: (0x40000000n << 32n) | 0x80000000n, 3: (33n << 32n) | 4n }, want: { vr: { 1: (0x20000000n << 32n) | 0xf8000000n } } },
  { name: 'bytes arithmetic by 7', asm: 'vesra %v1,%v3,7,0', code: 'e7130007003a', cr: VCR0, vr: { 3: 0x7f80n }, want: { vr: { 1: 0x00ffn } } },
  { name: 'doublewords logical by V3', asm: 'vesrlv %v1,%v2,%v3,3', code: 'e71230003078', cr: VCR0, vr: { 2: 1n << 63n, 3: 63n }, want: { vr: { 1: 1n } } },
  { name: 'halfwords logical by 1', asm: 'vesrl %v1,%v3,1,1', code: 'e71300011038', cr: VCR0, vr: { 3: (0x8000n << 16n) | 3n }, want: { vr: { 1: (0x4000n << 16n) | 1n } } },
  { name: 'element size 4: specification', asm: 'vesrl %v1,%v3,1,4', code: 'e71300014038', cr: VCR0, want: SPEC },
  // ---- whole-vector shifts
  { name: 'by 3 bytes', asm: 'vslb %v1,%v2,%v3', code: 'e71230000075', cr: VCR0, vr: { 2: Q, 3: 0x18181818181818181818181818181818n }, want: { vr: { 1: 0x030405060708090a0b0c0d0e0f000000n } } },
  { name: 'arithmetic by 4 bits', asm: 'vsra %v1,%v2,%v3', code: 'e7123000007e', cr: VCR0, vr: { 2: (1n << 127n) | 0xf0n, 3: 0x04040404040404040404040404040404n }, want: { vr: { 1: 0xf800000000000000000000000000000fn } } },
  { name: 'arithmetic by 2 bytes', asm: 'vsrab %v1,%v2,%v3', code: 'e7123000007f', cr: VCR0, vr: { 2: (0x80n << 120n) | 0x1234n, 3: 0x10101010101010101010101010101010n }, want: { vr: { 1: 0xffff8000000000000000000000000000n } } },
  { name: 'logical by 4 bits', asm: 'vsrl %v1,%v2,%v3', code: 'e7123000007c', cr: VCR0, vr: { 2: (1n << 127n) | 0xf0n, 3: 0x04040404040404040404040404040404n }, want: { vr: { 1: 0x0800000000000000000000000000000fn } } },
  { name: 'logical by 1 byte', asm: 'vsrlb %v1,%v2,%v3', code: 'e7123000007d', cr: VCR0, vr: { 2: Q, 3: 0x08080808080808080808080808080808n }, want: { vr: { 1: 0x00000102030405060708090a0b0c0d0en } } },
  { name: 'bytes 3-18 of V2 || V3', asm: 'vsldb %v1,%v2,%v3,3', code: 'e71230030077', cr: VCR0, vr: { 2: Q, 3: 0x101112131415161718191a1b1c1d1e1fn }, want: { vr: { 1: 0x030405060708090a0b0c0d0e0f101112n } } },
  // ---- sums across, test under mask
  { name: 'bytes into words', asm: 'vsum %v1,%v2,%v3,0', code: 'e71230000064', cr: VCR0, vr: { 2: ONES, 3: 0x00000001000000020000000300000004n }, want: { vr: { 1: 0x000003fd000003fe000003ff00000400n } } },
  { name: 'halfwords into words', asm: 'vsum %v1,%v2,%v3,1', code: 'e71230001064', cr: VCR0, vr: { 2: ONES, 3: 0x00000001000000020000000300000004n }, want: { vr: { 1: 0x0001ffff000200000002000100020002n } } },
  { name: 'element size 2: specification', asm: 'vsum %v1,%v2,%v3,2', code: 'e71230002064', cr: VCR0, want: SPEC },
  { name: 'halfwords into doublewords', asm: 'vsumg %v1,%v2,%v3,1', code: 'e71230001065', cr: VCR0, vr: { 2: 0x00010002000300040005000600070008n, 3: (0x10n << 64n) | 0x20n }, want: { vr: { 1: (0x1an << 64n) | 0x3an } } },
  { name: 'words into doublewords', asm: 'vsumg %v1,%v2,%v3,2', code: 'e71230002065', cr: VCR0, vr: { 2: 0xffffffffffffffff0000000100000002n, 3: 0x00000009000000010000000900000003n }, want: { vr: { 1: (0x1ffffffffn << 64n) | 6n } } },
  { name: 'element size 3: specification', asm: 'vsumg %v1,%v2,%v3,3', code: 'e71230003065', cr: VCR0, want: SPEC },
  { name: 'doublewords into the quadword', asm: 'vsumq %v1,%v2,%v3,3', code: 'e71230003067', cr: VCR0, vr: { 2: ONES, 3: 2n }, want: { vr: { 1: 2n << 64n } } },
  { name: 'words into the quadword', asm: 'vsumq %v1,%v2,%v3,2', code: 'e71230002067', cr: VCR0, vr: { 2: 0x00000001000000020000000300000004n, 3: 5n }, want: { vr: { 1: 15n } } },
  { name: 'element size 1: specification', asm: 'vsumq %v1,%v2,%v3,1', code: 'e71230001067', cr: VCR0, want: SPEC },
  { name: 'mixed: CC 1', asm: 'vtm %v1,%v2', code: 'e712000000d8', cr: VCR0, vr: { 1: 0x0fn, 2: 0xffn }, want: { cc: 1 } },
  { name: 'all selected ones: CC 3', asm: 'vtm %v1,%v2', code: 'e712000000d8', cr: VCR0, vr: { 1: 0xffn, 2: 0x0fn }, want: { cc: 3 } },
  { name: 'all selected zeros: CC 0', asm: 'vtm %v1,%v2', code: 'e712000000d8', cr: VCR0, cc: 3, vr: { 1: 0xf0n, 2: 0x0fn }, want: { cc: 0 } },
  { name: 'mask zero: CC 0', asm: 'vtm %v1,%v2', code: 'e712000000d8', cr: VCR0, cc: 1, vr: { 1: ONES }, want: { cc: 0 } },
  // ---- vector-enhancements 1
  { name: 'bits 0, 1, 127, 128 (0), 255 (0), then 0 eleven times', asm: 'vbperm %v1,%v2,%v3', code: 'e71230000085', cr: VCR0, vr: { 1: ONES, 2: (1n << 127n) | 1n, 3: 0x00017f80ff0000000000000000000000n }, want: { vr: { 1: 0xa7ffn << 64n } } },
  { name: 'two products plus V4, modulo 2^128', asm: 'vmsl %v1,%v2,%v3,%v4,3,0', code: 'e712330040b8', cr: VCR0, vr: { 2: (0xffffffffffffffffn << 64n) | 3n, 3: (0xffffffffffffffffn << 64n) | 5n, 4: 7n }, want: { vr: { 1: 0xfffffffffffffffe0000000000000017n } } },
  { name: 'both products doubled', asm: 'vmsl %v1,%v2,%v3,%v4,3,12', code: 'e71233c040b8', cr: VCR0, vr: { 2: (0xffffffffffffffffn << 64n) | 3n, 3: (0xffffffffffffffffn << 64n) | 5n, 4: 7n }, want: { vr: { 1: 0xfffffffffffffffc0000000000000027n } } },
  { name: 'M5 2: specification', asm: 'vmsl %v1,%v2,%v3,%v4,2,0', code: 'e712320040b8', cr: VCR0, want: SPEC },
]

runGroup('vector integer', CASES)
