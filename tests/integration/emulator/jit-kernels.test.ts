// Whole kernels three ways: interpreter only, translated blocks, and checked mode (every block repeated by the
// interpreter and compared). The console text and the exit status must be identical; translation must actually
// have happened, and the results must be the ones the kernels' README lists. Our kernels always; upstream selftest and a slice of sieve when the local kvm-unit-tests build exists.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { Machine } from '@core/emulator/machine'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import { Storage } from '@core/emulator/mem/storage'
import { clearSharedTranslations, type JitMode } from '@core/emulator/jit/jit'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))
const KUT = process.env['LABCON_KUT_DIR'] ?? '/work/kut/src/s390x'

interface Outcome {
  console: string
  exit: number | null
  ended: string | null
  instructions: number
  compiled: number
  reused: number
  checked: number
  regs: string
}

async function runMode(path: string, mode: JitMode, o: { args?: string; smp?: number; maxInsns?: number; jsLoop?: boolean } = {}): Promise<Outcome> {
  const cfg = configFrom({ args: o.args ?? '', smp: o.smp ?? 1 })
  cfg.jit = mode
  // jsLoop: storage without a WebAssembly memory, so the interpreter's inner loop is fastLoop's JavaScript (as for
  // storage near 4 GiB) instead of cpu/wasm-loop.ts
  const m = new Machine(cfg, o.jsLoop === true ? new Storage(cfg.memMiB * 1024 * 1024, { wasm: false }) : undefined)
  if (o.jsLoop === true) expect(m.cpus.map((c) => c.wasm)).toEqual(m.cpus.map(() => null))
  // These kernels are short: translate after 500 entries (the default waits far longer) so blocks and checked mode
  // are exercised.
  if (m.jit !== null) m.jit.hotAfter = 500
  let out = ''
  m.onConsole = (s) => void (out += s)
  ipl(m, readFileSync(path), path, cfg.args)
  const limit = o.maxInsns ?? 5e9
  while (m.ended === null && m.instructions < limit) {
    const r = m.run(Math.min(1_000_000, limit - m.instructions))
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
  }
  const c = m.cpus[0]!
  const regs = Array.from({ length: 16 }, (_, i) => `${(c.rh[i]! >>> 0).toString(16)}:${(c.rl[i]! >>> 0).toString(16)}`).join(' ')
  return { console: out, exit: m.exitStatus, ended: m.ended, instructions: m.instructions, compiled: m.jit?.stats.compiled ?? 0, reused: m.jit?.stats.reused ?? 0, checked: m.jit?.stats.checked ?? 0, regs }
}

describe('the interpreter loop a machine gets', () => {
  it('wasm by default (the CPUs have the WebAssembly loop), js on request (they have none; storage has no memory)', () => {
    const w = new Machine(configFrom({ memMiB: 8 }))
    const j = new Machine(configFrom({ memMiB: 8, interp: 'js' }))
    expect([w.storage.memory !== null, w.cpus[0]!.wasm !== null, j.storage.memory, j.cpus[0]!.wasm]).toEqual([true, true, null, null])
    // a storage with a WebAssembly memory handed to a machine that wants the JavaScript loop is not used
    expect(new Machine(configFrom({ memMiB: 8, interp: 'js' }), w.storage).storage).not.toBe(w.storage)
    expect(new Machine(configFrom({ memMiB: 8 }), j.storage).storage).toBe(j.storage)
  })
})

