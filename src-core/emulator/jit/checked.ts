// Checked mode of the translation tier: every block run is repeated by the interpreter from the same state and the
// results are compared (registers, PSW, exception, every storage frame either side stored into). The interpreter's
// result is kept; a difference is an EmulatorError naming the block, the field and both values.
import type { Cpu } from '../cpu/cpu.ts'
import { EmulatorError, ProgramException } from '../cpu/exceptions.ts'
import { disassemble } from '../isa/disasm.ts'
import type { Block, Jit } from './jit.ts'

/** Thrown when a translated block and the interpreter disagree. */
export class JitMismatchError extends EmulatorError {
  override name = 'JitMismatchError'
}

interface CpuState {
  arrays: Int32Array[]
  scalars: number[]
}

const SCALARS = ['fpc', 'mask', 'cc', 'pm', 'amode', 'ia', 'prefix'] as const
const EXC_SCALARS = ['nia', 'ilc', 'teidH', 'teidL', 'excAccessId'] as const

function save(c: Cpu): CpuState {
  return { arrays: [c.rh.slice(), c.rl.slice(), c.crh.slice(), c.crl.slice(), c.ar.slice(), c.vr.slice()], scalars: SCALARS.map((k) => c[k]) }
}
function restore(c: Cpu, s: CpuState): void {
  const dst = [c.rh, c.rl, c.crh, c.crl, c.ar, c.vr]
  dst.forEach((d, i) => d.set(s.arrays[i]!))
  SCALARS.forEach((k, i) => ((c as unknown as Record<string, number>)[k] = s.scalars[i]!))
}
const ARRAY_NAMES = ['gr-hi', 'gr-lo', 'cr-hi', 'cr-lo', 'ar', 'vr']

function hex(v: number): string {
  return (v >>> 0).toString(16)
}

/** Listing of a block for mismatch reports. */
function listing(c: Cpu, b: Block): string {
  const lines: string[] = []
  let off = b.ia & 4095
  for (let i = 0; i < b.insns && off < 4096; i++) {
    const h0 = c.dv.getUint16(b.absBase + off)
    const top = h0 >>> 14
    const len = top === 0 ? 2 : top === 3 ? 6 : 4
    const h1 = len > 2 && off + 2 < 4096 ? c.dv.getUint16(b.absBase + off + 2) : 0
    const h2 = len > 4 && off + 4 < 4096 ? c.dv.getUint16(b.absBase + off + 4) : 0
    lines.push(disassemble(h0, h1, h2, b.ia + (off - (b.ia & 4095))))
    off += len
  }
  return lines.join('\n')
}

/** Runs block `b` on `c`, then the interpreter from the same state; returns instructions completed (as b.fn). */
export function checkedRun(jit: Jit, c: Cpu, b: Block, budget: number): number {
  jit.stats.checked++
  const u8 = c.u8
  const keys = c.mem.keys
  const before = new Map<number, { bytes: Uint8Array; key: number }>()
  const record = (frame: number): void => {
    if (!before.has(frame)) before.set(frame, { bytes: u8.slice(frame, frame + 4096), key: keys[frame / 4096]! })
  }
  const s0 = save(c)
  c.flushStoreTlb()
  c.journal = record
  let n: number
  let exc: ProgramException | null = null
  try {
    n = b.fn!(c, budget, b.base)
  } catch (e) {
    if (!(e instanceof ProgramException)) {
      c.journal = null
      throw e
    }
    exc = e
    n = c.jitDone
  }
  const jitState = save(c)
  const jitExc = EXC_SCALARS.map((k) => c[k])
  const jitFrames = new Map<number, Uint8Array>()
  for (const [frame, old] of before) {
    jitFrames.set(frame, u8.slice(frame, frame + 4096))
    u8.set(old.bytes, frame)
    keys[frame / 4096] = old.key
  }
  restore(c, s0)
  c.jitDone = 0
  // The reference: the interpreter over the same instructions.
  let refExc: ProgramException | null = null
  try {
    for (let i = 0; i < n; i++) c.step()
    if (exc !== null) c.step()
  } catch (e) {
    if (!(e instanceof ProgramException)) {
      c.journal = null
      throw e
    }
    refExc = e
  } finally {
    c.journal = null
    c.flushStoreTlb()
  }
  const where = `block at 0x${b.ia.toString(16)} (${n} instructions completed)`
  const fail = (what: string): never => {
    throw new JitMismatchError(`JIT/interpreter mismatch in ${where}: ${what}\n${listing(c, b)}`)
  }
  if ((exc === null) !== (refExc === null) || (exc !== null && refExc !== null && (exc.code !== refExc.code || exc.ilc !== refExc.ilc))) {
    fail(`exception ${exc ? `0x${hex(exc.code)}` : 'none'} (block) vs ${refExc ? `0x${hex(refExc.code)}` : 'none'} (interpreter)`)
  }
  const ref = save(c)
  ref.arrays.forEach((arr, ai) => {
    const j = jitState.arrays[ai]!
    for (let i = 0; i < arr.length; i++) if (arr[i] !== j[i]) fail(`${ARRAY_NAMES[ai]}[${i}] 0x${hex(j[i]!)} (block) vs 0x${hex(arr[i]!)} (interpreter)`)
  })
  SCALARS.forEach((k, i) => {
    if (ref.scalars[i] !== jitState.scalars[i]) fail(`${k} 0x${jitState.scalars[i]!.toString(16)} (block) vs 0x${ref.scalars[i]!.toString(16)} (interpreter)`)
  })
  if (exc !== null) {
    EXC_SCALARS.forEach((k, i) => {
      if (c[k] !== jitExc[i]) fail(`${k} at the exception 0x${jitExc[i]!.toString(16)} (block) vs 0x${c[k].toString(16)} (interpreter)`)
    })
  }
  for (const [frame, old] of before) {
    const mine = jitFrames.get(frame) ?? old.bytes
    for (let i = 0; i < 4096; i++) {
      if (u8[frame + i] !== mine[i]) fail(`storage 0x${(frame + i).toString(16)} 0x${hex(mine[i]!)} (block) vs 0x${hex(u8[frame + i]!)} (interpreter)`)
    }
  }
  if (refExc !== null) {
    c.jitDone = n
    throw refExc
  }
  return n
}
