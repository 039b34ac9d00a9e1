// POP ch. 3 and 6, access and program exceptions across instruction groups: DAT (segment/page translation,
// nullification: the old PSW points at the instruction; DAT protection), key-controlled protection (store, fetch
// protection, store-protection and fetch-protection overrides), low-address protection, addressing, 24-bit operand
// address wrap, instruction-length codes of 2/4/6-byte instructions, and SUPERVISOR CALL through EXECUTE.
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const PSW_DAT = 0x04000000
/** Segment table at 0x40000 (ASCE in CR1), page table at 0x41000 for segment 0: code page identity, DATA page ->
 * frame 0x50000, DATA+0x1000 invalid, DATA+0x2000 -> frame 0x52000 DAT-protected; segment 1 invalid. */
const TABLES = {
  0x40000: '0000000000041000' + '0000000000000020',
  0x41080: '0000000000010000',
  0x41100: '0000000000050000' + '0000000000000400' + '0000000000052200',
}
/** A second segment table at 0x44000 mapping DATA to frame 0x52000 (for ASCE switches). */
const TABLES2 = { 0x44000: '0000000000045000', 0x45080: '0000000000010000', 0x45100: '0000000000052000' }
const DAT = { mask: PSW_DAT, cr: { 1: 0x40000n }, gr: B }
const T = 0x30000
const BT = { 2: BigInt(T) }

