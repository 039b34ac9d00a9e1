// Emulator benchmark: runs our compute kernel (resources/kernels/bench.elf) and, with --kut <kvm-unit-tests dir>,
// upstream kernels (default: sieve) on the built-in emulator with the translation tier and (for our kernel, or with
// --interp) interpreter-only, and the same kernels under qemu-system-s390x TCG in the same run. Prints guest
// instructions, wall time, host CPU time and MIPS per row; asserts nothing. Interpreter-only rows (`builtin
// interpreter`: the pre-decoding interpreter, no translation) come with the dynamic instruction mix they measured,
// sampled over the whole run (MIX_SAMPLE traced instructions every MIX_EVERY, left out of the figures).
// --short: our five small kernels instead, each run cold (first machine in this thread) and warm (again, with the
// thread's shared translations), host CPU ms per run next to QEMU's CPU ms per process (bash `times` of the child).
// Options: --kut <dir> (the source/build dir or its s390x/), --kut-tests sieve,selftest-setup (catalog names),
// --interp (interpreter-only rows for upstream kernels too), --no-interp, --no-qemu, --no-linux (no Linux boot row,
// tests/bench/linux-bench.ts), --linux-phases (its host CPU per 100 million instructions), --max-insns N and
// --emu-timeout S (per emulator run; the row then says `limit`), QEMU=<binary> to use another qemu.
import { existsSync, readFileSync } from 'node:fs'
import { join, basename, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import { parseUnittestsCfg, type CatalogTest } from '@core/domain/catalog'
import { EMULATOR_VERSION, Machine } from '@core/emulator/machine'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import type { JitMode } from '@core/emulator/jit/jit'
import { lookupInsn } from '@core/emulator/isa/decode'
import type { Cpu } from '@core/emulator/cpu/cpu'
import { runLinuxBench } from './linux-bench'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const QEMU = process.env['QEMU'] ?? 'qemu-system-s390x'

/** One kernel to measure. */
interface Kernel {
  label: string
  path: string
  args: string
  qemuParams: string
  smp: number
}

/** Figures of one emulator run. */
interface EmuFigures {
  mode: JitMode
  instructions: number
  wallS: number
  cpuS: number
  exit: string
  compiled: number
  /** Sampled dynamic instruction mix (mnemonic → count), when asked for. */
  mix: Map<string, number> | null
}

/** Instructions traced per sample of the instruction mix, and instructions between samples. */
const MIX_SAMPLE = 20_000
const MIX_EVERY = 5_000_000

/** A tracer that counts the mnemonic of every instruction it sees. */
function mixCounter(mix: Map<string, number>): (c: Cpu) => void {
  return (c) => {
    let mn = '(fetch exception)'
    try {
      const h0 = c.fetch16(c.ia)
      const h2 = h0 >>> 14 === 3 ? c.fetch16(c.wrap(c.ia + 4)) : 0
      mn = lookupInsn(h0, h2)?.mnemonic ?? '(invalid)'
    } catch {
      // the instruction's own fetch raises it; counted under its own name
    }
    mix.set(mn, (mix.get(mn) ?? 0) + 1)
  }
}

/**
 * Runs a kernel on the built-in emulator in this process. With `mix`, every MIX_EVERY instructions the next
 * MIX_SAMPLE run traced (Cpu.step) to count mnemonics; those instructions and their host time are left out of the
 * figures.
 */
async function runEmu(k: Kernel, mode: JitMode, maxInsns: number, limitS: number, mix = false): Promise<EmuFigures> {
  const cfg = configFrom({ args: k.args, qemuParams: k.qemuParams, smp: k.smp })
  cfg.jit = mode
  const m = new Machine(cfg)
  ipl(m, readFileSync(k.path), k.path, cfg.args)
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const counts = mix ? new Map<string, number>() : null
  let sampledInsns = 0
  let sampledWallS = 0
  let sampledCpuS = 0
  let exit = ''
  for (;;) {
    if (m.instructions >= maxInsns) {
      exit = `limit ${maxInsns}`
      break
    }
    const r = m.run(Math.min(maxInsns - m.instructions, MIX_EVERY))
    if (r.ended) break
    if (counts !== null && m.instructions < maxInsns) {
      const s0 = performance.now()
      const u0 = process.cpuUsage()
      const i0 = m.instructions
      m.tracer = mixCounter(counts)
      const rs = m.run(Math.min(maxInsns - m.instructions, MIX_SAMPLE))
      m.tracer = null
      const us = process.cpuUsage(u0)
      sampledInsns += m.instructions - i0
      sampledWallS += (performance.now() - s0) / 1000
      sampledCpuS += (us.user + us.system) / 1e6
      if (rs.ended) break
    }
    if ((performance.now() - t0) / 1000 > limitS) {
      exit = `limit ${limitS} s`
      break
    }
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 50)))
  }
  const wallS = (performance.now() - t0) / 1000 - sampledWallS
  const cu = process.cpuUsage(c0)
  if (exit === '') exit = m.exitStatus !== null ? `STATUS=${m.exitStatus}` : (m.ended ?? '?')
  const cpuS = (cu.user + cu.system) / 1e6 - sampledCpuS
  return { mode, instructions: m.instructions - sampledInsns, wallS, cpuS, exit, compiled: m.jit?.stats.compiled ?? 0, mix: counts }
}

