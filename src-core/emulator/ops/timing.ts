// PERFORM TIMING FACILITY FUNCTION (POP ch. 10, TOD-clock-steering facility 28): the query functions. No steering
// ever happens here, so every steering episode is empty; the physical clock is the TOD clock less the SET CLOCK
// offset.
import type { Exec } from '../isa/decode.ts'

/** Function codes (GR0 bits 57-63) answered, as the bits of the QUERY AVAILABLE FUNCTIONS block. */
export const PTFF_QAF = 0
export const PTFF_QTO = 1
export const PTFF_QSI = 2
export const PTFF_QPT = 3
export const PTFF_QUI = 4
const AVAILABLE = [PTFF_QAF, PTFF_QTO, PTFF_QSI, PTFF_QPT, PTFF_QUI]
/** Parameter-block sizes in bytes. */
const BLOCK: Record<number, number> = { [PTFF_QAF]: 16, [PTFF_QTO]: 32, [PTFF_QSI]: 56, [PTFF_QPT]: 8, [PTFF_QUI]: 256 }

function put64(b: Uint8Array, off: number, v: bigint): void {
  new DataView(b.buffer).setBigUint64(off, v & 0xffffffffffffffffn)
}

/** PTFF: function code in GR0 bits 57-63 (bit 56 set: a set function, none installed), parameter block at GR1;
 * CC 3 for a function that is not available. */
export const ptff: Exec = (c) => {
  const fc = c.rl[0]! & 0x7f
  const size = BLOCK[fc]
  if (size === undefined || (c.rl[0]! & 0x80) !== 0) {
    c.cc = 3
    return
  }
  const b = new Uint8Array(size)
  const tod = c.m.tod.now()
  const offset = c.m.tod.todOffset
  const physical = (tod - offset) & 0xffffffffffffffffn
  if (fc === PTFF_QAF) {
    for (const f of AVAILABLE) b[f >>> 3] = b[f >>> 3]! | (0x80 >>> (f & 7))
  } else if (fc === PTFF_QTO) {
    put64(b, 0, physical)
    put64(b, 8, offset)
    put64(b, 16, offset)
  } else if (fc === PTFF_QSI) {
    put64(b, 0, physical)
  } else if (fc === PTFF_QPT) {
    put64(b, 0, physical)
  }
  const a = c.raddr(1)
  c.probe(a, size, 1)
  for (let i = 0; i < size; i++) c.wr8(c.wrap(a + i), b[i]!)
  c.cc = 0
}
