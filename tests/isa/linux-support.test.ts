// Instructions Debian's s390x Linux kernel meets on its way to the root-mount panic (POP ch. 7 and 10): MOVE WITH
// OPTIONAL SPECIFICATIONS across address spaces, COMPARE AND SWAP AND STORE (facilities 32 and 33), COMPARE LOGICAL
// LONG EXTENDED, the load/store-reversed family, access-register moves, PTFF queries, SET ADDRESS SPACE CONTROL
// (FAST), COMPARE AND SWAP AND PURGE, and the use-real-address loads and stores.
import { DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const D = BigInt(DATA)
const DAT = 0x04000000
/** CR0 as the harness sets it plus the secondary-space control (bit 37). */
const CR0_SSC = 0x040400e0n
/** Primary space (CR1): segment table 0x40000, segment 0 → page table 0x41000 mapping the first 1 MB identically.
 * Secondary space (CR7): segment table 0x42000, segment 0 → page table 0x43000 mapping only page 0x20 → 0x50000. */
function pte(frame: number): string {
  return frame.toString(16).padStart(16, '0')
}
const IDENTITY_PT = Array.from({ length: 256 }, (_, i) => pte(i * 4096)).join('')
const SPACES = {
  cr: { 0: CR0_SSC, 1: 0x40000n, 7: 0x42000n },
  mem: { 0x40000: pte(0x41000), 0x41000: IDENTITY_PT, 0x42000: pte(0x43000), 0x43000: '0000000000000400'.repeat(0x20) + pte(0x50000) },
}
const QAF = 'f8' + '00'.repeat(15)

const CASES: Case[] = [
  // ---- MOVE WITH OPTIONAL SPECIFICATIONS ----
  { name: 'DAT off: special operation', asm: 'mvcos 0x100(%r10),0(%r10),%r4', code: 'c840a100a000', gr: { ...B, 4: 4n }, want: { pgm: { code: 0x13 } } },
  { name: 'second operand in the secondary space (OAC2 A bit): CC 0', asm: 'mvcos 0x100(%r10),0(%r10),%r4', code: 'c840a100a000', mask: DAT, ...SPACES, gr: { ...B, 0: 0x81n, 4: 4n }, mem: { ...SPACES.mem, 0x50000: 'a1a2a3a4', [DATA]: '01020304' }, want: { mem: { [DATA + 0x100]: 'a1a2a3a400' } } },
  { name: 'without OAC: both operands in the PSW space', asm: 'mvcos 0x100(%r10),0(%r10),%r4', code: 'c840a100a000', mask: DAT, ...SPACES, gr: { ...B, 4: 3n }, mem: { ...SPACES.mem, 0x50000: 'a1a2a3a4', [DATA]: '01020304' }, want: { mem: { [DATA + 0x100]: '01020300' } } },
  { name: 'more than 4096 bytes: 4096 moved, CC 3, length register unchanged', asm: 'mvcos 0(%r11),0(%r10),%r4', code: 'c840b000a000', mask: DAT, ...SPACES, gr: { ...B, 11: D + 0x3000n, 4: 0x1001n }, mem: { ...SPACES.mem, [DATA]: 'aa', [DATA + 0xfff]: 'bbcc' }, want: { cc: 3, mem: { [DATA + 0x3000]: 'aa', [DATA + 0x3fff]: 'bb00' } } },
  { name: 'secondary space without the secondary-space control: special operation', asm: 'mvcos 0x100(%r10),0(%r10),%r4', code: 'c840a100a000', mask: DAT, cr: { 1: 0x40000n, 7: 0x42000n }, mem: SPACES.mem, gr: { ...B, 0: 0x81n, 4: 4n }, want: { pgm: { code: 0x13 } } },
  // ---- COMPARE AND SWAP AND STORE ----
  { name: 'word swap, word store: CC 0', asm: 'csst 0(%r10),0x40(%r10),%r3', code: 'c832a000a040', gr: { ...B, 0: 0x200n, 1: D + 0x100n, 3: 0xffffffff00000005n }, mem: { [DATA]: '00000005', [DATA + 0x100]: '11223344', [DATA + 0x110]: 'cafebabe' }, want: { mem: { [DATA]: '11223344', [DATA + 0x40]: 'cafebabe00' } } },
  { name: 'doubleword compare unequal: CC 1, current value into R3, nothing stored', asm: 'csst 0(%r10),0x40(%r10),%r3', code: 'c832a000a040', gr: { ...B, 0: 0x301n, 1: D + 0x100n, 3: 5n }, mem: { [DATA]: '0000000000000009', [DATA + 0x100]: '1122334455667788', [DATA + 0x110]: 'cafebabe' }, want: { cc: 1, gr: { 3: 9n }, mem: { [DATA]: '0000000000000009', [DATA + 0x40]: '00000000' } } },
  { name: 'quadword swap, 16-byte store (facility 33), byte store value left-aligned', asm: 'csst 0(%r10),0x40(%r10),%r4', code: 'c842a000a040', gr: { ...B, 0: 0x402n, 1: D + 0x100n, 4: 1n, 5: 2n }, mem: { [DATA]: '0000000000000001' + '0000000000000002', [DATA + 0x100]: 'aa'.repeat(16), [DATA + 0x110]: '0102030405060708' + '090a0b0c0d0e0f10' }, want: { mem: { [DATA]: 'aa'.repeat(16), [DATA + 0x40]: '0102030405060708090a0b0c0d0e0f10' } } },
  { name: 'byte store', asm: 'csst 0(%r10),0x43(%r10),%r3', code: 'c832a000a043', gr: { ...B, 0: 0n, 1: D + 0x100n, 3: 0n }, mem: { [DATA + 0x100]: '00000007', [DATA + 0x110]: '99' }, want: { mem: { [DATA]: '00000007', [DATA + 0x40]: '00000099' } } },
  { name: 'function code 3: specification', asm: 'csst 0(%r10),0x40(%r10),%r3', code: 'c832a000a040', gr: { ...B, 0: 3n, 1: D + 0x100n }, want: { pgm: { code: 6 } } },
  { name: 'quadword with an odd R3: specification', asm: 'csst 0(%r10),0x40(%r10),%r3', code: 'c832a000a040', gr: { ...B, 0: 2n, 1: D + 0x100n }, want: { pgm: { code: 6 } } },
  { name: 'first operand not aligned for the function: specification', asm: 'csst 4(%r10),0x40(%r10),%r3', code: 'c832a004a040', gr: { ...B, 0: 1n, 1: D + 0x100n }, want: { pgm: { code: 6 } } },
  // ---- LOAD PAIR DISJOINT ----
  { name: 'words into R3 and R3+1, CC 0', asm: 'lpd %r4,0(%r10),8(%r10)', code: 'c844a000a008', cc: 3, gr: { ...B, 4: 0x1111111100000000n }, mem: { [DATA]: '0000000100000000' + '00000002' }, want: { cc: 0, gr: { 4: 0x1111111100000001n, 5: 2n } } },
  { name: 'doublewords', asm: 'lpdg %r4,0(%r10),8(%r10)', code: 'c845a000a008', gr: B, mem: { [DATA]: '0102030405060708' + '1112131415161718' }, want: { cc: 0, gr: { 4: 0x0102030405060708n, 5: 0x1112131415161718n } } },
  { name: 'odd R3: specification', asm: 'lpdg %r5,0(%r10),8(%r10)', code: 'c855a000a008', gr: B, want: { pgm: { code: 6 } } },
  { name: 'second operand not doubleword aligned: specification', asm: 'lpdg %r4,0(%r10),4(%r10)', code: 'c845a000a004', gr: B, want: { pgm: { code: 6 } } },
  // ---- COMPARE LOGICAL LONG EXTENDED ----
  { name: 'shorter second operand padded: equal, CC 0, lengths exhausted', asm: 'clcle %r2,%r4,0x40', code: 'a9240040', gr: { 2: D, 3: 4n, 4: D + 0x10n, 5: 2n }, mem: { [DATA]: 'aabb4040', [DATA + 0x10]: 'aabb' }, want: { cc: 0, gr: { 2: D + 4n, 3: 0n, 4: D + 0x12n, 5: 0n } } },
  { name: 'first low: CC 1, registers at the unequal byte', asm: 'clcle %r2,%r4,0', code: 'a9240000', gr: { 2: D, 3: 3n, 4: D + 0x10n, 5: 3n }, mem: { [DATA]: 'aa01cc', [DATA + 0x10]: 'aa02cc' }, want: { cc: 1, gr: { 2: D + 1n, 3: 2n, 4: D + 0x11n, 5: 2n } } },
  { name: 'odd R3: specification', asm: 'clcle %r2,%r5,0', code: 'a9250000', want: { pgm: { code: 6 } } },
  // ---- load/store reversed ----
  { name: 'word, bits 0-31 unchanged', asm: 'lrvr %r1,%r2', code: 'b91f0012', gr: { 1: 0x1111111100000000n, 2: 0x01020304n }, want: { gr: { 1: 0x1111111104030201n } } },
  { name: 'doubleword', asm: 'lrvgr %r1,%r2', code: 'b90f0012', gr: { 2: 0x0102030405060708n }, want: { gr: { 1: 0x0807060504030201n } } },
  { name: 'halfword into bits 48-63', asm: 'lrvh %r1,0(%r10)', code: 'e310a000001f', gr: { ...B, 1: 0xffffffffffffffffn }, mem: { [DATA]: '0102' }, want: { gr: { 1: 0xffffffffffff0201n } } },
  { name: 'word', asm: 'lrv %r1,0(%r10)', code: 'e310a000001e', gr: B, mem: { [DATA]: '01020304' }, want: { gr: { 1: 0x04030201n } } },
  { name: 'doubleword', asm: 'lrvg %r1,0(%r10)', code: 'e310a000000f', gr: B, mem: { [DATA]: '0102030405060708' }, want: { gr: { 1: 0x0807060504030201n } } },
  { name: 'halfword', asm: 'strvh %r1,0(%r10)', code: 'e310a000003f', gr: { ...B, 1: 0x0102n }, want: { mem: { [DATA]: '020100' } } },
  { name: 'word', asm: 'strv %r1,0(%r10)', code: 'e310a000003e', gr: { ...B, 1: 0x01020304n }, want: { mem: { [DATA]: '0403020100' } } },
  { name: 'doubleword', asm: 'strvg %r1,0(%r10)', code: 'e310a000002f', gr: { ...B, 1: 0x0102030405060708n }, want: { mem: { [DATA]: '080706050403020100' } } },
  // ---- access registers ----
  { name: 'wraps from AR15 to AR1', asm: 'lam %a15,%a1,0(%r10)', code: '9af1a000', gr: B, mem: { [DATA]: '0000000f0000000000000001' }, want: { ar: { 15: 15, 0: 0, 1: 1 } } },
  { name: 'not word aligned: specification', asm: 'lam %a0,%a1,2(%r10)', code: '9a01a002', gr: B, want: { pgm: { code: 6 } } },
  { name: 'stores AR2-AR3', asm: 'stam %a2,%a3,0(%r10)', code: '9b23a000', gr: B, ar: { 2: 0x22, 3: 0x33 }, want: { mem: { [DATA]: '000000220000003300' } } },
  { name: 'long displacement', asm: 'lamy %a4,%a4,-4(%r10)', code: 'eb44affcff9a', gr: B, mem: { [DATA - 4]: '12345678' }, want: { ar: { 4: 0x12345678 } } },
  { name: 'long displacement', asm: 'stamy %a4,%a4,-4(%r10)', code: 'eb44affcff9b', gr: B, ar: { 4: 0x12345678 }, want: { mem: { [DATA - 4]: '12345678' } } },
  { name: 'AR into bits 32-63, bits 0-31 unchanged', asm: 'ear %r1,%a2', code: 'b24f0012', gr: { 1: 0x1111111100000000n }, ar: { 2: 7 }, want: { gr: { 1: 0x1111111100000007n } } },
  { name: 'bits 32-63 into the AR', asm: 'sar %a1,%r2', code: 'b24e0012', gr: { 2: 0xffffffff00000009n }, want: { ar: { 1: 9 } } },
  { name: 'primary mode: AR r1 = 0', asm: 'lae %r1,8(%r10)', code: '5110a008', gr: B, ar: { 1: 5 }, want: { gr: { 1: D + 8n }, ar: { 1: 0 } } },
  // ---- PERFORM TIMING FACILITY FUNCTION ----
  { name: 'query available functions: QAF, QTO, QSI, QPT, QUI', asm: 'ptff', code: '0104', gr: { 0: 0n, 1: D }, want: { cc: 0, mem: { [DATA]: QAF + '00' } } },
  { name: 'query UTC information: no UTC information, 256 bytes', asm: 'ptff', code: '0104', gr: { 0: 4n, 1: D }, mem: { [DATA]: 'ff'.repeat(257) }, want: { cc: 0, mem: { [DATA]: '00'.repeat(256) + 'ff' } } },
  { name: 'a function not available: CC 3, nothing stored', asm: 'ptff', code: '0104', gr: { 0: 0x41n, 1: D }, want: { cc: 3, mem: { [DATA]: '0000000000000000' } } },
  // ---- SET ADDRESS SPACE CONTROL (FAST) ----
  { name: 'home mode', asm: 'sacf 0x300', code: 'b2790300', mask: DAT, ...SPACES, want: { pswHi: 0x0400c001 } },
  { name: 'secondary mode', asm: 'sac 0x100', code: 'b2190100', mask: DAT, ...SPACES, want: { pswHi: 0x04008001 } },
  { name: 'secondary-space control off: special operation', asm: 'sacf 0x300', code: 'b2790300', mask: DAT, cr: { 1: 0x40000n }, mem: SPACES.mem, want: { pgm: { code: 0x13 } } },
  { name: 'code 4: specification', asm: 'sacf 0x400', code: 'b2790400', mask: DAT, ...SPACES, want: { pgm: { code: 6 } } },
  // ---- COMPARE AND SWAP AND PURGE ----
  { name: 'equal: swapped, CC 0', asm: 'csp %r2,%r4', code: 'b2500024', gr: { 2: 1n, 3: 2n, 4: D + 1n }, mem: { [DATA]: '00000001' }, want: { cc: 0, mem: { [DATA]: '00000002' } } },
  { name: 'unequal: CC 1, current value into R1', asm: 'csp %r2,%r4', code: 'b2500024', gr: { 2: 1n, 3: 2n, 4: D }, mem: { [DATA]: '00000007' }, want: { cc: 1, gr: { 2: 7n } } },
  { name: 'doubleword: swapped, CC 0', asm: 'cspg %r2,%r4', code: 'b98a0024', gr: { 2: 1n, 3: 0x200000000n, 4: D + 1n }, mem: { [DATA]: '0000000000000001' }, want: { cc: 0, mem: { [DATA]: '0000000200000000' } } },
  { name: 'odd R1: specification', asm: 'cspg %r3,%r4', code: 'b98a0034', gr: { 4: D }, want: { pgm: { code: 6 } } },
  // ---- use real address ----
  { name: 'word from a real address', asm: 'lura %r1,%r10', code: 'b24b001a', gr: B, mem: { [DATA]: '89abcdef' }, want: { gr: { 1: 0x89abcdefn } } },
  { name: 'doubleword from a real address', asm: 'lurag %r1,%r10', code: 'b905001a', gr: B, mem: { [DATA]: '0123456789abcdef' }, want: { gr: { 1: 0x0123456789abcdefn } } },
  { name: 'word to a real address', asm: 'stura %r1,%r10', code: 'b246001a', gr: { ...B, 1: 0x11223344n }, want: { mem: { [DATA]: '1122334400' } } },
  { name: 'doubleword to a real address', asm: 'sturg %r1,%r10', code: 'b925001a', gr: { ...B, 1: 0x1122334455667788n }, want: { mem: { [DATA]: '112233445566778800' } } },
  { name: 'not doubleword aligned: specification', asm: 'sturg %r1,%r10', code: 'b925001a', gr: { 10: D + 4n }, want: { pgm: { code: 6 } } },
]

runGroup('Linux support instructions', CASES)
