// SERVICE CALL (SCLP) on a 2 MiB machine: SCCB validity checks and their priority (program exceptions first:
// privileged operation, addressing beyond storage below 2 GiB, specification for misalignment, lowcore/prefix
// area, 2 GiB and above, header length < 8; then response codes: invalid command, page-boundary violation,
// insufficient length), the READ SCP/CPU INFO contents, the ignored instruction bits, the service-signal
// interruption made pending, and 3 GiB of storage that costs only what the guest touches.
import { describe, expect, it } from 'vitest'
import { CODE, execute, prepare, runGroup, type Case } from './harness.ts'
import { Storage } from '@core/emulator/mem/storage.ts'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'

const T = 0x30000
const READ_SCP_INFO = 0x00020001n
const READ_SCP_INFO_FORCED = 0x00120001n
const READ_CPU_INFO = 0x00010001n
const WRITE_EVENT_DATA = 0x00760005n
/** servc %r1,%r2 */
const SERVC = 'b2200012'
const at = (sccb: number, cmd = READ_SCP_INFO): Case['gr'] => ({ 1: cmd, 2: BigInt(sccb) })
/** SCCB header: length, function code, control mask, response code. */
const hdr = (len: number, fc = 0): string => len.toString(16).padStart(4, '0') + fc.toString(16).padStart(2, '0') + '000000' + '0000'

