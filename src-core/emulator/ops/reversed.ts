// Load/store reversed (POP ch. 7 "LOAD REVERSED", "STORE REVERSED"): byte-swapped loads and stores of halfwords,
// words and doublewords, the form compilers use for little-endian data (cpu_to_le32 and friends).
import type { Exec } from '../isa/decode.ts'

const bswap32 = (v: number): number => ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)
const bswap16 = (v: number): number => ((v & 0xff) << 8) | ((v >>> 8) & 0xff)

export const lrvr: Exec = (c) => void (c.rl[c.r1] = bswap32(c.rl[c.r2]!))
export const lrvgr: Exec = (c) => {
  const h = c.rh[c.r2]!
  c.rh[c.r1] = bswap32(c.rl[c.r2]!)
  c.rl[c.r1] = bswap32(h)
}
export const lrvh: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r1]! & ~0xffff) | bswap16(c.rd16(c.ea2())))
export const lrv: Exec = (c) => void (c.rl[c.r1] = bswap32(c.rd32(c.ea2())))
export const lrvg: Exec = (c) => {
  c.rd64(c.ea2())
  const h = c.th
  c.rh[c.r1] = bswap32(c.tl)
  c.rl[c.r1] = bswap32(h)
}
export const strvh: Exec = (c) => c.wr16(c.ea2(), bswap16(c.rl[c.r1]!))
export const strv: Exec = (c) => c.wr32(c.ea2(), bswap32(c.rl[c.r1]!))
export const strvg: Exec = (c) => c.wr64(c.ea2(), bswap32(c.rl[c.r1]!), bswap32(c.rh[c.r1]!))
