// POP ch. 14, I/O instructions, on the channel subsystem of devices/css.ts: START SUBCHANNEL with format-0/1 channel
// programs (SENSE ID, NOP, TIC, command reject, program check), TEST SUBCHANNEL's IRB, CLEAR/HALT/CANCEL/RESUME,
// TEST PENDING INTERRUPTION, the I/O interruption through the lowcore, channel reports, the channel monitor (format-0
// and format-1 measurement blocks) and the validity checks (specification, operand, CC 3) in QEMU's order.
import { describe, expect, it } from 'vitest'
import { CODE, DATA, PGM_TRAP, execute, prepare, runGroup, type Before, type Case } from './harness.ts'
import { VirtioCcwDevice } from '@core/emulator/devices/ccw-device.ts'
import { PSW_IO } from '@core/emulator/cpu/constants.ts'
import type { Cpu } from '@core/emulator/cpu/cpu.ts'
import { configFrom } from '@core/emulator/boot.ts'
import { Machine } from '@core/emulator/machine.ts'

const SID = 0x00010000n
const ORB = DATA + 0x100
const CCWS = DATA + 0x200
const BUF = DATA + 0x300
const IRB = DATA + 0x400
const MB = DATA + 0x800
const R = { 1: SID, 10: BigInt(DATA), 11: BigInt(ORB), 12: BigInt(IRB) }
const h8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0')
/** SCHIB for MSCH: enabled, ISC 0, nothing else. */
const ENABLE = '00000000 00800000'
/** ORB: interruption parameter, format-1 CCWs, LPM 80, channel program at CCWS. */
const ORB1 = `12345678 00808000 ${h8(CCWS)}`
/** Format-1 SENSE ID of 256 bytes with SLI into BUF. */
const SENSE_ID = `e4200100 ${h8(BUF)}`
const SENSE_DATA = 'ff383201 00000000'

