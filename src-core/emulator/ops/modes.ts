// Instructions that report the PSW's modes (POP ch. 7 TEST ADDRESSING MODE; ch. 10 INSERT ADDRESS SPACE CONTROL).
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_PRIVILEGED, PSW_AS } from '../cpu/constants.ts'

/** TAM: CC 0 in the 24-bit, 1 in the 31-bit, 3 in the 64-bit addressing mode. */
export const tam: Exec = (c) => void (c.cc = c.amode === -1 ? 3 : c.amode === 0x7fffffff ? 1 : 0)

/** IAC: the address-space control (PSW bits 16-17) into bits 54-55 of R1, zeros in bits 48-53 and 56-63, bits 0-47
 * unchanged; the CC is its value. Semiprivileged: in the problem state the extraction-authority control (CR0 bit
 * 36) must be one. */
export const iac: Exec = (c) => {
  if (c.problem && (c.crl[0]! & 0x08000000) === 0) pgm(PGM_PRIVILEGED)
  const as = (c.mask & PSW_AS) >>> 14
  c.rl[c.r1] = (c.rl[c.r1]! & ~0xffff) | (as << 8)
  c.cc = as
}
