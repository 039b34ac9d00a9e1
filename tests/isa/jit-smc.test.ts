// Self-modifying code and budget exactness of translated blocks: a hot loop whose AGHI immediate is rewritten by an
// MVI in the same block must see the new immediate on the next pass (the store invalidates the page's blocks and
// ends the running one), and a block never runs past the instruction budget it was given.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import type { JitMode } from '@core/emulator/jit/jit'

const START = 0x10000
// lghi r4,0 ; lghi r2,0 ; L1: lghi r3,600 ; L2: aghi r2,1 ; brctg r3,L2 ; mvi 0x0f(r5),2 ; aghi r4,1 ; cghi r4,3 ;
// jl L1 ; L3: j L3
const PROGRAM = [
  0xa7, 0x49, 0x00, 0x00, // 10000 lghi r4,0
  0xa7, 0x29, 0x00, 0x00, // 10004 lghi r2,0
  0xa7, 0x39, 0x02, 0x58, // 10008 lghi r3,600 (the inner loop becomes hot: see Jit.hotAfter)
  0xa7, 0x2b, 0x00, 0x01, // 1000c aghi r2,1   (immediate low byte at 0x1000f)
  0xa7, 0x37, 0xff, 0xfe, // 10010 brctg r3,1000c
  0x92, 0x02, 0x50, 0x0f, // 10014 mvi 15(r5),2
  0xa7, 0x4b, 0x00, 0x01, // 10018 aghi r4,1
  0xa7, 0x4f, 0x00, 0x03, // 1001c cghi r4,3
  0xa7, 0x44, 0xff, 0xf4, // 10020 jl 10008
  0xa7, 0xf4, 0x00, 0x00, // 10024 j 10024
]

function machine(mode: JitMode): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, jit: mode }))
  // The inner loop runs 600 times a pass: translate it on its 500th entry (the default waits far longer).
  if (m.jit !== null) m.jit.hotAfter = 500
  m.storage.u8.set(PROGRAM, START)
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  c.rl[5] = START
  return m
}

describe('JIT: self-modifying code and budgets', () => {
  for (const mode of ['off', 'on', 'check'] as const) {
    it(`a store into a translated loop takes effect on the next pass (${mode})`, () => {
      const m = machine(mode)
      const c = m.cpus[0]!
      let n = 0
      while (n < 5000) n += c.run(5000 - n) // a store into translated code ends the slice early (brk)
      expect(n).toBe(5000)
      expect(c.ia).toBe(0x10024)
      expect(c.rl[4]).toBe(3)
      // pass 1 adds 600 x 1, passes 2 and 3 add 600 x 2 after the MVI rewrote the immediate
      expect(c.rl[2]).toBe(3000)
      if (mode !== 'off') expect(m.jit!.stats.invalidated).toBeGreaterThan(0)
    })
  }

  it('blocks stop exactly at the budget: same instruction-by-instruction state as the interpreter', () => {
    for (const budget of [1, 2, 3, 7, 30, 31, 77, 100, 151, 163]) {
      const a = machine('off')
      const b = machine('on')
      b.jit!.hotAfter = 3 // translate at once, so the budgets end inside translated blocks
      const bc = b.cpus[0]!
      const ac = a.cpus[0]!
      for (let n = 0; n < budget; ) n += bc.run(budget - n)
      for (let n = 0; n < budget; ) n += ac.run(budget - n)
      expect([bc.ia, bc.rl[2], bc.rl[3], bc.rl[4], bc.cc]).toEqual([ac.ia, ac.rl[2], ac.rl[3], ac.rl[4], ac.cc])
      expect(bc.icount).toBe(ac.icount)
      if (budget > 20) expect(b.jit!.stats.compiled + b.jit!.stats.reused).toBeGreaterThan(0)
    }
  })

})
