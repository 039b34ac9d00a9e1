// POP ch. 7, shifts and rotates: single and double, logical and arithmetic (overflow, sign kept, shift amount
// from the second-operand address), RLL/RLLG, and the rotate-then-*-selected-bits family (RISBG, RISBGN, RNSBG,
// ROSBG, RXSBG, RISBHG, RISBLG): wrap-around ranges, zero-remaining bit, test-only bit, CC rules.
import { runGroup, type Case } from './harness.ts'

const M = -0x8000000000000000n

const CASES: Case[] = [
  { name: 'low word only, CC unchanged', asm: 'sll %r1,4', code: '89100004', cc: 2, gr: { 1: 0xabcdef0012345678n }, want: { gr: { 1: 0xabcdef0023456780n } } },
  { name: 'amount from B2 low 6 bits: 33 clears', asm: 'sll %r1,0(%r2)', code: '89102000', gr: { 1: 0xffffffffn, 2: 0x7e1n }, want: { gr: { 1: 0n } } },
  { name: 'logical right', asm: 'srl %r1,31', code: '8810001f', gr: { 1: 0x80000000n }, want: { gr: { 1: 1n } } },
  { name: 'bit shifted out unlike sign: overflow, sign kept', asm: 'sla %r1,1', code: '8b100001', gr: { 1: 0x40000000n }, want: { cc: 3, gr: { 1: 0n } } },
  { name: 'negative, no overflow', asm: 'sla %r1,4', code: '8b100004', gr: { 1: 0xffffffffn }, want: { cc: 1, gr: { 1: 0xfffffff0n } } },
  { name: 'overflow with mask on', asm: 'sla %r1,1', code: '8b100001', pm: 8, gr: { 1: 0x40000000n }, want: { cc: 3, gr: { 1: 0n }, pgm: { code: 8 } } },
  { name: 'sign propagates', asm: 'sra %r1,4', code: '8a100004', gr: { 1: 0x80000000n }, want: { cc: 1, gr: { 1: 0xf8000000n } } },
  { name: 'positive to zero', asm: 'sra %r1,63', code: '8a10003f', gr: { 1: 0x7fffffffn }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'three operands', asm: 'sllk %r1,%r2,8', code: 'eb12000800df', gr: { 2: 0x00ff0000n }, want: { gr: { 1: 0xff000000n } } },
  { name: 'three operands', asm: 'srlk %r1,%r2,8', code: 'eb12000800de', gr: { 2: 0xff000000n }, want: { gr: { 1: 0x00ff0000n } } },
  { name: 'overflow', asm: 'slak %r1,%r2,1', code: 'eb12000100dd', gr: { 2: 0x7fffffffn }, want: { cc: 3, gr: { 1: 0x7ffffffen } } },
  { name: 'negative', asm: 'srak %r1,%r2,1', code: 'eb12000100dc', gr: { 2: 0xffffffffn }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'to the sign bit', asm: 'sllg %r1,%r2,63', code: 'eb12003f000d', gr: { 2: 1n }, want: { gr: { 1: M } } },
  { name: 'amount modulo 64', asm: 'sllg %r1,%r2,0(%r3)', code: 'eb123000000d', gr: { 2: 3n, 3: 0x41n }, want: { gr: { 1: 6n } } },
  { name: 'high word down', asm: 'srlg %r1,%r2,32', code: 'eb120020000c', gr: { 2: 0x1234567800000000n }, want: { gr: { 1: 0x12345678n } } },
  { name: 'overflow', asm: 'slag %r1,%r2,1', code: 'eb120001000b', gr: { 2: 0x4000000000000000n }, want: { cc: 3, gr: { 1: 0n } } },
  { name: 'negative', asm: 'slag %r1,%r2,8', code: 'eb120008000b', gr: { 2: -1n }, want: { cc: 1, gr: { 1: -256n } } },
  { name: 'MIN by 63', asm: 'srag %r1,%r2,63', code: 'eb12003f000a', gr: { 2: M }, want: { cc: 1, gr: { 1: -1n } } },
  { name: 'low word rotated, high word of R1 kept', asm: 'rll %r1,%r2,4', code: 'eb120004001d', gr: { 1: 0x5500000000n, 2: 0xf000000112345678n }, want: { gr: { 1: 0x5523456781n } } },
  { name: '64-bit rotate', asm: 'rllg %r1,%r2,8', code: 'eb120008001c', gr: { 2: 0xff00000000000001n }, want: { gr: { 1: 0x1ffn } } },
  { name: 'pair left', asm: 'sldl %r2,4', code: '8d200004', gr: { 2: 0xaa00000012345678n, 3: 0xbb0000009abcdef0n }, want: { gr: { 2: 0xaa00000023456789n, 3: 0xbb000000abcdef00n } } },
  { name: 'odd R1: specification', asm: 'sldl %r3,1', code: '8d300001', gr: { 3: 1n }, want: { pgm: { code: 6 } } },
  { name: 'pair right', asm: 'srdl %r2,36', code: '8c200024', gr: { 2: 0xf0000000n, 3: 0n }, want: { gr: { 2: 0n, 3: 0x0f000000n } } },
  { name: 'MIN: numeric bit unlike sign, overflow', asm: 'slda %r2,1', code: '8f200001', gr: { 2: 0x80000000n, 3: 0n }, want: { cc: 3, gr: { 2: 0x80000000n, 3: 0n } } },
  { name: 'negative', asm: 'slda %r2,1', code: '8f200001', gr: { 2: 0xffffffffn, 3: 0xfffffffen }, want: { cc: 1, gr: { 2: 0xffffffffn, 3: 0xfffffffcn } } },
  { name: 'pair arithmetic right', asm: 'srda %r2,32', code: '8e200020', gr: { 2: 0x80000000n, 3: 5n }, want: { cc: 1, gr: { 2: 0xffffffffn, 3: 0x80000000n } } },
  { name: 'insert low word, CC from the 64-bit result', asm: 'risbg %r1,%r2,32,63,0', code: 'ec12203f0055', gr: { 1: 0xaaaaaaaabbbbbbbbn, 2: 0x1111111122222222n }, want: { cc: 1, gr: { 1: 0xaaaaaaaa22222222n } } },
  { name: 'zero remaining bits', asm: 'risbg %r1,%r2,48,191,16', code: 'ec1230bf1055', gr: { 1: -1n, 2: 0x1111222233334444n }, want: { cc: 2, gr: { 1: 0x1111n } } },
  { name: 'wrap-around range 60..3', asm: 'risbg %r1,%r2,60,3,0', code: 'ec123c030055', gr: { 2: -1n }, want: { cc: 1, gr: { 1: 0xf00000000000000fn } } },
  { name: 'zero result: CC 0', asm: 'risbg %r1,%r2,0,159,0', code: 'ec12009f0055', cc: 2, gr: { 1: -1n, 2: 0xffffffffn }, want: { cc: 0, gr: { 1: 0n } } },
  { name: 'no CC', asm: 'risbgn %r1,%r2,32,63,0', code: 'ec12203f0059', cc: 3, gr: { 1: 0xaaaaaaaabbbbbbbbn, 2: 0x1111111122222222n }, want: { gr: { 1: 0xaaaaaaaa22222222n } } },
  { name: 'AND into the selected bits, CC from them', asm: 'rnsbg %r1,%r2,32,63,0', code: 'ec12203f0054', gr: { 1: 0xffffffffff00ff00n, 2: 0x0f0f0f0f0ff00ff0n }, want: { cc: 1, gr: { 1: 0xffffffff0f000f00n } } },
  { name: 'test only: R1 unchanged', asm: 'rnsbg %r1,%r2,160,63,0', code: 'ec12a03f0054', cc: 1, gr: { 1: 0xf0n, 2: 0x0fn }, want: { cc: 0 } },
  { name: 'OR after rotate', asm: 'rosbg %r1,%r2,0,31,32', code: 'ec12001f2056', gr: { 2: 0x80000001n }, want: { cc: 1, gr: { 1: 0x8000000100000000n } } },
  { name: 'XOR to zero', asm: 'rxsbg %r1,%r2,56,63,0', code: 'ec12383f0057', cc: 1, gr: { 1: 0x12ffn, 2: 0xffn }, want: { cc: 0, gr: { 1: 0x1200n } } },
  { name: 'high word, low word kept, CC unchanged', asm: 'risbhg %r1,%r2,0,31,32', code: 'ec12001f205d', cc: 3, gr: { 1: 0x1111111122222222n, 2: 0x3333333344444444n }, want: { gr: { 1: 0x4444444422222222n } } },
  { name: 'zero remaining bits of the high word only', asm: 'risbhg %r1,%r2,24,159,0', code: 'ec12189f005d', gr: { 1: 0xffffffff12345678n, 2: 0x000000ab00000000n }, want: { gr: { 1: 0x000000ab12345678n } } },
  { name: 'low word, high word kept', asm: 'risblg %r1,%r2,24,159,8', code: 'ec12189f0851', gr: { 1: 0x12345678ffffffffn, 2: 0xab00000000000000n }, want: { gr: { 1: 0x12345678000000abn } } },
  { name: '-1 by 31: bits shifted out equal the sign, no overflow', asm: 'sla %r1,31', code: '8b10001f', gr: { 1: 0xffffffffn }, want: { cc: 1, gr: { 1: 0x80000000n } } },
  { name: '-1 by 63: zeros unlike the sign shifted out, overflow', asm: 'sla %r1,63', code: '8b10003f', gr: { 1: 0xffffffffn }, want: { cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'odd R1: specification', asm: 'srda %r3,1', code: '8e300001', gr: { 3: 1n }, want: { pgm: { code: 6 } } },
  { name: 'overflow with mask on', asm: 'slda %r2,1', code: '8f200001', pm: 8, gr: { 2: 0x40000000n, 3: 0n }, want: { cc: 3, gr: { 2: 0n }, pgm: { code: 8 } } },
  { name: 'negative by 31: -1', asm: 'sra %r1,31', code: '8a10001f', gr: { 1: 0x80000000n }, want: { cc: 1, gr: { 1: 0xffffffffn } } },
  { name: 'amount from R3 + D2 low 6 bits', asm: 'rll %r1,%r2,1(%r3)', code: 'eb123001001d', gr: { 2: 0x80000000n, 3: 0x3fn }, want: { gr: { 1: 0x80000000n } } },
  { name: 'rotate amount modulo 64', asm: 'risbg %r1,%r2,56,191,72', code: 'ec1238bf4855', gr: { 2: 0xab00000000000000n }, want: { cc: 2, gr: { 1: 0xabn } } },
  // ---- zero fill, rotated insert ----
  { name: 'zeros shifted in: -1 by 63', asm: 'srlg %r1,%r2,63', code: 'eb12003f000c', gr: { 2: -1n }, want: { gr: { 1: 1n } } },
  { name: 'rotated byte inserted, rest kept, CC unchanged', asm: 'risbgn %r1,%r2,48,55,8', code: 'ec1230370859', cc: 1, gr: { 1: 0x1111111111111111n, 2: 0xabn }, want: { cc: 1, gr: { 1: 0x111111111111ab11n } } },
]

runGroup('shift and rotate', CASES)
