// LOAD CONTROL / STORE CONTROL (POP ch. 10) with an operand that crosses a page boundary: access exceptions for the
// whole operand are recognized before any control register is loaded or any byte stored (a page-translation
// exception nullifies the instruction, POP ch. 5 "Types of Instruction Ending"; no partial completion is permitted
// for these instructions), and the operand wraps at the top of the addressing mode like any storage operand.
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const PSW_DAT = 0x04000000
/** Segment table at 0x40000, page table at 0x41000: the code page identity, DATA -> frame 0x50000, DATA+4K invalid. */
const TABLES = { 0x40000: '0000000000041000', 0x41080: '0000000000010000', 0x41100: '0000000000050000', 0x41108: '0000000000000400' }
const DAT = { mask: PSW_DAT, cr: { 1: 0x40000n } }
const B = { 3: BigInt(DATA + 0xfe0) }
const ONES = '1111111111111111 2222222222222222 3333333333333333 4444444444444444'
const CRS = { 1: 0x40000n, 2: 0x0202020202020202n, 3: 0x0303030303030303n, 4: 0x0404040404040404n, 5: 0x0505050505050505n }
const PAGE_FAULT = { code: 0x11 }

const CASES: Case[] = [
  {
    name: 'LCTLG CR2-CR9, second page invalid: page-translation exception, no control register loaded',
    asm: 'lctlg %c2,%c9,0(%r3)',
    code: 'eb293000002f',
    ...DAT,
    gr: B,
    mem: { ...TABLES, 0x50fe0: ONES },
    want: { pgm: PAGE_FAULT, ia: CODE, cr: { 1: 0x40000n }, pswHi: PSW_DAT | 1 },
  },
  {
    name: 'LCTL CR2-CR9, second page invalid: page-translation exception, no control register loaded',
    asm: 'lctl %c2,%c9,16(%r3)',
    code: 'b7293010',
    ...DAT,
    gr: B,
    mem: { ...TABLES, 0x50ff0: '11111111 22222222 33333333 44444444' },
    want: { pgm: PAGE_FAULT, ia: CODE, cr: { 1: 0x40000n }, pswHi: PSW_DAT | 1 },
  },
  {
    name: 'STCTG CR2-CR9, second page invalid: page-translation exception, nothing stored in the first page',
    asm: 'stctg %c2,%c9,0(%r3)',
    code: 'eb2930000025',
    mask: PSW_DAT,
    cr: CRS,
    gr: B,
    mem: TABLES,
    want: { pgm: PAGE_FAULT, ia: CODE, cr: CRS, mem: { 0x50fe0: '00'.repeat(32) }, pswHi: PSW_DAT | 1 },
  },
  {
    name: 'STCTL CR2-CR9, second page invalid: page-translation exception, nothing stored in the first page',
    asm: 'stctl %c2,%c9,16(%r3)',
    code: 'b6293010',
    mask: PSW_DAT,
    cr: CRS,
    gr: B,
    mem: TABLES,
    want: { pgm: PAGE_FAULT, ia: CODE, cr: CRS, mem: { 0x50ff0: '00'.repeat(16) }, pswHi: PSW_DAT | 1 },
  },
  {
    name: 'LCTLG across a valid page boundary loads every register',
    asm: 'lctlg %c2,%c5,0(%r3)',
    code: 'eb253000002f',
    ...DAT,
    gr: { 3: BigInt(DATA + 0xff0) },
    mem: { ...TABLES, 0x41108: '0000000000051000', 0x50ff0: '1111111111111111 2222222222222222', 0x51000: '3333333333333333 4444444444444444' },
    want: { cr: { 1: 0x40000n, 2: 0x1111111111111111n, 3: 0x2222222222222222n, 4: 0x3333333333333333n, 5: 0x4444444444444444n }, pswHi: PSW_DAT | 1 },
  },
  {
    name: '24-bit mode: LCTLG operand at 0xfffff8 continues at 0',
    asm: 'lctlg %c2,%c3,0(%r3)',
    code: 'eb233000002f',
    amode: 24,
    memMiB: 16,
    gr: { 3: 0xfffff8n },
    mem: { 0xfffff8: '1111111111111111', 0: '2222222222222222' },
    want: { cr: { 2: 0x1111111111111111n, 3: 0x2222222222222222n } },
  },
  {
    name: '24-bit mode: STCTL operand at 0xfffffc continues at 0',
    asm: 'stctl %c2,%c3,0(%r3)',
    code: 'b6233000',
    amode: 24,
    memMiB: 16,
    cr: { 2: 0xaaaaaaaan, 3: 0xbbbbbbbbn },
    gr: { 3: 0xfffffcn },
    want: { cr: { 2: 0xaaaaaaaan, 3: 0xbbbbbbbbn }, mem: { 0xfffffc: 'aaaaaaaa', 0: 'bbbbbbbb' } },
  },
]

runGroup('control-register operands across pages and the address wrap', CASES)
