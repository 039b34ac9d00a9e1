// PER zero-address detection (POP ch. 4 "Program-Event Recording"; CR9 bit 37, PER code bit 5): an instruction whose
// storage-operand address is formed from a register holding zero (the base register, an index register used alone,
// or base + index; for register-designated operands the address register of an operand with a nonzero length)
// completes and is followed by a PER interruption (code 0x80, PER code 0x04, ATMID, PER address = the instruction).
// LOAD ADDRESS forms no operand address; a zero-length MVCL operand is not accessed. Expected by hand.
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
const PER_ON = 0x40000000
const CR9_ZAD = { 9: 0x04000000n }
/** PER code 0x04 and ATMID 0xe0 (validity, PSW bits 31 and 32: the 64-bit mode) at 0x96, the PER address at 0x98. */
const EVENT = { 0x96: '04e0', 0x98: CODE.toString(16).padStart(16, '0') }
const ZAD = { code: 0x80 }

const CASES: Case[] = [
  { name: 'base register zero: event after the load', asm: 'l %r0,0(%r1)', code: '58001000', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 7n }, want: { pgm: ZAD, gr: { 0: 0n }, mem: EVENT } },
  { name: 'base register nonzero: no event', asm: 'l %r0,0(%r1)', code: '58001000', mask: PER_ON, cr: CR9_ZAD, gr: { 1: D }, mem: { [DATA]: '12345678' }, want: { gr: { 0: 0x12345678n } } },
  { name: 'LOAD ADDRESS with a zero base: no storage operand, no event', asm: 'la %r0,0(%r1)', code: '41001000', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 7n }, want: { gr: { 0: 0n } } },
  { name: 'index register alone zero: event', asm: 'l %r0,0(%r2,0)', code: '58020000', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 7n }, want: { pgm: ZAD, gr: { 0: 0n }, mem: EVENT } },
  { name: 'zero index with a nonzero base: no event', asm: 'l %r0,0(%r2,%r1)', code: '58021000', mask: PER_ON, cr: CR9_ZAD, gr: { 1: D }, mem: { [DATA]: '00000009' }, want: { gr: { 0: 9n } } },
  { name: 'base + index zero (64-bit sum): event', asm: 'l %r0,0(%r2,%r1)', code: '58021000', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 7n, 1: D, 2: -D }, want: { pgm: ZAD, gr: { 0: 0n }, mem: EVENT } },
  { name: '31-bit mode: bits 32-63 of the base zero: event', asm: 'l %r0,0(%r1)', code: '58001000', amode: 31, mask: PER_ON, cr: CR9_ZAD, gr: { 0: 7n, 1: 0xffffffff00000000n }, want: { amode: 31, pgm: ZAD, gr: { 0: 0n }, mem: { 0x96: '0460', 0x98: CODE.toString(16).padStart(16, '0') } } },
  { name: 'MVCL second-operand address zero with a nonzero length: event', asm: 'mvcl %r2,%r4', code: '0e24', mask: PER_ON, cr: CR9_ZAD, gr: { 2: D, 3: 1n, 4: 0n, 5: 1n }, want: { pgm: ZAD, cc: 0, gr: { 2: D + 1n, 3: 0n, 4: 1n, 5: 0n }, mem: EVENT } },
  { name: 'MVCL first-operand address zero, length zero in bits 40-63: no event', asm: 'mvcl %r2,%r4', code: '0e24', mask: PER_ON, cr: CR9_ZAD, gr: { 2: 0n, 3: 0xff000000n, 4: D, 5: 0n }, want: { cc: 0 } },
  { name: 'CMPSC with the dictionary at 0 (GR1 zero): the symbol completes, then the event', asm: 'cmpsc %r2,%r4', code: 'b2630024', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 0x1000n, 1: 0n, 2: D, 3: 16n, 4: D + 0x100n, 5: 1n }, mem: { [DATA + 0x100]: '78' }, want: { pgm: ZAD, cc: 0, gr: { 1: 1n, 2: D + 1n, 3: 15n, 4: D + 0x101n, 5: 0n }, mem: { ...EVENT, [DATA]: '3c' } } },
  { name: 'CMPSC with a zero second-operand length and the dictionary elsewhere: no event', asm: 'cmpsc %r2,%r4', code: 'b2630024', mask: PER_ON, cr: CR9_ZAD, gr: { 0: 0x1000n, 1: 0x40000n, 2: D, 3: 16n, 4: 0n, 5: 0n }, want: { cc: 0 } },
  { name: 'zero-address detection off in CR9: no event', asm: 'l %r0,0(%r1)', code: '58001000', mask: PER_ON, cr: { 9: 0x20000000n, 10: 0xffffffffffff0000n, 11: 0xffffffffffff0000n }, gr: { 0: 7n }, want: { gr: { 0: 0n } } },
]

runGroup('PER zero-address detection', CASES)
