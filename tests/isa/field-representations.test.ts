// A CPU's fields hold their final V8 representation from construction (cpu/repr.ts, settleFields): a number field that
// first held small integers and later gets a double changes the hidden class of every CPU, and V8 then drops the
// optimized interpreter, its handlers and every translated block in whichever kernel first made such a store. In a
// pool worker that was the second upstream kernel (edat: its DAT exceptions at 64-bit addresses store a TEID word
// above 2^31). V8-specific by nature: it compares hidden classes (--allow-natives-syntax).
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { execute, prepare } from './harness.ts'

setFlagsFromString('--allow-natives-syntax')
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean

const PSW_DAT = 0x04000000
/** A segment table at 0x40000 (ASCE in CR1): segment 0 maps the code page; every address at or above 2^31 lies beyond
 * the table's reach (an ASCE-type exception, its TEID holding the address's leftmost bits). */
const TABLES = { 0x40000: '0000000000041000' + '0000000000000020', 0x41080: '0000000000010000' }

/** Runs `code` with `gr` and DAT on; returns the program interruption code stored at 0x8e. */
function run(code: string, gr: Record<number, bigint>, jit: 'off' | 'on'): number {
  const { m, c, end } = prepare({ mask: PSW_DAT, cr: { 1: 0x40000n }, gr, mem: TABLES }, code, jit)
  execute(c, end)
  return m.storage.dv.getUint16(0x8e)
}

describe('CPU fields keep their hidden class', () => {
  it('a DAT exception at a 64-bit address (a TEID word above 2^31) leaves new CPUs with the first CPU\'s hidden class', () => {
    const first = new Machine(defaultConfig({ memMiB: 2 })).cpus[0]!
    // LY %r1,0(%r10) at 0x8000000000001000: ASCE-type exception, TEID high word 0x80000000
    for (const jit of ['off', 'on'] as const) expect(run('e310a0000158', { 10: 0x8000000000001000n }, jit)).toBe(0x38)
    expect(sameMap(first, new Machine(defaultConfig({ memMiB: 2 })).cpus[0]!)).toBe(true)
  })

  it('notices a field that changes its representation (the check itself)', () => {
    const first = new Machine(defaultConfig({ memMiB: 2 })).cpus[0]!
    const other = new Machine(defaultConfig({ memMiB: 2 })).cpus[0]!
    // a field no CPU has: adding it gives `other` a new hidden class
    ;(other as unknown as Record<string, number>)['zz'] = 1
    expect(sameMap(first, other)).toBe(false)
  })
})
