// Translated blocks against the interpreter: every instruction with a JIT template, random operands (registers
// that are small addresses, edge values, random 64-bit words), in 64-, 31- and 24-bit mode, run as a one-instruction
// block and inside random straight/looping sequences through the checked mode (jit/checked.ts), which repeats
// each block with the interpreter from the same state and throws JitMismatchError on any difference in registers,
// PSW, exception (code, ILC, old-PSW address) or stored bytes.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import type { Cpu } from '@core/emulator/cpu/cpu'
import { ProgramException } from '@core/emulator/cpu/exceptions'
import { insnByMnemonic } from '@core/emulator/isa/decode'
import { decodeBlock } from '@core/emulator/jit/block'
import { translate, TEMPLATED } from '@core/emulator/jit/codegen'
import { checkedRun, JitMismatchError } from '@core/emulator/jit/checked'
import type { Block } from '@core/emulator/jit/jit'

const CODE = 0x8000
const SPLIT = new Set([0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed])

/** Deterministic xorshift32. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s
  }
}

/** A random instruction image of mnemonic `mn` (opcode bits fixed, every other bit random). */
function encode(mn: string, r: () => number): number[] {
  const ins = insnByMnemonic(mn)
  if (ins === undefined) throw new Error(`no instruction ${mn}`)
  const opc = ins.opc
  let bytes: number[]
  if (ins.fmt === 'E') return [opc >>> 8, opc & 0xff]
  if (opc < 0x100) {
    const len = opc < 0x40 ? 2 : opc < 0xc0 ? 4 : 6
    bytes = Array.from({ length: len }, () => r() & 0xff)
    bytes[0] = opc
  } else if (opc < 0x1000) {
    bytes = Array.from({ length: opc >>> 4 < 0xc0 ? 4 : 6 }, () => r() & 0xff)
    bytes[0] = opc >>> 4
    bytes[1] = (bytes[1]! & 0xf0) | (opc & 15)
  } else {
    const b0 = opc >>> 8
    bytes = Array.from({ length: b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6 }, () => r() & 0xff)
    bytes[0] = b0
    if (SPLIT.has(b0)) bytes[5] = opc & 0xff
    else bytes[1] = opc & 0xff
  }
  // Keep most storage operands inside the 16 MiB machine: small base/index registers are set by the state generator;
  // vary displacements over the whole range anyway (some accesses fault on purpose).
  return bytes
}

/** Random register value: small address (often), edge value, or random 64-bit word. */
function regValue(r: () => number): [number, number] {
  const k = r() % 8
  if (k < 4) return [0, 0x10000 + (r() % 0x40000)]
  if (k === 4) {
    const edges = [0, -1, 0x7fffffff, 0x80000000 | 0, 1, 0xffff, 0x8000]
    return [[0, -1, 0x7fffffff][r() % 3]!, edges[r() % edges.length]!]
  }
  if (k === 5) return [0, r() | 0]
  return [r() | 0, r() | 0]
}

function freshMachine(): Machine {
  const m = new Machine(defaultConfig({ memMiB: 16, jit: 'check' }))
  const c = m.cpus[0]!
  c.stopped = false
  return m
}

/** Places instructions at CODE, sets a random state in `amode`, and runs the block checked; returns what happened. */
function runChecked(m: Machine, images: number[][], amode: number, r: () => number): 'ok' | 'exception' | 'empty' {
  const c: Cpu = m.cpus[0]!
  let at = CODE
  for (const img of images) {
    m.storage.u8.set(img, at)
    at += img.length
  }
  m.storage.u8.fill(0x07, at, at + 16) // BCR 0,7 padding (a no-op that ends nothing)
  for (let i = 0; i < 16; i++) {
    const [h, l] = regValue(r)
    c.rh[i] = amode === -1 ? h : 0
    c.rl[i] = l
  }
  c.amode = amode
  c.mask = 0
  c.cc = r() & 3
  c.pm = r() & 15
  c.ia = CODE
  c.flushTlb()
  const d = decodeBlock(c, CODE)
  if (d === null) return 'empty'
  const t = translate(d)
  const b: Block = { ia: CODE, amode, absBase: d.absBase, insns: d.insns.length, fn: t.fn, src: t.src, valid: true, fallbacks: t.fallbacks, runs: 0, executed: 0, cutAt: -1, wholeIn: 0, jsIn: 0, regionIn: 0, regionSince: 0, base: t.pic ? CODE : 0 }
  try {
    checkedRun(m.jit!, c, b, 1000)
  } catch (e) {
    if (e instanceof ProgramException) return 'exception'
    if (e instanceof JitMismatchError) throw new Error(`${e.message}\n--- generated ---\n${t.src}`)
    throw e
  }
  return 'ok'
}

