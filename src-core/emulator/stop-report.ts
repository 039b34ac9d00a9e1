// Where a run stopped, for humans: the PSW and registers of every CPU, the instructions at the stop address, the
// last program interruptions and, for a Linux decompressor that refused the CPU, the facilities it missed.
import type { Machine } from './machine.ts'
import type { Cpu } from './cpu/cpu.ts'
import { PGM_NAMES } from './cpu/constants.ts'
import { traceCpuLines, traceInsnLine } from './trace.ts'

/** The facility numbers a Linux decompressor printed as missing ("Missing facilities: 27,32,33"), or []. */
export function missingFacilities(console: string): number[] {
  const m = /Missing facilities: ([\d,]+)/.exec(console)
  return m ? m[1]!.split(',').filter((s) => s !== '').map(Number) : []
}

/** Runs `n` more instructions of `c` in the interpreter, returning them as trace lines (they show the loop a CPU
 * is spinning in when a run hits its instruction limit). */
export function nextInstructions(m: Machine, c: Cpu, n: number): string[] {
  const lines: string[] = []
  const saved = m.tracer
  m.tracer = (cpu) => {
    if (cpu === c) lines.push(traceInsnLine(cpu))
  }
  try {
    for (let i = 0; i < n && !m.ended && !c.stopped && !c.waiting; i++) c.run(1)
  } finally {
    m.tracer = saved
  }
  return lines
}

/** A multi-line report of the state a run ended in. `follow` instructions are traced from there (0: none). */
export function stopReport(m: Machine, follow = 0): string {
  let s = ''
  for (const c of m.cpus) {
    s += `CPU ${c.addr}${c.stopped ? ' (stopped)' : c.waiting ? ' (wait)' : ''}:\n${traceCpuLines(c)}`
    if (!c.stopped && !c.waiting) s += `at ${traceInsnLine(c)}\n`
  }
  if (m.recentPgm.length > 0) {
    s += 'last program interruptions:\n'
    for (const p of m.recentPgm) s += `  CPU ${p.cpu}: ${PGM_NAMES[p.code & 0x7f] ?? 'unknown'} (code 0x${p.code.toString(16)}) old PSW 0x${p.addr.toString(16)}: ${p.insn}\n`
  }
  const c0 = m.cpus.find((c) => !c.stopped && !c.waiting)
  if (follow > 0 && c0 !== undefined) {
    const lines = nextInstructions(m, c0, follow)
    if (lines.length > 0) s += `next ${lines.length} instructions of CPU ${c0.addr}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`
  }
  const miss = missingFacilities(m.consoleText)
  if (miss.length > 0) s += `the kernel stopped for missing facilities: ${miss.join(', ')}\n`
  return s
}