const CASES: Case[] = [
  { name: 'DAT: load through the page table', asm: 'l %r1,0(%r10)', code: '5810a000', ...DAT, mem: { ...TABLES, 0x50000: '12345678' }, want: { gr: { 1: 0x12345678n }, pswHi: 0x04000001 } },
  { name: 'DAT: store through the page table', asm: 'st %r1,4(%r10)', code: '5010a004', ...DAT, gr: { ...B, 1: 0xabcdn }, mem: TABLES, want: { mem: { 0x50004: '0000abcd', [DATA + 4]: '00000000' }, pswHi: 0x04000001 } },
  { name: 'page invalid: page translation, nullified, TEID page address', asm: 'ly %r1,0x1000(%r10)', code: 'e310a0000158', ...DAT, mem: TABLES, want: { pgm: { code: 0x11, ilc: 6 }, ia: CODE, pswHi: 0x04000001, mem: { 0xa8: '000000000002' } } },
  { name: 'segment invalid: segment translation, nullified', asm: 'l %r1,0(%r2)', code: '58102000', ...DAT, gr: { ...B, 2: 0x100000n }, mem: TABLES, want: { pgm: { code: 0x10 }, ia: CODE, pswHi: 0x04000001 } },
  { name: 'DAT-protected page: fetch allowed', asm: 'ly %r1,0x2000(%r10)', code: 'e310a0000258', ...DAT, mem: { ...TABLES, 0x52000: '00000042' }, want: { gr: { 1: 0x42n }, pswHi: 0x04000001 } },
  { name: 'DAT-protected page: store is a protection exception, nothing stored', asm: 'sty %r1,0x2000(%r10)', code: 'e310a0000250', ...DAT, gr: { ...B, 1: 1n }, mem: TABLES, want: { pgm: { code: 4 }, pswHi: 0x04000001, mem: { 0x52000: '00000000' } } },
  { name: 'key mismatch: store protected, nothing stored', asm: 'st %r1,0(%r2)', code: '50102000', key: 1, gr: { ...BT, 1: 5n }, skeys: { [T]: 0x20 }, want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: '00000000' } } },
  { name: 'key mismatch, not fetch-protected: fetch allowed', asm: 'l %r1,0(%r2)', code: '58102000', key: 1, gr: BT, skeys: { [T]: 0x20 }, mem: { [T]: '00000009' }, want: { gr: { 1: 9n }, pswHi: 0x00100001 } },
  { name: 'key mismatch, fetch-protected: fetch protected', asm: 'l %r1,0(%r2)', code: '58102000', key: 1, gr: BT, skeys: { [T]: 0x28 }, want: { pgm: { code: 4 }, pswHi: 0x00100001 } },
  { name: 'matching key: store allowed', asm: 'st %r1,0(%r2)', code: '50102000', key: 2, gr: { ...BT, 1: 5n }, skeys: { [T]: 0x28 }, want: { mem: { [T]: '00000005' }, pswHi: 0x00200001 } },
  { name: 'key 0 stores anywhere', asm: 'st %r1,0(%r2)', code: '50102000', gr: { ...BT, 1: 5n }, skeys: { [T]: 0xf8 }, want: { mem: { [T]: '00000005' } } },
  { name: 'storage key 9 with the store-protection override', asm: 'st %r1,0(%r2)', code: '50102000', key: 1, cr: { 0: 0x010400e0n }, gr: { ...BT, 1: 5n }, skeys: { [T]: 0x90 }, want: { mem: { [T]: '00000005' }, pswHi: 0x00100001 } },
  { name: 'fetch-protection override: bytes 0-2047 fetchable', asm: 'l %r1,0x100(%r0)', code: '58100100', key: 1, cr: { 0: 0x020400e0n }, skeys: { 0: 0x28 }, mem: { 0x100: '00000007' }, want: { gr: { 1: 7n }, pswHi: 0x00100001 } },
  { name: 'fetch-protection override does not reach 2048', asm: 'l %r1,0x800(%r0)', code: '58100800', key: 1, cr: { 0: 0x020400e0n }, skeys: { 0: 0x28 }, want: { pgm: { code: 4 }, pswHi: 0x00100001 } },
  { name: 'low-address protection: store to 0-511 protected, key 0', asm: 'st %r1,0x1fc(%r0)', code: '501001fc', cr: { 0: 0x100400e0n }, gr: { 1: 5n }, want: { pgm: { code: 4 }, mem: { 0x1fc: '00000000' } } },
  { name: 'low-address protection ends at 512', asm: 'st %r1,0x200(%r0)', code: '50100200', cr: { 0: 0x100400e0n }, gr: { 1: 5n }, want: { mem: { 0x200: '00000005' } } },
  { name: 'beyond storage: addressing, nothing stored', asm: 'stmg %r0,%r1,0(%r2)', code: 'eb0120000024', gr: { 2: 0x1ffff8n }, want: { pgm: { code: 5 }, mem: { 0x1ffff8: '0000000000000000' } } },
  { name: '24-bit mode: operand address wraps to 0', asm: 'l %r1,0(%r2)', code: '58102000', amode: 24, memMiB: 16, gr: { 2: 0xfffffen }, mem: { 0xfffffe: 'aabb', 0: 'ccdd' }, want: { amode: 24, gr: { 1: 0xaabbccddn } } },
  { name: '24-bit mode: base register bits 32-39 ignored', asm: 'l %r1,0(%r2)', code: '58102000', amode: 24, gr: { 2: 0xff000000n + BigInt(DATA) }, mem: { [DATA]: '01020304' }, want: { amode: 24, gr: { 1: 0x01020304n } } },
  { name: 'overflow of a 6-byte instruction: ILC 6', asm: 'afi %r1,1', code: 'c21900000001', pm: 8, gr: { 1: 0x7fffffffn }, want: { pgm: { code: 8, ilc: 6 }, cc: 3, gr: { 1: 0x80000000n } } },
  { name: 'unassigned 6-byte opcode: operation exception, ILC 6', asm: '.insn (e3 ext 00)', code: 'e31000000000', want: { pgm: { code: 1, ilc: 6 } } },
  { name: 'unassigned 4-byte opcode: operation exception, ILC 4', asm: '.insn (b2 ext 00)', code: 'b2000000', want: { pgm: { code: 1, ilc: 4 } } },
  { name: 'SVC through EX: R1 bits OR into the code, ILC of EX', asm: 'ex %r1,0(%r2)', code: '44102000', gr: { 1: 7n, 2: BigInt(CODE + 0x100) }, mem: { [CODE + 0x100]: '0a00' }, want: { svc: 7, mem: { 0x88: '00040007' } } },
  // ---- reference and change recording, prefixing ----
  { name: 'store sets the reference and change bits', asm: 'st %r1,0(%r2)', code: '50102000', gr: BT, skeys: { [T]: 0x10 }, want: { skeys: { [T]: 0x16 } } },
  { name: 'change bit recorded again after SSKE clears it', asm: 'st %r1,0(%r2); sske %r4,%r2; st %r1,0(%r2); iske %r3,%r2', code: '50102000 b22b0042 50102000 b2290032', gr: { ...BT, 4: 0x10n }, skeys: { [T]: 0x10 }, want: { gr: { 3: 0x16n }, skeys: { [T]: 0x16 } } },
  { name: 'prefixing: real 0-8191 go to the prefix area', asm: 'st %r1,0x10(%r0)', code: '50100010', prefix: 0x40000, gr: { 1: 0x11223344n }, want: { mem: { 0x40010: '11223344', 0x10: '00000000' } } },
  { name: 'prefixing: the prefix area goes to absolute 0-8191', asm: 'sty %r1,0x1010(%r2)', code: 'e31020100150', prefix: 0x40000, gr: { 1: 0x11223344n, 2: 0x40000n }, want: { mem: { 0x1010: '11223344', 0x41010: '00000000' } } },
  { name: 'reference bit recorded again after RRBE resets it', asm: 'st %r1,0(%r2); rrbe %r0,%r2; st %r1,0(%r2); iske %r3,%r2', code: '50102000 b22a0002 50102000 b2290032', gr: BT, skeys: { [T]: 0x10 }, want: { cc: 3, gr: { 3: 0x16n }, skeys: { [T]: 0x16 } } },
  { name: 'fetch sets the reference bit only', asm: 'l %r1,0(%r2)', code: '58102000', gr: BT, skeys: { [T]: 0x10 }, want: { skeys: { [T]: 0x14 } } },
  { name: 'instruction fetch sets the reference bit', asm: 'bcr 15,%r2', code: '07f2', until: T + 2, gr: BT, skeys: { [T]: 0x10 }, mem: { [T]: '0700' }, want: { ia: T + 2, skeys: { [T]: 0x14 } } },
  { name: 'reference bit recorded again by a fetch after RRBE', asm: 'l %r1,0(%r2); rrbe %r0,%r2; l %r1,0(%r2); iske %r3,%r2', code: '58102000 b22a0002 58102000 b2290032', gr: BT, skeys: { [T]: 0x10 }, want: { cc: 2, gr: { 3: 0x14n }, skeys: { [T]: 0x14 } } },
  // ---- cached translations follow table, key, ASCE and PSW changes ----
  { name: 'IPTE: the next access to the page faults', asm: 'l %r1,0(%r10); ipte %r4,%r10; l %r1,0(%r10)', code: '5810a000 b221004a 5810a000', ...DAT, gr: { ...B, 4: 0x41000n }, mem: { ...TABLES, 0x50000: '12345678' }, want: { pgm: { code: 0x11 }, ia: CODE + 8, pswHi: 0x04000001, gr: { 1: 0x12345678n }, mem: { 0x41100: '0000000000050400' } } },
  { name: 'LCTLG of CR1: the next access uses the new tables', asm: 'l %r1,0(%r10); lctlg %c1,%c1,0(%r3); l %r2,0(%r10)', code: '5810a000 eb113000002f 5820a000', ...DAT, gr: { ...B, 3: BigInt(CODE + 0x800) }, mem: { ...TABLES, ...TABLES2, [CODE + 0x800]: '0000000000044000', 0x50000: '00000001', 0x52000: '00000002' }, want: { gr: { 1: 1n, 2: 2n }, cr: { 1: 0x44000n }, pswHi: 0x04000001 } },
  { name: 'STNSM turning DAT off: the next access is real', asm: 'l %r1,0(%r10); stnsm 0x100(%r0),0xfb; l %r2,0(%r10)', code: '5810a000 acfb0100 5820a000', ...DAT, mem: { ...TABLES, 0x50000: '00000001', [DATA]: '00000002' }, want: { gr: { 1: 1n, 2: 2n }, mem: { 0x100: '04' } } },
  { name: 'SSKE: the next store sees the new key', asm: 'st %r1,0(%r2); sske %r4,%r2; st %r1,4(%r2)', code: '50102000 b22b0042 50102004', key: 1, gr: { ...BT, 1: 7n, 4: 0x20n }, skeys: { [T]: 0x10 }, want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: '0000000700000000' }, skeys: { [T]: 0x20 } } },
  { name: 'TPROT through DAT: invalid page gives CC 3', asm: 'tprot 0x800(%r10),0', code: 'e501a8000000', ...DAT, gr: { ...B, 10: BigInt(DATA + 0x800) }, mem: TABLES, want: { cc: 3, pswHi: 0x04003001 } },
  { name: 'TPROT through DAT: DAT-protected page gives CC 1', asm: 'tprot 0(%r2),0', code: 'e50120000000', ...DAT, gr: { ...B, 2: BigInt(DATA + 0x2000) }, mem: TABLES, want: { cc: 1, pswHi: 0x04001001 } },
  // ---- instruction address ----
  { name: '24-bit mode: an instruction wraps from 0xfffffe to 0', asm: 'ahi %r1,1', code: 'a71a', at: 0xfffffe, amode: 24, memMiB: 16, mem: { 0: '0001' }, gr: { 1: 4n }, want: { amode: 24, ia: 2, cc: 2, gr: { 1: 5n } } },
  { name: '6-byte instruction crossing a page boundary', asm: 'lg %r1,0(%r10)', code: 'e310a0000004', at: CODE + 0xffc, gr: B, mem: { [DATA]: '0000000000000009' }, want: { gr: { 1: 9n } } },
  { name: 'unassigned 2-byte opcode: operation exception, ILC 2', asm: '.insn e,0x0000', code: '0000', want: { pgm: { code: 1, ilc: 2 } } },
]

runGroup('access and program exceptions', CASES)
