// The translation tier's dispatcher (jit/jit.ts): a block call runs at most Jit.blockBudget instructions, however
// large the slice, and a loop cut there goes on in the next call with the interpreter's state (jit-run.ts compares
// the whole CPU state after every slice).
import { describe, expect, it } from 'vitest'
import type { Block } from '@core/emulator/jit/jit'
import { CODE, LPSWE_END, compare } from './jit-run'

describe('JIT dispatcher', () => {
  it('a long loop in one slice is run in calls of at most blockBudget instructions', () => {
    // 0: llilf r6,50000 ; 6 L: ahi r2,3 ; a: brct r6,L ; e: lpswe
    const code = 'c06f0000c350' + 'a72a0003' + 'a766fffe' + LPSWE_END
    const m = compare({ code, gr: { 2: 0 } }, 10_000_000)
    expect(m.cpus[0]!.rl[2]).toBe(150_000)
    // the first call stops at the cap on the loop's back edge; the loop head then starts a block of its own
    expect(m.jit!.all.map((b) => [b.ia - CODE, b.insns])).toEqual([[0, 3], [6, 2]])
    const [first, loop] = m.jit!.all as [Block, Block]
    expect(m.jit!.blockBudget).toBe(8192)
    expect(first.runs).toBe(1)
    expect(first.executed).toBeLessThanOrEqual(8192)
    // the rest of the 100,001 instructions before the LPSWE: at least ceil(rest / 8192) calls, each within the cap
    expect(first.executed + loop.executed).toBe(100_001)
    expect(loop.runs).toBeGreaterThanOrEqual(Math.ceil(loop.executed / 8192))
    expect(loop.executed / loop.runs).toBeLessThanOrEqual(8192)
  })
})
