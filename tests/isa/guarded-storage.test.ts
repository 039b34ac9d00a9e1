// Guarded-storage facility (133, POP ch. 7 "Guarded-Storage Facility"; LGG, LLGFSG, LGSC, STGSC): the controls
// loaded and stored, the guarded-storage event (GSEPL contents and the branch to the handler), every exception
// (facility not installed, CR2 bit 59 off, alignment, invalid characteristic, GSEPL access), the controls in SIGP
// STORE ADDITIONAL STATUS (length codes 11 and 12), and initial CPU reset clearing them.
import { describe, expect, it } from 'vitest'
import { CODE, DATA, prepare, runGroup, type Case } from './harness.ts'
import { storeAdditionalStatus } from '@core/emulator/devices/status.ts'
import { restoreMachine, saveMachine } from '@core/emulator/snapshot/machine-state.ts'

/** The guarded-storage control block at DATA (R5): reserved doubleword, GSD, GSSM, GSEPLA. The guarded area is the
 * 32 MiB at 0x2000000 (GSC 25: 64 sections of 512 KiB); GSD bits 53-55 (0x300) give the LLGFSG shift. */
const GSCB = DATA
const GSEPL = DATA + 0x100
const OPND = DATA + 0x40
const HANDLER = 0x30000
const cb = (gsd: string, gssm: string, epl = GSEPL): string => `ffffffffffffffff ${gsd} ${gssm} ${epl.toString(16).padStart(16, '0')}`
/** Sections 1 and 63 guarded. */
const GSSM = '4000000000000001'
const GSD = '0000000002000019'
/** GSEPL with its handler address at +8 (the rest set to 0xaa to show what the event stores). */
const EPL = { [GSEPL]: 'aaaaaaaaaaaaaaaa' + HANDLER.toString(16).padStart(16, '0') + 'aa'.repeat(32) }
const ON = { guardedStorage: true, cr: { 2: 0x10n } } as const
const PSW_DAT = 0x04000000
/** DAT tables (as exceptions.test.ts): segment table at 0x40000, page table at 0x41000; the code page identity, the
 * DATA page in frame 0x50000; pages without an entry map to frame 0. */
const TABLES = { 0x40000: '0000000000041000', 0x41080: '0000000000010000', 0x41100: '0000000000050000' }
const REGS = { 2: 0x1111111111111111n, 4: BigInt(OPND), 5: BigInt(GSCB), 6: BigInt(DATA + 0x200) }
/** lgsc %r0,0(%r5) */
const LGSC = 'e3005000004d'
const hex64 = (v: number | bigint): string => BigInt(v).toString(16).padStart(16, '0')
/** The GSEPL after an event at `ia` on operand OPND: byte 1 addressing mode, 2 cause, 3 access; EIA, EOA, EIR, ERA. */
const eventEpl = (eam: string, eci: string, eai: string, ia: number, ir: string): Record<number, string> => ({
  [GSEPL]: `aa${eam}${eci}${eai}aaaaaaaa` + hex64(HANDLER) + hex64(ia) + hex64(OPND) + ir + hex64(ia),
})

