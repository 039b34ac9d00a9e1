// Long blocks (jit.ts MAX_SRC): a block that became hot slowly is cut to a prefix whose generated source stays under
// Jit.maxSrc (the rest starts blocks of its own), one entered at a high rate (FAST_WINDOW) is translated whole. Both
// must leave exactly the interpreter's state.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine.ts'
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
    // L: 40 x stg; brct r3,L; lpswe — the loop head reaches idiomAfter entries at once
    const brct = 'a736' + ((0x10000 - 120) & 0xffff).toString(16)
    const p = { code: STORES + brct + LPSWE_END, gr: { 1: 0x7654321, 2: DATA, 3: 50 } }
    const on = machine(p, 'on')
    on.jit!.hotAfter = 1_000_000
    on.jit!.idiomAfter = 3
    const off = machine(p, 'off')
    runToEnd(on)
    runToEnd(off)
    expect(state(on)).toEqual(state(off))
    const b = on.jit!.all.find((x) => x.ia === 0x10000)
    expect(b?.insns).toBe(41)
    expect(b!.src.length).toBeGreaterThan(on.jit!.maxSrc)
  })
})
