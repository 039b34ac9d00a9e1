// ISA test harness: builds a one-CPU machine in a given state, places instruction bytes, executes exactly one
// instruction (or runs until an address), and returns the architected state after it: registers, storage, CC,
// PSW, and the program interruption taken (code, ILC, old-PSW address). Group tables: tests/isa/<group>.test.ts.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import type { Cpu } from '@core/emulator/cpu/cpu.ts'
import { lookupInsn } from '@core/emulator/isa/decode.ts'
import { insnLength } from '@core/emulator/isa/disasm.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

/** Register values by register number (64-bit, or 128-bit for vector registers). */
export type Regs = Readonly<Record<number, bigint>>

/** Machine state before the instruction. Every field is optional; defaults: 64-bit supervisor, key 0, DAT off. */
export interface Before {
  gr?: Regs
  cr?: Regs
  ar?: Readonly<Record<number, number>>
  /** FPR bit patterns (64-bit). */
  fpr?: Regs
  /** Vector registers (128-bit). */
  vr?: Regs
  fpc?: number
  /** Absolute address → bytes as hex ("00ff 1234", spaces ignored). */
  mem?: Readonly<Record<number, string>>
  /** Storage key byte of the 4K frame containing the absolute address. */
  skeys?: Readonly<Record<number, number>>
  cc?: number
  /** Program mask (PSW bits 20-23). */
  pm?: number
  amode?: 24 | 31 | 64
  problem?: boolean
  key?: number
  /** Extra PSW mask bits (high word) OR-ed in, e.g. PSW_DAT. */
  mask?: number
  prefix?: number
  /** Address of the first instruction (default CODE). */
  at?: number
  /** Storage size (default 2 MiB; 24-bit wrap cases need 16). */
  memMiB?: number
  /** Configure the guarded-storage facility (133), as `-cpu ...,gs=on` does. */
  guardedStorage?: boolean
}

/** Expected state after the instruction: only the listed registers/bytes change, everything else must not. */
export interface Want {
  gr?: Regs
  cr?: Regs
  ar?: Readonly<Record<number, number>>
  fpr?: Regs
  vr?: Regs
  fpc?: number
  mem?: Readonly<Record<number, string>>
  skeys?: Readonly<Record<number, number>>
  /** Condition code (default: unchanged). */
  cc?: number
  pm?: number
  /** Instruction address after (default: after the code), or old-PSW address when `pgm` is given (default: after
   * the failing instruction, i.e. suppression/termination). */
  ia?: number
  amode?: 24 | 31 | 64
  /** Bits 0-31 of the PSW after (or of the old PSW on an interruption). */
  pswHi?: number
  prefix?: number
  /** Program interruption expected: code and ILC in bytes (default: length of the instruction at `ia`). */
  pgm?: { code: number; ilc?: number }
  /** SVC interruption expected (interruption code). */
  svc?: number
}

/** One table row of a group file. `code` is hex instruction bytes (several instructions separated by spaces);
 * `asm` is the same in assembler syntax (documentation, and the input of tests/isa/asm-fill.mjs). */
export interface Case extends Before {
  name: string
  asm: string
  code: string
  /** Run until this address (loops); otherwise exactly as many instructions as `code` holds are executed. */
  until?: number
  want: Want
}

/** Where instructions are placed by default. */
export const CODE = 0x10000
/** Data area most cases use for storage operands. */
export const DATA = 0x20000
/** Instruction address of the program-new PSW: reaching it means a program interruption was taken. */
export const PGM_TRAP = 0xfff0
/** Instruction address of the SVC-new PSW. */
export const SVC_TRAP = 0xffe0

/** State observed after execution, in the shape compared against the expectation. */
export interface Observed {
  gr: string[]
  cc: number
  pm: number
  ia: number
  amode: 24 | 31 | 64
  pgm: { code: number; ilc: number } | null
  svc: number | null
  cr?: string[]
  ar?: number[]
  fpr?: string[]
  vr?: string[]
  fpc?: number
  mem?: Record<number, string>
  skeys?: Record<number, number>
  pswHi?: number
  prefix?: number
}

