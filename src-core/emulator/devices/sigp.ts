// SIGNAL PROCESSOR (POP ch. 4 "Signal-Processor Orders") between the CPUs of one machine.
import type { Cpu } from '../cpu/cpu.ts'
import { PSW_EXT, PSW_IO } from '../cpu/constants.ts'
import { storeStatus, storeAdditionalStatus } from './status.ts'

/** SIGP order codes. */
export const SIGP = {
  SENSE: 1,
  EXTERNAL_CALL: 2,
  EMERGENCY_SIGNAL: 3,
  START: 4,
  STOP: 5,
  RESTART: 6,
  STOP_AND_STORE_STATUS: 9,
  INITIAL_CPU_RESET: 11,
  CPU_RESET: 12,
  SET_PREFIX: 13,
  STORE_STATUS_AT_ADDRESS: 14,
  SET_ARCHITECTURE: 18,
  COND_EMERGENCY_SIGNAL: 19,
  SENSE_RUNNING_STATUS: 21,
  STORE_ADDITIONAL_STATUS: 23,
} as const

/** Status bits stored in R1 when the condition code is 1. */
export const SIGP_STATUS = {
  EXTERNAL_CALL_PENDING: 0x80,
  STOPPED: 0x40,
  INVALID_ORDER: 0x02,
  INVALID_PARAMETER: 0x100,
  INCORRECT_STATE: 0x200,
  NOT_RUNNING: 0x400,
} as const

/** Stores SIGP status bits in the low word of R1 (bits 32-63; the high word is kept) and gives CC 1. */
function status(c: Cpu, r1: number, s: number): number {
  c.rl[r1] = s
  return 1
}

/** Executes one SIGP order from `c`; returns the condition code. */
export function sigp(c: Cpu, order: number, targetAddr: number, param: number, r1: number): number {
  const m = c.m
  const t = m.cpuByAddr(targetAddr)
  if (t === undefined) return 3
  switch (order) {
    case SIGP.SENSE:
      if (t.stopped) return status(c, r1, SIGP_STATUS.STOPPED | (t.extCallFrom >= 0 ? SIGP_STATUS.EXTERNAL_CALL_PENDING : 0))
      if (t.extCallFrom >= 0) return status(c, r1, SIGP_STATUS.EXTERNAL_CALL_PENDING)
      return 0
    case SIGP.EXTERNAL_CALL:
      if (t.extCallFrom >= 0) return status(c, r1, SIGP_STATUS.EXTERNAL_CALL_PENDING)
      t.extCallFrom = c.addr
      m.wake(t)
      return 0
    case SIGP.EMERGENCY_SIGNAL:
      t.emergencyFrom.add(c.addr)
      m.wake(t)
      return 0
    case SIGP.COND_EMERGENCY_SIGNAL: {
      // Not signalled (incorrect state) only when the target is stopped, enabled for I/O and external
      // interruptions, and either waiting at address 0 or running in an address space other than the ASN given
      // (CR4/CR3 bits 48-63).
      const asn = param & 0xffff
      const enabled = (t.mask & (PSW_IO | PSW_EXT)) === (PSW_IO | PSW_EXT)
      const idle = t.waiting
      const signal = !t.stopped || !enabled || (idle && t.ia !== 0) || (!idle && (asn === (t.crl[4]! & 0xffff) || asn === (t.crl[3]! & 0xffff)))
      if (!signal) return status(c, r1, SIGP_STATUS.INCORRECT_STATE)
      t.emergencyFrom.add(c.addr)
      m.wake(t)
      return 0
    }
    case SIGP.START:
      m.startCpu(t)
      return 0
    case SIGP.STOP:
      m.stopCpu(t, false)
      if (t === c) c.brk = true
      return 0
    case SIGP.STOP_AND_STORE_STATUS:
      m.stopCpu(t, true)
      if (t === c) c.brk = true
      return 0
    case SIGP.RESTART:
      t.restartPending = true
      m.startCpu(t)
      if (t === c) c.brk = true
      return 0
    case SIGP.INITIAL_CPU_RESET:
      m.stopCpu(t, false)
      t.initialReset()
      return 0
    case SIGP.CPU_RESET:
      t.restartPending = false
      t.emergencyFrom.clear()
      t.extCallFrom = -1
      m.stopCpu(t, false)
      return 0
    case SIGP.SET_PREFIX: {
      // The parameter is checked before the state (as QEMU does).
      const p = param & 0x7fffe000
      if (p + 0x2000 > m.storage.size) return status(c, r1, SIGP_STATUS.INVALID_PARAMETER)
      if (!t.stopped) return status(c, r1, SIGP_STATUS.INCORRECT_STATE)
      t.setPrefix(p)
      return 0
    }
    case SIGP.STORE_STATUS_AT_ADDRESS: {
      if (!t.stopped) return status(c, r1, SIGP_STATUS.INCORRECT_STATE)
      const a = param & 0x7ffffe00
      if (a + 512 > m.storage.size) return status(c, r1, SIGP_STATUS.INVALID_PARAMETER)
      storeStatus(t, a - 0x1200)
      return 0
    }
    case SIGP.STORE_ADDITIONAL_STATUS: {
      const r = storeAdditionalStatus(t, param)
      if (r !== 0) return status(c, r1, r)
      return 0
    }
    case SIGP.SET_ARCHITECTURE: {
      // We are a z/Architecture-only machine (CZAM): the order is rejected as QEMU does.
      const othersStopped = m.cpus.every((x) => x === c || x.stopped)
      return status(c, r1, othersStopped ? SIGP_STATUS.INVALID_PARAMETER : SIGP_STATUS.INCORRECT_STATE)
    }
    case SIGP.SENSE_RUNNING_STATUS:
      if (t.stopped || t.waiting) return status(c, r1, SIGP_STATUS.NOT_RUNNING)
      return 0
    default:
      return status(c, r1, SIGP_STATUS.INVALID_ORDER)
  }
}
