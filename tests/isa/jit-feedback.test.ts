// Generated code whose paths may first run after V8 optimized a block hold no operation of their own (V8 deoptimizes
// a block when an operation it never ran before optimizing runs): 64-bit compares run every conversion and relation
// test whichever words decide. Programs translated at once and interpreted in the same slices, the whole CPU state
// compared after every slice (jit-run.ts), the condition codes stated.
import { describe, expect, it } from 'vitest'
import { CODE, LPSWE_END, compare } from './jit-run'

const hex = (v: bigint, digits: number): string => (v & ((1n << BigInt(digits * 4)) - 1n)).toString(16).padStart(digits, '0')
/** iihf r,hi ; iilf r,lo */
const load = (r: number, v: bigint): string => `c0${r.toString(16)}8${hex(v >> 32n, 8)}c0${r.toString(16)}9${hex(v, 8)}`
/** ipm r */
const ipm = (r: number): string => `b22200${r.toString(16)}0`

describe('JIT 64-bit compares', () => {
  const CASES: Array<[bigint, bigint, number, number]> = [
    // a, b, CC of CGR (signed), CC of CLGR (logical)
    [5n, 5n, 0, 0],
    [0x1_0000_0001n, 0x1_0000_0002n, 1, 1], // equal high words: the low words decide
    [0x1_8000_0000n, 0x1_0000_0001n, 2, 2],
    [0xffff_ffff_0000_0000n, 1n, 1, 2], // negative against positive: signed low, logical high
    [2n, 0xffff_ffff_ffff_fffen, 2, 1],
  ]
  it('CGR and CLGR set the CC from the deciding words', () => {
    for (const [a, b, signed, logical] of CASES) {
      // cgr r2,r3 ; ipm r4 ; clgr r2,r3 ; ipm r5
      const code = load(2, a) + load(3, b) + 'b9200023' + ipm(4) + 'b9210023' + ipm(5) + LPSWE_END
      const m = compare({ code, gr: {} }, 1000)
      const c = m.cpus[0]!
      expect([(c.rl[4]! >>> 28) & 3, (c.rl[5]! >>> 28) & 3], `${a.toString(16)} : ${b.toString(16)}`).toEqual([signed, logical])
      const src = m.jit!.all.find((x) => x.ia === CODE)!.src
      // the branch on equal high words only moves values; both relations are tested every time
      expect(src.match(/if\(x===y\)\{x=k1;y=k2\}r=\(x<y\?1:0\)\|\(x>y\?2:0\);/g)?.length).toBe(2)
    }
  })
})