const CASES: Case[] = [
  // ---- program exceptions, in priority order ----
  { name: 'problem state: privileged operation before any SCCB check', asm: 'servc %r1,%r2', code: SERVC, problem: true, gr: at(T + 4), want: { pgm: { code: 2 }, pswHi: 0x00010001 } },
  { name: 'SCCB beyond storage (below 2 GiB): addressing', asm: 'servc %r1,%r2', code: SERVC, gr: at(0x300000), want: { pgm: { code: 5 } } },
  { name: 'SCCB just past the last byte: addressing', asm: 'servc %r1,%r2', code: SERVC, gr: at(0x200000), want: { pgm: { code: 5 } } },
  { name: 'SCCB last doubleword of storage: header fits, length crosses the end: addressing', asm: 'servc %r1,%r2', code: SERVC, gr: at(0x1ffff8), mem: { 0x1ffff8: hdr(16) }, want: { pgm: { code: 5 } } },
  { name: 'SCCB not doubleword aligned: specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(T + 1), mem: { [T]: '00' + hdr(8) }, want: { pgm: { code: 6 } } },
  { name: 'SCCB in the lowcore (real page 0): specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(0x1000), mem: { 0x1000: hdr(8) }, want: { pgm: { code: 6 } } },
  { name: 'SCCB at real 0: specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(0), want: { pgm: { code: 6 } } },
  {
    name: 'SCCB in the prefix area: specification',
    asm: 'servc %r1,%r2',
    code: SERVC,
    prefix: 0x40000,
    gr: at(0x41ff8),
    // program-new PSW in the moved lowcore
    mem: { 0x401d0: '0000000180000000000000000000fff0', 0x41ff8: hdr(8) },
    want: { pgm: { code: 6 }, prefix: 0x40000 },
  },
  { name: 'SCCB at 2 GiB (bit 32 set): specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(0x80000000), want: { pgm: { code: 6 } } },
  { name: 'SCCB with bits 0-31 set: specification', asm: 'servc %r1,%r2', code: SERVC, gr: { 1: READ_SCP_INFO, 2: 0xdead000000030000n }, want: { pgm: { code: 6 } } },
  { name: 'header length 7: specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(T), mem: { [T]: hdr(7) }, want: { pgm: { code: 6 } } },
  { name: 'header length 0: specification', asm: 'servc %r1,%r2', code: SERVC, gr: at(T), mem: { [T]: hdr(0) }, want: { pgm: { code: 6 } } },
  // ---- response codes (CC 0) ----
  { name: 'invalid command detail: response 01F0', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, 0xdead0001n), mem: { [T]: hdr(0x1000) }, want: { cc: 0, mem: { [T]: hdr(0x1000).slice(0, 12) + '01f0' } } },
  { name: 'valid detail, invalid class code: response 01F0', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, 0x00020002n), mem: { [T]: hdr(0x1000) }, want: { cc: 0, mem: { [T + 6]: '01f0' } } },
  { name: 'invalid command wins over a boundary violation', asm: 'servc %r1,%r2', code: SERVC, gr: at(T + 0xff8, 0xdead0001n), mem: { [T + 0xff8]: hdr(0x20) }, want: { cc: 0, mem: { [T + 0xffe]: '01f0' } } },
  { name: 'SCCB crosses a page: response 0100', asm: 'servc %r1,%r2', code: SERVC, gr: at(T + 0xff0, WRITE_EVENT_DATA), mem: { [T + 0xff0]: hdr(0x18) }, want: { cc: 0, mem: { [T + 0xff6]: '0100' } } },
  { name: 'longer than a page: response 0100', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, WRITE_EVENT_DATA), mem: { [T]: hdr(0x1001) }, want: { cc: 0, mem: { [T + 6]: '0100' } } },
  { name: 'boundary wins over insufficient length (READ SCP INFO)', asm: 'servc %r1,%r2', code: SERVC, gr: at(T + 0xff8), mem: { [T + 0xff8]: hdr(0x10) }, want: { cc: 0, mem: { [T + 0xffe]: '0100' } } },
  { name: 'WRITE EVENT DATA with a function code other than normal write: response 40F0', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, WRITE_EVENT_DATA), mem: { [T]: hdr(8, 0x80) }, want: { cc: 0, mem: { [T + 6]: '40f0' } } },
  { name: 'READ SCP INFO in 143 bytes (one CPU needs 144): response 0300', asm: 'servc %r1,%r2', code: SERVC, gr: at(T), mem: { [T]: hdr(143) }, want: { cc: 0, mem: { [T + 6]: '0300' } } },
  { name: 'READ CPU INFO in 39 bytes: response 0300', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, READ_CPU_INFO), mem: { [T]: hdr(39) }, want: { cc: 0, mem: { [T + 6]: '0300' } } },
  {
    name: 'READ SCP INFO: response 0010, 2 increments of 1 MiB, one CPU entry at offset 128',
    asm: 'servc %r1,%r2',
    code: SERVC,
    gr: at(T),
    mem: { [T]: hdr(0x1000) + '5555' },
    want: { cc: 0, mem: { [T]: hdr(0x1000).slice(0, 12) + '0010' + '0002' + '01', [T + 16]: '0001' + '0080', [T + 128]: '00' } },
  },
  { name: 'READ SCP INFO FORCED: response 0010', asm: 'servc %r1,%r2', code: SERVC, gr: at(T, READ_SCP_INFO_FORCED), mem: { [T]: hdr(0x1000) }, want: { cc: 0, mem: { [T + 6]: '0010' } } },
  {
    name: 'READ CPU INFO: response 0010, one configured CPU at offset 24',
    asm: 'servc %r1,%r2',
    code: SERVC,
    gr: at(T, READ_CPU_INFO),
    mem: { [T]: hdr(0x1000) },
    want: { cc: 0, mem: { [T + 6]: '0010' + '0001' + '0018' } },
  },
  { name: 'bits 16-23 of the instruction are ignored', asm: '.insn rre,0xb2204200,%r1,%r2', code: 'b2204212', gr: at(T), mem: { [T]: hdr(0x1000) }, want: { cc: 0, mem: { [T + 6]: '0010' } } },
]

runGroup('SERVICE CALL', CASES)

