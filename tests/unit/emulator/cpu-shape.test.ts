// The CPU object keeps one V8 hidden class for its whole life (Cpu constructor, settleFields): a field that changes
// representation later (a small integer field that gets an address above 2^31) gives the CPU a new hidden class and
// deoptimizes every function that has seen a CPU, the interpreter and all translated blocks with it. Checked with
// V8's %HaveSameMap between a CPU whose fields took the values a run gives them and a fresh CPU.
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'

setFlagsFromString('--allow-natives-syntax')
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean

/** Values beyond 32-bit integers these fields take in a run (64-bit addresses, unsigned words, counts, host µs). */
const WIDE: Record<string, number> = {
  ia: 2 ** 42 + 0x1000,
  nia: 2 ** 42 + 0x1006,
  th: 0xffffffff,
  tl: 0x80000000,
  ipage: 2 ** 42,
  ibase: 3 * 2 ** 30,
  icount: 2 ** 33,
  cpuTimerAt: 1.8e15,
}

function cpus(): [object, object] {
  const a = new Machine(defaultConfig({ memMiB: 1, jit: 'off' })).cpus[0]!
  const b = new Machine(defaultConfig({ memMiB: 1, jit: 'off' })).cpus[0]!
  return [a, b]
}

describe('Cpu hidden class', () => {
  it('the natives check sees a representation change', () => {
    class Probe {
      x = 0
    }
    const p = new Probe()
    const q = new Probe()
    p.x = 2 ** 40
    expect(sameMap(p, q)).toBe(false)
  })

  it('stays the same when every field takes the values a run gives it', () => {
    const [a, b] = cpus()
    expect(sameMap(a, b)).toBe(true)
    const o = a as Record<string, unknown>
    for (const [k, v] of Object.entries(WIDE)) {
      expect(typeof o[k], k).toBe('number')
      o[k] = v
    }
    for (const k of Object.keys(o)) {
      const v = o[k]
      if (k in WIDE) continue
      if (typeof v === 'number') o[k] = v === -1 ? 7 : -1
      else if (typeof v === 'boolean') o[k] = !v
      else if (v === null) o[k] = k === 'journal' ? () => {} : []
    }
    expect(sameMap(a, b)).toBe(true)
  })
})
