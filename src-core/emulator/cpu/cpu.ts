// One z/Architecture CPU: registers, PSW, operand-address generation, storage access with a software TLB,
// the interpreter loop and interruption delivery. Instruction semantics live in ../ops, decoding in ../isa.
import {
  ACC_FETCH,
  ACC_IFETCH,
  ACC_STORE,
  CR0_LOW_ADDR_PROT,
  PGM_ADDRESSING,
  PGM_OPERATION,
  PGM_PRIVILEGED,
  PGM_PROTECTION,
  PGM_SPECIFICATION,
  PSW_AS,
  PSW_BIT12,
  PSW_DAT,
  PSW_EXT,
  PSW_IO,
  PSW_KEY,
  PSW_MCHECK,
  PSW_PROBLEM,
  PSW_WAIT,
  TLB_SIZE,
} from './constants.ts'
import { SKEY_CHANGE, SKEY_REF, type Storage } from '../mem/storage.ts'
import { datTranslate, keyCheck } from '../mem/dat.ts'
import { ProgramException, pgm } from './exceptions.ts'
import type { CpuHost } from './host.ts'
import { programInterrupt } from './interrupts.ts'
import { lookupInsn, type Insn } from '../isa/decode.ts'
import { perActive, perStore, runPer } from './per.ts'
import { interpretLoop, sharedCache, type InsnCache } from './interpret.ts'
import { CPU_STATE_BYTES, ST_BASE, ST_CELLS, ST_RH, ST_RL, ST_TAG, wasmLoopFor, type WasmLoops } from './wasm-loop.ts'

/** Entries per access type of the translated-code TLB (jtH/jtL/jtB). */
export const JIT_TLB_SIZE = 32768
/** Entries per access type of the second-level TLB (covers 128 MiB of distinct pages). */
const L2_SIZE = 32768
/** log2(TLB_SIZE) (a power of two). */
const TLB_BITS = 31 - Math.clz32(TLB_SIZE)
/** TLB entries Cpu.tlbFilled remembers (see there). */
const FILL_LOG = 64
const TWO32 = 4294967296
/** The empty translated-code TLB every CPU starts with (see Cpu.jtH); never written. */
const NO_JT = {
  h: [new Int32Array(JIT_TLB_SIZE), new Int32Array(JIT_TLB_SIZE)],
  l: [new Int32Array(JIT_TLB_SIZE), new Int32Array(JIT_TLB_SIZE)],
  b: [new Float64Array(JIT_TLB_SIZE), new Float64Array(JIT_TLB_SIZE)],
} as const
/** Number fields that take values beyond 32-bit integers (addresses, unsigned words, counts past 2^31, host µs). */
const DOUBLE_FIELDS = new Set(['ia', 'nia', 'th', 'tl', 'ipage', 'ibase', 'icount', 'cpuTimerAt', 'teidH', 'teidL'])
/** Object fields given a new object after construction (the translated-code TLB, on the first JIT fill). */
const REASSIGNED = new Set(['jtH', 'jtL', 'jtB'])
/**
 * The registers and TLBs of a new CPU: views of its block of its storage's state area when that has room (layout:
 * cpu/wasm-loop.ts ST_*), with the WebAssembly loop that runs on them; else arrays of its own and no loop.
 */
function cpuState(mem: Storage): Pick<Cpu, 'rl' | 'rh' | 'tlbTag' | 'tlbBase' | 'stateAt' | 'cells' | 'wasm'> {
  const a = mem.memory === null ? null : mem.alloc(CPU_STATE_BYTES)
  if (a === null || mem.memory === null) {
    const f = (): Float64Array => new Float64Array(TLB_SIZE)
    return { rl: new Int32Array(16), rh: new Int32Array(16), tlbTag: [f(), f(), f()], tlbBase: [f(), f(), f()], stateAt: -1, cells: new Int32Array(16), wasm: null }
  }
  const at = a.byteOffset
  const buf = a.buffer
  const f = (off: number): Float64Array => new Float64Array(buf, at + off, TLB_SIZE)
  const t = 8 * TLB_SIZE
  return {
    rl: new Int32Array(buf, at + ST_RL, 16),
    rh: new Int32Array(buf, at + ST_RH, 16),
    tlbTag: [f(ST_TAG), f(ST_TAG + t), f(ST_TAG + 2 * t)],
    tlbBase: [f(ST_BASE), f(ST_BASE + t), f(ST_BASE + 2 * t)],
    stateAt: at,
    cells: new Int32Array(buf, at + ST_CELLS, 16),
    wasm: wasmLoopFor(mem),
  }
}

