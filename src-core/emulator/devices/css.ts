// The channel subsystem as QEMU's s390-ccw-virtio machine presents it (hw/s390x/css.c, target/s390x/ioinst.c):
// one virtual channel path (CHPID 00, type 0x32), one subchannel per configured virtio-ccw device in subchannel set 0
// of the default channel-subsystem image (0xfe), channel programs executed synchronously at START SUBCHANNEL with
// format-0/1 CCWs (NOP, BASIC SENSE, SENSE ID, TIC; other commands go to the device), status made pending with an
// I/O interruption on the subchannel's ISC, TEST SUBCHANNEL/TPI, channel reports (RCHP → STCRW), the channel
// monitor (SCHM, format-0 and format-1 measurement blocks: start-subchannel count) and CHSC store-characteristics /
// store-channel-path-description. Validity checks and their order follow QEMU 7.2 TCG.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { LC_IO_NEW, LC_IO_OLD, PGM_SPECIFICATION, PSW_IO, PSW_WAIT } from '../cpu/constants.ts'
import { VIRTIO_CCW_CHPID_TYPE, type CcwDevice } from './ccw-device.ts'

const PGM_OPERAND = 0x15
const SCHIB_LEN = 52
const IRB_LEN = 64
/** Subsystem-identification word, I/O-interruption parameter and word in the lowcore. */
const LC_SUBSYS_ID = 0xb8
const LC_IO_INT_PARM = 0xbc
const LC_IO_INT_WORD = 0xc0
/** Channel-subsystem image id of the default (virtual) image. */
const VIRTUAL_CSSID = 0xfe
const CHPID = 0x00

// PMCW flags (halfword at +4) and characteristics (word at +28).
const PMCW_ISC = 0x3800
const PMCW_ENA = 0x0080
const PMCW_LM = 0x0060
const PMCW_MME = 0x0018
const PMCW_MP = 0x0004
const PMCW_DNV = 0x0001
/** Bits 0, 1, 6 and 7 must be zero in MSCH (bit 5 is ignored). */
const PMCW_INVALID = 0xc300
const CHARS_MBFC = 0x00000004
const CHARS_XMWME = 0x00000002
const CHARS_CSENSE = 0x00000001
const CHARS_INVALID = 0xff1ffff8

// SCSW flags (halfword at +0) and control (halfword at +2).
const SCSW_ESWF = 0x0400
const SCSW_CC = 0x0300
const SCSW_FMT = 0x0080
const SCSW_ECTL = 0x0002
const SCSW_PNO = 0x0001
const FCTL = 0x7000
const FC_CLEAR = 0x1000
const FC_HALT = 0x2000
const FC_START = 0x4000
const ACTL = 0x0fe0
const AC_SUSP = 0x0020
const AC_DEV_ACTIVE = 0x0040
const AC_SCH_ACTIVE = 0x0080
const AC_CLEAR_PEND = 0x0100
const AC_HALT_PEND = 0x0200
const AC_START_PEND = 0x0400
const AC_RESUME_PEND = 0x0800
const STCTL = 0x001f
const SC_PEND = 0x0001
const SC_SECONDARY = 0x0002
const SC_PRIMARY = 0x0004
const SC_INTERMEDIATE = 0x0008
const SC_ALERT = 0x0010
const DS_CHANNEL_END = 0x08
const DS_DEVICE_END = 0x04
const DS_UNIT_CHECK = 0x02
const CS_PROG_CHECK = 0x20
const CS_DATA_CHECK = 0x08
const CS_CHN_CTRL_CHK = 0x04
const CS_INTF_CTRL_CHK = 0x02

// ORB.
const ORB_SPND = 0x0800
const ORB_FMT = 0x0080
const ORB_C64 = 0x0002
const ORB_I2K = 0x0001
const ORB_CTRL0_INVALID = 0x0004
const ORB_CTRL1_MIDAW = 0x40
const ORB_CTRL1_INVALID = 0x3e

// CCW flags and commands.
const CCW_DC = 0x80
const CCW_CC = 0x40
const CCW_SLI = 0x20
const CCW_SKIP = 0x10
const CCW_IDA = 0x04
const CCW_SUSPEND = 0x02
const CCW_MIDA = 0x01
const CMD_NOOP = 0x03
const CMD_BASIC_SENSE = 0x04
const CMD_TIC = 0x08
const CMD_SENSE_ID = 0xe4

