// Translated blocks as WebAssembly functions. A block whose every instruction is one of the interpreter loop's fast
// cases (cpu/wasm-loop.ts) is emitted as one function over the storage's WebAssembly memory: each instruction is the
// loop's case code with its fields as constants (no cache look-up, field extraction or dispatch), the block's jumps a
// `br_table` over its entry points inside one loop; each guest register it uses is an i64 local, loaded on entry and
// stored back on exit, and the last TLB hit of each access type is remembered. V8 compiles such a function in
// microseconds with its baseline compiler and runs it at once as machine code, where a generated JavaScript block
// runs in V8's bytecode interpreter for its first thousands of calls (jit.ts HOT). Measured, that did not make
// Debian's boot faster, and V8's optimized JavaScript runs loops of 32-bit arithmetic faster: Jit.wasmBlocks is off
// by default (see there), tests turn it on.
//
// A case that cannot complete (a TLB miss, an operand across a page end, an overflow the program mask makes an
// exception, a branch to an address the loop leaves) leaves the function before changing anything, with the CPU's
// address at that instruction, which the interpreter then executes (Cpu.step: its slow path, or its exception after
// the instructions the block completed, as a generated block's fallback does).
// Stores go through the store TLB, which never holds a frame with translated code (Jit.codePages), so a store into
// code always takes that slow path and invalidates the blocks there first.
import { block, br, brTable, c32, Func, get, i32, if_, loop, Module, seq, set, type Code } from '../wasm/emit.ts'
import { fastCode, ST_CC, ST_CELLS, ST_IA, ST_WHY, F_OVX, F_PERSA, WHY_DONE, WHY_OTHER, wasmCases, type WasmLoop } from '../cpu/wasm-loop.ts'
import { predecode, PK_OPND } from '../cpu/predecode.ts'
import { relTarget, type DecodedBlock } from './block.ts'
import type { BlockFn } from './codegen.ts'
import type { Cpu } from '../cpu/cpu.ts'

/** Addresses the loop's cases run at (interpret.ts K.FAST_LIMIT): a block's addresses and static targets lie below. */
const FAST_LIMIT = 0x7fffe000

/** True when every instruction of `d` has a fast case and every address it names lies where the cases run. */
export function wasmTranslatable(d: DecodedBlock): boolean {
  const cases = wasmCases()
  for (const x of d.insns) {
    if (x.ia >= FAST_LIMIT || x.nia >= FAST_LIMIT || x.ia < 0 || x.nia < 0) return false
    const t = relTarget(x, d.amode)
    if (t !== null && (t >= FAST_LIMIT || t < 0)) return false
    if (!cases.has(predecode(x.ins, x.h0, x.h1, x.h2).op)) return false
  }
  return d.insns.length > 0
}

