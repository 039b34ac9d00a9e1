// Sorting instructions (POP ch. 7): COMPARE AND FORM CODEWORD and UPDATE TREE. Nodes of a binary tree are (codeword, other data) pairs of 4+4
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

/**
 * COMPARE AND FORM CODEWORD: compares the operands at GR1 + index and GR3 + index (index = GR2 bits 48-63) in units
 * of 2 bytes (24/31-bit modes) or 6 bytes (64-bit mode) up to the end index (second-operand address bits 49-62; bit
 * 63 selects a descending sort). Equal to the end: CC 0, GR2 = GR3 with its leftmost bit set. Else CC 1 (in
 * sequence) or 2 (out of sequence: GR1 and GR3 swapped), GR2 = (updated index << unit bits) | codeword, the codeword
 * being the one's complement of the higher unit (ascending) or the lower unit as it is (descending). GR1, GR2 and
 * GR3 must be even (specification).
 */
export const cfc: Exec = (c) => {
  const w64 = c.amode === -1
  const unit = w64 ? 6 : 2
  const bits = BigInt(unit * 8)
  const width = w64 ? 64 : 32
  const a2 = c.ea(0, c.b2, c.d2)
  if ((c.rl[1]! | c.rl[2]! | c.rl[3]!) & 1) pgm(PGM_SPECIFICATION)
  const maxIndex = a2 & 0x7ffe
  const descending = (a2 & 1) !== 0
  const read = (base: bigint, index: number): bigint => {
    const a = base + BigInt(index)
    let at = w64 ? c.addr64(Number((a >> 32n) & 0xffffffffn), Number(a & 0xffffffffn)) : c.wrap(Number(a & 0xffffffffn))
    let v = 0n
    for (let i = 0; i < unit; i++, at = c.wrap(at + 1)) v = (v << 8n) | BigInt(c.rd8(at))
    return v
  }
  for (;;) {
    const index = c.rl[2]! & 0xffff
    if (index > maxIndex) {
      c.cc = 0
      setRegA(c, 2, w64, regA(c, 3, w64) | (1n << BigInt(width - 1)))
      return
    }
    const op1 = read(regA(c, 1, w64), index)
    const op3 = read(regA(c, 3, w64), index)
    // The index advances only after both units were fetched (an access exception leaves GR2 as it was).
    setRegA(c, 2, w64, BigInt.asUintN(width, regA(c, 2, w64) + BigInt(unit)))
    if (op1 === op3) continue
    const inSequence = op1 < op3 !== descending
    const ones = (1n << bits) - 1n
    // Ascending: the complement of the higher unit; descending: the lower unit.
    const word = descending ? (op1 < op3 ? op1 : op3) : ones ^ (op1 < op3 ? op3 : op1)
    c.cc = inSequence ? 1 : 2
    if (!inSequence) {
      const g1 = regA(c, 1, w64)
      setRegA(c, 1, w64, regA(c, 3, w64))
      setRegA(c, 3, w64, g1)
    }
    setRegA(c, 2, w64, BigInt.asUintN(width, (regA(c, 2, w64) << bits) | word))
    return
  }
}