const h64 = (v: bigint): string => '0x' + BigInt.asUintN(64, v).toString(16).padStart(16, '0')
const h128 = (v: bigint): string => '0x' + BigInt.asUintN(128, v).toString(16).padStart(32, '0')
const bytesOf = (hex: string): Uint8Array => {
  const s = hex.replace(/\s+/g, '')
  if (s.length % 2 !== 0 || /[^0-9a-f]/i.test(s)) throw new Error(`harness: bad hex bytes '${hex}'`)
  return Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16))
}
const hexOf = (u: Uint8Array): string => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('')
const setPair = (hi: Int32Array, lo: Int32Array, n: number, v: bigint): void => {
  hi[n] = Number(BigInt.asIntN(32, v >> 32n))
  lo[n] = Number(BigInt.asIntN(32, v))
}
const getPair = (hi: Int32Array, lo: Int32Array, n: number): bigint => (BigInt(hi[n]! >>> 0) << 32n) | BigInt(lo[n]! >>> 0)
const vrGet = (c: Cpu, n: number): bigint => {
  let v = 0n
  for (let w = 0; w < 4; w++) v = (v << 32n) | BigInt(c.vr[n * 4 + w]! >>> 0)
  return v
}
const vrSet = (c: Cpu, n: number, v: bigint): void => {
  for (let w = 0; w < 4; w++) c.vr[n * 4 + w] = Number(BigInt.asIntN(32, v >> BigInt(96 - 32 * w)))
}

/** A machine prepared in state `b` with `code` placed at `b.at`. */
export function prepare(b: Before, code: string, jit: JitMode = 'off'): { m: Machine; c: Cpu; at: number; end: number } {
  const m = new Machine(defaultConfig({ memMiB: b.memMiB ?? 2, jit, guardedStorage: b.guardedStorage ?? false }))
  const c = m.cpus[0]!
  const dv = m.storage.dv
  // Program-new and SVC-new PSWs: 64-bit supervisor, everything masked, at the trap addresses.
  for (const [off, trap] of [
    [0x1d0, PGM_TRAP],
    [0x1c0, SVC_TRAP],
  ] as const) {
    dv.setUint32(off, 0x00000001)
    dv.setUint32(off + 4, 0x80000000)
    dv.setUint32(off + 12, trap)
  }
  for (const [a, hex] of Object.entries(b.mem ?? {})) m.storage.u8.set(bytesOf(hex), Number(a))
  for (const [a, k] of Object.entries(b.skeys ?? {})) m.storage.keys[Math.floor(Number(a) / 4096)] = k
  const at = b.at ?? CODE
  const bytes = bytesOf(code)
  m.storage.u8.set(bytes, at)
  c.stopped = false
  c.prefix = b.prefix ?? 0
  c.crl[0] = 0xe0 | 0x00040000 // AFP on, as every kernel sets it
  c.crl[14] = 0xc2000000 | 0
  for (const [n, v] of Object.entries(b.gr ?? {})) setPair(c.rh, c.rl, Number(n), v)
  for (const [n, v] of Object.entries(b.cr ?? {})) setPair(c.crh, c.crl, Number(n), v)
  for (const [n, v] of Object.entries(b.ar ?? {})) c.ar[Number(n)] = v
  for (const [n, v] of Object.entries(b.fpr ?? {})) vrSet(c, Number(n), (BigInt.asUintN(64, v) << 64n) | (vrGet(c, Number(n)) & ((1n << 64n) - 1n)))
  for (const [n, v] of Object.entries(b.vr ?? {})) vrSet(c, Number(n), v)
  c.fpc = b.fpc ?? 0
  const amode = b.amode ?? 64
  const hi = (b.mask ?? 0) | ((b.key ?? 0) << 20) | (b.problem ? 0x10000 : 0) | ((b.cc ?? 0) << 12) | ((b.pm ?? 0) << 8) | (amode === 64 ? 1 : 0)
  if (!c.loadPsw(hi, amode === 24 ? 0 : 0x80000000, at)) throw new Error('harness: initial PSW is invalid')
  c.flushTlb()
  return { m, c, at, end: at + bytes.length }
}

