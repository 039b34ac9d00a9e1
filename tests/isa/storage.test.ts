// POP ch. 7, storage-immediate and storage-to-storage: MVI/CLI/NI/OI/XI/TM and MVHHI family, MVC (byte by byte:
// the overlap memset idiom, page crossing), NC/OC/XC/CLC, TR/TRT/MVCIN, the long moves and compares MVCL/CLCL/MVCLE
// (padding, register updates, destructive overlap, even pairs), string instructions MVST/CLST/SRST, and the
// interlocked updates CS/CSY/CSG/CDS/CDSG and LOAD AND ADD/AND/OR/EXCLUSIVE OR (alignment).
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const D = BigInt(DATA)
const TBL = DATA + 0x100
const B11 = { 10: D, 11: BigInt(TBL) }

const CASES: Case[] = [
  { name: 'byte', asm: 'mvi 0(%r10),0xab', code: '92aba000', gr: B, want: { mem: { [DATA]: 'ab00' } } },
  { name: 'long displacement', asm: 'mviy -1(%r10),0x01', code: 'eb01afffff52', gr: B, want: { mem: { [DATA - 1]: '0100' } } },
  { name: 'low', asm: 'cli 0(%r10),0x80', code: '9580a000', gr: B, mem: { [DATA]: '7f' }, want: { cc: 1 } },
  { name: 'high, unsigned', asm: 'cliy 0(%r10),0x80', code: 'eb80a0000055', gr: B, mem: { [DATA]: 'ff' }, want: { cc: 2 } },
  { name: 'zero', asm: 'ni 0(%r10),0x0f', code: '940fa000', cc: 1, gr: B, mem: { [DATA]: 'f0' }, want: { cc: 0, mem: { [DATA]: '00' } } },
  { name: 'nonzero', asm: 'oi 0(%r10),0x80', code: '9680a000', gr: B, mem: { [DATA]: '01' }, want: { cc: 1, mem: { [DATA]: '81' } } },
  { name: 'zero', asm: 'xi 0(%r10),0xff', code: '97ffa000', cc: 1, gr: B, mem: { [DATA]: 'ff' }, want: { cc: 0, mem: { [DATA]: '00' } } },
  { name: 'nonzero', asm: 'niy 0(%r10),0x81', code: 'eb81a0000054', gr: B, mem: { [DATA]: 'ff' }, want: { cc: 1, mem: { [DATA]: '81' } } },
  { name: 'nonzero', asm: 'oiy 0(%r10),0x00', code: 'eb00a0000056', gr: B, mem: { [DATA]: '10' }, want: { cc: 1, mem: { [DATA]: '10' } } },
  { name: 'nonzero', asm: 'xiy 0(%r10),0x0f', code: 'eb0fa0000057', gr: B, mem: { [DATA]: 'ff' }, want: { cc: 1, mem: { [DATA]: 'f0' } } },
  { name: 'mixed: CC 1', asm: 'tm 0(%r10),0xc0', code: '91c0a000', gr: B, mem: { [DATA]: '80' }, want: { cc: 1 } },
  { name: 'all ones: CC 3', asm: 'tm 0(%r10),0xc0', code: '91c0a000', gr: B, mem: { [DATA]: 'c1' }, want: { cc: 3 } },
  { name: 'mask zero: CC 0', asm: 'tm 0(%r10),0', code: '9100a000', cc: 3, gr: B, mem: { [DATA]: 'ff' }, want: { cc: 0 } },
  { name: 'all zeros', asm: 'tmy 0(%r10),0xff', code: 'ebffa0000051', cc: 3, gr: B, want: { cc: 0 } },
  { name: 'halfword', asm: 'mvhhi 0(%r10),-2', code: 'e544a000fffe', gr: B, want: { mem: { [DATA]: 'fffe00' } } },
  { name: 'word sign-extended', asm: 'mvhi 0(%r10),-1', code: 'e54ca000ffff', gr: B, want: { mem: { [DATA]: 'ffffffff00' } } },
  { name: 'doubleword sign-extended', asm: 'mvghi 0(%r10),-32768', code: 'e548a0008000', gr: B, want: { mem: { [DATA]: 'ffffffffffff800000' } } },
  { name: 'four bytes', asm: 'mvc 0(4,%r10),8(%r10)', code: 'd203a000a008', gr: B, mem: { [DATA + 8]: '01020304' }, want: { mem: { [DATA]: '0102030400' } } },
  { name: 'one-byte overlap propagates (memset idiom)', asm: 'mvc 1(7,%r10),0(%r10)', code: 'd206a001a000', gr: B, mem: { [DATA]: '41' }, want: { mem: { [DATA]: '414141414141414100' } } },
  { name: 'crossing a page boundary', asm: 'mvc 0xffe(4,%r10),0(%r10)', code: 'd203affea000', gr: B, mem: { [DATA]: 'a1a2a3a4' }, want: { mem: { [DATA + 0xffe]: 'a1a2a3a4' } } },
  { name: 'nonzero', asm: 'nc 0(2,%r10),2(%r10)', code: 'd401a000a002', gr: B, mem: { [DATA]: 'f0f00ff0' }, want: { cc: 1, mem: { [DATA]: '00f00ff0' } } },
  { name: 'zero', asm: 'oc 0(2,%r10),2(%r10)', code: 'd601a000a002', cc: 1, gr: B, want: { cc: 0, mem: { [DATA]: '00000000' } } },
  { name: 'same operand clears', asm: 'xc 0(4,%r10),0(%r10)', code: 'd703a000a000', cc: 1, gr: B, mem: { [DATA]: 'deadbeef11' }, want: { cc: 0, mem: { [DATA]: '0000000011' } } },
  { name: 'first low at the last byte', asm: 'clc 0(3,%r10),4(%r10)', code: 'd502a000a004', gr: B, mem: { [DATA]: 'aabbcc00aabbcd' }, want: { cc: 1 } },
  { name: 'equal', asm: 'clc 0(2,%r10),4(%r10)', code: 'd501a000a004', cc: 2, gr: B, mem: { [DATA]: 'aabb0000aabb' }, want: { cc: 0 } },
  { name: 'high', asm: 'clc 0(1,%r10),4(%r10)', code: 'd500a000a004', gr: B, mem: { [DATA]: '8000000070' }, want: { cc: 2 } },
  { name: 'translate through a table', asm: 'tr 0(3,%r10),0(%r11)', code: 'dc02a000b000', gr: B11, mem: { [DATA]: '010203', [TBL]: '00a1a2a3' }, want: { mem: { [DATA]: 'a1a2a3' } } },
  { name: 'found before the last byte: address in R1, function byte in R2', asm: 'trt 0(4,%r10),0(%r11)', code: 'dd03a000b000', gr: { ...B11, 2: 0x1111111111111111n }, mem: { [DATA]: '01020304', [TBL]: '00000077' }, want: { cc: 1, gr: { 1: D + 2n, 2: 0x1111111111111177n } } },
  { name: 'found at the last byte: CC 2', asm: 'trt 0(3,%r10),0(%r11)', code: 'dd02a000b000', gr: B11, mem: { [DATA]: '010203', [TBL]: '00000077' }, want: { cc: 2, gr: { 1: D + 2n, 2: 0x77n } } },
  { name: 'none found: CC 0, registers unchanged', asm: 'trt 0(3,%r10),0(%r11)', code: 'dd02a000b000', cc: 3, gr: B11, mem: { [DATA]: '010203' }, want: { cc: 0 } },
  { name: 'reversed move (second address is the rightmost byte)', asm: 'mvcin 0(3,%r10),2(%r11)', code: 'e802a000b002', gr: { ...B, 11: D + 0x10n }, mem: { [DATA + 0x10]: '010203' }, want: { mem: { [DATA]: '030201' } } },
  { name: 'padding, lengths and addresses updated', asm: 'mvcl %r2,%r4', code: '0e24', gr: { 2: D, 3: 0xaa000006n, 4: D + 0x10n, 5: 0x40000003n }, mem: { [DATA + 0x10]: '010203' }, want: { cc: 2, mem: { [DATA]: '01020340404000' }, gr: { 2: D + 6n, 3: 0xaa000000n, 4: D + 0x13n, 5: 0x40000000n } } },
  { name: 'first shorter: CC 1, truncated', asm: 'mvcl %r2,%r4', code: '0e24', gr: { 2: D, 3: 2n, 4: D + 0x10n, 5: 3n }, mem: { [DATA + 0x10]: '010203' }, want: { cc: 1, mem: { [DATA]: '010200' }, gr: { 2: D + 2n, 3: 0n, 4: D + 0x12n, 5: 1n } } },
  { name: 'destructive overlap: CC 3, nothing moved', asm: 'mvcl %r2,%r4', code: '0e24', gr: { 2: D + 1n, 3: 4n, 4: D, 5: 4n }, mem: { [DATA]: '0102030405' }, want: { cc: 3, mem: { [DATA]: '0102030405' } } },
  { name: 'odd R1: specification', asm: 'mvcl %r3,%r4', code: '0e34', gr: { 3: 1n }, want: { pgm: { code: 6 } } },
  { name: 'padding compares high: stops at the unequal byte', asm: 'clcl %r2,%r4', code: '0f24', gr: { 2: D, 3: 4n, 4: D + 8n, 5: 0x40000002n }, mem: { [DATA]: 'aabb4041', [DATA + 8]: 'aabb' }, want: { cc: 2, gr: { 2: D + 3n, 3: 1n, 4: D + 10n, 5: 0x40000000n } } },
  { name: 'equal: lengths exhausted', asm: 'clcl %r2,%r4', code: '0f24', cc: 1, gr: { 2: D, 3: 2n, 4: D + 8n, 5: 2n }, mem: { [DATA]: 'aabb', [DATA + 8]: 'aabb' }, want: { cc: 0, gr: { 2: D + 2n, 3: 0n, 4: D + 10n, 5: 0n } } },
  { name: 'pad from the address field, 64-bit lengths', asm: 'mvcle %r2,%r4,0x40', code: 'a8240040', gr: { 2: D, 3: 5n, 4: D + 0x10n, 5: 2n }, mem: { [DATA + 0x10]: 'aabb' }, want: { cc: 2, mem: { [DATA]: 'aabb40404000' }, gr: { 2: D + 5n, 3: 0n, 4: D + 0x12n, 5: 0n } } },
  { name: 'first shorter: CC 1', asm: 'mvcle %r2,%r4,0', code: 'a8240000', gr: { 2: D, 3: 1n, 4: D + 0x10n, 5: 2n }, mem: { [DATA + 0x10]: 'aabb' }, want: { cc: 1, mem: { [DATA]: 'aa00' }, gr: { 2: D + 1n, 3: 0n, 4: D + 0x11n, 5: 1n } } },
  { name: 'equal lengths: CC 0', asm: 'mvcle %r2,%r4,0', code: 'a8240000', cc: 3, gr: { 2: D, 3: 2n, 4: D + 0x10n, 5: 2n }, mem: { [DATA + 0x10]: 'aabb' }, want: { cc: 0, mem: { [DATA]: 'aabb00' }, gr: { 2: D + 2n, 3: 0n, 4: D + 0x12n, 5: 0n } } },
  { name: 'copies through the terminator; R1 at the terminator', asm: 'mvst %r2,%r4', code: 'b2550024', gr: { 2: D, 4: D + 0x10n }, mem: { [DATA + 0x10]: '41424300ff' }, want: { cc: 1, mem: { [DATA]: '4142430000' }, gr: { 2: D + 3n } } },
  { name: 'R0 bits 32-55 not zero: specification', asm: 'mvst %r2,%r4', code: 'b2550024', gr: { 0: 0x100n, 2: D, 4: D + 0x10n }, want: { pgm: { code: 6 } } },
  { name: 'first low: addresses of the unequal bytes', asm: 'clst %r2,%r4', code: 'b25d0024', gr: { 2: D, 4: D + 0x10n }, mem: { [DATA]: '61626300', [DATA + 0x10]: '61626400' }, want: { cc: 1, gr: { 2: D + 2n, 4: D + 0x12n } } },
  { name: 'equal: CC 0, registers unchanged', asm: 'clst %r2,%r4', code: 'b25d0024', cc: 1, gr: { 2: D, 4: D + 0x10n }, mem: { [DATA]: '616200', [DATA + 0x10]: '616200' }, want: { cc: 0 } },
  { name: 'found: address in R1', asm: 'srst %r2,%r4', code: 'b25e0024', gr: { 0: 0x43n, 2: D + 8n, 4: D }, mem: { [DATA]: '4142434445464748' }, want: { cc: 1, gr: { 2: D + 2n } } },
  { name: 'not found: CC 2, registers unchanged', asm: 'srst %r2,%r4', code: 'b25e0024', gr: { 0: 0x5an, 2: D + 8n, 4: D }, mem: { [DATA]: '4142434445464748' }, want: { cc: 2 } },
  { name: 'equal: stores R3', asm: 'cs %r1,%r3,0(%r10)', code: 'ba13a000', gr: { ...B, 1: 5n, 3: 7n }, mem: { [DATA]: '00000005' }, want: { cc: 0, mem: { [DATA]: '00000007' } } },
  { name: 'unequal: loads R1 low word', asm: 'cs %r1,%r3,0(%r10)', code: 'ba13a000', gr: { ...B, 1: 0x900000005n, 3: 7n }, mem: { [DATA]: '00000006' }, want: { cc: 1, gr: { 1: 0x900000006n }, mem: { [DATA]: '00000006' } } },
  { name: 'not word aligned: specification', asm: 'cs %r1,%r3,2(%r10)', code: 'ba13a002', gr: B, want: { pgm: { code: 6 } } },
  { name: 'equal', asm: 'csy %r1,%r3,4(%r10)', code: 'eb13a0040014', gr: { ...B, 3: 1n }, want: { cc: 0, mem: { [DATA + 4]: '00000001' } } },
  { name: 'equal', asm: 'csg %r1,%r3,0(%r10)', code: 'eb13a0000030', gr: { ...B, 1: 5n, 3: -1n }, mem: { [DATA]: '0000000000000005' }, want: { cc: 0, mem: { [DATA]: 'ffffffffffffffff' } } },
  { name: 'equal: stores the R3 pair', asm: 'cds %r2,%r4,0(%r10)', code: 'bb24a000', gr: { ...B, 2: 1n, 3: 2n, 4: 3n, 5: 4n }, mem: { [DATA]: '0000000100000002' }, want: { cc: 0, mem: { [DATA]: '0000000300000004' } } },
  { name: 'unequal: loads the R1 pair', asm: 'cdsg %r2,%r4,0(%r10)', code: 'eb24a000003e', gr: { ...B, 2: 1n, 3: 2n }, mem: { [DATA]: '00000000000000070000000000000008' }, want: { cc: 1, gr: { 2: 7n, 3: 8n } } },
  { name: 'old value in R1, sum stored, overflow CC', asm: 'laa %r1,%r3,0(%r10)', code: 'eb13a00000f8', gr: { ...B, 3: 1n }, mem: { [DATA]: '7fffffff' }, want: { cc: 3, gr: { 1: 0x7fffffffn }, mem: { [DATA]: '80000000' } } },
  { name: 'not word aligned: specification', asm: 'laa %r1,%r3,1(%r10)', code: 'eb13a00100f8', gr: B, want: { pgm: { code: 6 } } },
  { name: 'logical: carry, zero', asm: 'laal %r1,%r3,0(%r10)', code: 'eb13a00000fa', gr: { ...B, 3: 1n }, mem: { [DATA]: 'ffffffff' }, want: { cc: 2, gr: { 1: 0xffffffffn }, mem: { [DATA]: '00000000' } } },
  { name: 'AND to zero', asm: 'lan %r1,%r3,0(%r10)', code: 'eb13a00000f4', gr: { ...B, 3: 0x0fn }, mem: { [DATA]: 'fffffff0' }, want: { cc: 0, gr: { 1: 0xfffffff0n }, mem: { [DATA]: '00000000' } } },
  { name: 'OR', asm: 'lao %r1,%r3,0(%r10)', code: 'eb13a00000f6', gr: { ...B, 3: 0x0fn }, mem: { [DATA]: '000000f0' }, want: { cc: 1, gr: { 1: 0xf0n }, mem: { [DATA]: '000000ff' } } },
  { name: 'XOR', asm: 'lax %r1,%r3,0(%r10)', code: 'eb13a00000f7', gr: { ...B, 3: 0xffn }, mem: { [DATA]: '000000ff' }, want: { cc: 0, gr: { 1: 0xffn }, mem: { [DATA]: '00000000' } } },
  { name: '64-bit', asm: 'laag %r1,%r3,0(%r10)', code: 'eb13a00000e8', gr: { ...B, 3: -1n }, mem: { [DATA]: '0000000000000001' }, want: { cc: 0, gr: { 1: 1n }, mem: { [DATA]: '0000000000000000' } } },
  { name: '64-bit', asm: 'lang %r1,%r3,0(%r10)', code: 'eb13a00000e4', gr: { ...B, 3: 0xff00000000000000n }, mem: { [DATA]: 'f00000000000000f' }, want: { cc: 1, gr: { 1: 0xf00000000000000fn }, mem: { [DATA]: 'f000000000000000' } } },
  { name: '64-bit', asm: 'laog %r1,%r3,0(%r10)', code: 'eb13a00000e6', gr: { ...B, 3: 1n }, want: { cc: 1, gr: { 1: 0n }, mem: { [DATA]: '0000000000000001' } } },
  { name: '64-bit', asm: 'laxg %r1,%r3,0(%r10)', code: 'eb13a00000e7', gr: { ...B, 3: -1n }, mem: { [DATA]: 'ffffffffffffffff' }, want: { cc: 0, gr: { 1: -1n }, mem: { [DATA]: '0000000000000000' } } },
]

runGroup('storage-immediate, storage-to-storage and interlocked', CASES)
