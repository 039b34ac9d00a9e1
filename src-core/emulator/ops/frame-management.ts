// PERFORM FRAME MANAGEMENT FUNCTION (POP ch. 10, enhanced-DAT facility 1): clears a 4K or 1M frame and/or sets its
// storage keys. GR R1 bits 32-63: 46 SK (set key), 47 CF (clear frame), 48 UI (usage indication, no effect here),
// 49-51 FSC (0 4K, 1 1M; 2 2G needs EDAT-2, not installed), 52 NQ (needs facility 14), 53 MR, 54 MC (conditional
// SSKE, facility 10: not installed, so ignored), 56-62 the key; bits 32-45, 55 and 63 reserved (specification).
// GR R2: a real address (4K) or an absolute address (1M); for 1M frames R2 ends at the next frame boundary.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_LOW_ADDR_PROT, PGM_ADDRESSING, PGM_PROTECTION, PGM_SPECIFICATION } from '../cpu/constants.ts'

const RESERVED = 0xfffc0101
const SK = 0x20000
const CF = 0x10000
const FSC = 0x7000
const NQ = 0x800
const KEY = 0xfe
const BLOCK = 4096
const MEG = 1 << 20

/** Low-address protection of a 4K block address (real for 4K frames, absolute for 1M: the POP's 0-511, 4096-4607). */
const lowProtected = (c: Cpu, a: number): boolean => (c.crl[0]! & CR0_LOW_ADDR_PROT) !== 0 && (a === 0 || a === BLOCK)

/** Clears and/or keys one 4K block at absolute `abs`. */
function block(c: Cpu, abs: number, r1: number): void {
  const f = abs / BLOCK
  if (r1 & CF) {
    c.u8.fill(0, abs, abs + BLOCK)
    const jit = c.m.jit
    if (jit !== null && jit.codePages[f] === 1) jit.codeStore(c, f)
  }
  if (r1 & SK) c.mem.keys[f] = r1 & KEY
}

/** PFMF (privileged). */
export const pfmf: Exec = (c) => {
  const r1 = c.rl[c.r1]! >>> 0
  if ((r1 & RESERVED) !== 0 || ((r1 & NQ) !== 0 && !c.m.facility(14))) pgm(PGM_SPECIFICATION)
  const fsc = (r1 & FSC) >>> 12
  if (fsc > 1) pgm(PGM_SPECIFICATION)
  const a = c.raddr(c.r2)
  const start = a - (a % BLOCK)
  if (fsc === 0) {
    if ((r1 & CF) !== 0 && lowProtected(c, start)) pgm(PGM_PROTECTION)
    const abs = c.realToAbs(start)
    if (abs >= c.mem.size) pgm(PGM_ADDRESSING)
    block(c, abs, r1)
  } else {
    const end = start - (start % MEG) + MEG
    for (let b = start; b < end; b += BLOCK) {
      // Each block is a unit of operation: an exception leaves R2 at the block it names.
      if (((r1 & CF) !== 0 && lowProtected(c, b)) || b >= c.mem.size) {
        c.setRaddr(c.r2, b)
        pgm(b >= c.mem.size ? PGM_ADDRESSING : PGM_PROTECTION)
      }
      block(c, b, r1)
    }
    if (c.amode === -1) c.setRaddr(c.r2, end)
    else c.rl[c.r2] = (end & c.amode) | 0
  }
  if (r1 & SK) c.m.flushAllTlbs()
}