/** Executes until `until` (default: the end of the code), an interruption trap, or 10,000 instructions. */
export function execute(c: Cpu, until: number, maxSteps = 10_000): void {
  for (let i = 0; i < maxSteps; i++) {
    c.run(1)
    if (c.ia === until || c.ia === PGM_TRAP || c.ia === SVC_TRAP) return
  }
  throw new Error(`harness: did not reach 0x${until.toString(16)} in ${maxSteps} instructions (ia 0x${c.ia.toString(16)})`)
}

/** The architected state of `c` in the shape of `want` (optional parts only when `want` asks for them). */
export function observe(c: Cpu, want: Want): Observed {
  const dv = c.dv
  const pgmTaken = c.ia === PGM_TRAP
  const svcTaken = c.ia === SVC_TRAP
  const oldAt = pgmTaken ? 0x150 : svcTaken ? 0x140 : -1
  const psw = oldAt >= 0 ? { hi: dv.getUint32(c.prefix + oldAt), lo: dv.getUint32(c.prefix + oldAt + 4), ia: dv.getUint32(c.prefix + oldAt + 12) } : null
  const hi = psw !== null ? psw.hi : c.pswHi()
  const lo = psw !== null ? psw.lo : c.pswLo()
  const o: Observed = {
    gr: Array.from({ length: 16 }, (_, n) => h64(getPair(c.rh, c.rl, n))),
    cc: (hi >>> 12) & 3,
    pm: (hi >>> 8) & 15,
    ia: psw !== null ? psw.ia : c.ia,
    amode: hi & 1 ? 64 : lo >>> 31 ? 31 : 24,
    pgm: pgmTaken ? { code: dv.getUint16(c.prefix + 0x8e), ilc: dv.getUint16(c.prefix + 0x8c) } : null,
    svc: svcTaken ? dv.getUint16(c.prefix + 0x8a) : null,
  }
  if (want.cr) o.cr = Array.from({ length: 16 }, (_, n) => h64(getPair(c.crh, c.crl, n)))
  if (want.ar) o.ar = Array.from(c.ar, (v) => v >>> 0)
  if (want.fpr) o.fpr = Array.from({ length: 16 }, (_, n) => h64(vrGet(c, n) >> 64n))
  if (want.vr) o.vr = Array.from({ length: 32 }, (_, n) => h128(vrGet(c, n)))
  if (want.fpc !== undefined) o.fpc = c.fpc >>> 0
  if (want.mem) {
    o.mem = {}
    for (const [a, hex] of Object.entries(want.mem)) o.mem[Number(a)] = hexOf(c.u8.subarray(Number(a), Number(a) + bytesOf(hex).length))
  }
  if (want.skeys) {
    o.skeys = {}
    for (const a of Object.keys(want.skeys)) o.skeys[Number(a)] = c.mem.keys[Math.floor(Number(a) / 4096)]!
  }
  if (want.pswHi !== undefined) o.pswHi = hi >>> 0
  if (want.prefix !== undefined) o.prefix = c.prefix
  return o
}

