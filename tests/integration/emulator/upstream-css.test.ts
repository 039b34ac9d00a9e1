// The upstream channel-subsystem kernels on builtin (local upstream build only), with the `-device virtio-net-ccw`
// of their catalog entries: `css` (STSCH/MSCH/SSCH/TSCH, SENSE ID through an I/O interruption, SCHM with format-0
// and format-1 measurement blocks, STCRW after RCHP, validity checks) gives QEMU 7.2 TCG's 53 PASS; `epsw` and
// `skey` use the same subchannel (enumerate, enable, CRW, MSCH with keys) and keep their results. `css` and `epsw`
// need QEMU (virtio-ccw): they run with the qemu-tcg identity; with builtin's own identity they skip, as on LPAR.
import { describe, expect, it } from 'vitest'
import { HAVE_UPSTREAM, runUpstream, type UpstreamResult } from './upstream-run'

const EXPECTED: ReadonlyArray<[string, UpstreamResult]> = [
  ['css', { verdict: 'PASS', PASS: 53, FAIL: 0, SKIP: 0, XFAIL: 0 }],
  ['epsw', { verdict: 'PASS', PASS: 9, FAIL: 0, SKIP: 0, XFAIL: 0 }],
]
const SKIPPED: UpstreamResult = { verdict: 'SKIP', PASS: 0, FAIL: 0, SKIP: 1, XFAIL: 0 }

describe.skipIf(!HAVE_UPSTREAM)('upstream channel-subsystem kernels on builtin', () => {
  it.each(EXPECTED)('%s (identity qemu-tcg)', async (name, want) => {
    const { result, log } = await runUpstream(name, 'qemu-tcg')
    expect(result, log.slice(-3000)).toEqual(want)
  }, 120_000)

  it.each(EXPECTED.map(([name]) => name))('%s (identity labcon): skips, not running under QEMU', async (name) => {
    const { result, log } = await runUpstream(name)
    expect({ result, skip: /^SKIP: .*Not running under QEMU$/m.test(log) }).toEqual({ result: SKIPPED, skip: true })
  }, 120_000)

  it('css: the INFO lines QEMU TCG prints (general/CHSC features, SENSE ID data) and the measurement count', async () => {
    const { log } = await runUpstream('css', 'qemu-tcg')
    expect(log).toContain('INFO: Channel Subsystem: initialize CSS (chsc): General features: 6,7,45,46,47,48,51,108,')
    expect(log).toContain('INFO: Channel Subsystem: initialize CSS (chsc): CHSC features: 1,109,')
    expect(log).toContain('INFO: Channel Subsystem: sense (ssch/tsch): reserved 0xff cu_type 0x3832 cu_model 0x01 dev_type 0x0000 dev_model 0x00')
    expect(log).toContain('PASS: Channel Subsystem: measurement block format1: Valid MB origin: SSCH measured 10')
  }, 120_000)
})
