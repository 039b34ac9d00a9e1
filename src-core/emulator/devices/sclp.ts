// Service-call logical processor (SCLP) reached through SERVICE CALL: configuration info, CPU info, event masks
// and event data (VT220 ASCII and line-mode EBCDIC consoles). Synchronous: the service-signal external
// interruption is made pending before SERVC completes.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_ADDRESSING, PGM_SPECIFICATION } from '../cpu/constants.ts'
import type { Machine } from '../machine.ts'
import { decodeEbcdic } from '../../domain/ebcdic.ts'

const CMD_READ_SCP_INFO = 0x00020001
const CMD_READ_SCP_INFO_FORCED = 0x00120001
const CMD_READ_CPU_INFO = 0x00010001
const CMD_READ_EVENT_DATA = 0x00770005
const CMD_WRITE_EVENT_DATA = 0x00760005
const CMD_WRITE_EVENT_MASK = 0x00780005
const CMD_MASK = 0xffff00ff

const RC_NORMAL_READ = 0x0010
const RC_NORMAL = 0x0020
const RC_BOUNDARY = 0x0100
const RC_INVALID_COMMAND = 0x01f0
const RC_INSUFFICIENT_LENGTH = 0x0300
const RC_NO_EVENTS = 0x60f0
const RC_INVALID_MASK_LENGTH = 0x74f0
const RC_INVALID_SELECTION_MASK = 0x70f0

const EVENT_MSG = 0x02
const EVENT_ASCII = 0x1a
/** The guest's receive-mask bit for ASCII console input. */
const RECEIVE_MASK_ASCII = 0x00000040
/** Events the guest may send to us (our receive mask) and we may send to it. */
const RECEIVE_MASK = 0x40000000 | 0x00000040
const SEND_MASK = 0x80000000 | 0x00000040 | 0x00000008

/** Command words (class code in bits 24-31, detail in 0-15) the SCLP accepts. */
const VALID_COMMANDS: ReadonlySet<number> = new Set([CMD_READ_SCP_INFO, CMD_READ_SCP_INFO_FORCED, CMD_READ_CPU_INFO, CMD_READ_EVENT_DATA, CMD_WRITE_EVENT_DATA, CMD_WRITE_EVENT_MASK])
/** WRITE EVENT DATA accepts only the normal-write function code (SCCB byte 2). */
const FC_NORMAL_WRITE = 0
const RC_INVALID_FUNCTION = 0x40f0

/** Offset of the CPU entries in READ SCP INFO (no extended-length SCCB facility). */
const CPU_ENTRIES_OFFSET = 128
const CPU_ENTRY_LEN = 16

/** The SCLP's state in a snapshot. */
export interface SclpState {
  lineBuf: string
  lineMode: string
  receiveMask: number
  sendMask: number
  pendingParam: number
  input: string
}

/** SCLP state of one machine. */
export class Sclp {
  private lineBuf = ''
  /** Text seen on the line-mode (EBCDIC) console, kept to check it against the ASCII stream. */
  lineMode = ''
  /** Receives the raw EBCDIC text of every line-mode message (MTO), for hosts that show the operator console. */
  onLineMode: ((ebcdic: Uint8Array) => void) | null = null
  receiveMask = 0
  sendMask = 0
  /** Pending service-signal parameter (SCCB address), or -1. */
  pendingParam = -1
  /** Characters typed on the ASCII console, not read by the guest yet. */
  private input = ''

  constructor(private readonly m: Machine) {}

