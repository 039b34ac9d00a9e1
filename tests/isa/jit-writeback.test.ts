// Translated blocks keep the general registers and the CC in JS locals (jit/codegen.ts); the CPU must see exactly the
// interpreter's state at every way out of a block: a normal exit, a budget exit in the middle of a loop, an
// interpreter call inside the block, a program exception inside the block, a store into the block's own page. Each
// program runs translated at once (hotAfter 1) and interpreted, in the same small slices, and the whole CPU state is
// compared after every slice. The dead-CC cases check the CC an interruption stores in the old PSW.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine.ts'
import { CODE, LPSWE_END, PM_FIXED_OVERFLOW, compare } from './jit-run.ts'

const pswAt = (m: Machine): number => Number(m.storage.dv.getBigUint64(0x158))
const oldPswCc = (m: Machine): number => (m.storage.dv.getUint32(0x150) >>> 12) & 3

describe('JIT: register and CC write-back at every exit', () => {
  it('normal exit (a jump out of the block)', () => {
    // ahi r2,3; aghi r3,-1; lr r4,r2; xr r5,r2; j .+4; lpswe
    const m = compare({ code: 'a72a0003' + 'a73bffff' + '1842' + '1752' + 'a7f40002' + LPSWE_END, gr: { 2: 5, 3: 0, 5: 0x0f0f } }, 1000)
    expect(m.cpus[0]!.rl[4]).toBe(8)
  })

  it('budget exits in the middle of a translated loop', () => {
    // L: ahi r2,3; aghi r3,-1; lr r4,r2; xr r5,r2; brct r6,L; lpswe
    const p = { code: 'a72a0003' + 'a73bffff' + '1842' + '1752' + 'a766fffa' + LPSWE_END, gr: { 2: 1, 3: 7, 5: 0x1234, 6: 500 } }
    for (const slice of [7, 13, 37, 101]) compare(p, slice)
  }, 30_000)

  it('an interpreter call inside the block (written back before, reloaded after)', () => {
    // ahi r9,100; lghi r2,7; dsgr r8,r2; ahi r8,1; ahi r9,1; j .+4; lpswe
    const code = 'a79a0064' + 'a7290007' + 'b90d0082' + 'a78a0001' + 'a79a0001' + 'a7f40002' + LPSWE_END
    const m = compare({ code, gr: { 8: 0, 9: 1000 } }, 1000)
    expect(m.jit!.all.some((b) => b.fallbacks.includes('DSGR'))).toBe(true)
    // (1000 + 100) / 7 = 157 remainder 1; then both plus one
    expect([m.cpus[0]!.rl[8], m.cpus[0]!.rl[9]]).toEqual([2, 158])
  })

  it('a program exception inside the block', () => {
    // ahi r2,3; aghi r3,-1; l r4,0(r6) with r6 beyond storage (addressing); lpswe
    const m = compare({ code: 'a72a0003' + 'a73bffff' + '58406000' + LPSWE_END, gr: { 2: 1, 3: 0, 6: 0x7ff00000 } }, 1000, 0xbad0)
    expect([m.cpus[0]!.rl[2], m.cpus[0]!.rh[3]]).toEqual([4, -1])
    expect(pswAt(m)).toBe(CODE + 12) // addressing suppresses the load: the old PSW points past it
  })

  it('loads and stores walking across pages (the last page per access type kept in locals)', () => {
    // L: st r2,0(r5); l r3,0(r6); ar r2,r3; aghi r5,4; aghi r6,8; brct r7,L; lpswe — both cross page boundaries
    const code = '50205000' + '58306000' + '1a23' + 'a75b0004' + 'a76b0008' + 'a776fff7' + LPSWE_END
    for (const slice of [23, 1000]) {
      const m = compare({ code, gr: { 2: 1, 5: 0x20000, 6: 0x20800, 7: 1500 } }, slice)
      expect([m.cpus[0]!.rl[5], m.cpus[0]!.rl[6]]).toEqual([0x20000 + 4 * 1500, 0x20800 + 8 * 1500])
    }
  })

  it('a store into the page of the running block', () => {
    // L: ahi r2,3; st r2,0x100(r5); aghi r3,1; brct r6,L; lpswe
    compare({ code: 'a72a0003' + '50205100' + 'a73b0001' + 'a766fffa' + LPSWE_END, gr: { 2: 0, 3: 0, 5: CODE, 6: 40 } }, 1000)
  })
})

describe('JIT: dead condition codes', () => {
  it('an overflow right after a dead CC stores CC 3 in the old PSW', () => {
    // lhi r1,5; xr r1,r2 (its CC is dead: AHI sets one); ahi r3,1 overflows with the mask bit on; lpswe
    const m = compare({ code: 'a7180005' + '1712' + 'a73a0001' + LPSWE_END, gr: { 2: 3, 3: 0x7fffffff }, psw: PM_FIXED_OVERFLOW }, 1000, 0xbad0)
    expect(oldPswCc(m)).toBe(3)
    expect(m.storage.dv.getUint16(0x8e)).toBe(0x08)
  })

  it('a CC followed by a faulting load is the CC the interruption stores', () => {
    // cr r1,r2 (low: CC 1); l r4,0(r6) faults; ar r3,r4; lpswe
    const m = compare({ code: '1912' + '58406000' + '1a34' + LPSWE_END, gr: { 1: 1, 2: 2, 6: 0x7ff00000 } }, 1000, 0xbad0)
    expect(oldPswCc(m)).toBe(1)
  })

  it('a CC overwritten before it is read is not computed, and the final CC is right', () => {
    // cr r1,r2; lr r7,r1; ar r3,r4 (CC 2); ipm r8; j .+4; lpswe
    const m = compare({ code: '1912' + '1871' + '1a34' + 'b2220080' + 'a7f40002' + LPSWE_END, gr: { 1: 1, 2: 2, 3: 5, 4: 6 } }, 1000)
    expect((m.cpus[0]!.rl[8]! >>> 28) & 3).toBe(2)
    const src = m.jit!.all.find((b) => b.ia === CODE)!.src
    expect(src).not.toContain('cc=x===y') // CR's CC store
  })
})
