// Upstream timer kernels on the builtin environment (local upstream build only): the diag288 watchdog biting
// after 15 s of real time (restart interruption through --watchdog-action inject-nmi), and exittime's loops of
// intercept-class instructions (SIGP, DIAG 0x44, STNSM/STOSM/SSM, LCTL, 200,000 operation exceptions, SERVC, STSI).
// Expected verdicts and counts are those of QEMU 7.2 TCG (shared/data/kut-tcg-results.md), except that exittime runs
// its three STSI loops, which it skips under TCG, because builtin identifies as a machine of its own (19 PASS).
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['diag288', { verdict: 'PASS', PASS: 7, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['exittime', { verdict: 'PASS', PASS: 19, FAIL: 0, SKIP: 0, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream timer kernels on builtin', () => {
  it.each(EXPECTED)('%s', async (name, want) => {
    const { result, log } = await runUpstream(name)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 200_000)
})
