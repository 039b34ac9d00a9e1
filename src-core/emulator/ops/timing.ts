// Timing instructions outside the privileged clock group: PERFORM TIMING FACILITY FUNCTION (POP ch. 10,
// TOD-clock-steering facility 28): the query functions — no steering ever happens here, so every steering episode
// is empty; the physical clock is the TOD clock less the SET CLOCK offset. EXTRACT CPU TIME (POP ch. 7,
// extract-CPU-time facility 31).
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

/** EXTRACT CPU TIME: GR0 = the doubleword at D1(B1) minus the CPU timer, GR1 = the doubleword at D2(B2), GR R3 = the
 * doubleword at the address in GR R3; all three are fetched before any register changes (R3 may be 0 or 1). No
 * alignment is required; the condition code is unchanged. */
export const ectg: Exec = (c) => {
  const a1 = c.ea(0, c.b1, c.d1)
  const a2 = c.ea(0, c.b2, c.d2)
  const a3 = c.raddr(c.r3)
  c.rd64(a1)
  const op1 = (BigInt(c.th) << 32n) | BigInt(c.tl >>> 0)
  c.rd64(a2)
  const h2 = c.th
  const l2 = c.tl
  c.rd64(a3)
  const h3 = c.th
  const l3 = c.tl
  c.setR64(0, op1 - c.m.cpuTimerValue(c))
  c.rh[1] = h2
  c.rl[1] = l2
  c.rh[c.r3] = h3
  c.rl[c.r3] = l3
}
