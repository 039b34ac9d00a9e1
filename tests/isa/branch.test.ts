// POP ch. 7, branching: on condition, and save (link information in 24/31/64-bit mode, BAL's ILC/CC/program
// mask), on count (low word only for BRCT, no branch for R2 = 0), on index (odd/even R3), compare and branch
// (CC unchanged, signed vs unsigned immediates), load/store on condition, and EXECUTE / EXECUTE RELATIVE LONG
// (R1 bits 56-63 OR-ed into byte 1, relative targets of the executed instruction, link past EXECUTE, execute
// exception for EX of EX, odd target, ILC of an exception in the target).
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const T = 0x30000
const BT = { 4: BigInt(T) }
const TGT = DATA + 0x100
const M = -0x8000000000000000n

const CASES: Case[] = [
  { name: 'taken on CC 0 with mask 8', asm: 'bcr 8,%r2', code: '0782', gr: { 2: BigInt(T) }, want: { ia: T } },
  { name: 'not taken', asm: 'bcr 7,%r2', code: '0772', gr: { 2: BigInt(T) }, want: {} },
  { name: 'R2 = 0: no branch even with mask 15', asm: 'bcr 15,%r0', code: '07f0', gr: { 0: BigInt(T) }, want: {} },
  { name: 'mask 4 on CC 1', asm: 'bc 4,0(%r2)', code: '47402000', cc: 1, gr: { 2: BigInt(T) }, want: { ia: T } },
  { name: 'relative, taken', asm: 'brc 8,.+32', code: 'a7840010', want: { ia: CODE + 32 } },
  { name: 'relative, not taken', asm: 'brc 8,.+32', code: 'a7840010', cc: 1, want: {} },
  { name: 'backwards', asm: 'brc 15,.-4', code: 'a7f4fffe', want: { ia: CODE - 4 } },
  { name: 'relative long', asm: 'brcl 15,.+0x10000', code: 'c0f400008000', want: { ia: CODE + 0x10000 } },
  { name: '64-bit link', asm: 'basr %r14,%r1', code: '0de1', gr: { 1: BigInt(T), 14: -1n }, want: { ia: T, gr: { 14: BigInt(CODE + 2) } } },
  { name: '31-bit link: mode bit, bits 0-31 kept', asm: 'basr %r14,%r1', code: '0de1', amode: 31, gr: { 1: BigInt(T), 14: 0xaaaaaaaa00000000n }, want: { ia: T, amode: 31, gr: { 14: 0xaaaaaaaa80000000n + BigInt(CODE + 2) } } },
  { name: '24-bit link: bits 32-39 zero', asm: 'basr %r14,%r1', code: '0de1', amode: 24, gr: { 1: BigInt(T), 14: 0xaaaaaaaaffffffffn }, want: { ia: T, amode: 24, gr: { 14: 0xaaaaaaaa00000000n + BigInt(CODE + 2) } } },
  { name: 'R2 = 0: link only', asm: 'basr %r14,%r0', code: '0de0', want: { gr: { 14: BigInt(CODE + 2) } } },
  { name: 'link and branch', asm: 'bas %r14,0(%r1)', code: '4de01000', gr: { 1: BigInt(T) }, want: { ia: T, gr: { 14: BigInt(CODE + 4) } } },
  { name: '24-bit: ILC, CC and program mask in the link', asm: 'balr %r14,%r1', code: '05e1', amode: 24, cc: 2, pm: 8, gr: { 1: BigInt(T) }, want: { ia: T, amode: 24, gr: { 14: BigInt(0x40000000 + 0x20000000 + 0x08000000 + CODE + 2) } } },
  { name: '64-bit: like BASR', asm: 'balr %r14,%r1', code: '05e1', cc: 2, gr: { 1: BigInt(T) }, want: { ia: T, gr: { 14: BigInt(CODE + 2) } } },
  { name: '24-bit: ILC 2 in the link', asm: 'bal %r14,0(%r1)', code: '45e01000', amode: 24, gr: { 1: BigInt(T) }, want: { ia: T, amode: 24, gr: { 14: BigInt(0x80000000 + CODE + 4) } } },
  { name: 'relative', asm: 'bras %r14,.+8', code: 'a7e50004', want: { ia: CODE + 8, gr: { 14: BigInt(CODE + 4) } } },
  { name: 'relative long', asm: 'brasl %r14,.+0x100', code: 'c0e500000080', want: { ia: CODE + 0x100, gr: { 14: BigInt(CODE + 6) } } },
  { name: 'count to 1: branch', asm: 'bctr %r1,%r2', code: '0612', gr: { 1: 2n, 2: BigInt(T) }, want: { ia: T, gr: { 1: 1n } } },
  { name: 'R2 = 0: decrement only', asm: 'bctr %r1,%r0', code: '0610', gr: { 1: 5n }, want: { gr: { 1: 4n } } },
  { name: '64-bit count', asm: 'bctgr %r1,%r2', code: 'b9460012', gr: { 1: 0x100000000n, 2: BigInt(T) }, want: { ia: T, gr: { 1: 0xffffffffn } } },
  { name: 'reaches zero: falls through', asm: 'bct %r1,0(%r2)', code: '46102000', gr: { 1: 1n, 2: BigInt(T) }, want: { gr: { 1: 0n } } },
  { name: 'low word only: 0 - 1 branches', asm: 'brct %r1,.-4', code: 'a716fffe', gr: { 1: 0x500000000n }, want: { ia: CODE - 4, gr: { 1: 0x5ffffffffn } } },
  { name: 'reaches zero', asm: 'brct %r1,.-4', code: 'a716fffe', gr: { 1: 0x500000001n }, want: { gr: { 1: 0x500000000n } } },
  { name: '0 - 1 = -1 branches', asm: 'brctg %r1,.+16', code: 'a7170008', want: { ia: CODE + 16, gr: { 1: -1n } } },
  { name: 'loop of 5', asm: 'lghi %r2,0; lghi %r1,5; ahi %r2,2; brct %r1,.-4', code: 'a7290000 a7190005 a72a0002 a716fffe', until: CODE + 16, want: { cc: 2, gr: { 1: 0n, 2: 10n } } },
  { name: 'even R3: increment R3, comparand R3+1', asm: 'bxh %r1,%r2,0(%r4)', code: '86124000', gr: { ...BT, 1: 5n, 2: 1n, 3: 5n }, want: { ia: T, gr: { 1: 6n } } },
  { name: 'odd R3: increment is the comparand', asm: 'bxh %r1,%r3,0(%r4)', code: '86134000', gr: { ...BT, 1: 1n, 3: 1n }, want: { ia: T, gr: { 1: 2n } } },
  { name: 'equal: branch', asm: 'bxle %r1,%r2,0(%r4)', code: '87124000', gr: { ...BT, 1: 4n, 2: 1n, 3: 5n }, want: { ia: T, gr: { 1: 5n } } },
  { name: 'signed compare: -1 not high', asm: 'bxh %r1,%r2,0(%r4)', code: '86124000', gr: { ...BT, 1: 0xfffffffen, 2: 1n, 3: 0n }, want: { gr: { 1: 0xffffffffn } } },
  { name: '64-bit', asm: 'bxhg %r1,%r2,0(%r4)', code: 'eb1240000044', gr: { ...BT, 1: 0xffffffffn, 2: 1n, 3: 0xffffffffn }, want: { ia: T, gr: { 1: 0x100000000n } } },
  { name: '64-bit high: no branch', asm: 'bxleg %r1,%r2,0(%r4)', code: 'eb1240000045', gr: { ...BT, 1: 0n, 2: M, 3: M }, want: { ia: T, gr: { 1: M } } },
  { name: 'relative', asm: 'brxh %r1,%r2,.+16', code: '84120008', gr: { 1: 0n, 2: 1n, 3: 0n }, want: { ia: CODE + 16, gr: { 1: 1n } } },
  { name: 'loop until index > limit', asm: 'lghi %r1,0; lghi %r2,1; lghi %r3,3; brxle %r1,%r2,.', code: 'a7190000 a7290001 a7390003 85120000', until: CODE + 16, want: { gr: { 1: 4n, 2: 1n, 3: 3n } } },
  { name: '64-bit relative', asm: 'brxhg %r1,%r2,.-8', code: 'ec12fffc0044', gr: { 1: 2n, 2: -1n, 3: 0n }, want: { ia: CODE - 8, gr: { 1: 1n } } },
  { name: '64-bit relative, low or equal', asm: 'brxlg %r1,%r2,.+8', code: 'ec1200040045', gr: { 1: 2n, 2: 2n, 3: 3n }, want: { gr: { 1: 4n } } },
  { name: 'equal branches, CC unchanged', asm: 'crj %r1,%r2,8,.+32', code: 'ec1200108076', cc: 3, gr: { 1: 5n, 2: 5n }, want: { cc: 3, ia: CODE + 32 } },
  { name: 'signed low', asm: 'cgrj %r1,%r2,4,.+32', code: 'ec1200104064', gr: { 1: -1n, 2: 0n }, want: { ia: CODE + 32 } },
  { name: 'unsigned high', asm: 'clrj %r1,%r2,2,.+32', code: 'ec1200102077', gr: { 1: 0xffffffffn, 2: 0n }, want: { ia: CODE + 32 } },
  { name: 'unsigned: -1 not low', asm: 'clgrj %r1,%r2,4,.+32', code: 'ec1200104065', gr: { 1: -1n, 2: 1n }, want: {} },
  { name: 'signed immediate -1', asm: 'cij %r1,-1,8,.+32', code: 'ec180010ff7e', gr: { 1: 0xffffffffn }, want: { ia: CODE + 32 } },
  { name: 'signed immediate -128', asm: 'cgij %r1,-128,8,.+32', code: 'ec180010807c', gr: { 1: -128n }, want: { ia: CODE + 32 } },
  { name: 'unsigned immediate 255', asm: 'clij %r1,255,2,.+32', code: 'ec120010ff7f', gr: { 1: 256n }, want: { ia: CODE + 32 } },
  { name: 'unsigned immediate 200', asm: 'clgij %r1,200,4,.+32', code: 'ec140010c87d', gr: { 1: 100n }, want: { ia: CODE + 32 } },
  { name: 'equal', asm: 'crb %r1,%r2,8,0(%r4)', code: 'ec12400080f6', cc: 1, gr: { ...BT, 1: 7n, 2: 0x500000007n }, want: { ia: T } },
  { name: 'high', asm: 'cgrb %r1,%r2,2,0(%r4)', code: 'ec12400020e4', gr: { ...BT, 1: 1n, 2: -1n }, want: { ia: T } },
  { name: 'unsigned low', asm: 'clrb %r1,%r2,4,0(%r4)', code: 'ec12400040f7', gr: { ...BT, 1: 1n, 2: 0xffffffffn }, want: { ia: T } },
  { name: 'not taken', asm: 'clgrb %r1,%r2,8,0(%r4)', code: 'ec12400080e5', gr: { ...BT, 1: 1n, 2: 2n }, want: {} },
  { name: 'signed immediate', asm: 'cib %r1,-5,4,0(%r4)', code: 'ec144000fbfe', gr: { ...BT, 1: 0xfffffffan }, want: { ia: T } },
  { name: 'signed immediate', asm: 'cgib %r1,-5,2,0(%r4)', code: 'ec124000fbfc', gr: { ...BT, 1: 0xfffffffan }, want: { ia: T } },
  { name: 'condition true: low word', asm: 'locr %r1,%r2,8', code: 'b9f28012', gr: { 1: 0x1100000000n, 2: 0x22ffffffffn }, want: { gr: { 1: 0x11ffffffffn } } },
  { name: 'condition true', asm: 'locgr %r1,%r2,2', code: 'b9e22012', cc: 2, gr: { 2: 9n }, want: { gr: { 1: 9n } } },
  { name: 'condition false', asm: 'locgr %r1,%r2,2', code: 'b9e22012', cc: 1, gr: { 2: 9n }, want: {} },
  { name: 'from storage', asm: 'loc %r1,0(%r10),4', code: 'eb14a00000f2', cc: 1, gr: B, mem: { [DATA]: '12345678' }, want: { gr: { 1: 0x12345678n } } },
  { name: 'from storage', asm: 'locg %r1,0(%r10),1', code: 'eb11a00000e2', cc: 3, gr: B, mem: { [DATA]: '1234567812345678' }, want: { gr: { 1: 0x1234567812345678n } } },
  { name: 'condition true', asm: 'stoc %r1,0(%r10),8', code: 'eb18a00000f3', gr: { ...B, 1: 0xaabbccddn }, want: { mem: { [DATA]: 'aabbccdd' } } },
  { name: 'condition false: nothing stored', asm: 'stoc %r1,0(%r10),7', code: 'eb17a00000f3', gr: { ...B, 1: 0xaabbccddn }, want: { mem: { [DATA]: '00000000' } } },
  { name: 'condition true', asm: 'stocg %r1,0(%r10),15', code: 'eb1fa00000e3', gr: { ...B, 1: -1n }, want: { mem: { [DATA]: 'ffffffffffffffff' } } },
  { name: 'condition true', asm: 'lochi %r1,-1,8', code: 'ec18ffff0042', gr: { 1: 0x4400000000n }, want: { gr: { 1: 0x44ffffffffn } } },
  { name: 'condition true', asm: 'locghi %r1,-1,8', code: 'ec18ffff0046', want: { gr: { 1: -1n } } },
  { name: 'condition false', asm: 'locghi %r1,-1,4', code: 'ec14ffff0046', want: {} },
  { name: 'R1 bits 56-63 OR into the length of MVC', asm: 'ex %r1,0(%r2)', code: '44102000', gr: { ...B, 1: 3n, 2: BigInt(TGT) }, mem: { [TGT]: 'd200a000a008', [DATA + 8]: '0102030405' }, want: { mem: { [DATA]: '0102030400' } } },
  { name: 'R1 = 0: target unmodified', asm: 'ex %r0,0(%r2)', code: '44002000', gr: { ...B, 0: 3n, 2: BigInt(TGT) }, mem: { [TGT]: 'd200a000a008', [DATA + 8]: '0102030405' }, want: { mem: { [DATA]: '0100' } } },
  { name: 'relative branch target is relative to the target; link past EX', asm: 'ex %r0,0(%r2)', code: '44002000', gr: { 2: BigInt(TGT) }, mem: { [TGT]: 'a7e50010' }, want: { ia: TGT + 0x20, gr: { 14: BigInt(CODE + 4) } } },
  { name: 'EX of EX: execute exception', asm: 'ex %r0,0(%r2)', code: '44002000', gr: { 2: BigInt(TGT) }, mem: { [TGT]: '4400a000' }, want: { pgm: { code: 3 } } },
  { name: 'odd target address: specification', asm: 'ex %r0,1(%r2)', code: '44002001', gr: { 2: BigInt(TGT) }, want: { pgm: { code: 6 } } },
  { name: 'exception in the target: ILC and old PSW of EX', asm: 'ex %r0,0(%r2)', code: '44002000', gr: { 2: BigInt(TGT), 3: 1n }, mem: { [TGT]: '1d24' }, want: { pgm: { code: 9, ilc: 4 } } },
  { name: 'relative target', asm: 'exrl %r1,.+0x100', code: 'c61000000080', gr: { ...B, 1: 1n }, mem: { [CODE + 0x100]: 'd200a000a008', [DATA + 8]: '0a0b0c' }, want: { mem: { [DATA]: '0a0b00' } } },
  { name: 'EXRL of EXRL: execute exception', asm: 'exrl %r0,.+0x100', code: 'c60000000080', mem: { [CODE + 0x100]: 'c6000000' + '0000' }, want: { pgm: { code: 3 } } },
  { name: '24-bit link: bits 32-39 zero', asm: 'bras %r14,.+8', code: 'a7e50004', amode: 24, gr: { 14: -1n }, want: { amode: 24, ia: CODE + 8, gr: { 14: 0xffffffff00000000n + BigInt(CODE + 4) } } },
  { name: '31-bit link: mode bit', asm: 'brasl %r14,.+8', code: 'c0e500000004', amode: 31, want: { amode: 31, ia: CODE + 8, gr: { 14: BigInt(0x80000000 + CODE + 6) } } },
]

runGroup('branch', CASES)
