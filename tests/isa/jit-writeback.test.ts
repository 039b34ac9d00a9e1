// Translated blocks keep the general registers and the CC in JS locals (jit/codegen.ts); the CPU must see exactly the
// interpreter's state at every way out of a block: a normal exit, a budget exit in the middle of a loop, an
// interpreter call inside the block, a program exception inside the block, a store into the block's own page. Each
// program runs translated at once (hotAfter 1) and interpreted, in the same small slices, and the whole CPU state is
// compared after every slice. The dead-CC cases check the CC an interruption stores in the old PSW.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

const CODE = 0x10000
/** Program mask bit of fixed-point overflow, as PSW bits 0-31 hold it. */
const PM_FIXED_OVERFLOW = 0x800
const LPSWE_END = 'b2b20f00'

interface Program {
  code: string
  gr: Record<number, number>
  /** PSW bits 0-31 besides EA (e.g. the program mask). */
  psw?: number
}

function machine(p: Program, jit: JitMode): Machine {
  const m = new Machine(defaultConfig({ memMiB: 4, jit }))
  if (m.jit !== null) {
    m.jit.hotAfter = 1
    m.jit.keepSource = true
    m.jit.profile = true
  }
  const dv = m.storage.dv
  // the program's end: disabled wait at 0xe0e0; any program interruption: disabled wait at 0xbad0
  dv.setBigUint64(0xf00, 0x0002000180000000n)
  dv.setBigUint64(0xf08, 0xe0e0n)
  dv.setBigUint64(0x1d0, 0x0002000180000000n)
  dv.setBigUint64(0x1d8, 0xbad0n)
  m.storage.u8.set(Uint8Array.from(p.code.match(/../g)!, (b) => parseInt(b, 16)), CODE)
  const c = m.cpus[0]!
  for (const [r, v] of Object.entries(p.gr)) {
    c.rh[Number(r)] = Math.floor(v / 2 ** 32) | 0
    c.rl[Number(r)] = v | 0
  }
  c.stopped = false
  c.loadPsw(0x00000001 | (p.psw ?? 0), 0x80000000, CODE)
  return m
}

function state(m: Machine): unknown {
  const c = m.cpus[0]!
  return {
    gr: Array.from({ length: 16 }, (_, i) => [c.rh[i]! >>> 0, c.rl[i]! >>> 0]),
    cc: c.cc,
    pm: c.pm,
    ia: c.ia,
    icount: c.icount,
    ended: m.ended,
    lowcore: Array.from(m.storage.u8.subarray(0x80, 0x180)),
    code: Array.from(m.storage.u8.subarray(CODE, CODE + 0x200)),
  }
}

/** Runs `p` translated and interpreted in slices of `slice` instructions until the disabled wait at `end`. */
function compare(p: Program, slice: number, end = 0xe0e0): Machine {
  const on = machine(p, 'on')
  const off = machine(p, 'off')
  for (let k = 0; k < 10_000 && on.ended === null; k++) {
    on.run(slice)
    off.run(slice)
    expect(state(on), `after slice ${k + 1}`).toEqual(state(off))
  }
  expect(on.ended).toBe('disabled-wait')
  expect(on.cpus[0]!.ia).toBe(end)
  expect(on.jit!.stats.blockRuns).toBeGreaterThan(0)
  return on
}

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
  })

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