/**
 * Gives every field of a new CPU its final V8 representation and makes it writable at once. A field first stored as a
 * small integer and later as another number (an address above 2^31, an unsigned word, a count past 2^31), a field
 * V8 saw written only once (it treats it as a constant) that is written again, or a null field that gets an object,
 * change the CPU's hidden class, and V8 then drops the optimized code of every function that has seen a CPU: the
 * interpreter, its handlers and every translated block. Debian's kernel boot did that twice in its init phase
 * (~500 deoptimizations each time, the blocks then rerun in V8's slow tiers until optimized again).
 */
function settleFields(c: Cpu): void {
  const o = c as unknown as Record<string, unknown>
  for (const k of Object.keys(o)) {
    const v = o[k]
    if (typeof v === 'number') o[k] = DOUBLE_FIELDS.has(k) ? 0.5 : v === 0 ? 1 : 0
    else if (typeof v === 'boolean') o[k] = !v
    else if (typeof v === 'bigint') o[k] = v + 1n
    else if (v === null || REASSIGNED.has(k)) o[k] = {}
    else continue
    o[k] = v
  }
}
/** Base of the number window that stands for addresses >= 2^53 (see Cpu.encodeHigh). */
export const HIGH_WINDOW = 2 ** 53 - 2 ** 44

/** One CPU of a Machine. */
export class Cpu {
  /** The machine this CPU belongs to, seen through the few services a CPU needs. */
  readonly m: CpuHost
  readonly mem: Storage
  readonly dv: DataView
  readonly u8: Uint8Array
  /** CPU address (what STAP stores and SIGP addresses). */
  readonly addr: number

  // General registers as hi/lo 32-bit halves; control and access registers the same. The general registers and the
  // TLBs lie in the state area of the storage's WebAssembly memory where it has room (Storage.alloc, cpuState).
  readonly rh: Int32Array
  readonly rl: Int32Array
  readonly crh = new Int32Array(16)
  readonly crl = new Int32Array(16)
  readonly ar = new Int32Array(16)
  /** Vector registers 0-31, four big-endian words each; FPR n is words 4n (high) and 4n+1. */
  readonly vr = new Int32Array(128)
  fpc = 0
  /** Guarded-storage controls (ops/guarded-storage.ts): GSD, GSSM, GSEPLA as high/low word pairs. */
  readonly gs = new Int32Array(6)

  // PSW, split into fields. `mask` holds bits 0-31 except CC and program mask.
  mask = 0
  cc = 0
  pm = 0
  /** Addressing mode mask: 0xffffff, 0x7fffffff or -1 (64-bit). */
  amode = 0x7fffffff
  ia = 0
  nia = 0
  ilc = 0
  prefix = 0

  // Decoded operand fields of the current instruction.
  h0 = 0
  h1 = 0
  h2 = 0
  r1 = 0
  r2 = 0
  r3 = 0
  x2 = 0
  b1 = 0
  d1 = 0
  b2 = 0
  d2 = 0
  i2 = 0
  i3 = 0
  i4 = 0
  i5 = 0
  m3 = 0
  m4 = 0
  m5 = 0
  l1 = 0
  l2 = 0
  /** Scratch result of 64-bit helpers: high and low word. */
  th = 0
  tl = 0

  // Run state.
  stopped = true
  /** Set by DAT when the translation produced an absolute address (EDAT large frame). */
  datAbsolute = false
  /** Cached instruction page (logical) and its absolute base; -1 when invalid. */
  ipage = -1
  /** Translated-block exit bookkeeping: instructions a block completed before it raised a program exception. */
  jitDone = 0
  /** Checked JIT mode: called with the absolute frame of every store translation (store TLB is bypassed). */
  journal: ((frame: number) => void) | null = null
  ibase = 0
  /** Bumped by every TLB flush: the interpreter's own copy of the instruction page is valid while this is unchanged. */
  fetchGen = 0
  /** The interpreter's pre-decoded instructions (cpu/interpret.ts): its storage's (Storage.insnCache), else its
   * thread's, shared by every CPU it runs. */
  get icache(): InsnCache {
    return this.mem.insnCache ?? sharedCache()
  }
  /** Set when the inner loop must stop (PSW/CR change, interrupt made pending, stop). */
  brk = false
  /** Number of instructions executed. */
  icount = 0
  /** Set while executing the target of EXECUTE. */
  inExecute = false
  /** Pending conditions: restart, emergency-signal sources, external call source. */
  restartPending = false
  readonly emergencyFrom = new Set<number>()
  extCallFrom = -1
  stopAfter = false
  storeStatusOnStop = false
  /** Timers: clock comparator (TOD units, BigInt) and CPU timer deadline (host µs). */
  ckc = 0xffffffffffffffffn
  cpuTimerBase = 0n
  cpuTimerAt = 0
  todpr = 0
  /** PER (cpu/per.ts): true while the PER loop runs; storage-alteration events enabled; events of the current
   * instruction (PER code bits); its ATMID and address; the range CR10..CR11. */
  perOn = false
  perSA = false
  perCode = 0
  perAtmid = 0
  perAddr = 0
  perStart = 0n
  perEnd = 0n
  /** Translation-exception identification of the last access exception. */
  teidH = 0
  teidL = 0
  excAccessId = 0
  /** Operand access identification stored with the next access exception (MVPG). */
  opAccessId = 0

