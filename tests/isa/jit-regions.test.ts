// Regions (jit/block.ts, Jit.regions): a block grows over the targets of its relative branches in the same page, and guest loops
// become nested JS loops (jit/codegen.ts). Each program runs translated at once and interpreted in the same slices,
// the whole CPU state compared after every slice (jit-run.ts): a side run entered and left inside one loop, a store
// from a side run into the region's own code, budget ends inside the nested loops, a program interruption and an
// access exception raised in a side run.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine.ts'
import { clearSharedTranslations } from '@core/emulator/jit/jit.ts'
import { CODE, LPSWE_END, PM_FIXED_OVERFLOW, compare, machine, state } from './jit-run.ts'

/** Code at CODE: `main` from offset 0, BCR 0,7 padding, `side` from offset 0x40. */
const layout = (main: string, side: string): string => main + '0707'.repeat((0x40 - main.length / 2) / 2) + side
// Main loop, r6 times: ahi r2,1; tmll r2,1; jo SIDE (odd r2); ahi r4,1; NEXT: brct r6,L; lpswe
const MAIN = 'a72a0001' + 'a7210001' + 'a714001c' + 'a74a0001' + 'a766fff8' + LPSWE_END
/** The side run: `body` then `j NEXT` (0x10). */
const side = (body: string): string => body + 'a7f4' + ((((0x10 - (0x40 + body.length / 2)) / 2) & 0xffff) >>> 0).toString(16).padStart(4, '0')
const oldPswCc = (m: Machine): number => (m.storage.dv.getUint32(0x150) >>> 12) & 3

describe('JIT regions: side runs and nested loops', () => {
  it('a branch to a run elsewhere in the page and back stays inside one translated function', () => {
    // SIDE: ahi r3,5; j NEXT
    const m = compare({ regions: true, code: layout(MAIN, side('a73a0005')), gr: { 2: 0, 3: 0, 4: 0, 6: 300 } }, 100_000)
    const c = m.cpus[0]!
    expect([c.rl[3], c.rl[4]]).toEqual([150 * 5, 150])
    const b = m.jit!.all.find((x) => x.ia === CODE)!
    expect(b.insns).toBe(7) // five of the main run, two of the side run
    // the side run never starts a block of its own: the dispatcher never reached it
    expect(m.jit!.all.some((x) => x.ia === CODE + 0x40)).toBe(false)
    expect(b.executed).toBeGreaterThan(0.9 * c.icount)
  })

  it('without regions (the default) the side run is a block of its own', () => {
    const m = compare({ code: layout(MAIN, side('a73a0005')), gr: { 2: 0, 3: 0, 4: 0, 6: 300 } }, 100_000)
    expect(m.jit!.all.find((x) => x.ia === CODE)!.insns).toBe(5)
    expect(m.jit!.all.some((x) => x.ia === CODE + 0x40)).toBe(true)
  })

  it('a quick block whose calls come at a high rate is translated again as a region', () => {
    const run = (quickRegions: boolean, regionSpan?: number): Machine => {
      // (the tests above left the straight run's translation in the thread's cache, which the 500th entry would take)
      clearSharedTranslations()
      const m = machine({ code: layout(MAIN, side('a73a0005')), gr: { 2: 0, 3: 0, 4: 0, 6: 8000 } }, 'on')
      m.jit!.hotAfter = 20_000 // the default (jit-run.ts translates at once, as a slowly hot block)
      m.jit!.quickRegions = quickRegions
      m.jit!.regionCalls = 100
      if (regionSpan !== undefined) m.jit!.regionSpan = regionSpan
      for (let k = 0; k < 100 && m.ended === null; k++) m.run(10_000)
      expect(m.ended).toBe('disabled-wait')
      return m
    }
    const off = machine({ code: layout(MAIN, side('a73a0005')), gr: { 2: 0, 3: 0, 4: 0, 6: 8000 } }, 'off')
    for (let k = 0; k < 100 && off.ended === null; k++) off.run(10_000)
    const fresh = machine({ code: LPSWE_END, gr: {} }, 'on').jit!
    expect([fresh.quickRegions, fresh.regionCalls, fresh.regionSpan]).toEqual([true, 1000, 4_000_000])
    const heads = (m: Machine): number[] => m.jit!.all.filter((x) => x.ia === CODE).map((x) => x.insns)
    // the loop head, quick at its 500th entry and translated at its 5,000th, leaves its block for the side run every
    // other iteration: after 100 such calls it is translated again with its side run
    const quick = run(true)
    expect(state(quick)).toEqual(state(off))
    expect(heads(quick)).toEqual([5, 7])
    // calls that took more instructions than regionSpan allows, or no regions for quick blocks: straight
    expect(heads(run(true, 100))).toEqual([5])
    expect(heads(run(false))).toEqual([5])
  })

  it('budget ends anywhere inside the nested loops give the interpreter state', () => {
    const p = { regions: true, code: layout(MAIN, side('a73a0005')), gr: { 2: 0, 3: 0, 4: 0, 6: 200 } }
    // (a block runs only when the budget left covers all its instructions: seven here)
    for (const slice of [7, 8, 11, 13, 37, 101]) compare(p, slice)
  }, 30_000)

  it('a store from a side run into the region code invalidates the region', () => {
    // SIDE: ahi r3,5; mvi 0x0f(r5),2 (the immediate of "ahi r4,1" becomes 2); j NEXT
    const m = compare({ regions: true, code: layout(MAIN, side('a73a0005' + '9202500f')), gr: { 2: 0, 3: 0, 4: 0, 5: CODE, 6: 300 } }, 100_000)
    const c = m.cpus[0]!
    // r2 = 1 takes the side run first: every even iteration then adds 2
    expect(c.rl[4]).toBe(300)
    expect(m.jit!.stats.invalidated).toBeGreaterThan(0)
  })

  it('a fixed-point overflow in a side run after a dead CC stores CC 3 and the interruption', () => {
    // SIDE: cr r1,r2 (its CC is dead: AHI sets one); ahi r8,1 (overflows on the 4th entry, mask on); j NEXT
    const p = { regions: true, code: layout(MAIN, side('1912' + 'a78a0001')), gr: { 1: 1, 2: 0, 6: 300, 8: 0x7ffffffc }, psw: PM_FIXED_OVERFLOW }
    for (const slice of [11, 1000]) {
      const m = compare(p, slice, 0xbad0)
      expect(oldPswCc(m)).toBe(3)
      expect(m.storage.dv.getUint16(0x8e)).toBe(0x08)
      expect(m.cpus[0]!.rl[8]).toBe(-0x80000000)
    }
  })

  it('an addressing exception in a side run leaves the registers of the completed instructions', () => {
    // SIDE: ahi r3,1; st r2,0(r9); aghi r9,0x7ff0; j NEXT — r9 walks off the end of the 4 MiB storage
    const p = { regions: true, code: layout(MAIN, side('a73a0001' + '50209000' + 'a79b7ff0')), gr: { 6: 300, 9: 0x3f0000 } }
    for (const slice of [9, 1000]) {
      const m = compare(p, slice, 0xbad0)
      expect(m.storage.dv.getUint16(0x8e)).toBe(0x05)
      expect(m.cpus[0]!.rl[9]! >>> 0).toBeGreaterThanOrEqual(4 << 20)
    }
  })
})
