// Translated blocks as WebAssembly functions (jit/wasm-block.ts, Jit.wasmBlocks): whole kernels with them give the
// interpreter's console, exit, instruction count and registers; in checked mode every block run is repeated by the
// interpreter and compared (registers, PSW, storage). The blocks must actually be WebAssembly (stats.wasm), and the
// JavaScript re-translation of a block that keeps running (Jit.jsAfter) must give the same results too.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { Machine } from '@core/emulator/machine'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import { clearSharedTranslations, type JitMode } from '@core/emulator/jit/jit'
import { decodeBlock } from '@core/emulator/jit/block'
import { wasmBlockBytes, wasmTranslatable } from '@core/emulator/jit/wasm-block'

const KERNELS = fileURLToPath(new URL('../../resources/kernels/', import.meta.url))

interface Outcome {
  console: string
  exit: number | null
  instructions: number
  regs: string
  wasm: number
  checked: number
  compiled: number
}

async function run(file: string, mode: JitMode, o: { args?: string; smp?: number; wasm?: boolean; jsAfter?: number; maxInsns?: number } = {}): Promise<Outcome> {
  const cfg = configFrom({ args: o.args ?? '', smp: o.smp ?? 1 })
  cfg.jit = mode
  const m = new Machine(cfg)
  if (m.jit !== null) {
    // translate after 200 entries: these kernels are short
    m.jit.hotAfter = 200
    m.jit.wasmBlocks = o.wasm ?? true
    if (o.jsAfter !== undefined) m.jit.jsAfter = o.jsAfter
  }
  let out = ''
  m.onConsole = (s) => void (out += s)
  const path = join(KERNELS, file)
  ipl(m, readFileSync(path), path, cfg.args)
  const limit = o.maxInsns ?? 5e9
  while (m.ended === null && m.instructions < limit) {
    const r = m.run(Math.min(1_000_000, limit - m.instructions))
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
  }
  const c = m.cpus[0]!
  const regs = Array.from({ length: 16 }, (_, i) => `${(c.rh[i]! >>> 0).toString(16)}:${(c.rl[i]! >>> 0).toString(16)}`).join(' ')
  const s = m.jit?.stats
  return { console: out, exit: m.exitStatus, instructions: m.instructions, regs, wasm: s?.wasm ?? 0, checked: s?.checked ?? 0, compiled: s?.compiled ?? 0 }
}

describe('JIT: WebAssembly blocks give the interpreter results', () => {
  for (const [file, args, smp] of [
    ['arith.elf', '', 1],
    ['pgm.elf', '', 1],
    ['selftest.elf', 'test 123 mem=128', 1],
    ['sclp-sigp.elf', 'cpus=2', 2],
  ] as const) {
    it(`${file}: WebAssembly blocks, and checked against the interpreter block by block`, async () => {
      clearSharedTranslations()
      const off = await run(file, 'off', { args, smp })
      const on = await run(file, 'on', { args, smp })
      clearSharedTranslations()
      const check = await run(file, 'check', { args, smp })
      expect(off.exit).toBe(1)
      for (const r of [on, check]) {
        expect({ console: r.console, exit: r.exit, instructions: r.instructions, regs: r.regs }).toEqual({ console: off.console, exit: off.exit, instructions: off.instructions, regs: off.regs })
        expect(r.wasm).toBeGreaterThan(0)
      }
      expect(check.checked).toBeGreaterThan(0)
    }, 120_000)
  }

  it('bench.elf: WebAssembly blocks, then their JavaScript re-translation, to the same end as the interpreter', async () => {
    // 40M instructions: into the sieve's rounds, the blocks of its loops called thousands of times
    const maxInsns = 40_000_000
    clearSharedTranslations()
    const off = await run('bench.elf', 'off', { maxInsns })
    const wasm = await run('bench.elf', 'on', { maxInsns, jsAfter: 0 })
    clearSharedTranslations()
    const both = await run('bench.elf', 'on', { maxInsns, jsAfter: 100_000 })
    clearSharedTranslations()
    const js = await run('bench.elf', 'on', { maxInsns, wasm: false })
    // (R9 and R12 hold TOD clock readings, the kernel's timing: host time)
    const regs = (r: Outcome): string => r.regs.split(' ').filter((_, i) => i !== 9 && i !== 12).join(' ')
    for (const r of [wasm, both, js]) expect({ console: r.console, instructions: r.instructions, regs: regs(r) }).toEqual({ console: off.console, instructions: off.instructions, regs: regs(off) })
    expect(wasm.wasm).toBeGreaterThan(0)
    expect(js.wasm).toBe(0)
    // the re-translation compiled JavaScript for WebAssembly blocks that kept running
    expect(both.compiled).toBeGreaterThan(wasm.compiled)
  }, 120_000)
})

describe('which blocks become WebAssembly', () => {
  it('a block of fast cases is translatable, one with an instruction without a fast case is not; the module validates', () => {
    const m = new Machine(configFrom({ memMiB: 2 }))
    const c = m.cpus[0]!
    const put = (at: number, hex: string): void => {
      const b = Buffer.from(hex.replace(/ /g, ''), 'hex')
      m.storage.u8.set(b, at)
    }
    // 0x2000: lhi 1,10; ahi 2,1; brct 1,-2 (back to the ahi); br 14
    put(0x2000, 'a718000a a72a0001 a716fffe 07fe')
    // 0x3000: lhi 1,1; alfi 1,1 (no fast case); br 14
    put(0x3000, 'a7180001 c21b00000001 07fe')
    c.amode = -1
    const loop = decodeBlock(c, 0x2000)!
    expect(loop.insns.map((x) => x.ins.mnemonic)).toEqual(['LHI', 'AHI', 'BRCT', 'BCR'])
    expect(wasmTranslatable(loop)).toBe(true)
    expect(WebAssembly.validate(wasmBlockBytes(loop))).toBe(true)
    const other = decodeBlock(c, 0x3000)!
    expect(other.insns.map((x) => x.ins.mnemonic)).toEqual(['LHI', 'ALFI', 'BCR'])
    expect(wasmTranslatable(other)).toBe(false)
  })
})
