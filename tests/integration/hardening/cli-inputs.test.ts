// Issue 9 item 10 through the real entry: negative option values and a malformed MAX_SMP are errors naming the input.
import { afterAll, describe, expect, it } from 'vitest'
import { kernelCopy, tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const t = tempDbDir()
const k = kernelCopy('[selftest]\nfile = selftest.elf\nsmp = $MAX_SMP\n')
afterAll(() => [t.cleanup, k.cleanup].forEach((c) => c()))

describe('labcon option and variable values', () => {
  it('-j -1 says what is wrong with -j (exit 2), not "argument is ambiguous"', async () => {
    const r = await labcon(['run', '--catalog', k.dir, '--env', 'builtin', '-j', '-1', '--db', t.db])
    expect({ code: r.code, stderr: r.stderr.split('\n')[0] }).toEqual({ code: 2, stderr: "labcon run: --jobs expects a whole number from 1 to 256, got '-1'" })
  })

  it('MAX_SMP=abc is an error naming MAX_SMP (exit 3), not silently the host CPU count', async () => {
    const r = await labcon(['run', '--catalog', k.dir, '--env', 'builtin', '--db', t.db], { MAX_SMP: 'abc' })
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: "labcon run: MaxSmpValueError: MAX_SMP: expected a whole number of CPUs from 1 to 4096, got 'abc'\n" })
  })
})
