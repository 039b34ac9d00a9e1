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
]

runGroup('vector integer', CASES)
