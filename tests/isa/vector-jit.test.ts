// Vector instructions inside translated blocks: every vector row with random operand fields and register
// contents runs as a block in the JIT's checked mode (jit/checked.ts), which repeats the block in the interpreter
// from the same state and throws JitMismatchError on any difference. The vector handlers run as fallbacks there, so
// this catches a handler that reads anything the fallback does not set (the decoded fields are all it gets).
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { ProgramException } from '@core/emulator/cpu/exceptions'
import { allInsns } from '@core/emulator/isa/decode'
import { decodeBlock } from '@core/emulator/jit/block'
import { translate } from '@core/emulator/jit/codegen'
import { checkedRun, JitMismatchError } from '@core/emulator/jit/checked'
import type { Block } from '@core/emulator/jit/jit'

const CODE = 0x8000

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

/** A random 6-byte image of the E6/E7 (or LCBB) opcode `opc`: small M fields, so most cases are valid. */
function image(opc: number, r: () => number): number[] {
  const b = Array.from({ length: 6 }, () => r() & 0xff)
  b[0] = opc >>> 8
  b[5] = opc & 0xff
  b[2] = (b[2]! & 0x0f) | 0x10 // base register 1 (an address set below)
  b[3] = r() & 0x7f
  if (r() & 1) b[4] = (b[4]! & 0x0f) | ((r() % 5) << 4) // element size / index 0-4 in bits 32-35
  return b
}

describe('vector instructions in translated blocks (checked mode)', () => {
  it('every vector row, random fields and registers, agrees with the interpreter', () => {
    const m = new Machine(defaultConfig({ memMiB: 16, jit: 'check' }))
    const c = m.cpus[0]!
    c.stopped = false
    const r = rng(0x7ec)
    const rows = allInsns().filter((i) => i.opc >>> 8 === 0xe7 || i.opc >>> 8 === 0xe6)
    const seen = { ok: 0, exception: 0 }
    for (const ins of rows) {
      for (let k = 0; k < 12; k++) {
        const img = image(ins.opc, r)
        m.storage.u8.set(img, CODE)
        m.storage.u8.fill(0x07, CODE + 6, CODE + 22)
        for (let i = 0; i < 16; i++) {
          c.rh[i] = 0
          c.rl[i] = 0x10000 + (r() % 0x40000)
        }
        for (let i = 0; i < 128; i++) c.vr[i] = r() | 0
        c.crl[0] = 0x000600e0
        c.fpc = 0
        c.amode = -1
        c.mask = 0
        c.cc = r() & 3
        c.ia = CODE
        c.flushTlb()
        const d = decodeBlock(c, CODE)
        if (d === null) continue
        const t = translate(d)
        const b: Block = { ia: CODE, amode: -1, absBase: d.absBase, insns: d.insns.length, fn: t.fn, src: t.src, valid: true, fallbacks: t.fallbacks, runs: 0, executed: 0, cutAt: -1, wholeIn: 0, jsIn: 0, regionIn: 0, regionSince: 0, base: t.pic ? CODE : 0 }
        try {
          checkedRun(m.jit!, c, b, 1000)
          seen.ok++
        } catch (e) {
          if (e instanceof ProgramException) seen.exception++
          else if (e instanceof JitMismatchError) throw new Error(`${ins.mnemonic}: ${e.message}`)
          else throw e
        }
      }
    }
    expect(seen.ok).toBeGreaterThan(rows.length * 4)
  }, 60_000)
})
