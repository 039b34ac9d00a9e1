// A subchannel of the channel subsystem (POP ch. 15): its PMCW and SCSW bits, the SCHIB and IRB layouts STORE
// SUBCHANNEL and TEST SUBCHANNEL store, and status clearing. The instructions are in ../css.ts.
import type { CcwDevice } from '../ccw-device.ts'

export const PGM_OPERAND = 0x15
export const IRB_LEN = 64
/** Channel-subsystem image id of the default (virtual) image. */
export const VIRTUAL_CSSID = 0xfe
export const CHPID = 0x00

// PMCW flags (halfword at +4) and characteristics (word at +28).
export const PMCW_ISC = 0x3800
export const PMCW_ENA = 0x0080
export const PMCW_DNV = 0x0001
export const CHARS_MBFC = 0x00000004
export const CHARS_XMWME = 0x00000002
export const CHARS_CSENSE = 0x00000001

// SCSW flags (halfword at +0) and control (halfword at +2).
export const SCSW_ESWF = 0x0400
export const SCSW_ECTL = 0x0002
export const SCSW_PNO = 0x0001
export const FCTL = 0x7000
export const FC_HALT = 0x2000
export const FC_START = 0x4000
export const ACTL = 0x0fe0
export const AC_SUSP = 0x0020
export const AC_CLEAR_PEND = 0x0100
export const AC_HALT_PEND = 0x0200
export const AC_START_PEND = 0x0400
export const AC_RESUME_PEND = 0x0800
export const STCTL = 0x001f
export const SC_PEND = 0x0001
export const SC_SECONDARY = 0x0002
export const SC_PRIMARY = 0x0004
export const SC_INTERMEDIATE = 0x0008
export const SC_ALERT = 0x0010
export const DS_CHANNEL_END = 0x08
export const DS_DEVICE_END = 0x04
export const DS_UNIT_CHECK = 0x02
export const CS_PROG_CHECK = 0x20
export const CS_DATA_CHECK = 0x08
export const CS_CHN_CTRL_CHK = 0x04
export const CS_INTF_CTRL_CHK = 0x02

/** A pending I/O interruption: subsystem-identification word, interruption parameter, interruption word. */
export interface IoIrq {
  sid: number
  parm: number
  word: number
}

/** One subchannel and its device. */
export class Subchannel {
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

/** The subsystem-identification word of a subchannel (set 0, the one-bit always set). */
export function sidOf(s: Subchannel): number {
  return (0x00010000 | s.nr) >>> 0
}

/** The 13 words of the SCHIB STORE SUBCHANNEL stores (PMCW, SCSW, measurement-block address). */
export function schibWords(s: Subchannel): number[] {
  return [
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
}

/** The IRB TEST SUBCHANNEL stores: SCSW, extended status word, extended control word (sense data). */
export function irbOf(s: Subchannel): DataView {
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
  return dv
}

/** Clears status pending after TEST SUBCHANNEL, with the function and activity bits POP clears with it. */
export function clearStatus(s: Subchannel): void {
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
