// Fixed-point overflow in generated code (jit/codegen.ts ovfcc): CC 3 without the exception while the program mask
// disables it, the exception once SET PROGRAM MASK (an interpreter call inside the block) enables it. Translated at
// once and interpreted in the same slices, the whole CPU state compared after every slice (jit-run.ts).
import { describe, expect, it } from 'vitest'
import { CODE, LPSWE_END, compare } from './jit-run'

describe('JIT fixed-point overflow', () => {
  // iilf r2,0x7fffffff ; ahi r2,1 (overflow, masked) ; ipm r3 ; iilf r4,0x08000000 ; spm r4 (mask: fixed-point
  // overflow on) ; iilf r2,0x7fffffff ; ahi r2,1 (overflow: program interruption 0x08)
  const code = 'c0297fffffff' + 'a72a0001' + 'b2220030' + 'c04908000000' + '0440' + 'c0297fffffff' + 'a72a0001' + LPSWE_END

  for (const slice of [1, 3, 1000]) {
    it(`the program mask set inside a block enables the exception (slices of ${slice})`, () => {
      const m = compare({ code, gr: {} }, slice, 0xbad0)
      const c = m.cpus[0]!
      // the first overflow: CC 3, program mask 0 (IPM: CC in bits 34-35, mask in 36-39)
      expect((c.rl[3]! >>> 24) & 0x3f).toBe(0x30)
      expect(m.storage.dv.getUint16(0x8e)).toBe(0x08) // fixed-point overflow
      expect(Number(m.storage.dv.getBigUint64(0x158))).toBe(CODE + 0x20) // completed: past the second ahi
      expect(c.rl[2]! >>> 0).toBe(0x80000000)
      if (slice === 1000) expect(m.jit!.all[0]!.fallbacks).toContain('SPM')
    })
  }
})
