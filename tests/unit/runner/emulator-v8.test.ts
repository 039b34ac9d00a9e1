// The emulator threads' V8 settings (src-main/runner/emulator-v8.ts): after tuneV8ForEmulator a function stuck in one
// long loop is never entered through on-stack replacement, which, without the setting, V8 does within milliseconds;
// a snapshot posted the way a worker posts it leaves the thread's optimized code alone, where a transfer (a detached
// buffer) deoptimizes every function that reads a typed array. V8-specific by nature: it reads optimization status
// (--allow-natives-syntax).
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { COPY_SNAPSHOT_UP_TO, EMULATOR_V8_FLAGS, snapshotTransferList, tuneV8ForEmulator } from '@main/runner/emulator-v8'

setFlagsFromString('--allow-natives-syntax')
/** Bit of V8's OptimizationStatus (src/runtime/runtime.h): the topmost frame runs TurboFan code. */
const TOPMOST_FRAME_IS_TURBOFANNED = 1 << 12
/** Bit of V8's OptimizationStatus: the function has optimized code. */
const OPTIMIZED = 1 << 4

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

  it('posts a snapshot of a migration test without detaching its buffer, which would deoptimize the thread', async () => {
    // In a fresh thread (a fresh V8 isolate: its protector is intact), a function that reads a typed array is
    // optimized, then a 300 KiB snapshot is posted with the given transfer list; is the function still optimized?
    const run = (transfer: boolean): Promise<{ before: boolean; after: boolean }> =>
      new Promise((resolve, reject) => {
        const w = new Worker(
          `const { parentPort, workerData } = require('node:worker_threads')
          const status = new Function('f', 'return %GetOptimizationStatus(f)')
          const prepare = new Function('f', '%PrepareFunctionForOptimization(f)')
          const optimize = new Function('f', '%OptimizeFunctionOnNextCall(f)')
          const f = new Function('a', 'return a[0] + a[1]')
          const a = new Uint8Array(8)
          prepare(f); f(a); f(a); optimize(f); f(a)
          const before = (status(f) & ${OPTIMIZED}) !== 0
          const bytes = new Uint8Array(300 * 1024)
          const ch = new MessageChannel()
          ch.port1.postMessage(bytes, workerData.transfer ? [bytes.buffer] : workerData.list)
          ch.port1.close()
          parentPort.postMessage({ before, after: (status(f) & ${OPTIMIZED}) !== 0 })`,
          { eval: true, workerData: { transfer, list: [] } },
        )
        w.once('message', (m: { before: boolean; after: boolean }) => void w.terminate().then(() => resolve(m)))
        w.once('error', reject)
      })
    // the reason: a detach deoptimizes (in this V8; a copy does not)
    expect(await run(true)).toEqual({ before: true, after: false })
    expect(await run(false)).toEqual({ before: true, after: true })
    // the policy: a migration test's snapshot is copied, a Linux machine's (hundreds of MiB) transferred
    expect(snapshotTransferList(new Uint8Array(300 * 1024))).toEqual([])
    const big = new Uint8Array(COPY_SNAPSHOT_UP_TO + 1)
    expect(snapshotTransferList(big)).toEqual([big.buffer])
  })
})
