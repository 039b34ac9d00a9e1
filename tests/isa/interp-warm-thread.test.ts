// warmThread: a thread that will run many machines (a worker of the warm pool) warms its interpreter loop once, up
// front, and never again; the warm-up leaves nothing behind that a machine run afterwards could see.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { interpreterWarmUps, warmThread } from '@core/emulator/cpu/interpret'

const START = 0x10000
/** L: aghi r2,1 ; ahi r3,2 ; brct r4,L ; then a stop loop: j . (the budget ends the run). */
const LOOP = [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0x3a, 0x00, 0x02, 0xa7, 0x46, 0xff, 0xfc, 0xa7, 0xf4, 0x00, 0x00]

function run(insns: number): { regs: number[]; ia: number; cc: number } {
  const m = new Machine(defaultConfig({ memMiB: 2, jit: 'off' }))
  m.storage.u8.set(LOOP, START)
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  c.rl[4] = 1_000_000
  expect(c.run(insns)).toBe(insns)
  return { regs: [...c.rh, ...c.rl], ia: c.ia, cc: c.cc }
}

describe('interpreter: warmThread', () => {
  it('warms up once per thread, before any long run would, and then never again', () => {
    // vitest runs this file in a thread of its own: nothing has warmed up here yet.
    expect(interpreterWarmUps()).toBe(0)
    const before = run(1000)
    expect(interpreterWarmUps()).toBe(0)
    warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
    expect(interpreterWarmUps()).toBe(1)
    warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
    expect(interpreterWarmUps()).toBe(1)
    // a long run (past the point where a cold thread warms up by itself) does not warm up a second time
    const long = run(3_000_001)
    expect(interpreterWarmUps()).toBe(1)
    expect(long.regs[16 + 2]).toBe(1_000_000)
    expect(long.regs[16 + 3]).toBe(2_000_000)
    // and a machine run after the warm-up computes what the same machine computed before it
    expect(run(1000)).toEqual(before)
  })
})
