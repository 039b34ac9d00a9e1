// When a loop is translated (jit.ts FAST_HOT, FAST_WINDOW, HOT): a block start entered fastAfter times within
// fastWindow instructions of its first entry is translated then, whole; one entered fewer times (the loops of a short
// kernel) stays interpreted, as compiling it would cost more than it saves. Both leave the interpreter's state.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine.ts'
import { clearSharedTranslations } from '@core/emulator/jit/jit.ts'
import { DATA, LPSWE_END, machine, state } from './jit-run.ts'

/** L: stg r1,0(r2); la r2,8(r2); brct r3,L; then the end. r3 = iterations. */
const LOOP = 'e31020000024' + '41202008' + 'a736fffb'

/** Runs LOOP `iterations` times; `returns` counts the interpreter's returns to the dispatcher (Cpu.interpret calls). */
function run(iterations: number, defaults: boolean, hotAfter = 20_000, returns = { n: 0 }): Machine {
  const p = { code: LOOP + LPSWE_END, gr: { 1: 0x5a5a5a5a, 2: DATA, 3: iterations } }
  const m = machine(p, 'on')
  if (defaults) m.jit!.hotAfter = hotAfter // 20,000: the default (jit-run.ts translates at once)
  const c = m.cpus[0]!
  const interpret = c.interpret.bind(c)
  c.interpret = (...a: Parameters<typeof c.interpret>) => {
    returns.n++
    return interpret(...a)
  }
  for (let k = 0; k < 1000 && m.ended === null; k++) m.run(10_000)
  expect(m.ended).toBe('disabled-wait')
  const off = machine(p, 'off')
  for (let k = 0; k < 1000 && off.ended === null; k++) off.run(10_000)
  expect(state(m)).toEqual(state(off))
  return m
}

describe('JIT: when a loop is translated', () => {
  it('uses the documented thresholds', () => {
    const m = machine({ code: LPSWE_END, gr: {} }, 'on')
    expect([m.jit!.idiomAfter, m.jit!.fastAfter, m.jit!.fastWindow]).toEqual([500, 5000, 2_000_000])
  })

  it('leaves a loop entered fewer than fastAfter times interpreted', () => {
    clearSharedTranslations()
    const m = run(4000, true)
    expect(m.jit!.stats.compiled).toBe(0)
    expect(m.jit!.stats.blockRuns).toBe(0)
  })

  it('translates a loop at its fastAfter-th entry within the window, and runs the rest translated', () => {
    clearSharedTranslations()
    const m = run(6000, true)
    const head = m.jit!.all.filter((b) => b.ia === 0x10000)
    expect(head.length).toBe(1)
    expect(m.jit!.stats.compiled).toBeGreaterThanOrEqual(1)
    // entries 1..fastAfter-1 interpreted, the rest in the translated loop (its side loop runs many iterations a call;
    // an iteration or two interpreted where a slice ends)
    expect(head[0]!.executed).toBeLessThanOrEqual(3 * (6000 - (m.jit!.fastAfter - 1)))
    expect(head[0]!.executed).toBeGreaterThanOrEqual(3 * (6000 - (m.jit!.fastAfter - 1) - 3))
  })

  it('counts the entries of a quick loop inside the interpreter until its fastAfter-th', () => {
    clearSharedTranslations()
    const returns = { n: 0 }
    const m = run(6000, true, 20_000, returns)
    expect(m.jit!.all.filter((b) => b.ia === 0x10000).length).toBe(1)
    // first entry, idiomAfter, fastAfter (as hotAfter), the end of each 10,000-instruction slice: not one per entry
    expect(returns.n).toBeLessThan(20)
  })

  it('translates a quick loop at its fastAfter-th entry when hotAfter is beyond the heat counts', () => {
    clearSharedTranslations()
    const m = run(6000, true, 1_000_000)
    const head = m.jit!.all.filter((b) => b.ia === 0x10000)
    expect(head.length).toBe(1)
    expect(head[0]!.executed).toBeLessThanOrEqual(3 * (6000 - (m.jit!.fastAfter - 1)))
    expect(head[0]!.executed).toBeGreaterThanOrEqual(3 * (6000 - (m.jit!.fastAfter - 1) - 3))
  })

  it('does not translate early a loop entered at a low rate (outside the window)', () => {
    clearSharedTranslations()
    const p = { code: LOOP + LPSWE_END, gr: { 1: 1, 2: DATA, 3: 6000 } }
    const m = machine(p, 'on')
    m.jit!.hotAfter = 20_000
    m.jit!.fastWindow = 1000 // 6000 entries of a 3-instruction loop take 18,000 instructions
    for (let k = 0; k < 1000 && m.ended === null; k++) m.run(10_000)
    expect(m.ended).toBe('disabled-wait')
    expect(m.jit!.all.filter((b) => b.ia === 0x10000).length).toBe(0)
  })
})
