// POP ch. 7, comparison: signed and logical compares of registers, storage, immediates and relative-long
// operands; COMPARE AND TRAP and LOAD AND TRAP. tests/isa/compare.test.ts
import type { Cpu } from '../../cpu/cpu.ts'
import type { Exec } from '../../isa/decode.ts'
import { pgm } from '../../cpu/exceptions.ts'
import { CR0_AFP, PGM_DATA, LC_DATA_EXC_CODE } from '../../cpu/constants.ts'
import { cmp32, cmp64, cmpl32, cmpl64 } from '../helpers.ts'
import { m32, m16s, m64, set64, sx, rlAddr } from './operands.ts'

// ---- compare -----------------------------------------------------------------------------------------------------
export const cr: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const clr: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rl[c.r2]!))
export const c_: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, m32(c)))
export const cl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, m32(c)))
export const ch: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, m16s(c)))
export const chi: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.i2))
export const cfi: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.i2))
export const clfi: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.i2))
export const cgr: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const clgr: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cgfr: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!))
export const clgfr: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rl[c.r2]!))
export const cghi: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))
export const cgfi: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))
export const clgfi: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.i2))
export const cg: Exec = (c) => {
  m64(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const clg: Exec = (c) => {
  m64(c)
  c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const cgf: Exec = (c) => {
  const v = m32(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const clgf: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, m32(c)))
export const cgh: Exec = (c) => {
  const v = m16s(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
const siAddr = (c: Cpu): number => c.ea(0, c.b1, c.d1)
export const chhsi: Exec = (c) => void (c.cc = cmp32((c.rd16(siAddr(c)) << 16) >> 16, c.i2))
export const chsi: Exec = (c) => void (c.cc = cmp32(c.rd32(siAddr(c)), c.i2))
export const cghsi: Exec = (c) => {
  c.rd64(siAddr(c))
  c.cc = cmp64(c.th, c.tl, sx(c.i2), c.i2)
}
export const clhhsi: Exec = (c) => void (c.cc = cmpl32(c.rd16(siAddr(c)), c.i2 & 0xffff))
export const clfhsi: Exec = (c) => void (c.cc = cmpl32(c.rd32(siAddr(c)), c.i2 & 0xffff))
export const clghsi: Exec = (c) => {
  c.rd64(siAddr(c))
  c.cc = cmpl64(c.th, c.tl, 0, c.i2 & 0xffff)
}

// ---- relative-long compares (operand must be naturally aligned) -----------------------------------------------
export const crl: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.rd32(rlAddr(c, 4))))
export const clrl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rd32(rlAddr(c, 4))))
export const cgrl: Exec = (c) => {
  c.rd64(rlAddr(c, 8))
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const clgrl: Exec = (c) => {
  c.rd64(rlAddr(c, 8))
  c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const cgfrl: Exec = (c) => {
  const v = c.rd32(rlAddr(c, 4))
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const clgfrl: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rd32(rlAddr(c, 4))))
export const chrl: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, (c.rd16(rlAddr(c, 2)) << 16) >> 16))
export const clhrl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rd16(rlAddr(c, 2))))
export const clghrl: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rd16(rlAddr(c, 2))))
// High-word facility (45).
export const cih: Exec = (c) => void (c.cc = cmp32(c.rh[c.r1]!, c.i2))

// ---- compare and trap / load and trap --------------------------------------------------------------------------
/** The compare-and-trap / load-and-trap data exception, DXC 0xff. */
function dxcTrap(c: Cpu): never {
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0xff)
  // With AFP the DXC also goes into byte 2 of the FPC.
  if (c.crl[0]! & CR0_AFP) c.fpc = ((c.fpc & ~0xff00) | 0xff00) >>> 0
  return pgm(PGM_DATA)
}
function trap(c: Cpu, ccv: number): void {
  if (c.m3 & (8 >>> ccv)) dxcTrap(c)
}
// Load and trap, compare logical and trap (facility 49): the load completes, then a zero value traps.
export const lat: Exec = (c) => {
  const v = m32(c)
  c.rl[c.r1] = v
  if (v === 0) dxcTrap(c)
}
export const lgat: Exec = (c) => {
  m64(c)
  set64(c, c.r1, c.th, c.tl)
  if ((c.th | c.tl) === 0) dxcTrap(c)
}
export const clt: Exec = (c) => trap(c, cmpl32(c.rl[c.r1]!, m32(c)))
export const clgt: Exec = (c) => {
  m64(c)
  trap(c, cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl))
}
export const crt: Exec = (c) => trap(c, cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const cgrt: Exec = (c) => trap(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cit: Exec = (c) => trap(c, cmp32(c.rl[c.r1]!, c.i2))
export const cgit: Exec = (c) => trap(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))