/** Outcome of one CCW: done (last in chain), chain to the next, suspended, program check, unit check. */
type Step = 'done' | 'chain' | 'suspend' | 'pcheck' | 'reject'

/** A decoded CCW (format 0 converted to format 1). */
interface Ccw {
  cmd: number
  flags: number
  count: number
  cda: number
}

/** One subchannel and its device. */
class Subchannel {
  intparm = 0
  flags = PMCW_DNV
  /** Logical-path mask: the installed path after the machine reset QEMU performs at start-up. */
  lpm = 0x80
  lpum = 0
  mbi = 0
  pom = 0xff
  /** Characteristics: subchannel type 0 (I/O), MBFC, XMWME, CSENSE. */
  chars = 0
  // SCSW
  sflags = 0
  ctrl = 0
  cpa = 0
  dstat = 0
  cstat = 0
  count = 0
  mbaHi = 0
  mbaLo = 0
  // Channel-program state
  prog = 0
  fmt1 = false
  key = 0
  c64 = false
  i2k = false
  noDataCount = 0
  lastWasTic = false
  readonly sense = new Uint8Array(32)

  constructor(
    readonly nr: number,
    readonly dev: CcwDevice,
  ) {}

  /** Subchannel reset (part of a subsystem reset): disabled, paths and status as after power-on. */
  reset(): void {
    this.intparm = 0
    this.flags = PMCW_DNV
    this.lpm = 0x80
    this.lpum = 0
    this.mbi = 0
    this.pom = 0xff
    this.chars &= ~(CHARS_MBFC | CHARS_XMWME | CHARS_CSENSE)
    this.sflags = this.ctrl = this.cpa = this.dstat = this.cstat = this.count = 0
    this.mbaHi = this.mbaLo = 0
    this.prog = 0
    this.lastWasTic = false
  }

  get enabledAndValid(): boolean {
    return (this.flags & (PMCW_DNV | PMCW_ENA)) === (PMCW_DNV | PMCW_ENA)
  }
  get isc(): number {
    return (this.flags & PMCW_ISC) >>> 11
  }
}

/** A pending I/O interruption: subsystem-identification word, interruption parameter, interruption word. */
interface IoIrq {
  sid: number
  parm: number
  word: number
}

/** Thrown inside channel-program execution when a data address is unusable (channel-program check). */
class ChannelCheck extends Error {
  override name = 'ChannelCheck'
}

/** The channel subsystem of a machine. */
export class ChannelSubsystem {
  private readonly subchannels: Subchannel[] = []
  private readonly crws: number[] = []
  private readonly pending: IoIrq[] = []
  private monitorActive = false
  private monitorArea = 0
  /** Called when an I/O interruption becomes pending (the machine makes its CPUs look at it). */
  onIrq: () => void = () => {}

  /** Attaches a device on the next free subchannel (its device number comes from the device); returns its number. */
  addDevice(dev: CcwDevice): number {
    this.subchannels.push(new Subchannel(this.subchannels.length, dev))
    return this.subchannels.length - 1
  }

  /** Subsystem reset (DIAGNOSE 308 load/clear): subchannels reset, reports, monitoring and I/O interruptions gone. */
  reset(): void {
    for (const s of this.subchannels) s.reset()
    this.crws.length = 0
    this.pending.length = 0
    this.monitorActive = false
    this.monitorArea = 0
  }

  /** True when an I/O interruption is pending for some ISC (enabled or not). */
  get ioPending(): boolean {
    return this.pending.length > 0
  }

  // ---- subsystem identification ------------------------------------------------------------------------------

  /** Subchannel for the subsystem-identification word in GR1 (null: not provided), or an operand exception. */
  private sch(c: Cpu): Subchannel | null {
    const v = c.rl[1]! >>> 0
    if (!this.sidValid(v)) pgm(PGM_OPERAND)
    return this.find(v)
  }
  private sidValid(v: number): boolean {
    if ((v & 0x00010000) === 0) return false
    // Without the M bit the CSS id must be zero.
    return (v & 0x00080000) !== 0 || v >>> 24 === 0
  }
  private find(v: number): Subchannel | null {
    const m = (v & 0x00080000) !== 0
    if (m && v >>> 24 !== VIRTUAL_CSSID) return null
    if ((v & 0x00060000) !== 0) return null
    return this.subchannels[v & 0xffff] ?? null
  }
  private sidOf(s: Subchannel): number {
    return (0x00010000 | s.nr) >>> 0
  }

