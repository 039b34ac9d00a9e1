// Side loops of blocks (jit/block.ts MAX_SIDE_INSNS): a conditional branch to an out-of-line run of the same page
// that holds a loop and leads back into the block makes that run part of the block. Programs run translated at once
// and interpreted in the same slices, the whole CPU state compared after every slice (jit-run.ts); the expected block
// shapes and end states are stated.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine'
import { MAX_LATCH_INSNS, MAX_SIDE_INSNS, decodeBlock } from '@core/emulator/jit/block'
import { CODE, LPSWE_END, compare } from './jit-run'

/** Sieve limit of the programs (primes below it: 168). */
const N = 1000
const hex8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0')
const rel16 = (at: number, to: number): string => ((((to - at) / 2) & 0xffff) >>> 0).toString(16).padStart(4, '0')
/** Block starting at `at` (offset from CODE) as decoded now: the offsets of its instructions. */
const shape = (m: Machine, at: number): number[] => decodeBlock(m.cpus[0]!, CODE + at)!.insns.map((x) => x.ia - CODE)

/**
 * bench.elf's sieve over the bytes at r11 (zero storage), its out-of-line part `P` after the program's end:
 *   0 lhi r0,4 ; 4 lghi r4,2 ; 8 lhi r7,0 ; c lgfi r5,N-2
 *   12 L: la r1,0(r4,r11) ; 16 cli 0(r1),0 ; 1a je P ; 1e M: aghi r4,1 ; 22 ahi r0,2 ; 26 brctg r5,L ; 2a lpswe
 *   2e P: ahi r7,1 ; 32 iilf r1,N-1 ; 38 clrjh r0,r1,M ; 3e lr r3,r4 ; 40 lr r1,r0
 *   42 I: llgfr r2,r1 ; 46 la r2,0(r2,r11) ; 4a mvi 0(r2),1 ; 4e ar r1,r3 ; 50 iilf r2,N-1 ; 56 clrjnh r1,r2,I ; 5c `back`
 */
const sieve = (back = 'a7f4' + rel16(0x5c, 0x1e)): string =>
  'a7080004' + 'a7490002' + 'a7780000' + 'c051' + hex8(N - 2) +
  '4114b000' + '95001000' + 'a784' + rel16(0x1a, 0x2e) + 'a74b0001' + 'a70a0002' + 'a757' + rel16(0x26, 0x12) + LPSWE_END +
  'a77a0001' + 'c019' + hex8(N - 1) + 'ec01' + rel16(0x38, 0x1e) + '2077' + '1834' + '1810' +
  'b9160021' + '4122b000' + '92012000' + '1a13' + 'c029' + hex8(N - 1) + 'ec12' + rel16(0x56, 0x42) + 'c077' + back

describe('JIT side loops', () => {
  const R11 = 0x30000

  it('an out-of-line inner loop that jumps back is part of the loop block', () => {
    const m = compare({ code: sieve(), gr: { 11: R11 } }, 100_000)
    expect(m.cpus[0]!.rl[7]).toBe(168)
    // the test loop [la, cli, je, aghi, ahi, brctg] and the run at P up to its jump back to M
    expect(shape(m, 0x12)).toEqual([0x12, 0x16, 0x1a, 0x1e, 0x22, 0x26, 0x2e, 0x32, 0x38, 0x3e, 0x40, 0x42, 0x46, 0x4a, 0x4e, 0x50, 0x56, 0x5c])
    expect(0x5c - 0x2e).toBeLessThan(4 * MAX_SIDE_INSNS)
    // the block does the whole sieve, leaving it only at block-call budgets (Jit.blockBudget): without the side loop
    // every prime took two round trips through the dispatcher (336)
    expect(m.jit!.stats.blockRuns).toBeLessThan(10)
  })

  it('budget ends anywhere inside the side loop give the interpreter state', () => {
    for (const slice of [5, 7, 11, 17, 64, 999]) expect(compare({ code: sieve(), gr: { 11: R11 } }, slice).cpus[0]!.rl[7]).toBe(168)
  }, 60_000)

  it('an access exception inside the side loop is delivered at its instruction', () => {
    // r11 3 bytes below the end of the 4 MiB machine: the cli of 2 reads its last byte, the mvi marking 4 raises the
    // addressing exception (suppressed: the old PSW points past the mvi)
    const m = compare({ code: sieve(), gr: { 11: 4 * 1024 * 1024 - 3 } }, 1000, 0xbad0)
    expect(m.storage.dv.getUint16(0x8e)).toBe(0x05)
    expect(Number(m.storage.dv.getBigUint64(0x158))).toBe(CODE + 0x4e)
    expect(m.cpus[0]!.rl[7]).toBe(1)
  })

  it('an out-of-line run without a loop, or one that does not lead back, stays outside', () => {
    // P ends in a return (br r14) instead of the jump back: the run leaves
    const leaves = compare({ code: sieve('07fe'), gr: { 11: R11, 14: CODE + 0x1e } }, 100_000)
    expect(leaves.cpus[0]!.rl[7]).toBe(168)
    expect(shape(leaves, 0x12)).toEqual([0x12, 0x16, 0x1a, 0x1e, 0x22, 0x26])
    // P without its marking loop: `2e P: ahi r7,1 ; 32 j M`
    const code =
      'a7080004' + 'a7490002' + 'a7780000' + 'c051' + hex8(N - 2) +
      '4114b000' + '95001000' + 'a784' + rel16(0x1a, 0x2e) + 'a74b0001' + 'a70a0002' + 'a757' + rel16(0x26, 0x12) + LPSWE_END +
      'a77a0001' + 'a7f4' + rel16(0x32, 0x1e)
    const plain = compare({ code, gr: { 11: R11 } }, 100_000)
    expect(plain.cpus[0]!.rl[7]).toBe(N - 2) // nothing marked: every number counts
    expect(shape(plain, 0x12)).toEqual([0x12, 0x16, 0x1a, 0x1e, 0x22, 0x26])
  })
})

