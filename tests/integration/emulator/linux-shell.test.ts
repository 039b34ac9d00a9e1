// Issue 10's moonshot: Debian's s390x kernel with an initramfs holding Debian's static busybox (packed here at test
// time, never committed) reaches a shell prompt on builtin, as under QEMU's `-kernel vmlinuz -initrd rd.cpio`;
// `uname -a` typed on the SCLP console answers with the kernel's own release and version, and `poweroff -f` stops
// the machine. Runs when the kernel and the busybox-static package are on the machine, else is skipped and says so.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { boot } from '@core/emulator/boot'
import { findLinuxKernel, LINUX_APPEND, LINUX_HOWTO, milestoneLines } from './linux-kernel'
import { BUSYBOX_HOWTO, busyboxInitramfs, findBusybox, INIT_BANNER } from './initramfs'

const KERNEL = findLinuxKernel(process.env['LABCON_LINUX_KERNEL'])
const BUSYBOX = KERNEL.path === null ? { bytes: null, why: 'no kernel' } : findBusybox(process.env['LABCON_BUSYBOX_DEB'])
if (KERNEL.path === null) console.log(`linux-shell: SKIPPED: ${KERNEL.why} (${LINUX_HOWTO})`)
else if (BUSYBOX.bytes === null) console.log(`linux-shell: SKIPPED: ${BUSYBOX.why} (${BUSYBOX_HOWTO})`)

/**
 * CPU options for the shell (LABCON_LINUX_SHELL_CPU, default none: the full CPU model). The static busybox's glibc
 * picks its string functions by the vector facility (STFLE 129): with it they run VLBB, LCBB, VFENE, VISTR…, so the
 * default run also exercises the vector facility from user space; `-cpu max,vx=off` takes the scalar paths.
 */
const QEMU_PARAMS = process.env['LABCON_LINUX_SHELL_CPU'] ?? ''
const PROMPT = '/ # '

describe.skipIf(KERNEL.path === null || BUSYBOX.bytes === null)('Debian Linux to a busybox shell on builtin', () => {
  it(
    'boots from the initramfs to a prompt, answers uname -a with its own release and version, and powers off',
    async () => {
      const m = boot(readFileSync(KERNEL.path!), KERNEL.path!, {
        memMiB: 512,
        args: LINUX_APPEND,
        qemuParams: QEMU_PARAMS,
        initrd: { bytes: busyboxInitramfs(BUSYBOX.bytes!), name: 'busybox initramfs' },
      })
      let out = ''
      m.onConsole = (s) => void (out += s)
      /** Runs until the console shows `text` after offset `from` (or the machine ends); returns where it ends. */
      const until = async (text: string, from: number): Promise<number> => {
        while (m.ended === null) {
          const at = out.indexOf(text, from)
          if (at >= 0) return at + text.length
          const r = m.run(2_000_000)
          if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
        }
        return -1
      }
      const prompt = await until(PROMPT, Math.max(0, await until(INIT_BANNER, 0)))
      const lines = milestoneLines(out)
      const banner = lines.find((l) => l.startsWith('Linux version '))
      const [, release, version] = /^Linux version (\S+) .*? (#\d+ SMP .*)$/.exec(banner ?? '') ?? []
      expect({ init: lines.includes(INIT_BANNER), prompt: prompt > 0, release: release !== undefined, problems: lines.filter((l) => /User process fault|Kernel panic|illegal instruction/i.test(l)) }).toEqual({
        init: true,
        prompt: true,
        release: true,
        problems: [],
      })
      m.sclp.type('uname -a\n')
      const answered = await until('GNU/Linux', prompt)
      expect(answered).toBeGreaterThan(0)
      const uname = milestoneLines(out.slice(prompt)).find((l) => l.startsWith('Linux '))
      expect(uname).toBe(`Linux (none) ${release} ${version} s390x GNU/Linux`)
      await until(PROMPT, answered)
      m.sclp.type('poweroff -f\n')
      await until('\u0000never', answered)
      expect(m.ended).toBe('stopped')
    },
    45 * 60_000,
  )
})
