// The interpreter's inner loop in WebAssembly: fastLoop's (interpret.ts) fast cases over the same pre-decoded
// instruction cache, registers and software TLBs, which lie in the storage's WebAssembly memory (Storage.alloc,
// Storage.insnCache). V8 runs fastLoop's JavaScript with a map check and a reload of every typed array at each turn
// (the loop calls out, so nothing survives its back edge) and 64-bit arithmetic as int32 halves; here registers are
// loads and stores at constant offsets, 64-bit operations are i64, and the condition code is a local.
//
// It runs instructions while each is in the cache for the current epoch and is one of its cases whose fast path
// applies, and returns (WHY_OTHER) before anything else, changing nothing for it: the generic path, a TLB miss or
// an operand across a page end, an overflow the program mask makes an exception, a branch to an address fastLoop
// leaves (FAST_LIMIT), a new instruction page, a cache entry to decode or compare again. interpret.ts then runs that
// one instruction through fastLoop, in the same epoch, and calls this again. A store into a frame instructions were
// taken from ends the run after that instruction (WHY_EPOCH): the caller starts a new epoch.
import { block, br, brIf, brTable, c32, c64, f64, Func, get, i32, i64, if_, ifv, loop, Module, select, seq, set, type Code } from '../wasm/emit.ts'
import { ACC_IFETCH, TLB_SIZE } from './constants.ts'
import { LabError } from '../../domain/errors.ts'
import type { Storage } from '../mem/storage.ts'

/** The interpreter's inner loop: `wasm` (this file's, where storage has a state area; the default) or `js` (fastLoop
 * in cpu/interpret.ts only: storage gets a plain buffer). */
export type InterpLoop = 'wasm' | 'js'

/** Thrown for an unknown LABCON_EMU_INTERP or --interp value. */
export class InterpLoopError extends LabError {
  override name = 'InterpLoopError'
  readonly kind = 'config'
}

/** Parses an interpreter-loop name (env var LABCON_EMU_INTERP or a config value). */
export function parseInterpLoop(v: string | undefined): InterpLoop {
  if (v === undefined || v === '' || v === 'wasm') return 'wasm'
  if (v === 'js') return 'js'
  throw new InterpLoopError(`interpreter loop '${v}' (--interp or LABCON_EMU_INTERP): expected wasm or js`)
}

/** Why the loop returned. */
export const WHY_DONE = 0
export const WHY_OTHER = 1
export const WHY_EPOCH = 2
/** (with the JIT) a taken branch or block end to a slot that holds a block or whose heat count the JIT acts on */
export const WHY_JUMPED = 3

/**
 * A CPU's block of the state area (cpu.ts cpuState): rl (16 words), rh, then the tags of the fetch, store and
 * instruction-fetch TLBs (TLB_SIZE doubles each) and their frame bases, then the loop's cells (PSW address, CC, why).
 */
export const ST_RL = 0
export const ST_RH = 64
export const ST_TAG = 128
export const ST_BASE = ST_TAG + 3 * 8 * TLB_SIZE
export const ST_CELLS = ST_BASE + 3 * 8 * TLB_SIZE
export const ST_IA = ST_CELLS
export const ST_CC = ST_CELLS + 4
export const ST_WHY = ST_CELLS + 8
export const CPU_STATE_BYTES = ST_CELLS + 64

/** The cache's geometry and the constants of fastLoop it shares (interpret.ts K; checked there). */
export const W_SLOTS = 0x20000
const FAST_LIMIT = 0x7fffe000
const X_LEN = 7 << 16
const X_LEN6 = 6 << 16
const PK_OPND = 1 << 24
const PK_STORE = 2 << 24
const X_ENDS = 0x100000

/** The exported loop: instructions run; the reason and the state the caller reads back are in the CPU's cells. */
export type WasmLoop = (
  room: number,
  ia: number,
  ep: number,
  am: number,
  ipage: number,
  ibase: number,
  flags: number,
  cc: number,
  st: number,
  ob: number,
  mk: number,
  heat: number,
  stop: number,
  warm: number,
  idiom: number,
  hot: number,
  lim: number,
) => number
/** flags: the program mask enables fixed-point overflow; PER storage alteration is active; bits 8-11 the program mask. */
export const F_OVX = 1
export const F_PERSA = 2

/**
 * The loop without the JIT (`plain`) and with it (`jit`: the heat arguments are used), with the arguments that stay
 * the same for every call on one storage (its caller read them from typed arrays at each call: byteOffset and
 * byteLength are builtin calls there): qb, the byte offset of the storage's instruction cache; mk, that of its code
 * marks; lim, the loop's `lim` (FAST_LIMIT or below the storage's last frame: the lowest frame base the loop runs
 * from).
 */
export interface WasmLoops {
  plain: WasmLoop
  jit: WasmLoop
  qb: number
  mk: number
  lim: number
}
let compiled: WebAssembly.Module | null = null
const instances = new WeakMap<WebAssembly.Memory, WasmLoops>()

/** The loops for the WebAssembly memory of `mem`, one instance per memory (its module compiled once per thread). */
export function wasmLoopFor(mem: Pick<Storage, 'memory' | 'insnCache' | 'codeMarks' | 'size'>): WasmLoops | null {
  const memory = mem.memory
  if (memory === null || mem.insnCache === null) return null
  let loops = instances.get(memory)
  if (loops === undefined) {
    compiled ??= new WebAssembly.Module(buildLoop())
    const x = new WebAssembly.Instance(compiled, { e: { mem: memory } }).exports
    // (an instruction's bytes are compared up to 6 bytes from its address: not from the last frame)
    const lim = Math.min(FAST_LIMIT, mem.size - 4096)
    loops = { plain: x['run'] as WasmLoop, jit: x['runJ'] as WasmLoop, qb: mem.insnCache.q.byteOffset, mk: mem.codeMarks.byteOffset, lim }
    instances.set(memory, loops)
  }
  return loops
}

/** The module's bytes (tests look at them too). */
export function buildLoop(): Uint8Array {
  const m = new Module()
  m.importMemory('e', 'mem', 1)
  m.func(loopFunc(false), 'run')
  m.func(loopFunc(true), 'runJ')
  return m.bytes()
}

const CASES = new Set<number>()
/** The fast-path operation numbers (cpu/predecode.ts) this loop runs itself; the others it leaves to fastLoop. */
export function wasmCases(): ReadonlySet<number> {
  if (CASES.size === 0) loopFunc(false)
  return CASES
}

