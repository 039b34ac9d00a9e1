// Long blocks (jit.ts MAX_SRC): a block that became hot slowly is cut to a prefix whose generated source stays under
// Jit.maxSrc (the rest starts blocks of its own) and translated again whole once Jit.wholeAfter of its calls ran into
// the cut (WHOLE_AFTER); one entered at a high rate (FAST_WINDOW) is translated whole at once. All must leave exactly
// the interpreter's state.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine.ts'
import { clearSharedTranslations, type Block } from '@core/emulator/jit/jit.ts'
import { DATA, LPSWE_END, machine, state } from './jit-run.ts'

/** 40 STG r1,8*i(r2): a straight run whose translation is far longer than 4,000 characters. */
const STORES = Array.from({ length: 40 }, (_, i) => `e3102${(i * 8).toString(16).padStart(3, '0')}0024`).join('')

function runToEnd(m: Machine): void {
  for (let k = 0; k < 1000 && m.ended === null; k++) m.run(10_000)
  expect(m.ended).toBe('disabled-wait')
  expect(m.cpus[0]!.ia).toBe(0xe0e0)
}

describe('JIT: long blocks', () => {
  it('a block translated when it became hot is cut under maxSrc and runs as the interpreter does', () => {
    const p = { code: STORES + LPSWE_END, gr: { 1: 0x01234567, 2: DATA } }
    const on = machine(p, 'on')
    const off = machine(p, 'off')
    runToEnd(on)
    runToEnd(off)
    expect(state(on)).toEqual(state(off))
    const blocks = on.jit!.all
    expect(blocks.length).toBeGreaterThan(1)
    expect(blocks[0]!.insns).toBeLessThan(40)
    for (const b of blocks) expect(b.src.length <= on.jit!.maxSrc || b.insns === 4, `block at ${b.ia.toString(16)}`).toBe(true)
    expect(blocks.reduce((s, b) => s + b.insns, 0)).toBe(40)
  })

  it('a block entered at a high rate is translated whole', () => {
    // L: 40 x stg; brct r3,L; lpswe — the loop head reaches idiomAfter entries at once, and fastAfter
    const brct = 'a736' + ((0x10000 - 120) & 0xffff).toString(16)
    const p = { code: STORES + brct + LPSWE_END, gr: { 1: 0x7654321, 2: DATA, 3: 50 } }
    const on = machine(p, 'on')
    on.jit!.hotAfter = 1_000_000
    on.jit!.idiomAfter = 3
    on.jit!.fastAfter = 3
    const off = machine(p, 'off')
    runToEnd(on)
    runToEnd(off)
    expect(state(on)).toEqual(state(off))
    const b = on.jit!.all.find((x) => x.ia === 0x10000)
    expect(b?.insns).toBe(41)
    expect(b!.src.length).toBeGreaterThan(on.jit!.maxSrc)
    expect(b!.cutAt).toBe(-1)
  })

  it('a cut block is translated whole once its calls keep reaching the cut', () => {
    // the same loop, hot slowly (hotAfter, no FAST_WINDOW): cut first (not the whole translation the test before
    // left in the thread's shared cache)
    clearSharedTranslations()
    const brct = 'a736' + ((0x10000 - 120) & 0xffff).toString(16)
    const p = { code: STORES + brct + LPSWE_END, gr: { 1: 0x7654321, 2: DATA, 3: 50 } }
    const on = machine(p, 'on')
    on.jit!.hotAfter = 3
    on.jit!.fastWindow = 0
    on.jit!.wholeAfter = 10
    const off = machine(p, 'off')
    runToEnd(on)
    runToEnd(off)
    expect(state(on)).toEqual(state(off))
    const atHead = on.jit!.all.filter((x) => x.ia === 0x10000)
    // first a prefix under maxSrc that leaves at its cut, then (after 10 such calls) the whole loop body
    expect(atHead.length).toBe(2)
    const [cut, whole] = atHead as [Block, Block]
    expect(cut.insns).toBeLessThan(41)
    expect(cut.src.length).toBeLessThanOrEqual(on.jit!.maxSrc)
    expect(cut.cutAt).toBe(0x10000 + 6 * cut.insns)
    expect(cut.runs).toBe(10)
    expect(whole.insns).toBe(41)
    expect(whole.cutAt).toBe(-1)
    expect(whole.src.length).toBeGreaterThan(on.jit!.maxSrc)
    // two iterations interpreted (heat 1 and 2), ten with the cut block, the other 38 in one call of the whole one
    expect(whole.runs).toBe(1)
    expect(whole.executed).toBe(41 * 38)
  })

  it('a cut block stays cut while its calls leave before the cut', () => {
    // 0: ltr r4,r4; 2: jz 0xf6 (over the stores); 6: 40 x stg; f6: sam64 (interpreted: the loop goes back through
    // the dispatcher); f8: brct r3,0; fc: lpswe. With r4 = 0 every call of the block at 0 leaves at its branch,
    // before the cut somewhere in the stores.
    clearSharedTranslations()
    const p = { code: '1244' + 'a784007a' + STORES + '010e' + 'a736ff84' + LPSWE_END, gr: { 2: DATA, 3: 500, 4: 0 } }
    const on = machine(p, 'on')
    on.jit!.hotAfter = 3
    on.jit!.fastWindow = 0
    on.jit!.wholeAfter = 10
    const off = machine(p, 'off')
    runToEnd(on)
    runToEnd(off)
    expect(state(on)).toEqual(state(off))
    const atHead = on.jit!.all.filter((x) => x.ia === 0x10000)
    expect(atHead.length).toBe(1)
    expect(atHead[0]!.insns).toBeLessThan(43)
    expect(atHead[0]!.cutAt).toBe(0x10006 + 6 * (atHead[0]!.insns - 2))
    expect(atHead[0]!.runs).toBe(500 - 2)
  })
})
