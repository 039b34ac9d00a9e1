// The guarded-storage facility (133) on builtin with `-cpu ...,gs=on` (local upstream build only): the upstream gs
// kernel (LGSC/STGSC special-operation exceptions while CR2 bit 59 is off, then a guarded-storage event through
// LGG reaching its handler) and adtl-status with the guarded-storage control block in STORE ADDITIONAL STATUS
// (length codes 11 and 12) must pass with nothing skipped but the one check that needs neither facility installed.
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, string, UpstreamResult]> = [
  ['gs', '-cpu max,gs=on', { verdict: 'PASS', PASS: 3, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['gs', '-cpu max', { verdict: 'SKIP', PASS: 0, FAIL: 0, SKIP: 1, XFAIL: 0 }],
  ['adtl-status-kvm', '-cpu host,gs=on,vx=on', { verdict: 'PASS', PASS: 26, FAIL: 0, SKIP: 1, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream guarded-storage kernels on builtin', () => {
  it.each(EXPECTED)('%s with %s', async (name, params, want) => {
    const { result, log } = await runUpstream(name, 'labcon', params)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 120_000)
})