/** The loop's function; `jit`: the form that counts branch targets for the JIT (the other never stops at them). */
function loopFunc(jit: boolean): Func {
  const f = new Func(Array<'i32'>(17).fill('i32'), ['i32'])
  const F = fastCode(f)
  const { room, ep, am, ipage, ibase, st, ob, mk, heat, stop, warm, idiom, hot, n, off, p, o, x2, sq, next, pk, op, r1, r2, b, epo, v, w, ia, cc, cases } = F
  const { x, d, i, j, k, t, ld32, ld16u } = F
  // lim (the 17th parameter, the loop's own): the lowest frame base a page change inside the loop may not switch to
  // (FAST_LIMIT, or the storage's last frame: an entry's bytes are compared up to 6 bytes from its address); qb: the
  // byte offset of the cache's first slot (ob is that of the page's first halfword)
  const lim = 16
  const qb = f.local('i32')
  /** The cache offset of the slots of the frame at `base` (as the caller computes ob). */
  const slotsOf = (base: Code): Code => i32.shl(i32.and(i32.shrU(base, c32(1)), c32(W_SLOTS - 1)), c32(5))
  const loadXB = seq(set(x, i32.and(i32.shrU(get(pk), c32(16)), c32(15))), set(b, i32.and(i32.shrU(get(pk), c32(20)), c32(15))))
  const operand = if_(i32.and(get(pk), c32(PK_OPND)), seq(loadXB, set(d, i32.shrS(i32.shl(i32.load(get(o), 16), c32(12)), c32(12))), F.operandAt()))

  // The entry's words [4]-[6] each case reads (D and K share word [4]), loaded there rather than for every
  // instruction: a register case reads none.
  const ranges = (...rs: Array<number | [number, number]>): Set<number> => new Set(rs.flatMap((r) => (typeof r === 'number' ? [r] : Array.from({ length: r[1] - r[0] + 1 }, (_, q) => r[0] + q))))
  const needI = ranges(16, 17, [24, 35], [40, 43], 45, [64, 69], 74, 77, 78, [80, 88], 93, 94, 97, 99, 117, 118, 131, 132, [133, 135], 138, 139)
  const needJ = ranges([24, 29], [31, 35], 74, 75, 76, [81, 88], 93, 94, [133, 135], 138, 139)
  const needDK = ranges(34, 35, 44, 76, [81, 84], [89, 94], 100, 101, 106, 107, 119, 120, [121, 124], [133, 135], 138, 139)
  const loadD = seq(set(w, i32.load(get(o), 16)), set(d, i32.shrS(i32.shl(get(w), c32(12)), c32(12))), set(k, i32.shrU(get(w), c32(24))))
  const needXB = ranges([12, 15], [18, 23], 44, 76, [89, 94], 100, 101, 106, 107, 119, 120, 123, [133, 135], 138, 139)
  const fields = (kk: number): Code =>
    seq(needXB.has(kk) ? loadXB : [], needDK.has(kk) ? loadD : [], needI.has(kk) ? set(i, i32.load(get(o), 20)) : [], needJ.has(kk) ? set(j, i32.load(get(o), 24)) : [])

  cases.forEach((c, kk) => {
    if (c !== undefined) CASES.add(kk)
  })
  // the switch: case k's code follows the end of block c<k>; cases not written here go to 'other'
  const labels = Array.from({ length: cases.length }, (_, kk) => (kk === 0 || cases[kk] === undefined ? 'other' : `c${kk}`))
  let body: Code = block('c0', null, brTable(labels, 'other', get(op)))
  for (let kk = 1; kk < cases.length; kk++) {
    const c = cases[kk]
    body = c === undefined ? body : block(`c${kk}`, null, body, br('other')).concat(fields(kk), c(), br('done'))
  }
  // (the innermost block c0 is never a target: op 0 maps to 'other')
  const dispatch = block('done', null, body, br('other'))

  f.body = seq(
    set(qb, i32.sub(get(ob), slotsOf(get(ibase)))),
    i32.store(get(st), c32(WHY_DONE), ST_WHY),
    block(
      'exit',
      null,
      block(
        'other',
        null,
        loop(
          'L',
          brIf('exit', i32.geS(get(n), get(room))),
          set(off, i32.and(get(ia), c32(0xfff))),
          // another page: its frame from the instruction-fetch TLB, as Cpu.abs finds it (a miss, a frame at or above
          // lim: other, where the caller translates the address). Debian's init code left the loop ~10M times in
          // 300M instructions, most of them at a call, return or jump into another page.
          if_(
            i32.ne(i32.sub(get(ia), get(off)), get(ipage)),
            seq(
              set(v, i32.add(get(st), i32.shl(i32.and(i32.shrU(get(ia), c32(12)), c32(TLB_SIZE - 1)), c32(3)))),
              brIf('other', f64.ne(f64.load(get(v), ST_TAG + ACC_IFETCH * 8 * TLB_SIZE), f64.convertI32U(i32.shrU(get(ia), c32(12))))),
              set(t, i32.truncSatF64S(f64.load(get(v), ST_BASE + ACC_IFETCH * 8 * TLB_SIZE))),
              brIf('other', i32.geU(get(t), get(lim))),
              set(ipage, i32.sub(get(ia), get(off))),
              set(ibase, get(t)),
              set(ob, i32.add(get(qb), slotsOf(get(t)))),
            ),
          ),
          set(p, i32.add(get(ibase), get(off))),
          // (the slot of (p / 2) mod W_SLOTS: the page's 2,048 slots lie in one run from its first, `ob` (the caller
          // computes it: W_SLOTS is a multiple of 2,048 and ibase of 4,096))
          set(o, i32.add(get(ob), i32.shl(i32.and(get(off), c32(0xffe)), c32(4)))),
          // the entry, in this epoch, or its bytes still the instruction's (hit); a straddling or new one: other
          if_(
            // (as one word: V8 made each i32.ne a 0/1 value, then or-ed them)
            i32.or(i32.xor(i32.load(get(o)), i32.xor(get(p), c32(-1))), i32.xor(i32.load(get(o), 28), get(ep))),
            block(
              'checked',
              null,
              // an instruction that straddles the page end (its tag ~(p|1), decodeAt): compared with both pages at
              // every execution, as straddleHit does, its later halfwords in the frame of the next logical page (from
              // the instruction-fetch TLB; a miss or a frame at or above lim: other). Debian's init code ran one such
              // SLLG 420K times in 300M instructions, each through fastLoop.
              if_(
                i32.ne(i32.load(get(o)), i32.xor(get(p), c32(-1))),
                seq(
                  brIf('other', i32.ne(i32.load(get(o)), i32.xor(i32.or(get(p), c32(1)), c32(-1)))),
                  set(t, i32.and(i32.add(i32.sub(get(ia), get(off)), c32(4096)), get(am))),
                  set(v, i32.add(get(st), i32.shl(i32.and(i32.shrU(get(t), c32(12)), c32(TLB_SIZE - 1)), c32(3)))),
                  brIf('other', f64.ne(f64.load(get(v), ST_TAG + ACC_IFETCH * 8 * TLB_SIZE), f64.convertI32U(i32.shrU(get(t), c32(12))))),
                  set(t, i32.truncSatF64S(f64.load(get(v), ST_BASE + ACC_IFETCH * 8 * TLB_SIZE))),
                  brIf('other', i32.geU(get(t), get(lim))),
                  set(w, i32.load(get(o), 4)),
                  brIf('other', i32.ne(ld16u(get(p)), i32.shrU(get(w), c32(16)))),
                  // (p + 2 is inside the storage: the frame at p is below lim)
                  brIf('other', i32.ne(select(ld16u(get(t)), ld16u(i32.add(get(p), c32(2))), i32.eq(get(off), c32(4094))), i32.and(get(w), c32(0xffff)))),
                  brIf('other', i32.and(i32.eq(i32.and(i32.load(get(o), 8), c32(X_LEN)), c32(X_LEN6)), i32.ne(ld16u(i32.sub(i32.add(get(t), get(off)), c32(4092))), i32.and(i32.load(get(o), 8), c32(0xffff))))),
                  i32.store8(i32.add(get(mk), i32.shrU(get(p), c32(12))), c32(1)),
                  br('checked'),
                ),
              ),
              brIf('other', i32.gtU(get(off), c32(4092))),
              brIf('other', i32.ne(ld32(get(p)), i32.load(get(o), 4))),
              brIf('other', i32.and(i32.eq(i32.and(i32.load(get(o), 8), c32(X_LEN)), c32(X_LEN6)), i32.ne(ld16u(i32.add(get(p), c32(4))), i32.and(i32.load(get(o), 8), c32(0xffff))))),
              i32.store(get(o), get(ep), 28),
              i32.store8(i32.add(get(mk), i32.shrU(get(p), c32(12))), c32(1)),
            ),
          ),
          set(x2, i32.load(get(o), 8)),
          set(sq, i32.and(i32.add(get(ia), i32.and(i32.shrU(get(x2), c32(16)), c32(7))), get(am))),
          set(next, get(sq)),
          set(pk, i32.load(get(o), 12)),
          set(op, i32.and(get(pk), c32(0xff))),
          set(r1, i32.and(i32.shrU(get(pk), c32(8)), c32(15))),
          set(r2, i32.and(i32.shrU(get(pk), c32(12)), c32(15))),
          set(epo, c32(0)),
          operand,
          dispatch,
          set(n, i32.add(get(n), c32(1))),
          // with the JIT: a branch taken or a block end, to a slot the dispatcher acts on, returns to it (fastLoop)
          if_(
            jit ? i32.or(i32.ne(get(next), get(sq)), i32.and(get(x2), c32(X_ENDS))) : c32(0),
            seq(
              set(v, i32.and(i32.shrU(get(next), c32(1)), c32(0xffff))),
              set(w, i32.add(i32.load16u(i32.add(get(heat), i32.shl(get(v), c32(1)))), c32(1))),
              if_(
                i32.or(
                  i32.or(i32.load8u(i32.add(get(stop), get(v))), i32.eq(get(w), c32(1))),
                  i32.or(i32.or(i32.eq(get(w), get(warm)), i32.eq(get(w), get(idiom))), i32.geS(get(w), get(hot))),
                ),
                seq(set(ia, get(next)), i32.store(get(st), c32(WHY_JUMPED), ST_WHY), br('exit')),
              ),
              i32.store16(i32.add(get(heat), i32.shl(get(v), c32(1))), get(w)),
            ),
          ),
          set(ia, get(next)),
          // a store into a frame instructions were taken from: the caller starts a new epoch
          if_(get(epo), seq(i32.store(get(st), c32(WHY_EPOCH), ST_WHY), br('exit'))),
          br('L'),
        ),
      ),
      i32.store(get(st), c32(WHY_OTHER), ST_WHY),
    ),
    i32.store(get(st), get(ia), ST_IA),
    i32.store(get(st), get(cc), ST_CC),
    get(n),
  )
  return f
}

