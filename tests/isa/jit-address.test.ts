// Effective addresses of generated code (jit/codegen.ts Gen.ea: int32 words, the carry into the high word from
// unsigned comparisons): base/index/displacement sums that carry or borrow across 4 GiB and wrap at 2^64 in the
// 64-bit mode, translated at once and interpreted in the same slices, the whole CPU state compared after every slice
// (jit-run.ts), and the addresses checked against BigInt arithmetic.
import { describe, expect, it } from 'vitest'
import { DATA, LPSWE_END, compare } from './jit-run'

const M64 = (1n << 64n) - 1n
const hex = (v: bigint, digits: number): string => (v & ((1n << BigInt(digits * 4)) - 1n)).toString(16).padStart(digits, '0')
/** iihf r,hi ; iilf r,lo */
const load = (r: number, v: bigint): string => `c0${r.toString(16)}8${hex(v >> 32n, 8)}c0${r.toString(16)}9${hex(v, 8)}`
/** LAY r1,d(x,b) with a signed 20-bit displacement. */
const lay = (r1: number, d: number, x: number, b: number): string =>
  `e3${r1.toString(16)}${x.toString(16)}${b.toString(16)}${hex(BigInt(d), 3)}${hex(BigInt(d >> 12), 2)}71`
/** LA r1,d(x,b) with a 12-bit displacement. */
const la = (r1: number, d: number, x: number, b: number): string => `41${r1.toString(16)}${x.toString(16)}${b.toString(16)}${hex(BigInt(d), 3)}`
const reg = (m: ReturnType<typeof compare>, r: number): bigint =>
  (BigInt(m.cpus[0]!.rh[r]! >>> 0) << 32n) | BigInt(m.cpus[0]!.rl[r]! >>> 0)

/** Base (and index) values around the word boundaries. */
const EDGES = [0n, 1n, 0xffff_ffffn, 0x1_0000_0000n, 0x1_0000_0001n, 0xffff_fff0n, 0x8000_0000n, 0x7fff_ffffn, M64, 0xffff_ffff_0000_0000n]
/** Displacements: zero, the smallest and largest of LAY, and ones that cross a word boundary from the edges. */
const DISPS = [0, 1, -1, 16, -16, 0x7ffff, -0x80000]

describe('JIT effective addresses', () => {
  it('LAY/LA with a base register: carries and borrows into the high word, wrap at 2^64', () => {
    for (const base of EDGES) {
      let code = load(2, base)
      DISPS.forEach((d, k) => (code += lay(3 + k, d, 0, 2)))
      code += la(10, 0xfff, 0, 2)
      for (const slice of [2, 1000]) {
        const m = compare({ code: code + LPSWE_END, gr: {} }, slice)
        DISPS.forEach((d, k) => expect(reg(m, 3 + k), `${base.toString(16)} + ${d}`).toBe((base + BigInt(d)) & M64))
        expect(reg(m, 10)).toBe((base + 0xfffn) & M64)
      }
    }
  })

  it('LAY/LA with base and index registers: up to two carries, borrows', () => {
    for (const a of EDGES) {
      for (const b of [0n, 1n, 0xffff_ffffn, 0xffff_fff0n, M64]) {
        let code = load(2, a) + load(1, b)
        DISPS.forEach((d, k) => (code += lay(3 + k, d, 1, 2)))
        code += la(10, 0xfff, 1, 2)
        const m = compare({ code: code + LPSWE_END, gr: {} }, 1000)
        DISPS.forEach((d, k) => expect(reg(m, 3 + k), `${a.toString(16)} + ${b.toString(16)} + ${d}`).toBe((a + b + BigInt(d)) & M64))
        expect(reg(m, 10)).toBe((a + b + 0xfffn) & M64)
      }
    }
  })

  it('LAY without registers: negative displacements are addresses near 2^64', () => {
    const m = compare({ code: lay(3, -1, 0, 0) + lay(4, -0x80000, 0, 0) + lay(5, 0x7ffff, 0, 0) + LPSWE_END, gr: {} }, 1000)
    expect(reg(m, 3)).toBe(M64)
    expect(reg(m, 4)).toBe(M64 - 0x7ffffn)
    expect(reg(m, 5)).toBe(0x7ffffn)
  })

  it('loads through addresses whose displacement borrows from the high word', () => {
    // llgc r3,-16(r2) from above DATA; then from 2^32 + 5, which borrows to 2^32 - 11: beyond the 4 MiB machine, the
    // addressing exception ends the program at the program-interruption wait (0xbad0)
    const llgc = (r1: number, d: number, b: number): string => lay(r1, d, 0, b).slice(0, -2) + '90'
    const ok = compare({ code: load(2, BigInt(DATA + 0x20)) + llgc(3, -16, 2) + LPSWE_END, gr: {} }, 1000)
    expect(reg(ok, 3)).toBe(0x70n) // the data byte at DATA + 0x10: (0x10 * 7) & 255
    const bad = compare({ code: load(2, 0x1_0000_0005n) + llgc(3, -16, 2) + LPSWE_END, gr: {} }, 1000, 0xbad0)
    expect(bad.storage.dv.getUint16(0x8e)).toBe(5) // addressing exception
  })
})
