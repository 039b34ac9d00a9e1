// The channel subsystem as QEMU's s390-ccw-virtio machine presents it (hw/s390x/css.c, target/s390x/ioinst.c):
// one virtual channel path (CHPID 00, type 0x32), one subchannel per configured virtio-ccw device in subchannel set 0
// of the default channel-subsystem image (0xfe), channel programs executed synchronously at START SUBCHANNEL with
// format-0/1 CCWs (NOP, BASIC SENSE, SENSE ID, TIC; other commands go to the device), status made pending with an
// I/O interruption on the subchannel's ISC, TEST SUBCHANNEL/TPI, channel reports (RCHP → STCRW), the channel
// monitor (SCHM, format-0 and format-1 measurement blocks: start-subchannel count) and CHSC store-characteristics /
// store-channel-path-description. Validity checks and their order follow QEMU 7.2 TCG.
// The instructions live here; the subchannel data in css/subchannel.ts, channel programs in css/channel-program.ts.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { LC_IO_NEW, LC_IO_OLD, PGM_SPECIFICATION, PSW_IO } from '../cpu/constants.ts'
import { VirtioCcwDevice, type CcwDevice } from './ccw-device.ts'
import {
  PGM_OPERAND,
  IRB_LEN,
  VIRTUAL_CSSID,
  CHPID,
  PMCW_ISC,
  PMCW_ENA,
  PMCW_DNV,
  CHARS_MBFC,
  CHARS_XMWME,
  CHARS_CSENSE,
  SCSW_PNO,
  FCTL,
  FC_HALT,
  FC_START,
  ACTL,
  AC_SUSP,
  AC_CLEAR_PEND,
  AC_HALT_PEND,
  AC_START_PEND,
  AC_RESUME_PEND,
  STCTL,
  SC_PEND,
  SC_SECONDARY,
  SC_PRIMARY,
  SC_INTERMEDIATE,
  SC_ALERT,
  DS_DEVICE_END,
  Subchannel,
  type IoIrq,
  type SubchannelState,
  sidOf,
  schibWords,
  irbOf,
  clearStatus,
} from './css/subchannel.ts'
import { runProgram } from './css/channel-program.ts'
import { chsc } from './css/chsc.ts'

const SCHIB_LEN = 52
/** Subsystem-identification word, I/O-interruption parameter and word in the lowcore. */
const LC_SUBSYS_ID = 0xb8
const LC_IO_INT_PARM = 0xbc
const LC_IO_INT_WORD = 0xc0

// PMCW flags (halfword at +4) and characteristics (word at +28).
const PMCW_LM = 0x0060
const PMCW_MME = 0x0018
const PMCW_MP = 0x0004
/** Bits 0, 1, 6 and 7 must be zero in MSCH (bit 5 is ignored). */
const PMCW_INVALID = 0xc300
const CHARS_INVALID = 0xff1ffff8

// SCSW flags (halfword at +0) and control (halfword at +2).
const SCSW_CC = 0x0300
const SCSW_FMT = 0x0080
const FC_CLEAR = 0x1000
const AC_DEV_ACTIVE = 0x0040
const AC_SCH_ACTIVE = 0x0080

// ORB.
const ORB_SPND = 0x0800
const ORB_FMT = 0x0080
const ORB_C64 = 0x0002
const ORB_I2K = 0x0001
const ORB_CTRL0_INVALID = 0x0004
const ORB_CTRL1_MIDAW = 0x40
const ORB_CTRL1_INVALID = 0x3e

/** The channel subsystem of a machine. */
/** A snapshot's channel subsystem does not fit the machine rebuilt from its configuration. */
export class CssStateError extends Error {
  override name = 'CssStateError'
}

/**
 * A device on a subchannel, as a snapshot describes it: `configured` devices come back from the machine's
 * configuration (virtio-ccw); `media` devices (a card reader with its deck) carry their data (a blob) and position.
 */
export type DeviceState = { kind: 'configured'; name: string; devno: number } | { kind: 'media'; name: string; devno: number; dataBlob: number; position: number }

/** The channel subsystem's state in a snapshot. */
export interface CssState {
  subchannels: Array<{ device: DeviceState; state: SubchannelState }>
  crws: number[]
  pending: IoIrq[]
  monitorActive: boolean
  monitorArea: number
}

