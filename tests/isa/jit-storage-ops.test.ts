// Storage-to-storage and multiple-register templates (MVC, XC, NC, OC, CLC, LMG, STMG: jit/codegen.ts) run in JS
// when both operands sit inside one page each and in the translated-code TLB, through the interpreter's handler
// otherwise. Each loop first touches its operand pages with templated loads and stores (so the TLB holds them and the
// fast path runs), then runs the operation and IPM; the result must be the interpreter's in every slice: overlapping
// moves that replicate, XC of an operand with itself, page-crossing operands, compares equal and unequal.
import { describe, it } from 'vitest'
import { CODE, DATA, LPSWE_END, compare } from './jit-run.ts'

/**
 * L: ic r0,0(r2); stc r0,0(r2); llc r0,0(r3); <op>; ipm r8; la r2,7(r2); la r3,3(r3); bctr r7,r12 (r12 = L);
 * j .+4; lpswe. The computed branch ends the block, so each pass enters it afresh (with the TLB entries the previous
 * pass made); the operands move on each pass, so no pass repeats the previous one's work.
 */
function loop(op: string): string {
  return '43002000' + '42002000' + 'e30030000094' + op + 'b2220080' + '41202007' + '41303003' + '067c' + 'a7f40002' + LPSWE_END
}
const ss = (opc: number, len: number): string => opc.toString(16) + (len - 1).toString(16).padStart(2, '0') + '2000' + '3000'

const CASES: Array<[string, string, number, number]> = [
  ['MVC 256 bytes apart', ss(0xd2, 256), DATA + 0x100, DATA + 0x800],
  ['MVC one byte ahead of its source (replicates)', ss(0xd2, 100), DATA + 0x101, DATA + 0x100],
  ['MVC four bytes behind its source', ss(0xd2, 200), DATA + 0x100, DATA + 0x104],
  ['MVC across a page boundary (interpreter)', ss(0xd2, 64), DATA + 0xff0, DATA + 0x200],
  ['XC of an operand with itself', 'd7ff20002000', DATA + 0x300, DATA + 0x300],
  ['XC of two operands', ss(0xd7, 77), DATA + 0x100, DATA + 0x900],
  ['NC', ss(0xd4, 33), DATA + 0x100, DATA + 0x900],
  ['OC', ss(0xd6, 33), DATA + 0x100, DATA + 0x900],
  ['CLC equal', ss(0xd5, 40), DATA + 0x500, DATA + 0x500],
  ['CLC unequal', ss(0xd5, 40), DATA + 0x500, DATA + 0x510],
  ['LMG r9-r11', 'eb9b30000004', DATA + 0x100, DATA + 0x208],
  ['LMG across a page boundary (interpreter)', 'eb9b30000004', DATA + 0x100, DATA + 0xff0],
  ['STMG r9-r11', 'eb9b20000024', DATA + 0x100, DATA + 0x208],
  ['STMG r14-r3 wrapping the register numbers', 'ebe320000024', DATA + 0x400, DATA + 0x208],
]

describe('JIT storage-to-storage and multiple-register templates match the interpreter', () => {
  it.each(CASES)('%s', (_name, op, d, s) => {
    for (const slice of [5, 1000]) compare({ code: loop(op), gr: { 2: d, 3: s, 7: 4, 9: 0x11111111, 11: -5, 12: CODE } }, slice)
  }, 30_000)
})