  /** SERVICE CALL: returns the condition code; program exceptions are thrown. */
  serviceCall(c: Cpu, code: number, sccb: number): number {
    const m = this.m
    if (sccb % 8 !== 0 || sccb > 0x7ffffff8 || sccb < 0x2000 || (sccb >= c.prefix && sccb < c.prefix + 0x2000)) {
      if (sccb >= m.storage.size && sccb % 8 === 0 && sccb <= 0x7ffffff8) pgm(PGM_ADDRESSING)
      pgm(PGM_SPECIFICATION)
    }
    if (sccb + 8 > m.storage.size) pgm(PGM_ADDRESSING)
    const dv = m.storage.dv
    const len = dv.getUint16(sccb)
    if (len < 8) pgm(PGM_SPECIFICATION)
    if (sccb + len > m.storage.size) pgm(PGM_ADDRESSING)
    m.storage.touch(sccb, len)
    const cmd = (code & CMD_MASK) >>> 0
    let rc: number
    if (!VALID_COMMANDS.has(cmd)) {
      rc = RC_INVALID_COMMAND
    } else if (Math.floor((sccb + len - 1) / 4096) !== Math.floor(sccb / 4096)) {
      rc = RC_BOUNDARY
    } else if (cmd === CMD_READ_SCP_INFO || cmd === CMD_READ_SCP_INFO_FORCED) {
      rc = this.readScpInfo(sccb, len)
    } else if (cmd === CMD_READ_CPU_INFO) {
      rc = this.readCpuInfo(sccb, len)
    } else if (cmd === CMD_WRITE_EVENT_MASK) {
      rc = this.writeEventMask(sccb, len)
    } else if (cmd === CMD_WRITE_EVENT_DATA) {
      rc = this.writeEventData(sccb, len)
    } else {
      rc = this.readEventData(sccb, len)
    }
    dv.setUint16(sccb + 6, rc)
    // The parameter's low bit says an event is still waiting to be read (as QEMU's sclp_service_interrupt).
    this.pendingParam = sccb | (this.eventPending() ? 1 : 0)
    m.serviceSignalPending()
    return 0
  }

  /**
   * Types `text` on the ASCII (VT220) console: the guest reads it with READ EVENT DATA. A guest that receives ASCII
   * events is told with an attention service signal (parameter 1: no SCCB, an event pending), as QEMU's sclpconsole
   * does; Linux's SCLP driver reads its console input only then.
   */
  type(text: string): void {
    if (text === '') return
    this.input += text
    if (this.eventPending()) {
      this.pendingParam = this.pendingParam < 0 ? 1 : this.pendingParam | 1
      this.m.serviceSignalPending()
    }
  }

  /** True when typed input waits and the guest's receive mask selects it. */
  private eventPending(): boolean {
    return this.input !== '' && (this.receiveMask & RECEIVE_MASK_ASCII) !== 0
  }

  /** Characters typed and not read yet. */
  get pendingInput(): string {
    return this.input
  }

  /** State for a snapshot (the event masks, console input not read yet, a pending service signal). */
  saveState(): SclpState {
    return { lineBuf: this.lineBuf, lineMode: this.lineMode.slice(-4096), receiveMask: this.receiveMask, sendMask: this.sendMask, pendingParam: this.pendingParam, input: this.input }
  }
  /** Puts back what saveState returned. */
  restoreState(s: SclpState): void {
    this.lineBuf = s.lineBuf
    this.lineMode = s.lineMode
    this.receiveMask = s.receiveMask
    this.sendMask = s.sendMask
    this.pendingParam = s.pendingParam
    this.input = s.input
  }

  /**
   * READ EVENT DATA: typed characters as one ASCII console event when the guest's receive mask selects them, laid out
   * as QEMU's sclpconsole does (event header, a 0 byte saying ASCII text follows, the text); else no events.
   */
  private readEventData(sccb: number, len: number): number {
    if (this.input === '' || (this.receiveMask & RECEIVE_MASK_ASCII) === 0) return RC_NO_EVENTS
    const dv = this.m.storage.dv
    const room = len - 8 - 7
    if (room <= 0) return RC_INSUFFICIENT_LENGTH
    const text = this.input.slice(0, room)
    this.input = this.input.slice(text.length)
    const e = sccb + 8
    dv.setUint16(e, 7 + text.length)
    dv.setUint8(e + 2, EVENT_ASCII)
    dv.setUint8(e + 3, 0x80)
    dv.setUint16(e + 4, 0)
    dv.setUint8(e + 6, 0)
    for (let i = 0; i < text.length; i++) dv.setUint8(e + 7 + i, text.charCodeAt(i) & 0xff)
    return RC_NORMAL
  }

