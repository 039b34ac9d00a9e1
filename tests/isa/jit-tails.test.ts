// Block tails (jit/block.ts MAX_TAIL_INSNS): a block whose straight run ends in a relative branch to an instruction of
// the same page outside it goes on with the run there. Each program runs translated at once and interpreted in the
// same slices, the whole CPU state compared after every slice (jit-run.ts); the expected block shapes and end states
// are stated.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine'
import { MAX_TAIL_INSNS, decodeBlock } from '@core/emulator/jit/block'
import { CODE, LPSWE_END, compare } from './jit-run'

/** [offset from CODE, instructions, runs, instructions executed] of every translated block. */
const blocks = (m: Machine): number[][] => m.jit!.all.map((b) => [b.ia - CODE, b.insns, b.runs, b.executed])
/** `j` from `at` to `to` (byte offsets). */
const j = (at: number, to: number): string => 'a7f4' + ((((to - at) / 2) & 0xffff) >>> 0).toString(16).padStart(4, '0')

describe('JIT block tails', () => {
  it('a loop whose closing branch leaves the straight run runs inside one block', () => {
    // 0: lhi r6,100 ; 4 L: ahi r2,1 ; 8: j M ; c: lpswe ; 10 M: ahi r3,1 ; 14: brct r6,L ; 18: j 0xc
    const code = 'a7680064' + 'a72a0001' + j(8, 0x10) + LPSWE_END + 'a73a0001' + 'a766fff8' + j(0x18, 0xc)
    const m = compare({ code, gr: { 2: 0, 3: 0 } }, 100_000)
    expect([m.cpus[0]!.rl[2], m.cpus[0]!.rl[3]]).toEqual([100, 100])
    // [lhi, ahi, j] + the tail at M [ahi, brct, j]: the brct goes back inside the block, and the loop's exit too
    expect(blocks(m)).toEqual([[0, 6, 1, 1 + 4 * 100 + 1]])
  })

  it('budget ends inside the tail give the interpreter state', () => {
    const code = 'a7680064' + 'a72a0001' + j(8, 0x10) + LPSWE_END + 'a73a0001' + 'a766fff8' + j(0x18, 0xc)
    for (const slice of [5, 6, 7, 9, 13, 101]) compare({ code, gr: { 2: 0, 3: 0 } }, slice)
  }, 30_000)

  it('a tail that does not reach a branch within MAX_TAIL_INSNS instructions is not taken', () => {
    // 0: ahi r2,1 ; 4: j T ; 8: lpswe ; c T: n x ahi r3,1 ; j 8
    for (const n of [MAX_TAIL_INSNS - 1, MAX_TAIL_INSNS]) {
      const code = 'a72a0001' + j(4, 0xc) + LPSWE_END + 'a73a0001'.repeat(n) + j(0xc + 4 * n, 8)
      const m = compare({ code, gr: { 2: 0, 3: 0 } }, 1000)
      expect(m.cpus[0]!.rl[3]).toBe(n)
      // with the j: n + 1 instructions, a tail when they fit; otherwise the run at T is a block of its own
      expect(blocks(m)[0]).toEqual(n + 1 <= MAX_TAIL_INSNS ? [0, 2 + n + 1, 1, 2 + n + 1] : [0, 2, 1, 2])
    }
  })

  it('an access exception in the tail is delivered at its instruction', () => {
    // 0: ahi r2,1 ; 4: j T ; 8: lpswe ; c T: ahi r3,1 ; 10: l r4,0(r9) (beyond storage) ; 14: j 8
    const code = 'a72a0001' + j(4, 0xc) + LPSWE_END + 'a73a0001' + '58409000' + j(0x14, 8)
    const m = compare({ code, gr: { 2: 0, 3: 0, 9: 0x7ff00000 } }, 1000, 0xbad0)
    expect([m.cpus[0]!.rl[2], m.cpus[0]!.rl[3]]).toEqual([1, 1])
    expect(m.storage.dv.getUint16(0x8e)).toBe(0x05) // addressing
    expect(Number(m.storage.dv.getBigUint64(0x158))).toBe(CODE + 0x14) // suppressed: past the L
  })

  it('a branch back to the block start ends the block: the code after the loop is a block of its own', () => {
    // 0 L: ahi r2,1 ; 4: brct r6,L ; 8: ahi r3,1 ; c: ahi r3,1 ; 10: lpswe
    const code = 'a72a0001' + 'a766fffe' + 'a73a0001' + 'a73a0001' + LPSWE_END
    const m = compare({ code, gr: { 2: 0, 3: 0, 6: 100 } }, 100_000)
    expect([m.cpus[0]!.rl[2], m.cpus[0]!.rl[3]]).toEqual([100, 2])
    expect(blocks(m)).toEqual([
      [0, 2, 1, 200],
      [8, 2, 1, 2],
    ])
  })

  it('a BRANCH ON COUNT to before the block ends it; other branches there do not', () => {
    // 0 L: ahi r2,1 ; 4: j M ; 8: lpswe ; c M: ahi r3,1 ; 10: <branch to L> ; then 3 x ahi r4,1 ; j 8
    const prog = (branch: string): string => {
      const after = 0x10 + branch.length / 2 + 12
      return 'a72a0001' + j(4, 0xc) + LPSWE_END + 'a73a0001' + branch + 'a74a0001'.repeat(3) + j(after, 8)
    }
    const brct = prog('a766fff8') // brct r6,L
    const crj = prog('ec37fff84076') // crj r3,r7,4,L: while r3 < r7
    for (const [code, loops] of [
      [brct, 'brct'],
      [crj, 'crj'],
    ] as const) {
      const m = compare({ code, gr: { 2: 0, 3: 0, 4: 0, 6: 10, 7: 10 } }, 100_000)
      expect([m.cpus[0]!.rl[2], m.cpus[0]!.rl[3], m.cpus[0]!.rl[4]], loops).toEqual([10, 10, 3])
      // the block a loop entered at M makes (a slice ending there, an interruption's return)
      const at = decodeBlock(m.cpus[0]!, CODE + 0xc)!.insns.map((x) => x.ia - CODE)
      // brct: [ahi, brct] and the tail at L [ahi, j M]; crj: the straight run goes on to the j, and L [ahi, j M] is
      // the loop's out-of-line latch (block.ts MAX_LATCH_INSNS)
      expect(at, loops).toEqual(loops === 'brct' ? [0xc, 0x10, 0, 4] : [0xc, 0x10, 0x16, 0x1a, 0x1e, 0x22, 0, 4])
    }
  })
})
