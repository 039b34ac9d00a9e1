// `labcon emu <kernel.elf|.bin> [--smp N] [--mem MiB] [--append "args"] [--qemu-params "..."] [--trace file]
//  [--max-insns N] [--jit on|off|check] [--identity labcon|qemu-tcg]`: runs one kernel on the built-in emulator in this process, prints its console and exits with the
// harness exit code (STATUS >> 1: 0 pass, 1 fail, 77 skip); 4 when the kernel ended without an EXIT line,
// 124 when --max-insns was reached, 2 usage, 3 unreadable/unbootable image.
import { openSync, writeSync, closeSync } from 'node:fs'
import { readKernelFile } from '@main/targets/kernel-file'
import { parseArgs } from 'node:util'
import { boot } from '@core/emulator/boot'
import { parseJitMode, type JitMode } from '@core/emulator/jit/jit'
import { traceCpuLines, traceInsnLine } from '@core/emulator/trace'
import type { Machine } from '@core/emulator/machine'
import type { Command } from './command'

const USAGE = `Usage: labcon emu <kernel.elf|kernel.bin> [--smp N] [--mem MiB] [--append "args"] [--qemu-params "..."]
                 [--trace file] [--trace-regs] [--max-insns N] [--jit on|off|check] [--identity labcon|qemu-tcg]
(--jit defaults to $LABCON_EMU_JIT, else on; a trace runs the interpreter; --identity qemu-tcg answers STSI as
QEMU 7.2 TCG does, so kernels take their TCG paths; default labcon, a real machine's paths)
`

/** Entry point of `labcon emu`; returns the process exit code. */
export async function emuCommand(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        smp: { type: 'string' },
        mem: { type: 'string' },
        append: { type: 'string' },
        'qemu-params': { type: 'string' },
        trace: { type: 'string' },
        'trace-regs': { type: 'boolean' },
        'max-insns': { type: 'string' },
        jit: { type: 'string' },
        identity: { type: 'string' },
        help: { type: 'boolean' },
      },
    })
  } catch (e) {
    process.stderr.write(`labcon emu: ${(e as Error).message}\n${USAGE}`)
    return 2
  }
  const { values: v, positionals } = parsed
  if (v.help) {
    process.stdout.write(USAGE)
    return 0
  }
  if (positionals.length !== 1) {
    process.stderr.write(`labcon emu: expected one kernel image, got ${positionals.length}\n${USAGE}`)
    return 2
  }
  const num = (name: string, s: string | undefined): number | undefined => {
    if (s === undefined) return undefined
    const n = Number(s)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} ${s}: expected a positive integer`)
    return n
  }
  let smp: number | undefined, mem: number | undefined, maxInsns: number | undefined, jit: JitMode
  try {
    jit = parseJitMode(v.jit ?? process.env['LABCON_EMU_JIT'])
    smp = num('smp', v.smp)
    mem = num('mem', v.mem)
    maxInsns = num('max-insns', v['max-insns'])
  } catch (e) {
    process.stderr.write(`labcon emu: ${(e as Error).message}\n`)
    return 2
  }
  const path = positionals[0]!
  let img: Uint8Array
  try {
    img = readKernelFile(path)
  } catch (e) {
    process.stderr.write(`labcon emu: cannot read ${path}: ${(e as Error).message}\n`)
    return 3
  }
  let m: Machine
  try {
    m = boot(img, path, { smp, memMiB: mem, args: v.append ?? '', qemuParams: v['qemu-params'], jit, identity: v.identity })
  } catch (e) {
    process.stderr.write(`labcon emu: ${(e as Error).name}: ${(e as Error).message}\n`)
    return 3
  }
  m.onConsole = (s) => void process.stdout.write(s)
  let fd = -1
  if (v.trace !== undefined) {
    fd = openSync(v.trace, 'w')
    const regs = v['trace-regs'] === true
    let buf = ''
    const flush = (): void => {
      writeSync(fd, buf)
      buf = ''
    }
    m.tracer = (c) => {
      if (regs) buf += traceCpuLines(c)
      buf += `${m.cpus.length > 1 ? `[cpu ${c.addr}] ` : ''}${traceInsnLine(c)}\n`
      if (buf.length > 1 << 16) flush()
    }
    m.onInterrupt = (c, kind, code, addr) => {
      buf += `${kind} interrupt code=0x${code.toString(16)} ilc=${c.ilc} addr=0x${addr.toString(16)}\n`
    }
    process.on('exit', () => {
      if (buf) flush()
      closeSync(fd)
    })
  }
  const limit = maxInsns ?? Infinity
  const t0 = performance.now()
  for (;;) {
    const left = limit - m.instructions
    if (left <= 0) {
      process.stderr.write(`\nlabcon emu: instruction limit ${limit} reached at PSW addr 0x${m.cpus[0]!.ia.toString(16)}\n`)
      return 124
    }
    const r = m.run(Math.min(left, 2_000_000))
    if (r.ended) break
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 50)))
  }
  const secs = (performance.now() - t0) / 1000
  process.stderr.write(`labcon emu: ${m.ended}${m.endDetail ? ` (${m.endDetail})` : ''}; ${m.instructions} instructions in ${secs.toFixed(2)} s\n`)
  if (m.exitStatus !== null) return m.exitStatus >> 1
  return 4
}

/** The `labcon emu` command (it prints its own usage on --help). */
export const command: Command = { run: emuCommand }
