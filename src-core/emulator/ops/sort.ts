// Sorting instructions (POP ch. 7): UPDATE TREE. Nodes of a binary tree are (codeword, other data) pairs of 4+4
// bytes in the 24/31-bit modes and 8+8 bytes in the 64-bit mode, at GR4 + index; GR5 holds the index, GR0/GR1 the
// codeword and data being moved towards the root, GR2/GR3 receive a node with an equal codeword.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'

/** Register value as the addressing mode sees an operand: 64 bits in the 64-bit mode, else bits 32-63. */
const regA = (c: Cpu, r: number, w64: boolean): bigint => (w64 ? c.r64(r) : BigInt(c.rl[r]! >>> 0))
/** Sets a register operand: 64 bits, or bits 32-63 keeping bits 0-31. */
function setRegA(c: Cpu, r: number, w64: boolean, v: bigint): void {
  if (w64) c.setR64(r, v)
  else c.rl[r] = Number(v & 0xffffffffn) | 0
}

/**
 * UPDATE TREE: halves the index in GR5 (rounded down to a node boundary) until it is zero (CC 1), the codeword in
 * GR0 is negative (leftmost bit one: CC 3), or the node there has a codeword equal to GR0 (its codeword and data to
 * GR2/GR3: CC 0); a node with a logically higher codeword is swapped with GR0/GR1 on the way. GR4 and GR5 must be
 * multiples of the node size (specification).
 */
export const upt: Exec = (c) => {
  const w64 = c.amode === -1
  const size = w64 ? 16 : 8
  const half = size / 2
  const high = w64 ? 1n << 63n : 1n << 31n
  const base = regA(c, 4, w64)
  if (base % BigInt(size) !== 0n || regA(c, 5, w64) % BigInt(size) !== 0n) pgm(PGM_SPECIFICATION)
  const ld = (a: number): bigint => {
    if (!w64) return BigInt(c.rd32(a) >>> 0)
    c.rd64(a)
    return (BigInt(c.th >>> 0) << 32n) | BigInt(c.tl >>> 0)
  }
  const st = (a: number, v: bigint): void => {
    if (!w64) return c.wr32(a, Number(v) | 0)
    c.wr64(a, Number(v >> 32n) | 0, Number(v & 0xffffffffn) | 0)
  }
  for (;;) {
    const index = (regA(c, 5, w64) >> 1n) & ~BigInt(size - 1)
    if (index === 0n || (regA(c, 0, w64) & high) !== 0n) {
      c.cc = index === 0n ? 1 : 3
      setRegA(c, 5, w64, index)
      return
    }
    const sum = base + index
    const node = w64 ? c.addr64(Number((sum >> 32n) & 0xffffffffn), Number(sum & 0xffffffffn)) : c.wrap(Number(sum & 0xffffffffn))
    const code = ld(node)
    const data = ld(c.wrap(node + half))
    // The index is committed only after the node was fetched: an access exception leaves GR5 as it was.
    setRegA(c, 5, w64, index)
    const gr0 = regA(c, 0, w64)
    if (code === gr0) {
      setRegA(c, 2, w64, code)
      setRegA(c, 3, w64, data)
      c.cc = 0
      return
    }
    if (code < gr0) continue
    c.probe(node, size, 1)
    st(node, gr0)
    st(c.wrap(node + half), regA(c, 1, w64))
    setRegA(c, 0, w64, code)
    setRegA(c, 1, w64, data)
  }
}
