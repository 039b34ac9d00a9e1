// POP ch. 7, the translation, Unicode and ASCII/Unicode decimal instructions of the extended-translation facilities
// 1-3 (and their enhancements): TRE; TROO/TROT/TRTO/TRTT (source length in R1+1, table at GR1, test character in GR0,
// M3 bit 3 turns the test off); CUSE (substring length GR0, pad GR1); SRSTU; CU12/CU14/CU21/CU24/CU41/CU42 (CC 0
// source ended, 1 first operand full, 2 invalid character, M3 bit 3 well-formedness checking); MVCLU/CLCLU (two-byte
// units and pad, even lengths); PKA/PKU (31 digits + plus sign, lengths 32 / 64 even); UNPKA/UNPKU (CC from the
// sign: 0 plus, 1 minus, 3 invalid). Expected values worked out by hand from the POP's definitions.
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
const TBL = DATA + 0x100
const T = BigInt(TBL)
const B = { 10: D }
/** One-byte table entries 41 -> 61, 42 -> 62; two-byte entries 41 -> 0061, 42 -> 0062. */
const TAB1 = { [TBL + 0x41]: '6162' }
const TAB2 = { [TBL + 0x82]: '00610062' }

const CASES: Case[] = [
  // ---- TRANSLATE EXTENDED ----
  { name: 'translates to the end: CC 0', asm: 'tre %r2,%r4', code: 'b2a50024', gr: { 0: 0xffn, 2: D, 3: 2n, 4: T }, mem: { [DATA]: '4142', ...TAB1 }, want: { cc: 0, mem: { [DATA]: '616200' }, gr: { 2: D + 2n, 3: 0n } } },
  { name: 'stops at the test byte: CC 1, R1 at it', asm: 'tre %r2,%r4', code: 'b2a50024', gr: { 0: 0x42n, 2: D, 3: 3n, 4: T }, mem: { [DATA]: '414243', ...TAB1 }, want: { cc: 1, mem: { [DATA]: '614243' }, gr: { 2: D + 1n, 3: 2n } } },
  { name: 'odd R1: specification', asm: '.insn rre,0xb2a50000,%r3,%r4', code: 'b2a50034', gr: { 4: T }, want: { pgm: { code: 6 } } },
  // ---- TRANSLATE ONE/TWO TO ONE/TWO ----
  { name: 'TROO to the end', asm: 'troo %r2,%r4', code: 'b9930024', gr: { 0: 0xffn, 1: T, 2: D, 3: 2n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '4142', ...TAB1 }, want: { cc: 0, mem: { [DATA]: '616200' }, gr: { 2: D + 2n, 3: 0n, 4: D + 0x12n } } },
  { name: 'TROO stops at the test character', asm: 'troo %r2,%r4', code: 'b9930024', gr: { 0: 0x62n, 1: T, 2: D, 3: 2n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '4142', ...TAB1 }, want: { cc: 1, mem: { [DATA]: '6100' }, gr: { 2: D + 1n, 3: 1n, 4: D + 0x11n } } },
  { name: 'TROO with M3 bit 3: no test', asm: 'troo %r2,%r4,1', code: 'b9931024', gr: { 0: 0x62n, 1: T, 2: D, 3: 2n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '4142', ...TAB1 }, want: { cc: 0, mem: { [DATA]: '616200' }, gr: { 2: D + 2n, 3: 0n, 4: D + 0x12n } } },
  { name: 'TROT: two-byte results, R1+1 counts source bytes', asm: 'trot %r2,%r4', code: 'b9920024', gr: { 0: 0xffffn, 1: T, 2: D, 3: 2n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '4142', ...TAB2 }, want: { cc: 0, mem: { [DATA]: '0061006200' }, gr: { 2: D + 4n, 3: 0n, 4: D + 0x12n } } },
  { name: 'TRTO: two-byte source', asm: 'trto %r2,%r4', code: 'b9910024', gr: { 0: 0xffn, 1: T, 2: D, 3: 4n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '00410042', ...TAB1 }, want: { cc: 0, mem: { [DATA]: '616200' }, gr: { 2: D + 2n, 3: 0n, 4: D + 0x14n } } },
  { name: 'TRTO odd length: specification', asm: 'trto %r2,%r4', code: 'b9910024', gr: { 1: T, 2: D, 3: 3n, 4: D + 0x10n }, want: { pgm: { code: 6 } } },
  { name: 'TRTT', asm: 'trtt %r2,%r4', code: 'b9900024', gr: { 0: 0xffffn, 1: T, 2: D, 3: 4n, 4: D + 0x10n }, mem: { [DATA + 0x10]: '00410042', ...TAB2 }, want: { cc: 0, mem: { [DATA]: '0061006200' }, gr: { 2: D + 4n, 3: 0n, 4: D + 0x14n } } },
  // ---- TRANSLATE AND TEST (REVERSE) EXTENDED: table at GR1, function code to R2 ----
  { name: 'TRTE: first nonzero function code: CC 1, R1 at the argument, code in R2', asm: 'trte %r2,%r6', code: 'b9bf0026', gr: { 1: T, 2: D, 3: 3n, 6: 0xffffffffffffffffn }, mem: { [DATA]: '404142', [TBL + 0x41]: '07' }, want: { cc: 1, gr: { 2: D + 1n, 3: 2n, 6: 7n } } },
  { name: 'TRTE: all function codes zero: CC 0, R1 at the end', asm: 'trte %r2,%r6', code: 'b9bf0026', gr: { 1: T, 2: D, 3: 2n }, mem: { [DATA]: '4040' }, want: { cc: 0, gr: { 2: D + 2n, 3: 0n } } },
  { name: 'TRTE two-byte arguments and codes (A, F)', asm: 'trte %r2,%r6,12', code: 'b9bfc026', gr: { 1: T, 2: D, 3: 4n }, mem: { [DATA]: '00400041', [TBL + 0x82]: '0123' }, want: { cc: 1, gr: { 2: D + 2n, 3: 2n, 6: 0x123n } } },
  { name: 'TRTE two-byte arguments above 255 with L: code 0, no table access', asm: 'trte %r2,%r6,10', code: 'b9bfa026', gr: { 1: T, 2: D, 3: 2n }, mem: { [DATA]: '0141', [TBL + 0x41]: '09' }, want: { cc: 0, gr: { 2: D + 2n, 3: 0n } } },
  { name: 'TRTE A with an odd length: specification', asm: 'trte %r2,%r6,8', code: 'b9bf8026', gr: { 1: T, 2: D, 3: 3n }, want: { pgm: { code: 6 } } },
  { name: 'TRTRE: from the right, R1 at the rightmost argument', asm: 'trtre %r2,%r6', code: 'b9bd0026', gr: { 1: T, 2: D + 2n, 3: 3n }, mem: { [DATA]: '414040', [TBL + 0x41]: '05' }, want: { cc: 1, gr: { 2: D, 3: 1n, 6: 5n } } },
  // ---- COMPARE UNTIL SUBSTRING EQUAL ----
  { name: 'substring found: CC 0, registers at it', asm: 'cuse %r2,%r4', code: 'b2570024', gr: { 0: 2n, 1: 0x40n, 2: D, 3: 4n, 4: D + 0x10n, 5: 4n }, mem: { [DATA]: 'a1a2b3b4', [DATA + 0x10]: 'c1a2b3c4' }, want: { cc: 0, gr: { 2: D + 1n, 3: 3n, 4: D + 0x11n, 5: 3n } } },
  { name: 'ends inside an equal, too short substring: CC 1', asm: 'cuse %r2,%r4', code: 'b2570024', gr: { 0: 4n, 1: 0x40n, 2: D, 3: 4n, 4: D + 0x10n, 5: 4n }, mem: { [DATA]: 'a1a2b3b4', [DATA + 0x10]: 'c1a2b3b4' }, want: { cc: 1, gr: { 2: D + 1n, 3: 3n, 4: D + 0x11n, 5: 3n } } },
  { name: 'ends unequal: CC 2, registers at the ends', asm: 'cuse %r2,%r4', code: 'b2570024', gr: { 0: 3n, 1: 0x40n, 2: D, 3: 4n, 4: D + 0x10n, 5: 4n }, mem: { [DATA]: 'a1a2b3b4', [DATA + 0x10]: 'c1a2b3c4' }, want: { cc: 2, gr: { 2: D + 4n, 3: 0n, 4: D + 0x14n, 5: 0n } } },
  { name: 'shorter operand padded', asm: 'cuse %r2,%r4', code: 'b2570024', gr: { 0: 2n, 1: 0x40n, 2: D, 3: 3n, 4: D + 0x10n, 5: 1n }, mem: { [DATA]: 'c14040', [DATA + 0x10]: 'c1' }, want: { cc: 0, gr: { 2: D, 3: 3n, 4: D + 0x10n, 5: 1n } } },
  { name: 'substring length 0: CC 0, nothing changes', asm: 'cuse %r2,%r4', code: 'b2570024', cc: 3, gr: { 2: D, 3: 4n, 4: D + 0x10n, 5: 4n }, want: { cc: 0 } },
  { name: 'odd R2: specification', asm: '.insn rre,0xb2570000,%r2,%r5', code: 'b2570025', want: { pgm: { code: 6 } } },
  // ---- SEARCH STRING UNICODE ----
  { name: 'found: CC 1, R1 at the character', asm: 'srstu %r2,%r4', code: 'b9be0024', gr: { 0: 0x43n, 2: D + 8n, 4: D }, mem: { [DATA]: '0041004200430044' }, want: { cc: 1, gr: { 2: D + 4n } } },
  { name: 'not found: CC 2, registers unchanged', asm: 'srstu %r2,%r4', code: 'b9be0024', gr: { 0: 0x5an, 2: D + 8n, 4: D }, mem: { [DATA]: '0041004200430044' }, want: { cc: 2 } },
  { name: 'GR0 bits 32-47 not zero: specification', asm: 'srstu %r2,%r4', code: 'b9be0024', gr: { 0: 0x10043n, 2: D + 8n, 4: D }, want: { pgm: { code: 6 } } },
  // ---- CONVERT UTF ----
  { name: 'CU12: 1-, 2- and 3-byte UTF-8 to UTF-16', asm: 'cu12 %r2,%r4', code: 'b2a70024', gr: { 2: D, 3: 16n, 4: D + 0x20n, 5: 6n }, mem: { [DATA + 0x20]: '41c3a9e282ac' }, want: { cc: 0, mem: { [DATA]: '004100e920ac00' }, gr: { 2: D + 6n, 3: 10n, 4: D + 0x26n, 5: 0n } } },
  { name: 'CU12: 4-byte UTF-8 to a surrogate pair', asm: 'cu12 %r2,%r4', code: 'b2a70024', gr: { 2: D, 3: 4n, 4: D + 0x20n, 5: 4n }, mem: { [DATA + 0x20]: 'f09f9880' }, want: { cc: 0, mem: { [DATA]: 'd83dde00' }, gr: { 2: D + 4n, 3: 0n, 4: D + 0x24n, 5: 0n } } },
  { name: 'CU12: first operand full: CC 1', asm: 'cu12 %r2,%r4', code: 'b2a70024', gr: { 2: D, 3: 3n, 4: D + 0x20n, 5: 3n }, mem: { [DATA + 0x20]: '41c3a9' }, want: { cc: 1, mem: { [DATA]: '004100' }, gr: { 2: D + 2n, 3: 1n, 4: D + 0x21n, 5: 2n } } },
  { name: 'CU12: source ends inside a character: CC 0, nothing converted', asm: 'cu12 %r2,%r4', code: 'b2a70024', cc: 3, gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 2n }, mem: { [DATA + 0x20]: 'e282' }, want: { cc: 0 } },
  { name: 'CU12 well-formedness: C0 80 is invalid: CC 2', asm: 'cu12 %r2,%r4,1', code: 'b2a71024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 2n }, mem: { [DATA + 0x20]: 'c080' }, want: { cc: 2 } },
  { name: 'CU12 odd R2: specification', asm: '.insn rrf,0xb2a70000,%r2,%r5,0,0', code: 'b2a70025', want: { pgm: { code: 6 } } },
  { name: 'CU21: UTF-16 with a surrogate pair to UTF-8', asm: 'cu21 %r2,%r4', code: 'b2a60024', gr: { 2: D, 3: 16n, 4: D + 0x20n, 5: 10n }, mem: { [DATA + 0x20]: '004100e920acd83dde00' }, want: { cc: 0, mem: { [DATA]: '41c3a9e282acf09f988000' }, gr: { 2: D + 10n, 3: 6n, 4: D + 0x2an, 5: 0n } } },
  { name: 'CU21 well-formedness: a lone low surrogate: CC 2', asm: 'cu21 %r2,%r4,1', code: 'b2a61024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 2n }, mem: { [DATA + 0x20]: 'dc00' }, want: { cc: 2 } },
  { name: 'CU14: UTF-8 to UTF-32', asm: 'cu14 %r2,%r4', code: 'b9b00024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 6n }, mem: { [DATA + 0x20]: 'f09f9880c3a9' }, want: { cc: 0, mem: { [DATA]: '0001f600000000e9' }, gr: { 2: D + 8n, 3: 0n, 4: D + 0x26n, 5: 0n } } },
  { name: 'CU24: UTF-16 to UTF-32', asm: 'cu24 %r2,%r4', code: 'b9b10024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 6n }, mem: { [DATA + 0x20]: 'd83dde000041' }, want: { cc: 0, mem: { [DATA]: '0001f60000000041' }, gr: { 2: D + 8n, 3: 0n, 4: D + 0x26n, 5: 0n } } },
  { name: 'CU41: UTF-32 to UTF-8', asm: 'cu41 %r2,%r4', code: 'b9b20024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 8n }, mem: { [DATA + 0x20]: '0001f600000000e9' }, want: { cc: 0, mem: { [DATA]: 'f09f9880c3a900' }, gr: { 2: D + 6n, 3: 2n, 4: D + 0x28n, 5: 0n } } },
  { name: 'CU41: a value above 10FFFF is invalid: CC 2', asm: 'cu41 %r2,%r4', code: 'b9b20024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 4n }, mem: { [DATA + 0x20]: '00110000' }, want: { cc: 2 } },
  { name: 'CU42: UTF-32 to UTF-16', asm: 'cu42 %r2,%r4', code: 'b9b30024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 8n }, mem: { [DATA + 0x20]: '0001f60000000041' }, want: { cc: 0, mem: { [DATA]: 'd83dde00004100' }, gr: { 2: D + 6n, 3: 2n, 4: D + 0x28n, 5: 0n } } },
  { name: 'CU42: a surrogate value is invalid: CC 2', asm: 'cu42 %r2,%r4', code: 'b9b30024', gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 4n }, mem: { [DATA + 0x20]: '0000d800' }, want: { cc: 2 } },
  // ---- MOVE LONG UNICODE / COMPARE LOGICAL LONG UNICODE ----
  { name: 'MVCLU pads with the two-byte pad: CC 2 (first longer)', asm: 'mvclu %r2,%r4,0x40', code: 'eb240040008e', gr: { 2: D, 3: 6n, 4: D + 0x10n, 5: 2n }, mem: { [DATA + 0x10]: '0041' }, want: { cc: 2, mem: { [DATA]: '00410040004000' }, gr: { 2: D + 6n, 3: 0n, 4: D + 0x12n, 5: 0n } } },
  { name: 'MVCLU odd length: specification', asm: 'mvclu %r2,%r4,0', code: 'eb240000008e', gr: { 2: D, 3: 3n, 4: D + 0x10n, 5: 2n }, want: { pgm: { code: 6 } } },
  { name: 'CLCLU: the padded shorter operand compares low: CC 2', asm: 'clclu %r2,%r4,0x20', code: 'eb240020008f', gr: { 2: D, 3: 4n, 4: D + 0x10n, 5: 2n }, mem: { [DATA]: '00410042', [DATA + 0x10]: '0041' }, want: { cc: 2, gr: { 2: D + 2n, 3: 2n, 4: D + 0x12n, 5: 0n } } },
  { name: 'CLCLU equal: CC 0', asm: 'clclu %r2,%r4,0', code: 'eb240000008f', gr: { 2: D, 3: 2n, 4: D + 0x10n, 5: 2n }, mem: { [DATA]: '0041', [DATA + 0x10]: '0041' }, want: { cc: 0, gr: { 2: D + 2n, 3: 0n, 4: D + 0x12n, 5: 0n } } },
  // ---- PACK/UNPACK ASCII and UNICODE ----
  { name: 'PKA: ASCII digits to 16 bytes with a plus sign', asm: 'pka 0(%r10),0x20(4,%r10)', code: 'e903a000a020', gr: B, mem: { [DATA + 0x20]: '31323334' }, want: { mem: { [DATA]: '0000000000000000000000000001234c' } } },
  { name: 'PKA with 33 bytes: specification', asm: 'pka 0(%r10),0x20(33,%r10)', code: 'e920a000a020', gr: B, want: { pgm: { code: 6 } } },
  { name: 'PKU: two-byte digits', asm: 'pku 0(%r10),0x20(8,%r10)', code: 'e107a000a020', gr: B, mem: { [DATA + 0x20]: '0031003200330034' }, want: { mem: { [DATA]: '0000000000000000000000000001234c' } } },
  { name: 'PKU with an odd length: specification', asm: 'pku 0(%r10),0x20(7,%r10)', code: 'e106a000a020', gr: B, want: { pgm: { code: 6 } } },
  { name: 'UNPKA: minus sign: CC 1', asm: 'unpka 0x20(5,%r10),0(%r10)', code: 'ea04a020a000', gr: B, mem: { [DATA]: '0000000000000000000000000001234d' }, want: { cc: 1, mem: { [DATA + 0x20]: '303132333400' } } },
  { name: 'UNPKU: plus sign: CC 0', asm: 'unpku 0x20(8,%r10),0(%r10)', code: 'e207a020a000', cc: 2, gr: B, mem: { [DATA]: '0000000000000000000000000001234c' }, want: { cc: 0, mem: { [DATA + 0x20]: '003100320033003400' } } },
  { name: 'UNPKA: invalid sign: CC 3', asm: 'unpka 0x20(1,%r10),0(%r10)', code: 'ea00a020a000', gr: B, mem: { [DATA]: '00000000000000000000000000000015' }, want: { cc: 3, mem: { [DATA + 0x20]: '3100' } } },
]

runGroup('translation, Unicode conversion and ASCII/Unicode decimal', CASES)
