// `labcon emu` console input, initrd options and --stats as users run them: --send-after types into the SCLP console
// once the guest has shown a text (our migrate kernel waits for a key), an input never typed is reported, and bad
// --send-after / --initrd arguments are refused with the input named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../runner/fixture'
import { labcon } from '../hardening/labcon'

const dir = mkdtempSync(join(tmpdir(), 'labcon-emu-console-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const kernel = (f: string): string => join(ROOT, 'resources', 'kernels', f)

describe('labcon emu console input', () => {
  it('--send-after types the input once the console shows the text: the kernel reads the key and passes', async () => {
    const r = await labcon(['emu', kernel('migrate.elf'), '--append', 'migrations=1', '--send-after', 'press a key', '\\n'])
    expect({ code: r.code, key: /console key (0x[0-9a-f]+)/.exec(r.stdout)?.[1], pass: r.stdout.includes('PASS: migrate: state after migration 1') }).toEqual({ code: 0, key: '0x0a', pass: true })
  })

  it('says which input was never typed when the console never shows its text', async () => {
    const r = await labcon(['emu', kernel('arith.elf'), '--send-after', 'never printed', 'x', '--send-after', 'b', 'y'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('labcon emu: the console never showed "never printed": 2 --send-after input(s) not typed\n')
  })

  it('--stats prints the rate and the translation counters every 100M instructions', async () => {
    // our loop kernel: one hot block, translated once and then run in 8K-instruction calls
    const r = await labcon(['emu', kernel('loop.elf'), '--max-insns', '200000000', '--stats'])
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('[stats]'))
    const re = /^\[stats\] (\d+)M insns, [\d.]+ MIPS, block runs (\d+), interpreted (\d+), compiled (\d+), reused (\d+), invalidated (\d+), decoded (\d+), generic (\d+), epochs (\d+)$/
    const rows = lines.map((l) => re.exec(l)?.slice(1).map(Number) ?? l)
    expect(rows.map((x) => (typeof x === 'string' ? x : x[0]))).toEqual([100, 200])
    const [, second] = rows as number[][]
    // the second 100M: all in the translated block (12,208 calls of 8,192), nothing new translated or decoded
    expect({ compiled: second![3], reused: second![4], invalidated: second![5], decoded: second![6] }).toEqual({ compiled: 0, reused: 0, invalidated: 0, decoded: 0 })
    // (and the interpreter, which runs the few instructions between block calls, neither its generic path nor more
    // than a few new epochs of its cache)
    expect(second![7]).toBe(0)
    expect(second![8]).toBeLessThan(1000)
    expect(second![1]).toBeGreaterThan(100_000_000 / 8192)
    expect(second![2]).toBeLessThan(1000)
  })

  it('--interp js runs the interpreter\'s JavaScript loop to the same end; an unknown loop is refused by name', async () => {
    const wasm = await labcon(['emu', kernel('arith.elf'), '--jit', 'off'])
    const js = await labcon(['emu', kernel('arith.elf'), '--jit', 'off', '--interp', 'js'])
    const end = (s: string): string | undefined => /; (\d+) instructions in/.exec(s)?.[1]
    expect({ code: js.code, stdout: js.stdout, insns: end(js.stderr) }).toEqual({ code: wasm.code, stdout: wasm.stdout, insns: end(wasm.stderr) })
    expect(wasm.stdout).toContain('SUMMARY: 99 tests')
    const bad = await labcon(['emu', kernel('arith.elf'), '--interp', 'asm.js'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("labcon emu: interpreter loop 'asm.js' (--interp or LABCON_EMU_INTERP): expected wasm or js\n")
  })

  it('refuses --send-after without its two values', async () => {
    const r = await labcon(['emu', kernel('selftest.elf'), '--send-after', 'only-text'])
    expect({ code: r.code, first: r.stderr.split('\n')[0] }).toEqual({ code: 2, first: 'labcon emu: --send-after needs two values: <console text> <input>' })
  })

  it('refuses an --entropy-seed that is not a non-negative integer, naming it', async () => {
    const r = await labcon(['emu', kernel('selftest.elf'), '--entropy-seed', '1e3'])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'labcon emu: --entropy-seed 1e3: expected an integer from 0 to 9007199254740991\n' })
    const ok = await labcon(['emu', kernel('selftest.elf'), '--entropy-seed', '42', '--append', 'test 123 mem=128'])
    expect(ok.code).toBe(0)
  })

  it('refuses a missing initrd and an initrd with a kernel that is not a raw Linux image', async () => {
    const missing = join(dir, 'nope.cpio')
    const a = await labcon(['emu', kernel('selftest.elf'), '--initrd', missing])
    expect({ code: a.code, stderr: a.stderr }).toEqual({ code: 3, stderr: `labcon emu: cannot read initrd ${missing}: ENOENT: no such file or directory, open '${missing}'\n` })
    const rd = join(dir, 'rd.cpio')
    writeFileSync(rd, '070701')
    const b = await labcon(['emu', kernel('selftest.elf'), '--initrd', rd])
    expect({ code: b.code, stderr: b.stderr }).toEqual({
      code: 3,
      stderr: `labcon emu: ImageFormatError: ${rd}: an initrd needs a raw Linux image (S390EP at 0x10008); ${kernel('selftest.elf')} is an ELF kernel\n`,
    })
  })
})
