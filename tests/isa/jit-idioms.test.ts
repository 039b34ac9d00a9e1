// The byte-loop idioms of the translation tier (jit/idioms.ts: GCC's memcpy/memset loops run in bulk) give exactly
// the interpreter's results: registers, CC, PSW, every byte of storage, storage keys (R/C bits), instruction counts
// and program interruptions (protection in the middle of a copy, addressing at the end of storage, a count of 0
// that wraps), overlapping copies, stores into a page holding translated code.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

const CODE = 0x10000
const MEM_MIB = 4
/** ic %r5,0(%r1,%r3); stc %r5,0(%r1,%r2); aghi %r1,1; brctg %r4,.-12; lpswe 0xf00 */
const COPY = '43513000' + '42512000' + 'a71b0001' + 'a747fffa' + 'b2b20f00'
/** stc %r3,0(%r1); aghi %r1,1; brctg %r4,.-8; lpswe 0xf00 */
const FILL = '42301000' + 'a71b0001' + 'a747fffc' + 'b2b20f00'
/** stc %r3,0(%r1); la %r1,1(%r1); brctg %r4,.-8; lpswe 0xf00 (LA leaves the CC alone) */
const FILL_LA = '42301000' + '41101001' + 'a747fffc' + 'b2b20f00'
/** mvi 0(%r1),0x5a; la %r1,1(%r1); brctg %r4,.-8; lpswe 0xf00 */
const FILL_MVI = '925a1000' + '41101001' + 'a747fffc' + 'b2b20f00'

interface Setup {
  code: string
  /** Register values (bigint: any 64-bit value, two's complement). */
  gr: Record<number, number | bigint>
  key?: number
  /** CR0 bits to OR in (e.g. low-address protection). */
  cr0?: number
  skeys?: Record<number, number>
  mem?: Record<number, number[]>
}

/** Runs the loop to its disabled wait (the end PSW at 0xf00 or the program-new PSW) and returns everything. */
function run(s: Setup, jit: JitMode): { m: Machine; state: unknown } {
  const m = new Machine(defaultConfig({ memMiB: MEM_MIB, jit }))
  if (m.jit) {
    m.jit.keepSource = true
    m.jit.profile = true
  }
  const dv = m.storage.dv
  // end of the loop: disabled wait at 0xe0e0; program interruption: disabled wait at 0xbad0
  dv.setBigUint64(0xf00, 0x0002000180000000n)
  dv.setBigUint64(0xf08, 0xe0e0n)
  dv.setBigUint64(0x1d0, 0x0002000180000000n)
  dv.setBigUint64(0x1d8, 0xbad0n)
  for (let i = 0; i < 0x20000; i++) m.storage.u8[0x20000 + i] = (i * 7 + (i >> 8)) & 255
  for (const [a, bytes] of Object.entries(s.mem ?? {})) m.storage.u8.set(bytes, Number(a))
  for (const [a, k] of Object.entries(s.skeys ?? {})) m.storage.keys[Number(a) / 4096] = k
  m.storage.u8.set(Uint8Array.from(s.code.match(/../g)!, (b) => parseInt(b, 16)), CODE)
  const c = m.cpus[0]!
  for (const [r, v] of Object.entries(s.gr)) {
    const x = BigInt.asUintN(64, BigInt(v))
    c.rh[Number(r)] = Number(x >> 32n) | 0
    c.rl[Number(r)] = Number(x & 0xffffffffn) | 0
  }
  c.crl[0] = c.crl[0]! | (s.cr0 ?? 0)
  c.stopped = false
  c.loadPsw(0x00000001 | ((s.key ?? 0) << 20), 0x80000000, CODE)
  let total = 0
  let guard = 0
  for (;;) {
    const r = m.run(7919) // an odd slice size: budgets end in the middle of iterations
    total += r.executed
    if (r.ended !== null || ++guard > 100_000) break
  }
  const state = {
    ended: m.ended,
    detail: m.endDetail,
    total,
    icount: c.icount,
    gr: Array.from({ length: 16 }, (_, i) => [c.rh[i]! >>> 0, c.rl[i]! >>> 0]),
    cc: c.cc,
    pgm: dv.getUint16(0x8e),
    ilc: dv.getUint16(0x8c),
    oldPsw: dv.getBigUint64(0x158),
    teid: dv.getBigUint64(0xa8),
    memEqualsHash: hash(m.storage.u8),
    keys: Array.from(m.storage.keys),
  }
  return { m, state }
}

function hash(u8: Uint8Array): string {
  let h1 = 0x811c9dc5
  let h2 = 0
  for (let i = 0; i < u8.length; i++) {
    h1 = Math.imul(h1 ^ u8[i]!, 0x01000193)
    h2 = (h2 + u8[i]! * ((i % 251) + 1)) | 0
  }
  return `${(h1 >>> 0).toString(16)}-${(h2 >>> 0).toString(16)}`
}

