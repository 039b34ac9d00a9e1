// Upstream SIGP/SMP kernels on the builtin environment (local upstream build only): SIGP orders, store status and
// store additional status, CPU addressing with non-linear core ids, floating interruptions across CPUs. Expected
// verdicts and counts are those of QEMU 7.2 TCG (shared/data/kut-tcg-results.md).
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['smp', { verdict: 'PASS', PASS: 67, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['firq-linear-cpu-ids-tcg', { verdict: 'PASS', PASS: 1, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['firq-nonlinear-cpu-ids-tcg', { verdict: 'PASS', PASS: 1, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['adtl-status-tcg', { verdict: 'PASS', PASS: 11, FAIL: 0, SKIP: 5, XFAIL: 0 }],
  ['adtl-status-no-vec-no-gs-tcg', { verdict: 'PASS', PASS: 3, FAIL: 0, SKIP: 3, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream SMP kernels on builtin', () => {
  it.each(EXPECTED)('%s', async (name, want) => {
    const { result, log } = await runUpstream(name)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 120_000)
})
