// A prototype interpreter loop in WebAssembly, written with our emitter (src-core/emulator/wasm/emit.ts), for a
// design decision: how fast would the interpreter's inner loop (cpu/interpret.ts fastLoop) run in WebAssembly, doing
// the same work per instruction? It keeps fastLoop's structure: a direct-mapped cache of pre-decoded instructions
// tagged with the absolute address and an epoch (eight words per slot: ~p, first word, length, packed fields, D, I,
// J, epoch), the registers as int32 low and high halves (rl/rh), the operand X(B)+D looked up in a software TLB of
// doubles (tag, frame base) per access type, the condition code in a local, and a switch over the fast cases; a
// cache miss calls out to JavaScript to decode (as decodeAt), and any other instruction or a TLB miss returns to
// JavaScript (the generic path). Only the cases the sieve fixture needs exist, DAT is off and the prefix is 0.
// Not part of the emulator: the benchmark (wasm-bench.ts) runs it next to the real interpreter on the same kernel.
import { block, br, brTable, c32, f64, Func, get, i32, if_, ifv, loop, Module, select, set, seq, brIf, call, type Code } from '@core/emulator/wasm/emit'

/** Memory layout: storage from 0, CPU state above STATE. */
export const STATE = 0x100000
export const RL = STATE
export const RH = STATE + 0x40
/** Cells: IA, CC, WHY (1: the generic path must run the instruction at IA). */
export const CELL_IA = STATE + 0x80
export const CELL_CC = STATE + 0x84
export const CELL_WHY = STATE + 0x88
export const Q = STATE + 0x1000
export const SLOTS = 4096
export const TLB_TAG_F = Q + SLOTS * 32
export const TLB_BASE_F = TLB_TAG_F + 0x2000
export const TLB_TAG_S = TLB_BASE_F + 0x2000
export const TLB_BASE_S = TLB_TAG_S + 0x2000
export const PAGES = 32

/** Fast-case numbers (the packed field's low byte). */
export const OP = { LA: 1, MVI: 2, CLI: 3, BRC: 4, AHI: 5, BRCTG: 6, LLGFR: 7, AR: 8, IILF: 9, CLRJ: 10, LGR: 11, LGHI: 12, LARL: 13 } as const
/** Packed-field flags: a storage operand, a store, its length - 1 in bits 27-29. */
export const PK_OPND = 1 << 24
export const PK_STORE = 1 << 25

