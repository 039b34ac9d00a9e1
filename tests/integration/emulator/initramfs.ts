// A Linux initramfs built at test time: a "newc" cpio archive (the format the kernel unpacks, see the kernel's
// Documentation/driver-api/early-userspace/buffer-format.rst) holding Debian's static busybox for s390x and an /init
// that starts a shell. Nothing of it is committed: busybox comes from the busybox-static package on this machine.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One archive member. */
export interface CpioEntry {
  name: string
  /** File type and permission bits (st_mode), e.g. 0o100755 for an executable. */
  mode: number
  data?: Uint8Array | string
  /** Device number of a character/block special file. */
  rdev?: [number, number]
}

const S_IFDIR = 0o040000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000
const S_IFCHR = 0o020000

/** Builds a newc cpio archive (magic 070701, 13 eight-digit hex fields, name and data padded to 4 bytes). */
export function newcArchive(entries: CpioEntry[]): Uint8Array {
  const parts: Uint8Array[] = []
  let size = 0
  const push = (b: Uint8Array): void => {
    parts.push(b)
    size += b.length
  }
  const pad = (): void => {
    if (size % 4 !== 0) push(new Uint8Array(4 - (size % 4)))
  }
  const hex = (n: number): string => n.toString(16).padStart(8, '0')
  const all = [...entries, { name: 'TRAILER!!!', mode: 0 }]
  all.forEach((e, i) => {
    const data = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : (e.data ?? new Uint8Array(0))
    const name = new TextEncoder().encode(e.name + '\0')
    const isDir = (e.mode & 0o170000) === S_IFDIR
    const fields = [i + 1, e.mode, 0, 0, isDir ? 2 : 1, 0, data.length, 0, 0, e.rdev?.[0] ?? 0, e.rdev?.[1] ?? 0, name.length, 0]
    push(new TextEncoder().encode('070701' + fields.map(hex).join('')))
    push(name)
    pad()
    push(data)
    pad()
  })
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The shell's prompt and the line /init prints before it starts the shell. */
export const INIT_BANNER = 'labcon initramfs: starting a busybox shell'

/** An initramfs with static busybox at /bin/busybox, its applets linked by /init, and a shell on the console. */
export function busyboxInitramfs(busybox: Uint8Array): Uint8Array {
  const init = ['#!/bin/busybox sh', '/bin/busybox --install -s /bin', 'mkdir -p /proc /sys', 'mount -t proc proc /proc', `echo "${INIT_BANNER}"`, 'exec /bin/sh', ''].join('\n')
  return newcArchive([
    { name: 'bin', mode: S_IFDIR | 0o755 },
    { name: 'bin/busybox', mode: S_IFREG | 0o755, data: busybox },
    { name: 'bin/sh', mode: S_IFLNK | 0o777, data: 'busybox' },
    { name: 'dev', mode: S_IFDIR | 0o755 },
    { name: 'dev/console', mode: S_IFCHR | 0o600, rdev: [5, 1] },
    { name: 'init', mode: S_IFREG | 0o755, data: init },
  ])
}

/** Where Debian's busybox-static package for s390x is looked for (LABCON_BUSYBOX_DEB first). */
const DEB_DIRS = ['/work/bb']

/** Static busybox for s390x from LABCON_BUSYBOX_DEB (a busybox-static_*_s390x.deb), or why there is none. */
export function findBusybox(env: string | undefined): { bytes: Uint8Array | null; why: string } {
  let deb = env
  if (deb === undefined) {
    for (const d of DEB_DIRS) {
      const hit = existsSync(d) ? readdirSync(d).find((f) => /^busybox-static_.*_s390x\.deb$/.test(f)) : undefined
      if (hit) {
        deb = join(d, hit)
        break
      }
    }
  }
  if (deb === undefined) return { bytes: null, why: `no busybox-static_*_s390x.deb in ${DEB_DIRS.join(', ')} and LABCON_BUSYBOX_DEB is not set` }
  if (!existsSync(deb)) return { bytes: null, why: `LABCON_BUSYBOX_DEB=${deb} does not exist` }
  const dir = mkdtempSync(join(tmpdir(), 'labcon-busybox-'))
  try {
    execFileSync('dpkg-deb', ['-x', deb, dir])
    const bin = join(dir, 'bin', 'busybox')
    if (!existsSync(bin)) return { bytes: null, why: `${deb} holds no bin/busybox` }
    return { bytes: new Uint8Array(readFileSync(bin)), why: '' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** How to get the package (printed when the test is skipped). */
export const BUSYBOX_HOWTO =
  'download it with a private APT configuration for Architectures: s390x (`apt-get download busybox-static`) into /work/bb or point LABCON_BUSYBOX_DEB at it; never commit it'
