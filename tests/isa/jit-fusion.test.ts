// Control flow and carries of generated code (jit/codegen.ts): a branch on the CC of the instruction right before it
// tests that instruction's condition (ccCond), a block ending in a jump to the case after it falls through into it
// (loops()), 64-bit add/subtract carries in int32 operations (add64). Programs translated at once and interpreted
// in the same slices, the whole CPU state compared after every slice (jit-run.ts), and results checked against
// BigInt arithmetic.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine'
import { CODE, DATA, LPSWE_END, compare, machine, state } from './jit-run'

const h8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0')
const h4 = (v: number): string => (v & 0xffff).toString(16).padStart(4, '0')
/** iihf r,hi ; iilf r,lo */
const load = (r: number, hi: number, lo: number): string => `c0${r.toString(16)}8${h8(hi)}c0${r.toString(16)}9${h8(lo)}`

/** Runs `code` translated (blocks as long as the decoder makes them) and interpreted, comparing after every slice. */
function run(code: string, slice: number, gr: Record<number, number> = {}, end = 0xe0e0): Machine {
  const on = machine({ code: code + LPSWE_END, gr }, 'on')
  const off = machine({ code: code + LPSWE_END, gr }, 'off')
  on.jit!.maxInsns = 1000
  on.jit!.maxSrc = Infinity
  for (let k = 0; k < 10_000 && on.ended === null; k++) {
    on.run(slice)
    off.run(slice)
    expect(state(on), `after slice ${k + 1}`).toEqual(state(off))
  }
  expect(on.ended).toBe('disabled-wait')
  expect(on.cpus[0]!.ia).toBe(end)
  return on
}

/**
 * CC setters: the instruction (r2, r3 its operands, r4 = -1 before it, r5 = DATA), whether its code ends in a CC
 * store a branch can test directly, and operand pairs [r2 high, r2 low, r3 low] giving CC 0, 1 and 2 where it can.
 */
const SETTERS: Array<{ name: string; insn: string; fused: boolean; ops: Array<[number, number, number]> }> = [
  { name: 'LTR', insn: '1242', fused: true, ops: [[0, 0, 0], [0, -5, 0], [0, 7, 0]] },
  { name: 'CR', insn: '1923', fused: true, ops: [[0, 3, 3], [0, -1, 1], [0, 1, -1]] },
  { name: 'CLR', insn: '1523', fused: true, ops: [[0, 3, 3], [0, 1, -1], [0, -1, 1]] },
  { name: 'CHI', insn: 'a72e0005', fused: true, ops: [[0, 5, 0], [0, -9, 0], [0, 6, 0]] },
  { name: 'CLFI', insn: 'c22f00000005', fused: true, ops: [[0, 5, 0], [0, 4, 0], [0, -1, 0]] },
  { name: 'NR', insn: '1442', fused: true, ops: [[0, 0, 0], [0, 0x100, 0]] },
  { name: 'XR', insn: '1742', fused: true, ops: [[0, -1, 0], [0, 1, 0]] },
  { name: 'LTGR', insn: 'b9020042', fused: true, ops: [[0, 0, 0], [-1, 0, 0], [0, 1, 0], [1, 0, 0]] },
  { name: 'CLI', insn: '95075001', fused: true, ops: [[0, 0, 0]] },
  { name: 'CLI low', insn: '95085001', fused: true, ops: [[0, 0, 0]] },
  { name: 'CLI high', insn: '95065001', fused: true, ops: [[0, 0, 0]] },
  { name: 'NILL', insn: 'a5470f00', fused: true, ops: [[0, 0, 0]] },
  { name: 'NILL zero', insn: 'a5470000', fused: true, ops: [[0, 0, 0]] },
  // not fused: CC 3 possible (TM, AHI's overflow), or the CC as a computed value (CGR)
  { name: 'TM', insn: '91075001', fused: false, ops: [[0, 0, 0]] },
  { name: 'AHI', insn: 'a72a0001', fused: false, ops: [[0, 0x7fffffff, 0], [0, -1, 0], [0, -3, 0], [0, 4, 0]] },
  { name: 'CGR', insn: 'b9200023', fused: false, ops: [[0, 3, 3], [-1, 1, 1], [1, 1, 1]] },
]