/** What `observe` must return for a case: the before-state overlaid with the case's expected changes. */
export function expected(k: Case, at: number, end: number): Observed {
  const w = k.want
  // A branch that lands on a trap address would be indistinguishable from an interruption.
  if (w.ia !== undefined && !w.pgm && w.svc === undefined && (w.ia === PGM_TRAP || w.ia === SVC_TRAP)) {
    throw new Error(`harness: case '${k.name}' expects ia 0x${w.ia.toString(16)}, an interruption trap address; branch elsewhere`)
  }
  const gr = Array.from({ length: 16 }, (_, n) => h64(w.gr?.[n] ?? k.gr?.[n] ?? 0n))
  let ia = w.ia ?? end
  if (w.pgm && w.ia === undefined) ia = lastInsnEnd(k.code, at)
  const o: Observed = {
    gr,
    cc: w.cc ?? k.cc ?? 0,
    pm: w.pm ?? k.pm ?? 0,
    ia,
    amode: w.amode ?? k.amode ?? 64,
    pgm: w.pgm ? { code: w.pgm.code, ilc: w.pgm.ilc ?? lastInsnLen(k.code) } : null,
    svc: w.svc ?? null,
  }
  if (w.cr) {
    const base: Record<number, bigint> = { 0: 0xe0n | 0x40000n, 14: 0xc2000000n }
    o.cr = Array.from({ length: 16 }, (_, n) => h64(w.cr?.[n] ?? k.cr?.[n] ?? base[n] ?? 0n))
  }
  if (w.ar) o.ar = Array.from({ length: 16 }, (_, n) => (w.ar?.[n] ?? k.ar?.[n] ?? 0) >>> 0)
  if (w.fpr) o.fpr = Array.from({ length: 16 }, (_, n) => h64(w.fpr?.[n] ?? k.fpr?.[n] ?? (k.vr?.[n] ?? 0n) >> 64n))
  if (w.vr) o.vr = Array.from({ length: 32 }, (_, n) => h128(w.vr?.[n] ?? k.vr?.[n] ?? (n < 16 && k.fpr?.[n] !== undefined ? BigInt.asUintN(64, k.fpr[n]!) << 64n : 0n)))
  if (w.fpc !== undefined) o.fpc = w.fpc >>> 0
  if (w.mem) {
    o.mem = {}
    for (const [a, hex] of Object.entries(w.mem)) o.mem[Number(a)] = hexOf(bytesOf(hex))
  }
  if (w.skeys) o.skeys = { ...w.skeys }
  if (w.pswHi !== undefined) o.pswHi = w.pswHi >>> 0
  if (w.prefix !== undefined) o.prefix = w.prefix
  return o
}

/** The instructions (first halfwords and last halfword) in a code string, in order. */
export function splitCode(code: string): Array<{ h0: number; h2: number; len: number }> {
  const out: Array<{ h0: number; h2: number; len: number }> = []
  for (const part of code.trim().split(/\s+/)) {
    const b = bytesOf(part)
    let i = 0
    while (i < b.length) {
      const h0 = (b[i]! << 8) | b[i + 1]!
      const len = insnLength(h0)
      const h2 = len === 6 ? (b[i + 4]! << 8) | b[i + 5]! : 0
      out.push({ h0, h2, len })
      i += len
    }
  }
  return out
}
const lastInsnLen = (code: string): number => splitCode(code).at(-1)?.len ?? 2
const lastInsnEnd = (code: string, at: number): number => at + bytesOf(code).length

/** Mnemonics of the instructions in a code string (unknown opcodes as `?xxxx`). */
export function mnemonicsOf(code: string): string[] {
  return splitCode(code).map(({ h0, h2 }) => lookupInsn(h0, h2)?.mnemonic ?? `?${h0.toString(16)}`)
}

/** Runs one case and returns observed and expected state. */
export function runCase(k: Case, jit: JitMode = 'off'): { got: Observed; want: Observed } {
  const { c, at, end } = prepare(k, k.code, jit)
  if (k.until !== undefined) execute(c, k.until)
  else for (let i = splitCode(k.code).length; i > 0 && c.ia !== PGM_TRAP && c.ia !== SVC_TRAP; i--) c.run(1)
  return { got: observe(c, k.want), want: expected(k, at, end) }
}

/** Registers one vitest test per case of a group table. */
export function runGroup(group: string, cases: readonly Case[]): void {
  describe(group, () => {
    it.each(cases.map((k) => [`${k.asm} — ${k.name}`, k] as const))('%s', (_title, k) => {
      const { got, want } = runCase(k)
      expect(got).toEqual(want)
    })
  })
}
