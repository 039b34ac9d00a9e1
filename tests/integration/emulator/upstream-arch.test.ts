// Upstream kernels where the architecture and QEMU 7.2 TCG disagree (local upstream build only). TCG fails 27
// `skey` checks (no key-controlled protection for STORE CPU ADDRESS, SET PREFIX, CHSC, MSCH; TPROT ignores keys)
// and 6 `spec_ex` checks (PSW bit 12, odd instruction address, odd EXECUTE target, misaligned LRL). The builtin
// emulator follows the Principles of Operation: every check passes, and `skey` reports 14 more checks than under
// TCG: the TEID of each protection exception it now receives is checked too, and with EDAT-1 (facility 8) it tests
// SSKE's multiple-block control.
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['skey', { verdict: 'PASS', PASS: 80, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['spec_ex', { verdict: 'PASS', PASS: 8, FAIL: 0, SKIP: 4, XFAIL: 0 }],
]

describe.skipIf(!HAVE_UPSTREAM)('upstream architecture kernels on builtin (TCG fails these)', () => {
  it.each(EXPECTED)('%s', async (name, want) => {
    const { result, log } = await runUpstream(name)
    expect(result, log.slice(-3000)).toEqual(want)
  }, 120_000)
})
