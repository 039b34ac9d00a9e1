// `labcon emu <kernel.elf|.bin|vmlinuz> [--smp N] [--mem MiB] [--append "args"] [--initrd file] [--qemu-params "..."]
//  [--trace file] [--max-insns N] [--jit on|off|check] [--identity labcon|qemu-tcg] [--send-after <text> <input>]
//  [--snapshot-at <insns|console text> <file>]`
// and `labcon emu --restore <file> [--trace file] [--max-insns N] [--jit …]`: runs one kernel (or a machine restored
// from a snapshot) on the built-in emulator in this process, prints its console and exits with the harness exit code
// (STATUS >> 1: 0 pass, 1 fail, 77 skip); 4 when the kernel ended without an EXIT line, 124 when --max-insns was
// reached, 2 usage, 3 unreadable/unbootable image or unusable snapshot.
import { openSync, writeSync, closeSync, writeFileSync } from 'node:fs'
import { readInitrdFile, readKernelFile, readSnapshotFile } from '@main/targets/kernel-file'
import { parseArgs } from 'node:util'
import { boot } from '@core/emulator/boot'
import { restoreMachine, saveMachine } from '@core/emulator/snapshot/machine-state'
import { parseJitMode, type JitMode } from '@core/emulator/jit/jit'
import { parseInterpLoop, type InterpLoop } from '@core/emulator/cpu/wasm-loop'
import { traceCpuLines, traceInsnLine } from '@core/emulator/trace'
import type { Machine } from '@core/emulator/machine'
import { stopReport } from '@core/emulator/stop-report'
import { interpreterDecodes, interpreterEpochs, interpreterGenericRuns } from '@core/emulator/cpu/interpret'
import { tuneV8ForEmulator } from '@main/runner/emulator-v8'
import type { Command } from './command'
import { seededEntropy } from '@core/emulator/ops/crypto'

const USAGE = `Usage: labcon emu <kernel.elf|kernel.bin|vmlinuz> [--smp N] [--mem MiB] [--append "args"] [--initrd file]
                 [--qemu-params "..."] [--trace file] [--trace-regs] [--max-insns N] [--jit on|off|check]
                 [--interp wasm|js] [--identity labcon|qemu-tcg] [--entropy-seed N] [--stats] [--send-after <console text> <input>]...
                 [--snapshot-at <instructions|console text> <file>]
       labcon emu --restore <snapshot file> [--trace file] [--trace-regs] [--max-insns N] [--jit on|off|check]
                 [--interp wasm|js] [--entropy-seed N]
(--jit defaults to $LABCON_EMU_JIT, else on; --interp to $LABCON_EMU_INTERP, else wasm: the interpreter's inner loop in
WebAssembly, js runs its JavaScript form only (as for storage near 4 GiB); a trace runs the interpreter; --identity qemu-tcg answers STSI as
QEMU 7.2 TCG does, so kernels take their TCG paths; default labcon, a real machine's paths; --stats prints the
rate, the translation counters and the interpreter's (instructions decoded, run through their handler, new epochs of
its cache) every 100 million instructions.
--entropy-seed N: the TRNG's bytes come from seed N (SHA-512 in counter mode) instead of the host's randomness, so a
run that uses them places things (Linux's KASLR) the same way every time; not random.
--snapshot-at writes the whole machine to <file> once it has executed that many instructions (a number) or once
its console has shown that text (anything else), then runs on; --restore continues such a machine, or the snapshot
a failing builtin result kept, where it stood; its configuration comes from the snapshot. --max-insns counts every
instruction of the machine, those before the snapshot included.
--initrd loads an initial RAM disk with a raw Linux image, as QEMU's -initrd. The console takes input: what is
typed on a terminal goes to the guest line by line; --send-after types <input> once the console has shown <console
text> (after the previous --send-after matched; \\n in <input> is a newline))
`

/** Takes `--snapshot-at <when> <file>` out of argv (it has two values, which parseArgs cannot express). */
function takeSnapshotAt(argv: string[]): { rest: string[]; at: { insns: number | null; text: string | null; file: string } | null } {
  const i = argv.indexOf('--snapshot-at')
  if (i < 0) return { rest: argv, at: null }
  const when = argv[i + 1]
  const file = argv[i + 2]
  if (when === undefined || file === undefined || when === '' || file === '') throw new Error('--snapshot-at needs two values: <instructions|console text> <file>')
  const insns = /^\d+$/.test(when) ? Number(when) : null
  if (insns !== null && !Number.isSafeInteger(insns)) throw new Error(`--snapshot-at ${when}: instruction count out of range`)
  return { rest: [...argv.slice(0, i), ...argv.slice(i + 3)], at: { insns, text: insns === null ? when : null, file } }
}

/** Takes every `--send-after <console text> <input>` out of argv, in order. */
function takeSendAfter(argv: string[]): { rest: string[]; sends: Array<{ after: string; input: string }> } {
  const rest: string[] = []
  const sends: Array<{ after: string; input: string }> = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--send-after') {
      rest.push(argv[i]!)
      continue
    }
    const after = argv[i + 1]
    const input = argv[i + 2]
    if (after === undefined || input === undefined || after === '') throw new Error('--send-after needs two values: <console text> <input>')
    sends.push({ after, input: input.replace(/\\n/g, '\n') })
    i += 2
  }
  return { rest, sends }
}