  private readScpInfo(sccb: number, len: number): number {
    const m = this.m
    const ncpu = m.cpus.length
    if (len < CPU_ENTRIES_OFFSET + ncpu * CPU_ENTRY_LEN) return RC_INSUFFICIENT_LENGTH
    const dv = m.storage.dv
    m.storage.u8.fill(0, sccb + 8, sccb + len)
    let incShift = 20
    while (m.storage.size / 2 ** incShift > 1020) incShift++
    const rnsize = 2 ** (incShift - 20)
    const rnmax = m.storage.size / 2 ** incShift
    if (rnsize < 256) dv.setUint8(sccb + 10, rnsize)
    else dv.setUint32(sccb + 100, rnsize)
    if (rnmax < 0x10000) dv.setUint16(sccb + 8, rnmax)
    else {
      dv.setUint32(sccb + 104, 0)
      dv.setUint32(sccb + 108, rnmax)
    }
    dv.setUint16(sccb + 16, ncpu)
    dv.setUint16(sccb + 18, CPU_ENTRIES_OFFSET)
    // facilities: SCLP_HAS_CPU_INFO
    dv.setUint32(sccb + 48, 0x0c000000)
    // conf_char byte 80 bit 2 = SOP, byte 85: bit 0 GSLS, bit 6 ESOP.
    dv.setUint8(sccb + 80, 0x20)
    dv.setUint8(sccb + 85, 0x02)
    dv.setUint16(sccb + 120, m.maxCpus - 1)
    for (let i = 0; i < ncpu; i++) {
      const e = sccb + CPU_ENTRIES_OFFSET + i * CPU_ENTRY_LEN
      dv.setUint8(e, m.cpus[i]!.addr)
    }
    return RC_NORMAL_READ
  }

  private readCpuInfo(sccb: number, len: number): number {
    const m = this.m
    const ncpu = m.cpus.length
    if (len < 24 + ncpu * CPU_ENTRY_LEN) return RC_INSUFFICIENT_LENGTH
    const dv = m.storage.dv
    m.storage.u8.fill(0, sccb + 8, sccb + len)
    dv.setUint16(sccb + 8, ncpu)
    dv.setUint16(sccb + 10, 24)
    dv.setUint16(sccb + 12, 0)
    dv.setUint16(sccb + 14, 24 + ncpu * CPU_ENTRY_LEN)
    for (let i = 0; i < ncpu; i++) dv.setUint8(sccb + 24 + i * CPU_ENTRY_LEN, m.cpus[i]!.addr)
    return RC_NORMAL_READ
  }

  private writeEventMask(sccb: number, len: number): number {
    const dv = this.m.storage.dv
    const ml = dv.getUint16(sccb + 10)
    if (ml === 0 || ml > 1021 || len < 12 + 4 * ml) return RC_INVALID_MASK_LENGTH
    const read = (i: number): number => {
      let v = 0
      for (let k = 0; k < 4; k++) v = (v << 8) | (k < ml ? dv.getUint8(sccb + 12 + i * ml + k) : 0)
      return v >>> 0
    }
    const write = (i: number, v: number): void => {
      for (let k = 0; k < ml; k++) dv.setUint8(sccb + 12 + i * ml + k, k < 4 ? (v >>> (24 - 8 * k)) & 0xff : 0)
    }
    this.receiveMask = read(0)
    this.sendMask = read(1)
    write(2, SEND_MASK)
    write(3, RECEIVE_MASK)
    return RC_NORMAL
  }

  private writeEventData(sccb: number, len: number): number {
    const dv = this.m.storage.dv
    if (dv.getUint8(sccb + 2) !== FC_NORMAL_WRITE) return RC_INVALID_FUNCTION
    let p = sccb + 8
    const end = sccb + len
    if (p >= end) return RC_NORMAL
    while (p + 6 <= end) {
      const elen = dv.getUint16(p)
      const type = dv.getUint8(p + 2)
      if (elen < 6 || p + elen > end) return 0x73f0
      if (type === EVENT_ASCII) {
        let s = ''
        for (let i = p + 6; i < p + elen; i++) s += String.fromCharCode(dv.getUint8(i))
        this.m.consoleOut(s)
      } else if (type === EVENT_MSG) {
        this.lineMessage(p + 6, p + elen)
      } else {
        return RC_INVALID_SELECTION_MASK
      }
      dv.setUint8(p + 3, dv.getUint8(p + 3) | 0x80)
      p += elen
    }
    return RC_NORMAL
  }

  /** Decodes a line-mode message: MDB → GO → MTO objects with EBCDIC text. */
  private lineMessage(start: number, end: number): void {
    const dv = this.m.storage.dv
    // MDB header: length, type, tag, revision; then objects.
    let p = start + 12
    while (p + 4 <= end) {
      const olen = dv.getUint16(p)
      const otype = dv.getUint16(p + 2)
      if (olen < 4) break
      if (otype === 4) {
        const s = decodeEbcdic(this.m.storage.u8.subarray(p + 10, Math.max(p + 10, Math.min(p + olen, end))))
        this.onLineMode?.(this.m.storage.u8.slice(p + 10, Math.max(p + 10, Math.min(p + olen, end))))
        this.lineBuf += s
        this.lineMode += s + '\n'
      }
      p += olen
    }
  }
}
