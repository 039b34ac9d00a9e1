// `labcon emu --snapshot-at <insns|console text> <file>` and `--restore <file>` (with --trace) as users run them:
// the restored machine prints exactly the rest of the console and ends with the same exit code; unusable snapshots
// and contradictory options are refused with the file and the fault named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../runner/fixture'
import { labcon } from '../hardening/labcon'

const dir = mkdtempSync(join(tmpdir(), 'labcon-emu-snap-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const kernel = (f: string): string => join(ROOT, 'resources', 'kernels', f)

describe('labcon emu snapshots', () => {
  it('--snapshot-at an instruction count, then --restore continues with the rest of the console and the same exit', async () => {
    const snap = join(dir, 'fail-10000.snap')
    const full = await labcon(['emu', kernel('fail.elf'), '--snapshot-at', '10000', snap, '--jit', 'off'])
    expect({ code: full.code, note: /labcon emu: snapshot at 10000 instructions written to (\S+)/.exec(full.stderr)?.[1] }).toEqual({ code: 1, note: snap })
    const rest = await labcon(['emu', '--restore', snap])
    expect(rest.code).toBe(1)
    expect(rest.stderr).toContain(`labcon emu: restored ${snap}: 1 CPU(s), 128 MiB, at 10000 instructions\n`)
    expect(rest.stdout.length).toBeGreaterThan(0)
    expect(full.stdout.endsWith(rest.stdout)).toBe(true)
    expect(rest.stdout).toContain('EXIT: STATUS=3')
  })

  it('--snapshot-at console text, then --restore --trace traces from the snapshot on', async () => {
    const snap = join(dir, 'selftest-facilities.snap')
    const trace = join(dir, 'after.trace')
    const full = await labcon(['emu', kernel('selftest.elf'), '--append', 'test 123 mem=128', '--snapshot-at', 'selftest: facilities', snap])
    expect(full.code).toBe(0)
    const at = Number(/snapshot at (\d+) instructions/.exec(full.stderr)?.[1])
    const before = full.stdout.slice(0, full.stdout.indexOf('selftest: facilities'))
    const rest = await labcon(['emu', '--restore', snap, '--trace', trace])
    expect(rest.code).toBe(0)
    // The snapshot follows the text by at most one short slice: the restored console starts after it.
    expect(full.stdout.endsWith(rest.stdout)).toBe(true)
    expect(rest.stdout.length).toBeLessThan(full.stdout.length - before.length)
    const total = Number(/; (\d+) instructions in/.exec(rest.stderr)?.[1])
    const lines = readFileSync(trace, 'utf8').split('\n').filter((l) => /^0x[0-9a-f]+: /.test(l))
    expect({ traced: lines.length, total: total - at }).toEqual({ traced: total - at, total: total - at })
  })

  it('refuses corrupt, foreign and non-file snapshots with the path and the fault, exit 3', async () => {
    const snap = join(dir, 'good.snap')
    await labcon(['emu', kernel('arith.elf'), '--snapshot-at', '1000', snap])
    const bytes = readFileSync(snap)
    const flipped = join(dir, 'flipped.snap')
    bytes[bytes.length >> 1]! ^= 1
    writeFileSync(flipped, bytes)
    const cut = join(dir, 'cut.snap')
    writeFileSync(cut, readFileSync(snap).subarray(0, 100))
    const results = await Promise.all([flipped, cut, kernel('arith.elf'), '/dev/zero'].map((f) => labcon(['emu', '--restore', f])))
    expect(results.map((r) => ({ code: r.code, stderr: r.stderr.replace(/0x[0-9a-f]{8}/g, '0x…') }))).toEqual([
      { code: 3, stderr: `labcon emu: ${flipped}: checksum mismatch (stored CRC-32 0x…, computed 0x…): the file is corrupt\n` },
      { code: 3, stderr: `labcon emu: ${cut}: truncated: 100 of ${bytes.length} bytes\n` },
      { code: 3, stderr: `labcon emu: ${kernel('arith.elf')}: not a labcon snapshot: starts with ".ELF....", expected "LABCSNAP"\n` },
      { code: 3, stderr: 'labcon emu: cannot read snapshot /dev/zero: /dev/zero: not a regular file (a snapshot is a file written by labcon emu --snapshot-at or kept with a failing result)\n' },
    ])
  })

  it('refuses options the snapshot decides, and a --snapshot-at without its file (exit 2)', async () => {
    const a = await labcon(['emu', '--restore', join(dir, 'x.snap'), '--smp', '2'])
    expect(a.code).toBe(2)
    expect(a.stderr.split('\n')[0]).toBe("labcon emu: --restore takes the machine's configuration from the snapshot; --smp cannot be given with it")
    const b = await labcon(['emu', kernel('arith.elf'), '--snapshot-at', '1000'])
    expect(b.code).toBe(2)
    expect(b.stderr.split('\n')[0]).toBe('labcon emu: --snapshot-at needs two values: <instructions|console text> <file>')
  })
})