  // Software TLB: tag = logical page number, base = absolute page address. Index 0 fetch, 1 store, 2 ifetch.
  /** Second-level TLB (fetch, store) for DAT translations, allocated on first use; valid when gen === tlbGen. */
  private dl2: { tag: Float64Array; base: Float64Array; gen: Uint32Array } | null = null
  private tlbGen = 1
  readonly tlbTag: readonly [Float64Array, Float64Array, Float64Array]
  readonly tlbBase: readonly [Float64Array, Float64Array, Float64Array]
  /** Byte offset of this CPU's block of the state area (its registers, TLBs and `cells`), -1 without one. */
  readonly stateAt: number
  /** The WebAssembly loop's cells (wasm-loop.ts ST_IA, ST_CC, ST_WHY, as words from ST_CELLS). */
  readonly cells: Int32Array
  /** The interpreter's inner loop in WebAssembly over this CPU's state (cpu/wasm-loop.ts), null without a state area. */
  readonly wasm: WasmLoops | null
  /**
   * The TLB entries `fill` made since the last flush (acc * TLB_SIZE + index), so that flushTlb resets only those:
   * a loop of SSKE (kvm-unit-tests' migration-skey keys all of storage, page by page) flushed every CPU's 3K entries
   * per instruction, ~5 us each. A count above FILL_LOG (or anything else writing tags: the warm-up's scratch CPU)
   * makes the next flush reset them all.
   */
  readonly tlbFilled = new Int32Array(FILL_LOG)
  tlbFilledN = FILL_LOG + 1

  constructor(m: CpuHost, addr: number) {
    this.m = m
    this.mem = m.storage
    this.dv = m.storage.dv
    this.u8 = m.storage.u8
    this.addr = addr
    const st = cpuState(m.storage)
    this.rh = st.rh
    this.rl = st.rl
    this.tlbTag = st.tlbTag
    this.tlbBase = st.tlbBase
    this.stateAt = st.stateAt
    this.cells = st.cells
    this.wasm = st.wasm
    this.flushTlb()
    settleFields(this)
  }

  // ---- registers -------------------------------------------------------------------------------------------

  /** 64-bit value of GR n as a BigInt (slow helpers only). */
  r64(n: number): bigint {
    return (BigInt(this.rh[n]! >>> 0) << 32n) | BigInt(this.rl[n]! >>> 0)
  }
  /** Sets GR n from a BigInt (taken modulo 2^64). */
  setR64(n: number, v: bigint): void {
    this.rh[n] = Number((v >> 32n) & 0xffffffffn) | 0
    this.rl[n] = Number(v & 0xffffffffn) | 0
  }
  /** Signed 64-bit value of GR n as a BigInt. */
  r64s(n: number): bigint {
    return (BigInt(this.rh[n]!) << 32n) | BigInt(this.rl[n]! >>> 0)
  }
  /** GR n as a JS number when it is below 2^53 (addresses, lengths); larger values lose low bits. */
  rnum(n: number): number {
    return (this.rh[n]! >>> 0) * TWO32 + (this.rl[n]! >>> 0)
  }
  /** Register contents used as an address in the current addressing mode. */
  raddr(n: number): number {
    if (this.amode === -1) {
      const h = this.rh[n]! >>> 0
      return h < 0x200000 ? h * TWO32 + (this.rl[n]! >>> 0) : this.encodeHigh(h, this.rl[n]! >>> 0)
    }
    return (this.rl[n]! & this.amode) >>> 0
  }

