// Access-register instructions (POP ch. 7): LOAD/STORE ACCESS MULTIPLE, EXTRACT/SET ACCESS, LOAD ADDRESS EXTENDED.
// The kernel saves and restores the access registers on every interruption entry and exit.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'

function count(c: Cpu): number {
  return ((c.r3 - c.r1) & 15) + 1
}
/** LOAD ACCESS MULTIPLE: AR r1..r3 (wrapping) from consecutive words at the word-aligned second operand. */
export const lam: Exec = (c) => {
  const a = c.ea2()
  if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
  const n = count(c)
  c.probe(a, n * 4, 0)
  for (let i = 0; i < n; i++) c.ar[(c.r1 + i) & 15] = c.rd32(c.wrap(a + i * 4))
}
export const lamy: Exec = lam
/** STORE ACCESS MULTIPLE. */
export const stam: Exec = (c) => {
  const a = c.ea2()
  if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
  const n = count(c)
  c.probe(a, n * 4, 1)
  for (let i = 0; i < n; i++) c.wr32(c.wrap(a + i * 4), c.ar[(c.r1 + i) & 15]!)
}
export const stamy: Exec = stam
export const ear: Exec = (c) => void (c.rl[c.r1] = c.ar[c.r2]!)
export const sar: Exec = (c) => void (c.ar[c.r1] = c.rl[c.r2]!)
/** LOAD ADDRESS EXTENDED: the address as LA, and AR r1 names the space the PSW's address-space control uses. */
export const lae: Exec = (c) => {
  const a = c.ea2()
  if (c.amode === 0xffffff) c.rl[c.r1] = a & 0xffffff
  else c.setRaddr(c.r1, a)
  const asc = (c.mask >>> 14) & 3
  c.ar[c.r1] = asc === 0 ? 0 : asc === 1 ? (c.b2 === 0 ? 0 : c.ar[c.b2]!) : asc === 2 ? 1 : 2
}
