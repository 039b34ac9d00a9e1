// A small WebAssembly binary writer: the emulator builds WebAssembly code from TypeScript at run time (no toolchain,
// nothing prebuilt), for the parts of its hot paths where V8's JavaScript costs the most: 64-bit arithmetic split
// into int32 halves, and a map check and reload of every typed array at each turn of a loop that can call out.
// The interpreter's inner loop is its first user (cpu/wasm-loop.ts): bench.elf interpreter-only ran at ~56 MIPS in
// fastLoop's JavaScript and runs at 120-145 in WebAssembly on this 2-core box (`npm run bench -- emu`).
//
// Code is written as folded expressions: every helper returns the bytes of an expression (its operands first, then
// its opcode), so `i32.add(get(a), c32(1))` reads like the WebAssembly text format. Branches name their target
// (`br('exit')`); the depth is resolved when the function is finished, so pieces of code can be built apart and
// nested later.

/** Value types. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64'
const VT: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c }

/** A block's label opened here (after its opcode and type). */
interface Open {
  open: string | null
}
/** A block's label closed here (before its `end`). */
interface Close {
  close: true
}
/** The depth of the branch target named `ref` goes here. */
interface Ref {
  ref: string
}
/** One item of code: a byte, or a marker the finishing pass resolves. */
export type Item = number | Open | Close | Ref
/** Code: the items of one or more instructions. */
export type Code = Item[]

/** Thrown for code or a module that cannot be encoded (an unknown label, a bad local). */
export class WasmEmitError extends Error {
  override name = 'WasmEmitError'
}

