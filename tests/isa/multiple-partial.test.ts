// Load/store multiple and storage-to-storage instructions whose operand crosses into an invalid page: the
// page-translation exception nullifies the instruction (POP ch. 5 "Types of Instruction Ending"; none of these
// permits partial completion; for TR and EDIT the POP describes a trial execution), so no register is loaded and
// nothing is stored in the first page. LM, LMY, LMH, TR, MVN, MVZ, PACK and UNPK changed the first page's part
// before the exception; the others are here so that none starts to.
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const PSW_DAT = 0x04000000
/** Segment table at 0x40000: code identity, DATA -> 0x50000, DATA+4K invalid, 0x30000 -> 0x60000. */
const TABLES = { 0x40000: '0000000000041000', 0x41080: '0000000000010000', 0x41100: '0000000000050000', 0x41108: '0000000000000400', 0x41180: '0000000000060000' }
const DAT = { mask: PSW_DAT, cr: { 1: 0x40000n } }
const G = { 3: BigInt(DATA + 0xfe0), 4: 0x30000n }
/** PACK/UNPK store right to left: their first operand starts in the invalid page and ends in DATA+8K (frame 0x70000). */
const P = { ...G, 3: BigInt(DATA + 0x1ff8) }
/** MVCL/MVCLE: 32 bytes from 0x30000 (frame 0x60000) to DATA+0xff0, whose second half is in the invalid page. */
const L = { 2: BigInt(DATA + 0xff0), 3: 32n, 4: 0x30000n, 5: 32n }
/** A translation table: byte b becomes b + 1. */
const PLUS1 = Array.from({ length: 256 }, (_, b) => ((b + 1) & 255).toString(16).padStart(2, '0')).join('')
const W = { pgm: { code: 0x11 }, ia: CODE, pswHi: PSW_DAT | 1 }
const ONES = '11'.repeat(64)
const CASES: Case[] = [
  { name: 'LMG: page-translation exception, nothing changed', asm: 'lmg %r6,%r13,0(%r3)', code: 'eb6d30000004', ...DAT, gr: G, mem: { ...TABLES, 0x50fe0: ONES }, want: { ...W, gr: G } },
  { name: 'LMY: page-translation exception, nothing changed', asm: 'lmy %r6,%r13,16(%r3)', code: 'eb6d30100098', ...DAT, gr: G, mem: { ...TABLES, 0x50ff0: ONES }, want: { ...W, gr: G } },
  { name: 'LMH: page-translation exception, nothing changed', asm: 'lmh %r6,%r13,16(%r3)', code: 'eb6d30100096', ...DAT, gr: G, mem: { ...TABLES, 0x50ff0: ONES }, want: { ...W, gr: G } },
  { name: 'LM: page-translation exception, nothing changed', asm: 'lm %r6,%r13,16(%r3)', code: '986d3010', ...DAT, gr: G, mem: { ...TABLES, 0x50ff0: ONES }, want: { ...W, gr: G } },
  { name: 'STMG: page-translation exception, nothing changed', asm: 'stmg %r6,%r13,0(%r3)', code: 'eb6d30000024', ...DAT, gr: { ...G, 6: 5n, 7: 5n }, mem: TABLES, want: { ...W, gr: { ...G, 6: 5n, 7: 5n }, mem: { 0x50fe0: '00'.repeat(32) } } },
  { name: 'STM: page-translation exception, nothing changed', asm: 'stm %r6,%r13,16(%r3)', code: '906d3010', ...DAT, gr: { ...G, 6: 5n, 7: 5n }, mem: TABLES, want: { ...W, gr: { ...G, 6: 5n, 7: 5n }, mem: { 0x50ff0: '00'.repeat(16) } } },
  { name: 'MVC: page-translation exception, nothing changed', asm: 'mvc 0(64,%r3),0(%r4)', code: 'd23f30004000', ...DAT, gr: G, mem: { ...TABLES, 0x60000: ONES }, want: { ...W, gr: G, mem: { 0x50fe0: '00'.repeat(32) } } },
  { name: 'LAM: page-translation exception, nothing changed', asm: 'lam %a6,%a13,16(%r3)', code: '9a6d3010', ...DAT, gr: G, mem: { ...TABLES, 0x50ff0: ONES }, want: { ...W, gr: G, ar: {} } },
  { name: 'STAM: page-translation exception, nothing changed', asm: 'stam %a6,%a13,16(%r3)', code: '9b6d3010', ...DAT, gr: G, ar: { 6: 5, 7: 5 }, mem: TABLES, want: { ...W, gr: G, ar: { 6: 5, 7: 5 }, mem: { 0x50ff0: '00'.repeat(16) } } },
  { name: 'XC: page-translation exception, nothing changed', asm: 'xc 0(64,%r3),0(%r4)', code: 'd73f30004000', ...DAT, gr: G, mem: { ...TABLES, 0x60000: ONES }, want: { ...W, gr: G, mem: { 0x50fe0: '00'.repeat(32) } } },
  { name: 'TR, first operand across: page-translation exception, nothing translated', asm: 'tr 0(64,%r3),0(%r4)', code: 'dc3f30004000', ...DAT, gr: G, mem: { ...TABLES, 0x50fe0: ONES, 0x60011: 'ff' }, want: { ...W, gr: G, mem: { 0x50fe0: '11'.repeat(32) } } },
  { name: 'TR, a table byte in the invalid page: page-translation exception, nothing translated', asm: 'tr 0(8,%r4),0(%r3)', code: 'dc0740003000', ...DAT, gr: G, mem: { ...TABLES, 0x50fe0: '0022', 0x60000: '01010101010101ff' }, want: { ...W, gr: G, mem: { 0x60000: '01010101010101ff' } } },
  { name: 'MVN: page-translation exception, nothing moved', asm: 'mvn 0(64,%r3),0(%r4)', code: 'd13f30004000', ...DAT, gr: G, mem: { ...TABLES, 0x60000: ONES }, want: { ...W, gr: G, mem: { 0x50fe0: '00'.repeat(32) } } },
  { name: 'MVZ: page-translation exception, nothing moved', asm: 'mvz 0(64,%r3),0(%r4)', code: 'd33f30004000', ...DAT, gr: G, mem: { ...TABLES, 0x60000: ONES }, want: { ...W, gr: G, mem: { 0x50fe0: '00'.repeat(32) } } },
  { name: 'PACK: page-translation exception, nothing stored', asm: 'pack 0(16,%r3),0(16,%r4)', code: 'f2ff30004000', ...DAT, gr: P, mem: { ...TABLES, 0x41110: '0000000000070000', 0x60000: ONES }, want: { ...W, gr: P, mem: { 0x70000: '00'.repeat(8) } } },
  { name: 'UNPK: page-translation exception, nothing stored', asm: 'unpk 0(16,%r3),0(8,%r4)', code: 'f3f730004000', ...DAT, gr: P, mem: { ...TABLES, 0x41110: '0000000000070000', 0x60000: ONES }, want: { ...W, gr: P, mem: { 0x70000: '00'.repeat(8) } } },
  // Interruptible MVCL: the registers show the bytes moved before the exception (it resumes there). The instructions
  // that end after a CPU-determined amount (MVCLE, MVCLU, MVST, TRE, TROO..., CU21...) end with CC 3 before the inaccessible byte instead:
  // the exception comes when they run again without progress (TRE translated the first page twice before).
  { name: 'MVCL: page-translation exception, registers at the point of interruption', asm: 'mvcl %r2,%r4', code: '0e24', ...DAT, gr: L, mem: { ...TABLES, 0x60000: ONES }, want: { ...W, gr: { ...L, 2: 0x21000n, 3: 16n, 4: 0x30010n, 5: 16n }, mem: { 0x50ff0: '11'.repeat(16) } } },
  { name: 'MVCLE: CC 3 at the invalid page, registers and bytes agree', asm: 'mvcle %r2,%r4,0', code: 'a8240000', ...DAT, gr: L, mem: { ...TABLES, 0x60000: ONES }, want: { cc: 3, gr: { ...L, 2: 0x21000n, 3: 16n, 4: 0x30010n, 5: 16n }, mem: { 0x50ff0: '11'.repeat(16) } } },
  { name: 'TRE: CC 3 at the invalid page, each byte translated once', asm: 'tre %r2,%r4', code: 'b2a50024', ...DAT, gr: { 0: 0xffn, 2: BigInt(DATA + 0xffc), 3: 8n, 4: 0x30000n }, mem: { ...TABLES, 0x60000: PLUS1, 0x50ffc: '01020304' }, want: { cc: 3, gr: { 0: 0xffn, 2: 0x21000n, 3: 4n, 4: 0x30000n }, mem: { 0x50ffc: '02030405' } } },
  { name: 'TROO: CC 3 at the invalid page, registers and bytes agree', asm: 'troo %r2,%r4', code: 'b9930024', ...DAT, gr: { 0: 0xffn, 1: 0x30000n, 2: BigInt(DATA + 0xffc), 3: 8n, 4: 0x30100n }, mem: { ...TABLES, 0x60000: PLUS1, 0x60100: '0102030405060708' }, want: { cc: 3, gr: { 0: 0xffn, 1: 0x30000n, 2: 0x21000n, 3: 4n, 4: 0x30104n }, mem: { 0x50ffc: '02030405' } } },
  { name: 'CU21: CC 3 at the invalid page, registers and characters agree', asm: 'cu21 %r2,%r4', code: 'b2a60024', ...DAT, gr: { 2: BigInt(DATA + 0xffc), 3: 8n, 4: 0x30000n, 5: 16n }, mem: { ...TABLES, 0x60000: '00410042004300440045004600470048' }, want: { cc: 3, gr: { 2: 0x21000n, 3: 4n, 4: 0x30008n, 5: 8n }, mem: { 0x50ffc: '41424344' } } },
  { name: 'MVCLU: CC 3 at the invalid page, registers and bytes agree', asm: 'mvclu %r2,%r4,0', code: 'eb240000008e', ...DAT, gr: { 2: BigInt(DATA + 0xff8), 3: 16n, 4: 0x30000n, 5: 16n }, mem: { ...TABLES, 0x60000: ONES }, want: { cc: 3, gr: { 2: 0x21000n, 3: 8n, 4: 0x30008n, 5: 8n }, mem: { 0x50ff8: '11'.repeat(8) } } },
  { name: 'MVST: CC 3 at the invalid page, registers and bytes agree', asm: 'mvst %r2,%r4', code: 'b2550024', ...DAT, gr: { 0: 0n, 2: BigInt(DATA + 0xffc), 4: 0x30000n }, mem: { ...TABLES, 0x60000: ONES }, want: { cc: 3, gr: { 0: 0n, 2: 0x21000n, 4: 0x30004n }, mem: { 0x50ffc: '11111111' } } },
]
runGroup('multiple-register and SS operands across an invalid page', CASES)