  // Addresses at or above 2^53 do not fit a double exactly. They are handed around as numbers in a window
  // [HIGH_WINDOW, 2^53): one 4K slot per distinct high page, the slot remembering the exact page number.
  private readonly highSlot = new Map<number, number>()
  private readonly highPage: number[] = []
  /** Number standing for the 64-bit address h:l (h >= 2^21). */
  encodeHigh(h: number, l: number): number {
    const pn = h * 1048576 + (l >>> 12)
    const ci = pn & 63
    if (this.highCacheTag[ci] === pn) return this.highCacheBase[ci]! + (l & 0xfff)
    let s = this.highSlot.get(pn)
    if (s === undefined) {
      s = this.highPage.length
      this.highPage.push(pn)
      this.highSlot.set(pn, s)
    }
    this.highCacheTag[ci] = pn
    this.highCacheBase[ci] = HIGH_WINDOW + s * 4096
    return HIGH_WINDOW + s * 4096 + (l & 0xfff)
  }
  /** Small direct-mapped cache of encodeHigh (page number → window base); the slot mapping never changes. */
  private readonly highCacheTag = new Float64Array(64).fill(-1)
  private readonly highCacheBase = new Float64Array(64)
  /** Exact 4K page number (address >> 12) of an address number. */
  pageNo(a: number): number {
    if (a >= HIGH_WINDOW) return this.highPage[Math.floor((a - HIGH_WINDOW) / 4096)] ?? 0
    return Math.floor(a / 4096)
  }
  /** Writes an address into GR n the way the current addressing mode does (24/31 keep bits 0-31 / 0-32). */
  setRaddr(n: number, a: number): void {
    if (this.amode === -1) {
      if (a < TWO32) {
        // Fast path (no float division): the high word is 0.
        this.rh[n] = 0
        this.rl[n] = a | 0
        return
      }
      if (a >= HIGH_WINDOW) {
        const pn = this.pageNo(a)
        this.rh[n] = Math.floor(pn / 1048576) | 0
        this.rl[n] = (((pn % 1048576) * 4096) | (a & 0xfff)) | 0
        return
      }
      this.rh[n] = Math.floor(a / TWO32) | 0
      this.rl[n] = a | 0
    } else if (this.amode === 0x7fffffff) {
      this.rl[n] = a & 0x7fffffff
    } else {
      this.rl[n] = (this.rl[n]! & 0xff000000) | (a & 0xffffff)
    }
  }

  // ---- PSW ---------------------------------------------------------------------------------------------------

  /** Bits 0-31 of the PSW. */
  pswHi(): number {
    return (this.mask | (this.cc << 12) | (this.pm << 8) | (this.amode === -1 ? 1 : 0)) >>> 0
  }
  /** Bits 32-63 of the PSW (BA). */
  pswLo(): number {
    return this.amode === 0xffffff ? 0 : 0x80000000
  }
  get dat(): boolean {
    return (this.mask & PSW_DAT) !== 0
  }
  get problem(): boolean {
    return (this.mask & PSW_PROBLEM) !== 0
  }
  get pswKey(): number {
    return (this.mask & PSW_KEY) >>> 20
  }
  get waiting(): boolean {
    return (this.mask & PSW_WAIT) !== 0
  }

  /** Loads a 16-byte z/Architecture PSW; returns false (after loading) when it is invalid. */
  loadPsw(hi: number, lo: number, addr: number): boolean {
    const old = this.mask
    this.mask = hi & ~0x3f01 & 0xffffffff
    this.cc = (hi >>> 12) & 3
    this.pm = (hi >>> 8) & 15
    const ea = hi & 1
    const ba = lo >>> 31
    this.amode = ea ? -1 : ba ? 0x7fffffff : 0xffffff
    this.ia = addr
    this.nia = addr
    this.brk = true
    if ((old ^ this.mask) & (PSW_DAT | PSW_AS | PSW_KEY | PSW_PROBLEM)) this.flushTlb()
    let valid = (hi & 0xb80000fe) === 0 && (lo & 0x7fffffff) === 0 && !(ea && !ba)
    if ((hi & PSW_BIT12) !== 0) valid = false
    if (this.amode !== -1 && addr > (this.amode >>> 0)) valid = false
    // An odd instruction address is recognized when an instruction is fetched; a wait PSW fetches none, so a
    // disabled wait at an odd address (the 0x...fff convention of bare-metal tests) is a valid way to stop.
    if (addr % 2 !== 0 && (hi & PSW_WAIT) === 0) valid = false
    return valid
  }

  /** Stores the current PSW (with `addr`) as 16 bytes at absolute `abs`. */
  storePswAbs(abs: number, addr: number): void {
    this.dv.setUint32(abs, this.pswHi())
    this.dv.setUint32(abs + 4, this.pswLo())
    this.dv.setUint32(abs + 8, Math.floor(addr / TWO32) >>> 0)
    this.dv.setUint32(abs + 12, addr >>> 0)
  }

  /** Loads a 16-byte PSW from absolute storage. */
  loadPswAbs(abs: number): boolean {
    const dv = this.dv
    return this.loadPsw(dv.getUint32(abs), dv.getUint32(abs + 4), dv.getUint32(abs + 8) * TWO32 + dv.getUint32(abs + 12))
  }

  /** Absolute address of a lowcore offset of this CPU. */
  lc(off: number): number {
    return this.prefix + off
  }

  // ---- address generation --------------------------------------------------------------------------------

