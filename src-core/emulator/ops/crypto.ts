// CPACF (message-security assist, POP ch. 7): the query function of every instruction, with the operand and
// function-code checks the architecture makes before any cryptographic work. Only query (function 0) is installed.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'

/** Which register operands an instruction has (checked for odd/zero numbers), whether bit 56 (modifier) is allowed,
 * whether R3 must differ from R1 and R2 (KMA), and whether the condition code is set (PCKMO leaves it unchanged). */
interface CpacfShape {
  r1: boolean
  r2: boolean
  r3: boolean
  modifier: boolean
  r3Distinct?: boolean
  keepsCc?: boolean
}

function cpacf(shape: CpacfShape): Exec {
  return (c: Cpu) => {
    const reg = (r: number): void => {
      if (r === 0 || r & 1) pgm(PGM_SPECIFICATION)
    }
    if (shape.r3Distinct && (c.r3 === c.r1 || c.r3 === c.r2)) pgm(PGM_SPECIFICATION)
    if (shape.r3) reg(c.r3)
    if (shape.r1) reg(c.r1)
    if (shape.r2) reg(c.r2)
    const fc = c.rl[0]! & 0xff
    if (fc & 0x80 && !shape.modifier) pgm(PGM_SPECIFICATION)
    if ((fc & 0x7f) !== 0) pgm(PGM_SPECIFICATION)
    // Query: 128-bit mask of installed functions; only function 0 (query itself).
    const a = c.raddr(1)
    c.probe(a, 16, 1)
    c.wr32(a, 0x80000000 | 0)
    c.wr32(c.wrap(a + 4), 0)
    c.wr32(c.wrap(a + 8), 0)
    c.wr32(c.wrap(a + 12), 0)
    if (!shape.keepsCc) c.cc = 0
  }
}
const R12 = { r1: true, r2: true, r3: false, modifier: true }
export const km = cpacf(R12)
export const kmc = cpacf(R12)
export const kmf = cpacf(R12)
export const kmo = cpacf(R12)
export const prno = cpacf(R12)
export const kmctr = cpacf({ r1: true, r2: true, r3: true, modifier: true })
/** KMA (MSA 8, facility 146): R1, R2, R3 even and nonzero, R3 neither R1 nor R2. */
export const kma = cpacf({ r1: true, r2: true, r3: true, modifier: true, r3Distinct: true })
export const kmac = cpacf({ r1: false, r2: true, r3: false, modifier: false })
export const kimd = cpacf({ r1: false, r2: true, r3: false, modifier: false })
export const klmd = cpacf({ r1: false, r2: true, r3: false, modifier: false })
/** PCKMO (MSA 3, privileged): the condition code remains unchanged. */
export const pckmo = cpacf({ r1: false, r2: false, r3: false, modifier: false, keepsCc: true })
export const pcc = cpacf({ r1: false, r2: false, r3: false, modifier: false })
