// The interpreter's fast path (cpu/predecode.ts + the switch in cpu/interpret.ts) against the generic path (the
// table's decode + exec, which Cpu.step runs when a tracer is set): every mnemonic of the hot set, with random
// operand fields and register values (addresses inside storage, across page ends, past its end; overflow values;
// every addressing mode, CC and program mask; with an empty and with a full TLB; storage not zero), executed once
// on two machines in the same state; registers, PSW and the whole storage (lowcore interruption fields included)
// must be the same after it. Plus self-modifying code.
import { describe, expect, it } from 'vitest'
import { insnByMnemonic, lookupInsn } from '@core/emulator/isa/decode'
import { FAST_MNEMONICS, OP_GENERIC, predecode } from '@core/emulator/cpu/predecode'
import { interpreterWasmInsns, primeForTests } from '@core/emulator/cpu/interpret'
import { wasmCases } from '@core/emulator/cpu/wasm-loop'
import { CODE, PGM_TRAP, prepare } from './harness'
import { MEM, encode, regValue, rng } from './random-insn'
import { ACC_FETCH, ACC_STORE } from '@core/emulator/cpu/constants'
import type { Cpu } from '@core/emulator/cpu/cpu'
import { defaultConfig, Machine } from '@core/emulator/machine'

/** Mnemonics whose random cases must include program exceptions (access exceptions, fixed-point overflow). */
const RAISES = new Set(
  'L LY LG LGF LLGF LLGC LLC LH LHY LLH LLGH IC ICY LT LTG LB LGB ST STY STG STC STCY STH STHY MVI MVIY CLI CLIY TM TMY MVHHI MVHI MVGHI CG CLG C CY CL CLY AR ARK SR SRK AGR AGRK SGR SGRK AHI AFI AHIK AGHI AGFI AGHIK AG N NY A AY S SY X XY O OY SG XG ALGF LGRL LRL LMG STMG AGF OG NG STGRL STRL MVC CLC XC CS CSY'.split(' '),
)
/** Storage of a machine as a Buffer view (no copy). */
const view = (m: Machine): Buffer => Buffer.from(m.storage.u8.buffer, m.storage.u8.byteOffset, m.storage.u8.byteLength)

interface Pair {
  a: { m: Machine; c: Cpu }
  b: { m: Machine; c: Cpu }
}

function pair(): Pair {
  const a = prepare({}, '0700')
  const b = prepare({}, '0700')
  // The tracer makes Cpu.run execute through Cpu.step: the table's decode + exec, never the fast path.
  b.m.tracer = () => undefined
  // Operands that differ byte by byte (a zeroed storage would hide a load from the wrong byte).
  for (const { m } of [a, b]) for (let i = 0x2000; i < MEM; i++) m.storage.u8[i] = Math.imul(i, 0x9e3779b1) >>> 24
  return { a, b }
}

/** Puts both machines in the same state: registers, PSW (amode, CC, program mask), new PSWs, the code at `at`. */
function setState(p: Pair, r: () => number, at: number, code: number[]): void {
  const regs = Array.from({ length: 16 }, () => regValue(r))
  const amode = [24, 31, 64, 64][r() % 4]!
  const cc = r() & 3
  const pm = r() % 3 === 0 ? 8 : r() & 15
  for (const { m, c } of [p.a, p.b]) {
    const dv = m.storage.dv
    dv.setUint32(0x1d0, 0x00000001)
    dv.setUint32(0x1d4, 0x80000000)
    dv.setUint32(0x1d8, 0)
    dv.setUint32(0x1dc, PGM_TRAP)
    m.storage.u8.set(code, at)
    regs.forEach(([h, l], n) => {
      c.rh[n] = h
      c.rl[n] = l
    })
    c.loadPsw((cc << 12) | (pm << 8) | (amode === 64 ? 1 : 0), amode === 24 ? 0 : 0x80000000 | 0, at)
    c.stopped = false
  }
}

