// Upstream `sclp` kernel on the builtin environment (local upstream build only) with 1 GiB and 3 GiB: SCCB
// validity checks and their priority, about a million SERVCs, addressing exceptions above the memory size.
// Expected verdicts and counts are those of QEMU 7.2 TCG (shared/data/kut-tcg-results.md); with 3 GiB the
// "Invalid SCCB address" check is skipped as there is no gap below 2 GiB.
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['sclp-1g', { verdict: 'PASS', PASS: 14, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['sclp-3g', { verdict: 'PASS', PASS: 13, FAIL: 0, SKIP: 1, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream sclp kernel on builtin', () => {
  it.each(EXPECTED)('%s', async (name, want) => {
    const { result, log } = await runUpstream(name)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 200_000)
})