/** The module: imports memory `e.mem` and `e.decode(ia, p, o, ep)`; exports `run(room, ep, am)` → instructions. */
export function buildProtoLoop(): Uint8Array {
  const m = new Module()
  m.importMemory('e', 'mem', PAGES, PAGES)
  const decode = m.importFunc('e', 'decode', ['i32', 'i32', 'i32', 'i32'], [])
  const bswap = new Func(['i32'], ['i32'])
  bswap.body = i32.or(i32.and(i32.rotl(get(0), c32(8)), c32(0x00ff00ff)), i32.and(i32.rotr(get(0), c32(8)), c32(0xff00ff00 | 0)))
  const fBswap = m.func(bswap)
  const f = new Func(['i32', 'i32', 'i32'], ['i32'])
  const [room, ep, am] = [0, 1, 2]
  const L = (): number => f.local('i32')
  const n = L(), ia = L(), off = L(), ipage = L(), ibase = L(), p = L(), o = L(), x2 = L(), next = L(), pk = L(), op = L()
  const r1 = L(), r2 = L(), x = L(), b = L(), d = L(), ii = L(), j = L(), t = L(), h = L(), v = L(), cc = L(), pg = L(), w = L()
  const regAt = (r: number): Code => i32.shl(get(r), c32(2))
  const rl = (r: number): Code => i32.load(regAt(r), RL)
  const rh = (r: number): Code => i32.load(regAt(r), RH)
  const setRl = (r: number, val: Code): Code => i32.store(regAt(r), val, RL)
  const setRh = (r: number, val: Code): Code => i32.store(regAt(r), val, RH)
  const field = (shift: number): Code => i32.and(i32.shrU(get(pk), c32(shift)), c32(15))
  const orZero = (r: number, val: Code): Code => ifv('i32', get(r), val, c32(0))
  const branchTo = set(next, i32.and(i32.add(get(ia), i32.shl(get(ii), c32(1))), get(am)))
  // cc = a == b ? 0 : a < b ? 1 : 2 (unsigned or signed)
  const cmpCc = (lt: Code, eq: Code): Code => set(cc, select(c32(0), select(c32(1), c32(2), lt), eq))
  const generic = seq(i32.store(c32(CELL_WHY), c32(1)), br('exit'))
  const maskTaken = i32.and(i32.shrU(get(j), i32.sub(c32(3), get(cc))), c32(1))
  const addCc = (a: number, bb: number): Code =>
    set(
      cc,
      ifv(
        'i32',
        i32.ltS(i32.and(i32.xor(get(a), get(t)), i32.xor(get(bb), get(t))), c32(0)),
        c32(3),
        select(c32(0), select(c32(1), c32(2), i32.ltS(get(t), c32(0))), i32.eqz(get(t))),
      ),
    )
  const tlb = (tag: number, base: number): Code =>
    if_(
      f64.eq(f64.load(get(v), tag), f64.convertI32U(get(pg))),
      set(t, i32.add(i32.truncF64U(f64.load(get(v), base)), i32.and(get(t), c32(0xfff)))),
      set(t, c32(-1)),
    )
  const operand = if_(
    i32.and(get(pk), c32(PK_OPND)),
    seq(
      set(h, orZero(x, rl(x))),
      set(v, orZero(b, rl(b))),
      set(w, i32.or(orZero(x, rh(x)), orZero(b, rh(b)))),
      set(t, c32(-1)),
      if_(
        i32.eqz(i32.or(get(w), i32.and(i32.or(get(h), get(v)), c32(0xc0000000 | 0)))),
        seq(
          set(t, i32.add(i32.add(get(h), get(v)), get(d))),
          if_(
            i32.and(i32.geS(get(t), c32(0)), i32.ltU(i32.add(i32.and(get(t), c32(0xfff)), i32.and(i32.shrU(get(pk), c32(27)), c32(7))), c32(4096))),
            seq(
              set(pg, i32.shrU(get(t), c32(12))),
              set(v, i32.shl(i32.and(get(pg), c32(1023)), c32(3))),
              if_(i32.and(get(pk), c32(PK_STORE)), tlb(TLB_TAG_S, TLB_BASE_S), tlb(TLB_TAG_F, TLB_BASE_F)),
            ),
            set(t, c32(-1)),
          ),
        ),
      ),
      if_(i32.ltS(get(t), c32(0)), set(op, c32(0))),
    ),
  )
  // the cases, in OP order; each ends by branching to 'done'
  const cases: Code[] = []
  cases[0] = generic
  cases[OP.LA] = seq(
    set(h, orZero(x, rl(x))),
    set(v, orZero(b, rl(b))),
    set(w, i32.or(orZero(x, rh(x)), orZero(b, rh(b)))),
    if_(i32.or(get(w), i32.and(i32.or(get(h), get(v)), c32(0xc0000000 | 0))), generic),
    setRl(r1, i32.add(i32.add(get(h), get(v)), get(d))),
    setRh(r1, c32(0)),
  )
  cases[OP.MVI] = i32.store8(get(t), get(ii))
  cases[OP.CLI] = seq(set(v, i32.load8u(get(t))), cmpCc(i32.ltU(get(v), get(ii)), i32.eq(get(v), get(ii))))
  cases[OP.BRC] = if_(maskTaken, branchTo)
  cases[OP.AHI] = seq(set(v, rl(r1)), set(t, i32.add(get(v), get(ii))), setRl(r1, get(t)), addCc(v, ii))
  cases[OP.BRCTG] = seq(
    set(v, i32.sub(rl(r1), c32(1))),
    set(h, rh(r1)),
    if_(i32.eq(get(v), c32(-1)), set(h, i32.sub(get(h), c32(1)))),
    setRl(r1, get(v)),
    setRh(r1, get(h)),
    if_(i32.or(get(v), get(h)), branchTo),
  )
  cases[OP.LLGFR] = seq(setRl(r1, rl(r2)), setRh(r1, c32(0)))
  cases[OP.AR] = seq(set(v, rl(r1)), set(w, rl(r2)), set(t, i32.add(get(v), get(w))), setRl(r1, get(t)), addCc(v, w))
  cases[OP.IILF] = setRl(r1, get(ii))
  cases[OP.CLRJ] = seq(set(v, rl(r1)), set(w, rl(r2)), cmpCc(i32.ltU(get(v), get(w)), i32.eq(get(v), get(w))), if_(maskTaken, branchTo))
  cases[OP.LGR] = seq(setRl(r1, rl(r2)), setRh(r1, rh(r2)))
  cases[OP.LGHI] = seq(setRl(r1, get(ii)), setRh(r1, i32.shrS(get(ii), c32(31))))
  cases[OP.LARL] = seq(setRl(r1, i32.add(get(ia), i32.shl(get(ii), c32(1)))), setRh(r1, c32(0)))
  // br_table over nested blocks: case k's code follows the end of block 'c<k>'
  const labels = cases.map((_, k) => `c${k}`)
  let sw: Code = block('c0', null, brTable(labels, 'c0', get(op)))
  for (let k = 0; k < cases.length; k++) sw = k + 1 < cases.length ? block(`c${k + 1}`, null, sw, cases[k]!, br('done')) : seq(sw, cases[k]!)
  const dispatch = block('done', null, sw)
  f.body = seq(
    set(ia, i32.load(c32(CELL_IA))),
    set(cc, i32.load(c32(CELL_CC))),
    set(ipage, c32(-1)),
    block(
      'exit',
      null,
      loop(
        'L',
        brIf('exit', i32.geS(get(n), get(room))),
        brIf('exit', i32.and(get(ia), c32(1))),
        set(off, i32.and(get(ia), c32(0xfff))),
        // DAT off and prefix 0 in this prototype: the instruction page is its own frame
        if_(i32.ne(i32.sub(get(ia), get(off)), get(ipage)), seq(set(ipage, i32.sub(get(ia), get(off))), set(ibase, get(ipage)))),
        set(p, i32.add(get(ibase), get(off))),
        set(o, i32.add(c32(Q), i32.shl(i32.and(i32.shrU(get(p), c32(1)), c32(SLOTS - 1)), c32(5)))),
        if_(
          i32.or(i32.ne(i32.load(get(o)), i32.xor(get(p), c32(-1))), i32.ne(i32.load(get(o), 28), get(ep))),
          seq(
            if_(
              i32.or(i32.ne(i32.load(get(o)), i32.xor(get(p), c32(-1))), i32.ne(call(fBswap, i32.load(get(p))), i32.load(get(o), 4))),
              call(decode, get(ia), get(p), get(o), get(ep)),
            ),
            i32.store(get(o), get(ep), 28),
          ),
        ),
        set(x2, i32.load(get(o), 8)),
        set(next, i32.and(i32.add(get(ia), i32.and(i32.shrU(get(x2), c32(16)), c32(7))), get(am))),
        set(pk, i32.load(get(o), 12)),
        set(op, i32.and(get(pk), c32(0xff))),
        set(r1, field(8)),
        set(r2, field(12)),
        set(x, field(16)),
        set(b, field(20)),
        set(d, i32.load(get(o), 16)),
        set(ii, i32.load(get(o), 20)),
        set(j, i32.load(get(o), 24)),
        operand,
        dispatch,
        set(ia, get(next)),
        set(n, i32.add(get(n), c32(1))),
        br('L'),
      ),
    ),
    i32.store(c32(CELL_IA), get(ia)),
    i32.store(c32(CELL_CC), get(cc)),
    get(n),
  )
  m.func(f, 'run')
  return m.bytes()
}