// ---- without a device: validity checks and "not operational" ----
const CASES: Case[] = [
  { name: 'ORB not word aligned: specification', asm: 'ssch 2(%r11)', code: 'b233b002', gr: R, want: { pgm: { code: 6 } } },
  { name: 'no such subchannel: CC 3', asm: 'ssch 0(%r11)', code: 'b233b000', gr: R, mem: { [ORB]: ORB1 }, want: { cc: 3 } },
  { name: 'invalid ORB (reserved bits): operand', asm: 'ssch 0(%r11)', code: 'b233b000', gr: R, mem: { [ORB]: 'ffffffff ffffffff ffffffff ffffffff' }, want: { pgm: { code: 0x15 } } },
  { name: 'ORB channel-program address bit 0: operand', asm: 'ssch 0(%r11)', code: 'b233b000', gr: R, mem: { [ORB]: `12345678 00808000 ${h8(CCWS | 0x80000000)}` }, want: { pgm: { code: 0x15 } } },
  { name: 'SID bit 47 zero: operand', asm: 'ssch 0(%r11)', code: 'b233b000', gr: { ...R, 1: 0xffffn }, mem: { [ORB]: ORB1 }, want: { pgm: { code: 0x15 } } },
  { name: 'no such subchannel: CC 3', asm: 'csch', code: 'b2300000', gr: R, want: { cc: 3 } },
  { name: 'invalid SID: operand', asm: 'csch', code: 'b2300000', gr: { 1: 1n }, want: { pgm: { code: 0x15 } } },
  { name: 'no such subchannel: CC 3', asm: 'hsch', code: 'b2310000', gr: R, want: { cc: 3 } },
  { name: 'no such subchannel: CC 3', asm: 'xsch', code: 'b2760000', gr: R, want: { cc: 3 } },
  { name: 'no such subchannel: CC 3', asm: 'rsch', code: 'b2380000', gr: R, want: { cc: 3 } },
  { name: 'CSS id without the M bit: operand', asm: 'rsch', code: 'b2380000', gr: { 1: 0xfe010000n }, want: { pgm: { code: 0x15 } } },
  { name: 'nothing pending: CC 0, nothing stored', asm: 'tpi 0(%r12)', code: 'b236c000', gr: R, cr: { 6: 0xff000000n }, mem: { [IRB]: 'ffffffff' }, want: { cc: 0 } },
  { name: 'not word aligned: specification', asm: 'tpi 2(%r12)', code: 'b236c002', gr: R, want: { pgm: { code: 6 } } },
  { name: 'no report pending: CC 1, zeros stored', asm: 'stcrw 0(%r12)', code: 'b239c000', gr: R, mem: { [IRB]: 'feedc0fe' }, want: { cc: 1, mem: { [IRB]: '00000000' } } },
  { name: 'not word aligned: specification', asm: 'stcrw 1(%r12)', code: 'b239c001', gr: R, want: { pgm: { code: 6 } } },
  { name: 'reserved flag bits in GR1: operand', asm: 'schm', code: 'b23c0000', gr: { 1: 0xfffffffcn }, want: { pgm: { code: 0x15 } } },
  { name: 'update with GR2 bits 59-63 set: operand', asm: 'schm', code: 'b23c0000', gr: { 1: 2n, 2: 1n }, want: { pgm: { code: 0x15 } } },
  { name: 'update without origin: accepted, CC unchanged', asm: 'schm', code: 'b23c0000', cc: 2, gr: { 1: 2n }, want: {} },
  { name: 'bit 32 of GR1: operand', asm: 'sal', code: 'b2370000', gr: { 1: 0x80000000n }, want: { pgm: { code: 0x15 } } },
  { name: 'low halfword of GR1 not zero: operand', asm: 'sal', code: 'b2370000', gr: { 1: 1n }, want: { pgm: { code: 0x15 } } },
  { name: 'valid: no limit checking, nothing changes', asm: 'sal', code: 'b2370000', gr: { 1: 0x10000n }, want: {} },
  { name: 'request length not a multiple of 8 in 16..4088: operand', asm: 'chsc %r2,%r4', code: 'b25f0024', gr: { 2: 0x30000n }, mem: { [0x30000]: '00080010' }, want: { pgm: { code: 0x15 } } },
  { name: 'command not installed: response code 0004, length 8', asm: 'chsc %r2,%r4', code: 'b25f0024', gr: { 2: 0x30000n }, mem: { [0x30000]: '00100099', [0x30010]: 'ffffffff ffffffff ffffffff' }, want: { cc: 0, mem: { [0x30010]: '00080004 00000000 ffffffff' } } },
  { name: 'store channel-path description without devices: no descriptor', asm: 'chsc %r2,%r4', code: 'b25f0024', gr: { 2: 0x30000n }, mem: { [0x30000]: '00100002 00000000 000000ff' }, want: { cc: 0, mem: { [0x30010]: '00080001 00000000' } } },
  { name: 'problem state: privileged operation', asm: 'ssch 0(%r11)', code: 'b233b000', problem: true, gr: R, want: { pgm: { code: 2 }, pswHi: 0x00010001 } },
  { name: 'problem state: privileged operation', asm: 'schm', code: 'b23c0000', problem: true, want: { pgm: { code: 2 }, pswHi: 0x00010001 } },
]
runGroup('I/O instructions without devices', CASES)

// ---- with a virtio-net-ccw device on subchannel 0.0.0000 ----
interface Scenario extends Before {
  name: string
  asm: string
  code: string
  want: { cc?: number; mem?: Readonly<Record<number, string>>; pgm?: number }
}

