// A minimal channel subsystem: one I/O subchannel (0.0.0000, device number 0000, one installed channel path 00)
// answering STORE/MODIFY SUBCHANNEL, RESET CHANNEL PATH and TEST SUBCHANNEL. No channel programs are executed.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/cpu.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'

/** PGM code for an invalid subsystem-identification word. */
const PGM_OPERAND = 0x15
const SCHIB_LEN = 52
const PMCW_DNV = 0x0001
/** Modifiable PMCW flag bits (ISC, enable, LM, MM, D, T, V). */
const PMCW_MODIFIABLE = 0x3800 | 0x0080 | 0x0060 | 0x0018 | 0x0004 | 0x0002

/** State of the single subchannel. */
export class ChannelSubsystem {
  readonly schib = new Uint8Array(SCHIB_LEN)
  private readonly dv = new DataView(this.schib.buffer)
  crwPending = false

  constructor() {
    this.dv.setUint16(4, PMCW_DNV)
    this.dv.setUint16(6, 0x0000)
    this.schib[8] = 0x80 // lpm
    this.schib[11] = 0x80 // pim
    this.schib[14] = 0xff // pom
    this.schib[15] = 0x80 // pam
    this.schib[16] = 0x00 // chpid[0]
  }

  /** Subchannel number for a subsystem-identification word in GR1, or -1 when it is not installed. */
  private sch(c: Cpu): number {
    const sid = c.rl[1]! >>> 0
    if ((sid & 0xffff0000) >>> 0 !== 0x00010000 && (sid & 0xfff90000) >>> 0 !== 0x00010000) pgm(PGM_OPERAND)
    if ((sid & 0x00010000) === 0) pgm(PGM_OPERAND)
    return (sid & 0xfff80000) === 0 && (sid & 0xffff) === 0 ? 0 : -1
  }

  stsch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    if (this.sch(c) < 0) return 3
    c.probe(a, SCHIB_LEN, 1)
    for (let i = 0; i < SCHIB_LEN; i += 4) c.wr32(a + i, this.dv.getInt32(i))
    return 0
  }

  msch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    if (this.sch(c) < 0) return 3
    const intparm = c.rd32(a)
    const flags = c.rd16(a + 4)
    const lpm = c.rd8(a + 8)
    const mbi = c.rd16(a + 12)
    this.dv.setInt32(0, intparm)
    this.dv.setUint16(4, (this.dv.getUint16(4) & ~PMCW_MODIFIABLE) | (flags & PMCW_MODIFIABLE))
    this.schib[8] = lpm
    this.dv.setUint16(12, mbi)
    return 0
  }

  rchp(c: Cpu): number {
    const chpid = c.rl[1]! & 0xff
    if (c.rl[1]! & 0xffffff00) pgm(PGM_OPERAND)
    if (chpid !== 0) return 3
    this.crwPending = true
    return 0
  }

  tsch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    if (this.sch(c) < 0) return 3
    c.probe(a, 96, 1)
    for (let i = 0; i < 96; i += 4) c.wr32(a + i, 0)
    return 1
  }

  /** CHANNEL SUBSYSTEM CALL: only "store channel-subsystem characteristics" (0x0010) is answered. */
  chsc(c: Cpu, a: number): number {
    if (a % 4096 !== 0) pgm(PGM_SPECIFICATION)
    const len = c.rd16(a)
    const code = c.rd16(a + 2)
    if (len < 16 || len > 4088 || len % 8 !== 0) pgm(PGM_SPECIFICATION)
    const r = a + len
    if (code === 0x0010) {
      const rlen = 4096 - len
      c.probe(r, rlen, 1)
      for (let i = 0; i < rlen; i += 4) c.wr32(r + i, 0)
      c.wr16(r, rlen)
      c.wr16(r + 2, 0x0001)
    } else {
      c.wr16(r, 8)
      c.wr16(r + 2, 0x0003)
      c.wr32(r + 4, 0)
    }
    return 0
  }
}
