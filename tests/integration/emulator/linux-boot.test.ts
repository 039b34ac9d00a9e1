// Debian's s390x Linux kernel (package linux-image-6.1.0-*-s390x; never committed) on builtin, started as QEMU's
// `-kernel vmlinuz -append "console=ttysclp0 panic=-1" -m 512` starts it: banner, boot messages in QEMU TCG's order,
// and the root-mount panic at the end. The kernel comes from LABCON_LINUX_KERNEL or /work/linux-s390x/boot/vmlinuz-*;
// without one the test is skipped and says so.
import { describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { boot } from '@core/emulator/boot'

const DEFAULT_DIR = '/work/linux-s390x/boot'

/** The kernel image to boot, or null with the reason. */
function findKernel(): { path: string | null; why: string } {
  const env = process.env['LABCON_LINUX_KERNEL']
  if (env !== undefined && env !== '') {
    return existsSync(env) ? { path: env, why: '' } : { path: null, why: `LABCON_LINUX_KERNEL=${env} does not exist` }
  }
  const found = existsSync(DEFAULT_DIR) ? readdirSync(DEFAULT_DIR).filter((f) => /^vmlinuz-6\.1\.0-.*-s390x$/.test(f)) : []
  if (found.length === 0) return { path: null, why: `no vmlinuz-6.1.0-*-s390x in ${DEFAULT_DIR} and LABCON_LINUX_KERNEL unset` }
  return { path: `${DEFAULT_DIR}/${found.sort().at(-1)!}`, why: '' }
}

const KERNEL = findKernel()
if (KERNEL.path === null) {
  console.log(`linux-boot: SKIPPED: ${KERNEL.why} (apt-get download linux-image-6.1.0-<abi>-s390x through an APT configuration with Architectures: s390x, dpkg-deb -x it to /work/linux-s390x)`)
}
const PANIC = 'Kernel panic - not syncing: VFS: Unable to mount root fs'
/** Boot messages QEMU 7.2 TCG prints for the same kernel and command line, in order (timestamps stripped). */
const MILESTONES = [
  /^Linux version 6\.1\.0-\S+-s390x /,
  /^setup: The maximum memory size is 512MB$/,
  /^Kernel command line: console=ttysclp0 panic=-1$/,
  /^Memory: \d+K\/524288K available/,
  /^printk: console \[ttysclp0\] enabled$/,
  /^smp: Brought up 1 node, 1 CPU$/,
  /^devtmpfs: initialized$/,
  /^NET: Registered PF_INET protocol family$/,
  /^Loading compiled-in X\.509 certificates$/,
  /^List of all partitions:$/,
  /^No filesystem could mount root, tried: *$/,
]

describe.skipIf(KERNEL.path === null)('Debian Linux on builtin', () => {
  it(
    'prints its banner and boot messages and ends in the root-mount panic',
    async () => {
      const img = readFileSync(KERNEL.path!)
      const m = boot(img, KERNEL.path!, { memMiB: 512, args: 'console=ttysclp0 panic=-1' })
      let out = ''
      m.onConsole = (s) => void (out += s)
      while (m.ended === null && !out.includes(PANIC)) {
        const r = m.run(5_000_000)
        if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
      }
      const lines = out.split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''))
      const at = MILESTONES.map((re) => lines.findIndex((l) => re.test(l)))
      const ordered = at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!))
      expect({ ended: m.ended, milestonesInOrder: ordered, missing: MILESTONES.filter((_, k) => at[k]! < 0).map(String), panic: lines.find((l) => l.startsWith('Kernel panic'))?.slice(0, PANIC.length) }).toEqual({
        ended: null,
        milestonesInOrder: true,
        missing: [],
        panic: PANIC,
      })
    },
    30 * 60_000,
  )
})