describe('JIT jumps inside blocks', () => {
  it('a jump only sets constants: the segment it reaches counts the instructions and checks the budget', () => {
    const m = compare({ code: sieve(), gr: { 11: 0x30000 } }, 100_000)
    const src = m.jit!.all.find((x) => x.ia === CODE + 0x12)!.src
    // every jump of the generated function (`pc=` assignments): `{d=<count>;pc=<segment>;continue <loop>}`
    const jumps = [...src.matchAll(/\{[^{}]*pc=\d+;continue [^}]*\}/g)].map((x) => x[0])
    expect(jumps.length).toBeGreaterThan(4)
    for (const j of jumps) expect(j).toMatch(/^\{d=\d+;pc=\d+;continue [A-Z]\w*\}$/)
    // the loop heads (L, M and I are reached by backward jumps) check the budget
    expect(src.match(/n=\(n\+d\)\|0;if\(n>LIM\)/g)?.length).toBe(3)
  })

  it('a storage hit holds no operation of its own: p first, one page test, one access for both hits', () => {
    const m = compare({ code: sieve(), gr: { 11: 0x30000 } }, 100_000)
    const src = m.jit!.all.find((x) => x.ia === CODE + 0x12)!.src
    // the mvi: p from the last store page (of its base register's cache), then the xor test of page and high word (no
    // `&&` between comparisons, whose second one may never have run when V8 optimizes the block)
    expect(src).toMatch(/p=\(l\+SB(\d*)\)\|0;if\(\(\(\(l\^SL\1\)>>>12\)\|\(h\^SH\1\)\)!==0\)\{/)
    expect(src).not.toMatch(/===S[LH]\d*&&/)
    expect(src.match(/if\(p>=0\)\{u8\[p\]=1;\}/g)?.length).toBe(1)
  })
})

describe('JIT out-of-line latches', () => {
  // Linux's mpihelp_addmul_1 closes its loop out of line (its straight run goes on to the return):
  //   0 lhi r2,0 ; 4 lhi r10,50
  //   8 L: ahi r2,3 ; c lr r3,r2 ; e brct r10,X ; 12 lr r4,r2 ; 14 br r14 ; 16 lpswe (the end, r14)
  //   1a X: <latch> ; j L (or `to`)
  const prog = (latch: string, to = 8): string => {
    const x = 0x1a
    return 'a7280000' + 'a7a80032' + 'a72a0003' + '1832' + 'a7a6' + rel16(0xe, x) + '1842' + '07fe' + LPSWE_END + latch + 'a7f4' + rel16(x + latch.length / 2, to)
  }

  it('a run that jumps back to the block start within MAX_LATCH_INSNS is part of the block', () => {
    const m = compare({ code: prog('b9140012'), gr: { 14: CODE + 0x16 } }, 100_000)
    expect([m.cpus[0]!.rl[2], m.cpus[0]!.rl[3], m.cpus[0]!.rl[4], m.cpus[0]!.rl[1]]).toEqual([150, 150, 150, 147])
    expect(shape(m, 8)).toEqual([8, 0xc, 0xe, 0x12, 0x14, 0x1a, 0x1e])
    // one block run for the whole loop, not two per iteration
    expect(m.jit!.stats.blockRuns).toBeLessThan(5)
    expect(MAX_LATCH_INSNS).toBe(4)
  })

  it('a longer run, or one that jumps elsewhere, stays outside', () => {
    // X: four instructions before the jump back
    const long = compare({ code: prog('b9140012'.repeat(4)), gr: { 14: CODE + 0x16 } }, 100_000)
    expect(long.cpus[0]!.rl[2]).toBe(150)
    expect(shape(long, 8)).toEqual([8, 0xc, 0xe, 0x12, 0x14])
    // X jumps to the lr at c, not to the block's start
    const mid = compare({ code: prog('b9140012', 0xc), gr: { 14: CODE + 0x16 } }, 100_000)
    expect(mid.cpus[0]!.rl[3]).toBe(3)
    expect(shape(mid, 8)).toEqual([8, 0xc, 0xe, 0x12, 0x14])
  })
})
