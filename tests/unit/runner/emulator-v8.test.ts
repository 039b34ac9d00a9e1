// The emulator threads' V8 settings (src-main/runner/emulator-v8.ts): after tuneV8ForEmulator a function stuck in one
// long loop is never entered through on-stack replacement, which, without the setting, V8 does within milliseconds.
// V8-specific by nature: it reads the optimization status of the running frame (--allow-natives-syntax).
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { EMULATOR_V8_FLAGS, tuneV8ForEmulator } from '@main/runner/emulator-v8'

setFlagsFromString('--allow-natives-syntax')
/** Bit of V8's OptimizationStatus (src/runtime/runtime.h): the topmost frame runs TurboFan code. */
const TOPMOST_FRAME_IS_TURBOFANNED = 1 << 12

/** Spins in one call for up to `ms`; returns after how many ms its own frame ran optimized code, or -1 (never). */
const spin = new Function(
  'ms',
  `const t0 = Date.now()
  let x = 0
  for (let i = 0; ; i++) {
    x = (x + i * 7) | 0
    if ((i & 0xfff) === 0) {
      if ((%GetOptimizationStatus(arguments.callee) & ${TOPMOST_FRAME_IS_TURBOFANNED}) !== 0) return Date.now() - t0
      if (Date.now() - t0 > ms) return -1
    }
  }`,
) as (ms: number) => number

describe('emulator threads: V8 settings', () => {
  it('turns on-stack replacement off', () => {
    expect(EMULATOR_V8_FLAGS).toContain('--no-use-osr')
    tuneV8ForEmulator()
    expect(spin(1000)).toBe(-1)
  })
})