function saveDevice(dev: CcwDevice, blobs: Uint8Array[]): DeviceState {
  const media = dev.saveState?.()
  if (media === undefined) return { kind: 'configured', name: dev.name, devno: dev.devno }
  blobs.push(media.data)
  return { kind: 'media', name: dev.name, devno: dev.devno, dataBlob: blobs.length - 1, position: media.position }
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0')

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

  /**
   * State for a snapshot: every subchannel with a description of its device (byte strings such as a reader's deck go
   * to `blobs`, referenced by index), channel reports, pending I/O interruptions and the channel monitor.
   */
  saveState(blobs: Uint8Array[]): CssState {
    return {
      subchannels: this.subchannels.map((s) => ({ device: saveDevice(s.dev, blobs), state: s.saveState() })),
      crws: [...this.crws],
      pending: this.pending.map((p) => ({ ...p })),
      monitorActive: this.monitorActive,
      monitorArea: this.monitorArea,
    }
  }

  /**
   * Puts back a saved state. Devices the machine attached from its configuration (virtio-ccw) must already be on
   * their subchannels and match; media devices (a card reader) are attached here, built by `makeDevice`.
   */
  restoreState(st: CssState, makeDevice: (d: Extract<DeviceState, { kind: 'media' }>) => CcwDevice): void {
    st.subchannels.forEach((saved, i) => {
      const have = this.subchannels[i]
      if (have === undefined) {
        if (saved.device.kind !== 'media') throw new CssStateError(`the snapshot's ${saved.device.name} ${hex4(saved.device.devno)} is not in the machine's configuration`)
        this.addDevice(makeDevice(saved.device))
      } else if (have.dev.name !== saved.device.name || have.dev.devno !== saved.device.devno) {
        throw new CssStateError(`subchannel ${i} holds ${have.dev.name} ${hex4(have.dev.devno)}, the snapshot has ${saved.device.name} ${hex4(saved.device.devno)}`)
      }
      this.subchannels[i]!.restoreState(saved.state)
    })
    if (this.subchannels.length !== st.subchannels.length) throw new CssStateError(`${this.subchannels.length} subchannels configured, the snapshot has ${st.subchannels.length}`)
    this.crws.splice(0, this.crws.length, ...st.crws)
    this.pending.splice(0, this.pending.length, ...st.pending.map((p) => ({ ...p })))
    this.monitorActive = st.monitorActive
    this.monitorArea = st.monitorArea
    if (this.pending.length > 0) this.onIrq()
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
  /** True when the subsystem-identification word `v` names a subchannel holding a virtio-ccw device (DIAG 0x500). */
  isVirtioSubchannel(v: number): boolean {
    return this.sidValid(v) && this.find(v)?.dev instanceof VirtioCcwDevice
  }
  private find(v: number): Subchannel | null {
    const m = (v & 0x00080000) !== 0
    if (m && v >>> 24 !== VIRTUAL_CSSID) return null
    if ((v & 0x00060000) !== 0) return null
    return this.subchannels[v & 0xffff] ?? null
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
    const w = schibWords(s)
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
      runProgram(c, s, (ctrl0 & ORB_SPND) !== 0)
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
    runProgram(c, s, true)
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

  /** Adds one to the start-subchannel count of the subchannel's measurement block. */
  private countStart(c: Cpu, s: Subchannel): void {
    if ((s.flags & PMCW_MME) === 0) return
    const mem = c.m.storage
    if (s.chars & CHARS_MBFC) {
      const a = s.mbaHi === 0 ? s.mbaLo : -1
      if (a >= 0 && a + 4 <= mem.size) {
        mem.dv.setUint32(a, (mem.dv.getUint32(a) + 1) >>> 0)
        mem.touch(a, 4)
      }
    } else {
      const a = this.monitorArea + s.mbi * 32
      if (a + 2 <= mem.size) {
        mem.dv.setUint16(a, (mem.dv.getUint16(a) + 1) & 0xffff)
        mem.touch(a, 2)
      }
    }
  }

  // ---- status and interruptions --------------------------------------------------------------------------------

  private raise(s: Subchannel): void {
    this.pending.push({ sid: sidOf(s), parm: s.intparm, word: (s.isc << 27) >>> 0 })
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
    // The old PSW is the current PSW, wait bit included (as for external interruptions, cpu/interrupts.ts).
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
    const dv = irbOf(s)
    c.probe(a, IRB_LEN, 1)
    for (let i = 0; i < IRB_LEN; i += 4) c.wr32(a + i, dv.getInt32(i))
    clearStatus(s)
    const sid = sidOf(s)
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i]!.sid === sid) this.pending.splice(i, 1)
    return stctl & SC_PEND ? 0 : 1
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

  /** CHANNEL SUBSYSTEM CALL (css/chsc.ts); the one channel path exists once a device is configured. */
  chsc(c: Cpu, a: number): number {
    return chsc(c, a, this.subchannels.length > 0)
  }
}