  /** Effective address X(B)+D (X/B = 0 mean no register), wrapped to the addressing mode. */
  ea(x: number, b: number, d: number): number {
    if (this.amode === -1) {
      // Fast path: both registers below 2^32 (high words 0) and a sum that is not negative: the plain sum (< 2^34).
      const rh = this.rh
      const rl = this.rl
      if ((x === 0 || rh[x] === 0) && (b === 0 || rh[b] === 0)) {
        const sum = (x === 0 ? 0 : rl[x]! >>> 0) + (b === 0 ? 0 : rl[b]! >>> 0) + d
        if (sum >= 0) return sum
      }
      let lo = d < 0 ? d + TWO32 : d
      let hi = d < 0 ? -1 : 0
      if (x !== 0) {
        lo += this.rl[x]! >>> 0
        hi += this.rh[x]!
      }
      if (b !== 0) {
        lo += this.rl[b]! >>> 0
        hi += this.rh[b]!
      }
      // lo < 3 * 2^32 (three words below 2^32), so the carry is 0, 1 or 2: compares instead of a float division.
      const carry = lo < TWO32 ? 0 : lo < 2 * TWO32 ? 1 : 2
      const h = (hi + carry) >>> 0
      const l = lo - carry * TWO32
      return h < 0x200000 ? h * TWO32 + l : this.encodeHigh(h, l)
    }
    let a = d
    if (x !== 0) a += this.rl[x]!
    if (b !== 0) a += this.rl[b]!
    return (a & this.amode) >>> 0
  }
  /** Second-operand address of RX/RXY formats. */
  ea2(): number {
    return this.ea(this.x2, this.b2, this.d2)
  }
  /** Adds `n` to an address with wrap-around in the current addressing mode. */
  wrap(a: number): number {
    if (this.amode === -1) {
      if (a < 0) {
        // Below zero wraps to the top of the 64-bit space (e.g. a relative branch backwards from near 0).
        const h = Math.floor(a / TWO32)
        return this.addr64(h, a - h * TWO32)
      }
      return a >= 18446744073709551616 ? a - 18446744073709551616 : a
    }
    return (a & this.amode) >>> 0
  }

  // ---- storage access ----------------------------------------------------------------------------------------

  /** Drops every cached translation (DAT/prefix/key/CR changes). */
  flushTlb(): void {
    this.ipage = -1
    this.fetchGen = (this.fetchGen + 1) & 0x3fffffff
    this.tlbGen = (this.tlbGen + 1) >>> 0
    if (this.tlbGen === 0 && this.dl2 !== null) this.dl2.tag.fill(-1)
    const n = this.tlbFilledN
    if (n <= FILL_LOG) {
      for (let k = 0; k < n; k++) {
        const e = this.tlbFilled[k]!
        this.tlbTag[e >>> TLB_BITS as 0 | 1 | 2][e & (TLB_SIZE - 1)] = -1
      }
    } else {
      this.tlbTag[0].fill(-1)
      this.tlbTag[1].fill(-1)
      this.tlbTag[2].fill(-1)
    }
    this.tlbFilledN = 0
    this.nextJitTlbGen()
  }
  /** Drops every entry of the translated-code TLB in O(1): a new generation (see jtGen), its tables cleared at a wrap. */
  private nextJitTlbGen(): void {
    if (++this.jtGen >= 4095) {
      this.jtGen = 1
      if (this.jtL !== NO_JT.l) {
        this.jtL[0].fill(0)
        this.jtL[1].fill(0)
      }
    }
  }

  // Translated-code TLB (jit/): the same translations keyed by the exact 64-bit address as hi word + low-word page
  // (so addresses >= 2^53 need no window encoding). Index 0 fetch, 1 store. An entry exists only while the main TLB
  // holds the same translation, so every rule of `fill` (low pages, code frames, checked-mode journal) still applies.
  // Tags carry a 12-bit generation in their (otherwise zero) low bits, so flushTlb is O(1) here.
  // The tables (1 MiB per CPU) are made at the first translated access: until then every CPU shares the empty ones,
  // which are never written (a zero tag never matches: generations are 1..4094), so an interpreter-only or short run
  // does not pay for them.
  jtH: readonly [Int32Array, Int32Array] = NO_JT.h
  jtL: readonly [Int32Array, Int32Array] = NO_JT.l
  jtB: readonly [Float64Array, Float64Array] = NO_JT.b
  /** Generation of the translated-code TLB (1..4094). */
  jtGen = 1

