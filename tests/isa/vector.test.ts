// POP ch. 21, vector support instructions: loads/stores (whole, multiple, element, replicate, with length, to block
// boundary, gather/scatter; registers 16-31 through RXB), GR <-> element moves, masks, merges, packs, permutes,
// select, sign extension and unpacks; the vector-enablement data exception (DXC 0xfe) and the specification
// exceptions of reserved element sizes and indexes. Expected values worked out by hand from the POP definitions.
import { DATA, runGroup, type Case } from './harness.ts'

/** CR0 with AFP and vector enablement (bits 45, 46). */
const VCR0 = { 0: 0x000600e0n }
const B = { 10: BigInt(DATA) }
const Q = 0x000102030405060708090a0b0c0d0e0fn
const ONES = (1n << 128n) - 1n
const BASE = { cr: VCR0, gr: B }
const SPEC = { pgm: { code: 6 } }

const CASES: Case[] = [
  // ---- VL, VST, VLM, VSTM, VLR
  { name: '16 bytes', asm: 'vl %v1,0(%r10)', code: 'e710a0000006', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: Q } } },
  { name: 'register 17 through RXB', asm: 'vl %v17,0(%r10)', code: 'e710a0000806', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 17: Q } } },
  { name: 'vector facility not enabled: data exception DXC 0xfe', asm: 'vl %v1,0(%r10)', code: 'e710a0000006', gr: B, want: { pgm: { code: 7 }, mem: { 0x90: '000000fe' }, fpc: 0xfe00 } },
  { name: 'register 17 to storage', asm: 'vst %v17,0(%r10)', code: 'e710a000080e', ...BASE, vr: { 17: Q }, want: { mem: { [DATA]: '000102030405060708090a0b0c0d0e0f00' } } },
  { name: 'two registers', asm: 'vlm %v1,%v2,0(%r10)', code: 'e712a0000036', ...BASE, mem: { [DATA]: 'ff'.repeat(16) + '01'.repeat(16) }, want: { vr: { 1: ONES, 2: 0x01010101010101010101010101010101n } } },
  { name: 'R3 < R1: specification', asm: 'vlm %v2,%v1,0(%r10)', code: 'e721a0000036', ...BASE, want: SPEC },
  { name: 'registers 16-17', asm: 'vstm %v16,%v17,0(%r10)', code: 'e701a0000c3e', ...BASE, vr: { 16: Q, 17: 1n }, want: { mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' + '00000000000000000000000000000001' } } },
  { name: 'copy', asm: 'vlr %v1,%v31', code: 'e71f00000456', cr: VCR0, vr: { 31: Q }, want: { vr: { 1: Q } } },
  // ---- VLREP, VLE*, VLEI*, VLLEZ
  { name: 'halfword into all 8 elements', asm: 'vlrep %v1,0(%r10),1', code: 'e710a0001005', ...BASE, mem: { [DATA]: '12345678' }, want: { vr: { 1: 0x12341234123412341234123412341234n } } },
  { name: 'doubleword into both elements', asm: 'vlrep %v1,0(%r10),3', code: 'e710a0003005', ...BASE, mem: { [DATA]: '0102030405060708' }, want: { vr: { 1: 0x01020304050607080102030405060708n } } },
  { name: 'element size 4: specification', asm: 'vlrep %v1,0(%r10),4', code: 'e710a0004005', ...BASE, want: SPEC },
  { name: 'byte 15, the rest unchanged', asm: 'vleb %v1,0(%r10),15', code: 'e710a000f000', ...BASE, vr: { 1: Q }, mem: { [DATA]: 'ab' }, want: { vr: { 1: 0x000102030405060708090a0b0c0d0eabn } } },
  { name: 'halfword 0', asm: 'vleh %v1,0(%r10),0', code: 'e710a0000001', ...BASE, mem: { [DATA]: 'beef' }, want: { vr: { 1: 0xbeefn << 112n } } },
  { name: 'word 3 from D2 + B2', asm: 'vlef %v1,4(%r10),3', code: 'e710a0043003', ...BASE, mem: { [DATA + 4]: '11223344' }, want: { vr: { 1: 0x11223344n } } },
  { name: 'doubleword 1', asm: 'vleg %v1,0(%r10),1', code: 'e710a0001002', ...BASE, vr: { 1: ONES }, mem: { [DATA]: '0102030405060708' }, want: { vr: { 1: (0xffffffffffffffffn << 64n) | 0x0102030405060708n } } },
  { name: 'index 2 of doublewords: specification', asm: 'vleg %v1,0(%r10),2', code: 'e710a0002002', ...BASE, want: SPEC },
  { name: 'byte 15 sign-extended -1', asm: 'vleib %v1,-1,15', code: 'e710fffff040', cr: VCR0, want: { vr: { 1: 0xffn } } },
  { name: 'halfword 7 = -2', asm: 'vleih %v1,-2,7', code: 'e710fffe7041', cr: VCR0, vr: { 1: Q }, want: { vr: { 1: 0x000102030405060708090a0b0c0dfffen } } },
  { name: 'word 0 = 0x7fff', asm: 'vleif %v1,32767,0', code: 'e7107fff0043', cr: VCR0, want: { vr: { 1: 0x7fffn << 96n } } },
  { name: 'doubleword 1 = -32768', asm: 'vleig %v1,-32768,1', code: 'e71080001042', cr: VCR0, want: { vr: { 1: 0xffffffffffff8000n } } },
  { name: 'word index 4: specification', asm: 'vleif %v1,1,4', code: 'e71000014043', cr: VCR0, want: SPEC },
  { name: 'word into the right of doubleword 0, the rest zero', asm: 'vllez %v1,0(%r10),2', code: 'e710a0002004', ...BASE, vr: { 1: ONES }, mem: { [DATA]: '11223344' }, want: { vr: { 1: 0x11223344n << 64n } } },
  { name: 'byte', asm: 'vllez %v1,0(%r10),0', code: 'e710a0000004', ...BASE, mem: { [DATA]: 'ab' }, want: { vr: { 1: 0xabn << 64n } } },
  // ---- VLBB, LCBB, VLL, VSTL
  { name: '6 bytes to a 64-byte boundary, the rest zero', asm: 'vlbb %v1,0(%r10),0', code: 'e710a0000007', cr: VCR0, gr: { 10: BigInt(DATA + 0x3a) }, vr: { 1: ONES }, mem: { [DATA + 0x3a]: '0102030405060708' }, want: { vr: { 1: 0x010203040506n << 80n } } },
  { name: 'boundary code 7: specification', asm: 'vlbb %v1,0(%r10),7', code: 'e710a0007007', ...BASE, want: SPEC },
  { name: '6 bytes to a 64-byte boundary: CC 3', asm: 'lcbb %r1,0(%r10),0', code: 'e710a0000027', cr: VCR0, gr: { 1: -1n, 10: BigInt(DATA + 0x3a) }, want: { cc: 3, gr: { 1: 0xffffffff00000006n } } },
  { name: 'vector enablement off: still executes (4 bytes to a 128-byte boundary)', asm: 'lcbb %r1,0(%r10),1', code: 'e710a0001027', gr: { 10: BigInt(DATA + 0x7c) }, want: { cc: 3, gr: { 1: 4n } } },
  { name: '4K boundary far away: 16, CC 0', asm: 'lcbb %r1,0(%r10),6', code: 'e710a0006027', ...BASE, cc: 2, want: { cc: 0, gr: { 1: 16n } } },
  { name: 'R3 = 2: three bytes', asm: 'vll %v1,%r3,0(%r10)', code: 'e713a0000037', cr: VCR0, gr: { 3: 2n, 10: BigInt(DATA) }, vr: { 1: ONES }, mem: { [DATA]: 'aabbccdd' }, want: { vr: { 1: 0xaabbccn << 104n } } },
  { name: 'only R3 bits 32-63 count: 256 loads 16', asm: 'vll %v1,%r3,0(%r10)', code: 'e713a0000037', cr: VCR0, gr: { 3: 0xffffffff00000100n, 10: BigInt(DATA) }, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: Q } } },
  { name: 'R3 = 1: two bytes', asm: 'vstl %v1,%r3,0(%r10)', code: 'e713a000003f', cr: VCR0, gr: { 3: 1n, 10: BigInt(DATA) }, vr: { 1: Q }, mem: { [DATA]: 'ffffff' }, want: { mem: { [DATA]: '0001ff' } } },
  // ---- VSTE*
  { name: 'byte 15', asm: 'vsteb %v1,0(%r10),15', code: 'e710a000f008', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0f00' } } },
  { name: 'halfword 1', asm: 'vsteh %v1,0(%r10),1', code: 'e710a0001009', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0203' } } },
  { name: 'word 3', asm: 'vstef %v1,0(%r10),3', code: 'e710a000300b', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0c0d0e0f' } } },
  { name: 'doubleword 0', asm: 'vsteg %v1,0(%r10),0', code: 'e710a000000a', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0001020304050607' } } },
  { name: 'index 2: specification', asm: 'vsteg %v1,0(%r10),2', code: 'e710a000200a', ...BASE, want: SPEC },
  // ---- gather / scatter
  { name: 'word 1 from B2 + D2 + element 1 of V2', asm: 'vgef %v1,0(%v2,%r10),1', code: 'e712a0001013', ...BASE, vr: { 2: 0x10n << 64n }, mem: { [DATA + 0x10]: '11223344' }, want: { vr: { 1: 0x11223344n << 64n } } },
  { name: 'doubleword 1, displacement 8', asm: 'vgeg %v1,8(%v2,%r10),1', code: 'e712a0081012', ...BASE, vr: { 2: 8n }, mem: { [DATA + 0x10]: '0102030405060708' }, want: { vr: { 1: 0x0102030405060708n } } },
  { name: 'element 0x80000000 + base: beyond storage, addressing exception', asm: 'vgef %v1,0(%v2,%r10),0', code: 'e712a0000013', ...BASE, vr: { 2: 0x80000000n << 96n }, want: { pgm: { code: 5 } } },
  { name: 'index 2: specification', asm: 'vgeg %v1,0(%v2,%r10),2', code: 'e712a0002012', ...BASE, want: SPEC },
  { name: 'word 2 to B2 + element 2 of V2', asm: 'vscef %v1,0(%v2,%r10),2', code: 'e712a000201b', ...BASE, vr: { 1: 0xdeadbeefn << 32n, 2: 4n << 32n }, want: { mem: { [DATA + 4]: 'deadbeef' } } },
  { name: 'doubleword 0', asm: 'vsceg %v1,0(%v2,%r10),0', code: 'e712a000001a', ...BASE, vr: { 1: Q, 2: 0x20n << 64n }, want: { mem: { [DATA + 0x20]: '0001020304050607' } } },
  // ---- GR moves, masks, immediates, replicate
  { name: 'word element 2 from a GR', asm: 'vlvg %v1,%r2,2,2', code: 'e71200022022', cr: VCR0, gr: { 2: 0x1122334455667788n }, want: { vr: { 1: 0x55667788n << 32n } } },
  { name: 'doubleword element from B2 + D2, register 17', asm: 'vlvg %v17,%r2,1(%r3),3', code: 'e71230013822', cr: VCR0, gr: { 2: -1n }, want: { vr: { 17: 0xffffffffffffffffn } } },
  { name: 'element size 4: specification', asm: 'vlvg %v1,%r2,0,4', code: 'e71200004022', cr: VCR0, want: SPEC },
  { name: 'byte element zero-extended into a GR', asm: 'vlgv %r1,%v3,3,0', code: 'e71300030021', cr: VCR0, vr: { 3: Q }, gr: { 1: -1n }, want: { gr: { 1: 3n } } },
  { name: 'doubleword element of register 19', asm: 'vlgv %r1,%v19,1,3', code: 'e71300013421', cr: VCR0, vr: { 19: Q }, want: { gr: { 1: 0x08090a0b0c0d0e0fn } } },
  { name: 'R2 || R3', asm: 'vlvgp %v1,%r2,%r3', code: 'e71230000062', cr: VCR0, gr: { 2: 0x0102030405060708n, 3: -2n }, want: { vr: { 1: (0x0102030405060708n << 64n) | 0xfffffffffffffffen } } },
  { name: 'byte mask', asm: 'vgbm %v1,0x8001', code: 'e71080010044', cr: VCR0, want: { vr: { 1: (0xffn << 120n) | 0xffn } } },
  { name: 'bytes: bits 0-1', asm: 'vgm %v1,0,1,0', code: 'e71000010046', cr: VCR0, want: { vr: { 1: 0xc0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0n } } },
  { name: 'words: wrapping from bit 30 to bit 1', asm: 'vgm %v1,30,1,2', code: 'e7101e012046', cr: VCR0, want: { vr: { 1: 0xc0000003c0000003c0000003c0000003n } } },
  { name: 'doublewords: I2 modulo 64 (68 -> 4) to 7', asm: 'vgm %v1,68,7,3', code: 'e71044073046', cr: VCR0, want: { vr: { 1: 0x0f000000000000000f00000000000000n } } },
  { name: 'halfwords sign-extended', asm: 'vrepi %v1,-2,1', code: 'e710fffe1045', cr: VCR0, want: { vr: { 1: 0xfffefffefffefffefffefffefffefffen } } },
  { name: 'words', asm: 'vrepi %v1,5,2', code: 'e71000052045', cr: VCR0, want: { vr: { 1: 0x00000005000000050000000500000005n } } },
  { name: 'word element 1 everywhere', asm: 'vrep %v1,%v2,1,2', code: 'e7120001204d', cr: VCR0, vr: { 2: Q }, want: { vr: { 1: 0x04050607040506070405060704050607n } } },
  { name: 'word index 4: specification', asm: 'vrep %v1,%v2,4,2', code: 'e7120004204d', cr: VCR0, want: SPEC },
  // ---- merges, packs, permutes, select, sign extension, unpacks
  { name: 'words: V2 and V3 elements 0, 1 interleaved', asm: 'vmrh %v1,%v2,%v3,2', code: 'e71230002061', cr: VCR0, vr: { 2: Q, 3: 0x101112131415161718191a1b1c1d1e1fn }, want: { vr: { 1: 0x00010203101112130405060714151617n } } },
  { name: 'doublewords: the right ones', asm: 'vmrl %v1,%v2,%v3,3', code: 'e71230003060', cr: VCR0, vr: { 2: Q, 3: 0x101112131415161718191a1b1c1d1e1fn }, want: { vr: { 1: 0x08090a0b0c0d0e0f18191a1b1c1d1e1fn } } },
  { name: 'words to halfwords: right halves', asm: 'vpk %v1,%v2,%v3,2', code: 'e71230002094', cr: VCR0, vr: { 2: Q, 3: 0xffffn }, want: { vr: { 1: 0x020306070a0b0e0f000000000000ffffn } } },
  { name: 'element size 0: specification', asm: 'vpk %v1,%v2,%v3,0', code: 'e71230000094', cr: VCR0, want: SPEC },
  { name: 'halfwords to bytes, signed saturation: CC 1', asm: 'vpks %v1,%v2,%v3,1,1', code: 'e71230101097', cr: VCR0, vr: { 2: 0x0001007f0080ff80ff7f00007fff8000n }, want: { cc: 1, vr: { 1: 0x017f7f8080007f800000000000000000n } } },
  { name: 'no saturation: CC 0', asm: 'vpks %v1,%v2,%v3,2,1', code: 'e71230102097', cr: VCR0, cc: 3, vr: { 2: 0xffffffff00000001n }, want: { cc: 0, vr: { 1: 0x00000000ffff00010000000000000000n } } },
  { name: 'without CS the CC stays', asm: 'vpks %v1,%v2,%v3,1,0', code: 'e71230001097', cr: VCR0, cc: 2, vr: { 2: 0x8000n }, want: { vr: { 1: 0x00000000000000800000000000000000n } } },
  { name: 'logical: 0x00ff, 0x0100 -> ff ff, CC 1', asm: 'vpkls %v1,%v2,%v3,1,1', code: 'e71230101095', cr: VCR0, vr: { 2: 0x00ff0100n << 96n }, want: { cc: 1, vr: { 1: 0xffff0000000000000000000000000000n } } },
  { name: 'logical: all saturated: CC 3', asm: 'vpkls %v1,%v2,%v3,1,1', code: 'e71230101095', cr: VCR0, vr: { 2: ONES, 3: ONES }, want: { cc: 3, vr: { 1: ONES } } },
  { name: 'byte selection modulo 32 from V2 || V3', asm: 'vperm %v1,%v2,%v3,%v4', code: 'e7123000408c', cr: VCR0, vr: { 2: Q, 3: 0x101112131415161718191a1b1c1d1e1fn, 4: 0x1f00100f203f0000n << 64n }, want: { vr: { 1: 0x1f00100f001f00000000000000000000n } } },
  { name: 'M4 5: V2 doubleword 1, V3 doubleword 1', asm: 'vpdi %v1,%v2,%v3,5', code: 'e71230005084', cr: VCR0, vr: { 2: Q, 3: (1n << 64n) | 2n }, want: { vr: { 1: (0x08090a0b0c0d0e0fn << 64n) | 2n } } },
  { name: 'M4 0: doublewords 0', asm: 'vpdi %v1,%v2,%v3,0', code: 'e71230000084', cr: VCR0, vr: { 2: Q, 3: (1n << 64n) | 2n }, want: { vr: { 1: (0x0001020304050607n << 64n) | 1n } } },
  { name: 'V2 where V4 is one, V3 where zero', asm: 'vsel %v1,%v2,%v3,%v4', code: 'e7123000408d', cr: VCR0, vr: { 2: 0xff00ff00ff00ff00ff00ff00ff00ff00n, 3: 0x0ff00ff00ff00ff00ff00ff00ff00ff0n, 4: 0xffffffffffffffff0000000000000000n }, want: { vr: { 1: 0xff00ff00ff00ff000ff00ff00ff00ff0n } } },
  { name: 'bytes 7 and 15 sign-extended', asm: 'vseg %v1,%v2,0', code: 'e7120000005f', cr: VCR0, vr: { 2: (0x80n << 64n) | 0x7fn | (0x55n << 120n) }, want: { vr: { 1: (0xffffffffffffff80n << 64n) | 0x7fn } } },
  { name: 'words 1 and 3', asm: 'vseg %v1,%v2,2', code: 'e7120000205f', cr: VCR0, vr: { 2: 0x0000000180000000000000007fffffffn }, want: { vr: { 1: (0xffffffff80000000n << 64n) | 0x7fffffffn } } },
  { name: 'element size 3: specification', asm: 'vseg %v1,%v2,3', code: 'e7120000305f', cr: VCR0, want: SPEC },
  { name: 'halfwords 0-3 sign-extended to words', asm: 'vuph %v1,%v2,1', code: 'e712000010d7', cr: VCR0, vr: { 2: 0x800000017fffffffn << 64n }, want: { vr: { 1: 0xffff80000000000100007fffffffffffn } } },
  { name: 'halfwords 0-3 zero-extended', asm: 'vuplh %v1,%v2,1', code: 'e712000010d5', cr: VCR0, vr: { 2: 0x800000017fffffffn << 64n }, want: { vr: { 1: 0x000080000000000100007fff0000ffffn } } },
  { name: 'words 2-3 sign-extended to doublewords', asm: 'vupl %v1,%v2,2', code: 'e712000020d6', cr: VCR0, vr: { 2: 0x8000000000000005n }, want: { vr: { 1: (0xffffffff80000000n << 64n) | 5n } } },
  { name: 'bytes 8-15 zero-extended to halfwords', asm: 'vupll %v1,%v2,0', code: 'e712000000d4', cr: VCR0, vr: { 2: 0x80010203040506fen }, want: { vr: { 1: 0x008000010002000300040005000600fen } } },
  // ---- vector-enhancements 1 and 2
  { name: 'VLLEZ code 6: a word, left-aligned', asm: 'vllez %v1,0(%r10),6', code: 'e710a0006004', ...BASE, vr: { 1: ONES }, mem: { [DATA]: '11223344' }, want: { vr: { 1: 0x11223344n << 96n } } },
  { name: 'halfwords byte-reversed', asm: 'vlbr %v1,0(%r10),1', code: 'e610a0001006', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: 0x010003020504070609080b0a0d0c0f0en } } },
  { name: 'quadword byte-reversed', asm: 'vlbr %v1,0(%r10),4', code: 'e610a0004006', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: 0x0f0e0d0c0b0a09080706050403020100n } } },
  { name: 'element size 0: specification', asm: 'vlbr %v1,0(%r10),0', code: 'e610a0000006', ...BASE, want: SPEC },
  { name: 'words byte-reversed', asm: 'vstbr %v1,0(%r10),2', code: 'e610a000200e', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '03020100070605040b0a09080f0e0d0c' } } },
  { name: 'doublewords in reverse order', asm: 'vler %v1,0(%r10),3', code: 'e610a0003007', ...BASE, mem: { [DATA]: '000102030405060708090a0b0c0d0e0f' }, want: { vr: { 1: 0x08090a0b0c0d0e0f0001020304050607n } } },
  { name: 'words in reverse order', asm: 'vster %v1,0(%r10),2', code: 'e610a000200f', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0c0d0e0f08090a0b0405060700010203' } } },
  { name: 'halfword 7 byte-reversed', asm: 'vlebrh %v1,0(%r10),7', code: 'e610a0007001', ...BASE, mem: { [DATA]: 'abcd' }, want: { vr: { 1: 0xcdabn } } },
  { name: 'word 0 byte-reversed', asm: 'vlebrf %v1,0(%r10),0', code: 'e610a0000003', ...BASE, mem: { [DATA]: '11223344' }, want: { vr: { 1: 0x44332211n << 96n } } },
  { name: 'doubleword 1 byte-reversed', asm: 'vlebrg %v1,0(%r10),1', code: 'e610a0001002', ...BASE, mem: { [DATA]: '0102030405060708' }, want: { vr: { 1: 0x0807060504030201n } } },
  { name: 'halfword 0 byte-reversed', asm: 'vstebrh %v1,0(%r10),0', code: 'e610a0000009', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0100' } } },
  { name: 'word 1 byte-reversed', asm: 'vstebrf %v1,0(%r10),1', code: 'e610a000100b', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '07060504' } } },
  { name: 'doubleword 1 byte-reversed', asm: 'vstebrg %v1,0(%r10),1', code: 'e610a000100a', ...BASE, vr: { 1: Q }, want: { mem: { [DATA]: '0f0e0d0c0b0a0908' } } },
  { name: 'index 2 of doublewords: specification', asm: 'vstebrg %v1,0(%r10),2', code: 'e610a000200a', ...BASE, want: SPEC },
  { name: 'word byte-reversed into every element', asm: 'vlbrrep %v1,0(%r10),2', code: 'e610a0002005', ...BASE, mem: { [DATA]: '11223344' }, want: { vr: { 1: 0x44332211443322114433221144332211n } } },
  { name: 'doubleword byte-reversed, the rest zero', asm: 'vllebrz %v1,0(%r10),3', code: 'e610a0003004', ...BASE, vr: { 1: ONES }, mem: { [DATA]: '0102030405060708' }, want: { vr: { 1: 0x0807060504030201n << 64n } } },
  { name: 'code 6: left-aligned word', asm: 'vllebrz %v1,0(%r10),6', code: 'e610a0006004', ...BASE, mem: { [DATA]: '11223344' }, want: { vr: { 1: 0x44332211n << 96n } } },
  { name: 'by 4 bits from V2 || V3', asm: 'vsld %v1,%v2,%v3,4', code: 'e71230040086', cr: VCR0, vr: { 2: Q, 3: 0xa0000000000000000000000000000000n }, want: { vr: { 1: 0x00102030405060708090a0b0c0d0e0fan } } },
  { name: 'right by 4 bits', asm: 'vsrd %v1,%v2,%v3,4', code: 'e71230040087', cr: VCR0, vr: { 2: Q, 3: 0xa0000000000000000000000000000000n }, want: { vr: { 1: 0xfa000000000000000000000000000000n } } },
  { name: 'I4 8: specification', asm: 'vsld %v1,%v2,%v3,8', code: 'e71230080086', cr: VCR0, want: SPEC },
]

runGroup('vector support', CASES)
