// LOAD/STORE USING REAL ADDRESS (POP ch. 10): the operand address in R2 is a real address (no DAT), prefixing and
// the addressing check apply; STURA/STURG are the stores PER's store-using-real-address event watches.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_ADDRESSING, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { SKEY_CHANGE, SKEY_REF } from '../mem/storage.ts'
import { perStoreReal } from '../cpu/per.ts'

/** Absolute address of the real operand in R2 (`n` bytes, naturally aligned). */
function realOperand(c: Cpu, n: number, store: boolean): number {
  const real = c.raddr(c.r2)
  if (real % n !== 0) pgm(PGM_SPECIFICATION)
  const abs = c.realToAbs(real)
  if (abs + n > c.mem.size) pgm(PGM_ADDRESSING)
  const k = Math.floor(abs / 4096)
  c.mem.keys[k] = c.mem.keys[k]! | SKEY_REF | (store ? SKEY_CHANGE : 0)
  const jit = c.m.jit
  if (store && jit !== null && jit.codePages[k] === 1) jit.codeStore(c, k)
  return abs
}

export const lura: Exec = (c) => void (c.rl[c.r1] = c.dv.getInt32(realOperand(c, 4, false)))
export const lurag: Exec = (c) => {
  const abs = realOperand(c, 8, false)
  c.rh[c.r1] = c.dv.getInt32(abs)
  c.rl[c.r1] = c.dv.getInt32(abs + 4)
}
export const stura: Exec = (c) => {
  const abs = realOperand(c, 4, true)
  c.dv.setInt32(abs, c.rl[c.r1]!)
  perStoreReal(c, c.raddr(c.r2), 4)
}
export const sturg: Exec = (c) => {
  const abs = realOperand(c, 8, true)
  c.dv.setInt32(abs, c.rh[c.r1]!)
  c.dv.setInt32(abs + 4, c.rl[c.r1]!)
  perStoreReal(c, c.raddr(c.r2), 8)
}