  /** Address number (as `ea` returns) of the 64-bit address h:l (l unsigned 32-bit). */
  addr64(h: number, l: number): number {
    const hu = h >>> 0
    return hu < 0x200000 ? hu * TWO32 + l : this.encodeHigh(hu, l)
  }
  /** Absolute address of the logical address h:l for a fetch (0) or store (1), caching it in the translated-code TLB. */
  jitAbs(h: number, l: number, acc: 0 | 1): number {
    const a = this.addr64(h, l)
    const abs = this.abs(a, acc)
    const page = a < TWO32 ? a >>> 12 : Math.floor(a / 4096)
    const i = page & (TLB_SIZE - 1)
    if (this.tlbTag[acc][i] === page) {
      if (this.jtL === NO_JT.l) {
        this.jtH = [new Int32Array(JIT_TLB_SIZE), new Int32Array(JIT_TLB_SIZE)]
        this.jtL = [new Int32Array(JIT_TLB_SIZE), new Int32Array(JIT_TLB_SIZE)]
        this.jtB = [new Float64Array(JIT_TLB_SIZE), new Float64Array(JIT_TLB_SIZE)]
      }
      const j = (l >>> 12) & (JIT_TLB_SIZE - 1)
      this.jtH[acc][j] = h
      this.jtL[acc][j] = (l & -4096) | this.jtGen
      this.jtB[acc][j] = abs - (l & 4095)
    }
    return abs
  }
  /** Drops the cached store translations (checked JIT mode journals every store). */
  flushStoreTlb(): void {
    this.tlbTag[1].fill(-1)
    if (this.jtL !== NO_JT.l) this.jtL[1].fill(0)
  }

  /**
   * Sets the prefix (SET PREFIX, SIGP SET PREFIX) and drops the TLBs. Both new lowcore frames count as written
   * (Storage.touched): interruptions store there without a translation, and they keep what was stored after the
   * prefix moves on, when candidateFrames no longer names them through the prefix.
   */
  setPrefix(p: number): void {
    this.prefix = p
    this.mem.touch(p, 0x2000)
    this.flushTlb()
  }

  /** Real → absolute (prefixing). */
  realToAbs(r: number): number {
    if (r < 0x2000) return r + this.prefix
    if (r >= this.prefix && r < this.prefix + 0x2000) return r - this.prefix
    return r
  }

  /** Full translation of a logical address for an access type, with every check; returns the absolute address. */
  translate(a: number, acc: number): number {
    let real = a
    this.datAbsolute = false
    if ((this.mask & PSW_DAT) !== 0) real = datTranslate(this, a, acc)
    const abs = this.datAbsolute ? real : this.realToAbs(real)
    if (abs >= this.mem.size) {
      this.excAccessId = 0
      return pgm(PGM_ADDRESSING)
    }
    if (acc === ACC_STORE && (this.crl[0]! & CR0_LOW_ADDR_PROT) !== 0 && (a < 512 || (a >= 4096 && a < 4608))) {
      this.teidH = 0
      this.teidL = 0
      return pgm(PGM_PROTECTION)
    }
    if (this.pswKey !== 0) keyCheck(this, abs, a, acc)
    return abs
  }

  private fill(a: number, acc: 0 | 1 | 2): number {
    const page = Math.floor(a / 4096)
    // Low pages carry per-address rules (LAP, fetch-protection override): never cache them for stores/keys.
    const cacheable = page >= 2 || (acc !== ACC_STORE && this.pswKey === 0)
    let abs: number
    if (cacheable && acc !== ACC_IFETCH && (this.mask & PSW_DAT) !== 0) {
      // Second-level TLB for DAT translations: large, flushed in O(1) by generation (see flushTlb).
      const o = acc * L2_SIZE + (page % L2_SIZE)
      const l2 = this.dl2 ?? (this.dl2 = { tag: new Float64Array(2 * L2_SIZE).fill(-1), base: new Float64Array(2 * L2_SIZE), gen: new Uint32Array(2 * L2_SIZE) })
      if (l2.tag[o] === page && l2.gen[o] === this.tlbGen) abs = l2.base[o]! + (a & 0xfff)
      else {
        abs = this.translate(a, acc)
        l2.tag[o] = page
        l2.base[o] = abs - (abs % 4096)
        l2.gen[o] = this.tlbGen
      }
    } else abs = this.translate(a, acc)
    // A small integer whenever it can be one (an l2 hit reads a double): abs, inlined into the interpreter's loop
    // (compiled with the warm-up's feedback, where fill saw small integers only), deoptimized it at the first double.
    const base = abs < 0x40000000 ? abs & ~0xfff : abs - (abs % 4096)
    this.mem.touched[base / 4096] = 1
    if (cacheable) {
      const i = page & (TLB_SIZE - 1)
      this.tlbTag[acc][i] = page
      this.tlbBase[acc][i] = base
      const n = this.tlbFilledN
      if (n < FILL_LOG) this.tlbFilled[n] = (acc << TLB_BITS) | i
      if (n <= FILL_LOG) this.tlbFilledN = n + 1
    }
    if (acc === ACC_STORE) {
      this.mem.keys[base / 4096] = this.mem.keys[base / 4096]! | SKEY_REF | SKEY_CHANGE
      const jit = this.m.jit
      if (jit !== null) {
        if (jit.codePages[base / 4096] === 1) jit.codeStore(this, base / 4096)
        if (this.journal !== null) {
          this.tlbTag[ACC_STORE][page & (TLB_SIZE - 1)] = -1
          this.journal(base)
        }
      }
    } else this.mem.keys[base / 4096] = this.mem.keys[base / 4096]! | SKEY_REF
    return base
  }

