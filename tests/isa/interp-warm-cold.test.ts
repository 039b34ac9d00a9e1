// A thread that never called warmThread (`labcon emu`) warms its interpreter loop up by itself, early in a machine's
// first long call, and not for a small kernel: V8 compiles fastLoop once such a loop has run a while, and compiled
// before the warm-up it lacks the feedback of cases the kernel reaches later (each such case deoptimized it: upstream
// selftest compiled it three times). The warm-up leaves the run's own results alone.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { interpreterWarmUps } from '@core/emulator/cpu/interpret'

const START = 0x10000
/** L: aghi r2,1 ; ahi r3,2 ; brct r4,L ; then a stop loop: j . (the budget ends the run). */
const LOOP = [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0x3a, 0x00, 0x02, 0xa7, 0x46, 0xff, 0xfc, 0xa7, 0xf4, 0x00, 0x00]

function machine(): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, jit: 'off' }))
  m.storage.u8.set(LOOP, START)
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  c.rl[4] = 1_000_000
  return m
}

describe('interpreter: warm-up of a cold thread', () => {
  it('warms up within the first call that runs past 300K instructions, not before', () => {
    // vitest runs this file in a thread of its own: nothing has warmed up here yet.
    expect(interpreterWarmUps()).toBe(0)
    const small = machine().cpus[0]!
    expect(small.run(250_000)).toBe(250_000)
    expect(interpreterWarmUps()).toBe(0)
    // one call of 2M instructions, as `labcon emu` makes them: the warm-up comes during it
    const c = machine().cpus[0]!
    expect(c.run(2_000_000)).toBe(2_000_000)
    expect(interpreterWarmUps()).toBe(1)
    expect([c.rl[2], c.rl[3], c.rl[4], c.ia]).toEqual([666_667, 1_333_334, 1_000_000 - 666_666, START + 8])
  })
})
