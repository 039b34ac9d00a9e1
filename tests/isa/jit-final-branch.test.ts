// A block whose main run reaches the most instructions a block holds takes an unconditional branch right after
// them as well (block.ts endsRun), instead of leaving it to a block of its own.
import { describe, expect, it } from 'vitest'
import { CODE, LPSWE_END, machine, state } from './jit-run'

const AHI = 'a75a0001' // ahi r5,1
const END = CODE + 0x100

/** 48 `ahi r5,1`, then `after`, then `nopr` up to an lpswe at END (r14), run translated (whole: maxSrc) and
 * interpreted, compared slice by slice. */
function run(after: string): { insns: number[]; runs: number; r5: number } {
  const body = AHI.repeat(48) + after
  const p = { code: body + '0700'.repeat((END - CODE - body.length / 2) / 2) + LPSWE_END, gr: { 14: END } }
  const on = machine(p, 'on')
  on.jit!.maxSrc = Infinity
  const off = machine(p, 'off')
  for (let k = 0; k < 100 && on.ended === null; k++) {
    on.run(1000)
    off.run(1000)
    expect(state(on)).toEqual(state(off))
  }
  expect(on.ended).toBe('disabled-wait')
  return { insns: on.jit!.all.map((b) => b.insns), runs: on.jit!.stats.blockRuns, r5: on.cpus[0]!.rl[5]! }
}

describe('JIT block ending in a branch after its last instruction', () => {
  it('a `br %r14` after 48 instructions is part of the block', () => {
    const r = run('07fe')
    expect(r.r5).toBe(48)
    expect(r.insns[0]).toBe(49)
    expect(r.runs).toBe(1)
  })

  it('a `j` after 48 instructions is part of the block', () => {
    // j END (relative: (END - (CODE + 192)) / 2 halfwords)
    const r = run('a7f4' + ((END - CODE - 192) / 2).toString(16).padStart(4, '0'))
    expect(r.r5).toBe(48)
    expect(r.insns[0]).toBe(49)
  })

  it('a conditional branch or another instruction after 48 starts the next block', () => {
    expect(run('a784' + ((END - CODE - 192) / 2).toString(16).padStart(4, '0')).insns[0]).toBe(48) // je END (cc 2)
    expect(run('a75a0001' + '07fe').insns[0]).toBe(48)
  })
})
