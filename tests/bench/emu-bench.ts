// Emulator benchmark (`npm run bench -- emu [--kut <kvm-unit-tests build dir>] [--emu-timeout S] [--no-qemu]`):
// guest instructions, wall time and MIPS of the built-in emulator for our `bench` kernel and for upstream `sieve`,
// beside the same kernel's wall time under qemu-system-s390x TCG, measured in the same run. Prints; never asserts.
import { readFileSync, existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { boot } from '../../src-core/emulator/boot.ts'
import { EMULATOR_VERSION } from '../../src-core/emulator/machine.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Row {
  kernel: string
  instructions: number
  wallS: number
  mips: number
  finished: boolean
  exit: number | null
  qemuS: number | null
  qemuNote: string
}

async function runOurs(path: string, args: string, limitS: number): Promise<Omit<Row, 'kernel' | 'qemuS' | 'qemuNote'>> {
  const m = boot(readFileSync(path), path, { args })
  const t0 = performance.now()
  let finished = false
  for (;;) {
    const r = m.run(5_000_000)
    if (r.ended) {
      finished = true
      break
    }
    if ((performance.now() - t0) / 1000 > limitS) break
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
  }
  const wallS = (performance.now() - t0) / 1000
  return { instructions: m.instructions, wallS, mips: m.instructions / wallS / 1e6, finished, exit: m.exitStatus }
}

function runQemu(path: string, args: string, limitS: number): Promise<{ s: number | null; note: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now()
    const qargs = ['-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0', '-kernel', path, '-append', args]
    const p = spawn(process.env['QEMU'] ?? 'qemu-system-s390x', qargs, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const timer = setTimeout(() => p.kill('SIGKILL'), limitS * 1000)
    p.on('error', (e) => {
      clearTimeout(timer)
      resolve({ s: null, note: `qemu not available: ${e.message}` })
    })
    p.on('close', () => {
      clearTimeout(timer)
      const s = (performance.now() - t0) / 1000
      const ok = /EXIT: STATUS=\d+/.exec(out)
      resolve({ s, note: ok ? ok[0] : `no EXIT line (killed after ${limitS} s?)` })
    })
  })
}

/** Entry point called by tests/bench/bench.ts. */
export async function runEmuBench(argv: string[]): Promise<void> {
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const limitS = Number(opt('--emu-timeout') ?? 600)
  const kernels: Array<{ name: string; path: string; args: string }> = [{ name: 'bench (resources/kernels)', path: join(ROOT, 'resources/kernels/bench.elf'), args: '' }]
  const kut = opt('--kut')
  if (kut !== undefined) {
    const p = [join(kut, 's390x', 'sieve.elf'), join(kut, 'sieve.elf')].find((x) => existsSync(x))
    if (p === undefined) throw new Error(`--kut ${kut}: no s390x/sieve.elf in that directory`)
    kernels.push({ name: 'sieve (kvm-unit-tests)', path: p, args: '' })
  }
  console.log(`emu: ${EMULATOR_VERSION}; LABCON_EMU_JIT=${process.env['LABCON_EMU_JIT'] ?? '(default)'}; limit ${limitS} s per run`)
  const rows: Row[] = []
  for (const k of kernels) {
    const ours = await runOurs(k.path, k.args, limitS)
    const q = argv.includes('--no-qemu') ? { s: null, note: 'skipped (--no-qemu)' } : await runQemu(k.path, k.args, limitS)
    rows.push({ kernel: k.name, ...ours, qemuS: q.s, qemuNote: q.note })
  }
  console.log('kernel | guest instructions | wall s | MIPS | finished | EXIT | qemu TCG wall s')
  for (const r of rows) {
    console.log(
      `${r.kernel} | ${r.instructions} | ${r.wallS.toFixed(2)} | ${r.mips.toFixed(1)} | ${r.finished ? 'yes' : 'no (limit)'} | ${r.exit ?? '-'} | ${r.qemuS === null ? r.qemuNote : `${r.qemuS.toFixed(2)} (${r.qemuNote})`}`,
    )
  }
}
