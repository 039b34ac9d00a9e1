// DFP instructions inside translated blocks: every DFP row with random operand fields and register contents runs as
// a block in the JIT's checked mode (jit/checked.ts), which repeats the block in the interpreter from the same state
// and throws JitMismatchError on any difference. The DFP handlers run as fallbacks there, so this catches a handler
// that reads a field its format does not decode (the decoded fields are all a fallback gets).
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { ProgramException } from '@core/emulator/cpu/exceptions'
import { DFP_ROWS } from '@core/emulator/isa/rows-dfp'
import { decodeBlock } from '@core/emulator/jit/block'
import { translate } from '@core/emulator/jit/codegen'
import { checkedRun, JitMismatchError } from '@core/emulator/jit/checked'
import type { Block } from '@core/emulator/jit/jit'
import { FLAG } from '@core/emulator/isa/row'

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

/** A random image of `opc`: 4 bytes for B3/B9, 6 for ED (base register 1, an address set below). */
function image(opc: number, r: () => number): number[] {
  if (opc >>> 8 !== 0xed) return [opc >>> 8, opc & 0xff, r() & 0xff, r() & 0xff]
  return [0xed, r() & 0xff, 0x10 | (r() & 0x0f), r() & 0xff, r() & 0xf0, opc & 0xff]
}

describe('DFP instructions in translated blocks (checked mode)', () => {
  it('every DFP row, random fields and registers, agrees with the interpreter', () => {
    const m = new Machine(defaultConfig({ memMiB: 16, jit: 'check' }))
    const c = m.cpus[0]!
    c.stopped = false
    const r = rng(0xdf9)
    const rows = DFP_ROWS.filter((row) => (row.flags & FLAG.ALIAS) === 0)
    const seen = { ok: 0, exception: 0 }
    for (const row of rows) {
      for (let k = 0; k < 12; k++) {
        const img = image(row.opc, r)
        m.storage.u8.set(img, CODE)
        m.storage.u8.fill(0x07, CODE + img.length, CODE + img.length + 16)
        for (let i = 0; i < 16; i++) {
          c.rh[i] = r() & 1 ? 0 : r() | 0
          c.rl[i] = 0x10000 + (r() % 0x40000)
        }
        for (let i = 0; i < 128; i++) c.vr[i] = r() | 0
        c.crl[0] = 0x000600e0
        c.fpc = (r() & 7) << 4
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
          else if (e instanceof JitMismatchError) throw new Error(`${row.mn}: ${e.message}`)
          else throw e
        }
      }
    }
    expect(seen.ok).toBeGreaterThan(rows.length * 4)
  }, 60_000)
})