  // ---- STORE / MODIFY SUBCHANNEL -----------------------------------------------------------------------------

  /** STORE SUBCHANNEL. */
  stsch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    if (!this.sidValid(c.rl[1]! >>> 0)) {
      // Access exceptions take priority over the operand exception.
      c.probe(a, SCHIB_LEN, 1)
      pgm(PGM_OPERAND)
    }
    const s = this.find(c.rl[1]! >>> 0)
    c.probe(a, SCHIB_LEN, 1)
    if (s === null) return 3
    const w = [
      s.intparm,
      (s.flags << 16) | s.dev.devno,
      (s.lpm << 24) | (s.lpum << 8) | 0x80, // lpm, pnom, lpum, pim
      (s.mbi << 16) | (s.pom << 8) | 0x80, // mbi, pom, pam
      CHPID << 24,
      0,
      s.chars,
      (s.sflags << 16) | s.ctrl,
      s.cpa,
      (s.dstat << 24) | (s.cstat << 16) | s.count,
      s.mbaHi,
      s.mbaLo,
      0,
    ]
    for (let i = 0; i < w.length; i++) c.wr32(a + 4 * i, w[i]! | 0)
    return 0
  }

  /** MODIFY SUBCHANNEL. */
  msch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    c.probe(a, SCHIB_LEN, 0)
    const intparm = c.rd32(a) >>> 0
    const flags = c.rd16(a + 4)
    const lpm = c.rd8(a + 8)
    const mbi = c.rd16(a + 12)
    const pom = c.rd8(a + 14)
    const chars = c.rd32(a + 24) >>> 0
    const mbaHi = c.rd32(a + 40) >>> 0
    const mbaLo = c.rd32(a + 44) >>> 0
    const sidOk = this.sidValid(c.rl[1]! >>> 0)
    const schibOk = (flags & PMCW_INVALID) === 0 && (chars & CHARS_INVALID) === 0 && (chars & CHARS_XMWME) === 0 && !((chars & CHARS_MBFC) !== 0 && (mbaLo & 0x3f) !== 0)
    if (!sidOk || !schibOk) pgm(PGM_OPERAND)
    const s = this.find(c.rl[1]! >>> 0)
    if (s === null) return 3
    if ((s.flags & PMCW_DNV) === 0) return 0
    if (s.ctrl & SC_PEND) return 1
    if (s.ctrl & FCTL) return 2
    const mod = PMCW_ISC | PMCW_ENA | PMCW_LM | PMCW_MME | PMCW_MP
    s.intparm = intparm
    s.flags = (s.flags & ~mod) | (flags & mod)
    s.lpm = lpm
    s.mbi = mbi
    s.pom = pom
    s.chars = ((s.chars & ~(CHARS_MBFC | CHARS_CSENSE)) | (chars & (CHARS_MBFC | CHARS_CSENSE))) >>> 0
    s.mbaHi = mbaHi
    s.mbaLo = mbaLo
    return 0
  }

  // ---- START / CLEAR / HALT / CANCEL / RESUME SUBCHANNEL -----------------------------------------------------

  /** START SUBCHANNEL: runs the channel program to completion and makes status and an I/O interruption pending. */
  ssch(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    c.probe(a, 12, 0)
    const intparm = c.rd32(a) >>> 0
    const ctrl0 = c.rd16(a + 4)
    const lpm = c.rd8(a + 6)
    const ctrl1 = c.rd8(a + 7)
    const cpa = c.rd32(a + 8) >>> 0
    const orbOk = (ctrl0 & ORB_CTRL0_INVALID) === 0 && (ctrl1 & (ORB_CTRL1_INVALID | ORB_CTRL1_MIDAW)) === 0 && cpa < 0x80000000
    if (!this.sidValid(c.rl[1]! >>> 0) || !orbOk) pgm(PGM_OPERAND)
    const s = this.find(c.rl[1]! >>> 0)
    if (s === null || !s.enabledAndValid) return 3
    if (s.ctrl & SC_PEND) return 1
    if (s.ctrl & FCTL) return 2
    if (this.monitorActive) this.countStart(c, s)
    s.prog = cpa
    s.ctrl |= FC_START | AC_START_PEND
    s.sflags &= ~SCSW_PNO
    // Start function (QEMU runs it synchronously).
    s.cstat = 0
    s.dstat = 0
    s.intparm = intparm
    if ((lpm & 0x80) === 0) {
      // Deferred condition code 3.
      s.sflags |= SCSW_CC
      s.ctrl = (s.ctrl & ~STCTL) | SC_ALERT | SC_PEND
    } else {
      s.fmt1 = (ctrl0 & ORB_FMT) !== 0
      if (s.fmt1) s.sflags |= SCSW_FMT
      s.key = ctrl0 >>> 12
      s.c64 = (ctrl0 & ORB_C64) !== 0
      s.i2k = (ctrl0 & ORB_I2K) !== 0
      s.noDataCount = 0
      this.runProgram(c, s, (ctrl0 & ORB_SPND) !== 0)
    }
    this.raise(s)
    return 0
  }

  /** RESUME SUBCHANNEL. */
  rsch(c: Cpu): number {
    const s = this.sch(c)
    if (s === null || !s.enabledAndValid) return 3
    if (s.ctrl & SC_PEND) return 1
    if ((s.ctrl & FCTL) !== FC_START || s.ctrl & AC_RESUME_PEND || !(s.ctrl & AC_SUSP)) return 2
    if (this.monitorActive) this.countStart(c, s)
    s.ctrl |= AC_RESUME_PEND
    s.ctrl &= ~(AC_SUSP | AC_RESUME_PEND)
    this.runProgram(c, s, true)
    this.raise(s)
    return 0
  }

  /** CLEAR SUBCHANNEL. */
  csch(c: Cpu): number {
    const s = this.sch(c)
    if (s === null || !s.enabledAndValid) return 3
    s.ctrl = (s.ctrl & ~(FCTL | ACTL)) | FC_CLEAR | AC_CLEAR_PEND
    // Clear function: always succeeds on the single path.
    s.lpum = 0
    s.pom = 0xff
    s.sflags &= ~SCSW_PNO
    s.prog = 0
    s.lastWasTic = false
    s.ctrl = (s.ctrl & ~AC_CLEAR_PEND) | SC_PEND
    s.dstat = 0
    s.cstat = 0
    s.lpum = 0x80
    this.raise(s)
    return 0
  }

  /** HALT SUBCHANNEL. */
  hsch(c: Cpu): number {
    const s = this.sch(c)
    if (s === null || !s.enabledAndValid) return 3
    if ((s.ctrl & STCTL) === SC_PEND || s.ctrl & (SC_PRIMARY | SC_SECONDARY | SC_ALERT)) return 1
    if (s.ctrl & (FC_HALT | FC_CLEAR)) return 2
    s.ctrl = (s.ctrl | FC_HALT) & ~FC_START
    if ((s.ctrl & ACTL) === (AC_SCH_ACTIVE | AC_DEV_ACTIVE) && (s.ctrl & STCTL) === SC_INTERMEDIATE) s.ctrl &= ~SC_PEND
    s.ctrl |= AC_HALT_PEND
    // Halt function.
    const cur = s.prog
    s.prog = 0
    s.lastWasTic = false
    s.ctrl = (s.ctrl & ~AC_HALT_PEND) | SC_PEND
    const active = (s.ctrl & (AC_SCH_ACTIVE | AC_DEV_ACTIVE)) !== 0
    if (active || !(s.ctrl & (AC_START_PEND | AC_SUSP))) s.dstat = DS_DEVICE_END
    if (active || s.ctrl & AC_SUSP) s.cpa = (cur + 8) >>> 0
    s.cstat = 0
    s.lpum = 0x80
    this.raise(s)
    return 0
  }

  /** CANCEL SUBCHANNEL. */
  xsch(c: Cpu): number {
    const s = this.sch(c)
    if (s === null || !s.enabledAndValid) return 3
    if (s.ctrl & STCTL) return 1
    const f = s.ctrl & FCTL
    if (f !== FC_START || !(s.ctrl & (AC_RESUME_PEND | AC_START_PEND | AC_SUSP)) || s.ctrl & AC_SCH_ACTIVE) return 2
    s.ctrl &= ~(FC_START | AC_RESUME_PEND | AC_START_PEND | AC_SUSP)
    s.prog = 0
    s.lastWasTic = false
    s.dstat = 0
    s.cstat = 0
    return 0
  }

  // ---- channel programs ----------------------------------------------------------------------------------------

  private runProgram(c: Cpu, s: Subchannel, suspendAllowed: boolean): void {
    s.lastWasTic = false
    for (;;) {
      let r: Step
      try {
        r = this.interpret(c, s, suspendAllowed)
      } catch (e) {
        if (!(e instanceof ChannelCheck)) throw e
        r = 'pcheck'
      }
      if (r === 'chain') continue
      s.ctrl &= ~AC_START_PEND
      if (r === 'suspend') {
        s.ctrl |= AC_SUSP
        return
      }
      s.ctrl &= ~STCTL
      if (r === 'done') {
        s.ctrl |= SC_PRIMARY | SC_SECONDARY | SC_PEND
        s.dstat = DS_CHANNEL_END | DS_DEVICE_END
      } else if (r === 'reject') {
        s.dstat = DS_UNIT_CHECK
        s.sense[0] = 0x80
        s.ctrl |= SC_PRIMARY | SC_SECONDARY | SC_ALERT | SC_PEND
      } else {
        s.cstat = CS_PROG_CHECK
        s.ctrl |= SC_PRIMARY | SC_SECONDARY | SC_ALERT | SC_PEND
      }
      s.cpa = (s.prog + 8) >>> 0
      return
    }
  }

  private readCcw(c: Cpu, s: Subchannel, a: number): Ccw {
    const u8 = c.m.storage.u8
    if (a + 8 > c.m.storage.size) throw new ChannelCheck()
    const dv = c.m.storage.dv
    if (s.fmt1) return { cmd: u8[a]!, flags: u8[a + 1]!, count: dv.getUint16(a + 2), cda: dv.getUint32(a + 4) }
    const cmd = u8[a]!
    const cda = (u8[a + 1]! << 16) | dv.getUint16(a + 2)
    if ((cmd & 0x0f) === CMD_TIC) return { cmd: CMD_TIC, flags: 0, count: 0, cda }
    return { cmd, flags: u8[a + 4]!, count: dv.getUint16(a + 6), cda }
  }

  private interpret(c: Cpu, s: Subchannel, suspendAllowed: boolean): Step {
    const a = s.prog
    if (a === 0) return 'pcheck'
    if (a & (s.fmt1 ? 0x80000007 : 0xff000007)) return 'pcheck'
    const w = this.readCcw(c, s, a)
    if ((w.cmd & 0x0f) === 0) return 'pcheck'
    if ((w.cmd & 0x0f) === CMD_TIC && (w.cmd & 0xf0) !== 0) return 'pcheck'
    if (!s.fmt1 && w.count === 0 && w.cmd !== CMD_TIC) return 'pcheck'
    if (w.flags & CCW_MIDA) return 'pcheck'
    if (w.flags & CCW_SUSPEND) return suspendAllowed ? 'suspend' : 'pcheck'
    const checkLen = !((w.flags & CCW_SLI) !== 0 && (w.flags & CCW_DC) === 0)
    if (w.cda === 0) {
      if (s.noDataCount === 255) return 'pcheck'
      s.noDataCount++
    }
    let r: Step
    const wasTic = s.lastWasTic
    s.lastWasTic = w.cmd === CMD_TIC
    switch (w.cmd) {
      case CMD_NOOP:
        r = 'done'
        break
      case CMD_BASIC_SENSE: {
        if (checkLen && w.count !== s.sense.length) return 'pcheck'
        const len = Math.min(w.count, s.sense.length)
        const skip = (w.flags & CCW_SKIP) !== 0
        this.write(c, s, w, s.sense.subarray(0, len), skip)
        s.count = w.count - len
        s.sense.fill(0)
        r = 'done'
        break
      }
      case CMD_SENSE_ID: {
        const id = s.dev.senseId()
        if (checkLen && w.count !== id.length) return 'pcheck'
        const len = Math.min(w.count, id.length)
        // Byte 0 is 0xff only when at least bytes 0-3 fit.
        id[0] = len >= 4 ? 0xff : 0
        this.write(c, s, w, id.subarray(0, len), false)
        s.count = w.count - len
        r = 'done'
        break
      }
      case CMD_TIC:
        if (wasTic) return 'pcheck'
        if (w.flags || w.count) return 'pcheck'
        s.prog = w.cda
        return 'chain'
      default:
        r = s.dev.command(w.cmd) === 'ok' ? 'done' : 'reject'
    }
    if (r === 'done' && w.flags & CCW_CC) {
      s.prog = (s.prog + 8) >>> 0
      return 'chain'
    }
    return r
  }

  /** Stores `data` through the CCW's data address (directly or through IDAWs); `skip` suppresses the transfer. */
  private write(c: Cpu, s: Subchannel, w: Ccw, data: Uint8Array, skip: boolean): void {
    const mem = c.m.storage
    const limit = s.fmt1 ? 0x80000000 : 0x1000000
    const put = (addr: number, from: number, n: number): void => {
      if (addr + n >= limit || addr + n > mem.size) throw new ChannelCheck()
      if (!skip) mem.u8.set(data.subarray(from, from + n), addr)
    }
    if (data.length === 0) return
    if ((w.flags & CCW_IDA) === 0) {
      put(w.cda, 0, data.length)
      return
    }
    // Indirect data addressing: format-1 (31-bit, 2K blocks) or format-2 (64-bit, 2K or 4K blocks) IDAWs.
    const fmt2 = s.c64
    const bsz = fmt2 && !s.i2k ? 4096 : 2048
    let idaw = w.cda
    let done = 0
    let first = true
    while (done < data.length) {
      if (idaw & (fmt2 ? 7 : 3) || idaw >= limit || idaw + (fmt2 ? 8 : 4) > mem.size) throw new ChannelCheck()
      let addr: number
      if (fmt2) {
        const hi = mem.dv.getUint32(idaw)
        if (hi !== 0) throw new ChannelCheck()
        addr = mem.dv.getUint32(idaw + 4)
        idaw += 8
      } else {
        addr = mem.dv.getUint32(idaw)
        if (addr & 0x80000000) throw new ChannelCheck()
        idaw += 4
      }
      if (!first && addr % bsz !== 0) throw new ChannelCheck()
      first = false
      const n = Math.min(data.length - done, bsz - (addr % bsz))
      put(addr, done, n)
      done += n
    }
  }

  /** Adds one to the start-subchannel count of the subchannel's measurement block. */
  private countStart(c: Cpu, s: Subchannel): void {
    if ((s.flags & PMCW_MME) === 0) return
    const mem = c.m.storage
    if (s.chars & CHARS_MBFC) {
      const a = s.mbaHi === 0 ? s.mbaLo : -1
      if (a >= 0 && a + 4 <= mem.size) mem.dv.setUint32(a, (mem.dv.getUint32(a) + 1) >>> 0)
    } else {
      const a = this.monitorArea + s.mbi * 32
      if (a + 2 <= mem.size) mem.dv.setUint16(a, (mem.dv.getUint16(a) + 1) & 0xffff)
    }
  }

  // ---- status and interruptions --------------------------------------------------------------------------------

  private raise(s: Subchannel): void {
    this.pending.push({ sid: this.sidOf(s), parm: s.intparm, word: (s.isc << 27) >>> 0 })
    this.onIrq()
  }

  /** Takes the first pending I/O interruption whose ISC is enabled in `cr6` (bits 32-39), or null. */
  private take(cr6: number): IoIrq | null {
    let best = -1
    for (let i = 0; i < this.pending.length; i++) {
      const isc = this.pending[i]!.word >>> 27
      if ((cr6 & (0x80000000 >>> isc)) === 0) continue
      if (best < 0 || isc < this.pending[best]!.word >>> 27) best = i
    }
    if (best < 0) return null
    return this.pending.splice(best, 1)[0]!
  }

  /** Delivers an enabled pending I/O interruption to `c` (PSW I/O mask and CR6 ISC mask); true if one was taken. */
  deliverIo(c: Cpu): boolean {
    if ((c.mask & PSW_IO) === 0 || this.pending.length === 0) return false
    const irq = this.take(c.crl[6]! >>> 0)
    if (irq === null) return false
    c.mask &= ~PSW_WAIT
    const p = c.prefix
    c.dv.setUint32(p + LC_SUBSYS_ID, irq.sid)
    c.dv.setUint32(p + LC_IO_INT_PARM, irq.parm)
    c.dv.setUint32(p + LC_IO_INT_WORD, irq.word)
    c.m.onInterrupt?.(c, 'io', irq.sid, c.ia)
    c.storePswAbs(p + LC_IO_OLD, c.ia)
    if (!c.loadPswAbs(p + LC_IO_NEW)) c.m.invalidNewPsw(c, 'io')
    return true
  }

  /** TEST PENDING INTERRUPTION: CC 1 and the interruption code stored when one was pending for an enabled ISC. */
  tpi(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    const irq = this.take(c.crl[6]! >>> 0)
    if (irq === null) return 0
    if (a !== 0) {
      try {
        c.probe(a, 8, 1)
      } catch (e) {
        this.pending.unshift(irq)
        throw e
      }
      c.wr32(a, irq.sid | 0)
      c.wr32(a + 4, irq.parm | 0)
    } else {
      const p = c.prefix
      c.dv.setUint32(p + LC_SUBSYS_ID, irq.sid)
      c.dv.setUint32(p + LC_IO_INT_PARM, irq.parm)
      c.dv.setUint32(p + LC_IO_INT_WORD, irq.word)
    }
    return 1
  }

  /** TEST SUBCHANNEL: stores the IRB, clears status pending and the subchannel's interruption request. */
  tsch(c: Cpu, a: number): number {
    const s = this.sch(c)
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    if (s === null || !s.enabledAndValid) {
      c.probe(a, IRB_LEN, 1)
      return 3
    }
    const stctl = s.ctrl & STCTL
    const irb = new Uint8Array(IRB_LEN)
    const dv = new DataView(irb.buffer)
    let flags = s.sflags
    if (stctl & SC_PEND) {
      if (s.cstat & (CS_DATA_CHECK | CS_CHN_CTRL_CHK | CS_INTF_CTRL_CHK)) {
        flags |= SCSW_ESWF
        dv.setUint32(12, 0x04804000)
      } else {
        dv.setUint32(12, 0x00800000)
      }
      if (s.dstat & DS_UNIT_CHECK && s.chars & CHARS_CSENSE) {
        flags |= SCSW_ESWF | SCSW_ECTL
        irb.set(s.sense, 32)
        dv.setUint32(16, 0x01000000 | (s.sense.length << 8))
      }
    }
    dv.setUint16(0, flags)
    dv.setUint16(2, s.ctrl)
    dv.setUint32(4, s.cpa)
    irb[8] = s.dstat
    irb[9] = s.cstat
    dv.setUint16(10, s.count)
    c.probe(a, IRB_LEN, 1)
    for (let i = 0; i < IRB_LEN; i += 4) c.wr32(a + i, dv.getInt32(i))
    this.clearStatus(s)
    const sid = this.sidOf(s)
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i]!.sid === sid) this.pending.splice(i, 1)
    return stctl & SC_PEND ? 0 : 1
  }

  private clearStatus(s: Subchannel): void {
    const stctl = s.ctrl & STCTL
    const fctl = s.ctrl & FCTL
    const actl = s.ctrl & ACTL
    if ((stctl & SC_PEND) === 0) return
    s.ctrl &= ~STCTL
    const intermediateOnly = stctl === (SC_INTERMEDIATE | SC_PEND)
    if (!intermediateOnly || (fctl & FC_HALT && actl & AC_SUSP)) s.ctrl &= ~FCTL
    const allActivity = AC_RESUME_PEND | AC_START_PEND | AC_HALT_PEND | AC_CLEAR_PEND | AC_SUSP
    if (!intermediateOnly) {
      s.sflags &= ~SCSW_PNO
      s.ctrl &= ~allActivity
    } else if (actl & AC_SUSP && fctl & FC_START) {
      s.sflags &= ~SCSW_PNO
      s.ctrl &= fctl & FC_HALT ? ~allActivity : ~AC_RESUME_PEND
    }
    if (s.chars & CHARS_CSENSE) s.sense.fill(0)
  }

  // ---- channel reports, paths, monitoring ----------------------------------------------------------------------

  /** STORE CHANNEL REPORT WORD: CC 0 and the oldest report, or CC 1 and zeros. */
  stcrw(c: Cpu, a: number): number {
    if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
    c.probe(a, 4, 1)
    const crw = this.crws.shift()
    c.wr32(a, crw ?? 0)
    return crw === undefined ? 1 : 0
  }

  /** RESET CHANNEL PATH: queues a solicited "installed parameters initialized" report for the path. */
  rchp(c: Cpu): number {
    const r1 = c.rl[1]! >>> 0
    if (r1 & 0xff00ff00) pgm(PGM_OPERAND)
    if ((r1 >>> 16) & 0xff) pgm(PGM_OPERAND) // CSS id above the highest (MCSS-E not enabled)
    const chpid = r1 & 0xff
    if (chpid !== CHPID || this.subchannels.length === 0) return 3
    // Flags: solicited (S), reporting-source code 4 (channel path), error-recovery code 2 (initialized).
    this.crws.push(((0x4000 | (0x4 << 8) | 0x02) << 16) | chpid)
    return 0
  }

  /** SET CHANNEL MONITOR (GR1 flags, GR2 format-0 measurement-block origin). */
  schm(c: Cpu): void {
    const r1 = c.rl[1]! >>> 0
    if (r1 & 0x0ffffffc) pgm(PGM_OPERAND)
    const update = (r1 & 2) !== 0
    if (update && c.rl[2]! & 0x1f) pgm(PGM_OPERAND)
    if (update && !this.monitorActive) {
      this.monitorActive = true
      this.monitorArea = c.rnum(2)
    } else if (!update && this.monitorActive) {
      this.monitorActive = false
      this.monitorArea = 0
    }
  }

  /** SET ADDRESS LIMIT: no limit checking is provided; only the operand checks. */
  sal(c: Cpu): void {
    const r1 = c.rl[1]! >>> 0
    if (r1 & 0x80000000 || r1 & 0xffff) pgm(PGM_OPERAND)
  }

  /** CHANNEL SUBSYSTEM CALL: store channel-subsystem characteristics (0x0010), store channel-path description
   * (0x0002); other commands answer "command not installed" (0x0004). */
  chsc(c: Cpu, a: number): number {
    if (a % 4096 !== 0) pgm(PGM_SPECIFICATION)
    c.probe(a, 16, 0)
    const len = c.rd16(a)
    const code = c.rd16(a + 2)
    const p0 = c.rd32(a + 4) >>> 0
    const p1 = c.rd32(a + 8) >>> 0
    const p2 = c.rd32(a + 12) >>> 0
    if (len < 16 || len > 4088 || len % 8 !== 0) pgm(PGM_OPERAND)
    const res = new Uint8Array(4096 - len)
    const dv = new DataView(res.buffer)
    let rlen = 8
    let rcode: number
    let param = 0
    if (code === 0x0010) {
      const cssid = (p0 >>> 8) & 0xff
      if (len !== 16) rcode = 0x0003
      else if (p0 & 0x000f0000) rcode = 0x0007
      else if (cssid !== 0 && (!(p0 & 0x20000000) || cssid !== VIRTUAL_CSSID)) rcode = 0x0008
      else if (p0 & 0xdff000ff || p1 || p2) rcode = 0x0003
      else {
        rcode = 0x0001
        rlen = 4080
        // General characteristics (bits 6, 7, 45, 46, 47, 48, 51, 108) and CHSC characteristics (bits 1, 109).
        dv.setUint32(8, 0x03000000)
        dv.setUint32(12, 0x00079000)
        dv.setUint32(20, 0x00080000)
        dv.setUint32(8 + 510 * 4, 0x40000000)
        dv.setUint32(8 + 510 * 4 + 12, 0x00040000)
      }
    } else if (code === 0x0002) {
      let rfmt = (p0 >>> 8) & 0xf
      if (rfmt === 0 || rfmt === 1) rfmt = p0 & 0x10000000 ? 1 : 0
      param = rfmt
      const cssid = (p0 >>> 16) & 0xff
      if (len !== 16 || p0 & 0xc000f000 || p1 & 0xffffff00 || p2) rcode = 0x0003
      else if (p0 & 0x0f000000) rcode = 0x0007
      else if (cssid !== 0 && (!(p0 & 0x20000000) || cssid !== VIRTUAL_CSSID)) rcode = 0x0008
      else if ((p1 & 0xff) < (p0 & 0xff)) rcode = 0x0003
      else {
        rcode = 0x0001
        let off = 8
        if (this.subchannels.length > 0 && (p0 & 0xff) <= CHPID && CHPID <= (p1 & 0xff) && rfmt <= 1) {
          dv.setUint32(off, (0x80000000 | (VIRTIO_CCW_CHPID_TYPE << 8) | CHPID) >>> 0)
          off += rfmt === 0 ? 8 : 32
        }
        rlen = off
      }
    } else {
      rcode = 0x0004
    }
    dv.setUint16(0, rlen)
    dv.setUint16(2, rcode)
    dv.setUint32(4, param)
    c.probe(a + len, rlen, 1)
    for (let i = 0; i < rlen; i += 4) c.wr32(a + len + i, dv.getInt32(i))
    return 0
  }
}
