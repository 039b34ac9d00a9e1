// POP ch. 21-22, the vector subset the upstream kernels execute: loads/stores (single and multiple, registers
// 16-31 through RXB), register copy, bitwise operations, VECTOR ADD per element size (carries stay inside an
// element; quadword carry crosses doublewords), the vector-enablement data exception (DXC 0xfe) and ES checks.
import { DATA, runGroup, type Case } from './harness.ts'

/** CR0 with AFP and vector enablement (bits 45, 46). */
const VCR0 = { 0: 0x000600e0n }
const B = { 10: BigInt(DATA) }
const Q = 0x000102030405060708090a0b0c0d0e0fn
const A = 0xff00ff00ff00ff00ff00ff00ff00ff00n
const C = 0x0ff00ff00ff00ff00ff00ff00ff00ff0n
const BASE = { cr: VCR0, gr: B }

const CASES: Case[] = [
  { name: '16 bytes', asm: 'vl %v1,0(%r10)', code: 'e710a0000006', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: Q } } },
  { name: 'register 17 through RXB', asm: 'vl %v17,0(%r10)', code: 'e710a0000806', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 17: Q } } },
  { name: 'vector facility not enabled: data exception DXC 0xfe', asm: 'vl %v1,0(%r10)', code: 'e710a0000006', gr: B, want: { pgm: { code: 7 }, mem: { 0x90: '000000fe' }, fpc: 0xfe00 } },
  { name: 'register 17 to storage', asm: 'vst %v17,0(%r10)', code: 'e710a000080e', ...BASE, vr: { 17: Q }, want: { mem: { [DATA]: '000102030405060708090a0b0c0d0e0f00' } } },
  { name: 'two registers', asm: 'vlm %v1,%v2,0(%r10)', code: 'e712a0000036', ...BASE, mem: { [DATA]: 'ff'.repeat(16) + '01'.repeat(16) }, want: { vr: { 1: (1n << 128n) - 1n, 2: 0x01010101010101010101010101010101n } } },
  { name: 'R3 < R1: specification', asm: 'vlm %v2,%v1,0(%r10)', code: 'e721a0000036', ...BASE, want: { pgm: { code: 6 } } },
  { name: 'registers 16-17', asm: 'vstm %v16,%v17,0(%r10)', code: 'e701a0000c3e', ...BASE, vr: { 16: Q, 17: 1n }, want: { mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' + '00000000000000000000000000000001' } } },
  { name: 'copy', asm: 'vlr %v1,%v31', code: 'e71f00000456', cr: VCR0, vr: { 31: Q }, want: { vr: { 1: Q } } },
  { name: 'AND', asm: 'vn %v1,%v2,%v3', code: 'e71230000068', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0x0f000f000f000f000f000f000f000f00n } } },
  { name: 'OR', asm: 'vo %v1,%v2,%v3', code: 'e7123000006a', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xfff0fff0fff0fff0fff0fff0fff0fff0n } } },
  { name: 'XOR', asm: 'vx %v1,%v2,%v3', code: 'e7123000006d', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xf0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0n } } },
  { name: 'NAND', asm: 'vnn %v1,%v2,%v3', code: 'e7123000006e', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0xf0fff0fff0fff0fff0fff0fff0fff0ffn } } },
  { name: 'NOR', asm: 'vno %v1,%v2,%v3', code: 'e7123000006b', cr: VCR0, vr: { 2: A, 3: C }, want: { vr: { 1: 0x000f000f000f000f000f000f000f000fn } } },
  { name: 'bytes: no carry between elements', asm: 'va %v1,%v2,%v3,0', code: 'e712300000f3', cr: VCR0, vr: { 2: 0xff01n, 3: 0x0101n }, want: { vr: { 1: 0x0002n } } },
  { name: 'words', asm: 'va %v1,%v2,%v3,2', code: 'e712300020f3', cr: VCR0, vr: { 2: 0xffffffffn << 32n, 3: 1n << 32n }, want: { vr: { 1: 0n } } },
  { name: 'quadword: carry across doublewords', asm: 'va %v1,%v2,%v3,4', code: 'e712300040f3', cr: VCR0, vr: { 2: 0xffffffffffffffffn, 3: 1n }, want: { vr: { 1: 0x10000000000000000n } } },
  { name: 'element size 5: specification', asm: 'va %v1,%v2,%v3,5', code: 'e712300050f3', cr: VCR0, want: { pgm: { code: 6 } } },
  { name: 'word element 2 from a GR', asm: 'vlvg %v1,%r2,2,2', code: 'e71200022022', cr: VCR0, gr: { 2: 0x1122334455667788n }, want: { vr: { 1: 0x55667788n << 32n } } },
  { name: 'doubleword element from B2 + D2, register 17', asm: 'vlvg %v17,%r2,1(%r3),3', code: 'e71230013822', cr: VCR0, gr: { 2: -1n }, want: { vr: { 17: 0xffffffffffffffffn } } },
  { name: 'element size 4: specification', asm: 'vlvg %v1,%r2,0,4', code: 'e71200004022', cr: VCR0, want: { pgm: { code: 6 } } },
  { name: 'byte element zero-extended into a GR', asm: 'vlgv %r1,%v3,3,0', code: 'e71300030021', cr: VCR0, vr: { 3: Q }, gr: { 1: -1n }, want: { gr: { 1: 3n } } },
  { name: 'doubleword element of register 19', asm: 'vlgv %r1,%v19,1,3', code: 'e71300013421', cr: VCR0, vr: { 19: Q }, want: { gr: { 1: 0x08090a0b0c0d0e0fn } } },
  { name: 'byte mask', asm: 'vgbm %v1,0x8001', code: 'e71080010044', cr: VCR0, want: { vr: { 1: (0xffn << 120n) | 0xffn } } },
  { name: 'halfwords sign-extended', asm: 'vrepi %v1,-2,1', code: 'e710fffe1045', cr: VCR0, want: { vr: { 1: 0xfffefffefffefffefffefffefffefffen } } },
  { name: 'words', asm: 'vrepi %v1,5,2', code: 'e71000052045', cr: VCR0, want: { vr: { 1: 0x00000005000000050000000500000005n } } },
  { name: 'words, CC unchanged without CS', asm: 'vceq %v1,%v2,%v3,2,0', code: 'e712300020f8', cc: 2, cr: VCR0, vr: { 2: Q, 3: Q ^ 1n }, want: { vr: { 1: 0xffffffffffffffffffffffff00000000n } } },
  { name: 'mixed: CC 1', asm: 'vceq %v1,%v2,%v3,2,1', code: 'e712301020f8', cr: VCR0, vr: { 2: Q, 3: Q ^ 1n }, want: { cc: 1, vr: { 1: 0xffffffffffffffffffffffff00000000n } } },
  { name: 'all equal: CC 0', asm: 'vceq %v1,%v2,%v3,0,1', code: 'e712301000f8', cc: 3, cr: VCR0, vr: { 2: Q, 3: Q }, want: { cc: 0, vr: { 1: (1n << 128n) - 1n } } },
  { name: 'none equal: CC 3', asm: 'vceq %v1,%v2,%v3,3,1', code: 'e712301030f8', cr: VCR0, vr: { 2: (1n << 64n) | 1n }, want: { cc: 3, vr: { 1: 0n } } },
  { name: 'by 1 bit: leftmost bit lost', asm: 'vsl %v1,%v2,%v3', code: 'e71230000074', cr: VCR0, vr: { 2: (1n << 127n) | 1n, 3: 0x01010101010101010101010101010101n }, want: { vr: { 1: 2n } } },
  { name: 'by 7 bits', asm: 'vsl %v1,%v2,%v3', code: 'e71230000074', cr: VCR0, vr: { 2: 0xffn, 3: 0x07070707070707070707070707070707n }, want: { vr: { 1: 0x7f80n } } },
]

runGroup('vector', CASES)
