// 64-bit multiply templates of generated code (jit/codegen.ts mul64: low 64 bits from 32-bit halves, Math.imul and
// mulhi): edge operands translated at once and interpreted in the same slices, the whole CPU state compared after
// every slice (jit-run.ts), and the products checked against BigInt arithmetic.
import { describe, expect, it } from 'vitest'
import { LPSWE_END, compare } from './jit-run'

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
  it('MSGR and MSGFR give the low 64 bits of the product', () => {
    for (const group of chunks(PAIRS, 6)) {
      let code = ''
      group.forEach(([a, b], k) => {
        const r = 2 + 2 * k
        const op = k % 2 === 0 ? 'b90c' : 'b91c' // MSGR, MSGFR (second operand: the low word sign-extended)
        code += load(r, a) + load(r + 1, b) + op + '00' + r.toString(16) + (r + 1).toString(16)
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