const CASES: Array<[string, Setup]> = [
  ['copy 10,000 bytes across pages to an unaligned destination', { code: COPY, gr: { 1: 0, 2: 0x40003, 3: 0x20000, 4: 10_000 } }],
  ['overlapping forward copy replicates (dst = src + 1)', { code: COPY, gr: { 1: 0, 2: 0x20001, 3: 0x20000, 4: 5000 } }],
  ['overlapping backward copy (dst = src - 3)', { code: COPY, gr: { 1: 0, 2: 0x2fffd, 3: 0x30000, 4: 9000 } }],
  ['index register starts inside the page', { code: COPY, gr: { 1: 0x123, 2: 0x50000, 3: 0x21000, 4: 4000 } }],
  ['fill 9,000 bytes', { code: FILL, gr: { 1: 0x30005, 3: 0x1ab, 4: 9000 } }],
  ['fill 9,000 bytes with LA as the increment', { code: FILL_LA, gr: { 1: 0x30005, 3: 0x1ab, 4: 9000 } }],
  ['fill 9,000 bytes with MVI and LA', { code: FILL_MVI, gr: { 1: 0x30005, 4: 9000 } }],
  ['MVI fill into a page holding the loop', { code: FILL_MVI, gr: { 1: CODE + 0x40, 4: 300 } }],
  ['fill reaching into the low pages (per-address protection rules: interpreted)', { code: FILL, gr: { 1: 0x1f00, 3: 0x5a, 4: 0x400 } }],
  ['fill into the low-address-protected 4096-4607 (interpreted iterations, exception from the interpreter)', { code: FILL, cr0: 0x10000000, gr: { 1: 0x0c00, 3: 0x11, 4: 0x1000 } }],
  ['protection in the middle of a copy (key 1, destination page key 2)', { code: COPY, key: 1, skeys: { 0x40000: 0x10, 0x41000: 0x10, 0x42000: 0x10, 0x43000: 0x20 }, gr: { 1: 0, 2: 0x40800, 3: 0x20000, 4: 20_000 } }],
  ['fetch protection of the source (key 1, source page key 2 fetch-protected)', { code: COPY, key: 1, skeys: { 0x22000: 0x28, 0x40000: 0x10, 0x41000: 0x10, 0x42000: 0x10 }, gr: { 1: 0, 2: 0x40000, 3: 0x20000, 4: 12_000 } }],
  ['count 0 wraps: runs until an addressing exception at the end of storage', { code: FILL, gr: { 1: MEM_MIB * 2 ** 20 - 30_000, 3: 7, 4: 0 } }],
  ['stores into the page holding the loop', { code: COPY, gr: { 1: 0, 2: CODE + 0x100, 3: 0x20000, 4: 3000 } }],
  // registers at and above 2^53 (the high virtual addresses of DAT tests): index 2^60, bases -2^60 + X wrap into storage
  ['copy with an index of 2^60 and bases wrapping at 2^64', { code: COPY, gr: { 1: 1n << 60n, 2: 0x40003n - (1n << 60n), 3: 0x20000n - (1n << 60n), 4: 10_000 } }],
  // AGHI of the index crosses 2^63 - 1: CC 3 at that iteration (program mask 0), negative (CC 1) after it
  ['copy whose index crosses the signed-overflow boundary', { code: COPY, gr: { 1: (1n << 63n) - 0x800n, 2: 0x40000n + 0x800n - (1n << 63n), 3: 0x20000n + 0x800n - (1n << 63n), 4: 5000 } }],
  ['copy with a negative index whose low word carries into the high word', { code: COPY, gr: { 1: -(1n << 32n) - 0x100n, 2: 0x40000n + (1n << 32n) + 0x100n, 3: 0x20000n + (1n << 32n) + 0x100n, 4: 6000 } }],
]

/** Loops too short to become hot: interpreted only, listed for the same comparison. */
const COLD: Array<[string, Setup]> = [['copy of one byte', { code: COPY, gr: { 1: 0, 2: 0x40000, 3: 0x20000, 4: 1 } }]]

describe('JIT byte-loop idioms match the interpreter', () => {
  it.each(CASES)('%s', (_name, s) => {
    const off = run(s, 'off')
    const on = run(s, 'on')
    expect(on.state).toEqual(off.state)
    expect(on.m.jit!.all.some((b) => b.src.includes('idiom'))).toBe(true)
  })

  it.each(COLD)('%s (not translated)', (_name, s) => {
    expect(run(s, 'on').state).toEqual(run(s, 'off').state)
  })

  it('checked mode agrees block by block', () => {
    const on = run(CASES[0]![1], 'check')
    expect(on.state).toEqual(run(CASES[0]![1], 'off').state)
    expect(on.m.jit!.stats.checked).toBeGreaterThan(0)
  })
})