const CASES: Case[] = [
  // ---- LGSC / STGSC --------------------------------------------------------------------------------------------
  {
    name: 'controls loaded and stored (the reserved doubleword is stored as zeros)',
    asm: 'lgsc %r0,0(%r5); stgsc %r0,0(%r6)',
    code: LGSC + ' e30060000049',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM) },
    want: { mem: { [DATA + 0x200]: '0000000000000000' + GSD + GSSM + hex64(GSEPL) } },
  },
  { name: 'characteristic 24: specification', asm: 'lgsc %r0,0(%r5)', code: LGSC, ...ON, gr: REGS, mem: { [GSCB]: cb('0000000002000018', GSSM) }, want: { pgm: { code: 6 } } },
  { name: 'characteristic 57: specification', asm: 'lgsc %r0,0(%r5)', code: LGSC, ...ON, gr: REGS, mem: { [GSCB]: cb('0200000000000039', GSSM) }, want: { pgm: { code: 6 } } },
  { name: 'not on a doubleword boundary: specification', asm: 'lgsc %r0,4(%r5)', code: 'e3005004004d', ...ON, gr: REGS, mem: { [GSCB]: cb(GSD, GSSM) }, want: { pgm: { code: 6 } } },
  { name: 'CR2 bit 59 off: special operation', asm: 'lgsc %r0,0(%r5)', code: LGSC, guardedStorage: true, gr: REGS, mem: { [GSCB]: cb(GSD, GSSM) }, want: { pgm: { code: 0x13 } } },
  { name: 'CR2 bit 59 off: special operation', asm: 'stgsc %r0,0(%r6)', code: 'e30060000049', guardedStorage: true, gr: REGS, want: { pgm: { code: 0x13 } } },
  { name: 'not on a doubleword boundary: specification', asm: 'stgsc %r0,4(%r6)', code: 'e30060040049', ...ON, gr: REGS, want: { pgm: { code: 6 } } },
  { name: 'operand beyond storage: addressing', asm: 'stgsc %r0,0(%r7)', code: 'e30070000049', ...ON, gr: { ...REGS, 7: 0x4000000n }, want: { pgm: { code: 5 } } },
  { name: 'facility not installed: operation', asm: 'lgsc %r0,0(%r5)', code: LGSC, cr: { 2: 0x10n }, gr: REGS, want: { pgm: { code: 1 } } },
  { name: 'facility not installed: operation', asm: 'stgsc %r0,0(%r6)', code: 'e30060000049', cr: { 2: 0x10n }, gr: REGS, want: { pgm: { code: 1 } } },
  { name: 'facility not installed: operation', asm: 'lgg %r2,0(%r4)', code: 'e3204000004c', gr: REGS, want: { pgm: { code: 1 } } },
  { name: 'facility not installed: operation', asm: 'llgfsg %r2,0(%r4)', code: 'e32040000048', gr: REGS, want: { pgm: { code: 1 } } },
  // ---- LGG -------------------------------------------------------------------------------------------------------
  {
    name: 'value outside the guarded area: loaded',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '0000000004080000', ...EPL },
    want: { gr: { 2: 0x4080000n } },
  },
  {
    name: 'value in an unguarded section (2): loaded',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '0000000002100000', ...EPL },
    want: { gr: { 2: 0x2100000n } },
  },
  {
    name: 'guarded section 1: event — GSEPL stored, handler reached, R1 unchanged',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '00000000020a0008', ...EPL },
    want: { ia: HANDLER, mem: eventEpl('03', '00', '00', CODE + 6, '00000000020a0008') },
  },
  {
    name: 'guarded section 63 (last byte of the area): event',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '0000000003ffffff', ...EPL },
    want: { ia: HANDLER, mem: eventEpl('03', '00', '00', CODE + 6, '0000000003ffffff') },
  },
  {
    name: '31-bit mode: event with addressing-mode bits 01, handler address in 31 bits',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    amode: 31,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '00000000020a0008', [GSEPL]: 'aaaaaaaaaaaaaaaa' + 'ffffffff' + hex64(HANDLER).slice(8) + 'aa'.repeat(32) },
    want: { ia: HANDLER, mem: { [GSEPL]: `aa010000aaaaaaaaffffffff${hex64(HANDLER).slice(8)}${hex64(CODE + 6)}${hex64(OPND)}00000000020a0008${hex64(CODE + 6)}` } },
  },
  {
    name: 'the target of EXECUTE: the instruction and return addresses are those of EXRL',
    asm: 'lgsc %r0,0(%r5); exrl %r0,.+0xfa (lgg %r2,0(%r4))',
    code: LGSC + ' c6000000007d',
    ...ON,
    gr: REGS,
    mem: { [CODE + 0x100]: 'e3204000004c', [GSCB]: cb(GSD, GSSM), [OPND]: '00000000020a0008', ...EPL },
    want: { ia: HANDLER, mem: eventEpl('03', '00', '00', CODE + 6, '00000000020a0008') },
  },
  ...(
    [
      ['DAT on, primary space: access information 0x40 (T)', 0, 0n, '40'],
      ['DAT on, access-register mode: access information 0x54 (T, AS 01, B2 = 4)', 0x4000, 0n, '54'],
      ['DAT on, home space: access information 0x70 (T, AS 11)', 0xc000, 0x40000n, '70'],
    ] as const
  ).map(
    ([name, as, cr13, eai]): Case => ({
      name,
      asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
      code: LGSC + ' e3204000004c',
      ...ON,
      mask: PSW_DAT | as,
      cr: { 1: 0x40000n, 2: 0x10n, 13: cr13 },
      gr: REGS,
      // The DATA page is frame 0x50000 (the GSCB, the operand and the GSEPL are there); the code page is identity.
      mem: { ...TABLES, [GSCB - DATA + 0x50000]: cb(GSD, GSSM), [OPND - DATA + 0x50000]: '00000000020a0008', [GSEPL - DATA + 0x50000]: EPL[GSEPL]! },
      want: { ia: HANDLER, pswHi: (PSW_DAT | as | 1) >>> 0, mem: { [GSEPL - DATA + 0x50000]: eventEpl('03', '00', eai, CODE + 6, '00000000020a0008')[GSEPL]! } },
    }),
  ),
  {
    name: 'CR2 bit 59 off: a guarded value is loaded, no event',
    asm: 'lgsc %r0,0(%r5); lctlg %c2,%c2,0(%r7); lgg %r2,0(%r4)',
    code: LGSC + ' eb227000002f e3204000004c',
    ...ON,
    gr: { ...REGS, 7: BigInt(DATA + 0x300) },
    mem: { [GSCB]: cb(GSD, GSSM), [OPND]: '00000000020a0008', ...EPL },
    want: { gr: { 2: 0x20a0008n }, cr: { 2: 0n } },
  },
  {
    name: 'a GSEPL beyond storage: addressing exception on the guarded load',
    asm: 'lgsc %r0,0(%r5); lgg %r2,0(%r4)',
    code: LGSC + ' e3204000004c',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb(GSD, GSSM, 0x4000000), [OPND]: '00000000020a0008' },
    want: { pgm: { code: 5 } },
  },
  { name: 'not on a doubleword boundary: specification', asm: 'lgg %r2,4(%r4)', code: 'e3204004004c', ...ON, gr: REGS, want: { pgm: { code: 6 } } },
  // ---- LLGFSG ----------------------------------------------------------------------------------------------------
  {
    name: 'no GSC loaded: the word zero-extended, shift 0',
    asm: 'llgfsg %r2,0(%r4)',
    code: 'e32040000048',
    guardedStorage: true,
    gr: REGS,
    mem: { [OPND]: '89abcdef' },
    want: { gr: { 2: 0x89abcdefn } },
  },
  {
    name: 'shifted left by the guarded-load shift (3): loaded',
    asm: 'lgsc %r0,0(%r5); llgfsg %r2,0(%r4)',
    code: LGSC + ' e32040000048',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb('0000000002000319', GSSM), [OPND]: '89abcdef', ...EPL },
    want: { gr: { 2: 0x89abcdefn << 3n } },
  },
  {
    name: 'shifted value in a guarded section: event, cause bit 7 (LLGFSG)',
    asm: 'lgsc %r0,0(%r5); llgfsg %r2,0(%r4)',
    code: LGSC + ' e32040000048',
    ...ON,
    gr: REGS,
    mem: { [GSCB]: cb('0000000002000319', GSSM), [OPND]: '00410001', ...EPL },
    want: { ia: HANDLER, mem: eventEpl('03', '01', '00', CODE + 6, '0000000002080008') },
  },
  { name: 'not on a word boundary: specification', asm: 'llgfsg %r2,2(%r4)', code: 'e32040020048', ...ON, gr: REGS, want: { pgm: { code: 6 } } },
]