/** Entry point of `labcon emu`; returns the process exit code. */
export async function emuCommand(argv: string[]): Promise<number> {
  let parsed
  let snapshotAt: ReturnType<typeof takeSnapshotAt>['at']
  let sends: ReturnType<typeof takeSendAfter>['sends']
  try {
    const typed = takeSendAfter(argv)
    sends = typed.sends
    const taken = takeSnapshotAt(typed.rest)
    snapshotAt = taken.at
    parsed = parseArgs({
      args: taken.rest,
      allowPositionals: true,
      options: {
        smp: { type: 'string' },
        mem: { type: 'string' },
        append: { type: 'string' },
        initrd: { type: 'string' },
        'qemu-params': { type: 'string' },
        trace: { type: 'string' },
        'trace-regs': { type: 'boolean' },
        'max-insns': { type: 'string' },
        jit: { type: 'string' },
        interp: { type: 'string' },
        identity: { type: 'string' },
        'entropy-seed': { type: 'string' },
        stats: { type: 'boolean' },
        restore: { type: 'string' },
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
  const restore = v.restore
  if (restore !== undefined) {
    const clash = (['smp', 'mem', 'append', 'initrd', 'qemu-params', 'identity'] as const).filter((k) => v[k] !== undefined)
    if (clash.length > 0 || positionals.length > 0) {
      const what = clash.length > 0 ? clash.map((k) => `--${k}`).join(', ') : `the kernel image ${positionals[0]}`
      process.stderr.write(`labcon emu: --restore takes the machine's configuration from the snapshot; ${what} cannot be given with it\n${USAGE}`)
      return 2
    }
  } else if (positionals.length !== 1) {
    process.stderr.write(`labcon emu: expected one kernel image, got ${positionals.length}\n${USAGE}`)
    return 2
  }
  const num = (name: string, s: string | undefined): number | undefined => {
    if (s === undefined) return undefined
    const n = Number(s)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} ${s}: expected a positive integer`)
    return n
  }
  let smp: number | undefined, mem: number | undefined, maxInsns: number | undefined, jit: JitMode, interp: InterpLoop
  let entropySeed: number | undefined
  try {
    const seed = v['entropy-seed']
    if (seed !== undefined) {
      entropySeed = /^\d+$/.test(seed) ? Number(seed) : NaN
      if (!Number.isSafeInteger(entropySeed)) throw new Error(`--entropy-seed ${seed}: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}`)
    }
    jit = parseJitMode(v.jit ?? process.env['LABCON_EMU_JIT'])
    interp = parseInterpLoop(v.interp ?? process.env['LABCON_EMU_INTERP'])
    smp = num('smp', v.smp)
    mem = num('mem', v.mem)
    maxInsns = num('max-insns', v['max-insns'])
  } catch (e) {
    process.stderr.write(`labcon emu: ${(e as Error).message}\n`)
    return 2
  }
  tuneV8ForEmulator()
  let m: Machine
  if (restore !== undefined) {
    let bytes: Uint8Array
    try {
      bytes = readSnapshotFile(restore)
    } catch (e) {
      process.stderr.write(`labcon emu: cannot read snapshot ${restore}: ${(e as Error).message}\n`)
      return 3
    }
    try {
      m = restoreMachine(bytes, restore, { jit, interp, entropy: entropySeed === undefined ? undefined : seededEntropy(entropySeed) })
    } catch (e) {
      process.stderr.write(`labcon emu: ${(e as Error).message}\n`)
      return 3
    }
    process.stderr.write(`labcon emu: restored ${restore}: ${m.cpus.length} CPU(s), ${m.config.memMiB} MiB, at ${m.instructions} instructions\n`)
  } else {
    const path = positionals[0]!
    let img: Uint8Array
    try {
      img = readKernelFile(path)
    } catch (e) {
      process.stderr.write(`labcon emu: cannot read ${path}: ${(e as Error).message}\n`)
      return 3
    }
    let initrd: { bytes: Uint8Array; name: string } | undefined
    if (v.initrd !== undefined) {
      try {
        initrd = { bytes: readInitrdFile(v.initrd), name: v.initrd }
      } catch (e) {
        process.stderr.write(`labcon emu: cannot read initrd ${v.initrd}: ${(e as Error).message}\n`)
        return 3
      }
    }
    try {
      m = boot(img, path, { smp, memMiB: mem, args: v.append ?? '', qemuParams: v['qemu-params'], jit, interp, identity: v.identity, initrd, entropySeed })
    } catch (e) {
      process.stderr.write(`labcon emu: ${(e as Error).name}: ${(e as Error).message}\n`)
      return 3
    }
  }
  let seen = ''
  // --send-after: the console text seen since the last input was typed (bounded), checked after every slice.
  let sendSeen = ''
  // Console output is written once per slice, not per SCLP write: a stream write costs more than a short kernel's
  // whole line on a cold start. A slice is at most 2 million instructions, so a terminal still sees it at once.
  let out = ''
  const flushConsole = (): void => {
    if (out === '') return
    process.stdout.write(out)
    out = ''
  }
  m.onConsole = (s) => {
    out += s
    if (pendingSnapshot?.text) seen = (seen + s).slice(-(pendingSnapshot.text.length + 4096))
    if (sends.length > 0) sendSeen = (sendSeen + s).slice(-(sends[0]!.after.length + 4096))
  }
  // A terminal's lines go to the guest's console (as QEMU -nographic); piped stdin is left alone, so that a script
  // that feeds its own stdin to a loop of `labcon emu` calls keeps it.
  const tty = process.stdin.isTTY === true
  const onStdin = (b: Buffer): void => m.sclp.type(b.toString('latin1'))
  if (tty) process.stdin.on('data', onStdin)
  let pendingSnapshot = snapshotAt
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
  // --stats: every 100 million instructions, the rate and the translation tier's counters since the last line.
  let statAt = m.instructions
  let statT = t0
  let statJ = { ...(m.jit?.stats ?? {}) }
  let statDecodes = interpreterDecodes()
  let statGeneric = interpreterGenericRuns()
  let statEpochs = interpreterEpochs()
  const statLine = (): void => {
    const now = performance.now()
    const j = m.jit?.stats
    const d = (k: keyof NonNullable<typeof j>): number => (j?.[k] ?? 0) - ((statJ as Record<string, number>)[k] ?? 0)
    const mips = (m.instructions - statAt) / ((now - statT) * 1000)
    process.stderr.write(`[stats] ${(m.instructions / 1e6).toFixed(0)}M insns, ${mips.toFixed(1)} MIPS, block runs ${d('blockRuns')}, interpreted ${d('interpreted')}, compiled ${d('compiled')}, reused ${d('reused')}, invalidated ${d('invalidated')}, decoded ${interpreterDecodes() - statDecodes}, generic ${interpreterGenericRuns() - statGeneric}, epochs ${interpreterEpochs() - statEpochs}\n`)
    statDecodes = interpreterDecodes()
    statGeneric = interpreterGenericRuns()
    statEpochs = interpreterEpochs()
    statAt = m.instructions
    statT = now
    statJ = { ...(j ?? {}) }
  }
  for (;;) {
    const left = limit - m.instructions
    if (left <= 0) {
      process.stderr.write(`\nlabcon emu: instruction limit ${limit} reached at PSW addr 0x${m.cpus[0]!.ia.toString(16)}\n${stopReport(m, 32)}`)
      return 124
    }
    if (pendingSnapshot !== null) {
      const due = pendingSnapshot.insns !== null ? m.instructions >= pendingSnapshot.insns : seen.includes(pendingSnapshot.text!)
      if (due) {
        const file = pendingSnapshot.file
        pendingSnapshot = null
        try {
          writeFileSync(file, saveMachine(m))
        } catch (e) {
          process.stderr.write(`labcon emu: cannot write snapshot ${file}: ${(e as Error).message}\n`)
          return 3
        }
        process.stderr.write(`labcon emu: snapshot at ${m.instructions} instructions written to ${file}\n`)
      }
    }
    // Up to an instruction-count snapshot exactly; while waiting for console text, in short slices (the snapshot
    // follows the text by at most one slice).
    const step = pendingSnapshot === null ? 2_000_000 : pendingSnapshot.insns !== null ? Math.max(1, pendingSnapshot.insns - m.instructions) : 20_000
    if (sends.length > 0 && sendSeen.includes(sends[0]!.after)) {
      m.sclp.type(sends.shift()!.input)
      sendSeen = ''
    }
    let r: ReturnType<Machine['run']>
    try {
      r = m.run(Math.min(left, step, sends.length > 0 ? 200_000 : 2_000_000))
    } finally {
      flushConsole()
    }
    if (v.stats === true && m.instructions - statAt >= 100_000_000) statLine()
    if (r.ended) break
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 50)))
  }
  if (tty) {
    process.stdin.off('data', onStdin)
    process.stdin.pause()
  }
  if (sends.length > 0) process.stderr.write(`labcon emu: the console never showed ${JSON.stringify(sends[0]!.after)}: ${sends.length} --send-after input(s) not typed\n`)
  if (pendingSnapshot !== null) {
    const when = pendingSnapshot.insns !== null ? `${pendingSnapshot.insns} instructions` : `console text ${JSON.stringify(pendingSnapshot.text)}`
    process.stderr.write(`labcon emu: no snapshot written to ${pendingSnapshot.file}: the machine ended (${m.instructions} instructions) before ${when}\n`)
  }
  const secs = (performance.now() - t0) / 1000
  process.stderr.write(`labcon emu: ${m.ended}${m.endDetail ? ` (${m.endDetail})` : ''}; ${m.instructions} instructions in ${secs.toFixed(2)} s\n`)
  if (m.exitStatus !== null) return m.exitStatus >> 1
  process.stderr.write(stopReport(m))
  return 4
}

/** The `labcon emu` command (it prints its own usage on --help). */
export const command: Command = { run: emuCommand }