/** The module of block `d` (wasmTranslatable): imports the memory as e.mem, exports its function as `b`. */
export function wasmBlockBytes(d: DecodedBlock): Uint8Array {
  const f = new Func(Array<'i32'>(16).fill('i32'), ['i32'])
  const F = fastCode(f, true)
  const { room, am, st, n, ia, cc, sq, next, pk, r1, r2, x: X, b: B, d: D, k: K, i: I, j: J, cases } = F
  const pc = f.local('i32')
  const insns = d.insns
  const N = insns.length
  const at = new Map<number, number>()
  insns.forEach((x, idx) => at.set(x.ia, idx))
  // entry points: the first instruction, run starts, and every in-block target of a branch or fall-through
  const entry = new Set<number>([0])
  insns.forEach((x, idx) => {
    if (idx > 0 && insns[idx - 1]!.nia !== x.ia) entry.add(idx)
    const t = relTarget(x, d.amode)
    if (t !== null && at.has(t)) entry.add(at.get(t)!)
    const last = idx === N - 1 || insns[idx + 1]!.ia !== x.nia
    if (last && at.has(x.nia)) entry.add(at.get(x.nia)!)
  })
  const starts = [...entry].sort((a, b) => a - b)
  const label = new Map<number, number>(starts.map((s, k) => [s, k]))
  /** Leaves the function at logical address `a` (a constant or a local's code). */
  const leave = (a: Code): Code => seq(set(ia, a), br('out'))
  /** Goes on at instruction address `a`: its entry point inside the block (a budget check first), else leaves. */
  const goTo = (a: number): Code => {
    const idx = at.get(a)
    if (idx === undefined || !label.has(idx)) return leave(c32(a))
    return seq(if_(i32.gtS(i32.add(get(n), c32(N)), get(room)), leave(c32(a))), set(pc, c32(label.get(idx)!)), br('top'))
  }
  const segs: Code[] = starts.map(() => [])
  let seg = -1
  insns.forEach((x, idx) => {
    if (label.has(idx)) seg = label.get(idx)!
    const q = predecode(x.ins, x.h0, x.h1, x.h2)
    F.setFields(q)
    const packed = q.op | (q.r1 << 8) | (q.r2 << 12) | (q.x << 16) | (q.b << 20) | (q.mem << 24)
    const t = relTarget(x, d.amode)
    // a taken branch: to its static target (inside the block or out), or out to a computed one
    const taken = t !== null ? goTo(t) : leave(get(next))
    const fallsOn = idx + 1 < N && insns[idx + 1]!.ia === x.nia
    segs[seg]!.push(
      ...seq(
        set(ia, c32(x.ia)),
        set(sq, c32(x.nia)),
        set(next, c32(x.nia)),
        set(pk, c32(packed)),
        set(r1, c32(q.r1)),
        set(r2, c32(q.r2)),
        set(X, c32(q.x)),
        set(B, c32(q.b)),
        set(D, c32(((q.d & 0xfffff) << 12) >> 12)),
        set(K, c32(q.k & 0xff)),
        set(I, c32(q.i)),
        set(J, c32(q.j)),
        (packed & PK_OPND) !== 0 ? F.operandAt() : [],
        cases[q.op]!(),
        set(n, i32.add(get(n), c32(1))),
        if_(i32.ne(get(next), get(sq)), taken),
        // straight on: into the next instruction (which may start the next segment), else a jump or the exit
        fallsOn ? [] : goTo(x.nia),
      ),
    )
  })
  // the segments in order: segment s's code follows the end of block s<s>; the first is where br_table starts
  const names = starts.map((_, s) => `s${s}`)
  let body: Code = block('s0', null, brTable(names, 's0', get(pc))).concat(segs[0]!)
  for (let s = 1; s < starts.length; s++) body = block(`s${s}`, null, body).concat(segs[s]!)
  f.body = seq(
    // (the dispatcher runs a block only in the addressing mode it was translated in)
    set(am, c32(d.amode)),
    F.regLoads(),
    block('exit', null, block('other', null, block('out', null, loop('top', body)), i32.store(get(st), c32(WHY_DONE), ST_WHY), br('exit')), i32.store(get(st), c32(WHY_OTHER), ST_WHY)),
    F.regStores(),
    i32.store(get(st), get(ia), ST_IA),
    i32.store(get(st), get(cc), ST_CC),
    get(n),
  )
  const m = new Module()
  m.importMemory('e', 'mem', 1)
  m.func(f, 'b')
  return m.bytes()
}

/** The dispatcher's function (codegen.ts BlockFn) for block module `mod` on the CPUs of storage `memory`. */
export function wasmBlockFn(mod: WebAssembly.Module, memory: WebAssembly.Memory): BlockFn {
  const run = new WebAssembly.Instance(mod, { e: { mem: memory } }).exports['b'] as WasmLoop
  return (c: Cpu, budget: number): number => {
    const flags = ((c.pm & 8) !== 0 ? F_OVX : 0) | (c.perSA ? F_PERSA : 0) | ((c.pm & 15) << 8)
    const n = run(budget, 0, 0, c.amode, 0, 0, flags, c.cc, c.stateAt, 0, c.mem.codeMarks.byteOffset, 0, 0, 0, 0, 0, 0)
    const cells = c.cells
    c.ia = cells[(ST_IA - ST_CELLS) >> 2]!
    c.cc = cells[(ST_CC - ST_CELLS) >> 2]!
    if (cells[(ST_WHY - ST_CELLS) >> 2] === WHY_DONE) return n
    // the instruction it stopped before, through the interpreter (which raises its exception, after n completed)
    c.jitDone = n
    c.step()
    c.jitDone = 0
    return n + 1
  }
}
