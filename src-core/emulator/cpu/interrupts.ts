// Interruption delivery through the lowcore old/new PSWs (POP ch. 6): program, supervisor call, external, restart.
// An invalid new PSW ends the run (the host decides how). I/O interruptions are delivered by the channel subsystem.
import type { Cpu } from './cpu.ts'
import {
  LC_EXC_ACCESS_ID,
  LC_EXT_CPU_ADDR,
  LC_EXT_INT_CODE,
  LC_EXT_NEW,
  LC_EXT_OLD,
  LC_EXT_PARAMS,
  LC_OP_ACCESS_ID,
  LC_PGM_CODE,
  LC_PGM_ILC,
  LC_PGM_NEW,
  LC_PGM_OLD,
  LC_RESTART_NEW,
  LC_RESTART_OLD,
  LC_SVC_CODE,
  LC_SVC_ILC,
  LC_SVC_NEW,
  LC_SVC_OLD,
  LC_TRANS_EXC_ID,
  LC_PER_ADDRESS,
  LC_PER_ATMID,
  LC_PER_CODE,
  NULLIFYING_CODES,
  PGM_PER,
  PGM_PROTECTION,
} from './constants.ts'

/** Delivers a program interruption with `code` and instruction-length code `ilc` (bytes). */
export function programInterrupt(c: Cpu, code: number, ilc: number, nullify: boolean | null = null): void {
  const dv = c.dv
  const p = c.prefix
  let addr = (nullify ?? NULLIFYING_CODES.has(code & 0x7f)) || ilc === 0 ? c.ia : c.nia
  if (c.inExecute) addr = c.nia
  c.inExecute = false
  dv.setUint16(p + LC_PGM_ILC, ilc)
  dv.setUint16(p + LC_PGM_CODE, code)
  if ((code & 0x7f) === PGM_PROTECTION || (code & 0x7f) >= 0x10) {
    dv.setUint32(p + LC_TRANS_EXC_ID, c.teidH)
    dv.setUint32(p + LC_TRANS_EXC_ID + 4, c.teidL)
    dv.setUint8(p + LC_EXC_ACCESS_ID, c.excAccessId)
    dv.setUint8(p + LC_OP_ACCESS_ID, c.opAccessId)
    c.opAccessId = 0
  }
  if ((code & PGM_PER) !== 0) storePerFields(c)
  c.m.onProgramInterrupt(c, code, addr)
  c.storePswAbs(p + LC_PGM_OLD, addr)
  if (!c.loadPswAbs(p + LC_PGM_NEW)) c.m.invalidNewPsw(c, 'program')
}

/** Delivers a SUPERVISOR CALL interruption. */
export function svcInterrupt(c: Cpu, code: number, ilc: number): void {
  const p = c.prefix
  c.dv.setUint16(p + LC_SVC_ILC, ilc)
  c.dv.setUint16(p + LC_SVC_CODE, code)
  c.storePswAbs(p + LC_SVC_OLD, c.nia)
  if (!c.loadPswAbs(p + LC_SVC_NEW)) c.m.invalidNewPsw(c, 'svc')
}

/** Delivers an external interruption. The old PSW is the current PSW as it was, wait bit included (POP ch. 6; an
 * idle loop clears it there before resuming); the CPU leaves the wait state by loading the new PSW. */
export function externalInterrupt(c: Cpu, code: number, cpuAddr: number, params: number): void {
  const p = c.prefix
  c.dv.setUint16(p + LC_EXT_INT_CODE, code)
  c.dv.setUint16(p + LC_EXT_CPU_ADDR, cpuAddr)
  c.dv.setUint32(p + LC_EXT_PARAMS, params)
  c.storePswAbs(p + LC_EXT_OLD, c.ia)
  if (!c.loadPswAbs(p + LC_EXT_NEW)) c.m.invalidNewPsw(c, 'external')
}

/** Delivers the restart interruption (SIGP RESTART). */
export function restartInterrupt(c: Cpu): void {
  c.restartPending = false
  const p = c.prefix
  c.storePswAbs(p + LC_RESTART_OLD, c.ia)
  if (!c.loadPswAbs(p + LC_RESTART_NEW)) c.m.invalidNewPsw(c, 'restart')
}

/** Stores the PER code, ATMID and PER address of the events the CPU recorded (cpu/per.ts) into the lowcore. */
function storePerFields(c: Cpu): void {
  const p = c.prefix
  c.dv.setUint8(p + LC_PER_CODE, c.perCode)
  c.dv.setUint8(p + LC_PER_ATMID, c.perAtmid)
  c.dv.setBigUint64(p + LC_PER_ADDRESS, BigInt(c.pageNo(c.perAddr)) * 4096n + BigInt(c.perAddr % 4096))
  c.perCode = 0
}
