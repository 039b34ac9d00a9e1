// The upstream `cpumodel` kernel checks the architected facility dependencies of what STFLE announces. Facility 37
// (floating-point extension, which Debian's z196 userspace needs) implies 42 (decimal floating point): with DFP
// implemented (ops/dfp*.ts) and 42 announced every dependency check passes or skips (an unannounced facility).
// Under QEMU 7.2 TCG the same check is an expected failure (TCG has no DFP). Local upstream build only.
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream } from './upstream-run'

describe.skipIf(!HAVE_UPSTREAM)('upstream cpumodel on builtin', () => {
  it('every facility dependency passes or skips', async () => {
    const { result, log } = await runUpstream('cpumodel')
    expect(result, log.slice(-3000)).toEqual({ verdict: 'PASS', PASS: 21, FAIL: 0, SKIP: 12, XFAIL: 0 })
    expect(log).toContain('PASS: cpumodel: dependency: 37 implies 42')
  }, 120_000)
})
