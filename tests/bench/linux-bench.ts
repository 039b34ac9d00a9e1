// Linux boot benchmark (part of `npm run bench -- emu`): Debian's s390x kernel from vmlinuz to its root-mount panic on
// builtin (translation tier on, in this process) and under qemu-system-s390x TCG (`-no-reboot`: the panic's reboot
// ends it), wall and host CPU seconds each and the ratio. Skipped with the reason when the kernel is not on this
// machine (see tests/integration/emulator/linux-kernel.ts). --no-linux leaves it out; --linux-phases prints where the
// builtin boot's host CPU goes, per 100 million instructions. --linux-runs N boots N times on each, alternating, every
// builtin boot in a fresh Node process (linux-boot-child.ts), and prints each pair and the medians: on a shared box
// whose speed moves by a fifth between minutes, one pair is not a measurement of the ratio.
import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { boot } from '@core/emulator/boot'
import { findLinuxKernel, LINUX_APPEND, LINUX_HOWTO, LINUX_PANIC } from '../integration/emulator/linux-kernel'

const QEMU = process.env['QEMU'] ?? 'qemu-system-s390x'

/** Host CPU seconds of this process since `c0`. */
function cpuSince(c0: NodeJS.CpuUsage): number {
  const cu = process.cpuUsage(c0)
  return (cu.user + cu.system) / 1e6
}

/**
 * Boots the kernel on builtin until the panic line (or `limitS`); wall and CPU seconds, instructions, how it ended.
 * With `phases`, prints per 100 million instructions the host CPU seconds, the translation tier's counters and the
 * last console line: where the boot's time goes (the decompressor, init code, the tail).
 */
export async function bootBuiltin(path: string, limitS: number, phases = false): Promise<{ wallS: number; cpuS: number; insns: number; end: string }> {
  const m = boot(readFileSync(path), path, { memMiB: 512, args: LINUX_APPEND })
  let out = ''
  m.onConsole = (s) => void (out = (out + s).slice(-8192))
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  let end = ''
  const PHASE = 100_000_000
  let phaseAt = 0
  let phaseCpu = 0
  let phaseJit = { ...(m.jit?.stats ?? { compiled: 0, blockRuns: 0, interpreted: 0, invalidated: 0 }) }
  while (end === '') {
    const r = m.run(5_000_000)
    if (phases && m.instructions >= phaseAt + PHASE) {
      const cpu = cpuSince(c0)
      const j = m.jit?.stats ?? phaseJit
      const line = out.split('\n').filter((l) => l.trim() !== '').at(-1)?.slice(0, 60) ?? ''
      console.log(
        `emu: linux phase ${(phaseAt / 1e6).toFixed(0)}M-${(m.instructions / 1e6).toFixed(0)}M  cpu ${(cpu - phaseCpu).toFixed(2)} s  block runs ${j.blockRuns - phaseJit.blockRuns}  interpreted ${j.interpreted - phaseJit.interpreted}  compiled ${j.compiled - phaseJit.compiled}  invalidated ${j.invalidated - phaseJit.invalidated}  | ${line}`,
      )
      phaseAt = m.instructions - (m.instructions % PHASE)
      phaseCpu = cpu
      phaseJit = { ...j }
    }
    if (out.includes(LINUX_PANIC)) end = 'panic'
    else if (r.ended) end = `${r.ended} before the panic`
    else if ((performance.now() - t0) / 1000 > limitS) end = `limit ${limitS} s`
    else if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
  }
  return { wallS: (performance.now() - t0) / 1000, cpuS: cpuSince(c0), insns: m.instructions, end }
}

/** Boots the kernel under QEMU TCG until it exits after the panic; wall and host CPU seconds of the child. */
function bootQemu(path: string, limitS: number): Promise<{ wallS: number; cpuS: number; end: string }> {
  const args = ['-M', 's390-ccw-virtio', '-cpu', 'qemu', '-m', '512', '-nographic', '-no-reboot', '-kernel', path, '-append', LINUX_APPEND]
  return new Promise((resolve) => {
    const t0 = performance.now()
    // `times` prints the children's user and system time on its second line: "0m2.698s 0m0.041s".
    const p = spawn('bash', ['-c', `timeout ${limitS} "$0" "$@" 2>&1 | tail -c 8192; times`, QEMU, ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('close', () => {
      const t = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out)
      const cpuS = t ? Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4]) : NaN
      resolve({ wallS: (performance.now() - t0) / 1000, cpuS, end: out.includes(LINUX_PANIC) ? 'panic' : 'no panic line' })
    })
  })
}

type BuiltinBoot = Awaited<ReturnType<typeof bootBuiltin>>

/** The line linux-boot-child.ts ends with: its boot's figures as JSON. */
export const CHILD_RESULT = 'linux-boot-result '

/**
 * bootBuiltin in a fresh Node process (this one's loader flags, linux-boot-child.ts): no translation, compiled
 * function or type feedback left by an earlier boot. Its other output (--linux-phases) is passed through.
 */
