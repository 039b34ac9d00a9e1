// Upstream kernels that skip under QEMU 7.2 TCG because it does not announce the facility (local upstream build
// only): `pfmf` and `edat` need EDAT-1 (facility 8, PERFORM FRAME MANAGEMENT FUNCTION), `sthyi` needs the
// store-hypervisor-information facility (74). The builtin emulator announces both and runs every check; `edat`
// still skips its EDAT-2 part (facility 78 is not announced).
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['pfmf', { verdict: 'PASS', PASS: 7, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['edat', { verdict: 'PASS', PASS: 14, FAIL: 0, SKIP: 1, XFAIL: 0 }],
  ['sthyi', { verdict: 'PASS', PASS: 18, FAIL: 0, SKIP: 0, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream facility kernels on builtin (TCG skips these)', () => {
  it.each(EXPECTED)('%s', async (name, want) => {
    const { result, log } = await runUpstream(name)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 120_000)
})
