// DIAGNOSE (hypervisor calls) as a KVM/QEMU host answers them: 0x44/0x9c yield, 0x10 release pages,
// 0x288 watchdog, 0x308 IPL functions, 0x318 control-program name.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_ADDRESSING, PGM_SPECIFICATION } from '../cpu/constants.ts'

/** Executes DIAGNOSE code `code` (second-operand address bits 48-63). */
export function diag(c: Cpu, code: number): void {
  switch (code) {
    case 0x44:
    case 0x9c:
      return
    case 0x10: {
      // As KVM checks it: page-aligned start and end, start below end, not in the first two pages.
      const start = c.rnum(c.r1)
      const end = c.rnum(c.r3)
      if (start % 4096 !== 0 || end % 4096 !== 0 || start >= end || start < 0x2000) pgm(PGM_SPECIFICATION)
      if (end >= c.mem.size) pgm(PGM_ADDRESSING)
      return
    }
    case 0x288:
      c.m.watchdog(c)
      return
    case 0x308:
      c.m.diag308(c)
      return
    default:
      pgm(PGM_SPECIFICATION)
  }
}