/** The register numbers of an instruction (cpu/predecode.ts Decoded). */
export interface RegFields {
  r1: number
  r2: number
  x: number
  b: number
}

/**
 * The locals and the code of the fast cases, for a function with the loop's parameters (WasmLoop): the loop below
 * and the translation tier's WebAssembly blocks (jit/wasm-block.ts) run the same case code. A case reads its fields
 * from the locals r1, r2, x, b, d, k, i, j (the loop loads them from the cache entry, a block sets constants), its
 * storage operand from t (operandAt, with x, b, d and pk set), leaves through `br other` before changing anything
 * when it cannot complete, and sets `next` when it branches.
 */
export function fastCode(f: Func, inLocals = false) {
  // heat, stop: the byte offsets of the JIT's heat counts and stop flags (Jit.heat, Jit.stop; heat -1: no JIT, the
  // run does not stop at branches); warm, idiom, hot: the counts at which the JIT acts (interpret.ts heatWarm...)
  const [room, IA, ep, am, ipage, ibase, flags, CC, st, ob, mk, heat, stop, warm, idiom, hot] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
  const L = (): number => f.local('i32')
  const n = L(), off = L(), p = L(), o = L(), x2 = L(), sq = L(), next = L(), pk = L(), op = L()
  const r1 = L(), r2 = L(), x = L(), b = L(), d = L(), k = L(), i = L(), j = L(), t = L(), h = L(), v = L(), w = L(), ok = L(), epo = L()
  const sw = L()
  const A = f.local('i64'), B = f.local('i64'), R = f.local('i64')
  const ia = IA
  const cc = CC

  // ---- registers ----
  // The loop reads a register through the local holding its number (r1, r2, x, b, or a loop's v), from the state
  // area. `inLocals` (a block): the register numbers are the constants of `fields` and each register used is an i64
  // local (GR), loaded from the state area on entry and stored back on exit (`regLoads`, `regStores`).
  let K: RegFields | null = null
  const GR: number[] = []
  const written = new Set<number>()
  const reg = (r: number): number => {
    if (K === null) throw new Error('wasm-loop: a register in locals needs the instruction fields')
    const n = r === r1 ? K.r1 : r === r2 ? K.r2 : r === x ? K.x : r === b ? K.b : -1
    if (n < 0) throw new Error(`wasm-loop: register local ${r} is not a field of the instruction`)
    return n
  }
  const g = (n: number): number => (GR[n] ??= f.local('i64'))
  const at = (r: number): Code => i32.add(get(st), i32.shl(get(r), c32(2)))
  const loK = (n: number): Code => i32.wrapI64(get(g(n)))
  const hiK = (n: number): Code => i32.wrapI64(i64.shrU(get(g(n)), c64(32)))
  const setLoK = (n: number, val: Code): Code => (written.add(n), set(g(n), i64.or(i64.and(get(g(n)), c64(-0x100000000n)), i64.extendI32U(val))))
  const setHiK = (n: number, val: Code): Code => (written.add(n), set(g(n), i64.or(i64.shl(i64.extendI32U(val), c64(32)), i64.and(get(g(n)), c64(0xffffffffn)))))
  const rl = (r: number): Code => (inLocals ? loK(reg(r)) : i32.load(at(r), ST_RL))
  const rh = (r: number): Code => (inLocals ? hiK(reg(r)) : i32.load(at(r), ST_RH))
  const setRl = (r: number, val: Code): Code => (inLocals ? setLoK(reg(r), val) : i32.store(at(r), val, ST_RL))
  const setRh = (r: number, val: Code): Code => (inLocals ? setHiK(reg(r), val) : i32.store(at(r), val, ST_RH))
  const r64 = (r: number): Code => (inLocals ? get(g(reg(r))) : i64.or(i64.shl(i64.extendI32S(rh(r)), c64(32)), i64.extendI32U(rl(r))))
  /** GR r = the i64 local `l`. */
  const set64 = (r: number, l: number): Code =>
    inLocals ? (written.add(reg(r)), set(g(reg(r)), get(l))) : seq(setRl(r, i32.wrapI64(get(l))), setRh(r, i32.wrapI64(i64.shrU(get(l), c64(32)))))
  // ---- storage (big-endian) ----
  // (the byte swap inline, through a local: V8 does not inline calls between WebAssembly functions here)
  const swap = (val: Code): Code => seq(set(sw, val), i32.or(i32.and(i32.rotl(get(sw), c32(8)), c32(0x00ff00ff)), i32.and(i32.rotr(get(sw), c32(8)), c32(0xff00ff00 | 0))))
  const ld32 = (a: Code): Code => swap(i32.load(a))
  const st32 = (a: Code, val: Code): Code => i32.store(a, swap(val))
  const ld16u = (a: Code): Code => i32.or(i32.shl(i32.load8u(a), c32(8)), i32.load8u(a, 1))
  const ld16s = (a: Code): Code => i32.shrS(i32.shl(ld16u(a), c32(16)), c32(16))
  const st16 = (a: Code, val: Code): Code => i32.store16(a, i32.shrU(swap(val), c32(16)))
  const ld64 = (a: number): Code => i64.or(i64.shl(i64.extendI32S(ld32(get(a))), c64(32)), i64.extendI32U(ld32(i32.add(get(a), c32(4)))))
  // ---- condition codes ----
  const ccOf = (eq: Code, lt: Code): Code => set(cc, select(c32(0), select(c32(1), c32(2), lt), eq))
  const ccSigned32 = (l: number): Code => set(cc, select(c32(0), select(c32(1), c32(2), i32.ltS(get(l), c32(0))), i32.eqz(get(l))))
  const ccSigned64 = (l: number): Code => set(cc, select(c32(0), select(c32(1), c32(2), i64.ltS(get(l), c64(0))), i64.eqz(get(l))))
  const ccZero32 = (l: number): Code => set(cc, select(c32(0), c32(1), i32.eqz(get(l))))
  const ccZero64 = (l: number): Code => set(cc, select(c32(0), c32(1), i64.eqz(get(l))))
  const ovx = i32.and(get(flags), c32(F_OVX))
  /** The successor is ia + 2 * i; an address fastLoop leaves goes to the caller instead (before any change). */
  const relTarget = seq(
    set(w, i32.add(get(ia), i32.shl(get(i), c32(1)))),
    if_(
      i32.eq(get(am), c32(-1)),
      seq(
        set(A, i64.add(i64.extendI32U(get(ia)), i64.shl(i64.extendI32S(get(i)), c64(1)))),
        brIf('other', i64.geU(get(A), c64(FAST_LIMIT))),
      ),
      set(w, i32.and(get(w), get(am))),
    ),
  )
  /** Takes the relative branch when `cond` (the target checked before anything changes: compute, then commit). */
  const branchIf = (cond: Code): Code => if_(cond, seq(relTarget, set(next, get(w))))
  const mask = (ccv: Code): Code => i32.and(get(j), i32.shrU(c32(8), ccv))
  const shiftAmount = (): Code => set(t, i32.and(ifv('i32', i32.eqz(get(b)), get(d), i32.add(rl(b), get(d))), c32(63)))

  const cases: Array<(() => Code) | undefined> = []
  const add32 = (a: Code, bb: Code, sub: boolean): Code =>
    seq(
      set(h, a),
      set(t, bb),
      set(v, sub ? i32.sub(get(h), get(t)) : i32.add(get(h), get(t))),
      set(ok, i32.ltS(sub ? i32.and(i32.xor(get(h), get(t)), i32.xor(get(h), get(v))) : i32.and(i32.xor(get(h), get(v)), i32.xor(get(t), get(v))), c32(0))),
      brIf('other', i32.and(get(ok), ovx)),
      setRl(r1, get(v)),
      if_(get(ok), set(cc, c32(3)), ccSigned32(v)),
    )
  const add64 = (a: Code, bb: Code, sub: boolean): Code =>
    seq(
      set(A, a),
      set(B, bb),
      set(R, sub ? i64.sub(get(A), get(B)) : i64.add(get(A), get(B))),
      set(ok, i64.ltS(sub ? i64.and(i64.xor(get(A), get(B)), i64.xor(get(A), get(R))) : i64.and(i64.xor(get(A), get(R)), i64.xor(get(B), get(R))), c64(0))),
      brIf('other', i32.and(get(ok), ovx)),
      set64(r1, R),
      if_(get(ok), set(cc, c32(3)), ccSigned64(R)),
    )
  cases[1] = () => setRl(r1, rl(r2)) // LR
  cases[2] = () => seq(setRh(r1, rh(r2)), setRl(r1, rl(r2))) // LGR
  cases[3] = () => seq(set(v, rl(r2)), setRl(r1, get(v)), ccSigned32(v)) // LTR
  cases[4] = () => seq(set(R, r64(r2)), set64(r1, R), ccSigned64(R)) // LTGR
  cases[5] = () => seq(setRl(r1, rl(r2)), setRh(r1, c32(0))) // LLGFR
  cases[6] = () => seq(set(v, rl(r2)), setRl(r1, get(v)), setRh(r1, i32.shrS(get(v), c32(31)))) // LGFR
  cases[7] = () => setRl(r1, i32.and(rl(r2), c32(0xff))) // LLCR
  cases[8] = () => seq(setRl(r1, i32.and(rl(r2), c32(0xff))), setRh(r1, c32(0))) // LLGCR
  // LCR: -(-2^31) overflows (the generic path: CC 3 or the exception)
  cases[9] = () => seq(set(v, rl(r2)), brIf('other', i32.eq(get(v), c32(-0x80000000))), set(t, i32.sub(c32(0), get(v))), setRl(r1, get(t)), ccSigned32(t))
  cases[10] = () => add64(c64(0), r64(r2), true) // LCGR
  // LPR
  cases[11] = () => seq(set(v, rl(r2)), brIf('other', i32.eq(get(v), c32(-0x80000000))), set(t, select(i32.sub(c32(0), get(v)), get(v), i32.ltS(get(v), c32(0)))), setRl(r1, get(t)), set(cc, select(c32(0), c32(2), i32.eqz(get(t)))))
  cases[12] = () => add32(rl(r2), rl(x), false) // AR ARK
  cases[13] = () => add32(rl(r2), rl(x), true) // SR SRK
  cases[14] = () => add64(r64(r2), r64(x), false) // AGR AGRK
  cases[15] = () => add64(r64(r2), r64(x), true) // SGR SGRK
  cases[16] = () => add32(rl(r2), get(i), false) // AHI AFI AHIK
  cases[17] = () => add64(r64(r2), i64.extendI32S(get(i)), false) // AGHI AGFI AGHIK
  const log32 = (fn: (a: Code, bb: Code) => Code): Code => seq(set(v, fn(rl(r2), rl(x))), setRl(r1, get(v)), ccZero32(v))
  cases[18] = () => log32(i32.and)
  cases[19] = () => log32(i32.or)
  cases[20] = () => log32(i32.xor)
  const log64 = (fn: (a: Code, bb: Code) => Code): Code => seq(set(R, fn(r64(r2), r64(x))), set64(r1, R), ccZero64(R))
  cases[21] = () => log64(i64.and)
  cases[22] = () => log64(i64.or)
  cases[23] = () => log64(i64.xor)
  const logImm = (fn: (a: Code, bb: Code) => Code, hi: boolean): Code =>
    seq(set(v, fn(hi ? rh(r1) : rl(r1), get(i))), hi ? setRh(r1, get(v)) : setRl(r1, get(v)), set(cc, select(c32(0), c32(1), i32.eqz(i32.and(get(v), get(j))))))
  cases[24] = () => logImm(i32.and, false)
  cases[25] = () => logImm(i32.or, false)
  cases[26] = () => logImm(i32.xor, false)
  cases[27] = () => logImm(i32.and, true)
  cases[28] = () => logImm(i32.or, true)
  cases[29] = () => logImm(i32.xor, true)
  cases[30] = () => setRl(r1, get(i)) // LHI IILF
  cases[31] = () => seq(setRh(r1, get(j)), setRl(r1, get(i))) // LGHI LGFI LLI*
  cases[32] = () => setRl(r1, i32.or(i32.and(rl(r1), get(j)), get(i))) // IILL IILH
  cases[33] = () => setRh(r1, i32.or(i32.and(rh(r1), get(j)), get(i))) // IIHF IIHL IIHH
  const tmr = (hi: boolean): Code =>
    seq(
      set(v, i32.and(i32.shrU(hi ? rh(r1) : rl(r1), get(k)), get(i))),
      set(cc, select(c32(0), select(c32(3), select(c32(2), c32(1), i32.and(get(v), get(j))), i32.eq(get(v), get(i))), i32.eqz(get(v)))),
    )
  cases[34] = () => tmr(false)
  cases[35] = () => tmr(true)
  cases[36] = () => seq(set(h, rl(r1)), set(v, rl(r2)), ccOf(i32.eq(get(h), get(v)), i32.ltS(get(h), get(v)))) // CR
  cases[37] = () => seq(set(h, rl(r1)), set(v, rl(r2)), ccOf(i32.eq(get(h), get(v)), i32.ltU(get(h), get(v)))) // CLR
  cases[38] = () => seq(set(A, r64(r1)), set(B, r64(r2)), ccOf(i64.eq(get(A), get(B)), i64.ltS(get(A), get(B)))) // CGR
  cases[39] = () => seq(set(A, r64(r1)), set(B, r64(r2)), ccOf(i64.eq(get(A), get(B)), i64.ltU(get(A), get(B)))) // CLGR
  cases[40] = () => seq(set(h, rl(r1)), ccOf(i32.eq(get(h), get(i)), i32.ltS(get(h), get(i)))) // CHI CFI
  cases[41] = () => seq(set(h, rl(r1)), ccOf(i32.eq(get(h), get(i)), i32.ltU(get(h), get(i)))) // CLFI
  cases[42] = () => seq(set(A, r64(r1)), set(B, i64.extendI32S(get(i))), ccOf(i64.eq(get(A), get(B)), i64.ltS(get(A), get(B)))) // CGHI CGFI
  cases[43] = () => seq(set(A, r64(r1)), set(B, i64.extendI32U(get(i))), ccOf(i64.eq(get(A), get(B)), i64.ltU(get(A), get(B)))) // CLGFI
  // LA LAY: the 64-bit sum in the 64-bit mode, else the low words' sum under the mode's mask (high word kept)
  cases[44] = () => if_(
    i32.eq(get(am), c32(-1)),
    seq(set(R, i64.add(i64.add(ifv('i64', get(x), r64(x), c64(0)), ifv('i64', get(b), r64(b), c64(0))), i64.extendI32S(get(d)))), set64(r1, R)),
    setRl(r1, i32.and(i32.add(i32.add(ifv('i32', get(x), rl(x), c32(0)), ifv('i32', get(b), rl(b), c32(0))), get(d)), get(am))),
  )
  // loads and stores through the operand resolved below (t: its absolute address)
  cases[46] = () => setRl(r1, ld32(get(t))) // L LY
  cases[47] = () => seq(setRh(r1, ld32(get(t))), setRl(r1, ld32(i32.add(get(t), c32(4))))) // LG
  cases[48] = () => seq(set(v, ld32(get(t))), setRh(r1, i32.shrS(get(v), c32(31))), setRl(r1, get(v))) // LGF
  cases[49] = () => seq(setRl(r1, ld32(get(t))), setRh(r1, c32(0))) // LLGF
  cases[50] = () => seq(setRl(r1, i32.load8u(get(t))), setRh(r1, c32(0))) // LLGC
  cases[51] = () => setRl(r1, i32.load8u(get(t))) // LLC
  cases[52] = () => setRl(r1, ld16s(get(t))) // LH LHY
  cases[53] = () => setRl(r1, ld16u(get(t))) // LLH
  cases[54] = () => seq(setRl(r1, ld16u(get(t))), setRh(r1, c32(0))) // LLGH
  cases[55] = () => setRl(r1, i32.or(i32.and(rl(r1), c32(~0xff)), i32.load8u(get(t)))) // IC ICY
  cases[56] = () => seq(set(v, ld32(get(t))), setRl(r1, get(v)), ccSigned32(v)) // LT
  cases[57] = () => seq(set(R, ld64(t)), set64(r1, R), ccSigned64(R)) // LTG
  cases[58] = () => setRl(r1, i32.load8s(get(t))) // LB
  cases[59] = () => seq(set(v, i32.load8s(get(t))), setRl(r1, get(v)), setRh(r1, i32.shrS(get(v), c32(31)))) // LGB
  cases[60] = () => st32(get(t), rl(r1)) // ST STY
  cases[61] = () => seq(st32(get(t), rh(r1)), st32(i32.add(get(t), c32(4)), rl(r1))) // STG
  cases[62] = () => i32.store8(get(t), rl(r1)) // STC STCY
  cases[63] = () => st16(get(t), rl(r1)) // STH STHY
  cases[64] = () => i32.store8(get(t), get(i)) // MVI MVIY
  cases[65] = () => seq(set(v, i32.load8u(get(t))), ccOf(i32.eq(get(v), get(i)), i32.ltU(get(v), get(i)))) // CLI CLIY
  cases[66] = () => seq(set(v, i32.and(i32.load8u(get(t)), get(i))), set(cc, select(c32(0), select(c32(3), c32(1), i32.eq(get(v), get(i))), i32.eqz(get(v))))) // TM TMY
  cases[67] = () => st16(get(t), get(i)) // MVHHI
  cases[68] = () => st32(get(t), get(i)) // MVHI
  cases[69] = () => seq(st32(get(t), i32.shrS(get(i), c32(31))), st32(i32.add(get(t), c32(4)), get(i))) // MVGHI
  cases[70] = () => seq(set(A, r64(r1)), set(B, ld64(t)), ccOf(i64.eq(get(A), get(B)), i64.ltS(get(A), get(B)))) // CG
  cases[71] = () => seq(set(A, r64(r1)), set(B, ld64(t)), ccOf(i64.eq(get(A), get(B)), i64.ltU(get(A), get(B)))) // CLG
  cases[72] = () => seq(set(h, rl(r1)), set(v, ld32(get(t))), ccOf(i32.eq(get(h), get(v)), i32.ltS(get(h), get(v)))) // C CY
  cases[73] = () => seq(set(h, rl(r1)), set(v, ld32(get(t))), ccOf(i32.eq(get(h), get(v)), i32.ltU(get(h), get(v)))) // CL CLY
  cases[74] = () => branchIf(mask(get(cc))) // BRC BRCL
  // BRCT: the target checked before the count is written
  cases[77] = () => seq(set(v, i32.sub(rl(r1), c32(1))), branchIf(get(v)), setRl(r1, get(v)))
  cases[78] = () => seq(set(R, i64.sub(r64(r1), c64(1))), branchIf(i32.eqz(i64.eqz(get(R)))), set64(r1, R)) // BRCTG
  const cmpJ = (eq: Code, lt: Code): Code => branchIf(i32.and(get(j), select(c32(8), select(c32(4), c32(2), lt), eq)))
  // CIJ CGIJ CLIJ CLGIJ (k: the immediate's byte)
  cases[81] = () => seq(set(h, rl(r1)), set(v, i32.shrS(i32.shl(get(k), c32(24)), c32(24))), cmpJ(i32.eq(get(h), get(v)), i32.ltS(get(h), get(v))))
  cases[82] = () => seq(set(A, r64(r1)), set(B, i64.extendI32S(i32.shrS(i32.shl(get(k), c32(24)), c32(24)))), cmpJ(i64.eq(get(A), get(B)), i64.ltS(get(A), get(B))))
  cases[83] = () => seq(set(h, rl(r1)), cmpJ(i32.eq(get(h), get(k)), i32.ltU(get(h), get(k))))
  cases[84] = () => seq(set(A, r64(r1)), set(B, i64.extendI32U(get(k))), cmpJ(i64.eq(get(A), get(B)), i64.ltU(get(A), get(B))))
  // CRJ CGRJ CLRJ CLGRJ
  cases[85] = () => seq(set(h, rl(r1)), set(v, rl(r2)), cmpJ(i32.eq(get(h), get(v)), i32.ltS(get(h), get(v))))
  cases[86] = () => seq(set(A, r64(r1)), set(B, r64(r2)), cmpJ(i64.eq(get(A), get(B)), i64.ltS(get(A), get(B))))
  cases[87] = () => seq(set(h, rl(r1)), set(v, rl(r2)), cmpJ(i32.eq(get(h), get(v)), i32.ltU(get(h), get(v))))
  cases[88] = () => seq(set(A, r64(r1)), set(B, r64(r2)), cmpJ(i64.eq(get(A), get(B)), i64.ltU(get(A), get(B))))
  // shifts: the amount from B2 + D2, 6 bits
  cases[89] = () => seq(shiftAmount(), setRl(r1, ifv('i32', i32.gtU(get(t), c32(31)), c32(0), i32.shl(rl(r2), get(t))))) // SLL SLLK
  cases[90] = () => seq(shiftAmount(), setRl(r1, ifv('i32', i32.gtU(get(t), c32(31)), c32(0), i32.shrU(rl(r2), get(t))))) // SRL SRLK
  cases[91] = () => seq(shiftAmount(), set(R, i64.shl(r64(r2), i64.extendI32U(get(t)))), set64(r1, R)) // SLLG
  cases[92] = () => seq(shiftAmount(), set(R, i64.shrU(r64(r2), i64.extendI32U(get(t)))), set64(r1, R)) // SRLG
  // RISBG RISBGN: rotate GR r2 left by k, insert under the mask i:j (x bit 0: zero the rest; bit 1: set the CC)
  const rotated = (): Code => seq(set(A, i64.rotl(r64(r2), i64.extendI32U(get(k)))), set(B, i64.or(i64.shl(i64.extendI32U(get(i)), c64(32)), i64.extendI32U(get(j)))))
  cases[93] = () => seq(
    rotated(),
    set(R, i64.or(i64.and(get(A), get(B)), ifv('i64', i32.and(get(x), c32(1)), c64(0), i64.and(r64(r1), i64.xor(get(B), c64(-1)))))),
    set64(r1, R),
    if_(i32.and(get(x), c32(2)), ccSigned64(R)),
  )
  // RXSBG (x bit 0: test only)
  cases[94] = () => seq(
    rotated(),
    set(R, i64.xor(r64(r1), i64.and(get(A), get(B)))),
    set(cc, select(c32(0), c32(1), i64.eqz(i64.and(get(R), get(B))))),
    if_(i32.eqz(i32.and(get(x), c32(1))), set64(r1, R)),
  )
  // RNSBG, ROSBG (x bit 0: test only)
  const rsbgTest = (): Code => seq(set(cc, select(c32(0), c32(1), i64.eqz(i64.and(get(R), get(B))))), if_(i32.eqz(i32.and(get(x), c32(1))), set64(r1, R)))
  cases[138] = () => seq(rotated(), set(R, i64.and(r64(r1), i64.or(get(A), i64.xor(get(B), c64(-1))))), rsbgTest())
  cases[139] = () => seq(rotated(), set(R, i64.or(r64(r1), i64.and(get(A), get(B)))), rsbgTest())
  cases[95] = () => seq(set(R, i64.mul(r64(r1), r64(r2))), set64(r1, R)) // MSGR
  cases[96] = () => seq(set(R, i64.mul(r64(r1), i64.extendI32S(rl(r2)))), set64(r1, R)) // MSGFR
  cases[97] = () => seq(set(R, i64.mul(r64(r1), i64.extendI32S(get(i)))), set64(r1, R)) // MGHI MSGFI
  cases[98] = () => setRl(r1, i32.mul(rl(r1), rl(r2))) // MSR
  cases[99] = () => setRl(r1, i32.mul(rl(r1), get(i))) // MHI MSFI
  cases[100] = () => seq(shiftAmount(), set(v, i32.shrS(rl(r2), select(c32(31), get(t), i32.gtU(get(t), c32(31))))), setRl(r1, get(v)), ccSigned32(v)) // SRA SRAK
  cases[101] = () => seq(shiftAmount(), set(R, i64.shrS(r64(r2), i64.extendI32U(get(t)))), set64(r1, R), ccSigned64(R)) // SRAG
  cases[102] = () => setRl(r1, i32.and(rl(r2), c32(0xffff))) // LLHR
  cases[103] = () => seq(setRl(r1, i32.and(rl(r2), c32(0xffff))), setRh(r1, c32(0))) // LLGHR
  cases[104] = () => add64(r64(r1), ld64(t), false) // AG
  cases[105] = () => seq(set(v, i32.and(rl(r1), ld32(get(t)))), setRl(r1, get(v)), ccZero32(v)) // N NY
  cases[106] = () => seq(shiftAmount(), setRl(r1, i32.rotl(rl(r2), get(t)))) // RLL (rotl takes the amount modulo 32)
  cases[107] = () => seq(shiftAmount(), set(R, i64.rotl(r64(r2), i64.extendI32U(get(t)))), set64(r1, R)) // RLLG
  cases[108] = () => add32(rl(r1), ld32(get(t)), false) // A AY
  cases[109] = () => add32(rl(r1), ld32(get(t)), true) // S SY
  cases[110] = () => seq(set(v, i32.xor(rl(r1), ld32(get(t)))), setRl(r1, get(v)), ccZero32(v)) // X XY
  cases[111] = () => seq(set(v, i32.or(rl(r1), ld32(get(t)))), setRl(r1, get(v)), ccZero32(v)) // O OY
  cases[112] = () => add64(r64(r1), ld64(t), true) // SG
  cases[113] = () => seq(set(R, i64.xor(r64(r1), ld64(t))), set64(r1, R), ccZero64(R)) // XG

  // LARL: the address in the mode (64-bit: ia + 2i modulo 2^64; else under the mode's mask, high word kept)
  cases[45] = () => if_(
    i32.eq(get(am), c32(-1)),
    seq(set(R, i64.add(i64.extendI32U(get(ia)), i64.shl(i64.extendI32S(get(i)), c64(1)))), set64(r1, R)),
    setRl(r1, i32.and(i32.add(get(ia), i32.shl(get(i), c32(1))), get(am))),
  )
  /** The branch address in GR r (a register operand) or `addr` in the mode; an address fastLoop leaves: `other`. */
  const regTarget = (wide: Code, low: Code): Code =>
    if_(
      i32.eq(get(am), c32(-1)),
      seq(set(A, wide), brIf('other', i64.geU(get(A), c64(FAST_LIMIT))), set(w, i32.wrapI64(get(A)))),
      seq(set(w, i32.and(low, get(am))), brIf('other', i32.geU(get(w), c32(FAST_LIMIT)))),
    ).concat(brIf('other', i32.and(get(w), c32(1))))
  /** Link information (BASR, BRAS): the next instruction's address in the mode. */
  const link = (): Code => if_(
    i32.eq(get(am), c32(-1)),
    seq(setRh(r1, c32(0)), setRl(r1, get(sq))),
    setRl(r1, ifv('i32', i32.eq(get(am), c32(0x7fffffff)), i32.or(get(sq), c32(-0x80000000)), i32.and(get(sq), c32(0xffffff)))),
  )
  // BCR: to GR r2 (R2 = 0: no branch)
  cases[75] = () => if_(i32.and(i32.ne(get(r2), c32(0)), i32.ne(mask(get(cc)), c32(0))), seq(regTarget(r64(r2), rl(r2)), set(next, get(w))))
  // BC: to X(B)+D
  const eaWide = (): Code => i64.add(i64.add(ifv('i64', get(x), r64(x), c64(0)), ifv('i64', get(b), r64(b), c64(0))), i64.extendI32S(get(d)))
  const eaLow = (): Code => i32.add(i32.add(ifv('i32', get(x), rl(x), c32(0)), ifv('i32', get(b), rl(b), c32(0))), get(d))
  cases[76] = () => if_(mask(get(cc)), seq(regTarget(eaWide(), eaLow()), set(next, get(w))))
  // BASR: the target read before the link is written (R1 = R2); R2 = 0: link only
  cases[79] = () => seq(if_(get(r2), regTarget(r64(r2), rl(r2)), set(w, get(sq))), link(), set(next, get(w)))
  cases[80] = () => seq(relTarget, link(), set(next, get(w))) // BRAS BRASL
  // logical arithmetic: the CC's bit 1 a carry out, bit 0 a non-zero result
  const cin = ifv('i32', i32.eqz(get(k)), c32(0), i32.and(i32.shrU(get(cc), c32(1)), c32(1)))
  const logical32 = (second: Code, carry: Code): Code =>
    seq(
      set(R, i64.add(i64.add(i64.extendI32U(rl(r1)), i64.extendI32U(second)), i64.extendI32U(carry))),
      setRl(r1, i32.wrapI64(get(R))),
      set(cc, i32.or(select(c32(0), c32(1), i64.eqz(i64.and(get(R), c64(0xffffffff)))), select(c32(2), c32(0), i64.ne(i64.shrU(get(R), c64(32)), c64(0))))),
    )
  cases[121] = () => logical32(rl(r2), cin) // ALR ALCR
  cases[122] = () => logical32(i32.xor(rl(r2), c32(-1)), ifv('i32', i32.eqz(get(k)), c32(1), i32.and(i32.shrU(get(cc), c32(1)), c32(1)))) // SLR SLBR
  /** GR r1 + B + carry (64-bit unsigned, B in the i64 local B). */
  const logical64 = (carry: Code): Code =>
    seq(
      set(A, r64(r1)),
      set(R, i64.add(i64.add(get(A), get(B)), i64.extendI32U(carry))),
      set64(r1, R),
      // a carry out: the sum below the first operand, or equal to it with a carry in and B = 2^64 - 1
      set(cc, i32.or(select(c32(0), c32(1), i64.eqz(get(R))), select(c32(2), c32(0), i32.or(i64.ltU(get(R), get(A)), i32.and(i64.eq(get(R), get(A)), i32.and(i32.ne(carry, c32(0)), i64.eq(get(B), c64(-1)))))))),
    )
  cases[114] = () => seq(set(B, i64.extendI32U(ld32(get(t)))), logical64(c32(0))) // ALGF
  cases[115] = () => seq(set(B, i64.extendI32U(rl(r2))), logical64(c32(0))) // ALGFR
  cases[116] = () => seq(set(B, r64(r2)), logical64(c32(0))) // ALGR
  cases[137] = () => seq(set(B, ld64(t)), logical64(c32(0))) // ALG
  // SLGR SLGFR SLBGR: r1 + ~r2 + (1 - borrow) (x: r2 zero-extended from its low word)
  cases[123] = () => seq(
    set(B, i64.xor(ifv('i64', get(x), i64.extendI32U(rl(r2)), r64(r2)), c64(-1))),
    logical64(ifv('i32', i32.eqz(get(k)), c32(1), i32.and(i32.shrU(get(cc), c32(1)), c32(1)))),
  )
  cases[124] = () => seq(set(B, r64(r2)), logical64(i32.and(i32.shrU(get(cc), c32(1)), c32(1)))) // ALCGR
  cases[125] = () => add64(r64(r1), i64.extendI32S(rl(r2)), false) // AGFR
  cases[126] = () => add64(r64(r1), i64.extendI32S(ld32(get(t))), false) // AGF
  cases[127] = () => seq(set(R, i64.or(r64(r1), ld64(t))), set64(r1, R), ccZero64(R)) // OG
  cases[128] = () => seq(set(R, i64.and(r64(r1), ld64(t))), set64(r1, R), ccZero64(R)) // NG
  // IPM: the CC and program mask (flags bits 8-11) into bits 34-39
  cases[129] = () => setRl(r1, i32.or(i32.or(i32.and(rl(r1), c32(0x00ffffff)), i32.shl(get(cc), c32(28))), i32.shl(i32.and(i32.shrU(get(flags), c32(8)), c32(15)), c32(24))))
  cases[130] = () => [] // PFD NIAI: hints
  // CS CSY: word aligned (else the generic path: specification); unequal stores the word back unchanged
  cases[136] = () => seq(
    brIf('other', i32.and(get(t), c32(3))),
    set(v, ld32(get(t))),
    set(h, i32.ne(get(v), rl(r1))),
    st32(get(t), ifv('i32', get(h), get(v), rl(r2))),
    setRl(r1, get(v)),
    set(cc, get(h)),
  )
  // ---- the operand X(B)+D (PK_OPND): t = its absolute address when its page is in the TLB, else `other` ----
  const tlbLookup = (acc: number): Code =>
    seq(
      set(v, i32.add(get(st), i32.shl(i32.and(i32.wrapI64(i64.shrU(get(A), c64(12))), c32(TLB_SIZE - 1)), c32(3)))),
      // (A is below 2^53 here, so its page number converts exactly in the signed form, a single instruction on x64
      // where the unsigned one is a branch and six; a frame base of 2^31 or more saturates to 2^31 - 1, at or above
      // FAST_LIMIT, and the unsigned truncation was a dozen instructions)
      brIf('other', f64.ne(f64.load(get(v), ST_TAG + acc * 8 * TLB_SIZE), f64.convertI64S(i64.shrU(get(A), c64(12))))),
      set(t, i32.truncSatF64S(f64.load(get(v), ST_BASE + acc * 8 * TLB_SIZE))),
      brIf('other', i32.geU(get(t), c32(FAST_LIMIT))),
      set(t, i32.add(get(t), i32.and(i32.wrapI64(get(A)), c32(0xfff)))),
    )
  // inLocals: the page and absolute-minus-logical offset of the last hit of each access type (a block's function
  // runs no code that changes a TLB entry), so a block's accesses to the page it used last skip the look-up
  const memoPage = inLocals ? [f.local('i64'), f.local('i64')] : []
  const memoDelta = inLocals ? [f.local('i32'), f.local('i32')] : []
  const tlb = (acc: number): Code =>
    !inLocals
      ? tlbLookup(acc)
      : if_(
          i64.eq(i64.shrU(get(A), c64(12)), get(memoPage[acc]!)),
          set(t, i32.add(i32.wrapI64(get(A)), get(memoDelta[acc]!))),
          seq(tlbLookup(acc), set(memoPage[acc]!, i64.shrU(get(A), c64(12))), set(memoDelta[acc]!, i32.sub(get(t), i32.wrapI64(get(A))))),
        )
  /** The relative-long operand at ia + 2i (`size` bytes, aligned to it, else `other`) through the TLB: t. */
  const relLong = (size: number, acc: number): Code =>
    seq(
      set(w, i32.add(get(ia), i32.shl(get(i), c32(1)))),
      // (2i fits 32 bits, the address is aligned and below FAST_LIMIT: as fastLoop)
      brIf('other', i32.ne(i32.shrS(i32.shl(get(i), c32(1)), c32(1)), get(i))),
      brIf('other', i32.and(get(w), c32(size - 1))),
      brIf('other', i32.geU(get(w), c32(FAST_LIMIT))),
      set(A, i64.extendI32U(ifv('i32', i32.eq(get(am), c32(-1)), get(w), i32.and(get(w), get(am))))),
      acc === 1 ? brIf('other', i32.and(get(flags), c32(F_PERSA))) : [],
      tlb(acc),
      acc === 1 ? set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(t), c32(12))))) : [],
    )
  cases[117] = () => seq(relLong(8, 0), setRh(r1, ld32(get(t))), setRl(r1, ld32(i32.add(get(t), c32(4))))) // LGRL
  cases[118] = () => seq(relLong(4, 0), setRl(r1, ld32(get(t)))) // LRL
  cases[131] = () => seq(relLong(8, 1), st32(get(t), rh(r1)), st32(i32.add(get(t), c32(4)), rl(r1))) // STGRL
  cases[132] = () => seq(relLong(4, 1), st32(get(t), rl(r1))) // STRL
  /** The operand B(D) of `size` bytes (a local) in one page through the TLB of `acc`: t (else `other`). */
  const baseOperand = (breg: number, disp: number, size: Code, acc: number): Code =>
    seq(
      if_(
        i32.eq(get(am), c32(-1)),
        set(A, i64.add(ifv('i64', get(breg), r64(breg), c64(0)), i64.extendI32S(get(disp)))),
        set(A, i64.extendI32U(i32.and(i32.add(ifv('i32', get(breg), rl(breg), c32(0)), get(disp)), get(am)))),
      ),
      brIf('other', i64.geU(get(A), c64(2n ** 53n))),
      brIf('other', i32.gtU(i32.add(i32.and(i32.wrapI64(get(A)), c32(0xfff)), size), c32(4096))),
      acc === 1 ? brIf('other', i32.and(get(flags), c32(F_PERSA))) : [],
      tlb(acc),
    )
  // LMG STMG: GR r1..r2 (wrapping) at B(D), one page
  const regCount = set(h, i32.add(i32.and(i32.sub(get(r2), get(r1)), c32(15)), c32(1)))
  /** The registers r1..r2 (wrapping) of LMG/STMG with constant fields. */
  const regRange = (): number[] => {
    const out = [K!.r1]
    while (out[out.length - 1] !== K!.r2) out.push((out[out.length - 1]! + 1) & 15)
    return out
  }
  cases[119] = () => inLocals ? seq(baseOperand(b, d, c32(regRange().length * 8), 0), ...regRange().map((n, q) => seq(setHiK(n, ld32(i32.add(get(t), c32(8 * q)))), setLoK(n, ld32(i32.add(get(t), c32(8 * q + 4))))))) : seq(
    regCount,
    baseOperand(b, d, i32.shl(get(h), c32(3)), 0),
    set(v, get(r1)),
    block(
      'lm',
      null,
      loop('lmn', setRh(v, ld32(get(t))), setRl(v, ld32(i32.add(get(t), c32(4)))), set(t, i32.add(get(t), c32(8))), brIf('lm', i32.eq(get(v), get(r2))), set(v, i32.and(i32.add(get(v), c32(1)), c32(15))), br('lmn')),
    ),
  )
  cases[120] = () => inLocals ? seq(baseOperand(b, d, c32(regRange().length * 8), 1), set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(t), c32(12))))), ...regRange().map((n, q) => seq(st32(i32.add(get(t), c32(8 * q)), hiK(n)), st32(i32.add(get(t), c32(8 * q + 4)), loK(n))))) : seq(
    regCount,
    baseOperand(b, d, i32.shl(get(h), c32(3)), 1),
    set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(t), c32(12))))),
    set(v, get(r1)),
    block(
      'stm',
      null,
      loop('stmn', st32(get(t), rh(v)), st32(i32.add(get(t), c32(4)), rl(v)), set(t, i32.add(get(t), c32(8))), brIf('stm', i32.eq(get(v), get(r2))), set(v, i32.and(i32.add(get(v), c32(1)), c32(15))), br('stmn')),
    ),
  )
  // MVC CLC XC: B1(D1) and B2(D2) (x, i), j + 1 bytes each in one page, byte by byte left to right (overlap)
  const ss = (dstAcc: number, body: Code): Code =>
    seq(
      set(w, i32.add(get(j), c32(1))),
      baseOperand(b, d, get(w), dstAcc),
      set(p, get(t)),
      baseOperand(x, i, get(w), 0),
      set(k, c32(0)),
      body,
    )
  const bytes = (label: string, step: Code): Code =>
    block(label, null, loop(`${label}n`, step, set(k, i32.add(get(k), c32(1))), brIf(label, i32.geU(get(k), get(w))), br(`${label}n`)))
  cases[133] = () => ss(1, seq(set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(p), c32(12))))), bytes('mv', i32.store8(i32.add(get(p), get(k)), i32.load8u(i32.add(get(t), get(k))))))) // MVC
  cases[134] = () => ss(
    0,
    seq(
      set(cc, c32(0)),
      block('cl', null, loop('cln', set(v, i32.load8u(i32.add(get(p), get(k)))), set(h, i32.load8u(i32.add(get(t), get(k)))), if_(i32.ne(get(v), get(h)), seq(set(cc, select(c32(1), c32(2), i32.ltU(get(v), get(h)))), br('cl'))), set(k, i32.add(get(k), c32(1))), brIf('cl', i32.geU(get(k), get(w))), br('cln'))),
    ),
  ) // CLC
  cases[135] = () => ss(
    1,
    seq(
      set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(p), c32(12))))),
      set(h, c32(0)),
      bytes('xc', seq(set(v, i32.xor(i32.load8u(i32.add(get(p), get(k))), i32.load8u(i32.add(get(t), get(k))))), set(h, i32.or(get(h), get(v))), i32.store8(i32.add(get(p), get(k)), get(v)))),
      set(cc, select(c32(0), c32(1), i32.eqz(get(h)))),
    ),
  ) // XC
  /** The storage operand X(B)+D with x, b, d and pk (its length and store bit) set: t = its absolute address when its
   * page is in the TLB, else `other`. */
  const operandAt = (): Code => seq(
    if_(
      i32.eq(get(am), c32(-1)),
      set(A, i64.add(i64.add(ifv('i64', get(x), r64(x), c64(0)), ifv('i64', get(b), r64(b), c64(0))), i64.extendI32S(get(d)))),
      set(A, i64.extendI32U(i32.and(i32.add(i32.add(ifv('i32', get(x), rl(x), c32(0)), ifv('i32', get(b), rl(b), c32(0))), get(d)), get(am)))),
    ),
    // below 2^53 (the TLB's tags are doubles) and in one page
    brIf('other', i64.geU(get(A), c64(2n ** 53n))),
    brIf('other', i32.geU(i32.add(i32.and(i32.wrapI64(get(A)), c32(0xfff)), i32.and(i32.shrU(get(pk), c32(27)), c32(7))), c32(4096))),
    if_(
      i32.eq(i32.and(get(pk), c32(PK_STORE)), c32(PK_STORE)),
      seq(brIf('other', i32.and(get(flags), c32(F_PERSA))), tlb(1), set(epo, i32.load8u(i32.add(get(mk), i32.shrU(get(t), c32(12)))))),
      tlb(0),
    ),
  )
  /** The instruction whose case code comes next (inLocals). */
  const setFields = (q: RegFields): void => {
    K = q
  }
  /** Loads of the registers used so far into their locals (the block's entry), and stores of those written. */
  const regLoads = (): Code => {
    const out: Code[] = memoPage.map((l) => set(l, c64(-1)))
    GR.forEach((l, n) => out.push(set(l, i64.or(i64.shl(i64.extendI32U(i32.load(get(st), ST_RH + 4 * n)), c64(32)), i64.extendI32U(i32.load(get(st), ST_RL + 4 * n))))))
    return seq(...out)
  }
  const regStores = (): Code => seq(...[...written].map((n) => seq(i32.store(get(st), i32.wrapI64(get(GR[n]!)), ST_RL + 4 * n), i32.store(get(st), i32.wrapI64(i64.shrU(get(GR[n]!), c64(32))), ST_RH + 4 * n))))
  return { setFields, regLoads, regStores, room, ep, am, ipage, ibase, flags, st, ob, mk, heat, stop, warm, idiom, hot, n, off, p, o, x2, sq, next, pk, op, r1, r2, x, b, d, k, i, j, t, h, v, w, epo, ia, cc, cases, operandAt, ld32, ld16u }
}
