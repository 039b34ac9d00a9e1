// warmThread leaves the interpreter loop compiled by TurboFan, or being compiled: a worker's first kernel would
// otherwise start that ~300 ms compile itself (twice: on-stack replacement and the whole function, at once), and run
// its first few hundred milliseconds in unoptimized code. V8-specific by nature: it reads V8's optimization status
// of fastLoop (--allow-natives-syntax), so a Node whose thresholds no longer let the warm-up's hot loop mark the
// function fails here rather than silently.
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { interpreterLoopForTests, warmThread } from '@core/emulator/cpu/interpret'

setFlagsFromString('--allow-natives-syntax')
const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number

/** Bits of V8's OptimizationStatus (src/runtime/runtime.h). */
const TURBOFANNED = 1 << 6
const MARKED = (1 << 8) | (1 << 9)
const OPTIMIZING_CONCURRENTLY = 1 << 10

describe('interpreter: warmThread starts the compile of its loop', () => {
  it('leaves fastLoop optimized or being optimized, without running a kernel', () => {
    const fastLoop = interpreterLoopForTests()
    // vitest runs this file in a thread of its own: nothing has run the loop here yet.
    expect(status(fastLoop) & (TURBOFANNED | MARKED | OPTIMIZING_CONCURRENTLY)).toBe(0)
    warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
    expect(status(fastLoop) & (TURBOFANNED | OPTIMIZING_CONCURRENTLY)).not.toBe(0)
  })
})