function bootBuiltinChild(path: string, limitS: number, phases: boolean): Promise<BuiltinBoot> {
  const child = fileURLToPath(new URL('./linux-boot-child.ts', import.meta.url))
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, child, path, String(limitS), phases ? '1' : '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      let nl: number
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl)
        out = out.slice(nl + 1)
        if (line.startsWith(CHILD_RESULT)) resolve(JSON.parse(line.slice(CHILD_RESULT.length)) as BuiltinBoot)
        else console.log(line)
      }
    })
    p.on('close', (code) => reject(new Error(`linux-boot-child.ts exited with ${code} without its result line`)))
  })
}

/** Median of a non-empty list. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Parses --linux-runs: a whole number from 1 to 50 (1 when absent). */
export function linuxRuns(argv: string[]): number {
  const i = argv.indexOf('--linux-runs')
  if (i < 0) return 1
  const v = argv[i + 1]
  const n = Number(v)
  if (v === undefined || !/^\d+$/.test(v) || n < 1 || n > 50) throw new Error(`--linux-runs ${v ?? ''}: expected a whole number of boots from 1 to 50`)
  return n
}

/** Prints the Linux boot rows of the emulator benchmark. */
export async function runLinuxBench(argv: string[], limitS: number): Promise<void> {
  if (argv.includes('--no-linux')) return
  const runs = linuxRuns(argv)
  const k = findLinuxKernel(process.env['LABCON_LINUX_KERNEL'])
  if (k.path === null) {
    console.log(`emu: linux boot: skipped: ${k.why} (${LINUX_HOWTO})`)
    return
  }
  console.log(`emu: linux boot of ${k.path} -append "${LINUX_APPEND}" -m 512 to "${LINUX_PANIC}"`)
  const phases = argv.includes('--linux-phases')
  if (runs === 1) {
    const b = await bootBuiltin(k.path, limitS, phases)
    const q = await bootQemu(k.path, limitS)
    console.log(`emu: linux boot  builtin jit             ${b.insns.toLocaleString('en')} insns  wall ${b.wallS.toFixed(1)} s  cpu ${b.cpuS.toFixed(1)} s  ${b.end}`)
    console.log(`emu: linux boot  qemu-system-s390x tcg   wall ${q.wallS.toFixed(1)} s  cpu ${q.cpuS.toFixed(1)} s  ${q.end}`)
    console.log(`emu: linux boot  builtin/qemu            wall ${(b.wallS / q.wallS).toFixed(1)}x  cpu ${(b.cpuS / q.cpuS).toFixed(1)}x (goal: at most 2x)`)
    return
  }
  console.log(`emu: linux boot  ${runs} pairs, alternating; each builtin boot in a fresh node process`)
  const bs: BuiltinBoot[] = []
  const qs: Array<{ wallS: number; cpuS: number; end: string }> = []
  for (let i = 0; i < runs; i++) {
    const b = await bootBuiltinChild(k.path, limitS, phases)
    const q = await bootQemu(k.path, limitS)
    bs.push(b)
    qs.push(q)
    console.log(
      `emu: linux boot  pair ${i + 1}  builtin wall ${b.wallS.toFixed(1)} s cpu ${b.cpuS.toFixed(1)} s ${b.end}  qemu wall ${q.wallS.toFixed(1)} s cpu ${q.cpuS.toFixed(1)} s ${q.end}  ` +
        `ratio wall ${(b.wallS / q.wallS).toFixed(1)}x cpu ${(b.cpuS / q.cpuS).toFixed(1)}x`,
    )
  }
  const ok = bs.every((b) => b.end === 'panic') && qs.every((q) => q.end === 'panic')
  const wallRatios = bs.map((b, i) => b.wallS / qs[i]!.wallS)
  const cpuRatios = bs.map((b, i) => b.cpuS / qs[i]!.cpuS)
  const f1 = (x: number): string => x.toFixed(1)
  console.log(`emu: linux boot  builtin jit             median wall ${f1(median(bs.map((b) => b.wallS)))} s  cpu ${f1(median(bs.map((b) => b.cpuS)))} s`)
  console.log(`emu: linux boot  qemu-system-s390x tcg   median wall ${f1(median(qs.map((q) => q.wallS)))} s  cpu ${f1(median(qs.map((q) => q.cpuS)))} s`)
  console.log(
    `emu: linux boot  builtin/qemu            median of pairs wall ${f1(median(wallRatios))}x (${f1(Math.min(...wallRatios))}-${f1(Math.max(...wallRatios))}x)  ` +
      `cpu ${f1(median(cpuRatios))}x (${f1(Math.min(...cpuRatios))}-${f1(Math.max(...cpuRatios))}x) (goal: at most 2x)${ok ? '' : '  NOT EVERY BOOT REACHED THE PANIC'}`,
  )
}
