// The translation tier's heat counting inside the interpreter (Jit.warmHeat, Jit.stop): an interpreted run no longer returns to
// the dispatcher at every taken branch, only where a block starts or a heat count reaches a value the dispatcher
// acts on, and the counts (so the moment a block start is translated) are those the dispatcher kept itself.
import { describe, expect, it } from 'vitest'
import { clearSharedTranslations } from '@core/emulator/jit/jit.ts'
import { CODE, LPSWE_END, machine } from './jit-run'

// 0: llilf r6,1000 ; 6 L: ahi r2,3 ; a: brct r6,L ; e: lpswe (ends in the disabled wait)
const LOOP = 'c06f000003e8' + 'a72a0003' + 'a766fffe' + LPSWE_END

function loopMachine(hotAfter: number): { m: ReturnType<typeof machine>; calls: () => number } {
  clearSharedTranslations()
  const m = machine({ code: LOOP, gr: { 2: 0 } }, 'on')
  m.jit!.hotAfter = hotAfter
  m.jit!.idiomAfter = 1e9
  const c = m.cpus[0]!
  const interpret = c.interpret.bind(c)
  let calls = 0
  c.interpret = (budget: number, n: number, toJump?: boolean): number => {
    calls++
    return interpret(budget, n, toJump)
  }
  return { m, calls: () => calls }
}

describe('JIT heat counted by the interpreter', () => {
  it('a loop below the translation threshold runs in one interpreted run, not one per iteration', () => {
    const { m, calls } = loopMachine(1e9)
    m.run(1_000_000)
    expect(m.ended).toBe('disabled-wait')
    expect(m.cpus[0]!.rl[2]).toBe(3000)
    expect(m.jit!.stats.compiled).toBe(0)
    // the first entry of L goes back to the dispatcher (it notes when the count started), later ones do not
    expect(calls()).toBeLessThanOrEqual(4)
  })

  it('the loop head is translated at its hotAfter-th entry, as when the dispatcher counted', () => {
    const { m } = loopMachine(100)
    m.run(1_000_000)
    expect(m.ended).toBe('disabled-wait')
    expect(m.cpus[0]!.rl[2]).toBe(3000)
    expect(m.jit!.all.map((b) => b.ia - CODE)).toEqual([6])
    // LLILF and 100 iterations (the first falls into L, the next 99 are its entries 1-99) interpreted; the 100th
    // entry translates L, whose block runs the other 900 iterations; the LPSWE ends the run interpreted
    expect(m.jit!.stats.interpreted).toBe(1 + 100 * 2 + 1)
    expect(m.jit!.all[0]!.executed).toBe(900 * 2)
  })
})
