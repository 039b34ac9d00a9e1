// Idle spins: a CPU that loops over instructions that change nothing (no-operation branches, and an unconditional
// relative branch that closes the loop) can leave the loop only through an interruption. While every CPU of a
// machine is in such a spin or in the wait state, nothing happens until the next timer deadline, so the machine may
// let that time pass at once (Machine.run) instead of executing the spin for seconds of host time. The guest sees
// the TOD clock, the CPU timer and the watchdog advance together, exactly as if its CPUs had not been dispatched
// for that long (steal time under any hypervisor); upstream `diag288` spins 15 s for the watchdog to bite.
import type { Cpu } from './cpu/cpu.ts'
import { ProgramException } from './cpu/exceptions.ts'
import { perActive } from './cpu/per.ts'

/** Most instructions followed around a spin (the loops that matter are two or three instructions long). */
const MAX_SPIN_INSNS = 8

/**
 * True when `c`, at its current instruction address, runs a loop that makes no change to anything but its
 * instruction address: following control flow from there through no-operation branches (BC/BCR/BRC/BRCL with
 * mask 0, BCR with R2 = 0) and unconditional relative branches (BRC/BRCL with mask 15) leads back to the start
 * within a few instructions. Nothing but an interruption can end such a loop. False when anything else is met, when
 * PER could recognize events in it, or when an instruction cannot be fetched.
 */
export function inIdleSpin(c: Cpu): boolean {
  if (perActive(c) || c.inExecute) return false
  const start = c.ia
  let a = start
  try {
    for (let i = 0; i < MAX_SPIN_INSNS; i++) {
      if (a % 2 !== 0) return false
      const h0 = c.fetch16(a)
      const op = h0 >>> 8
      const m1 = (h0 >>> 4) & 15
      if (op === 0x07) {
        // BCR M1,R2: no branch with mask 0 or R2 = 0; a register target is not followed.
        if (m1 !== 0 && (h0 & 15) !== 0) return false
        a = c.wrap(a + 2)
      } else if (op === 0x47) {
        // BC M1,D2(X2,B2): only the no-operation form (mask 0) is followed.
        if (m1 !== 0) return false
        a = c.wrap(a + 4)
      } else if (op === 0xa7 && (h0 & 15) === 4) {
        // BRC M1,RI2
        if (m1 === 0) a = c.wrap(a + 4)
        else if (m1 === 15) a = c.wrap(a + 2 * ((c.fetch16(c.wrap(a + 2)) << 16) >> 16))
        else return false
      } else if (op === 0xc0 && (h0 & 15) === 4) {
        // BRCL M1,RI2
        if (m1 === 0) a = c.wrap(a + 6)
        else if (m1 === 15) a = c.wrap(a + 2 * ((c.fetch16(c.wrap(a + 2)) << 16) | c.fetch16(c.wrap(a + 4))))
        else return false
      } else return false
      if (a === start) return true
    }
  } catch (e) {
    if (e instanceof ProgramException) return false
    throw e
  }
  return false
}