function uleb(v: number, out: number[] = []): number[] {
  if (!Number.isInteger(v) || v < 0) throw new WasmEmitError(`unsigned LEB128 of ${v}: not a non-negative integer`)
  do {
    let b = v % 128
    v = Math.floor(v / 128)
    if (v !== 0) b |= 0x80
    out.push(b)
  } while (v !== 0)
  return out
}
function sleb32(v: number): number[] {
  const out: number[] = []
  v |= 0
  for (;;) {
    const b = v & 0x7f
    v >>= 7
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}
function sleb64(v: bigint): number[] {
  const out: number[] = []
  v = BigInt.asIntN(64, v)
  for (;;) {
    const b = Number(v & 0x7fn)
    v >>= 7n
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}

/** Concatenates pieces of code. */
export function seq(...parts: Code[]): Code {
  const out: Code = []
  for (const p of parts) for (const x of p) out.push(x)
  return out
}

const op =
  (code: number) =>
  (...args: Code[]): Code =>
    seq(...args, [code])
/** An instruction of the 0xfc prefix (the non-trapping conversions). */
const opFC =
  (code: number) =>
  (...args: Code[]): Code =>
    seq(...args, [0xfc, ...uleb(code)])

// ---- constants, locals, calls ----
export const c32 = (v: number): Code => [0x41, ...sleb32(v)]
export const c64 = (v: bigint | number): Code => [0x42, ...sleb64(BigInt(v))]
export function f64c(v: number): Code {
  const b = new Uint8Array(new Float64Array([v]).buffer)
  return [0x44, ...b]
}
export const get = (l: number): Code => [0x20, ...uleb(l)]
export const set = (l: number, v: Code): Code => seq(v, [0x21, ...uleb(l)])
export const tee = (l: number, v: Code): Code => seq(v, [0x22, ...uleb(l)])
export const call = (fn: number, ...args: Code[]): Code => seq(...args, [0x10, ...uleb(fn)])
export const drop = (v: Code): Code => seq(v, [0x1a])
export const select = (a: Code, b: Code, cond: Code): Code => seq(a, b, cond, [0x1b])
export const ret = (...v: Code[]): Code => seq(...v, [0x0f])
export const unreachable: Code = [0x00]
export const nop: Code = [0x01]

// ---- control ----
function blockType(t: ValType | null): number {
  return t === null ? 0x40 : VT[t]
}
/** `block` named `label` (a branch to it leaves the block), with result type `t`. */
export function block(label: string | null, t: ValType | null, ...body: Code[]): Code {
  return seq([0x02, blockType(t), { open: label }], ...body, [{ close: true }, 0x0b])
}
/** `loop` named `label` (a branch to it starts the loop again). */
export function loop(label: string | null, ...body: Code[]): Code {
  return seq([0x03, 0x40, { open: label }], ...body, [{ close: true }, 0x0b])
}
/** `if cond then … else …` without a result. */
export function if_(cond: Code, then: Code, els?: Code): Code {
  return seq(cond, [0x04, 0x40, { open: null }], then, els === undefined ? [] : seq([0x05], els), [{ close: true }, 0x0b])
}
/** `if` with a result of type `t` (both arms required). */
export function ifv(t: ValType, cond: Code, then: Code, els: Code): Code {
  return seq(cond, [0x04, VT[t], { open: null }], then, [0x05], els, [{ close: true }, 0x0b])
}
export const br = (label: string): Code => [0x0c, { ref: label }]
export const brIf = (label: string, cond: Code): Code => seq(cond, [0x0d, { ref: label }])
/** `br_table`: to labels[idx], or to `dflt` when idx is out of range. */
export function brTable(labels: string[], dflt: string, idx: Code): Code {
  return seq(idx, [0x0e, ...uleb(labels.length)], labels.map((l) => ({ ref: l })), [{ ref: dflt }])
}

// ---- memory: offset is a constant added to the address operand (unsigned, below 2^32) ----
const mem =
  (code: number, align: number) =>
  (addr: Code, offset = 0): Code =>
    seq(addr, [code, align, ...uleb(offset)])
const store =
  (code: number, align: number) =>
  (addr: Code, v: Code, offset = 0): Code =>
    seq(addr, v, [code, align, ...uleb(offset)])

/** i32 instructions. */
export const i32 = {
  load: mem(0x28, 2),
  load8u: mem(0x2d, 0),
  load8s: mem(0x2c, 0),
  load16u: mem(0x2f, 1),
  load16s: mem(0x2e, 1),
  store: store(0x36, 2),
  store8: store(0x3a, 0),
  store16: store(0x3b, 1),
  eqz: op(0x45),
  eq: op(0x46),
  ne: op(0x47),
  ltS: op(0x48),
  ltU: op(0x49),
  gtS: op(0x4a),
  gtU: op(0x4b),
  leS: op(0x4c),
  leU: op(0x4d),
  geS: op(0x4e),
  geU: op(0x4f),
  clz: op(0x67),
  ctz: op(0x68),
  popcnt: op(0x69),
  add: op(0x6a),
  sub: op(0x6b),
  mul: op(0x6c),
  divS: op(0x6d),
  divU: op(0x6e),
  remS: op(0x6f),
  remU: op(0x70),
  and: op(0x71),
  or: op(0x72),
  xor: op(0x73),
  shl: op(0x74),
  shrS: op(0x75),
  shrU: op(0x76),
  rotl: op(0x77),
  rotr: op(0x78),
  wrapI64: op(0xa7),
  truncF64U: op(0xab),
  truncF64S: op(0xaa),
  /** Saturating: NaN 0, below -2^31 -2^31, above 2^31 - 1 2^31 - 1 (never traps). */
  truncSatF64S: opFC(2),
}
/** i64 instructions. */
export const i64 = {
  load: mem(0x29, 3),
  store: store(0x37, 3),
  eqz: op(0x50),
  eq: op(0x51),
  ne: op(0x52),
  ltS: op(0x53),
  ltU: op(0x54),
  gtS: op(0x55),
  gtU: op(0x56),
  leS: op(0x57),
  leU: op(0x58),
  geS: op(0x59),
  geU: op(0x5a),
  clz: op(0x79),
  add: op(0x7c),
  sub: op(0x7d),
  mul: op(0x7e),
  and: op(0x83),
  or: op(0x84),
  xor: op(0x85),
  shl: op(0x86),
  shrS: op(0x87),
  shrU: op(0x88),
  rotl: op(0x89),
  extendI32S: op(0xac),
  extendI32U: op(0xad),
}
/** f64 instructions. */
export const f64 = {
  load: mem(0x2b, 3),
  store: store(0x39, 3),
  eq: op(0x61),
  ne: op(0x62),
  convertI32U: op(0xb8),
  convertI32S: op(0xb7),
  convertI64U: op(0xba),
  convertI64S: op(0xb9),
}

/** A function under construction: its signature and locals (parameters are locals 0..n-1). */
export class Func {
  readonly params: ValType[]
  readonly results: ValType[]
  readonly locals: ValType[] = []
  body: Code = []
  constructor(params: ValType[], results: ValType[]) {
    this.params = params
    this.results = results
  }
  /** A new local of type `t`; returns its index. */
  local(t: ValType): number {
    this.locals.push(t)
    return this.params.length + this.locals.length - 1
  }
}

/** Resolves labels to depths and returns the bytes of `code` (a function body's instructions, without `end`). */
export function resolve(code: Code): number[] {
  const out: number[] = []
  const labels: Array<string | null> = []
  for (const x of code) {
    if (typeof x === 'number') out.push(x)
    else if ('open' in x) labels.push(x.open)
    else if ('close' in x) labels.pop()
    else {
      const at = labels.lastIndexOf(x.ref)
      if (at < 0) throw new WasmEmitError(`branch to '${x.ref}': no enclosing block or loop has that label`)
      uleb(labels.length - 1 - at, out)
    }
  }
  if (labels.length !== 0) throw new WasmEmitError(`${labels.length} block(s) left open`)
  return out
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body]
}
function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)]
  return [...uleb(b.length), ...b]
}

