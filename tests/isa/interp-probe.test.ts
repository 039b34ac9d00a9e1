// interpreterProbeMs, by which a pool worker learns that V8's optimized interpreter loop has arrived after its
// warm-up (emulator-worker.ts reportReady: a probe 8 times faster than the first one, or the cap). How much faster the
// probe gets is a timing and stays out of tests (it once missed 8x by 4 % on a loaded CI machine); what is tested
// here is what the rule relies on: -1 before the warm-up, a time after it, and a time again once V8 has optimized
// the loop (read through V8's optimization status, as interp-warm-compile.test.ts does).
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { interpreterLoopForTests, interpreterProbeMs, warmThread } from '@core/emulator/cpu/interpret'

setFlagsFromString('--allow-natives-syntax')
const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number
/** OptimizationStatus bit of V8 (src/runtime/runtime.h): the function runs TurboFan code. */
const TURBOFANNED = 1 << 6

describe('interpreter: the warm-up probe', () => {
  it('is -1 before the warm-up, a time after it and after V8 has optimized the loop', async () => {
    // vitest runs this file in a thread of its own: nothing has warmed it up yet.
    expect(interpreterProbeMs()).toBe(-1)
    warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
    const first = interpreterProbeMs()
    expect(first).toBeGreaterThan(0)
    expect(Number.isFinite(first)).toBe(true)
    const fastLoop = interpreterLoopForTests()
    for (let waited = 0; waited < 10_000 && (status(fastLoop) & TURBOFANNED) === 0; waited += 20) {
      await new Promise((r) => setTimeout(r, 20))
      interpreterProbeMs()
    }
    expect(status(fastLoop) & TURBOFANNED).not.toBe(0)
    const later = interpreterProbeMs()
    expect(later).toBeGreaterThan(0)
    expect(Number.isFinite(later)).toBe(true)
  })
})