describe('JIT: whole kernels give the interpreter results', () => {
  // Expected results per resources/kernels/README.md (a real machine: no KFAIL on builtin).
  for (const [file, args, smp, summary, exit] of [
    ['arith.elf', '', 1, 'SUMMARY: 99 tests', 1],
    ['pgm.elf', '', 1, 'SUMMARY: 57 tests', 1],
    ['selftest.elf', 'test 123 mem=128', 1, 'SUMMARY: 16 tests', 1],
    ['fail.elf', '', 1, 'SUMMARY: 5 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped', 3],
    ['sclp-sigp.elf', 'cpus=2', 2, 'SUMMARY: 21 tests', 1],
  ] as const) {
    it(`${file}: interpreter, jit and checked mode print the same, expected console`, async () => {
      const path = join(KERNELS, file)
      const off = await runMode(path, 'off', { args, smp })
      const on = await runMode(path, 'on', { args, smp })
      const check = await runMode(path, 'check', { args, smp })
      const js = await runMode(path, 'off', { args, smp, jsLoop: true })
      expect(off.ended).toBe('stopped')
      const last = off.console.split('\n').filter((l) => /^(SUMMARY|EXIT):/.test(l))
      expect({ last, exit: off.exit }).toEqual({ last: [summary, `EXIT: STATUS=${exit}`], exit })
      expect(on.console).toBe(off.console)
      expect(check.console).toBe(off.console)
      expect([on.exit, check.exit]).toEqual([off.exit, off.exit])
      // No host-time dependence in these kernels: even the instruction counts (incl. program interruptions) agree.
      expect([on.instructions, check.instructions]).toEqual([off.instructions, off.instructions])
      // the interpreter's two inner loops (WebAssembly, JavaScript) to the same end
      expect({ console: js.console, exit: js.exit, instructions: js.instructions, regs: js.regs }).toEqual({ console: off.console, exit: off.exit, instructions: off.instructions, regs: off.regs })
      expect(on.compiled).toBeGreaterThan(0)
      expect(check.checked).toBeGreaterThan(0)
    }, 120_000)
  }

  it('bench.elf (compute kernel) gives the same results with translated blocks', async () => {
    const on = await runMode(join(KERNELS, 'bench.elf'), 'on')
    const lines = (s: string): string[] => s.split('\n').filter((l) => /^(PASS|FAIL|SUMMARY|EXIT)/.test(l))
    expect(on.exit).toBe(1)
    expect(lines(on.console)).toEqual([
      'PASS: bench: sieve: 6 rounds, primes below 2000000 == 148933',
      'PASS: bench: crc32: 16 rounds over 1 MiB == 0xdf6e27c0',
      'PASS: bench: fnv1a64: 32 x 1 MiB == 0x4beb3ae5b4ec6b25',
      'SUMMARY: 3 tests',
      'EXIT: STATUS=1',
    ])
  }, 120_000)

  it('a second machine in the same thread reuses the translations of the first and prints the same results', async () => {
    clearSharedTranslations()
    const path = join(KERNELS, 'arith.elf')
    const first = await runMode(path, 'on')
    const second = await runMode(path, 'on')
    expect({ console: second.console, exit: second.exit, instructions: second.instructions }).toEqual({ console: first.console, exit: 1, instructions: first.instructions })
    expect(first.compiled).toBeGreaterThan(0)
    expect(first.reused).toBe(0)
    // Every block of the first run comes from the cache in the second (installed at an address's second execution,
    // not its 500th). Installed that early, blocks send more dispatches to the addresses after their loops (a block
    // ends with its loop, jit/block.ts latch), one of which (printf's conversion after its scan for '%') becomes hot
    // in the second run only.
    expect({ reused: second.reused, compiled: second.compiled <= 1 }).toEqual({ reused: first.compiled, compiled: true })
  }, 120_000)

  it.skipIf(!existsSync(join(KUT, 'selftest.elf')))('upstream selftest: same console in all three modes', async () => {
    const path = join(KUT, 'selftest.elf')
    const off = await runMode(path, 'off', { args: 'test 123' })
    const on = await runMode(path, 'on', { args: 'test 123' })
    const check = await runMode(path, 'check', { args: 'test 123' })
    expect(off.exit).toBe(1)
    expect(on.console).toBe(off.console)
    expect(check.console).toBe(off.console)
  }, 180_000)

  it.skipIf(!existsSync(join(KUT, 'sieve.elf')))('upstream sieve: first 300M instructions end in the same state both ways', async () => {
    const path = join(KUT, 'sieve.elf')
    const off = await runMode(path, 'off', { maxInsns: 300_000_000 })
    const on = await runMode(path, 'on', { maxInsns: 300_000_000 })
    expect(on.instructions).toBe(off.instructions)
    expect(on.console).toBe(off.console)
    expect(on.regs).toBe(off.regs)
  }, 180_000)
})
