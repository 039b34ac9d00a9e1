// Address-space and real-storage control instructions (POP ch. 10): SET ADDRESS SPACE CONTROL (FAST), COMPARE AND
// SWAP AND PURGE (LOAD/STORE USING REAL ADDRESS: real.ts). Linux switches address spaces with SACF in its futex and uaccess
// fallbacks and updates page-table entries with CSP/CSPG.
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_SECONDARY_SPACE, PGM_ADDRESSING, PGM_SPECIAL_OPERATION, PGM_SPECIFICATION, PSW_AS, PSW_DAT, PSW_PROBLEM } from '../cpu/constants.ts'

const AS_SECONDARY = 2
const AS_HOME = 3

/** SET ADDRESS SPACE CONTROL (FAST): bits 52-55 of the second-operand address choose primary (0), secondary (1),
 * access-register (2) or home (3) mode. */
export const sacf: Exec = (c) => {
  const a = c.ea(0, c.b2, c.d2)
  const code = Math.floor(a / 256) % 16
  if (code > 3) pgm(PGM_SPECIFICATION)
  // PSW bits 16-17: 00 primary, 10 secondary, 01 access register, 11 home.
  const as = code === 0 ? 0 : code === 1 ? AS_SECONDARY : code === 2 ? 1 : AS_HOME
  if ((c.mask & PSW_DAT) === 0 || (c.crl[0]! & CR0_SECONDARY_SPACE) === 0) pgm(PGM_SPECIAL_OPERATION)
  if (as === AS_HOME && (c.mask & PSW_PROBLEM) !== 0) pgm(PGM_SPECIAL_OPERATION)
  const old = c.mask
  c.mask = (c.mask & ~PSW_AS) | (as << 14)
  if (old !== c.mask) c.flushTlb()
  c.brk = true
}
export const sac: Exec = sacf

/** COMPARE AND SWAP AND PURGE (32 or 64 bits): R1 compare value, R1+1 replacement; R2 the operand address with
 * bit 63 asking to purge every CPU's TLB after a successful swap. */
function cspOp(g: boolean): Exec {
  return (c) => {
    if (c.r1 & 1) pgm(PGM_SPECIFICATION)
    const r2 = c.raddr(c.r2)
    const len = g ? 8 : 4
    const a = r2 - (r2 % len)
    const purge = (c.rl[c.r2]! & 1) !== 0
    // The operand is a logical address translated for a store (the swap may store); checks as for CS.
    const abs = c.abs(a, 1)
    if (abs + len > c.mem.size) pgm(PGM_ADDRESSING)
    const dv = c.dv
    if (g) {
      const h = dv.getInt32(abs)
      const l = dv.getInt32(abs + 4)
      if (h === c.rh[c.r1] && l === c.rl[c.r1]) {
        dv.setInt32(abs, c.rh[c.r1 + 1]!)
        dv.setInt32(abs + 4, c.rl[c.r1 + 1]!)
        c.cc = 0
      } else {
        c.rh[c.r1] = h
        c.rl[c.r1] = l
        c.cc = 1
      }
    } else {
      const v = dv.getInt32(abs)
      if (v === c.rl[c.r1]) {
        dv.setInt32(abs, c.rl[c.r1 + 1]!)
        c.cc = 0
      } else {
        c.rl[c.r1] = v
        c.cc = 1
      }
    }
    if (c.cc === 0 && purge) c.m.flushAllTlbs()
    const jit = c.m.jit
    if (jit !== null && jit.codePages[Math.floor(abs / 4096)] === 1) jit.codeStore(c, Math.floor(abs / 4096))
  }
}
export const csp = cspOp(false)
export const cspg = cspOp(true)