function withDevice(b: Before, code: string): { c: Cpu; m: ReturnType<typeof prepare>['m']; end: number } {
  const { m, c, end } = prepare(b, code)
  m.css.addDevice(new VirtioCcwDevice('virtio-net-ccw', 0))
  return { m, c, end }
}
function hexAt(c: Cpu, a: number, n: number): string {
  return Array.from(c.u8.subarray(a, a + n), (x) => x.toString(16).padStart(2, '0')).join('')
}
const bare = (s: string): string => s.replace(/\s+/g, '')
const cc = (c: Cpu): number => (c.pswHi() >>> 12) & 3

const SCENARIOS: Scenario[] = [
  {
    name: 'SENSE ID: data, IRB with primary+secondary status, channel end + device end, residual 0, CPA past the CCW',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [BUF]: SENSE_DATA, [IRB]: `0080 4007 ${h8(CCWS + 8)} 0c00 0000 00800000` } },
  },
  {
    name: 'the status is cleared by TSCH: a second TSCH gives CC 1 and an idle SCSW',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 1, mem: { [IRB]: `0080 0000 ${h8(CCWS + 8)} 0c00 0000` } },
  },
  {
    name: 'format-0 program: NOP chained, TIC, SENSE ID of 8 bytes with SLI',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: `12345678 00008000 ${h8(CCWS)}`, [CCWS]: `03000000 40000001 08${h8(CCWS + 0x20).slice(2)} 00000000`, [CCWS + 0x20]: `e4${h8(BUF).slice(2)} 20000008` },
    want: { cc: 0, mem: { [BUF]: SENSE_DATA + '00000000', [IRB]: `0000 4007 ${h8(CCWS + 0x28)} 0c00 0000` } },
  },
  {
    name: 'SENSE ID of 4 bytes with SLI: residual 0, only 4 bytes stored',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: `e4200004 ${h8(BUF)}`, [BUF]: '5555555555555555' },
    want: { cc: 0, mem: { [BUF]: 'ff38320155555555', [IRB]: `0080 4007 ${h8(CCWS + 8)} 0c00 0000` } },
  },
  {
    name: 'SENSE ID with a short count and no SLI: channel-program check with alert status',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: `e4000008 ${h8(BUF)}` },
    want: { cc: 0, mem: { [BUF]: '0000000000000000', [IRB]: `0080 4017 ${h8(CCWS + 8)} 0020 0000` } },
  },
  {
    name: 'device-specific command the device rejects: unit check with alert status',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: `01200010 ${h8(BUF)}` },
    want: { cc: 0, mem: { [IRB]: `0080 4017 ${h8(CCWS + 8)} 0200 0000 00800000` } },
  },
  {
    name: 'BASIC SENSE after a command reject: sense byte 0 = 80 (command reject), 32 bytes, then cleared',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12); ssch 0(%r9); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000 b2339000 b235c000',
    gr: { ...R, 9: BigInt(ORB + 0x20) },
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [ORB + 0x20]: `12345678 00808000 ${h8(CCWS + 0x40)}`, [CCWS]: `01200010 ${h8(BUF)}`, [CCWS + 0x40]: `04200020 ${h8(BUF)}`, [BUF + 32]: 'aa' },
    want: { cc: 0, mem: { [BUF]: '80' + '00'.repeat(31) + 'aa', [IRB]: `0080 4007 ${h8(CCWS + 0x48)} 0c00 0000 00800000` } },
  },
  {
    name: 'ORB without path 80 in the LPM: deferred CC 3 in the SCSW',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: `12345678 00804000 ${h8(CCWS)}`, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [IRB]: '0300 4411 00000000 0000 0000' } },
  },
  {
    name: 'subchannel not enabled: CC 3',
    asm: 'ssch 0(%r11)',
    code: 'b233b000',
    gr: R,
    mem: { [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 3 },
  },
  {
    name: 'status pending: a second SSCH gives CC 1, MSCH CC 1',
    asm: 'msch 0(%r10); ssch 0(%r11); ssch 0(%r11); msch 0(%r10)',
    code: 'b232a000 b233b000 b233b000 b232a000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 1 },
  },
  {
    name: 'CSCH: clear function with status pending, no device status',
    asm: 'msch 0(%r10); csch; tsch 0(%r12)',
    code: 'b232a000 b2300000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE },
    want: { cc: 0, mem: { [IRB]: '0000 1001 00000000 0000 0000 00800000' } },
  },
  {
    name: 'HSCH on an idle subchannel: halt function, device end',
    asm: 'msch 0(%r10); hsch; tsch 0(%r12)',
    code: 'b232a000 b2310000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE },
    want: { cc: 0, mem: { [IRB]: '0000 2001 00000000 0400 0000 00800000' } },
  },
  {
    name: 'HSCH while status is pending: CC 1',
    asm: 'msch 0(%r10); ssch 0(%r11); hsch',
    code: 'b232a000 b233b000 b2310000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 1 },
  },
  {
    name: 'XSCH with no start function: CC 2',
    asm: 'msch 0(%r10); xsch',
    code: 'b232a000 b2760000',
    gr: R,
    mem: { [DATA]: ENABLE },
    want: { cc: 2 },
  },
  {
    name: 'RSCH with no suspended program: CC 2',
    asm: 'msch 0(%r10); rsch',
    code: 'b232a000 b2380000',
    gr: R,
    mem: { [DATA]: ENABLE },
    want: { cc: 2 },
  },
  {
    name: 'suspend flag allowed by the ORB: suspended; RSCH refetches the CCW, S still set, suspends again',
    asm: 'msch 0(%r10); ssch 0(%r11); rsch; tsch 0(%r12)',
    code: 'b232a000 b233b000 b2380000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: `12345678 08808000 ${h8(CCWS)}`, [CCWS]: `e4220100 ${h8(BUF)}` },
    want: { cc: 1, mem: { [BUF]: '00', [IRB]: '0080 4020 00000000 0000 0000' } },
  },
  {
    name: 'suspended program: the S flag cleared in the CCW, RSCH runs it to completion',
    asm: 'msch 0(%r10); ssch 0(%r11); ni 1(%r13),0xfd; rsch; tsch 0(%r12)',
    code: 'b232a000 b233b000 94fdd001 b2380000 b235c000',
    gr: { ...R, 13: BigInt(CCWS) },
    mem: { [DATA]: ENABLE, [ORB]: `12345678 08808000 ${h8(CCWS)}`, [CCWS]: `e4220100 ${h8(BUF)}` },
    want: { cc: 0, mem: { [BUF]: SENSE_DATA, [IRB]: `0080 4007 ${h8(CCWS + 8)} 0c00 0000` } },
  },
  {
    name: 'suspend flag not allowed by the ORB: channel-program check',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000',
    gr: R,
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: `e4220100 ${h8(BUF)}` },
    want: { cc: 0, mem: { [IRB]: `0080 4017 ${h8(CCWS + 8)} 0020 0000` } },
  },
  {
    name: 'TPI with the ISC enabled in CR6: CC 1, SID and interruption parameter stored, request cleared',
    asm: 'msch 0(%r10); ssch 0(%r11); tpi 0(%r12); tpi 8(%r12)',
    code: 'b232a000 b233b000 b236c000 b236c008',
    gr: R,
    cr: { 6: 0x80000000n },
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID, [IRB + 8]: 'eeeeeeee' },
    want: { cc: 0, mem: { [IRB]: '00010000 12345678 eeeeeeee' } },
  },
  {
    name: 'TPI with the ISC masked in CR6: nothing',
    asm: 'msch 0(%r10); ssch 0(%r11); tpi 0(%r12)',
    code: 'b232a000 b233b000 b236c000',
    gr: R,
    cr: { 6: 0x40000000n },
    mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [IRB]: '00000000' } },
  },
  {
    name: 'TPI to address 0: interruption code into the lowcore at B8',
    asm: 'msch 0(%r10); ssch 0(%r11); tpi 0',
    code: 'b232a000 b233b000 b2360000',
    gr: R,
    cr: { 6: 0xff000000n },
    mem: { [DATA]: '00000000 18800000', [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 1, mem: { [0xb8]: '00010000 12345678 18000000' } },
  },
  {
    name: 'RCHP of the installed path: one solicited channel-path report, then none',
    asm: 'rchp; stcrw 0(%r12); stcrw 4(%r12)',
    code: 'b23b0000 b239c000 b239c004',
    gr: { 12: BigInt(IRB) },
    mem: { [IRB]: 'ffffffff ffffffff' },
    want: { cc: 1, mem: { [IRB]: '44020000 00000000' } },
  },
  {
    name: 'RCHP with reserved bits: operand',
    asm: 'rchp',
    code: 'b23b0000',
    gr: { 1: 0x100n },
    want: { pgm: 0x15 },
  },
  {
    name: 'channel monitor format 0: the SSCH count of block MBI 1 in the SCHM area',
    asm: 'schm; lr %r1,%r9; msch 0(%r10); ssch 0(%r11); tsch 0(%r12); ssch 0(%r11); tsch 0(%r12)',
    code: 'b23c0000 1819 b232a000 b233b000 b235c000 b233b000 b235c000',
    gr: { ...R, 1: 2n, 2: BigInt(MB), 9: SID },
    mem: { [DATA]: '00000000 00900000 00000000 00010000', [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [MB]: '0000', [MB + 32]: '0002' } },
  },
  {
    name: 'channel monitor format 1: the count in the subchannel block at the MBA',
    asm: 'schm; lr %r1,%r9; msch 0(%r10); ssch 0(%r11); tsch 0(%r12)',
    code: 'b23c0000 1819 b232a000 b233b000 b235c000',
    gr: { ...R, 1: 2n, 9: SID },
    mem: { [DATA]: '00000000 00900000', [DATA + 24]: '00000004', [DATA + 40]: `00000000 ${h8(MB + 64)}`, [ORB]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [MB + 64]: '00000001' } },
  },
  {
    name: 'format-1 measurement block not on 64 bytes: MSCH operand exception',
    asm: 'msch 0(%r10)',
    code: 'b232a000',
    gr: R,
    mem: { [DATA]: '00000000 00900000', [DATA + 24]: '00000004', [DATA + 40]: `00000000 ${h8(MB + 65)}` },
    want: { pgm: 0x15 },
  },
  {
    name: 'CHSC store channel-path description: CHPID 00 of type 32 (format 0), as QEMU 7.2 answers',
    asm: 'chsc %r2,%r4',
    code: 'b25f0024',
    gr: { 2: 0x30000n },
    mem: { [0x30000]: '00100002 00000000 000000ff' },
    want: { cc: 0, mem: { [0x30010]: '00100001 00000000 80003200 00000000' } },
  },
  {
    name: 'initial SCHIB as QEMU 7.2 stores it after its start-up reset: DNV, device 0000, LPM/PIM/PAM 80, POM ff, CHPID 00',
    asm: 'stsch 0(%r12)',
    code: 'b234c000',
    gr: R,
    mem: { [IRB]: 'ffffffff'.repeat(13) },
    want: { cc: 0, mem: { [IRB]: '00000000 00010000 80000080 0000ff80' + '00000000'.repeat(9) } },
  },
  {
    name: 'TSCH of a subchannel that is not enabled: CC 3, IRB untouched',
    asm: 'tsch 0(%r12)',
    code: 'b235c000',
    gr: R,
    mem: { [IRB]: 'eeeeeeee' },
    want: { cc: 3, mem: { [IRB]: 'eeeeeeee' } },
  },
  {
    name: 'deferred CC 3 leaves the SCSW CC bits set in later SCSWs (QEMU 7.2): next SENSE ID IRB flags 0380',
    asm: 'msch 0(%r10); ssch 0(%r11); tsch 0(%r12); ssch 0(%r9); tsch 0(%r12)',
    code: 'b232a000 b233b000 b235c000 b2339000 b235c000',
    gr: { ...R, 9: BigInt(ORB + 0x20) },
    mem: { [DATA]: ENABLE, [ORB]: `12345678 00804000 ${h8(CCWS)}`, [ORB + 0x20]: ORB1, [CCWS]: SENSE_ID },
    want: { cc: 0, mem: { [IRB]: `0380 4007 ${h8(CCWS + 8)} 0c00 0000 00800000` } },
  },
  {
    name: 'MSCH: bit 5 of the flags is ignored (stored as zero), DNV kept, interruption parameter round trip',
    asm: 'msch 0(%r10); stsch 0(%r12)',
    code: 'b232a000 b234c000',
    gr: R,
    mem: { [DATA]: 'abcdef01 04800000' },
    want: { cc: 0, mem: { [IRB]: 'abcdef01 00810000 00000080 00000080 00000000 00000000 00000000' } },
  },
]