describe('JIT: a branch on the CC the instruction before it set', () => {
  for (const s of SETTERS) {
    it(`${s.name} then BRC with every mask takes the interpreter's branches`, () => {
      let code = ''
      for (const [hi, lo, r3] of s.ops) {
        code += load(2, hi, lo) + load(3, r3 >> 31, r3)
        // lhi r4,-1 ; <setter> ; brc m,+8 ; ahi r9,1 ; sll r9,1 (r9 records every branch taken or not)
        for (let m = 0; m < 16; m++) code += 'a748ffff' + s.insn + `a7${m.toString(16)}40004` + 'a79a0001' + '89900001'
      }
      for (const slice of [5, 1000]) {
        const m = run(code, slice, { 5: DATA })
        const src = m.jit!.all.map((b) => b.src).join('\n')
        // the fused branches test the setter's condition, not the CC value
        if (s.fused && slice === 1000) expect(src).not.toMatch(/&\(8>>>cc\)/)
        if (!s.fused && slice === 1000) expect(src).toMatch(/&\(8>>>cc\)/)
      }
    })
  }

  it('a branch at a label (reached from elsewhere) still tests the CC value', () => {
    // ltr r4,r2 ; brc 8,+8 (to the brc below, a label) ; ltr r4,r3 ; L: brc 6,+8 ; ahi r9,1 ; sll r9,1 — the
    // second brc is reached from both ltr: it must test the CC, not either's condition
    for (const [a, b] of [[0, 5], [5, 0], [0, 0], [-2, 7]] as Array<[number, number]>) {
      const code = load(2, 0, a) + load(3, 0, b) + '1242' + 'a7840003' + '1243' + 'a7640004' + 'a79a0001' + '89900001'
      const m = run(code, 1000)
      expect(m.jit!.all.map((x) => x.src).join('\n')).toMatch(/\(6&\(8>>>cc\)\)/)
    }
  })
})

describe('JIT: blocks that fall through into the next case', () => {
  it('a loop whose blocks end in jumps to the case after them runs as interpreted', () => {
    // r1 = 0 ; r6 = 40 ; L: lr r4,r1 ; nill r4,3 ; brc 8,Z (r1 % 4 == 0) ; ahi r7,1 ; (falls into) Z: ahi r8,1 ;
    // ahi r1,1 ; brct r6,L — the taken and the fall-through path both reach Z, the next case
    const code =
      'a7180000' + 'a7680028' + '1841' + 'a5470003' + 'a7840004' + 'a77a0001' + 'a78a0001' + 'a71a0001' + 'a766fff5'
    for (const slice of [3, 7, 1000]) {
      const m = run(code, slice)
      const c = m.cpus[0]!
      expect(c.rl[7]).toBe(30)
      expect(c.rl[8]).toBe(40)
      // some block falls through: a jump's constants set, then the next case label without a `continue`
      if (slice === 1000) expect(m.jit!.all.map((b) => b.src).join('\n')).toMatch(/;pc=\d+;\ncase \d+:/)
    }
  })
})

const M64 = (1n << 64n) - 1n
const big = (m: Machine, r: number): bigint => (BigInt(m.cpus[0]!.rh[r]! >>> 0) << 32n) | BigInt(m.cpus[0]!.rl[r]! >>> 0)
const EDGES: bigint[] = [
  0n, 1n, M64, 0xffff_ffffn, 0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x8000_0000n,
  0x7fff_ffffn, 0xffff_ffff_0000_0000n, 0x1234_5678_9abc_def0n, 0xfedc_ba98_8000_0001n,
]
const words = (v: bigint): [number, number] => [Number((v >> 32n) & 0xffff_ffffn) | 0, Number(v & 0xffff_ffffn) | 0]

