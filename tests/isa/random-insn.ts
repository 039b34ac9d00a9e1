// Random instructions and register values for the interpreter's path tests (interp-fast-path, interp-no-store):
// deterministic, so a failure names its seed and case.
import type { Insn } from '@core/emulator/isa/decode'

/** Deterministic pseudo-random numbers (a failure names its seed and case). */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s >>> 8
  }
}

/** Instruction halfwords of `ins` with random operand bits. */
export function encode(ins: Insn, r: () => number): [number, number, number] {
  let h0 = r() & 0xffff
  const h1 = r() & 0xffff
  let h2 = r() & 0xffff
  const o = ins.opc
  if (ins.fmt === 'E') h0 = o
  else if (o < 0x100) h0 = (o << 8) | (h0 & 0xff)
  else if (o < 0x1000) h0 = ((o >>> 4) << 8) | (h0 & 0xf0) | (o & 0xf)
  else if ([0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed].includes(o >>> 8)) {
    h0 = (o & 0xff00) | (h0 & 0xff)
    h2 = (h2 & 0xff00) | (o & 0xff)
  } else h0 = o
  return [h0, h1, h2]
}

export const MEM = 2 * 1024 * 1024
/** Register values that make interesting addresses and operands. */
export function regValue(r: () => number): [number, number] {
  const lo = [0, 1, -1, 0x7fffffff, -0x80000000, r() & 0xff, 0x20000 + (r() & 0xfff), 0x20ffd + (r() & 3), MEM - 2, 0x7ff00000, r() | 0, 0xffffff, 0x100fff0]
  const hi = [0, 0, 0, 0, -1, r() | 0, 0x80000000 | 0, 0x7fffffff]
  return [hi[r() % hi.length]!, lo[r() % lo.length]!]
}