/** The mix as "LA 19.0%, MVI 11.7%, …" (the top `n` mnemonics) and the share of the rest. */
function mixLine(mix: Map<string, number>, n = 14): string {
  const total = [...mix.values()].reduce((a, b) => a + b, 0)
  if (total === 0) return '(no samples: the run ended before the first)'
  const top = [...mix].sort((a, b) => b[1] - a[1])
  const pct = (v: number): string => `${((100 * v) / total).toFixed(1)}%`
  const rest = top.slice(n).reduce((a, [, v]) => a + v, 0)
  return `${top.slice(0, n).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}${rest > 0 ? `; ${top.length - n} others ${pct(rest)}` : ''} (${total.toLocaleString('en')} sampled)`
}

/** Runs a kernel under QEMU TCG; wall seconds and the exit line, or the reason it could not run. */
function runQemu(k: Kernel, timeoutS: number): Promise<{ wallS: number; exit: string }> {
  const args = ['-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0']
  args.push('-kernel', k.path, '-smp', String(k.smp), ...k.qemuParams.split(/\s+/).filter(Boolean))
  if (!k.qemuParams.includes('-m ')) args.push('-m', '128')
  if (k.args) args.push('-append', k.args)
  return new Promise((resolve) => {
    const t0 = performance.now()
    let out = ''
    const p = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutS * 1000)
    p.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)))
    p.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)))
    p.on('error', (e) => {
      clearTimeout(timer)
      resolve({ wallS: NaN, exit: `cannot run ${QEMU}: ${e.message}` })
    })
    p.on('close', (code, sig) => {
      clearTimeout(timer)
      const m = /EXIT: STATUS=(\d+)/.exec(out)
      resolve({ wallS: (performance.now() - t0) / 1000, exit: m ? `STATUS=${m[1]}` : sig ? `killed (${sig})` : `exit code ${code}` })
    })
  })
}