/** A module: imported memory and functions, defined functions, exported functions. */
export class Module {
  private readonly types: string[] = []
  private readonly typeBytes: number[][] = []
  private readonly imports: number[][] = []
  private importedFuncs = 0
  private readonly funcs: Array<{ f: Func; type: number }> = []
  private readonly exports: number[][] = []
  private memoryImported = false

  private typeOf(params: ValType[], results: ValType[]): number {
    const key = `${params.join(',')}>${results.join(',')}`
    let i = this.types.indexOf(key)
    if (i < 0) {
      i = this.types.length
      this.types.push(key)
      this.typeBytes.push([0x60, ...uleb(params.length), ...params.map((t) => VT[t]), ...uleb(results.length), ...results.map((t) => VT[t])])
    }
    return i
  }
  /** Imports the (one) memory as `mod.field`, of at least `minPages` 64 KiB pages (at most `maxPages`). */
  importMemory(mod: string, field: string, minPages: number, maxPages?: number): void {
    if (this.memoryImported) throw new WasmEmitError('a module imports one memory')
    this.memoryImported = true
    const limits = maxPages === undefined ? [0x00, ...uleb(minPages)] : [0x01, ...uleb(minPages), ...uleb(maxPages)]
    this.imports.push([...name(mod), ...name(field), 0x02, ...limits])
  }
  /** Imports a function; returns its index (imports must come before the first defined function). */
  importFunc(mod: string, field: string, params: ValType[], results: ValType[]): number {
    if (this.funcs.length > 0) throw new WasmEmitError(`import ${mod}.${field} after a defined function`)
    this.imports.push([...name(mod), ...name(field), 0x00, ...uleb(this.typeOf(params, results))])
    return this.importedFuncs++
  }
  /** Adds a function (its body set now or later, before bytes()); returns its index. */
  func(f: Func, exportAs?: string): number {
    const index = this.importedFuncs + this.funcs.length
    this.funcs.push({ f, type: this.typeOf(f.params, f.results) })
    if (exportAs !== undefined) this.exports.push([...name(exportAs), 0x00, ...uleb(index)])
    return index
  }
  /** The module's binary. */
  bytes(): Uint8Array {
    const code: number[] = [...uleb(this.funcs.length)]
    for (const { f } of this.funcs) {
      // locals in runs of one type
      const runs: Array<[number, ValType]> = []
      for (const t of f.locals) {
        const last = runs[runs.length - 1]
        if (last !== undefined && last[1] === t) last[0]++
        else runs.push([1, t])
      }
      const body = [...uleb(runs.length), ...runs.flatMap(([n, t]) => [...uleb(n), VT[t]]), ...resolve(f.body), 0x0b]
      code.push(...uleb(body.length), ...body)
    }
    const out = [
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      ...section(1, [...uleb(this.typeBytes.length), ...this.typeBytes.flat()]),
      ...section(2, [...uleb(this.imports.length), ...this.imports.flat()]),
      ...section(3, [...uleb(this.funcs.length), ...this.funcs.flatMap(({ type }) => uleb(type))]),
      ...section(7, [...uleb(this.exports.length), ...this.exports.flat()]),
      ...section(10, code),
    ]
    return new Uint8Array(out)
  }
}
