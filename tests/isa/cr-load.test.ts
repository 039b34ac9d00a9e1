// Loading control registers flushes cached translations exactly when one they depend on (CR0 bits 0-47, the ASCEs
// in CR1/CR7/CR13) changes its value: the interruption handlers of the kvm-unit-tests library reload CR0-CR15 with
// the values they saved, which must keep translating through the same tables, while a load that changes an ASCE,
// alone or inside a range, makes the next access use the new tables (the 64-bit and the 32-bit load).
import { CODE, DATA, runGroup, type Case } from './harness.ts'

const PSW_DAT = 0x04000000
const B = { 10: BigInt(DATA), 3: BigInt(CODE + 0x800) }
/** Segment table at 0x40000: code page identity, DATA -> frame 0x50000. Second table at 0x44000: DATA -> 0x52000. */
const TABLES = { 0x40000: '0000000000041000', 0x41080: '0000000000010000', 0x41100: '0000000000050000' }
const TABLES2 = { 0x44000: '0000000000045000', 0x45080: '0000000000010000', 0x45100: '0000000000052000' }
const DATA_AT = { 0x50000: '00000001', 0x52000: '00000002' }
const DAT = { mask: PSW_DAT, cr: { 1: 0x40000n } }
/** CR0-CR15 as the harness sets them (CR0 0x400e0, CR14 0xc2000000) with CR1 = `cr1`, as 16 doublewords. */
const crs = (cr1: number): string =>
  Array.from({ length: 16 }, (_, r) => (r === 0 ? 0x400e0 : r === 1 ? cr1 : r === 14 ? 0xc2000000 : 0).toString(16).padStart(16, '0')).join('')

const CASES: Case[] = [
  {
    name: 'LCTLG CR0-CR15 with the values they hold: the next access translates as before',
    asm: 'l %r1,0(%r10); lctlg %c0,%c15,0(%r3); l %r2,0(%r10)',
    code: '5810a000 eb0f3000002f 5820a000',
    ...DAT,
    gr: B,
    mem: { ...TABLES, ...TABLES2, ...DATA_AT, [CODE + 0x800]: crs(0x40000) },
    want: { gr: { 1: 1n, 2: 1n }, cr: { 0: 0x400e0n, 1: 0x40000n, 14: 0xc2000000n }, pswHi: 0x04000001 },
  },
  {
    name: 'LCTLG CR0-CR15 with a new CR1: the next access uses the new tables',
    asm: 'l %r1,0(%r10); lctlg %c0,%c15,0(%r3); l %r2,0(%r10)',
    code: '5810a000 eb0f3000002f 5820a000',
    ...DAT,
    gr: B,
    mem: { ...TABLES, ...TABLES2, ...DATA_AT, [CODE + 0x800]: crs(0x44000) },
    want: { gr: { 1: 1n, 2: 2n }, cr: { 0: 0x400e0n, 1: 0x44000n, 14: 0xc2000000n }, pswHi: 0x04000001 },
  },
  {
    name: 'LCTL of CR1 (low word) with a new table origin: the next access uses the new tables',
    asm: 'l %r1,0(%r10); lctl %c1,%c1,0(%r3); l %r2,0(%r10)',
    code: '5810a000 b7113000 5820a000',
    ...DAT,
    gr: B,
    mem: { ...TABLES, ...TABLES2, ...DATA_AT, [CODE + 0x800]: '00044000' },
    want: { gr: { 1: 1n, 2: 2n }, cr: { 1: 0x44000n }, pswHi: 0x04000001 },
  },
  {
    name: 'LCTLG of CR1 with the value it holds, then IPTE: the invalidation still reaches the cached translation',
    asm: 'l %r1,0(%r10); lctlg %c1,%c1,0(%r3); ipte %r4,%r10; l %r1,0(%r10)',
    code: '5810a000 eb113000002f b221004a 5810a000',
    ...DAT,
    gr: { ...B, 4: 0x41000n },
    mem: { ...TABLES, ...DATA_AT, [CODE + 0x800]: '0000000000040000' },
    want: { pgm: { code: 0x11 }, ia: CODE + 14, gr: { 1: 1n }, mem: { 0x41100: '0000000000050400' }, pswHi: 0x04000001 },
  },
]

runGroup('control-register loads and cached translations', CASES)

/** CR0-CR15 as the harness sets them, as hex doublewords. */
const HARNESS_CRS = crs(0)
const D = { 10: BigInt(DATA) }
runGroup('STCTG and LCTLG operands in one page or across two', [
  {
    name: 'STCTG CR0-CR15: sixteen doublewords',
    asm: 'stctg %c0,%c15,0(%r10)',
    code: 'eb0fa0000025',
    gr: D,
    mem: { [DATA + 128]: 'ff' },
    want: { mem: { [DATA]: HARNESS_CRS, [DATA + 128]: 'ff' } },
  },
  {
    name: 'STCTG CR14-CR1 (wrapping range) across a page boundary',
    asm: 'stctg %c14,%c1,0xff0(%r10)',
    code: 'ebe1aff00025',
    gr: D,
    cr: { 1: 0x1111n },
    want: { mem: { [DATA + 0xff0]: '00000000c2000000' + '0000000000000000' + '00000000000400e0' + '0000000000001111' } },
  },
  {
    name: 'LCTLG CR15-CR0 (wrapping range) in one page',
    asm: 'lctlg %c15,%c0,0(%r10)',
    code: 'ebf0a000002f',
    gr: D,
    mem: { [DATA]: '0000000000000015' + '00000000000400e2' },
    want: { cr: { 15: 0x15n, 0: 0x400e2n } },
  },
  {
    name: 'STCTG into a key-protected page: protection, nothing stored',
    asm: 'stctg %c0,%c15,0(%r10)',
    code: 'eb0fa0000025',
    gr: D,
    key: 1,
    skeys: { [DATA]: 0x20 },
    mem: { [DATA]: 'ff', [DATA + 120]: 'ff' },
    want: { pgm: { code: 4 }, mem: { [DATA]: 'ff', [DATA + 120]: 'ff' } },
  },
  {
    name: 'LCTLG from a fetch-protected page: protection, no register loaded',
    asm: 'lctlg %c1,%c2,0(%r10)',
    code: 'eb12a000002f',
    gr: D,
    key: 1,
    skeys: { [DATA]: 0x28 },
    mem: { [DATA]: '0000000000001000' + '0000000000002000' },
    want: { pgm: { code: 4 }, cr: { 1: 0n, 2: 0n } },
  },
])
