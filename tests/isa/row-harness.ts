// Compact row harness used by the first ISA tables (fixed-arith, logical-shift, branch-exec): registers/storage
// before, instruction bytes at 0x2000, one step, registers/storage/CC/next address or program-interruption code.
import { Machine, defaultConfig } from '@core/emulator/machine'
import { ProgramException } from '@core/emulator/cpu/cpu'

/** GPR values as BigInt (64-bit, two's complement allowed). */
export type Regs = Partial<Record<number, bigint>>

/** One table row. */
export interface IsaCase {
  name: string
  /** Instruction bytes as hex ("b9080012"). */
  insn: string
  regs?: Regs
  /** Storage before: address → hex bytes. */
  mem?: Record<number, string>
  cc?: number
  /** Program mask (fixed-point overflow = 8). */
  pm?: number
  amode?: 64 | 31 | 24
  cr0?: number
  problemState?: boolean
  expect: {
    regs?: Regs
    mem?: Record<number, string>
    cc?: number
    /** Next instruction address (branches). */
    ia?: number
    /** Program-interruption code raised by the step. */
    pgm?: number
  }
}

/** Instruction address used by the harness. */
export const IA = 0x2000

/** Runs one case (interpreter only) and returns the observed values for the keys the case expects. */
export function runCase(t: IsaCase): IsaCase['expect'] {
  const m = new Machine(defaultConfig({ memMiB: 1 }))
  const c = m.cpus[0]!
  const hi = t.amode === 24 || t.amode === 31 ? 0 : 1
  const lo = t.amode === 24 ? 0 : 0x80000000
  c.loadPsw(hi | (t.problemState ? 0x00010000 : 0), lo, IA)
  c.stopped = false
  c.cc = t.cc ?? 0
  c.pm = t.pm ?? 0
  c.crl[0] = t.cr0 ?? 0x00040000
  for (const [r, v] of Object.entries(t.regs ?? {})) c.setR64(Number(r), BigInt.asUintN(64, v!))
  for (const [a, hex] of Object.entries(t.mem ?? {})) m.storage.u8.set(Buffer.from(hex, 'hex'), Number(a))
  m.storage.u8.set(Buffer.from(t.insn, 'hex'), IA)
  const out: IsaCase['expect'] = {}
  let code: number | null = null
  try {
    c.step()
  } catch (e) {
    if (!(e instanceof ProgramException)) throw e
    code = e.code
  }
  if ('pgm' in t.expect || code !== null) out.pgm = code ?? undefined
  if (t.expect.regs) {
    out.regs = {}
    for (const r of Object.keys(t.expect.regs)) out.regs[Number(r)] = BigInt.asIntN(64, c.r64(Number(r)))
  }
  if (t.expect.mem) {
    out.mem = {}
    for (const [a, hex] of Object.entries(t.expect.mem)) out.mem[Number(a)] = Buffer.from(m.storage.u8.subarray(Number(a), Number(a) + hex.length / 2)).toString('hex')
  }
  if ('cc' in t.expect) out.cc = c.cc
  if ('ia' in t.expect) out.ia = c.ia
  return out
}

/** Normalizes expected register values to signed 64-bit so rows can be written either way. */
export function normalize(e: IsaCase['expect']): IsaCase['expect'] {
  if (!e.regs) return e
  const regs: Regs = {}
  for (const [r, v] of Object.entries(e.regs)) regs[Number(r)] = BigInt.asIntN(64, v!)
  return { ...e, regs }
}
