// A small seeded property-testing helper (no dependency): generators over a deterministic PRNG, a runner that stops at
// the first failing case and reports its seed and a shrunk input, so `FUZZ_SEED=<seed>` replays it exactly.

/** Deterministic 32-bit PRNG (mulberry32). */
export class Rng {
  private s: number
  constructor(seed: number) {
    this.s = seed >>> 0
  }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.u32() % (hi - lo + 1))
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)] as T
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n)
    for (let i = 0; i < n; i++) b[i] = this.u32() & 0xff
    return b
  }
}

/** Builds one random value from a PRNG; `size` grows from small to large over a run. */
export type Gen<T> = (r: Rng, size: number) => T

/** A property: `check` throws (or returns a message) when the value breaks it. */
export interface Property<T> {
  name: string
  gen: Gen<T>
  check: (value: T) => void | string
  /** Smaller candidates of a failing value, tried in order (optional). */
  shrink?: (value: T) => Iterable<T>
  /** Relative cost: cases of this property = runs / cost. */
  cost?: number
}

/** Outcome of checking one property. */
export interface PropertyReport {
  name: string
  cases: number
  failures: number
  /** The first failure: seed, shrunk input (JSON-ish) and the error. */
  failure: { seed: number; input: string; error: string } | null
  ms: number
}

const show = (v: unknown): string => {
  if (v instanceof Uint8Array) return `bytes(${v.length}) ${Buffer.from(v.subarray(0, 64)).toString('hex')}${v.length > 64 ? '…' : ''}`
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s
}

function fails<T>(p: Property<T>, v: T): string | null {
  try {
    const r = p.check(v)
    return typeof r === 'string' ? r : null
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e)
  }
}

/** Checks `p` on `runs` generated values from `seed` (case i uses seed + i); stops at the first failure and shrinks it. */
export function checkProperty<T>(p: Property<T>, runs: number, seed: number): PropertyReport {
  const t0 = performance.now()
  const n = Math.max(1, Math.floor(runs / (p.cost ?? 1)))
  for (let i = 0; i < n; i++) {
    const caseSeed = (seed + i) >>> 0
    const value = p.gen(new Rng(caseSeed), Math.min(1, (i + 1) / Math.max(1, n / 4)))
    let error = fails(p, value)
    if (error === null) continue
    let best = value
    for (let round = 0, improved = true; improved && round < 200; round++) {
      improved = false
      for (const c of p.shrink?.(best) ?? []) {
        const e = fails(p, c)
        if (e !== null) {
          best = c
          error = e
          improved = true
          break
        }
      }
    }
    return { name: p.name, cases: i + 1, failures: 1, failure: { seed: caseSeed, input: show(best), error }, ms: performance.now() - t0 }
  }
  return { name: p.name, cases: n, failures: 0, failure: null, ms: performance.now() - t0 }
}

/** Shrinks a string: halves, then drops single characters from the end. */
export function* shrinkString(s: string): Iterable<string> {
  if (s.length === 0) return
  yield s.slice(0, s.length >> 1)
  yield s.slice(s.length >> 1)
  for (let i = s.length - 1; i >= 0 && i > s.length - 64; i--) yield s.slice(0, i) + s.slice(i + 1)
}

/** Shrinks bytes the same way. */
export function* shrinkBytes(b: Uint8Array): Iterable<Uint8Array> {
  if (b.length === 0) return
  yield b.subarray(0, b.length >> 1)
  for (let i = b.length - 1; i >= 0 && i > b.length - 32; i--) yield Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1)])
}

/** Text of `n` pieces drawn from `alphabet` pieces and random code points (controls, bidi, astral included). */
export function textOf(r: Rng, pieces: readonly string[], n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) {
    const k = r.int(0, 9)
    if (k < 7) s += r.pick(pieces)
    else if (k < 8) s += String.fromCharCode(r.int(0, 0x20))
    else if (k < 9) s += String.fromCodePoint(r.pick([0x7f, 0x85, 0xa0, 0x202e, 0x2028, 0xfeff, 0xfffd, 0x1f600, r.int(0x21, 0x7e), r.int(0x80, 0xffff)]))
    else s += r.pick(['\n', '\r\n', '\r', ' ', '\t'])
  }
  return s
}