const MNEMONICS = [...TEMPLATED].filter((mn) => insnByMnemonic(mn) !== undefined).sort()
const MODES: Array<[string, number]> = [
  ['64-bit', -1],
  ['31-bit', 0x7fffffff],
  ['24-bit', 0xffffff],
]

describe('JIT templates match the interpreter (checked mode)', () => {
  it('has templates for the instructions hot in our kernels and sieve', () => {
    for (const mn of ['LA', 'MVI', 'CLI', 'AGHI', 'BRCTG', 'BRCT', 'CRJ', 'RISBG', 'RXSBG', 'MSGR', 'LG', 'STG']) expect(TEMPLATED.has(mn)).toBe(true)
  })
  for (const [name, amode] of MODES) {
    it(`every templated instruction alone, ${name}`, () => {
      const m = freshMachine()
      const r = rng(0x5eed + amode)
      const seen = { ok: 0, exception: 0, empty: 0 }
      for (const mn of MNEMONICS) {
        for (let k = 0; k < 40; k++) seen[runChecked(m, [encode(mn, r)], amode, r)]++
      }
      expect(seen.ok).toBeGreaterThan(MNEMONICS.length * 12)
      expect(seen.exception).toBeGreaterThan(0)
    }, 60_000)
  }
  it('logical adds and subtracts with and without carry: every edge pair of words and every carry in', () => {
    // r2 (first operand) and r3 (second), each word from the edges where a carry out or a borrow changes; the CC
    // holds the carry in of ALC/SLB. Checked mode compares every result with the interpreter's.
    const edges = [0, 1, 2, 0x7fffffff, 0x80000000 | 0, -2, -1]
    const rr = (mn: string): number[] => {
      const ins = insnByMnemonic(mn)!
      return ins.opc < 0x100 ? [ins.opc, 0x23] : [ins.opc >>> 8, ins.opc & 0xff, 0x00, 0x23]
    }
    const m = freshMachine()
    const c = m.cpus[0]!
    let runs = 0
    for (const mn of ['ALR', 'SLR', 'ALCR', 'SLBR', 'ALGR', 'SLGR', 'ALCGR', 'SLBGR', 'ALGFR', 'SLGFR']) {
      const img = rr(mn)
      m.storage.u8.set(img, CODE)
      m.storage.u8.fill(0x07, CODE + img.length, CODE + img.length + 16)
      for (const ah of [0, -1, 0x7fffffff])
        for (const al of edges)
          for (const bh of [0, -1, 0x80000000 | 0])
            for (const bl of edges)
              for (let cc = 0; cc < 4; cc++) {
                c.rh[2] = ah
                c.rl[2] = al
                c.rh[3] = bh
                c.rl[3] = bl
                c.amode = -1
                c.mask = 0
                c.cc = cc
                c.pm = 0
                c.ia = CODE
                const d = decodeBlock(c, CODE)!
                const t = translate(d)
                const b: Block = { ia: CODE, amode: -1, absBase: d.absBase, insns: d.insns.length, fn: t.fn, src: t.src, valid: true, fallbacks: t.fallbacks, runs: 0, executed: 0, cutAt: -1, wholeIn: 0, jsIn: 0, regionIn: 0, regionSince: 0, base: t.pic ? CODE : 0 }
                try {
                  checkedRun(m.jit!, c, b, 1000)
                } catch (e) {
                  throw new Error(`${mn} ${[ah, al, bh, bl].map((x) => (x >>> 0).toString(16))} cc ${cc}: ${(e as Error).message}`)
                }
                runs++
              }
    }
    expect(runs).toBe(10 * 3 * 7 * 3 * 7 * 4)
  }, 60_000)

  it('random sequences with internal branches and loops, 64-bit and 31-bit', () => {
    const m = freshMachine()
    const r = rng(42)
    let ran = 0
    for (let k = 0; k < 1500; k++) {
      const n = 2 + (r() % 6)
      const imgs = Array.from({ length: n }, () => encode(MNEMONICS[r() % MNEMONICS.length]!, r))
      // A counted loop back to the start (BRCT r0) makes the block loop inside JS.
      if (r() % 2 === 0) {
        const len = imgs.reduce((s, x) => s + x.length, 0)
        const disp = (-len / 2) & 0xffff
        imgs.push([0xa7, 0x06, disp >>> 8, disp & 0xff])
      }
      if (runChecked(m, imgs, r() % 2 === 0 ? -1 : 0x7fffffff, r) !== 'empty') ran++
    }
    expect(ran).toBeGreaterThan(1000)
  }, 60_000)
})