  /**
   * Removes store-TLB entries that lead to absolute frame `base` (it now holds translated code). The translated-code
   * TLB drops all its entries instead (a new generation, refilled at their next use): a scan of its 32K store
   * entries for the frame cost ~50 us at each new code page, ~1% of a worker's CPU in a run of short kernels.
   */
  dropStoreTlbFrame(base: number): void {
    const tag = this.tlbTag[ACC_STORE]
    const b = this.tlbBase[ACC_STORE]
    for (let i = 0; i < TLB_SIZE; i++) if (b[i] === base) tag[i] = -1
    this.nextJitTlbGen()
  }

  /** Absolute address of byte `a` for access `acc`. */
  abs(a: number, acc: 0 | 1 | 2): number {
    const page = a < TWO32 ? a >>> 12 : Math.floor(a / 4096)
    const i = page & (TLB_SIZE - 1)
    if (this.tlbTag[acc][i] === page) return this.tlbBase[acc][i]! + (a & 0xfff)
    return this.fill(a, acc) + (a & 0xfff)
  }

  /** Checks that [a, a+len) is accessible (recognizes access exceptions before any part is stored). */
  probe(a: number, len: number, acc: 0 | 1): void {
    if (len <= 0) return
    if (acc === ACC_STORE && this.perSA) perStore(this, a, len)
    this.abs(a, acc)
    const last = this.wrap(a + len - 1)
    if (Math.floor(last / 4096) !== Math.floor(a / 4096)) {
      for (let p = this.wrap(a - (a % 4096) + 4096); ; p = this.wrap(p + 4096)) {
        this.abs(p, acc)
        if (Math.floor(p / 4096) === Math.floor(last / 4096)) break
      }
    }
  }

  rd8(a: number): number {
    return this.u8[this.abs(a, ACC_FETCH)]!
  }
  rd16(a: number): number {
    if ((a & 0xfff) > 0xffe) return (this.rd8(a) << 8) | this.rd8(this.wrap(a + 1))
    return this.dv.getUint16(this.abs(a, ACC_FETCH))
  }
  rd32(a: number): number {
    if ((a & 0xfff) > 0xffc) return ((this.rd16(a) << 16) | this.rd16(this.wrap(a + 2))) | 0
    return this.dv.getInt32(this.abs(a, ACC_FETCH))
  }
  /** Reads a doubleword into th/tl. */
  rd64(a: number): void {
    if ((a & 0xfff) > 0xff8) {
      const h = this.rd32(a)
      this.tl = this.rd32(this.wrap(a + 4))
      this.th = h
      return
    }
    const p = this.abs(a, ACC_FETCH)
    this.th = this.dv.getInt32(p)
    this.tl = this.dv.getInt32(p + 4)
  }
  wr8(a: number, v: number): void {
    if (this.perSA) perStore(this, a, 1)
    this.u8[this.abs(a, ACC_STORE)] = v
  }
  wr16(a: number, v: number): void {
    if (this.perSA) perStore(this, a, 2)
    if ((a & 0xfff) > 0xffe) {
      this.probe(a, 2, ACC_STORE)
      this.wr8(a, v >>> 8)
      this.wr8(this.wrap(a + 1), v)
      return
    }
    this.dv.setUint16(this.abs(a, ACC_STORE), v & 0xffff)
  }
  wr32(a: number, v: number): void {
    if (this.perSA) perStore(this, a, 4)
    if ((a & 0xfff) > 0xffc) {
      this.probe(a, 4, ACC_STORE)
      this.wr16(a, v >>> 16)
      this.wr16(this.wrap(a + 2), v)
      return
    }
    this.dv.setInt32(this.abs(a, ACC_STORE), v | 0)
  }
  wr64(a: number, hi: number, lo: number): void {
    if (this.perSA) perStore(this, a, 8)
    if ((a & 0xfff) > 0xff8) {
      this.probe(a, 8, ACC_STORE)
      this.wr32(a, hi)
      this.wr32(this.wrap(a + 4), lo)
      return
    }
    const p = this.abs(a, ACC_STORE)
    this.dv.setInt32(p, hi | 0)
    this.dv.setInt32(p + 4, lo | 0)
  }
  /** Instruction fetch of one halfword. */
  fetch16(a: number): number {
    return this.dv.getUint16(this.abs(a, ACC_IFETCH))
  }

  // ---- interpreter loop -----------------------------------------------------------------------------------