/** Fills both machines' software TLBs for fetches and stores with every page of storage: the fast path reads and
 * writes TLB-hit operands straight from storage, which a freshly loaded PSW (an empty TLB) never exercises. */
function warmTlbs(p: Pair): void {
  for (const { c } of [p.a, p.b]) {
    for (let a = 0; a < MEM; a += 4096) {
      for (const acc of [ACC_FETCH, ACC_STORE] as const) {
        try {
          c.abs(a, acc)
        } catch {
          // not accessible: stays out of the TLB
        }
      }
    }
  }
}

/** The architected state compared between the two paths. */
function state(c: Cpu): unknown {
  return { gr: [...c.rh, ...c.rl], cc: c.cc, pm: c.pm, ia: c.ia, amode: c.amode, mask: c.mask }
}

/** Fast mnemonics whose random operands rarely address storage (2 MiB) through the TLB: the WebAssembly loop may
 * never complete one of them in a test's 64 cases (they are still compared whichever loop ran them). */
const RARELY_IN_STORAGE = new Set(['LGRL', 'LRL', 'STGRL', 'STRL', 'CSY'])

describe('interpreter fast path = generic path', () => {
  it('pre-decodes every mnemonic of the hot set into a fast-path operation', () => {
    const generic: string[] = []
    for (const mn of FAST_MNEMONICS) {
      const ins = insnByMnemonic(mn)
      expect(ins, mn).toBeDefined()
      const [h0, h1, h2] = encode(ins!, rng(1))
      expect(lookupInsn(h0, h2)?.mnemonic).toBe(mn)
      if (predecode(ins!, h0, h1, h2).op === OP_GENERIC) generic.push(mn)
    }
    expect(generic).toEqual([])
  })

  it.each(FAST_MNEMONICS.map((mn) => [mn]))('%s: random operands give the same state on both paths', (mn) => {
    const ins = insnByMnemonic(mn)!
    const p = pair()
    const r = rng(0x5eed ^ mn.length * 7919 ^ mn.charCodeAt(0) * 31)
    let exceptions = 0
    const inWasm = interpreterWasmInsns()
    for (let k = 0; k < 64; k++) {
      const [h0, h1, h2] = encode(ins, r)
      const len = h0 >>> 14 === 0 ? 2 : h0 >>> 14 === 3 ? 6 : 4
      const bytes = [h0 >>> 8, h0 & 0xff, h1 >>> 8, h1 & 0xff, h2 >>> 8, h2 & 0xff].slice(0, len)
      // Mostly in the middle of a page; sometimes ending exactly at a page end.
      const at = k % 5 === 4 ? CODE + 0x1000 - len : CODE + 2 * (r() & 0x3f)
      setState(p, r, at, bytes)
      if (k % 2 === 1) warmTlbs(p)
      // (in the cache before it runs: the WebAssembly loop runs only cached instructions, fastLoop decodes)
      if (k % 4 < 2) primeForTests(p.a.c)
      const na = p.a.c.run(1)
      const nb = p.b.c.run(1)
      const what = `${mn} case ${k}: ${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`
      expect(na, what).toBe(nb)
      expect(state(p.a.c), what).toEqual(state(p.b.c))
      if (!view(p.a.m).equals(view(p.b.m))) {
        const i = p.a.m.storage.u8.findIndex((v, j) => v !== p.b.m.storage.u8[j])
        expect.fail(`${what}: storage differs at 0x${i.toString(16)}`)
      }
      if (p.a.c.ia === PGM_TRAP) exceptions++
    }
    // the cases the WebAssembly loop has ran there (the TLB warm and the instruction cached: a quarter of them; the
    // random relative-long and long-displacement operands of these rarely lie in storage)
    if (wasmCases().has(predecode(ins, ...encode(ins, rng(1))).op) && !RARELY_IN_STORAGE.has(mn)) expect(interpreterWasmInsns() - inWasm, `${mn} in the WebAssembly loop`).toBeGreaterThan(0)
    // Storage operands and overflowing arithmetic must have met their exceptions somewhere in the random cases.
    if (RAISES.has(mn)) expect(exceptions, `${mn}: program exceptions among the random cases`).toBeGreaterThan(0)
  })

  it('runs self-modifying code the same way: a store into the loop rewrites an instruction already cached', () => {
    // 10000 lhi r2,1 ; 10004 ar r6,r2 ; 10006 stc r3,3(r4) (patches lhi's immediate) ; 1000a brct r5,10000
    const code = [0xa7, 0x28, 0x00, 0x01, 0x1a, 0x62, 0x42, 0x30, 0x40, 0x03, 0xa7, 0x56, 0xff, 0xfb]
    const run = (generic: boolean): number[] => {
      const { m, c } = prepare({ gr: { 3: 7n, 4: BigInt(CODE), 5: 3n } }, code.map((b) => b.toString(16).padStart(2, '0')).join(''))
      if (generic) m.tracer = () => undefined
      expect(c.run(12)).toBe(12)
      return [c.ia, c.rl[2]!, c.rl[6]!]
    }
    expect(run(false)).toEqual([CODE + 14, 7, 15])
    expect(run(true)).toEqual([CODE + 14, 7, 15])
  })

  it.each([
    ['stc r5,3(r4) (a fast-path store)', '42504003'],
    ['stcm r5,1,3(r4) (a generic-path store)', 'be514003'],
  ])('runs a loop that patches its own next iteration through %s as the generic path does', (_what, store) => {
    // 10000 lhi r2,0 ; 10004 ar r6,r2 ; 10006 <store r5 into lhi's immediate byte> ; 1000a brct r5,10000
    // r5 = 5, 4, ... 1: each iteration stores another value, which the next one must load; r6 = 0+5+4+3+2.
    const code = `a7280000 1a62 ${store} a756fffb`.replace(/ /g, '')
    const run = (generic: boolean): number[] => {
      const { m, c } = prepare({ gr: { 4: BigInt(CODE), 5: 5n } }, code)
      if (generic) m.tracer = () => undefined
      // (the store TLB holds the code page from the start: the fast store hits it at once)
      c.abs(CODE, ACC_STORE)
      expect(c.run(20)).toBe(20)
      return [c.ia, c.rl[2]!, c.rl[6]!, c.rl[5]!]
    }
    expect(run(false)).toEqual([CODE + 14, 2, 14, 0])
    expect(run(true)).toEqual([CODE + 14, 2, 14, 0])
  })

  it('runs MVC byte by byte (an overlapping fill) and a loop whose MVC patches its own next iteration', () => {
    // 10000 lhi r7,1 ; 10004 mvc 2(2,r4),0(r3) (lhi's immediate from the data) ; 1000a la r3,2(r3) ;
    // 1000e mvi 0(r2),0x5a ; 10012 mvc 1(15,r2),0(r2) ; 10018 brct r5,10000
    const code = 'a7780001 d20140023000 41303002 925a2000 d20e20012000 a756fff4'.replace(/ /g, '')
    const run = (generic: boolean): unknown => {
      const { m, c } = prepare({ gr: { 2: 0x31000n, 3: 0x30000n, 4: BigInt(CODE), 5: 3n } }, code)
      if (generic) m.tracer = () => undefined
      m.storage.u8.set([0x00, 0x05, 0x00, 0x07, 0x00, 0x09], 0x30000)
      // (the TLBs hold the pages from the start: the fast path runs the first MVC too)
      for (const a of [CODE, 0x30000, 0x31000]) for (const acc of [ACC_FETCH, ACC_STORE] as const) c.abs(a, acc)
      expect(c.run(18)).toBe(18)
      return { r7: c.rl[7], ia: c.ia, fill: Buffer.from(m.storage.u8.subarray(0x31000, 0x31011)).toString('hex') }
    }
    const expected = { r7: 7, ia: CODE + 0x1c, fill: '5a'.repeat(16) + '00' }
    expect(run(false)).toEqual(expected)
    expect(run(true)).toEqual(expected)
  })

  it('runs CS (equal: stores; unequal: loads) and XC (the CC of all bytes, an overlapping clear) as the generic path', () => {
    // cs r4,r5,0(r2) ; ipm r8 ; cs r6,r7,0(r2) ; ipm r9 ; xc 0(4,r3),4(r3) ; ipm r10 ; xc 0(8,r3),0(r3) ; ipm r11
    const code = 'ba452000 b2220080 ba672000 b2220090 d70330003004 b22200a0 d70730003000 b22200b0'.replace(/ /g, '')
    const run = (generic: boolean): unknown => {
      const { m, c } = prepare({ gr: { 2: 0x30000n, 3: 0x31000n, 4: 0x11223344n, 5: 0x55667788n, 6: 0x99n, 7: 0x12n } }, code)
      if (generic) m.tracer = () => undefined
      m.storage.u8.set([0x11, 0x22, 0x33, 0x44], 0x30000)
      m.storage.u8.set([0x01, 0, 0, 0x80, 0, 0, 0, 0x80], 0x31000)
      for (const a of [0x30000, 0x31000]) for (const acc of [ACC_FETCH, ACC_STORE] as const) c.abs(a, acc)
      expect(c.run(8)).toBe(8)
      const cc = (r: number): number => (c.rl[r]! >>> 28) & 3
      return { cc: [cc(8), cc(9), cc(10), cc(11)], r6: c.rl[6], word: m.storage.dv.getUint32(0x30000), xc: Buffer.from(m.storage.u8.subarray(0x31000, 0x31008)).toString('hex') }
    }
    const expected = { cc: [0, 1, 1, 0], r6: 0x55667788, word: 0x55667788, xc: '0000000000000000' }
    expect(run(false)).toEqual(expected)
    expect(run(true)).toEqual(expected)
  })

  it('runs relative-long loads and stores, CSY, LMG/STMG, MVC/CLC/XC and IPM in a loop as the generic path (the WebAssembly loop from its second turn)', () => {
    // L: lgrl r2,D ; lrl r3,D+8 ; stgrl r4,D+16 ; strl r5,D+24 ; csy r6,r7,0(r8) ; stmg r2,r5,0(r10) ; lmg r11,r12,8(r10)
    //    mvc 0(8,r10),16(r10) ; clc 0(4,r10),4(r10) ; ipm r13 ; xc 32(8,r10),0(r10) ; ahi r4,3 ; brct r9,L
    // (D = CODE + 0x800; r8 = a word of storage; r10 = a scratch area, all in one page each)
    const code: number[] = []
    const at = (): number => CODE + code.length
    const rel32 = (target: number): number[] => {
      const h = (target - at()) / 2
      return [(h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff]
    }
    const D = CODE + 0x800
    code.push(0xc4, 0x28, ...rel32(D))
    code.push(0xc4, 0x3d, ...rel32(D + 8))
    code.push(0xc4, 0x4b, ...rel32(D + 16))
    code.push(0xc4, 0x5f, ...rel32(D + 24))
    code.push(0xeb, 0x67, 0x80, 0x00, 0x00, 0x14)
    code.push(0xeb, 0x25, 0xa0, 0x00, 0x00, 0x24)
    code.push(0xeb, 0xbc, 0xa0, 0x08, 0x00, 0x04)
    code.push(0xd2, 0x07, 0xa0, 0x00, 0xa0, 0x10)
    code.push(0xd5, 0x03, 0xa0, 0x00, 0xa0, 0x04)
    code.push(0xb2, 0x22, 0x00, 0xd0)
    code.push(0xd7, 0x07, 0xa0, 0x20, 0xa0, 0x00)
    code.push(0xa7, 0x4a, 0x00, 0x03)
    code.push(0xa7, 0x96, 0xff, 0xff & -(code.length / 2))
    const hex = code.map((b) => b.toString(16).padStart(2, '0')).join('')
    const turns = 5
    const run = (generic: boolean): unknown => {
      const { m, c } = prepare({ gr: { 4: 0x123456789an, 5: 0x7654321n, 6: 0x11223344n, 7: 0x55667788n, 8: 0x30000n, 9: BigInt(turns), 10: 0x31000n }, cc: 2, pm: 5 }, hex)
      if (generic) m.tracer = () => undefined
      for (let k = 0; k < 32; k++) m.storage.u8[D + k] = Math.imul(k + 1, 0x9e3779b1) >>> 24
      m.storage.u8.set([0x11, 0x22, 0x33, 0x44], 0x30000)
      const before = interpreterWasmInsns()
      expect(c.run(13 * turns)).toBe(13 * turns)
      const ran = interpreterWasmInsns() - before
      return { gr: [...c.rh, ...c.rl], cc: c.cc, ia: c.ia, data: Buffer.from(m.storage.u8.subarray(D, D + 32)).toString('hex'), word: m.storage.dv.getUint32(0x30000), area: Buffer.from(m.storage.u8.subarray(0x31000, 0x31040)).toString('hex'), ran }
    }
    const fast = run(false) as { ran: number }
    const generic = run(true) as { ran: number }
    expect({ ...fast, ran: 0 }).toEqual({ ...generic, ran: 0 })
    expect(generic.ran).toBe(0)
    // from the second turn on, all 13 instructions ran in the WebAssembly loop, in new epochs after the stores into
    // the code's page (STGRL, STRL)
    expect(fast.ran).toBeGreaterThanOrEqual(13 * (turns - 2))
  })

  it('runs each machine\'s own code at the same address, also in a storage another machine used (wipe)', () => {
    // A: lhi r2,5 ; B: lhi r3,9 ; C: ar r2,r2 + nopr (another length at the same absolute address)
    const a = prepare({}, 'a7280005')
    const b = prepare({}, 'a7380009')
    const d = prepare({ gr: { 2: 21n } }, '1a220700')
    expect(a.c.run(1)).toBe(1)
    expect(b.c.run(1)).toBe(1)
    expect(d.c.run(1)).toBe(1)
    // (each storage in a WebAssembly memory has a cache of its own: Storage.insnCache)
    expect(a.c.icache).toBe(a.m.storage.insnCache)
    expect(b.c.icache).not.toBe(a.c.icache)
    expect([a.c.rl[2], a.c.rl[3], b.c.rl[2], b.c.rl[3], d.c.rl[2], d.c.ia]).toEqual([5, 0, 0, 9, 42, CODE + 2])
    // and again
    a.c.ia = CODE
    a.c.rl[2] = 0
    expect(a.c.run(1)).toBe(1)
    expect([a.c.rl[2], a.c.ia]).toEqual([5, CODE + 4])
    // A's storage, wiped, for a new machine (as the warm pool does): its cache still holds A's instruction at CODE,
    // compared with the new machine's bytes there (lhi r4,7), and the new CPU's registers start at 0
    const storage = a.m.storage
    storage.wipe(Array.from({ length: storage.size / 4096 }, (_, f) => f))
    const e = new Machine(defaultConfig({ memMiB: 2, jit: 'off' }), storage)
    const c = e.cpus[0]!
    storage.u8.set([0xa7, 0x48, 0x00, 0x07], CODE)
    c.stopped = false
    expect(c.loadPsw(1, 0x80000000 | 0, CODE)).toBe(true)
    expect(c.icache).toBe(a.c.icache)
    expect(c.run(1)).toBe(1)
    expect([c.rl[2], c.rl[4], c.ia]).toEqual([0, 7, CODE + 4])
  })

  it('resolves operands above 2^32 through the TLB (a kernel stack under DAT) to the same frames as the generic path', () => {
    // lg r5,0x10(r4,r3) ; stg r5,0x18(,r3) ; a r5,0x20(,r3) ; stmg r5,r6,0x28(r3) ; lmg r7,r8,0x28(r3)
    // r3 = 0x37f:fffeb300, r4 = 0x400: the operands are at 0x37f:fffeb710 and 0x37f:fffeb318...; the TLB holds
    // made-up translations of those pages (to frames 0x30000 and 0x31000) as DAT would leave them.
    const code = 'e3543010000 4 e35030180024 5a503020 eb5630280024 eb7830280004'.replace(/ /g, '')
    const page = 0x37f * 1048576 + 0xfffeb
    const run = (generic: boolean): unknown => {
      const { m, c } = prepare({ gr: { 3: 0x37ffffeb300n, 4: 0x400n, 6: 0x1122334455667788n } }, code)
      if (generic) m.tracer = () => undefined
      for (let i = 0; i < 0x2000; i++) m.storage.u8[0x30000 + i] = Math.imul(i, 0x9e3779b1) >>> 24
      for (const acc of [ACC_FETCH, ACC_STORE] as const) {
        c.tlbTag[acc][page % 1024] = page
        c.tlbBase[acc][page % 1024] = 0x30000
      }
      expect(c.run(5)).toBe(5)
      return { gr: [...c.rh, ...c.rl], cc: c.cc, frame: Buffer.from(m.storage.u8.subarray(0x30000, 0x32000)).toString('hex') }
    }
    const fast = run(false) as { gr: number[] }
    expect(fast).toEqual(run(true))
    // lg loaded the frame's bytes at 0x710 (the high word of r5 stays as loaded): the translation was used
    const byte = (i: number): number => Math.imul(i, 0x9e3779b1) >>> 24
    expect(fast.gr[5]).toBe(((byte(0x710) << 24) | (byte(0x711) << 16) | (byte(0x712) << 8) | byte(0x713)) | 0)
    expect(fast.gr[7]).toBe(fast.gr[5])
  })

  it('adds 64-bit operand addresses with a carry or a borrow between the words and a negative displacement', () => {
    // lg r5,-16(r4,r3): 0x37f:fffff800 + 0x1000 - 16 = 0x380:000007f0 ; lg r7,-8(,r6): 0x380:00000000 - 8 =
    // 0x37f:fffffff8 ; stg r5,-16(,r6) ; lay r8,-16(r4,r3) ; stmg r10,r11,-32(r6) ; lmg r12,r13,-32(r6)
    const code = 'e3543ff0ff04 e3706ff8ff04 e3506ff0ff24 e3843ff0ff71 ebab6fe0ff24 ebcd6fe0ff04'.replace(/ /g, '')
    const above = 0x380 * 1048576
    const below = 0x37f * 1048576 + 0xfffff
    const run = (generic: boolean): { gr: number[]; frames: string } => {
      const { m, c } = prepare({ gr: { 3: 0x37ffffff800n, 4: 0x1000n, 6: 0x38000000000n, 10: 0x0102030405060708n, 11: -2n } }, code)
      if (generic) m.tracer = () => undefined
      for (let i = 0; i < 0x2000; i++) m.storage.u8[0x30000 + i] = Math.imul(i, 0x9e3779b1) >>> 24
      for (const acc of [ACC_FETCH, ACC_STORE] as const) {
        c.tlbTag[acc][above % 1024] = above
        c.tlbBase[acc][above % 1024] = 0x30000
        c.tlbTag[acc][below % 1024] = below
        c.tlbBase[acc][below % 1024] = 0x31000
      }
      expect(c.run(6)).toBe(6)
      return { gr: [...c.rh, ...c.rl], frames: Buffer.from(m.storage.u8.subarray(0x30000, 0x32000)).toString('hex') }
    }
    const fast = run(false)
    expect(fast).toEqual(run(true))
    const word = (a: number): number => ((byte(a) << 24) | (byte(a + 1) << 16) | (byte(a + 2) << 8) | byte(a + 3)) | 0
    const byte = (i: number): number => Math.imul(i - 0x30000, 0x9e3779b1) >>> 24
    const gr = (n: number): [number, number] => [fast.gr[n]!, fast.gr[16 + n]!]
    expect(gr(5)).toEqual([word(0x307f0), word(0x307f4)])
    expect(gr(7)).toEqual([word(0x31ff8), word(0x31ffc)])
    expect(gr(8)).toEqual([0x380, 0x7f0])
    expect([...gr(12), ...gr(13)]).toEqual([0x01020304, 0x05060708, -1, -2])
    // stg r5 stored at 0x37f:fffffff0 (frame 0x31000 + 0xff0)
    expect(fast.frames.slice(2 * 0x1ff0, 2 * 0x1ff8)).toBe(gr(5).map((v) => (v >>> 0).toString(16).padStart(8, '0')).join(''))
  })

  it('takes relative-long operands and branch targets 2^32 above a low address as the generic path does', () => {
    // From CODE in the 64-bit mode, 2 * 0x7fffc000 reaches 0x1:00008000 (beyond storage: addressing), whose low word
    // 0x8000 is a page the TLB holds: the fast path computes these in int32 arithmetic and must not wrap onto it.
    const I = '7fffc000'
    for (const [code, what] of [
      [`c428${I}`, 'lgrl r2'],
      [`c42b${I}`, 'stgrl r2'],
      [`c0f4${I}`, 'brcl 15'],
      [`c0e5${I}`, 'brasl r14'],
    ] as const) {
      const run = (generic: boolean): unknown => {
        const { m, c } = prepare({ gr: { 2: 0x1122334455667788n } }, code)
        if (generic) m.tracer = () => undefined
        for (const acc of [ACC_FETCH, ACC_STORE] as const) c.abs(0x8000, acc)
        c.run(2)
        return { gr: [...c.rh, ...c.rl], ia: c.ia, code: m.storage.dv.getUint16(0x8e), old: m.storage.dv.getUint32(0x154), page: Buffer.from(m.storage.u8.subarray(0x8000, 0x8010)).toString('hex') }
      }
      const fast = run(false) as { ia: number; code: number; old: number }
      expect(fast, what).toEqual(run(true))
      expect([fast.ia, fast.code], what).toEqual([PGM_TRAP, 5])
    }
  })

  it('runs fast-path instructions above 2 GiB (the general path, one at a time) as the generic path does', () => {
    // lhi r2,5 ; ahi r2,7 ; msgr r2,r2 ; lr r3,r2 ; sra r3,2 ; brct r4,+0 (r4 = 2: falls through the second time)
    const code = 'a7280005a72a0007b90c00221832 8a300002 a746 0000'.replace(/ /g, '')
    const HIGH = 0x80000000
    const run = (generic: boolean): number[] => {
      const { m, c } = prepare({ memMiB: 2052, gr: { 4: 2n } }, '0700')
      if (generic) m.tracer = () => undefined
      m.storage.load(HIGH, Uint8Array.from(code.match(/../g)!.map((b) => parseInt(b, 16))))
      c.loadPsw(0x00000001, 0x80000000 | 0, HIGH)
      expect(c.run(7)).toBe(7)
      return [c.ia, c.rl[2]!, c.rl[3]!, c.rl[4]!, c.cc]
    }
    expect(run(false)).toEqual([HIGH + 22, 144, 36, 0, 2])
    expect(run(true)).toEqual([HIGH + 22, 144, 36, 0, 2])
  })
})
