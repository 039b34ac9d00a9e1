// Operand fetchers and register-pair helpers shared by the general instructions (POP ch. 7).
import type { Cpu } from '../../cpu/cpu.ts'
import { pgm } from '../../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../../cpu/constants.ts'

// ---- operand fetchers ---------------------------------------------------------------------------------------
export const m32 = (c: Cpu): number => c.rd32(c.ea2())
export const m16s = (c: Cpu): number => (c.rd16(c.ea2()) << 16) >> 16
export const m8 = (c: Cpu): number => c.rd8(c.ea2())
/** Loads the doubleword operand into th/tl. */
export const m64 = (c: Cpu): void => c.rd64(c.ea2())
export const sh = (c: Cpu): number => c.ea2() & 63

export function set64(c: Cpu, r: number, h: number, l: number): void {
  c.rh[r] = h
  c.rl[r] = l
}
/** Stores th/tl into GR r. */
export function put(c: Cpu, r: number): void {
  c.rh[r] = c.th
  c.rl[r] = c.tl
}
export function evenPair(c: Cpu, r: number): void {
  if (r & 1) pgm(PGM_SPECIFICATION)
}


/** Sign of a 32-bit value as the high word of its 64-bit extension (0 or -1). */
export const sx = (v: number): number => v >> 31

/** Relative-long operand address; a specification exception unless aligned on `align` bytes. */
export function rlAddr(c: Cpu, align: number): number {
  const ad = c.wrap(c.ia + c.i2 * 2)
  if (ad % align !== 0) pgm(PGM_SPECIFICATION)
  return ad
}
