// POP ch. 10, PERFORM FRAME MANAGEMENT FUNCTION (EDAT-1, facility 8): set key and clear frame for a 4K frame (real
// address: prefixing applies) and a 1M frame (absolute address, from R2's block to the frame end, R2 then at the
// next frame), low-address protection of clearing, reserved bits, frame-size codes 2-7, nonquiescing without
// facility 14, privileged operation, addressing; and SET STORAGE KEY EXTENDED's multiple-block control, which EDAT-1
// brings. Expected keys and storage derived by hand from the R1 bits.
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
const SK = 0x20000n
const CF = 0x10000n
const FSC_1M = 0x1000n
const LAP_CR0 = 0xe0n | 0x40000n | 0x10000000n
const ZEROS = '00'.repeat(16)
const FF = 'ff'.repeat(16)

const CASES: Case[] = [
  { name: '4K set key: key 0x30 on the frame of R2, R2 unchanged', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: SK | 0x30n, 2: D + 0x123n }, want: { skeys: { [DATA]: 0x30, [DATA + 4096]: 0 } } },
  { name: '4K set key: key bits 56-62 with F, R, C; bits 0-31 ignored', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: 0xffffffff00000000n | SK | 0xfen, 2: D }, want: { skeys: { [DATA]: 0xfe } } },
  { name: '4K clear: the whole frame zeroed, the next one kept', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: CF, 2: D + 0xfffn }, mem: { [DATA]: FF, [DATA + 0xff0]: FF, [DATA + 4096]: FF }, want: { mem: { [DATA]: ZEROS, [DATA + 0xff0]: ZEROS, [DATA + 4096]: FF } } },
  { name: '4K: R2 is a real address: real 0 is the prefix area', asm: 'pfmf %r1,%r2', code: 'b9af0012', prefix: 0x30000, gr: { 1: SK | 0x50n, 2: 0n }, want: { prefix: 0x30000, skeys: { 0x30000: 0x50, 0: 0 } } },
  { name: '1M set key and clear from the block of R2 to the frame end, R2 at the next frame', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: SK | CF | FSC_1M | 0x60n, 2: 0x1fe123n }, mem: { [0x1fd000]: FF, [0x1fe000]: FF, [0x1ff010]: FF }, want: { gr: { 2: 0x200000n }, mem: { [0x1fd000]: FF, [0x1fe000]: ZEROS, [0x1ff010]: ZEROS }, skeys: { [0x1fd000]: 0, [0x1fe000]: 0x60, [0x1ff000]: 0x60 } } },
  { name: '1M in the 31-bit mode: R2 bits 32-63 set to the next frame, bits 0-31 kept', asm: 'pfmf %r1,%r2', code: 'b9af0012', amode: 31, gr: { 1: SK | FSC_1M | 0x10n, 2: 0xabcdef01001ff000n }, want: { amode: 31, gr: { 2: 0xabcdef0100200000n }, skeys: { [0x1ff000]: 0x10 } } },
  { name: '1M beyond storage: addressing, R2 at the block', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: CF | FSC_1M, 2: 0x3ff000n }, want: { pgm: { code: 5 } } },
  { name: 'clear frame at real 4096 with low-address protection: protection', asm: 'pfmf %r1,%r2', code: 'b9af0012', cr: { 0: LAP_CR0 }, gr: { 1: CF, 2: 0x1000n }, mem: { [0x1000]: FF }, want: { pgm: { code: 4 }, mem: { [0x1000]: FF } } },
  { name: 'set key only at real 0 with low-address protection: no store, allowed', asm: 'pfmf %r1,%r2', code: 'b9af0012', cr: { 0: LAP_CR0 }, gr: { 1: SK | 0x20n, 2: 0n }, want: { skeys: { 0: 0x20 } } },
  { name: 'reserved bit 55: specification', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: SK | 0x100n, 2: D }, want: { pgm: { code: 6 } } },
  { name: 'reserved bit 45: specification', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: 0x40000n, 2: D }, want: { pgm: { code: 6 } } },
  { name: 'frame-size code 2 (2G, EDAT-2 not installed): specification', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: 0x2000n, 2: D }, want: { pgm: { code: 6 } } },
  { name: 'nonquiescing bit without facility 14: specification', asm: 'pfmf %r1,%r2', code: 'b9af0012', gr: { 1: SK | 0x800n, 2: D }, want: { pgm: { code: 6 } } },
  { name: 'SSKE multiple-block: every block to the 1M frame end, R2 bits 0-51 at the next frame', asm: 'sske %r1,%r2,1', code: 'b22b1012', gr: { 1: 0x30n, 2: 0x1fe123n }, want: { gr: { 2: 0x200123n }, skeys: { [0x1fd000]: 0, [0x1fe000]: 0x30, [0x1ff000]: 0x30 } } },
  { name: 'SSKE multiple-block in the 31-bit mode: R2 bits 32-51 replaced, 0-31 and 52-63 kept', asm: 'sske %r1,%r2,1', code: 'b22b1012', amode: 31, gr: { 1: 0x50n, 2: 0xabcdef01001ff456n }, want: { amode: 31, gr: { 2: 0xabcdef0100200456n }, skeys: { [0x1fe000]: 0, [0x1ff000]: 0x50 } } },
  { name: 'SSKE without the multiple-block bit: one block, R2 unchanged', asm: 'sske %r1,%r2', code: 'b22b0012', gr: { 1: 0x30n, 2: 0x1fe123n }, want: { skeys: { [0x1fe000]: 0x30, [0x1ff000]: 0 } } },
  { name: 'problem state: privileged operation', asm: 'pfmf %r1,%r2', code: 'b9af0012', problem: true, gr: { 1: SK, 2: D }, want: { pgm: { code: 2 } } },
]

runGroup('PERFORM FRAME MANAGEMENT FUNCTION', CASES)