describe('I/O instructions with a virtio-net-ccw device', () => {
  it.each(SCENARIOS.map((k) => [`${k.asm} — ${k.name}`, k] as const))('%s', (_title, k) => {
    const { c, end } = withDevice(k, k.code)
    execute(c, end)
    if (k.want.pgm !== undefined) {
      expect(c.ia).toBe(PGM_TRAP)
      expect(c.dv.getUint16(0x8e)).toBe(k.want.pgm)
    } else {
      expect(c.ia).toBe(end)
    }
    if (k.want.cc !== undefined) expect(cc(c)).toBe(k.want.cc)
    for (const [a, hex] of Object.entries(k.want.mem ?? {})) expect(hexAt(c, Number(a), bare(hex).length / 2)).toBe(bare(hex))
  })

  it('SSCH makes an I/O interruption pending; it is taken through 170/1F0 with the SID, parameter and word at B8', () => {
    const loop = 0x30000
    const { m, c } = withDevice(
      {
        gr: R,
        cr: { 6: 0x80000000n },
        mask: PSW_IO,
        mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID, [0x1f0]: `00000001 80000000 00000000 ${h8(loop)}`, [loop]: 'a7f40000' },
      },
      'b232a000 b233b000 a7f40000',
    )
    m.run(100)
    expect(c.ia).toBe(loop)
    expect(hexAt(c, 0xb8, 12)).toBe('000100001234567800000000')
    // Old PSW: I/O mask on, CC 0 from SSCH, 64-bit, at the loop after SSCH.
    expect(hexAt(c, 0x170, 16)).toBe(`0200000180000000 00000000${h8(CODE + 8)}`.replace(' ', ''))
    // The status stays pending for TSCH after the interruption.
    expect(m.css.ioPending).toBe(false)
  })

  it('an I/O interruption for a masked ISC stays pending until CR6 enables it', () => {
    const loop = 0x30000
    const { m, c } = withDevice(
      {
        gr: R,
        cr: { 6: 0x40000000n },
        mask: PSW_IO,
        mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID, [0x1f0]: `00000001 80000000 00000000 ${h8(loop)}`, [loop]: 'a7f40000' },
      },
      'b232a000 b233b000 a7f40000',
    )
    m.run(100)
    expect(c.ia).toBe(CODE + 8)
    expect(m.css.ioPending).toBe(true)
    c.crl[6] = 0x80000000 | 0
    c.brk = true
    m.run(10)
    expect(c.ia).toBe(loop)
    expect(m.css.ioPending).toBe(false)
  })

  it('an enabled wait PSW is ended by the I/O interruption (the old PSW is the wait PSW, wait bit included)', () => {
    const loop = 0x30000
    const { m, c } = withDevice(
      {
        cr: { 6: 0x80000000n },
        mem: { [DATA]: ENABLE, [ORB]: ORB1, [CCWS]: SENSE_ID, [DATA + 0x600]: `02020001 80000000 00000000 ${h8(CODE + 12)}`, [0x1f0]: `00000001 80000000 00000000 ${h8(loop)}`, [loop]: 'a7f40000' },
        gr: { ...R, 13: BigInt(DATA + 0x600) },
      },
      // msch; ssch; lpswe 0(%r13): wait with I/O enabled
      'b232a000 b233b000 b2b2d000',
    )
    const r = m.run(100)
    expect(r.ended).toBeNull()
    expect(c.ia).toBe(loop)
    expect(hexAt(c, 0x170, 8)).toBe('0202000180000000')
  })
})

