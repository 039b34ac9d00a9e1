// The WebAssembly binary writer (src-core/emulator/wasm/emit.ts): modules it writes validate, instantiate and compute
// what their code says, with branches resolved to the right depth and constants encoded at their edges.
import { describe, expect, it } from 'vitest'
import { block, br, brIf, brTable, c32, c64, call, f64, f64c, Func, get, i32, i64, if_, ifv, loop, Module, resolve, ret, select, set, tee, WasmEmitError } from '@core/emulator/wasm/emit'

function instantiate(m: Module, imports: WebAssembly.Imports = {}): Record<string, (...a: never[]) => unknown> {
  const bytes = m.bytes()
  expect(WebAssembly.validate(bytes)).toBe(true)
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as never
}

describe('wasm emitter', () => {
  it('encodes i32 and i64 constants at their edges', () => {
    const m = new Module()
    const values32 = [0, 1, -1, 63, 64, -64, -65, 127, 128, 0x7fffffff, -0x80000000, 0x12345678]
    values32.forEach((v, k) => {
      const f = new Func([], ['i32'])
      f.body = c32(v)
      m.func(f, `a${k}`)
    })
    const values64 = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0x123456789abcdefn, -0x40n, 0x40n]
    values64.forEach((v, k) => {
      const f = new Func([], ['i64'])
      f.body = c64(v)
      m.func(f, `b${k}`)
    })
    const fd = new Func([], ['f64'])
    fd.body = f64c(2 ** 52 + 3)
    m.func(fd, 'd')
    const x = instantiate(m)
    values32.forEach((v, k) => expect(x[`a${k}`]!()).toBe(v | 0))
    values64.forEach((v, k) => expect(x[`b${k}`]!()).toBe(v))
    expect(x['d']!()).toBe(2 ** 52 + 3)
  })

  it('runs loops, nested blocks and br_table over imported memory, and calls imports', () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1 })
    const u8 = new Uint8Array(mem.buffer)
    for (let k = 0; k < 256; k++) u8[k] = k
    const seen: number[] = []
    const m = new Module()
    m.importMemory('e', 'mem', 1, 1)
    const note = m.importFunc('e', 'note', ['i32'], [])
    // sum(n): the bytes 0..n-1 summed, stopping early at a byte equal to 200 (brIf out of the loop)
    const sum = new Func(['i32'], ['i32'])
    const k = sum.local('i32')
    const s = sum.local('i32')
    sum.body = block(
      'out',
      null,
      loop(
        'next',
        brIf('out', i32.geU(get(k), get(0))),
        brIf('out', i32.eq(i32.load8u(get(k)), c32(200))),
        set(s, i32.add(get(s), i32.load8u(get(k)))),
        set(k, i32.add(get(k), c32(1))),
        br('next'),
      ),
    ).concat(ret(get(s)))
    m.func(sum, 'sum')
    // pick(x): br_table over three cases and a default, each case noting its number
    const pick = new Func(['i32'], ['i32'])
    const r = pick.local('i32')
    const c0 = block('c0', null, brTable(['c0', 'c1', 'c2'], 'd', get(0)))
    const c1 = block('c1', null, c0, call(note, c32(0)), set(r, c32(10)), br('done'))
    const c2 = block('c2', null, c1, call(note, c32(1)), set(r, c32(11)), br('done'))
    const d = block('d', null, c2, call(note, c32(2)), set(r, c32(12)), br('done'))
    pick.body = [...block('done', null, d, call(note, c32(99)), set(r, c32(-1))), ...get(r)]
    m.func(pick, 'pick')
    const x = instantiate(m, { e: { mem, note: (v: number) => seen.push(v) } })
    expect(x['sum']!(10 as never)).toBe(45)
    expect(x['sum']!(256 as never)).toBe((199 * 200) / 2)
    expect([0, 1, 2, 3, 7].map((v) => x['pick']!(v as never))).toEqual([10, 11, 12, -1, -1])
    expect(seen).toEqual([0, 1, 2, 99, 99])
  })

  it('does 64-bit arithmetic, memory at offsets, select, if with and without results', () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1 })
    const m = new Module()
    m.importMemory('e', 'mem', 1, 1)
    // f(hi, lo): stores the 64-bit register (hi:lo) + 1 at 0x108 (little-endian), returns its high word
    const f = new Func(['i32', 'i32'], ['i32'])
    const v = f.local('i64')
    f.body = seq64(v)
    m.func(f, 'f')
    const g = new Func(['i32'], ['i32'])
    g.body = [...select(c32(7), c32(9), get(0)), ...ifv('i32', i32.eqz(get(0)), c32(1), c32(2)), ...i32.add([], [])]
    m.func(g, 'g')
    const h = new Func(['i32'], ['i32'])
    const t = h.local('i32')
    h.body = [...if_(i32.ltS(get(0), c32(0)), set(t, c32(-1)), set(t, tee(0, i32.mul(get(0), c32(3))))), ...i32.add(get(t), get(0))]
    m.func(h, 'h')
    const fl = new Func(['i32'], ['i32'])
    fl.body = [...f64.store(c32(0x200), f64.convertI32U(get(0))), ...i32.truncF64U(f64.load(c32(0), 0x200))]
    m.func(fl, 'fl')
    const x = instantiate(m, { e: { mem } })
    const dv = new DataView(mem.buffer)
    expect(x['f']!(0x1 as never, -1 as never)).toBe(2)
    expect(dv.getBigUint64(0x108, true)).toBe(0x2_0000_0000n)
    expect(x['f']!(-1 as never, -1 as never)).toBe(0)
    expect(dv.getBigUint64(0x108, true)).toBe(0n)
    expect(x['g']!(0 as never)).toBe(10)
    expect(x['g']!(5 as never)).toBe(9)
    expect(x['h']!(-4 as never)).toBe(-5)
    expect(x['h']!(4 as never)).toBe(24)
    expect(x['fl']!(-1 as never)).toBe(-1)
  })

  it('converts i64 to f64 signed and f64 to i32 with saturation (never trapping)', () => {
    const m = new Module()
    const sat = new Func(['f64'], ['i32'])
    sat.body = i32.truncSatF64S(get(0))
    m.func(sat, 'sat')
    const cvt = new Func(['i64'], ['f64'])
    cvt.body = f64.convertI64S(get(0))
    m.func(cvt, 'cvt')
    const x = new WebAssembly.Instance(new WebAssembly.Module(m.bytes()), {}).exports as Record<string, (v: never) => number>
    expect([3e9, -3e9, Number.NaN, 4096.7, -1.5, 2 ** 31 - 1].map((v) => x['sat']!(v as never))).toEqual([2 ** 31 - 1, -(2 ** 31), 0, 4096, -1, 2 ** 31 - 1])
    expect([2n ** 41n, -5n, 0n].map((v) => x['cvt']!(v as never))).toEqual([2 ** 41, -5, 0])
  })

  it('names the label a branch cannot reach', () => {
    expect(() => resolve(block('a', null, br('b')))).toThrow(WasmEmitError)
    expect(() => resolve(block('a', null, br('b')))).toThrow(/branch to 'b'/)
    const m = new Module()
    m.func(new Func([], []))
    expect(() => m.importFunc('e', 'late', [], [])).toThrow(/after a defined function/)
  })
})

/** (hi:lo) + 1 as an i64, stored at 0x100 + 8, and its high word returned. */
function seq64(v: number): ReturnType<typeof i32.add> {
  const wide = i64.or(i64.shl(i64.extendI32U(get(0)), c64(32)), i64.extendI32U(get(1)))
  return [...set(v, i64.add(wide, c64(1))), ...i64.store(c32(0x100), get(v), 8), ...i32.wrapI64(i64.shrU(get(v), c64(32)))]
}
