// POP ch. 10, control instructions and the problem-state system instructions: PSW loads (LPSWE/LPSW, early
// specification exception with ILC 0), SSM/STNSM/STOSM, EPSW/IPM/SPM, SAM*, SVC, SPKA/IPK, control registers
// (wrap R3 < R1), prefix, CPU address and facilities, clocks and timers, storage keys, TEST PROTECTION, DAT-table
// invalidation, MVPG, SERVC/SIGP/DIAG/STSI basics, channel instructions, and privileged operations in problem state.
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const B = { 10: BigInt(DATA) }
const T = 0x30000
const PRIV = { pgm: { code: 2 } }
/** DAT tables for LOAD REAL ADDRESS: CR1 = segment table at 0x40000 (one 4K table); STE 0 -> page table at 0x41000;
 * STE 1 invalid; PTE 0x30 -> frame 0x50000; PTE 0x31 invalid. */
const LRA_DAT = {
  cr: { 1: 0x40000n },
  mem: { 0x40000: '0000000000041000' + '0000000000000020', 0x41180: '0000000000050000' + '0000000000000400' },
}

const CASES: Case[] = [
  // ---- PSW ----
  { name: 'disabled wait at an odd address: loaded, no specification exception (no instruction is fetched)', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0002000180000000' + '0000000000000fff' }, want: { ia: 0xfff, pswHi: 0x00020001 } },
  { name: 'odd address without the wait bit: early specification, ILC 0', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0000000180000000' + '0000000000030001' }, want: { pgm: { code: 6, ilc: 0 }, ia: 0x30001 } },
  { name: 'loads mask, CC and address', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0000200180000000' + '0000000000030000' }, want: { ia: T, cc: 2, pswHi: 0x00002001 } },
  { name: 'EA without BA: early specification, ILC 0, old PSW is the new PSW', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0000000100000000' + '0000000000030000' }, want: { pgm: { code: 6, ilc: 0 }, ia: T } },
  { name: 'EX of LPSWE loading an invalid PSW: early specification, ILC 0, old PSW is the loaded PSW', asm: 'ex 0,0(%r11)', code: '4400b000', gr: { ...B, 11: BigInt(DATA + 0x100) }, mem: { [DATA]: '0008000180000000' + '0000000000030000', [DATA + 0x100]: 'b2b2a000' }, want: { pgm: { code: 6, ilc: 0 }, ia: T, pswHi: 0x00080001 } },
  { name: 'not doubleword aligned: specification', asm: 'lpswe 4(%r10)', code: 'b2b2a004', gr: B, want: { pgm: { code: 6 } } },
  { name: 'problem state: privileged operation', asm: 'lpswe 0(%r10)', code: 'b2b2a000', problem: true, gr: B, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'ESA/390 short PSW to 31-bit mode', asm: 'lpsw 0(%r10)', code: '8200a000', gr: B, mem: { [DATA]: '0008100080030000' }, want: { ia: T, amode: 31, cc: 1, pswHi: 0x00001000 } },
  { name: 'short PSW without bit 12: specification', asm: 'lpsw 0(%r10)', code: '8200a000', gr: B, mem: { [DATA]: '0000000080030000' }, want: { pgm: { code: 6 } } },
  { name: 'system mask from storage', asm: 'ssm 0(%r10)', code: '8000a000', gr: B, mem: { [DATA]: '03' }, want: { pswHi: 0x03000001 } },
  { name: 'AND: stores the old mask', asm: 'stnsm 0(%r10),0xfe', code: 'acfea000', mask: 0x03000000, gr: B, want: { pswHi: 0x02000001, mem: { [DATA]: '03' } } },
  { name: 'OR: stores the old mask', asm: 'stosm 0(%r10),0x01', code: 'ad01a000', gr: B, want: { pswHi: 0x01000001, mem: { [DATA]: '00' } } },
  { name: 'TAM in the 64-bit mode: CC 3', asm: 'tam', code: '010b', want: { cc: 3 } },
  { name: 'TAM in the 31-bit mode: CC 1', asm: 'tam', code: '010b', amode: 31, want: { cc: 1, amode: 31 } },
  { name: 'TAM in the 24-bit mode: CC 0', asm: 'tam', code: '010b', amode: 24, cc: 2, want: { cc: 0, amode: 24 } },
  { name: 'IAC: home space (PSW bits 16-17 = 11) into bits 54-55, CC 3', asm: 'iac %r2', code: 'b2240020', mask: 0x0000c000, gr: { 2: 0xffffffffffffffffn }, want: { cc: 3, gr: { 2: 0xffffffffffff0300n }, pswHi: 0x0000f001 } },
  { name: 'IAC in the problem state without extraction authority: privileged operation', asm: 'iac %r2', code: 'b2240020', problem: true, want: { pgm: { code: 2 }, pswHi: 0x00010001 } },
  { name: 'PSW bits 0-31 and 32-63 into low words', asm: 'epsw %r1,%r2', code: 'b98d0012', cc: 2, pm: 5, gr: { 1: 0x1100000000n, 2: 0x2200000000n }, want: { gr: { 1: 0x1100002501n, 2: 0x2280000000n } } },
  { name: 'CC and program mask into bits 34-39, bits 32-33 zero', asm: 'ipm %r1', code: 'b2220010', cc: 3, pm: 0xa, gr: { 1: -1n }, want: { gr: { 1: 0xffffffff3affffffn } } },
  { name: 'sets CC and program mask', asm: 'spm %r1', code: '0410', gr: { 1: 0x2c000000n }, want: { cc: 2, pm: 0xc } },
  { name: '24-bit mode', asm: 'sam24', code: '010c', want: { amode: 24 } },
  { name: '31-bit mode', asm: 'sam31', code: '010d', amode: 24, want: { amode: 31 } },
  { name: '64-bit mode', asm: 'sam64', code: '010e', amode: 31, want: { amode: 64 } },
  { name: 'interruption code and ILC, old PSW past SVC', asm: 'svc 5', code: '0a05', want: { svc: 5, mem: { 0x88: '00020005' } } },
  { name: 'PSW key from bits 56-59 of the address', asm: 'spka 0x30', code: 'b20a0030', want: { pswHi: 0x00300001 } },
  { name: 'problem state, key not in the PSW-key mask: privileged operation', asm: 'spka 0x10', code: 'b20a0010', problem: true, cr: { 3: 0x80000000n }, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'PSW key into GR2 bits 56-59', asm: 'ipk', code: 'b20b0000', key: 3, gr: { 2: -1n }, want: { gr: { 2: 0xffffffffffffff30n } } },
  // ---- control registers ----
  { name: 'two control registers', asm: 'lctlg %c1,%c2,0(%r10)', code: 'eb12a000002f', gr: B, mem: { [DATA]: '0000000000001000' + 'ffffffffffffffff' }, want: { cr: { 1: 0x1000n, 2: -1n } } },
  { name: 'problem state: privileged operation', asm: 'lctlg %c1,%c1,0(%r10)', code: 'eb11a000002f', problem: true, gr: B, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'wraps R3 < R1 through CR0', asm: 'stctg %c15,%c0,0(%r10)', code: 'ebf0a0000025', gr: B, cr: { 15: 0x1234n }, want: { mem: { [DATA]: '0000000000001234' + '00000000000400e0' } } },
  { name: 'low words, wrap', asm: 'lctl %c15,%c0,0(%r10)', code: 'b7f0a000', gr: B, cr: { 15: 0x5500000000n }, mem: { [DATA]: '00000001' + '00000002' }, want: { cr: { 15: 0x5500000001n, 0: 2n } } },
  { name: 'low words', asm: 'stctl %c0,%c1,0(%r10)', code: 'b601a000', gr: B, cr: { 1: 0x7700000009n }, want: { mem: { [DATA]: '000400e0' + '00000009' } } },
  { name: 'not word aligned: specification', asm: 'stctl %c0,%c0,2(%r10)', code: 'b600a002', gr: B, want: { pgm: { code: 6 } } },
  // ---- prefix, CPU address, facilities ----
  { name: 'sets the prefix (bits 1-18)', asm: 'spx 0(%r10)', code: 'b210a000', gr: B, mem: { [DATA]: '00041fff' }, want: { prefix: 0x40000 } },
  { name: 'prefix beyond storage: addressing', asm: 'spx 0(%r10)', code: 'b210a000', gr: B, mem: { [DATA]: '7fffe000' }, want: { pgm: { code: 5 } } },
  { name: 'stores the prefix', asm: 'stpx 0(%r10)', code: 'b211a000', prefix: 0x40000, gr: B, want: { mem: { [DATA]: '00040000' } } },
  { name: 'CPU address 0', asm: 'stap 0(%r10)', code: 'b212a000', gr: B, mem: { [DATA]: 'ffff' }, want: { mem: { [DATA]: '0000' } } },
  { name: 'not halfword aligned: specification', asm: 'stap 1(%r10)', code: 'b212a001', gr: B, want: { pgm: { code: 6 } } },
  { name: 'not doubleword aligned: specification', asm: 'stidp 4(%r10)', code: 'b202a004', gr: B, want: { pgm: { code: 6 } } },
  { name: 'z/Architecture (1, 2) and STFLE (7) announced at 200', asm: 'stfl 0; l %r1,200; nilf %r1,0x61000000', code: 'b2b10000 581000c8 c01b61000000', want: { cc: 1, gr: { 1: 0x61000000n } } },
  { name: 'one doubleword requested: CC 3, R0 = doublewords - 1', asm: 'stfle 0(%r10); lg %r1,0(%r10); srlg %r1,%r1,32; nilf %r1,0x61000000', code: 'b2b0a000 e310a0000004 eb110020000c c01b61000000', gr: B, want: { cc: 1, gr: { 0: 2n, 1: 0x61000000n } } },
  { name: 'enough doublewords: CC 0', asm: 'stfle 0(%r10)', code: 'b2b0a000', gr: { ...B, 0: 2n }, want: { cc: 0, gr: { 0: 2n } } },
  // ---- clocks and timers ----
  { name: 'successive values are unique and increasing', asm: 'stck 0(%r10); stck 8(%r10); clc 0(8,%r10),8(%r10)', code: 'b205a000 b205a008 d507a000a008', gr: B, want: { cc: 1 } },
  { name: 'fast store: not decreasing', asm: 'stckf 0(%r10); stck 8(%r10); clc 0(8,%r10),8(%r10)', code: 'b27ca000 b205a008 d507a000a008', gr: B, want: { cc: 1 } },
  { name: 'extended: epoch byte 0, TOD in bytes 1-8, programmable field last', asm: 'sckpf; stcke 0(%r10); stck 16(%r10); clc 1(8,%r10),16(%r10)', code: '0107 b278a000 b205a010 d507a001a010', gr: { ...B, 0: 0x1234n }, want: { cc: 1, mem: { [DATA + 14]: '1234' } } },
  { name: 'R0 bits 32-47 not zero: specification', asm: 'sckpf', code: '0107', gr: { 0: 0x10000n }, want: { pgm: { code: 6 } } },
  { name: 'clock set, then read from there', asm: 'sck 0(%r10); stck 8(%r10); clc 8(1,%r10),0(%r10)', code: 'b204a000 b205a008 d500a008a000', gr: B, mem: { [DATA]: '0100000000000000' }, want: { cc: 0 } },
  { name: 'clock comparator round trip', asm: 'sckc 0(%r10); stckc 8(%r10)', code: 'b206a000 b207a008', gr: B, mem: { [DATA]: '0123456789abcdef' }, want: { mem: { [DATA + 8]: '0123456789abcdef' } } },
  { name: 'CPU timer set, then read back decremented', asm: 'spt 0(%r10); stpt 8(%r10); clc 8(4,%r10),0(%r10)', code: 'b208a000 b209a008 d503a008a000', gr: B, mem: { [DATA]: '0123456789000000' }, want: { cc: 0 } },
  // ---- storage keys ----
  { name: 'sets ACC, F, R, C', asm: 'sske %r1,%r2', code: 'b22b0012', gr: { 1: 0x36n, 2: BigInt(T + 0x123) }, want: { skeys: { [T]: 0x36 } } },
  { name: 'key into bits 56-63, high part kept', asm: 'iske %r1,%r2', code: 'b2290012', gr: { 1: -1n, 2: BigInt(T) }, skeys: { [T]: 0x56 }, want: { gr: { 1: 0xffffffffffffff56n } } },
  { name: 'frame beyond storage: addressing', asm: 'iske %r1,%r2', code: 'b2290012', gr: { 2: 0x40000000n }, want: { pgm: { code: 5 } } },
  { name: 'problem state: privileged operation', asm: 'iske %r1,%r2', code: 'b2290012', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'R and C into CC, R reset', asm: 'rrbe %r1,%r2', code: 'b22a0012', gr: { 2: BigInt(T) }, skeys: { [T]: 0x16 }, want: { cc: 3, skeys: { [T]: 0x12 } } },
  { name: 'ACC and F only', asm: 'ivsk %r1,%r2', code: 'b2230012', gr: { 2: BigInt(T) }, skeys: { [T]: 0x5e }, want: { gr: { 1: 0x58n } } },
  { name: 'clears the block, GR0 zero', asm: 'tb %r1,%r2', code: 'b22c0012', gr: { 0: 5n, 2: BigInt(T + 8) }, mem: { [T]: 'ff', [T + 0xfff]: 'ff' }, want: { cc: 0, gr: { 0: 0n }, mem: { [T]: '00', [T + 0xfff]: '00' } } },
  { name: 'key 0: fetch and store permitted', asm: 'tprot 0(%r2),0', code: 'e50120000000', cc: 3, gr: { 2: BigInt(T) }, skeys: { [T]: 0x28 }, want: { cc: 0 } },
  { name: 'fetch-protected, other key: CC 2', asm: 'tprot 0(%r2),0x10', code: 'e50120000010', gr: { 2: BigInt(T) }, skeys: { [T]: 0x28 }, want: { cc: 2 } },
  { name: 'not fetch-protected, other key: CC 1', asm: 'tprot 0(%r2),0x20', code: 'e50120000020', gr: { 2: BigInt(T) }, skeys: { [T]: 0x10 }, want: { cc: 1 } },
  { name: 'matching key: CC 0', asm: 'tprot 0(%r2),0x20', code: 'e50120000020', cc: 1, gr: { 2: BigInt(T) }, skeys: { [T]: 0x28 }, want: { cc: 0 } },
  { name: 'low-address protection: CC 1', asm: 'tprot 0x100(%r0),0', code: 'e50101000000', cr: { 0: 0x100400e0n }, want: { cc: 1, cr: { 0: 0x100400e0n } } },
  { name: 'beyond storage: addressing', asm: 'tprot 0(%r2),0', code: 'e50120000000', gr: { 2: 0x40000000n }, want: { pgm: { code: 5 } } },
  // ---- DAT tables ----
  { name: 'sets the page-invalid bit', asm: 'ipte %r1,%r2', code: 'b2210012', gr: { 1: BigInt(T), 2: 0x5000n }, mem: { [T + 0x28]: '0000000000050000' }, want: { mem: { [T + 0x28]: '0000000000050400' } } },
  { name: 'sets the segment-invalid bit', asm: 'idte %r1,%r0,%r2', code: 'b98e0012', gr: { 1: BigInt(T), 2: 0x200000n }, mem: { [T + 0x10]: '0000000000040000' }, want: { mem: { [T + 0x10]: '0000000000040020' } } },
  { name: 'problem state: privileged operation', asm: 'ptlb', code: 'b20d0000', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'supervisor: no visible change', asm: 'ptlb', code: 'b20d0000', cc: 2, want: {} },
  // ---- LOAD/STORE USING REAL ADDRESS (POP ch. 10): R2 is a real address: prefixing applies, DAT does not ----
  { name: 'LURA loads a word from a real address', asm: 'lura %r2,%r4', code: 'b24b0024', gr: { 2: 0x1111111100000000n, 4: BigInt(T) }, mem: { [T]: 'a1b2c3d4' }, want: { gr: { 2: 0x11111111a1b2c3d4n } } },
  { name: 'LURAG loads a doubleword', asm: 'lurag %r2,%r4', code: 'b9050024', gr: { 4: BigInt(T) }, mem: { [T]: '0102030405060708' }, want: { gr: { 2: 0x0102030405060708n } } },
  { name: 'STURA stores bits 32-63 through prefixing (real 0x100 -> absolute prefix + 0x100)', asm: 'stura %r2,%r4', code: 'b2460024', prefix: 0x40000, gr: { 2: 0xffffffff01020304n, 4: 0x100n }, want: { mem: { [0x40100]: '01020304' } } },
  { name: 'STURG stores a doubleword', asm: 'sturg %r2,%r4', code: 'b9250024', gr: { 2: 0x0102030405060708n, 4: BigInt(T) }, want: { mem: { [T]: '0102030405060708' } } },
  { name: 'STURA not on a word boundary: specification', asm: 'stura %r2,%r4', code: 'b2460024', gr: { 4: BigInt(T + 2) }, want: { pgm: { code: 6 } } },
  { name: 'LURAG beyond storage: addressing', asm: 'lurag %r2,%r4', code: 'b9050024', gr: { 4: 0x7ffff000n }, want: { pgm: { code: 5 } } },
  { name: 'moves a page', asm: 'mvpg %r2,%r4', code: 'b2540024', gr: { 2: BigInt(T), 4: BigInt(T + 0x1000) }, mem: { [T + 0x1000]: 'a1a2', [T + 0x1ffe]: 'b1b2' }, want: { cc: 0, mem: { [T]: 'a1a2', [T + 0xffe]: 'b1b2' } } },
  { name: 'GR0 reserved bits: specification', asm: 'mvpg %r2,%r4', code: 'b2540024', gr: { 0: 0x10000n, 2: BigInt(T), 4: BigInt(T + 0x1000) }, want: { pgm: { code: 6 } } },
  // ---- service call, SIGP, DIAG, STSI ----
  { name: 'invalid command: response code 01F0, CC 0', asm: 'servc %r1,%r2', code: 'b2200012', gr: { 1: 0x12345678n, 2: BigInt(T) }, mem: { [T]: '0010' }, want: { cc: 0, mem: { [T + 6]: '01f0' } } },
  { name: 'SCCB not doubleword aligned: specification', asm: 'servc %r1,%r2', code: 'b2200012', gr: { 1: 0x00020001n, 2: BigInt(T + 4) }, want: { pgm: { code: 6 } } },
  { name: 'sense to an absent CPU: not operational', asm: 'sigp %r2,%r4,1', code: 'ae240001', gr: { 4: 5n }, want: { cc: 3 } },
  { name: 'problem state: privileged operation', asm: 'sigp %r2,%r4,1', code: 'ae240001', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'DIAG 44 (time-slice end): no visible change', asm: 'diag %r0,%r0,0x44', code: '83000044', cc: 1, want: {} },
  { name: 'problem state: privileged operation', asm: 'diag %r0,%r0,0x44', code: '83000044', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'unsupported function code: CC 3', asm: 'stsi 0(%r10)', code: 'b27da000', gr: { ...B, 0: 0x70000000n }, want: { cc: 3 } },
  // ---- channel subsystem ----
  { name: 'absent subchannel: CC 3', asm: 'stsch 0(%r10)', code: 'b234a000', gr: { ...B, 1: 0x0001ffffn }, want: { cc: 3 } },
  { name: 'not word aligned: specification', asm: 'msch 2(%r10)', code: 'b232a002', gr: { ...B, 1: 0x00010000n }, want: { pgm: { code: 6 } } },
  { name: 'invalid subsystem id: operand exception', asm: 'tsch 0(%r10)', code: 'b235a000', gr: { ...B, 1: 0x00000001n }, want: { pgm: { code: 0x15 } } },
  { name: 'absent CHPID: CC 3', asm: 'rchp', code: 'b23b0000', gr: { 1: 1n }, want: { cc: 3 } },
  { name: 'store channel-subsystem characteristics: response code 0001', asm: 'chsc %r2,%r4', code: 'b25f0024', gr: { 2: BigInt(T) }, mem: { [T]: '00100010' }, want: { cc: 0, mem: { [T + 0x10]: '0ff00001' } } },
  { name: 'request block not on a 4K boundary: specification', asm: 'chsc %r2,%r4', code: 'b25f0024', gr: { 2: BigInt(T + 8) }, want: { pgm: { code: 6 } } },
  { name: 'SIE not available: special operation', asm: 'sie 0(%r10)', code: 'b214a000', gr: B, want: { pgm: { code: 0x13 } } },
  // ---- EXECUTE of a privileged instruction ----
  { name: 'EX of SSKE in problem state: privileged operation, ILC of EX', asm: 'ex %r0,0(%r2)', code: '44002000', problem: true, gr: { 2: BigInt(CODE + 0x100) }, mem: { [CODE + 0x100]: 'b22b0012' }, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'above 16 MiB: specification, mode unchanged', asm: 'sam24', code: '010c', memMiB: 17, at: 0x1000000, want: { pgm: { code: 6 } } },
  { name: 'new prefix used by the next access to the lowcore', asm: 'spx 0(%r10); stpx 0x10(%r0)', code: 'b210a000 b2110010', gr: B, mem: { [DATA]: '00040000' }, want: { prefix: 0x40000, mem: { 0x40010: '00040000', 0x10: '00000000' } } },
  { name: 'R2 = 0: only R1 set', asm: 'epsw %r1,%r0', code: 'b98d0010', gr: { 0: 0x77n }, want: { gr: { 1: 0x00000001n } } },
  { name: 'STFLE not doubleword aligned: specification', asm: 'stfle 4(%r10)', code: 'b2b0a004', gr: B, want: { pgm: { code: 6 } } },
  { name: 'problem state without extraction authority: privileged operation', asm: 'ipk', code: 'b20b0000', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'problem state with extraction authority (CR0 bit 36)', asm: 'ipk', code: 'b20b0000', problem: true, key: 8, cr: { 0: 0x080400e0n }, want: { gr: { 2: 0x80n }, pswHi: 0x00810001, cr: { 0: 0x080400e0n } } },
  { name: 'problem state without extraction authority: privileged operation', asm: 'ivsk %r1,%r2', code: 'b2230012', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
  { name: 'problem state with extraction authority', asm: 'ivsk %r1,%r2', code: 'b2230012', problem: true, cr: { 0: 0x080400e0n }, gr: { 2: BigInt(T) }, skeys: { [T]: 0x38 }, want: { gr: { 1: 0x38n }, pswHi: 0x00010001, cr: { 0: 0x080400e0n } } },
  { name: 'sense to the operating self: order accepted', asm: 'sigp %r2,%r4,1', code: 'ae240001', cc: 2, gr: { 2: 0x5500000000n }, want: { cc: 0 } },
  { name: 'unassigned order: CC 1, invalid-order status in R1 bits 32-63', asm: 'sigp %r2,%r4,0x7f', code: 'ae24007f', gr: { 2: 0x55ffffffffn }, want: { cc: 1, gr: { 2: 0x5500000002n } } },
  { name: 'sense running status of the running self: CC 0', asm: 'sigp %r2,%r4,21', code: 'ae240015', cc: 2, want: { cc: 0 } },
  { name: '24-bit PSW with an address above 16 MiB: early specification, ILC 0', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0000000000000000' + '0000000001000000' }, want: { pgm: { code: 6, ilc: 0 }, ia: 0x1000000, amode: 24 } },
  { name: '31-bit PSW', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0000100080000000' + '0000000000030000' }, want: { ia: T, amode: 31, cc: 1, pswHi: 0x00001000 } },
  { name: 'PSW bit 12 set: early specification, ILC 0, old PSW is the new PSW', asm: 'lpswe 0(%r10)', code: 'b2b2a000', gr: B, mem: { [DATA]: '0008000180000000' + '0000000000030000' }, want: { pgm: { code: 6, ilc: 0 }, ia: T, pswHi: 0x00080001 } },
  { name: 'prefix just past the end of storage: addressing', asm: 'spx 0(%r10)', code: 'b210a000', gr: B, mem: { [DATA]: '00200000' }, want: { pgm: { code: 5 } } },
  { name: 'SSKE then ISKE: the key reads back', asm: 'sske %r1,%r3; iske %r4,%r3', code: 'b22b0013 b2290043', gr: { 1: 0x30n, 3: 0x5000n }, want: { gr: { 4: 0x30n }, skeys: { 0x5000: 0x30 } } },
  // ---- MONITOR CALL (CR8 bits 48-63 are the class masks) and LOAD REAL ADDRESS ----
  { name: 'class masked off: no interruption', asm: 'mc 0x100(%r10),3', code: 'af03a100', gr: B, want: {} },
  { name: 'class enabled: monitor event (completing), class and code in the lowcore', asm: 'mc 0x100(%r10),3', code: 'af03a100', gr: B, cr: { 8: 0x1000n }, want: { pgm: { code: 0x40 }, mem: { 0x94: '0003', 0xb0: '0000000000020100' } } },
  { name: 'class above 15: specification', asm: 'mc 0,16', code: 'af100000', want: { pgm: { code: 6 } } },
  { name: 'LRAG: translated (DAT off in the PSW)', asm: 'lrag %r1,0x123(%r2)', code: 'e31021230003', ...LRA_DAT, gr: { 2: 0x30000n }, want: { cc: 0, gr: { 1: 0x50123n } } },
  { name: 'LRA: segment-table entry invalid: CC 1, its address', asm: 'lra %r1,0(%r2)', code: 'b1102000', ...LRA_DAT, gr: { 1: 0xaaaaaaaa00000000n, 2: 0x100000n }, want: { cc: 1, gr: { 1: 0xaaaaaaaa00040008n } } },
  { name: 'LRAY: page-table entry invalid: CC 2, its address', asm: 'lray %r1,0(%r2)', code: 'e31020000013', ...LRA_DAT, gr: { 2: 0x31000n }, want: { cc: 2, gr: { 1: 0x41188n } } },
  { name: 'LRAG: beyond the segment-table length: CC 3, bit 32 and the code', asm: 'lrag %r1,0(%r2)', code: 'e31020000003', ...LRA_DAT, gr: { 2: 0x40000000n }, want: { cc: 3, gr: { 1: 0x80000010n } } },
  { name: 'LRA in problem state: privileged operation', asm: 'lra %r1,0(%r2)', code: 'b1102000', problem: true, want: { ...PRIV, pswHi: 0x00010001 } },
]

runGroup('control', CASES)