/** Kernels of a kvm-unit-tests build directory by catalog name. */
function kutKernels(dir: string, names: string[]): Kernel[] {
  const s390 = existsSync(join(dir, 's390x', 'unittests.cfg')) ? join(dir, 's390x') : dir
  const cfgPath = join(s390, 'unittests.cfg')
  if (!existsSync(cfgPath)) throw new Error(`--kut ${dir}: no unittests.cfg in it or in its s390x/`)
  const cat = parseUnittestsCfg(readFileSync(cfgPath, 'utf8'), cfgPath)
  return names.map((n) => {
    const t: CatalogTest | undefined = cat.tests.find((x) => x.name === n)
    if (t === undefined) throw new Error(`--kut-tests: no test '${n}' in ${cfgPath}`)
    const path = join(s390, t.file)
    if (!existsSync(path)) throw new Error(`--kut-tests ${n}: ${path} is not built`)
    const smp = Number(t.smp)
    return { label: `kut ${n}`, path, args: t.testArgs, qemuParams: t.qemuParams, smp: Number.isInteger(smp) && smp > 0 ? smp : 1 }
  })
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

/** Host CPU ms of one qemu-system-s390x process running a kernel to its end (user + system of the child). */
function qemuCpuMs(k: Kernel): Promise<number> {
  const args = ['-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0', '-kernel', k.path, '-smp', String(k.smp), '-m', '128']
  if (k.args) args.push('-append', k.args)
  return new Promise((resolve) => {
    // `times` prints the children's user and system time on its second line: "0m0.698s 0m0.041s".
    const p = spawn('bash', ['-c', '"$0" "$@" >/dev/null 2>&1 </dev/null; times', QEMU, ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('close', () => {
      const m = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(out)
      resolve(m ? (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000 : NaN)
    })
  })
}

/** Our small kernels, cold and warm on builtin against a QEMU process each (host CPU ms). */
async function runShort(): Promise<void> {
  const K = (f: string, args = '', smp = 1): Kernel => ({ label: f, path: join(ROOT, 'resources', 'kernels', f), args, qemuParams: '', smp })
  const kernels = [K('selftest.elf', 'test 123 mem=128'), K('pgm.elf'), K('arith.elf'), K('sclp-sigp.elf', 'cpus=2', 2), K('fail.elf')]
  console.log('emu: host CPU ms per run (the host is shared: wall time is not comparable); builtin in this process, warm = 3rd run')
  console.log(`emu: ${pad('kernel', 16)} ${lpad('guest insns', 12)} ${lpad('cold ms', 9)} ${lpad('warm ms', 9)} ${lpad('qemu ms', 9)}`)
  let cold = 0
  let warm = 0
  let qemu = 0
  for (const k of kernels) {
    const runs: EmuFigures[] = []
    for (let i = 0; i < 3; i++) runs.push(await runEmu(k, 'on', 1e9, 60))
    const q = await qemuCpuMs(k)
    cold += runs[0]!.cpuS * 1000
    warm += runs[2]!.cpuS * 1000
    qemu += q
    console.log(`emu: ${pad(k.label, 16)} ${lpad(runs[0]!.instructions.toLocaleString('en'), 12)} ${lpad((runs[0]!.cpuS * 1000).toFixed(0), 9)} ${lpad((runs[2]!.cpuS * 1000).toFixed(0), 9)} ${lpad(q.toFixed(0), 9)}`)
  }
  console.log(`emu: ${pad('total', 16)} ${lpad('', 12)} ${lpad(cold.toFixed(0), 9)} ${lpad(warm.toFixed(0), 9)} ${lpad(qemu.toFixed(0), 9)}`)
}

/** Entry point called by tests/bench/bench.ts. */
export async function runEmuBench(argv: string[]): Promise<void> {
  if (argv.includes('--short')) return runShort()
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const maxInsns = Number(opt('--max-insns') ?? 50e9)
  const limitS = Number(opt('--emu-timeout') ?? 900)
  const kernels: Array<Kernel & { interp: boolean }> = [
    { label: 'ours bench', path: join(ROOT, 'resources', 'kernels', 'bench.elf'), args: '', qemuParams: '', smp: 1, interp: !argv.includes('--no-interp') },
  ]
  const kut = opt('--kut')
  if (kut !== undefined) {
    const names = (opt('--kut-tests') ?? 'sieve').split(',').filter(Boolean)
    for (const k of kutKernels(kut, names)) kernels.push({ ...k, interp: argv.includes('--interp') })
  }
  console.log(`emu: ${EMULATOR_VERSION}; ${kernels.length} kernel(s); emulator in this process (node ${process.version}), ${QEMU} TCG as a child process; limit ${limitS} s per run`)
  console.log('emu: MIPS = guest instructions / wall s; MIPS/cpu = per host CPU second of this process (the host is shared)')
  console.log(`emu: ${pad('kernel', 20)} ${pad('environment', 22)} ${lpad('guest insns', 14)} ${lpad('wall s', 8)} ${lpad('cpu s', 8)} ${lpad('MIPS', 7)} ${lpad('MIPS/cpu', 8)}  exit`)
  for (const k of kernels) {
    const modes: JitMode[] = k.interp ? ['on', 'off'] : ['on']
    let insns = 0
    for (const mode of modes) {
      const f = await runEmu(k, mode, maxInsns, limitS, mode === 'off')
      insns = f.instructions
      const env = mode === 'on' ? `builtin jit (${f.compiled} blk)` : 'builtin interpreter'
      console.log(
        `emu: ${pad(`${k.label}`, 20)} ${pad(env, 22)} ${lpad(f.instructions.toLocaleString('en'), 14)} ${lpad(f.wallS.toFixed(2), 8)} ` +
          `${lpad(f.cpuS.toFixed(2), 8)} ${lpad((f.instructions / f.wallS / 1e6).toFixed(1), 7)} ${lpad((f.instructions / f.cpuS / 1e6).toFixed(1), 8)}  ${f.exit}`,
      )
      if (f.mix !== null) console.log(`emu: ${pad(k.label, 20)} interpreter mix: ${mixLine(f.mix)}`)
    }
    if (!argv.includes('--no-qemu')) {
      const q = await runQemu(k, limitS)
      const mips = Number.isFinite(q.wallS) && insns > 0 ? (insns / q.wallS / 1e6).toFixed(1) : '-'
      console.log(
        `emu: ${pad(k.label, 20)} ${pad('qemu-system-s390x tcg', 22)} ${lpad('(same)', 14)} ${lpad(Number.isFinite(q.wallS) ? q.wallS.toFixed(2) : '-', 8)} ` +
          `${lpad('-', 8)} ${lpad(mips, 7)} ${lpad('-', 8)}  ${q.exit}`,
      )
    }
    console.log(`emu: ${pad(k.label, 20)} file ${basename(k.path)}`)
  }
  await runLinuxBench(argv, limitS)
}