describe('JIT 64-bit add and subtract carries', () => {
  it('AGR, SGR, AG, SG, ALGR/SLGR neighbours: sums and differences of edge operands, CC and overflow', () => {
    for (const a of EDGES) {
      let code = ''
      const regs: Array<[number, bigint, bigint, 'add' | 'sub']> = []
      EDGES.forEach((b, k) => {
        const r = 2 + (k % 6) * 2
        const [ah, al] = words(a)
        const [bh, bl] = words(b)
        const op = k % 4 === 0 ? 'b9080' : k % 4 === 1 ? 'b9090' : k % 4 === 2 ? 'b9e80' : 'b9e90' // AGR SGR AGRK SGRK
        code += load(r, ah, al) + load(r + 1, bh, bl)
        if (k % 4 < 2) code += op + '0' + r.toString(16) + (r + 1).toString(16)
        else code += op.slice(0, 4) + (r + 1).toString(16) + '0' + r.toString(16) + r.toString(16) // r = r op r+1
        regs.push([r, a, b, k % 2 === 0 ? 'add' : 'sub'])
        if (k % 6 === 5 || k === EDGES.length - 1) {
          for (const slice of [2, 1000]) {
            const m = run(code, slice)
            for (const [rr, x, y, what] of regs) expect(big(m, rr), `${x.toString(16)} ${what} ${y.toString(16)}`).toBe((what === 'add' ? x + y : x - y) & M64)
          }
          code = ''
          regs.length = 0
        }
      })
    }
  })

  it('AGHI, AGFI, AGHIK and LCGR at the carry and overflow edges', () => {
    for (const a of EDGES) {
      const [ah, al] = words(a)
      for (const i of [1, -1, 0x7fff, -0x8000, 0x7fffffff, -0x80000000]) {
        // aghi r2,i (16-bit immediates only) ; agfi r3,i ; aghik r4,r5,i ; lcgr r6,r7
        const i16 = i >= -0x8000 && i <= 0x7fff
        let code = load(2, ah, al) + load(3, ah, al) + load(5, ah, al) + load(7, ah, al)
        if (i16) code += `a72b${h4(i)}` + `ec45${h4(i)}00d9`
        code += `c238${h8(i)}` + 'b9030067'
        for (const slice of [1, 1000]) {
          const m = compare({ code: code + LPSWE_END, gr: {} }, slice)
          if (i16) {
            expect(big(m, 2)).toBe((a + BigInt(i)) & M64)
            expect(big(m, 4)).toBe((a + BigInt(i)) & M64)
          }
          expect(big(m, 3)).toBe((a + BigInt(i)) & M64)
          expect(big(m, 6)).toBe(-a & M64)
        }
      }
    }
  })
})

describe("JIT: the last page's initial mark (codegen.ts fast)", () => {
  // Before a block's first TLB hit the last-page locals name page 0xfffff000 with high word 0: an access there must
  // take the slow path (here: the addressing exception beyond the 4 MiB storage), never index storage with the
  // mark's difference.
  for (const [name, insn] of [
    ['LLGC', 'e33020000090'],
    ['MVI', '92aa2000'],
    ['LG', 'e33020000004'],
    ['STG', 'e33020000024'],
    ['CLI', '95aa2000'],
  ] as const) {
    for (const lo of [0xfffff000, 0xfffff7f0, 0xfffffff0]) {
      it(`${name} at 0x${lo.toString(16)} (high word 0) raises the interpreter's exception`, () => {
        // lhi r9,1 ; <insn> at 0(r2) ; lhi r9,2
        for (const slice of [1, 1000]) {
          const m = run('a7980001' + insn + 'a7980002', slice, { 2: lo }, 0xbad0)
          expect(m.storage.dv.getUint16(0x8e)).toBe(0x05) // addressing
          expect(m.cpus[0]!.rl[9]).toBe(1)
          // the access was in a translated block (the LHI before it ran there)
          if (slice === 1000) expect(m.jit!.all.some((b) => b.ia === CODE && b.src.includes('FL=-4096'))).toBe(true)
        }
      })
    }
  }
  it('page 0 and the page after the mark are reached through the TLB', () => {
    // llgc r3,0x80 (page 0) ; lhi r1,64 ; L: llgc r4,0(r2) ; aghi r2,1 ; brct r1,L (the data area forwards)
    const code = 'e33000800090' + 'a7180040' + 'e34020000090' + 'a72b0001' + 'a716fffb'
    for (const slice of [3, 1000]) compare({ code: code + LPSWE_END, gr: { 2: DATA } }, slice)
  })
})
