// Debian's s390x Linux kernel (package linux-image-6.1.0-*-s390x; never committed) on builtin, started as QEMU's
// `-kernel vmlinuz -append "console=ttysclp0 panic=-1" -m 512` starts it: banner, boot messages in QEMU TCG's order,
// and the root-mount panic at the end. The kernel comes from LABCON_LINUX_KERNEL or /work/linux-s390x/boot/vmlinuz-*;
// without one the test is skipped and says so.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { boot } from '@core/emulator/boot'
import { findLinuxKernel, LINUX_APPEND, LINUX_HOWTO, LINUX_MILESTONES, LINUX_PANIC as PANIC, milestoneLines } from './linux-kernel'

const KERNEL = findLinuxKernel(process.env['LABCON_LINUX_KERNEL'])
if (KERNEL.path === null) console.log(`linux-boot: SKIPPED: ${KERNEL.why} (${LINUX_HOWTO})`)
describe.skipIf(KERNEL.path === null)('Debian Linux on builtin', () => {
  it(
    'prints its banner and boot messages and ends in the root-mount panic',
    async () => {
      const img = readFileSync(KERNEL.path!)
      const m = boot(img, KERNEL.path!, { memMiB: 512, args: LINUX_APPEND })
      let out = ''
      m.onConsole = (s) => void (out += s)
      while (m.ended === null && !out.includes(PANIC)) {
        const r = m.run(5_000_000)
        if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
      }
      const lines = milestoneLines(out)
      const at = LINUX_MILESTONES.map((re) => lines.findIndex((l) => re.test(l)))
      const ordered = at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!))
      // panic=-1 reboots at once: the run may already have gone on to the reboot's disabled wait.
      expect({ ended: m.ended === null || m.ended === 'disabled-wait', milestonesInOrder: ordered, missing: LINUX_MILESTONES.filter((_, k) => at[k]! < 0).map(String), panic: lines.find((l) => l.startsWith('Kernel panic'))?.slice(0, PANIC.length) }).toEqual({
        ended: true,
        milestonesInOrder: true,
        missing: [],
        panic: PANIC,
      })
    },
    30 * 60_000,
  )
})