runGroup('guarded-storage facility', CASES)

describe('guarded-storage controls beyond the instructions', () => {
  /** A machine whose CPU holds GSD, GSSM, GSEPLA (loaded by LGSC, as the upstream adtl-status test does). */
  function loaded(): ReturnType<typeof prepare> {
    const p = prepare({ guardedStorage: true, cr: { 2: 0x10n }, gr: REGS, mem: { [GSCB]: cb('0000000002000019', '0000000feedc0ffe', 0x12340) } }, LGSC)
    p.c.run(1)
    return p
  }

  it('STORE ADDITIONAL STATUS with length code 11 and 12 stores the control block at +1024, nothing beyond it', () => {
    const { m, c } = loaded()
    c.stopped = true
    const area = 0x100000
    const stores = [11, 12].map((lc) => {
      m.storage.u8.fill(0xff, area, area + 4096)
      const status = storeAdditionalStatus(c, area | lc)
      const u8 = m.storage.u8
      const hex = (a: number, n: number): string => Array.from(u8.subarray(a, a + n), (b) => b.toString(16).padStart(2, '0')).join('')
      return { status, cb: hex(area + 1024, 32), after: u8.subarray(area + 1056, area + 2 ** lc).every((b) => b === 0xff) }
    })
    const want = { status: 0, cb: '0000000000000000' + '0000000002000019' + '0000000feedc0ffe' + hex64(0x12340), after: true }
    expect(stores).toEqual([want, want])
  })

  it('LGSC with an invalid characteristic loads nothing', () => {
    const { m, c } = loaded()
    m.storage.u8.set(new Uint8Array(32), GSCB)
    c.loadPsw(c.pswHi(), c.pswLo(), 0x10000)
    c.run(1)
    expect({ code: m.storage.dv.getUint16(0x8e), gs: [...c.gs] }).toEqual({ code: 6, gs: [0, 0x2000019, 0xf, 0xeedc0ffe | 0, 0, 0x12340] })
  })

  it('initial CPU reset clears the controls; a snapshot keeps them', () => {
    const { m, c } = loaded()
    const restored = restoreMachine(saveMachine(m), 'gs.snap')
    const kept = [...restored.cpus[0]!.gs]
    c.initialReset()
    expect({ kept, reset: [...c.gs] }).toEqual({ kept: [0, 0x2000019, 0xf, 0xeedc0ffe | 0, 0, 0x12340], reset: [0, 0, 0, 0, 0, 0] })
  })
})
