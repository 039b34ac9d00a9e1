// 64-bit multiply templates of generated code (jit/codegen.ts mul64 and mulConst: low 64 bits from 32-bit halves in
// int32 operations; an operand loaded by immediates earlier in the straight code is a constant): edge operands
// translated at once and interpreted in the same slices, the whole CPU state compared after every slice
// (jit-run.ts), and the products checked against BigInt arithmetic.
import { describe, expect, it } from 'vitest'
import { DATA, LPSWE_END, compare } from './jit-run'

const M64 = (1n << 64n) - 1n
const hex = (v: bigint, digits: number): string => (v & ((1n << BigInt(digits * 4)) - 1n)).toString(16).padStart(digits, '0')
/** iihf r,hi ; iilf r,lo */
const load = (r: number, v: bigint): string => `c0${r.toString(16)}8${hex(v >> 32n, 8)}c0${r.toString(16)}9${hex(v, 8)}`
const reg = (m: ReturnType<typeof compare>, r: number): bigint =>
  (BigInt(m.cpus[0]!.rh[r]! >>> 0) << 32n) | BigInt(m.cpus[0]!.rl[r]! >>> 0)
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v & 0xffff_ffffn)

const EDGES = [
  0n, 1n, M64, 0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0xffff_ffffn, 0x1_0000_0000n, 0xffff_ffff_0000_0000n,
  0x8000_0000n, 0x100_0000_01b3n, 0xcbf2_9ce4_8422_2325n, 0x1234_5678_9abc_def0n, 0xfedc_ba98_7654_3210n,
]
/** Operand pairs: every edge with every edge, six per program (registers 2-13). */
const PAIRS: Array<[bigint, bigint]> = EDGES.flatMap((a) => EDGES.map((b): [bigint, bigint] => [a, b]))
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

describe('JIT 64-bit multiply', () => {
  // Which operands the translation knows as constants at the multiply: a `j` to the next instruction makes it a
  // label, where the translation forgets what the loads before it set.
  const J_NEXT = 'a7f40002'
  const KNOWN = {
    both: (la: string, lb: string) => la + lb,
    none: (la: string, lb: string) => la + lb + J_NEXT,
    first: (la: string, lb: string) => lb + J_NEXT + la,
    second: (la: string, lb: string) => la + J_NEXT + lb,
  }
  for (const [known, order] of Object.entries(KNOWN)) {
    it(`MSGR and MSGFR give the low 64 bits of the product (operands known: ${known})`, () => {
      for (const group of chunks(PAIRS, 6)) {
        let code = ''
        group.forEach(([a, b], k) => {
          const r = 2 + 2 * k
          const op = k % 2 === 0 ? 'b90c' : 'b91c' // MSGR, MSGFR (second operand: the low word sign-extended)
          code += order(load(r, a), load(r + 1, b)) + op + '00' + r.toString(16) + (r + 1).toString(16)
        })
        for (const slice of [3, 1000]) {
          const m = compare({ code: code + LPSWE_END, gr: {} }, slice)
          group.forEach(([a, b], k) => {
            const r = 2 + 2 * k
            const bb = k % 2 === 0 ? b : s32(b)
            expect(reg(m, r), `${a.toString(16)} * ${bb.toString(16)}`).toBe((a * bb) & M64)
          })
        }
      }
    })
  }

  it('FNV-1a 64 loop: the multiplier built by LLIHL/OILL each iteration is a constant', () => {
    // iihf/iilf r10,h0 ; llilf r1,300 ; L: la r2,1(r2) ; llgc r11,-1(r2) ; xgr r11,r10 ; llihl r10,256 ;
    // oill r10,435 ; msgr r10,r11 ; brctg r1,L ; lpswe (bench.elf's fnv1a64 loop)
    const loop = 'c01f0000012c' + '41202001' + 'e3b02fffff90' + 'b98200ba' + 'a5ad0100' + 'a5ab01b3' + 'b90c00ab' + 'a717fff3'
    for (const h0 of [0xcbf2_9ce4_8422_2325n, 0n, M64, 0xffff_ffffn]) {
      for (const slice of [7, 1000]) {
        const m = compare({ code: load(10, h0) + loop + LPSWE_END, gr: { 2: DATA } }, slice)
        let h = h0
        for (let i = 0; i < 300; i++) h = ((h ^ BigInt(m.storage.u8[DATA + i]!)) * 0x100_0000_01b3n) & M64
        expect(reg(m, 10), `h0 ${h0.toString(16)}`).toBe(h)
        // the multiply by 0x100000001b3 as a constant: its high word 256 is a shift, no general 32x32 high product
        expect(m.jit!.all[0]!.src).toContain('Math.imul(u,256)')
        expect(m.jit!.all[0]!.src).not.toContain('k1=Math.imul')
      }
    }
  })

  it('a multiplier set by any immediate load, insert, AND/OR or register copy is known exactly', () => {
    const r = (op: string, imm: number, digits: number): string => op.replace('r', '3') + hex(BigInt(imm), digits)
    // every instruction the translation evaluates (codegen.ts KNOWN), applied to GR 3
    const ops = [
      ...['c', 'd', 'e', 'f', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b'].map((x) => (i: number) => r(`a5r${x}`, i, 4)),
      ...['e', 'f', '8', '9', '1'].map((x) => (i: number) => r(`c0r${x}`, i * 0x10001, 8)),
      (i: number) => r('a7r8', i, 4), // LHI
      (i: number) => r('a7r9', i, 4), // LGHI
      (i: number) => load(6, BigInt(i) * 0x1_0001_0001n) + '1836', // LR r3,r6
      (i: number) => load(6, BigInt(i) * 0x1_0001_0001n) + 'b9040036', // LGR r3,r6
    ]
    for (const base of [0n, M64, 0x8000_0000n, 0x1234_5678_9abc_def0n]) {
      let code = ''
      for (const op of ops)
        for (const imm of [0, 1, 0x1b3, 0x7fff, 0x8000, 0xffff])
          // lgr r4,r7 (unknown) ; msgr r4,r3 ; xgr r8,r4
          code += load(3, base) + op(imm) + 'b9040047' + 'b90c0043' + 'b9820084'
      compare({ code: code + LPSWE_END, gr: { 7: 0x1_2345_6789_abcd, 8: 0 } }, 100_000)
    }
  })

  it('MGHI and MSGFI with edge immediates', () => {
    const imms = [0n, 1n, -1n, 0x7fffn, -0x8000n, 0x7fff_ffffn, -0x8000_0000n, 0x1b3n]
    for (const a of EDGES) {
      let code = ''
      imms.forEach((i, k) => {
        const r = 2 + k
        const mghi = Math.abs(Number(i)) <= 0x8000 && i !== 0x8000n
        code += load(r, a) + (mghi ? `a7${r.toString(16)}d${hex(i, 4)}` : `c2${r.toString(16)}0${hex(i, 8)}`)
      })
      const m = compare({ code: code + LPSWE_END, gr: {} }, 1000)
      imms.forEach((i, k) => expect(reg(m, 2 + k), `${a.toString(16)} * ${i}`).toBe((a * i) & M64))
    }
  })
})
