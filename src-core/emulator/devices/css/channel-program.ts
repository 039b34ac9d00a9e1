// Channel-program execution (POP ch. 15-16): format-0/1 CCWs, command chaining, TIC, suspension, indirect data
// addressing, and the channel commands the subsystem answers itself (NOP, BASIC SENSE, SENSE ID).
import type { Cpu } from '../../cpu/cpu.ts'
import {
  AC_SUSP,
  AC_START_PEND,
  STCTL,
  SC_PEND,
  SC_SECONDARY,
  SC_PRIMARY,
  SC_ALERT,
  DS_CHANNEL_END,
  DS_DEVICE_END,
  DS_UNIT_CHECK,
  CS_PROG_CHECK,
  type Subchannel,
} from './subchannel.ts'

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

/** Thrown inside channel-program execution when a data address is unusable (channel-program check). */
class ChannelCheck extends Error {
  override name = 'ChannelCheck'
}

/** Runs the channel program at the subchannel's CPA to its end, suspension or check, and sets the status. */
export function runProgram(c: Cpu, s: Subchannel, suspendAllowed: boolean): void {
  s.lastWasTic = false
  for (;;) {
    let r: Step
    try {
      r = interpret(c, s, suspendAllowed)
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

function readCcw(c: Cpu, s: Subchannel, a: number): Ccw {
  const u8 = c.m.storage.u8
  if (a + 8 > c.m.storage.size) throw new ChannelCheck()
  const dv = c.m.storage.dv
  if (s.fmt1) return { cmd: u8[a]!, flags: u8[a + 1]!, count: dv.getUint16(a + 2), cda: dv.getUint32(a + 4) }
  const cmd = u8[a]!
  const cda = (u8[a + 1]! << 16) | dv.getUint16(a + 2)
  if ((cmd & 0x0f) === CMD_TIC) return { cmd: CMD_TIC, flags: 0, count: 0, cda }
  return { cmd, flags: u8[a + 4]!, count: dv.getUint16(a + 6), cda }
}

function interpret(c: Cpu, s: Subchannel, suspendAllowed: boolean): Step {
  const a = s.prog
  if (a === 0) return 'pcheck'
  if (a & (s.fmt1 ? 0x80000007 : 0xff000007)) return 'pcheck'
  const w = readCcw(c, s, a)
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
      write(c, s, w, s.sense.subarray(0, len), skip)
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
      write(c, s, w, id.subarray(0, len), false)
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
function write(c: Cpu, s: Subchannel, w: Ccw, data: Uint8Array, skip: boolean): void {
  const mem = c.m.storage
  const limit = s.fmt1 ? 0x80000000 : 0x1000000
  const put = (addr: number, from: number, n: number): void => {
    if (addr + n >= limit || addr + n > mem.size) throw new ChannelCheck()
    if (!skip) {
      mem.u8.set(data.subarray(from, from + n), addr)
      mem.touch(addr, n)
    }
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
