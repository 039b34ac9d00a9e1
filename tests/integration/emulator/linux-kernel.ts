// Where the Debian s390x Linux kernel used by the Linux boot test and benchmark lives (never committed): the path in
// LABCON_LINUX_KERNEL, else the newest /work/linux-s390x/boot/vmlinuz-6.1.0-*-s390x.
import { existsSync, readdirSync } from 'node:fs'

/** Default directory: `dpkg-deb -x linux-image-6.1.0-<abi>-s390x_*.deb /work/linux-s390x`. */
export const LINUX_DEFAULT_DIR = '/work/linux-s390x/boot'
/** The command line the test and the benchmark boot with (as `qemu -append`). */
export const LINUX_APPEND = 'console=ttysclp0 panic=-1'
/** The last line of a boot without a root file system. */
export const LINUX_PANIC = 'Kernel panic - not syncing: VFS: Unable to mount root fs'
/** How to get the kernel, for skip messages. */
export const LINUX_HOWTO =
  'apt-get download linux-image-6.1.0-<abi>-s390x through an APT configuration with Architectures: s390x, then dpkg-deb -x it to /work/linux-s390x'

/** The kernel image to boot, or null with the reason. */
export function findLinuxKernel(env: string | undefined): { path: string | null; why: string } {
  if (env !== undefined && env !== '') {
    return existsSync(env) ? { path: env, why: '' } : { path: null, why: `LABCON_LINUX_KERNEL=${env} does not exist` }
  }
  const found = existsSync(LINUX_DEFAULT_DIR) ? readdirSync(LINUX_DEFAULT_DIR).filter((f) => /^vmlinuz-6\.1\.0-.*-s390x$/.test(f)) : []
  if (found.length === 0) return { path: null, why: `no vmlinuz-6.1.0-*-s390x in ${LINUX_DEFAULT_DIR} and LABCON_LINUX_KERNEL unset` }
  return { path: `${LINUX_DEFAULT_DIR}/${found.sort().at(-1)!}`, why: '' }
}

/** Boot messages QEMU 7.2 TCG prints for the same kernel and command line, in order (timestamps stripped). */
export const LINUX_MILESTONES = [
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

/** Console lines without the VT220 stream's carriage returns and printk's timestamps. */
export function milestoneLines(out: string): string[] {
  return out.split(/\r?\n/).map((l) => l.replace(/\r/g, '').replace(/^\[\s*\d+\.\d+\] /, ''))
}