  /** Decodes and executes one instruction at `ia` (updates ia/nia). Throws ProgramException. */
  step(): void {
    const ia = this.ia
    // `& 1` keeps the check in integer arithmetic (`% 2` on a double field is a float modulo on every instruction).
    if ((ia & 1) !== 0) throw new ProgramException(PGM_SPECIFICATION, 0)
    const off = ia & 0xfff
    const page = ia - off
    let base = this.ibase
    if (page !== this.ipage) {
      base = this.abs(page, ACC_IFETCH)
      this.ipage = page
      this.ibase = base
    }
    const dv = this.dv
    const h0 = dv.getUint16(base + off)
    const top = h0 >>> 14
    let len = 2
    if (top !== 0) {
      len = top === 3 ? 6 : 4
      if (off + len <= 4096) {
        this.h1 = dv.getUint16(base + off + 2)
        if (len === 6) this.h2 = dv.getUint16(base + off + 4)
      } else {
        this.h1 = this.fetch16(this.wrap(ia + 2))
        if (len === 6) this.h2 = this.fetch16(this.wrap(ia + 4))
      }
    }
    this.h0 = h0
    this.ilc = len
    this.nia = this.amode === -1 ? ia + len : (ia + len) & this.amode
    const ins = lookupInsn(h0, this.h2)
    if (ins === null) throw new ProgramException(PGM_OPERATION)
    if (ins.priv && (this.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
    ins.run(this, h0, this.h1, this.h2)
    this.ia = this.nia
  }

  /** Executes an already-fetched instruction image (EXECUTE target); nia is EXECUTE's successor unless a branch sets it. */
  executeImage(h0: number, h1: number, h2: number): Insn | null {
    const ins = lookupInsn(h0, h2)
    if (ins === null) throw new ProgramException(PGM_OPERATION)
    if (ins.priv && (this.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
    this.h0 = h0
    this.h1 = h1
    this.h2 = h2
    ins.decode(this, h0, h1, h2)
    this.inExecute = true
    try {
      ins.exec(this)
    } finally {
      this.inExecute = false
    }
    return ins
  }

  /** The interpreter's inner loop (cpu/interpret.ts): from `n` instructions done to `budget` or `brk`; with `toJump`
   *  also after the first instruction that ends a block (a taken branch, an interruption, privileged, interpret-only). */
  interpret(budget: number, n: number, toJump = false): number {
    return interpretLoop(this, budget, n, toJump)
  }
  /** Instructions completed by `interpret` before the one that threw. */
  done = 0

  /** Runs up to `budget` instructions or until `brk`; returns how many ran. Delivers program interruptions. */
  run(budget: number): number {
    if (perActive(this)) return runPer(this, budget, lookupInsn)
    const jit = this.m.jit
    if (jit !== null && this.m.tracer === null) return jit.run(this, budget)
    let n = 0
    this.brk = false
    while (n < budget && !this.brk) {
      const trace = this.m.tracer
      try {
        if (trace !== null) {
          while (n < budget && !this.brk) {
            trace(this)
            this.step()
            n++
          }
        } else {
          n = this.interpret(budget, n)
        }
      } catch (e) {
        if (!(e instanceof ProgramException)) throw e
        if (trace === null) n = this.done
        n++
        programInterrupt(this, e.code, e.ilc < 0 ? this.ilc : e.ilc, e.nullify)
      }
    }
    this.icount += n
    return n
  }

  // ---- interruptions (delivery: interrupts.ts) ----------------------------------------------------------------

  /** True when external interruptions are enabled in the PSW. */
  get extEnabled(): boolean {
    return (this.mask & PSW_EXT) !== 0
  }
  /** True when the PSW is a disabled wait (no interruption can end it except restart). */
  get disabledWait(): boolean {
    return (this.mask & PSW_WAIT) !== 0 && (this.mask & (PSW_EXT | PSW_IO | PSW_MCHECK)) === 0
  }

  /** Resets the CPU (initial CPU reset semantics: PSW, prefix, CRs to defaults, timers). */
  initialReset(): void {
    this.m.jit?.flush()
    this.mask = 0
    this.cc = 0
    this.pm = 0
    this.amode = 0xffffff
    this.ia = 0
    this.nia = 0
    this.prefix = 0
    this.crh.fill(0)
    this.crl.fill(0)
    this.crl[0] = 0xe0
    this.crl[14] = 0xc2000000 | 0
    this.crl[15] = 0
    this.fpc = 0
    this.gs.fill(0)
    this.ckc = 0n
    this.cpuTimerBase = 0n
    this.todpr = 0
    this.restartPending = false
    this.emergencyFrom.clear()
    this.extCallFrom = -1
    this.flushTlb()
  }
}

export { ACC_FETCH, ACC_STORE, ACC_IFETCH }