describe('SERVICE CALL interruption and storage size', () => {
  it('a successful call makes the service-signal interruption pending with the SCCB address', () => {
    const { m, c, end } = prepare({ gr: { 1: READ_SCP_INFO, 2: BigInt(T) }, mem: { [T]: hdr(0x1000) } }, SERVC)
    execute(c, end)
    expect(m.sclp.pendingParam).toBe(T)
  })

  it('a call ending in a program exception makes no interruption pending', () => {
    const { m, c, end } = prepare({ gr: { 1: READ_SCP_INFO, 2: BigInt(T + 4) } }, SERVC)
    execute(c, end)
    expect(m.sclp.pendingParam).toBe(-1)
  })

  it('the service signal is delivered through the external-new PSW with code 2401 and the SCCB as parameter', () => {
    // SERVC, then spin; external-new PSW at 0x5000 (j .); CR0 bit 54 and PSW external mask on.
    const { m, c } = prepare(
      { gr: { 1: READ_SCP_INFO, 2: BigInt(T) }, mem: { [T]: hdr(0x1000), 0x1b0: '0000000180000000' + '0000000000005000', 0x5000: 'a7f40000' }, mask: 0x01000000 },
      SERVC + 'a7f40000',
    )
    c.crl[0] = c.crl[0]! | 0x200
    m.run(50)
    expect({ ia: c.ia, code: m.storage.dv.getUint16(0x86), param: m.storage.dv.getUint32(0x80), old: m.storage.dv.getUint32(0x130 + 12) }).toEqual({
      ia: 0x5000,
      code: 0x2401,
      param: T,
      old: CODE + 4,
    })
  })

  it('3 GiB of storage: READ SCP INFO reports it, SCCBs at 2 GiB and above are specification exceptions, operands above 3 GiB addressing exceptions, untouched storage is not resident', () => {
    const rss0 = process.memoryUsage().rss
    const m = new Machine(defaultConfig({ memMiB: 3072, jit: 'off' }))
    expect(m.storage.size).toBe(3 * 2 ** 30)
    const c = m.cpus[0]!
    const dv = m.storage.dv
    // program-new PSW → 0xfff0; code at CODE
    dv.setBigUint64(0x1d0, 0x0000000180000000n)
    dv.setBigUint64(0x1d8, 0xfff0n)
    const run = (sccb: number, insn = [0xb2, 0x20, 0x00, 0x12]): { pgm: number | null; rc: number } => {
      m.storage.u8.set(insn, CODE)
      c.rh[1] = 0
      c.rl[1] = Number(READ_SCP_INFO)
      c.rh[2] = 0
      c.rl[2] = sccb | 0
      c.stopped = false
      c.loadPsw(0x00000001, 0x80000000, CODE)
      c.run(1)
      return { pgm: c.ia === 0xfff0 ? dv.getUint16(0x8e) : null, rc: c.ia === 0xfff0 ? -1 : dv.getUint16(sccb + 6) }
    }
    dv.setUint16(T, 0x1000)
    expect(run(T)).toEqual({ pgm: null, rc: 0x0010 })
    // rnsize (MiB) and rnmax: 3072 MiB in increments of 4 MiB → 768 increments
    expect({ rnmax: dv.getUint16(T + 8), rnsize: dv.getUint8(T + 10) }).toEqual({ rnmax: 768, rnsize: 4 })
    // the top page of the 3 GiB is usable (and above 2 GiB: specification)
    dv.setUint16(3 * 2 ** 30 - 4096, 0x1000)
    expect(run(3 * 2 ** 30 - 4096).pgm).toBe(6)
    // lg %r3,0(%r2): the last doubleword below 3 GiB loads, the first one above is an addressing exception
    const LG = [0xe3, 0x30, 0x20, 0x00, 0x00, 0x04]
    dv.setBigUint64(3 * 2 ** 30 - 8, 0x1122334455667788n)
    expect(run(3 * 2 ** 30 - 8, LG)).toEqual({ pgm: null, rc: 0x7788 })
    expect(c.rh[3]! >>> 0).toBe(0x11223344)
    expect(run(3 * 2 ** 30, LG).pgm).toBe(5)
    const grown = process.memoryUsage().rss - rss0
    expect(grown).toBeLessThan(256 * 2 ** 20)
  })

  it('storage sizes that are not whole 4K frames between 1 MiB and 4 GiB are refused, naming the size', () => {
    expect(() => new Storage(3 * 2 ** 30 + 1)).toThrow('memory size 3221225473 bytes: must be a multiple of 4 KiB between 1 MiB and 4 GiB')
  })
})