describe('channel-subsystem reset', () => {
  it('a subsystem reset disables the subchannel, drops status, reports and pending I/O interruptions', () => {
    const { m, c, end } = withDevice({ gr: R, mem: { [DATA]: '00000000 18800000', [ORB]: ORB1, [CCWS]: SENSE_ID } }, 'b232a000 b233b000 b23b0000')
    c.rl[1] = 0x00010000
    execute(c, end - 4)
    c.rl[1] = 0
    execute(c, end)
    expect(m.css.ioPending).toBe(true)
    m.css.reset()
    expect(m.css.ioPending).toBe(false)
    // STSCH and STCRW afterwards: reset SCHIB, no report.
    m.storage.u8.set([0xb2, 0x34, 0xc0, 0x00, 0xb2, 0x39, 0xc1, 0x00], end)
    c.rl[1] = 0x00010000
    execute(c, end + 8)
    expect(hexAt(c, IRB, 16)).toBe('0000000000010000800000800000ff80')
    expect(hexAt(c, IRB + 28, 4)).toBe('00000000')
    expect(cc(c)).toBe(1)
  })
})

describe('virtio-ccw devices from qemu_params', () => {
  it('-device virtio-*-ccw creates one subchannel each in order; other devices add none', () => {
    const cfg = configFrom({ qemuParams: '-device virtio-net-ccw -device diag288,id=w -device virtio-blk-ccw,devno=fe.0.0001' })
    expect(cfg.ccwDevices).toEqual(['virtio-net-ccw', 'virtio-blk-ccw'])
    expect(configFrom({ qemuParams: '-smp 2' }).ccwDevices).toEqual([])
  })

  it('STSCH walks the subchannels: device numbers 0000, 0001, then CC 3; SENSE ID gives the virtio device id', () => {
    const m = new Machine(configFrom({ memMiB: 2, qemuParams: '-device virtio-net-ccw -device virtio-blk-ccw' }))
    const c = m.cpus[0]!
    const code = 'b234a000 b234b000 b234c000'
    m.storage.u8.set(Uint8Array.from(bare(code).match(/../g)!, (x) => parseInt(x, 16)), CODE)
    c.stopped = false
    c.loadPsw(0x00000001, 0x80000000, CODE)
    const sch = [DATA, DATA + 0x100, DATA + 0x200]
    c.rl[10] = sch[0]!
    c.rl[11] = sch[1]!
    c.rl[12] = sch[2]!
    c.rl[1] = 0x00010000
    c.run(1)
    expect(cc(c)).toBe(0)
    c.rl[1] = 0x00010001
    c.run(1)
    expect(cc(c)).toBe(0)
    c.rl[1] = 0x00010002
    c.run(1)
    expect(cc(c)).toBe(3)
    expect(hexAt(c, sch[0]! + 4, 4)).toBe('00010000')
    expect(hexAt(c, sch[1]! + 4, 4)).toBe('00010001')
    expect(hexAt(c, sch[2]!, 4)).toBe('00000000')
    const id = new VirtioCcwDevice('virtio-blk-ccw', 1).senseId()
    expect(id.length).toBe(256)
    expect(Array.from(id.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join('')).toBe('ff38320200000000')
  })
})
