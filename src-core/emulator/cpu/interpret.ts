// The interpreter's inner loop (Cpu.interpret) and its pre-decoded instruction cache. Kept apart from cpu.ts so the
// CPU's state and its storage access stay one file of one concern.
//
// Pre-decoding: every instruction the loop runs is looked up by its absolute address in a direct-mapped cache of
// decoded instructions (its first word, length, third halfword, flags and compiled handler). An entry is used only
// when the bytes in storage still are the bytes it was decoded from: one 32-bit load and compare (two for 6-byte
// instructions) replaces the fetch of up to three halfwords, the length and opcode-table look-ups and the privileged
// check's table read. Comparing the bytes, not tracking stores, keeps the cache right whoever changes an instruction:
// the program itself (MVC, EXECUTE'd stores), another CPU, a channel program or an SCLP response, a snapshot
// restore; nothing has to invalidate it. fastLoop compares an entry's bytes once per epoch (newEpoch): a new epoch
// starts wherever storage may have changed other than by its own fast stores to data. An instruction that straddles
// a page end is cached too, checked against both pages at every execution (straddleHit); code in the last frame of
// storage runs one instruction at a time in slowStep.
//
// Representation matters more than instruction count here: the Cpu's ia/nia/ipage/ibase fields hold doubles once
// any 64-bit address passed through them, and the old cache of one object per instruction cost a dependent load per
// field. The cache is one Int32Array (four words per slot, one cache line per hit) and the loop keeps the address,
// page and absolute base in int32 locals.
import type { Cpu } from './cpu.ts'
import { ProgramException } from './exceptions.ts'
import { ACC_FETCH, ACC_IFETCH, ACC_STORE, PGM_OPERATION, PGM_PRIVILEGED, PGM_SPECIFICATION, PSW_PROBLEM, TLB_SIZE } from './constants.ts'
import { InstructionTableError, lookupInsn, runOf, type Insn, type Run } from '../isa/decode.ts'
import { FAST_OPS, NO_STORE, OP_MEM, PK_OPND, PK_STORE, predecode } from './predecode.ts'
import { INSN_CACHE_WORDS, Storage } from '../mem/storage.ts'
import type { CpuHost } from './host.ts'
import { F_OVX, F_PERSA, ST_CC, ST_CELLS, ST_IA, ST_WHY, WHY_DONE, WHY_EPOCH, WHY_JUMPED, type WasmLoops } from './wasm-loop.ts'

/**
 * The interpreter's constants as a const enum, whose members esbuild writes as literals where they are used: a
 * module-level `const` stays a variable in our bundles (out/), which V8 loads from the module's context and checks
 * at every use (fastLoop's cache index alone did that twice per instruction). PK_OPND, PK_STORE and TLB_SIZE mirror
 * predecode.ts and constants.ts (checked below).
 */
const enum K {
  /** Entries of the direct-mapped cache (by absolute halfword address): 256 KiB of distinct code without conflicts
   * (4 MiB of int32 per thread, made at its first interpretation). Debian's boot phase at 2,000M-2,200M instructions
   * missed in 5.3% of its interpreted instructions with 2^15 entries, 2.6% with 2^17. */
  SLOTS = 0x20000,
  /** int32 words per slot (a power of two: a slot never straddles a cache line). */
  W = 8,
  /** Bits of a slot's word [2] (see InsnCache): privileged; ends a run that looks for translated blocks. */
  X_PRIV = 0x80000,
  X_ENDS = 0x100000,
  /** The length bits of word [2], and their value for a 6-byte instruction (the only one with a third halfword). */
  X_LEN = 0x70000,
  X_LEN6 = 0x60000,
  /** Shift of the index in RUNS in word [2] (11 bits). */
  X_RUN = 21,
  TWO32 = 4294967296,
  TWO33 = 8589934592,
  TWO52 = 4503599627370496,
  /** XOR with this turns an unsigned 32-bit compare into a signed one. */
  SIGN = -0x80000000,
  /** Instruction addresses (and absolute page bases) below this run in `fastLoop`: int32 arithmetic on them is exact. */
  FAST_LIMIT = 0x7fffe000,
  /** Why fastLoop returned. DONE: budget, brk, or a successor it does not run (interpretLoop looks again). */
  DONE = 0,
  /** A taken branch or an instruction that ends a block, with `toJump`. */
  JUMPED = 1,
  /** The instruction at c.ia needs the general path (an odd or large address, the last frame, a large absolute base). */
  SLOW = 2,
  /**
   * Most instructions one call of fastLoop runs. Emulator threads run without on-stack replacement (see
   * src-main/runner/emulator-v8.ts), so a call keeps the code it was entered with: the first calls of a thread run
   * in V8's bytecode interpreter until TurboFan's code for the loop is ready, and any deoptimization leaves the rest
   * of its call there (~20x slower). A call as long as the caller's budget (2M instructions in `labcon emu`) ran a
   * short kernel's byte loop that way: upstream selftest's 9M instructions took 1.66 s with the translation tier
   * off, 0.51 s with calls of ROOM instructions. A return costs a few loads and a new cache epoch (bench.elf with
   * the translation tier off: no change beyond noise).
   */
  ROOM = 0x4000,
  PK_OPND = 0x1000000,
  PK_STORE = 0x2000000,
  TLB_SIZE = 1024,
}
/** Most instructions one call of the interpreter's inner loop runs (K.ROOM), for tests. */
export const INTERPRETER_CALL_BUDGET = 0x4000
if (K.W * K.SLOTS !== INSN_CACHE_WORDS || K.PK_OPND !== PK_OPND || K.PK_STORE !== PK_STORE || K.TLB_SIZE !== TLB_SIZE || K.ROOM !== INTERPRETER_CALL_BUDGET) throw new Error('interpret.ts: enum K is out of date')

/**
 * A thread's pre-decoded instruction cache. `q` holds W int32 per slot (slot = absolute halfword address mod SLOTS),
 * so a hit reads one cache line, with no pointer to a separately allocated object to follow:
 * [0] the one's complement of the absolute address (so that a zeroed slot, ~-1, is empty: the array needs no fill,
 * and its pages are only touched where code runs); [1] the first four bytes as a signed word (for a 2-byte
 * instruction: and the next halfword); [2] bits 0-15 third halfword (6-byte instructions, else 0), bits 16-18
 * length in bytes, bit 19 privileged, bit 20 ends a run that looks for translated blocks (Insn.endsTranslation),
 * bits 21-31 the index of the instruction's compiled decode + exec in RUNS (the generic path, and slowStep for
 * every instruction); [3] bits 0-7 fast-path operation (cpu/predecode.ts; 0: generic), then 4 bits each r1, r2,
 * x, b, bits 24-29 its storage operand (PK_OPND, PK_STORE, length - 1); [4] bits 0-19 d (a displacement, signed),
 * bits 24-31 k (an 8-bit immediate); [5] i; [6] j (the fast path's operands); [7] the epoch in which fastLoop last
 * compared the slot's bytes with storage (newEpoch; 0: not compared).
 */
export interface InsnCache {
  readonly q: Int32Array
  /** The current epoch of this cache (see newEpoch). */
  epoch: number
}

/** The compiled decode + exec of every instruction the generic path has cached (index: RUN_ID). Not one per slot:
 * an array of 2^17 functions cost every cold start ~15 ms to fill. */
const RUNS: Run[] = []
const RUN_ID = new Map<Insn, number>()
/** 1 for each RUNS index whose instruction never stores (NO_STORE): fastLoop's generic path keeps its epoch. */
const RUN_PURE = new Uint8Array(1 << (32 - K.X_RUN))
function runId(ins: Insn): number {
  let id = RUN_ID.get(ins)
  if (id === undefined) {
    id = RUNS.length
    if (id >= 1 << (32 - K.X_RUN)) throw new InstructionTableError(`${ins.mnemonic}: more than ${1 << (32 - K.X_RUN)} instructions for the interpreter cache's handler index`)
    RUNS.push(runOf(ins))
    RUN_PURE[id] = NO_STORE.has(ins.mnemonic) ? 1 : 0
    RUN_ID.set(ins, id)
  }
  return id
}

function newCache(): InsnCache {
  return { q: new Int32Array(K.W * K.SLOTS), epoch: 0 }
}

let threadCache: InsnCache | null = null
/**
 * The cache every CPU of this thread shares. A slot holds only what the instruction's bytes determine, and a hit
 * compares those bytes in the asking CPU's storage, so CPUs of one machine and machines run one after another (the
 * warm pool runs a fresh machine per test) can share it; a cache per CPU cost each test 4 MiB of zeroed memory and
 * an array of 2^17 functions to fill (the per-test overhead on builtin went from 9 to 22 ms with it).
 */
export function sharedCache(): InsnCache {
  return (threadCache ??= newCache())
}

/** The thread's fastLoop has been warmed up (see warmUp). */
let warmed = false
/** warmUp calls in this thread (interpreterWarmUps). */
let warmUps = 0
/**
 * Instructions a CPU has run before its interpreter warms fastLoop up (looked at before each call of it): our small
 * kernels (selftest: 122K instructions, pgm 261K) end before it, as a warm-up costs them more than the partial
 * compiles it saves (selftest: ~30 ms of wall time with the warm-up at its first instruction); a long run warms up
 * early in its life. At 2M, V8 had compiled fastLoop before it for upstream kernels whose first loops run long
 * (selftest's byte loop, edat, mvpg) and then deoptimized it twice for cases it had not seen yet: three compiles of
 * it in `labcon emu` of each, one or two at 300K; eight upstream kernels one after another in `labcon emu`, three
 * alternating runs: 5.46-5.67 s against 4.91-5.33 s; our five small kernels 1.62-1.74 s against 1.54-1.64 s.
 * (Pool workers warm up as they start, before any kernel: warmThread.)
 */
const WARM_AFTER = 300_000

/** Address of the warm-up's instruction in its scratch storage (slot 0x800 of a scratch cache of 0x1000 slots). */
const WARM_AT = 0x1000
/** End of the scratch storage the warm-up's operands use (GR 3 + GR 4 + D < 0x6000). */
const WARM_END = 0x8000
/** The warm-up's variants (see warmUp): GR n = WARM_HI[v] : WARM_LO[v] + WARM_STEP[v] * n, addressing mode, CC,
 * program mask; and the slot's operands: X (RISBG flags), B, D, I, J, K. Together they run every case's fast path
 * (storage operands in storage and in the TLB), its fallback to the generic path (operands not in the TLB,
 * overflows), negative, zero and positive results, shift amounts 0, below and above 32, relative branches taken,
 * not taken and out of the fast range, the privileged check, and a search for translated blocks (toJump). */
const WARM_HI = [0, -1, 0, 0x7fffffff, 1]
const WARM_LO = [0x2000, -1, 0, 0x7fffffff, 0x80010000 | 0]
const WARM_STEP = [0x100, -8, 0, 0, 0x100]
const WARM_AM = [-1, 0x7fffffff, 0xffffff, -1, -1]
const WARM_X = [3, 1, 0, 2, 3]
const WARM_B = [4, 4, 0, 0, 4]
const WARM_D = [0x10, 0x2c, 0x80, 0x2c, -0x10]
const WARM_I = [4, -2, 0, 0x7fffffff, 0x804]
const WARM_J = [15, 0, 6, 8, 15]
const WARM_K = [5, 40, 0, 63, 5]
/** Pages above 2^32 variant 4 addresses (X + B: 3:0002xxxx; B alone: 1:8001xxxx), put in the scratch TLBs as
 * translations to the scratch storage's first frames, as DAT leaves a kernel stack above 2^32 there. (Its I puts
 * relative operands in frame 2: the TLB holds no store translation of frames 0 and 1, so STGRL/STRL hit only there.) */
const WARM_HIGH_PAGES = [3 * 1048576 + 0x20, 1048576 + 0x80010]

/**
 * Warms this thread's fastLoop up now, once (see warmUp), whatever its CPUs have run: for a thread that will run many
 * machines, such as a worker of the warm pool, where short kernels would otherwise each meet cases of the switch that
 * never ran and deoptimize the loop (the five small bundled kernels in a row: 4-5 deoptimizations without it, 1 with
 * it). `real` only lends its class: it runs nothing.
 */
export function warmThread(real: Cpu): void {
  if (warmed) return
  warmed = true
  warmUp(real)
}

/** The warm-up's scratch CPU and cache, kept for interpreterProbeMs (null until warmUp ran). */
let probe: { c: Cpu; ic: InsnCache } | null = null
/**
 * Instructions of one probe: ~1-3 ms in V8's bytecode interpreter, ~0.1 ms optimized (a pool worker polls it every
 * 20 ms until its loop is optimized; 20,000 cost ~11-16 ms a poll in bytecode, ~45 ms of a worker's CPU at its start,
 * when the compile it waits for needs the core).
 */
const PROBE_INSNS = 2_000

/**
 * Times the interpreter on the warm-up's hot loop (PROBE_INSNS instructions on its scratch CPU): a pool worker that
 * has just warmed up compares it with its first probe to learn when V8's optimized loop has arrived. -1 before
 * warmThread.
 */
export function interpreterProbeMs(): number {
  if (probe === null) return -1
  const { c, ic } = probe
  c.rl[4] = PROBE_INSNS >>> 1
  c.ia = WARM_LOOP
  c.brk = false
  const t0 = performance.now()
  fastLoop(c, ic, PROBE_INSNS, 0, false, 0)
  return performance.now() - t0
}

/** The interpreter's inner loop itself, for the test that checks what V8 made of it after warmThread. */
export function interpreterLoopForTests(): (...args: never[]) => unknown {
  return fastLoop
}

/** Warm-ups this thread has run (warmUp calls): at most one, by warmThread or by its first long run. */
export function interpreterWarmUps(): number {
  return warmUps
}

/**
 * Runs every case of fastLoop's switch a few times, on a scratch CPU with scratch storage, before the thread's
 * first interpretation: TurboFan compiles fastLoop with the type feedback its code has gathered, and code that has
 * never run has none, so the first execution of such a case in optimized code deoptimizes the whole loop, which
 * V8 then recompiles (~100-400 ms of CPU for this function each time; Debian's boot from a snapshot at its init
 * phase did that ~25 times, bench.elf ~9 times). The scratch CPU is made by the real CPU's constructor, so the
 * feedback is the real one (same hidden classes). Each variant puts a synthetic cache slot (the operation with
 * chosen operands, for the bytes of an LHI, which the generic path runs when a case falls back to it) at WARM_AT.
 */
export function warmUp(real: Cpu): void {
  warmUps++
  // The thread's cache first: made after the warm-up's, it changed the field type V8 records for InsnCache.q, and
  // the compile of fastLoop the warm-up starts (see its end) was thrown away (a dependency change) and started over.
  sharedCache()
  const storage = new Storage(1 << 20)
  const host = { storage, jit: null, tracer: null, cpus: [] } as unknown as CpuHost
  const Ctor = real.constructor as new (m: CpuHost, addr: number) => Cpu
  const c = new Ctor(host, 0)
  const ic: InsnCache = { q: new Int32Array(K.W * 0x1000), epoch: 0 }
  const lhi = lookupInsn(0xa728, 0)
  if (lhi === null) throw new InstructionTableError('LHI is missing from the instruction table')
  // Operands that are not zero (conditions on a loaded value are compiled only when they were evaluated).
  for (let i = 0; i < WARM_END; i++) storage.u8[i] = Math.imul(i, 0x9e3779b1) >>> 24
  storage.dv.setInt32(WARM_AT, 0xa7280001 | 0) // lhi r2,1
  // Fill the scratch TLBs with the pages the operands use, for fetches and stores.
  c.amode = -1
  for (let a = 0; a < WARM_END; a += 4096) {
    c.abs(a, ACC_FETCH)
    c.abs(a, ACC_STORE)
  }
  for (const first of WARM_HIGH_PAGES) {
    for (let f = 0; f < WARM_END / 4096; f++) {
      for (const acc of [ACC_FETCH, ACC_STORE] as const) {
        c.tlbTag[acc][(first + f) & (K.TLB_SIZE - 1)] = first + f
        c.tlbBase[acc][(first + f) & (K.TLB_SIZE - 1)] = f * 4096
      }
    }
  }
  // (tags not written by fill: a flush of this CPU resets every entry)
  c.tlbFilledN = c.tlbFilled.length + 1
  const o = K.W * (WARM_AT >>> 1)
  const q = ic.q
  // (its decodes are not the program's: interpreterDecodes counts those)
  const decoded = decodes
  const generic = genericRuns
  const epoch = epochs
  // (nor its heat counts: interpretLoop, which calls it, has set the dispatcher's, and goes on with them)
  const dispatcher = { jitHeat, jitStop, jitMask, jitHeatAt, jitStopAt, heatWarm, heatIdiom, heatHot }
  // The dispatcher's heat counts for the variant that searches for blocks (toJump): scratch ones, whose counts reach
  // each kind of stop and go on between them.
  jitHeat = new Uint16Array(0x1000)
  jitStop = new Uint8Array(0x1000)
  jitMask = 0xfff
  jitHeatAt = -1
  jitStopAt = -1
  heatWarm = 2
  heatIdiom = 4
  heatHot = 8
  // V8 allocates a function's feedback vector only after its first runs: the first pass may gather nothing. The
  // third runs with every scratch frame marked as holding code (Storage.codeMarks), so each fast store also takes
  // its new epoch (newEpoch): Debian's kernel stores next to its code (XC, MVC, STG...), and that path, never run
  // here before, deoptimized fastLoop once in its init phase (a recompile of 100-300 ms).
  for (let pass = 0; pass < 3; pass++) {
    if (pass === 2) storage.codeMarks.fill(1)
    for (let op = 1; op <= FAST_OPS; op++) {
      for (let v = 0; v < WARM_HI.length; v++) {
        for (let k = 0; k < 16; k++) {
          // X and B (GR 3 and 4) as given; the data registers also hold values V8 keeps as doubles (not small
          // integers) in variant 0, where storage operands are in the TLB.
          const data = v === 0 && k !== 3 && k !== 4
          c.rh[k] = data ? Math.imul(0x9e3779b1, k) : WARM_HI[v]!
          c.rl[k] = data ? Math.imul(0x7f4a7c15, k + 1) : WARM_LO[v]! + WARM_STEP[v]! * k
        }
        c.amode = WARM_AM[v]!
        c.cc = v
        c.pm = v === 3 ? 8 : 0
        q[o] = ~WARM_AT
        q[o + 1] = 0xa7280001 | 0
        q[o + 2] = (4 << 16) | (runId(lhi) << K.X_RUN) | (v === 1 ? K.X_PRIV : 0) // (privileged: runs in the supervisor state)
        q[o + 3] = op | (1 << 8) | (2 << 12) | (WARM_X[v]! << 16) | (WARM_B[v]! << 20) | (OP_MEM[op]! << 24)
        q[o + 4] = (WARM_K[v]! << 24) | (WARM_D[v]! & 0xfffff)
        q[o + 5] = WARM_I[v]!
        q[o + 6] = WARM_J[v]!
        q[o + 7] = 0
        c.ia = WARM_AT
        c.brk = false
        try {
          fastLoop(c, ic, 1, 0, v === 2, 0)
        } catch (e) {
          if (!(e instanceof ProgramException)) throw e
        }
      }
    }
    // A privileged instruction in the problem state: the generic path's privileged-operation exception.
    q[o + 2] = (4 << 16) | (runId(lhi) << K.X_RUN) | K.X_PRIV
    q[o + 3] = 0
    c.mask |= PSW_PROBLEM
    c.ia = WARM_AT
    try {
      fastLoop(c, ic, 1, 0, false, 0)
    } catch (e) {
      if (!(e instanceof ProgramException)) throw e
    }
    c.mask &= ~PSW_PROBLEM
    // An instruction that straddles a page end: decoded, then found in the cache (straddleHit).
    storage.dv.setInt32(WARM_STRADDLE, 0xa7280001 | 0)
    for (let k = 0; k < 2; k++) {
      c.ia = WARM_STRADDLE
      fastLoop(c, ic, 1, 0, false, 0)
    }
  }
  // The generic path's call of an instruction's handler, with six different handlers: a call site that only ever
  // saw LHI's (the generic path of every variant above) was compiled for LHI alone and deoptimized at a kernel's
  // first other instruction there. Twice: the second finds them in the cache, a 6-byte one too (hit's compare of
  // the third halfword, which no instruction above reached).
  storage.u8.set(WARM_GENERIC_CODE, WARM_GENERIC)
  c.amode = -1
  c.mask &= ~PSW_PROBLEM
  c.brk = false
  for (let k = 0; k < 2; k++) {
    c.ia = WARM_GENERIC
    fastLoop(c, ic, WARM_GENERIC_INSNS, 0, false, 0)
  }
  // Hot: a loop run long enough in one call for V8 to decide to optimize fastLoop, then one more call, whose entry
  // starts that compile (concurrently, ~150-300 ms of TurboFan for this function). Left to the first kernel, its
  // long calls compiled fastLoop twice at once (on-stack replacement, then the whole function), and the kernel ran
  // unoptimized until the first one finished. Its turns cross a page end, as every kernel's code does: fastLoop's
  // change of instruction page, which the cases above never took twice in one call.
  storage.u8.set(WARM_LOOP_CODE, WARM_LOOP)
  // First with toJump, from each heat count of its branch target on (as the dispatcher counts them): a count that
  // goes on and then reaches each kind of stop. (The variants above always stop at a count of 1, which they never
  // store; the compare with the next kind, never run, deoptimized the early compile in a kernel's first run.)
  const hs = (WARM_LOOP >>> 1) & jitMask
  for (let h = 0; h <= heatHot + 1; h++) {
    jitHeat[hs] = h
    jitStop[hs] = h === heatHot + 1 ? 1 : 0
    c.rl[4] = WARM_TURNS
    c.ia = WARM_LOOP
    fastLoop(c, ic, 2 * heatHot, 0, true, 0)
  }
  c.rl[4] = WARM_TURNS
  c.ia = WARM_LOOP
  fastLoop(c, ic, 2 * WARM_TURNS + 4, 0, false, 0)
  c.ia = WARM_LOOP
  fastLoop(c, ic, 1, 0, false, 0)
  decodes = decoded
  genericRuns = generic
  epochs = epoch
  ;({ jitHeat, jitStop, jitMask, jitHeatAt, jitStopAt, heatWarm, heatIdiom, heatHot } = dispatcher)
  probe = { c, ic }
}
/** Where the warm-up's hot loop runs (slots 0x7fe-0x802 of its cache) and its code: L: aghi r2,1 ; then, in the
 * next page, brct r4,L ; j . */
const WARM_LOOP = 0xffc
const WARM_LOOP_CODE = [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0x46, 0xff, 0xfe, 0xa7, 0xf4, 0x00, 0x00]
/** The hot loop's turns: enough for V8 to mark fastLoop for optimization (Node 20: 800 did not, 1000 did; the budget
 * per tick grows with fastLoop's size: tests/isa/interp-warm-compile.test.ts notices when it no longer suffices). */
const WARM_TURNS = 1000
/** Where the warm-up runs generic instructions with different handlers (slots 0x804-0x811 of its cache), and
 * their code: lpgr r5,r3 ; lngr r5,r3 ; lpgfr r5,r3 ; lrvgr r5,r3 ; lrvr r5,r3 ; flogr r6,r3 ; then a 6-byte
 * instruction: xihf r5,1 (registers only). */
const WARM_GENERIC = 0x1008
const WARM_GENERIC_CODE = [
  0xb9, 0x00, 0x00, 0x53, 0xb9, 0x01, 0x00, 0x53, 0xb9, 0x10, 0x00, 0x53, 0xb9, 0x0f, 0x00, 0x53, 0xb9, 0x1f, 0x00, 0x53,
  0xb9, 0x83, 0x00, 0x63, 0xc0, 0x56, 0x00, 0x00, 0x00, 0x01,
]
const WARM_GENERIC_INSNS = 7
/** Where the warm-up runs an instruction that straddles a page end (slot 0xfff of its cache, not WARM_AT's). */
const WARM_STRADDLE = 0x1ffe

/** Instructions this thread decoded into its cache (misses that were cached): a loop that keeps missing shows here,
 * in `labcon emu --stats`, and in tests, where only the speed would show it otherwise. */
let decodes = 0
/** The number of instructions this thread's interpreter decoded into its cache so far. */
export function interpreterDecodes(): number {
  return decodes
}
/** Instructions this thread's interpreter ran on its generic path (the table's handler) and new epochs of its cache
 * (after each, every cached instruction is compared with storage again at its next run: see newEpoch), shown by
 * `labcon emu --stats`. */
let genericRuns = 0
let epochs = 0
/** The number of instructions this thread's interpreter ran through an instruction's handler (the generic path). */
export function interpreterGenericRuns(): number {
  return genericRuns
}
/** The number of new epochs of this thread's instruction cache so far. */
export function interpreterEpochs(): number {
  return epochs
}
let wasmInsns = 0
/** Instructions the WebAssembly loop (wasm-loop.ts) completed in this thread, for tests. */
export function interpreterWasmInsns(): number {
  return wasmInsns
}
/**
 * Decodes the instruction at c.ia into its CPU's instruction cache without running it (tests: an instruction runs
 * through the WebAssembly loop only once it is in the cache, its first execution is fastLoop's).
 */
export function primeForTests(c: Cpu): void {
  const ia = c.ia
  const off = ia % 4096
  if (off >= 4092) return
  const p = c.abs(ia - off, ACC_IFETCH) + off
  decodeAt(c, c.icache, ia, p, off, (p >>> 1) & (K.SLOTS - 1))
}

/** Calls of the inner loop (fastLoop, or its WebAssembly form) in this thread, for tests: a call runs at most K.ROOM instructions. */
let loopCalls = 0
/** The number of times this thread entered the interpreter's inner loop. */
export function interpreterLoopCalls(): number {
  return loopCalls
}

/**
 * Decodes the instruction at absolute `p` (logical `ia`, page offset `off`) and caches it in slot `s`. One that
 * straddles the page end is cached too, its later halfwords fetched from the next logical page (its translation and
 * its exceptions: what a halfword-wise fetch recognizes), under the tag ~(p | 1), which no look-up of an (even)
 * address matches: straddleHit checks such an entry against both pages. Throws the operation exception for an
 * unknown opcode.
 */
function decodeAt(c: Cpu, ic: InsnCache, ia: number, p: number, off: number, s: number): void {
  const dv = c.dv
  const h0 = dv.getUint16(p)
  const top = h0 >>> 14
  const len = top === 0 ? 2 : top === 3 ? 6 : 4
  let w: number
  let h2 = 0
  let tag = ~p
  if (off + len <= 4096) {
    w = dv.getInt32(p)
    if (len === 6) h2 = dv.getUint16(p + 4)
  } else {
    const nb = c.abs(c.wrap(ia - off + 4096), ACC_IFETCH)
    w = (h0 << 16) | (off === 4094 ? dv.getUint16(nb) : dv.getUint16(p + 2))
    if (len === 6) h2 = dv.getUint16(nb + off + 4 - 4096)
    tag = ~(p | 1)
  }
  const h1 = len === 2 ? 0 : w & 0xffff
  const ins = lookupInsn(h0, h2)
  if (ins === null) {
    c.h0 = h0
    c.h1 = h1
    c.h2 = h2
    c.ilc = len
    c.nia = c.amode === -1 ? ia + len : (ia + len) & c.amode
    throw new ProgramException(PGM_OPERATION)
  }
  const f = predecode(ins, h0, h1, h2)
  const q = ic.q
  const o = K.W * s
  q[o] = tag
  q[o + 1] = w
  q[o + 2] = h2 | (len << 16) | (ins.priv ? K.X_PRIV : 0) | (ins.endsTranslation ? K.X_ENDS : 0) | (runId(ins) << K.X_RUN)
  q[o + 3] = f.op | (f.r1 << 8) | (f.r2 << 12) | (f.x << 16) | (f.b << 20) | (f.mem << 24)
  q[o + 4] = ((f.k & 0xff) << 24) | (f.d & 0xfffff)
  q[o + 5] = f.i
  q[o + 6] = f.j
  q[o + 7] = 0
  decodes++
}

/**
 * A new epoch of cache `ic` (every slot's epoch cleared when the counter wraps, so no old epoch comes back).
 * Epochs: within one run of fastLoop, storage changes only through that loop's own stores (a fast case's TLB-hit
 * store, or the generic path); devices, SCLP, other CPUs, other machines sharing the cache and snapshot restores
 * write between runs or inside a generic instruction. So fastLoop starts a new epoch at its entry, after every
 * generic instruction, and after a fast store into a frame it has taken code from in this storage (`marks`); a slot
 * whose bytes it compared with storage in the current epoch (its word [7] === epoch) is used without comparing them
 * again. A loop of fast instructions, stores to data frames included, compares each instruction's bytes once.
 */
function newEpoch(ic: InsnCache): number {
  epochs++
  if (ic.epoch >= 0x7ffffff0) {
    const q = ic.q
    for (let o = 7; o < q.length; o += K.W) q[o] = 0
    ic.epoch = 0
  }
  return ++ic.epoch
}
/** True when slot offset `o` of `q` holds the instruction now at absolute `p` (0 <= p < 2^31). */
function hit(dv: DataView, q: Int32Array, o: number, p: number): boolean {
  return q[o] === ~p && dv.getInt32(p) === q[o + 1] && ((q[o + 2]! & K.X_LEN) !== K.X_LEN6 || dv.getUint16(p + 4) === (q[o + 2]! & 0xffff))
}

/** True when slot offset `o` holds the instruction at `ia` (absolute `p`, page offset `off`) that straddles the page
 * end (decodeAt): its halfwords in this page at `p`, the rest in the next logical page (fetched: its translation may
 * raise the exception a fetch of it would). */
function straddleHit(c: Cpu, q: Int32Array, o: number, ia: number, p: number, off: number): boolean {
  if (q[o] !== ~(p | 1)) return false
  const dv = c.dv
  const w = q[o + 1]!
  if (dv.getUint16(p) !== w >>> 16) return false
  const nb = c.abs(c.wrap(ia - off + 4096), ACC_IFETCH)
  if ((off === 4094 ? dv.getUint16(nb) : dv.getUint16(p + 2)) !== (w & 0xffff)) return false
  const x = q[o + 2]!
  return (x & K.X_LEN) !== K.X_LEN6 || dv.getUint16(nb + off + 4 - 4096) === (x & 0xffff)
}

/** The carry into the high word of a sum of two unsigned words and a signed displacement (-2^19 <= d < 2^19). */
function carry(l: number): number {
  return l < 0 ? -1 : l >= K.TWO33 ? 2 : l >= K.TWO32 ? 1 : 0
}

/** Signed compare of 64-bit pairs (the low words compare unsigned). */
function cmp64(ah: number, al: number, bh: number, bl: number): number {
  if (ah !== bh) return ah < bh ? 1 : 2
  al >>>= 0
  bl >>>= 0
  return al === bl ? 0 : al < bl ? 1 : 2
}

/** r = a + b (32-bit signed) and the CC of ADD; false (nothing changed) when it overflows: the generic path then
 * runs the instruction (CC 3, the fixed-point-overflow exception when the program mask enables it). */
function add32(c: Cpu, r: number, a: number, b: number, ovx: number): boolean {
  const v = (a + b) | 0
  const o = ((a ^ v) & (b ^ v)) < 0
  if (o && ovx !== 0) return false
  c.rl[r] = v
  c.cc = o ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2
  return true
}
function sub32(c: Cpu, r: number, a: number, b: number, ovx: number): boolean {
  const v = (a - b) | 0
  const o = ((a ^ b) & (a ^ v)) < 0
  if (o && ovx !== 0) return false
  c.rl[r] = v
  c.cc = o ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2
  return true
}
/** r = a + b (64-bit signed pairs) and the CC of ADD; false (nothing changed) when it overflows (see add32). */
function add64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number, ovx: number): boolean {
  const lo = (al >>> 0) + (bl >>> 0)
  const h = ((ah >>> 0) + (bh >>> 0) + (lo > 0xffffffff ? 1 : 0)) | 0
  const l = lo | 0
  const o = ((ah ^ h) & (bh ^ h)) < 0
  if (o && ovx !== 0) return false
  c.rh[r] = h
  c.rl[r] = l
  c.cc = o ? 3 : (h | l) === 0 ? 0 : h < 0 ? 1 : 2
  return true
}
function sub64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number, ovx: number): boolean {
  const lo = (al >>> 0) + (~bl >>> 0) + 1
  const h = ((ah >>> 0) + (~bh >>> 0) + (lo > 0xffffffff ? 1 : 0)) | 0
  const l = lo | 0
  const o = ((ah ^ bh) & (ah ^ h)) < 0
  if (o && ovx !== 0) return false
  c.rh[r] = h
  c.rl[r] = l
  c.cc = o ? 3 : (h | l) === 0 ? 0 : h < 0 ? 1 : 2
  return true
}

// The byte loops of MVC, CLC and XC (fastLoop's cases, out of line: each loop inline made TurboFan's compile of the
// whole loop function longer, which a short run pays in CPU time), over absolute `d` and `s`, n + 1 bytes, left to
// right (byte k is read after byte k - 1 is stored: overlapping operands).
function moveBytes(u8: Uint8Array, d: number, s: number, n: number): void {
  for (let k = 0; k <= n; k++) u8[d + k] = u8[s + k]!
}
/** The CC of CLC: 0 equal, 1 the first operand low, 2 high. */
function compareBytes(u8: Uint8Array, a: number, b: number, n: number): number {
  for (let k = 0; k <= n; k++) {
    const l = u8[a + k]!
    const r = u8[b + k]!
    if (l !== r) return l < r ? 1 : 2
  }
  return 0
}
/** XC: the first operand XOR the second, stored; the CC (0: all zero). */
function xorBytes(u8: Uint8Array, d: number, s: number, n: number): number {
  let any = 0
  for (let k = 0; k <= n; k++) {
    const r = u8[d + k]! ^ u8[s + k]!
    any |= r
    u8[d + k] = r
  }
  return any === 0 ? 0 : 1
}

/** GR r = GR r + bh:bl + cin (64-bit unsigned) with the CC of ADD LOGICAL (bit 1: a carry, bit 0: not zero); with
 * ~b and cin = 1 - borrow the CC of SUBTRACT LOGICAL. */
function addl64c(c: Cpu, r: number, bh: number, bl: number, cin: number): void {
  const lo = (c.rl[r]! >>> 0) + (bl >>> 0) + cin
  const hi = (c.rh[r]! >>> 0) + (bh >>> 0) + (lo > 0xffffffff ? 1 : 0)
  const h = hi | 0
  const l = lo | 0
  c.rh[r] = h
  c.rl[r] = l
  c.cc = ((h | l) !== 0 ? 1 : 0) | (hi > 0xffffffff ? 2 : 0)
}
/** GR r = GR r + bh:bl (64-bit unsigned) with the CC of ADD LOGICAL (bit 1: a carry, bit 0: not zero). */
function addl64(c: Cpu, r: number, bh: number, bl: number): void {
  const lo = (c.rl[r]! >>> 0) + (bl >>> 0)
  const hi = (c.rh[r]! >>> 0) + (bh >>> 0) + (lo > 0xffffffff ? 1 : 0)
  const h = hi | 0
  const l = lo | 0
  c.rh[r] = h
  c.rl[r] = l
  c.cc = ((h | l) !== 0 ? 1 : 0) | (hi > 0xffffffff ? 2 : 0)
}

/** GR r = GR r * bh:bl, the low 64 bits of the product (MULTIPLY SINGLE: no CC, no overflow), in int32 pieces:
 * the ops' BigInt multiply made the fnv1a64 loop of the bench kernel run at a quarter of the others' rate. */
function mul64(rh: Int32Array, rl: Int32Array, r: number, bh: number, bl: number): void {
  const ah = rh[r]!
  const al = rl[r]!
  const a0 = al & 0xffff
  const a1 = al >>> 16
  const b0 = bl & 0xffff
  const b1 = bl >>> 16
  const mid = a1 * b0 + a0 * b1
  const t = a0 * b0 + (mid % 65536) * 65536
  rl[r] = t | 0
  rh[r] = (a1 * b1 + Math.floor(mid / 65536) + Math.floor(t / 4294967296) + Math.imul(ah, bl) + Math.imul(al, bh)) | 0
}
/** LOAD ADDRESS result into GR r: as setRaddr, but the 24-bit mode zeroes bits 32-39. */
function loadAddr(c: Cpu, r: number, am: number, a: number): void {
  if (am === -1 && a < 4294967296) {
    c.rh[r] = 0
    c.rl[r] = a | 0
  } else if (am === 0xffffff) c.rl[r] = a & 0xffffff
  else c.setRaddr(r, a)
}
/** Link information of BASR/BRAS (the address of the next instruction) in the addressing mode `am`. */
function link(c: Cpu, r: number, am: number, nia: number): void {
  if (am === -1) {
    c.rh[r] = nia < 4294967296 ? 0 : Math.floor(nia / 4294967296) | 0
    c.rl[r] = nia | 0
  } else if (am === 0x7fffffff) c.rl[r] = (nia | 0x80000000) | 0
  else c.rl[r] = nia & 0xffffff
}

/**
 * Absolute address of the operand X(B)+D (X/B = 0: no register) of `size` bytes in addressing mode `am` when the
 * address is below 2^53, the operand lies in one page, and the software TLB (`tag`/`base`: the Cpu's tlbTag/tlbBase
 * for the access) holds that page's translation; else -1, and the caller takes Cpu.ea and the rd/wr helpers (which
 * also recognize the exceptions). What Cpu.abs does on a TLB hit, without the calls.
 */
function tlbAbs(rh: Int32Array, rl: Int32Array, am: number, x: number, b: number, d: number, size: number, tag: Float64Array, base: Float64Array): number {
  let a: number
  let pg: number
  if (am === -1) {
    const l = (x === 0 ? 0 : rl[x]! >>> 0) + (b === 0 ? 0 : rl[b]! >>> 0) + d
    const hw = ((x === 0 ? 0 : rh[x]!) + (b === 0 ? 0 : rh[b]!) + carry(l)) | 0
    if (hw < 0 || hw >= 0x200000) return -1
    a = l | 0
    pg = hw * 1048576 + (a >>> 12)
  } else {
    a = ((x === 0 ? 0 : rl[x]!) + (b === 0 ? 0 : rl[b]!) + d) & am
    pg = a >>> 12
  }
  const off = a & 0xfff
  if (off > 4096 - size) return -1
  const ti = (a >>> 12) & (K.TLB_SIZE - 1)
  if (tag[ti] !== pg) return -1
  return base[ti]! + off
}

let why = K.DONE
/**
 * The translation tier's heat counts and block marks by slot (Jit.heat, Jit.stop; `jitMask` their index mask) and
 * the counts at which it acts on a block start (Jit.warmHeat, idiomAfter, hotAfter), set by interpretLoop for a run
 * with `toJump`: fastLoop counts the entries of the branch targets it reaches and returns to the dispatcher only at
 * a block or at such a count (see Jit.warmHeat). Module state read at taken branches only, not fastLoop locals.
 */
let jitHeat: Uint16Array<ArrayBufferLike> = new Uint16Array(1)
let jitStop: Uint8Array<ArrayBufferLike> = new Uint8Array(1)
let jitMask = 0
/** The byte offsets of jitHeat and jitStop in the CPU's WebAssembly memory (Jit.heatAt), -1: not in it. */
let jitHeatAt = -1
let jitStopAt = -1
let heatWarm = 0
let heatIdiom = 0
let heatHot = 0
/** For the catch in interpretLoop: the one's complement of the count of instructions done before the one that
 * threw (whose h0-h2, ILC and NIA are then set in the Cpu: only the generic path, fetch and decode throw). Module
 * state: a local live into a catch clause in the loop's own function kept V8 from holding the loop state in
 * registers. */
let cur = 0
/** The successor address when it is not below FAST_LIMIT (see far). */
let farIa = 0
/** Keeps `next` in fastLoop an int32: -1 stands for an address `a` outside [0, FAST_LIMIT), kept in farIa. */
function far(a: number): number {
  farIa = a
  return -1
}
/** A successor address for fastLoop's `next`: itself when below FAST_LIMIT, else far(a). */
function fastIa(a: number): number {
  return a >= 0 && a < K.FAST_LIMIT ? a | 0 : far(a) | 0
}

/**
 * The interpreter's inner loop: `step` with the fetch replaced by the pre-decoded cache (fetch inlined for what the
 * cache does not hold), from `n` instructions done to `budget` or `brk`; with `toJump` also after the first
 * instruction whose successor is not the next sequential one (a taken branch, an interruption) or that no block can
 * contain (privileged, interpret-only): where the translation tier looks for a block.
 * The count of completed instructions is kept in `c.done` so the caller knows it when an instruction throws.
 *
 * Most instructions run in fastLoop, whose PSW address, instruction page and its absolute base stay int32 locals;
 * whatever it cannot run (see SLOW) runs one at a time in slowStep. The hot set (cpu/predecode.ts) runs in
 * fastLoop's switch on pre-extracted operands, without writing h0-h2, ILC, NIA and the done count into the Cpu: a
 * fast case never throws (what could raise an exception runs on the generic path, which sets them).
 */
export function interpretLoop(c: Cpu, budget: number, n: number, toJump: boolean): number {
  // (its storage's, or the thread's: not a field of the CPU set at its first run: that path, first taken by a pool
  // worker's second machine after V8 had optimized this loop and the dispatcher it is inlined into, deoptimized both)
  const ic = c.mem.insnCache ?? sharedCache()
  const jit = toJump ? c.m.jit : null
  if (jit !== null) {
    jitHeat = jit.heat
    jitStop = jit.stop
    jitMask = jit.stop.length - 1
    jitHeatAt = jit.heatAt
    jitStopAt = jit.stopAt
    heatWarm = jit.warmHeat
    heatIdiom = jit.idiomAfter
    heatHot = jit.hotAfter
  }
  try {
    while (n < budget && !c.brk) {
      const ia = c.ia
      if (ia >= 0 && ia < K.FAST_LIMIT) {
        if (!warmed && c.icount + n > WARM_AFTER) {
          warmed = true
          warmUp(c)
        }
        if (c.wasm !== null) n = wasmRun(c, ic, c.wasm, budget, n, toJump)
        else {
          loopCalls++
          n = fastLoop(c, ic, budget, n, toJump, 0)
        }
        if (why === K.JUMPED) break
        if (why === K.DONE) continue
      }
      cur = ~n
      const jumped = slowStep(c, ic)
      n++
      if (toJump && jumped) break
    }
  } catch (err) {
    c.done = ~cur
    throw err
  }
  return n
}

/**
 * Runs instructions from c.ia (0 <= c.ia < FAST_LIMIT) while they stay below FAST_LIMIT, with the address, page and
 * absolute base in int32 locals; sets `why` and returns the count of instructions done. c.ia is the address of the
 * instruction being run whenever one runs or this returns (what handlers and interruptions read).
 */
/**
 * Runs from c.ia through the CPU's WebAssembly loop (wasm-loop.ts), and each instruction that loop leaves through
 * fastLoop, one at a time in the same epoch (nothing else runs between them); returns and sets `why` as fastLoop.
 */
function wasmRun(c: Cpu, ic: InsnCache, loops: WasmLoops, budget: number, n: number, toJump: boolean): number {
  const st = c.stateAt
  // (the JIT's heat counts and stop flags in the state area: Jit's constructor)
  const heat = toJump ? jitHeatAt : -1
  const stop = jitStopAt
  if (toJump && heat < 0) {
    loopCalls++
    return fastLoop(c, ic, budget, n, toJump, 0)
  }
  const run = toJump ? loops.jit : loops.plain
  const cells = c.cells
  const qb = loops.qb
  const mk = loops.mk
  const lim = loops.lim
  let ep = newEpoch(ic) | 0
  while (n < budget && !c.brk) {
    const ia = c.ia
    if (!(ia >= 0 && ia < K.FAST_LIMIT)) break
    const off = ia & 0xfff
    let base = c.ibase
    if (ia - off !== c.ipage) {
      cur = ~n
      base = c.abs(ia - off, ACC_IFETCH)
      c.ipage = ia - off
      c.ibase = base
    }
    if (!warmed && c.icount + n > WARM_AFTER) {
      // (fastLoop still runs what this loop leaves: warmed up as in interpretLoop)
      warmed = true
      warmUp(c)
    }
    // (an odd address: fastLoop leaves it to slowStep, which raises the specification exception)
    if (base < lim && (ia & 1) === 0) {
      loopCalls++
      const flags = ((c.pm & 8) !== 0 ? F_OVX : 0) | (c.perSA ? F_PERSA : 0) | ((c.pm & 15) << 8)
      // (ob: the byte offset of the cache slot of the page's first halfword; its 2,048 slots follow in one run)
      const ob = qb + (((base >>> 1) & (K.SLOTS - 1)) << 5)
      const k = run(budget - n < K.ROOM ? (budget - n) | 0 : K.ROOM, ia, ep, c.amode, ia - off, base, flags, c.cc, st, ob, mk, heat, stop, heatWarm, heatIdiom, heatHot, lim)
      n += k
      wasmInsns += k
      c.ia = cells[(ST_IA - ST_CELLS) >> 2]!
      c.cc = cells[(ST_CC - ST_CELLS) >> 2]!
      const w = cells[(ST_WHY - ST_CELLS) >> 2]!
      if (w === WHY_DONE) continue
      if (w === WHY_EPOCH) {
        ep = newEpoch(ic) | 0
        continue
      }
      if (w === WHY_JUMPED) {
        why = K.JUMPED
        return n
      }
    }
    // the instruction it left: one through fastLoop, in this epoch (its generic path may start another: ic.epoch)
    n = fastLoop(c, ic, n + 1, n, toJump, ep)
    if (why !== K.DONE) return n
    ep = ic.epoch
  }
  why = K.DONE
  return n
}

/** (`ep0`: the epoch to go on in, 0 for a new one.) */
function fastLoop(c: Cpu, ic: InsnCache, budget: number, n0: number, toJump: boolean, ep0: number): number {
  // The count as an int32 from 0 (returned as n0 + n): from the caller's n and budget, which may be doubles, V8 kept
  // it a tagged value, checked and untagged at every instruction.
  const room = budget - n0 < K.ROOM ? (budget - n0) | 0 : K.ROOM
  let n = 0
  const dv = c.dv
  const u8 = c.u8
  const q = ic.q
  const runA = RUNS
  const rl = c.rl
  const rh = c.rh
  const tagF = c.tlbTag[ACC_FETCH]
  const baseF = c.tlbBase[ACC_FETCH]
  const tagS = c.tlbTag[ACC_STORE]
  const baseS = c.tlbBase[ACC_STORE]
  /** The last absolute address whose word (four bytes) is in storage. */
  const lastP = dv.byteLength - 4
  const marks = c.mem.codeMarks
  let ep = (ep0 === 0 ? newEpoch(ic) : ep0) | 0
  let ia = c.ia | 0
  // The addressing mode: only the generic path changes it (SAM, BSM, LPSWE...), and it reloads it.
  let am = c.amode
  // 1 when the program mask enables the fixed-point-overflow exception (bit 8 of pm; only the generic path changes it)
  let ovx = (c.pm & 8) !== 0 ? 1 : 0
  // The instruction page and its absolute base, valid while the TLB generation is `gen`: only the generic path
  // flushes TLBs (and sets brk), so both are looked at after it, not at every instruction.
  let ipage = -1
  let ibase = 0
  const gen = c.fetchGen
  // c.ia is written only where something may read it (the generic path, a decode or fetch that may throw, a return):
  // a fast case neither reads it nor throws.
  while (n < room) {
    const off = ia & 0xfff
    if ((ia & 1) !== 0) {
      c.ia = ia
      why = K.SLOW
      return n0 + n
    }
    if (ia - off !== ipage) {
      c.ia = ia
      let base = c.ibase
      if (ia - off !== c.ipage) {
        cur = ~(n0 + n)
        base = c.abs(ia - off, ACC_IFETCH)
        c.ipage = ia - off
        c.ibase = base
      }
      // (the last frame of storage: slowStep, which fetches the instruction in its last four bytes halfword-wise)
      if (base >= K.FAST_LIMIT || base >= lastP - 4092) {
        why = K.SLOW
        return n0 + n
      }
      ipage = ia - off
      ibase = base | 0
    }
    const p = (ibase + off) | 0
    // A 2-byte instruction in a page's last halfword is cached too: its word then holds two bytes of the next
    // absolute frame, which can only make the entry miss (and be decoded again), never hit wrongly.
    const s = (p >>> 1) & (K.SLOTS - 1)
    const o = s * K.W
    if (q[o] !== ~p || q[o + 7] !== ep) {
      if (!hit(dv, q, o, p)) {
        c.ia = ia
        cur = ~(n0 + n)
        if (off < 4092 || !straddleHit(c, q, o, ia, p, off)) decodeAt(c, ic, ia, p, off, s)
      }
      // (a straddling entry's tag never matches: it is compared with both pages at every execution)
      q[o + 7] = ep
      marks[p >>> 12] = 1
    }
    const x2 = q[o + 2]!
    const len = (x2 >>> 16) & 7
    // (ia + len < 2^31: in every addressing mode the int32 AND is the wrap)
    const seq = (ia + len) & am
    let next = seq
    const pk = q[o + 3]!
    // The fast path (op != 0) changes nothing and sets op to 0 whenever it cannot complete the instruction itself
    // (an operand not in the TLB or across a page end, an overflow...): the generic path below then runs it, and
    // recognizes every exception. So no fast case throws or calls out to a rarely used helper: a path TurboFan
    // compiled without type feedback (one that had never run) deoptimizes the whole loop when it first runs, and
    // recompiling this function costs ~100-400 ms of CPU each time (Debian's init phase did that ~30 times).
    let op = pk & 0xff
    if (op !== 0) {
      const r1 = (pk >>> 8) & 15
      const r2 = (pk >>> 12) & 15
      const x = (pk >>> 16) & 15
      const b = (pk >>> 20) & 15
      const dk = q[o + 4]!
      const d = (dk << 12) >> 12
      const i = q[o + 5]!
      const j = q[o + 6]!
      const k = dk >>> 24
      let t = 0
      let v = 0
      let h = 0
      /** 1: a relative branch is taken (to ia + 2 * i), computed once after the switch. */
      let rel = 0
      /** 1: the signed result of an addition or subtraction overflowed. */
      let ov = 0
      // The storage operand X(B)+D (PK_OPND): `t` = its absolute address when it lies in one page whose translation
      // the software TLB holds, else the generic path runs the instruction (and recognizes the exceptions). Here
      // once, in int32 arithmetic, rather than a call per case: V8 inlines no call into a function this large. In the
      // 64-bit mode only for X and B below 2^30 (their sum with D fits an int32).
      if ((pk & K.PK_OPND) !== 0) {
        h = x === 0 ? 0 : rl[x]!
        v = b === 0 ? 0 : rl[b]!
        let pg = -1
        if (am !== -1) {
          t = ((h + v + d) | 0) & am
          pg = t >>> 12
        } else {
          const hx = x === 0 ? 0 : rh[x]!
          const hb = b === 0 ? 0 : rh[b]!
          if ((hx | hb) === 0 && ((h | v) & 0xc0000000) === 0) {
            // both below 2^30: the sum fits an int32 (negative: it wraps to the top of storage, the generic path)
            t = (h + v + d) | 0
            pg = t < 0 ? -1 : t >>> 12
          } else {
            // the 64-bit sum: low word t, high word hw (a kernel stack above 2^32, Linux's init phase)
            // (a signed D: `d >>> 0` of a negative D would be a double where V8 expects an int32, a deoptimization)
            const ls = (h >>> 0) + (v >>> 0) + d
            const hw = (hx + hb + (ls < 0 ? -1 : ls >= K.TWO33 ? 2 : ls >= K.TWO32 ? 1 : 0)) | 0
            t = ls | 0
            pg = hw >= 0 && hw < 0x800 ? (hw << 20) | (t >>> 12) : hw >= 0 && hw < 0x200000 ? hw * 1048576 + (t >>> 12) : -1
          }
        }
        if (pg >= 0 && (t & 0xfff) + ((pk >>> 27) & 7) < 4096) {
          v = (t >>> 12) & (K.TLB_SIZE - 1)
          // (an int32 sum: a frame base below FAST_LIMIT made int32 by `| 0`, so that `t` stays an int32 in every
          // case that reads it; the base's double made it a double, checked and converted at each access. A frame
          // above it, in storage of more than 2 GiB, takes the generic path.)
          if ((pk & K.PK_STORE) === 0) {
            const bs = baseF[v]!
            t = tagF[v] === pg && bs < K.FAST_LIMIT ? (bs | 0) + (t & 0xfff) : -1
          } else {
            const bs = baseS[v]!
            t = tagS[v] === pg && bs < K.FAST_LIMIT && !c.perSA ? (bs | 0) + (t & 0xfff) : -1
          }
        } else t = -1
        if (t < 0) op = 0
      }
      switch (op) {
      case 1: // LR
        rl[r1] = rl[r2]!
        break
      case 2: // LGR
        rh[r1] = rh[r2]!
        rl[r1] = rl[r2]!
        break
      case 3: // LTR
        v = rl[r2]!
        rl[r1] = v
        c.cc = v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 4: // LTGR
        h = rh[r2]!
        v = rl[r2]!
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : h < 0 ? 1 : 2
        break
      case 5: // LLGFR
        v = rl[r2]!
        rh[r1] = 0
        rl[r1] = v
        break
      case 6: // LGFR
        v = rl[r2]!
        rh[r1] = v >> 31
        rl[r1] = v
        break
      case 7: // LLCR
        rl[r1] = rl[r2]! & 0xff
        break
      case 8: // LLGCR
        v = rl[r2]! & 0xff
        rh[r1] = 0
        rl[r1] = v
        break
      case 9: // LCR
        v = rl[r2]!
        t = -v | 0
        if ((v & t) < 0) {
          op = 0
          break
        }
        rl[r1] = t
        c.cc = t === 0 ? 0 : t < 0 ? 1 : 2
        break
      case 10: // LCGR
        if (!sub64(c, r1, 0, 0, rh[r2]!, rl[r2]!, ovx)) op = 0
        break
      case 11: // LPR
        v = rl[r2]!
        if (v === -0x80000000) {
          op = 0
          break
        }
        if (v < 0) {
          rl[r1] = -v
          c.cc = 2
        } else {
          rl[r1] = v
          c.cc = v === 0 ? 0 : 2
        }
        break
      case 12: // AR ARK
        // (inline: calls out of this large function are not inlined)
        h = rl[r2]!
        t = rl[x]!
        v = (h + t) | 0
        // (overflow: CC 3, or the generic path's fixed-point-overflow exception when the program mask enables it)
        ov = ((h ^ v) & (t ^ v)) < 0 ? 1 : 0
        if ((ov & ovx) !== 0) {
          op = 0
          break
        }
        rl[r1] = v
        c.cc = ov !== 0 ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 13: // SR SRK
        // (inline: calls out of this large function are not inlined)
        h = rl[r2]!
        t = rl[x]!
        v = (h - t) | 0
        ov = ((h ^ t) & (h ^ v)) < 0 ? 1 : 0
        if ((ov & ovx) !== 0) {
          op = 0
          break
        }
        rl[r1] = v
        c.cc = ov !== 0 ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 14: // AGR AGRK
        if (!add64(c, r1, rh[r2]!, rl[r2]!, rh[x]!, rl[x]!, ovx)) op = 0
        break
      case 15: // SGR SGRK
        if (!sub64(c, r1, rh[r2]!, rl[r2]!, rh[x]!, rl[x]!, ovx)) op = 0
        break
      case 16: // AHI AFI AHIK
        // (inline: calls out of this large function are not inlined)
        h = rl[r2]!
        t = i
        v = (h + t) | 0
        // (overflow: CC 3, or the generic path's fixed-point-overflow exception when the program mask enables it)
        ov = ((h ^ v) & (t ^ v)) < 0 ? 1 : 0
        if ((ov & ovx) !== 0) {
          op = 0
          break
        }
        rl[r1] = v
        c.cc = ov !== 0 ? 3 : v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 17: // AGHI AGFI AGHIK
        if (!add64(c, r1, rh[r2]!, rl[r2]!, i >> 31, i, ovx)) op = 0
        break
      case 18: // NR NRK
        v = rl[r2]! & rl[x]!
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 19: // OR ORK
        v = rl[r2]! | rl[x]!
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 20: // XR XRK
        v = rl[r2]! ^ rl[x]!
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 21: // NGR NGRK
        h = rh[r2]! & rh[x]!
        v = rl[r2]! & rl[x]!
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 22: // OGR OGRK
        h = rh[r2]! | rh[x]!
        v = rl[r2]! | rl[x]!
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 23: // XGR XGRK
        h = rh[r2]! ^ rh[x]!
        v = rl[r2]! ^ rl[x]!
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 24: // NILF NILL NILH
        v = rl[r1]! & i
        rl[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 25: // OILF OILL OILH
        v = rl[r1]! | i
        rl[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 26: // XILF
        v = rl[r1]! ^ i
        rl[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 27: // NIHF NIHL NIHH
        v = rh[r1]! & i
        rh[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 28: // OIHF OIHL OIHH
        v = rh[r1]! | i
        rh[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 29: // XIHF
        v = rh[r1]! ^ i
        rh[r1] = v
        c.cc = (v & j) === 0 ? 0 : 1
        break
      case 30: // LHI IILF
        rl[r1] = i
        break
      case 31: // LGHI LGFI LLILF LLILL LLILH LLIHF LLIHL LLIHH
        rh[r1] = j
        rl[r1] = i
        break
      case 32: // IILL IILH
        rl[r1] = (rl[r1]! & j) | i
        break
      case 33: // IIHF IIHL IIHH
        rh[r1] = (rh[r1]! & j) | i
        break
      case 34: // TMLL TMLH
        v = (rl[r1]! >>> k) & i
        c.cc = v === 0 ? 0 : v === i ? 3 : (v & j) !== 0 ? 2 : 1
        break
      case 35: // TMHL TMHH
        v = (rh[r1]! >>> k) & i
        c.cc = v === 0 ? 0 : v === i ? 3 : (v & j) !== 0 ? 2 : 1
        break
      case 36: // CR
        h = rl[r1]!
        v = rl[r2]!
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 37: // CLR
        h = rl[r1]! ^ K.SIGN
        v = rl[r2]! ^ K.SIGN
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 38: // CGR
        c.cc = cmp64(rh[r1]!, rl[r1]!, rh[r2]!, rl[r2]!)
        break
      case 39: // CLGR
        c.cc = cmp64(rh[r1]! ^ K.SIGN, rl[r1]!, rh[r2]! ^ K.SIGN, rl[r2]!)
        break
      case 40: // CHI CFI
        h = rl[r1]!
        v = i
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 41: // CLFI
        h = rl[r1]! ^ K.SIGN
        v = i ^ K.SIGN
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 42: // CGHI CGFI
        c.cc = cmp64(rh[r1]!, rl[r1]!, i >> 31, i)
        break
      case 43: // CLGFI
        c.cc = cmp64(rh[r1]! ^ K.SIGN, rl[r1]!, K.SIGN, i)
        break
      case 44: // LA LAY: int32 arithmetic here (Cpu.ea, inlined, has slow paths without feedback); in the 64-bit
        // mode the high word is the sum of the high words, the sign of D and the low words' carry
        h = x === 0 ? 0 : rl[x]!
        v = b === 0 ? 0 : rl[b]!
        t = (h + v + d) | 0
        if (am !== -1) rl[r1] = t & am
        else if ((x === 0 || rh[x] === 0) && (b === 0 || rh[b] === 0) && ((h | v) & 0xc0000000) === 0 && t >= 0) {
          rh[r1] = 0
          rl[r1] = t
        } else {
          const ls = (h >>> 0) + (v >>> 0) + d
          rh[r1] = ((x === 0 ? 0 : rh[x]!) + (b === 0 ? 0 : rh[b]!) + (ls < 0 ? -1 : ls >= K.TWO33 ? 2 : ls >= K.TWO32 ? 1 : 0)) | 0
          rl[r1] = t
        }
        break
      case 45: {
        // LARL (the target in a block-scoped double: `t` stays an int32, see `rel`)
        const e = ia + i * 2
        loadAddr(c, r1, am, am === -1 ? (e >= 0 && e < K.TWO52 ? e : c.wrap(e)) : (e & am) >>> 0)
        break
      }
      case 46: // L LY
        rl[r1] = dv.getInt32(t)
        break
      case 47: // LG
        rh[r1] = dv.getInt32(t)
        rl[r1] = dv.getInt32(t + 4)
        break
      case 48: // LGF
        v = dv.getInt32(t)
        rh[r1] = v >> 31
        rl[r1] = v
        break
      case 49: // LLGF
        v = dv.getInt32(t)
        rh[r1] = 0
        rl[r1] = v
        break
      case 50: // LLGC
        v = dv.getUint8(t)
        rh[r1] = 0
        rl[r1] = v
        break
      case 51: // LLC
        rl[r1] = dv.getUint8(t)
        break
      case 52: // LH LHY
        rl[r1] = (dv.getUint16(t) << 16) >> 16
        break
      case 53: // LLH
        rl[r1] = dv.getUint16(t)
        break
      case 54: // LLGH
        v = dv.getUint16(t)
        rh[r1] = 0
        rl[r1] = v
        break
      case 55: // IC ICY
        v = dv.getUint8(t)
        rl[r1] = (rl[r1]! & ~0xff) | v
        break
      case 56: // LT
        v = dv.getInt32(t)
        rl[r1] = v
        c.cc = v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 57: // LTG
        h = dv.getInt32(t)
        v = dv.getInt32(t + 4)
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : h < 0 ? 1 : 2
        break
      case 58: // LB
        rl[r1] = (dv.getUint8(t) << 24) >> 24
        break
      case 59: // LGB
        v = (dv.getUint8(t) << 24) >> 24
        rh[r1] = v >> 31
        rl[r1] = v
        break
      case 60: // ST STY
        dv.setInt32(t, rl[r1]!)
        break
      case 61: // STG
        dv.setInt32(t, rh[r1]!)
        dv.setInt32(t + 4, rl[r1]!)
        break
      case 62: // STC STCY
        dv.setUint8(t, rl[r1]!)
        break
      case 63: // STH STHY
        dv.setUint16(t, rl[r1]!)
        break
      case 64: // MVI MVIY
        dv.setUint8(t, i)
        break
      case 65: // CLI CLIY
        v = dv.getUint8(t)
        c.cc = v === i ? 0 : v < i ? 1 : 2
        break
      case 66: // TM TMY
        v = dv.getUint8(t) & i
        c.cc = v === 0 ? 0 : v === i ? 3 : 1
        break
      case 67: // MVHHI
        dv.setUint16(t, i)
        break
      case 68: // MVHI
        dv.setInt32(t, i)
        break
      case 69: // MVGHI
        dv.setInt32(t, i >> 31)
        dv.setInt32(t + 4, i)
        break
      case 70: // CG
        c.cc = cmp64(rh[r1]!, rl[r1]!, dv.getInt32(t), dv.getInt32(t + 4))
        break
      case 71: // CLG
        c.cc = cmp64(rh[r1]! ^ K.SIGN, rl[r1]!, dv.getInt32(t) ^ K.SIGN, dv.getInt32(t + 4))
        break
      case 72: // C CY
        h = rl[r1]!
        v = dv.getInt32(t)
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 73: // CL CLY
        h = rl[r1]! ^ K.SIGN
        v = dv.getInt32(t) ^ K.SIGN
        c.cc = h === v ? 0 : h < v ? 1 : 2
        break
      case 74: // BRC BRCL
        if ((j & (8 >>> c.cc)) !== 0) {
          rel = 1
        }
        break
      case 75: // BCR
        if (r2 !== 0 && (j & (8 >>> c.cc)) !== 0) next = fastIa(c.raddr(r2)) | 0
        break
      case 76: // BC
        if ((j & (8 >>> c.cc)) !== 0) next = fastIa(c.ea(x, b, d)) | 0
        break
      case 77: // BRCT
        v = (rl[r1]! - 1) | 0
        rl[r1] = v
        if (v !== 0) {
          rel = 1
        }
        break
      case 78: // BRCTG
        v = rl[r1]!
        if (v === 0) rh[r1] = (rh[r1]! - 1) | 0
        v = (v - 1) | 0
        rl[r1] = v
        if ((rh[r1]! | v) !== 0) {
          rel = 1
        }
        break
      case 79: // BASR
        t = c.raddr(r2)
        link(c, r1, am, seq)
        if (r2 !== 0) next = fastIa(t) | 0
        break
      case 80: // BRAS BRASL
        link(c, r1, am, seq)
        rel = 1
        break
      case 81: // CIJ (k: the immediate's byte, signed here)
        h = rl[r1]!
        v = (k << 24) >> 24
        if ((j & (h === v ? 8 : h < v ? 4 : 2)) !== 0) {
          rel = 1
        }
        break
      case 82: // CGIJ
        v = (k << 24) >> 24
        if ((j & (8 >>> cmp64(rh[r1]!, rl[r1]!, v >> 31, v))) !== 0) {
          rel = 1
        }
        break
      case 83: // CLIJ
        h = rl[r1]! ^ K.SIGN
        v = k ^ K.SIGN
        if ((j & (h === v ? 8 : h < v ? 4 : 2)) !== 0) {
          rel = 1
        }
        break
      case 84: // CLGIJ
        if ((j & (8 >>> cmp64(rh[r1]! ^ K.SIGN, rl[r1]!, K.SIGN, k))) !== 0) {
          rel = 1
        }
        break
      case 85: // CRJ
        h = rl[r1]!
        v = rl[r2]!
        if ((j & (h === v ? 8 : h < v ? 4 : 2)) !== 0) {
          rel = 1
        }
        break
      case 86: // CGRJ
        if ((j & (8 >>> cmp64(rh[r1]!, rl[r1]!, rh[r2]!, rl[r2]!))) !== 0) {
          rel = 1
        }
        break
      case 87: // CLRJ
        h = rl[r1]! ^ K.SIGN
        v = rl[r2]! ^ K.SIGN
        if ((j & (h === v ? 8 : h < v ? 4 : 2)) !== 0) {
          rel = 1
        }
        break
      case 88: // CLGRJ
        if ((j & (8 >>> cmp64(rh[r1]! ^ K.SIGN, rl[r1]!, rh[r2]! ^ K.SIGN, rl[r2]!))) !== 0) {
          rel = 1
        }
        break
      case 89: // SLL SLLK
        t = (b === 0 ? d : rl[b]! + d) & 63
        rl[r1] = t > 31 ? 0 : rl[r2]! << t
        break
      case 90: // SRL SRLK
        t = (b === 0 ? d : rl[b]! + d) & 63
        rl[r1] = t > 31 ? 0 : rl[r2]! >>> t
        break
      case 91: // SLLG
        t = (b === 0 ? d : rl[b]! + d) & 63
        h = rh[r2]!
        v = rl[r2]!
        if (t === 0) {
          rh[r1] = h
          rl[r1] = v
        } else if (t < 32) {
          rh[r1] = (h << t) | (v >>> (32 - t))
          rl[r1] = v << t
        } else {
          rh[r1] = v << (t - 32)
          rl[r1] = 0
        }
        break
      case 92: // SRLG
        t = (b === 0 ? d : rl[b]! + d) & 63
        h = rh[r2]!
        v = rl[r2]!
        if (t === 0) {
          rh[r1] = h
          rl[r1] = v
        } else if (t < 32) {
          rl[r1] = (v >>> t) | (h << (32 - t))
          rh[r1] = h >>> t
        } else {
          rl[r1] = h >>> (t - 32)
          rh[r1] = 0
        }
        break
      case 93: // RISBG RISBGN (inline: calls out of this large function are not inlined, and crc32 loops are these)
        // rotate GR r2 left by k: h:v, then insert it under the mask i:j into GR r1 (x bit 0: zero the rest)
        h = k >= 32 ? rl[r2]! : rh[r2]!
        v = k >= 32 ? rh[r2]! : rl[r2]!
        t = k & 31
        if (t !== 0) {
          const u = h
          h = (h << t) | (v >>> (32 - t))
          v = (v << t) | (u >>> (32 - t))
        }
        h = (h & i) | ((x & 1) !== 0 ? 0 : rh[r1]! & ~i)
        v = (v & j) | ((x & 1) !== 0 ? 0 : rl[r1]! & ~j)
        rh[r1] = h
        rl[r1] = v
        if ((x & 2) !== 0) c.cc = (h | v) === 0 ? 0 : h < 0 ? 1 : 2
        break
      case 94: // RXSBG: XOR the rotated GR r2 under the mask into GR r1 (x bit 0: test only)
        h = k >= 32 ? rl[r2]! : rh[r2]!
        v = k >= 32 ? rh[r2]! : rl[r2]!
        t = k & 31
        if (t !== 0) {
          const u = h
          h = (h << t) | (v >>> (32 - t))
          v = (v << t) | (u >>> (32 - t))
        }
        h = rh[r1]! ^ (h & i)
        v = rl[r1]! ^ (v & j)
        c.cc = ((h & i) | (v & j)) === 0 ? 0 : 1
        if ((x & 1) === 0) {
          rh[r1] = h
          rl[r1] = v
        }
        break
      case 138: // RNSBG: AND the rotated GR r2 (ones outside the mask) into GR r1 (x bit 0: test only)
      case 139: // ROSBG: OR the rotated GR r2 under the mask into GR r1 (x bit 0: test only)
        h = k >= 32 ? rl[r2]! : rh[r2]!
        v = k >= 32 ? rh[r2]! : rl[r2]!
        t = k & 31
        if (t !== 0) {
          const u = h
          h = (h << t) | (v >>> (32 - t))
          v = (v << t) | (u >>> (32 - t))
        }
        if (op === 138) {
          h = rh[r1]! & (h | ~i)
          v = rl[r1]! & (v | ~j)
        } else {
          h = rh[r1]! | (h & i)
          v = rl[r1]! | (v & j)
        }
        c.cc = ((h & i) | (v & j)) === 0 ? 0 : 1
        if ((x & 1) === 0) {
          rh[r1] = h
          rl[r1] = v
        }
        break
      case 95: // MSGR
        mul64(rh, rl, r1, rh[r2]!, rl[r2]!)
        break
      case 96: // MSGFR
        v = rl[r2]!
        mul64(rh, rl, r1, v >> 31, v)
        break
      case 97: // MGHI MSGFI
        mul64(rh, rl, r1, i >> 31, i)
        break
      case 98: // MSR
        rl[r1] = Math.imul(rl[r1]!, rl[r2]!)
        break
      case 99: // MHI MSFI
        rl[r1] = Math.imul(rl[r1]!, i)
        break
      case 100: // SRA SRAK
        t = (b === 0 ? d : rl[b]! + d) & 63
        v = rl[r2]! >> (t > 31 ? 31 : t)
        rl[r1] = v
        c.cc = v === 0 ? 0 : v < 0 ? 1 : 2
        break
      case 101: // SRAG
        t = (b === 0 ? d : rl[b]! + d) & 63
        h = rh[r2]!
        v = rl[r2]!
        if (t >= 32) {
          v = h >> (t - 32)
          h >>= 31
        } else if (t !== 0) {
          v = (v >>> t) | (h << (32 - t))
          h >>= t
        }
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : h < 0 ? 1 : 2
        break
      case 102: // LLHR
        rl[r1] = rl[r2]! & 0xffff
        break
      case 103: // LLGHR
        v = rl[r2]! & 0xffff
        rh[r1] = 0
        rl[r1] = v
        break
      case 104: // AG
        h = dv.getInt32(t)
        v = dv.getInt32(t + 4)
        if (!add64(c, r1, rh[r1]!, rl[r1]!, h, v, ovx)) op = 0
        break
      case 105: // N NY
        v = rl[r1]! & dv.getInt32(t)
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 106: // RLL
        t = (b === 0 ? d : rl[b]! + d) & 31
        v = rl[r2]!
        rl[r1] = t === 0 ? v : (v << t) | (v >>> (32 - t))
        break
      case 107: // RLLG
        t = (b === 0 ? d : rl[b]! + d) & 63
        h = t >= 32 ? rl[r2]! : rh[r2]!
        v = t >= 32 ? rh[r2]! : rl[r2]!
        t &= 31
        if (t !== 0) {
          const u = h
          h = (h << t) | (v >>> (32 - t))
          v = (v << t) | (u >>> (32 - t))
        }
        rh[r1] = h
        rl[r1] = v
        break
      case 108: // A AY
        if (!add32(c, r1, rl[r1]!, dv.getInt32(t), ovx)) op = 0
        break
      case 109: // S SY
        if (!sub32(c, r1, rl[r1]!, dv.getInt32(t), ovx)) op = 0
        break
      case 110: // X XY
        v = rl[r1]! ^ dv.getInt32(t)
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 111: // O OY
        v = rl[r1]! | dv.getInt32(t)
        rl[r1] = v
        c.cc = v === 0 ? 0 : 1
        break
      case 112: // SG
        if (!sub64(c, r1, rh[r1]!, rl[r1]!, dv.getInt32(t), dv.getInt32(t + 4), ovx)) op = 0
        break
      case 113: // XG
        h = rh[r1]! ^ dv.getInt32(t)
        v = rl[r1]! ^ dv.getInt32(t + 4)
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 114: // ALGF
        addl64(c, r1, 0, dv.getInt32(t))
        break
      case 115: // ALGFR
        addl64(c, r1, 0, rl[r2]!)
        break
      case 116: // ALGR
        addl64(c, r1, rh[r2]!, rl[r2]!)
        break
      case 117: // LGRL: the operand at ia + 2 * i, doubleword aligned (else the generic path: specification)
        t = (ia + (i << 1)) | 0
        t = (i << 1) >> 1 !== i || (t & 7) !== 0 || t < 0 || t >= K.FAST_LIMIT ? -1 : tlbAbs(rh, rl, am, 0, 0, t, 8, tagF, baseF)
        if (t < 0) {
          op = 0
          break
        }
        rh[r1] = dv.getInt32(t)
        rl[r1] = dv.getInt32(t + 4)
        break
      case 118: // LRL
        t = (ia + (i << 1)) | 0
        t = (i << 1) >> 1 !== i || (t & 3) !== 0 || t < 0 || t >= K.FAST_LIMIT ? -1 : tlbAbs(rh, rl, am, 0, 0, t, 4, tagF, baseF)
        if (t < 0) {
          op = 0
          break
        }
        rl[r1] = dv.getInt32(t)
        break
      case 119: // LMG: GR r1..r2 (wrapping) from one page in the TLB
        h = ((r2 - r1) & 15) + 1
        t = tlbAbs(rh, rl, am, 0, b, d, 8 * h, tagF, baseF)
        if (t < 0) {
          op = 0
          break
        }
        for (v = r1; ; v = (v + 1) & 15) {
          rh[v] = dv.getInt32(t)
          rl[v] = dv.getInt32(t + 4)
          t += 8
          if (v === r2) break
        }
        break
      case 120: // STMG
        h = ((r2 - r1) & 15) + 1
        t = c.perSA ? -1 : tlbAbs(rh, rl, am, 0, b, d, 8 * h, tagS, baseS)
        if (t < 0) {
          op = 0
          break
        }
        for (v = r1; ; v = (v + 1) & 15) {
          dv.setInt32(t, rh[v]!)
          dv.setInt32(t + 4, rl[v]!)
          t += 8
          if (v === r2) break
        }
        if (marks[(t - 8) >>> 12] !== 0) ep = newEpoch(ic) | 0
        break
      case 121: // ALR ALCR (k: the carry from the CC)
        h = rl[r1]!
        v = rl[r2]!
        t = (h >>> 0) + (v >>> 0) + (k === 0 ? 0 : (c.cc >>> 1) & 1)
        v = t | 0
        rl[r1] = v
        c.cc = (v !== 0 ? 1 : 0) | (t > 0xffffffff ? 2 : 0)
        break
      case 122: // SLR SLBR: r1 + ~r2 + (1 - borrow)
        h = rl[r1]!
        v = ~rl[r2]!
        t = (h >>> 0) + (v >>> 0) + (k === 0 ? 1 : (c.cc >>> 1) & 1)
        v = t | 0
        rl[r1] = v
        c.cc = (v !== 0 ? 1 : 0) | (t > 0xffffffff ? 2 : 0)
        break
      case 123: // SLGR SLGFR SLBGR: r1 + ~r2 + (1 - borrow), 64-bit (x: r2 zero-extended from its low word)
        addl64c(c, r1, x === 0 ? ~rh[r2]! : -1, ~rl[r2]!, k === 0 ? 1 : (c.cc >>> 1) & 1)
        break
      case 124: // ALCGR
        addl64c(c, r1, rh[r2]!, rl[r2]!, (c.cc >>> 1) & 1)
        break
      case 125: // AGFR
        v = rl[r2]!
        if (!add64(c, r1, rh[r1]!, rl[r1]!, v >> 31, v, ovx)) op = 0
        break
      case 126: // AGF
        v = dv.getInt32(t)
        if (!add64(c, r1, rh[r1]!, rl[r1]!, v >> 31, v, ovx)) op = 0
        break
      case 127: // OG
        h = rh[r1]! | dv.getInt32(t)
        v = rl[r1]! | dv.getInt32(t + 4)
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 128: // NG
        h = rh[r1]! & dv.getInt32(t)
        v = rl[r1]! & dv.getInt32(t + 4)
        rh[r1] = h
        rl[r1] = v
        c.cc = (h | v) === 0 ? 0 : 1
        break
      case 129: // IPM
        rl[r1] = (rl[r1]! & 0x00ffffff) | (c.cc << 28) | (c.pm << 24)
        break
      case 130: // PFD NIAI
        break
      case 131: // STGRL: the operand at ia + 2 * i, doubleword aligned (else the generic path: specification)
        t = (ia + (i << 1)) | 0
        t = (i << 1) >> 1 !== i || (t & 7) !== 0 || t < 0 || t >= K.FAST_LIMIT || c.perSA ? -1 : tlbAbs(rh, rl, am, 0, 0, t, 8, tagS, baseS)
        if (t < 0) {
          op = 0
          break
        }
        dv.setInt32(t, rh[r1]!)
        dv.setInt32(t + 4, rl[r1]!)
        if (marks[t >>> 12] !== 0) ep = newEpoch(ic) | 0
        break
      case 132: // STRL
        t = (ia + (i << 1)) | 0
        t = (i << 1) >> 1 !== i || (t & 3) !== 0 || t < 0 || t >= K.FAST_LIMIT || c.perSA ? -1 : tlbAbs(rh, rl, am, 0, 0, t, 4, tagS, baseS)
        if (t < 0) {
          op = 0
          break
        }
        dv.setInt32(t, rl[r1]!)
        if (marks[t >>> 12] !== 0) ep = newEpoch(ic) | 0
        break
      case 133: {
        // MVC: both operands in one page each, in the TLB (access allowed), byte by byte left to right (overlap)
        t = c.perSA ? -1 : tlbAbs(rh, rl, am, 0, b, d, j + 1, tagS, baseS)
        const src = t < 0 ? -1 : tlbAbs(rh, rl, am, 0, x, i, j + 1, tagF, baseF)
        if (src < 0) {
          op = 0
          break
        }
        moveBytes(u8, t, src, j)
        if (marks[t >>> 12] !== 0) ep = newEpoch(ic) | 0
        break
      }
      case 134: {
        // CLC: both operands in one page each, in the TLB; the first unequal byte decides
        t = tlbAbs(rh, rl, am, 0, b, d, j + 1, tagF, baseF)
        const src = t < 0 ? -1 : tlbAbs(rh, rl, am, 0, x, i, j + 1, tagF, baseF)
        if (src < 0) {
          op = 0
          break
        }
        c.cc = compareBytes(u8, t, src, j)
        break
      }
      case 135: {
        // XC: as MVC, each byte XORed in order (byte n is fetched after byte n - 1 is stored: overlap)
        t = c.perSA ? -1 : tlbAbs(rh, rl, am, 0, b, d, j + 1, tagS, baseS)
        const src = t < 0 ? -1 : tlbAbs(rh, rl, am, 0, x, i, j + 1, tagF, baseF)
        if (src < 0) {
          op = 0
          break
        }
        c.cc = xorBytes(u8, t, src, j)
        if (marks[t >>> 12] !== 0) ep = newEpoch(ic) | 0
        break
      }
      case 136: {
        // CS CSY: word aligned (else the generic path: specification); the operand in the store TLB
        if ((t & 3) !== 0) {
          op = 0
          break
        }
        // (no branch: the warm-up's operands are never equal, and a path without type feedback would deoptimize the
        // loop when it first runs; when unequal the word is stored back unchanged, which no one can see here: no
        // other CPU runs meanwhile, PER storage alteration takes the generic path)
        v = dv.getInt32(t)
        h = rl[r2]!
        const ne = v === rl[r1] ? 0 : 1
        dv.setInt32(t, ne === 0 ? h : v)
        rl[r1] = v
        c.cc = ne
        break
      }
      case 137: // ALG
        addl64(c, r1, dv.getInt32(t), dv.getInt32(t + 4))
        break
      }
      // A store into a frame instructions were taken from: compare their bytes again (see epoch).
      if ((pk & K.PK_STORE) !== 0 && op !== 0 && marks[t >>> 12] !== 0) ep = newEpoch(ic) | 0
      if (rel !== 0) {
        // In int32 arithmetic, as the relative-long operands above: a double assigned to `t` anywhere made it a
        // double, boxed at the merges of every instruction's path (a third of a branchy loop's time). The sum modulo
        // 2^32 is the target modulo 2^31 or 2^24 in those modes; in the 64-bit mode it is exact when 2i fits an int32
        // (0 <= ia < FAST_LIMIT: a sum of 2^31 or more wraps negative, never into [0, FAST_LIMIT)).
        t = (ia + (i << 1)) | 0
        if (am !== -1) next = t & am
        else if (t >= 0 && t < K.FAST_LIMIT && (i << 1) >> 1 === i) next = t
        else {
          const e = ia + i * 2
          next = far(e < K.TWO52 && e >= 0 ? e : c.wrap(e)) | 0
        }
      }
    }
    if (op === 0) {
      const w = q[o + 1]!
      const h0 = w >>> 16
      const h1 = len === 2 ? 0 : w & 0xffff
      const h2 = x2 & 0xffff
      c.ia = ia
      c.h0 = h0
      c.h1 = h1
      c.h2 = h2
      c.ilc = len
      c.nia = seq
      cur = ~(n0 + n)
      if ((x2 & K.X_PRIV) !== 0 && (c.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
      genericRuns++
      runA[x2 >>> K.X_RUN]!(c, h0, h1, h2)
      // (it may have stored anywhere, through the CPU or a device, unless it is one that never stores)
      if (RUN_PURE[x2 >>> K.X_RUN] === 0) ep = newEpoch(ic) | 0
      am = c.amode
      ovx = (c.pm & 8) !== 0 ? 1 : 0
      next = fastIa(c.nia) | 0
      // A TLB flush (DAT, prefix, keys...) or brk (PSW/CR change, interruption pending, stop): interpretLoop
      // enters again with fresh state.
      if (c.brk || c.fetchGen !== gen) op = -1
    }
    n++
    if (next < 0) {
      // The successor is not below FAST_LIMIT (see far): interpretLoop goes on with it.
      c.ia = farIa
      why = toJump && (farIa !== seq || (x2 & K.X_ENDS) !== 0) ? K.JUMPED : K.DONE
      return n0 + n
    }
    if (toJump && (next !== seq || (x2 & K.X_ENDS) !== 0)) {
      // the dispatcher's slot of `next`: a block there, or a heat count it acts on, returns to it (Jit.warmHeat)
      const hs = (next >>> 1) & jitMask
      const hv = jitHeat[hs]! + 1
      if (jitStop[hs] !== 0 || hv === 1 || hv === heatWarm || hv === heatIdiom || hv >= heatHot) {
        c.ia = next
        why = K.JUMPED
        return n0 + n
      }
      jitHeat[hs] = hv
    }
    ia = next
    if (op < 0) break
  }
  // (the budget is used up, brk is set or the TLB was flushed: no compare here, code the warm-up may not have run
  // before TurboFan did)
  c.ia = ia
  why = K.DONE
  return n0 + n
}

/**
 * Runs the instruction at c.ia through the cache where it can be (any address, any absolute base; the generic
 * path), else fetched halfword by halfword; true when a search for a translated block should stop after it (it
 * branched or no block can contain it).
 */
function slowStep(c: Cpu, ic: InsnCache): boolean {
  const ia = c.ia
  if ((ia & 1) !== 0) throw new ProgramException(PGM_SPECIFICATION, 0)
  const off = ia & 0xfff
  let base = c.ibase
  if (ia - off !== c.ipage) {
    base = c.abs(ia - off, ACC_IFETCH)
    c.ipage = ia - off
    c.ibase = base
  }
  const p = base + off
  if (p > c.dv.byteLength - 4) return stepUncached(c)
  const s = (p >>> 1) & (K.SLOTS - 1)
  const q = ic.q
  const o = s * K.W
  if (!hit(c.dv, q, o, p) && !straddleHit(c, q, o, ia, p, off)) decodeAt(c, ic, ia, p, off, s)
  const w = q[o + 1]!
  const x = q[o + 2]!
  const len = (x >>> 16) & 7
  const h0 = w >>> 16
  const h1 = len === 2 ? 0 : w & 0xffff
  const h2 = x & 0xffff
  c.h0 = h0
  c.h1 = h1
  c.h2 = h2
  c.ilc = len
  const am = c.amode
  const seq = am === -1 ? ia + len : (ia + len) & am
  c.nia = seq
  if ((x & K.X_PRIV) !== 0 && (c.mask & PSW_PROBLEM) !== 0) throw new ProgramException(PGM_PRIVILEGED)
  genericRuns++
  RUNS[x >>> K.X_RUN]!(c, h0, h1, h2)
  const next = c.nia
  c.ia = next
  return next !== seq || (x & K.X_ENDS) !== 0
}

/**
 * Runs one instruction fetched halfword by halfword (it straddles a page end or sits in the last four bytes of a
 * page), as Cpu.step does; true when a search for a translated block should stop after it (it branched or no block
 * can contain it).
 */
function stepUncached(c: Cpu): boolean {
  const ia = c.ia
  const h0 = c.fetch16(ia)
  const top = h0 >>> 14
  const len = top === 0 ? 2 : top === 3 ? 6 : 4
  const h1 = len === 2 ? 0 : c.fetch16(c.wrap(ia + 2))
  const h2 = len === 6 ? c.fetch16(c.wrap(ia + 4)) : 0
  c.h0 = h0
  c.h1 = h1
  c.h2 = h2
  c.ilc = len
  const am = c.amode
  const seq = am === -1 ? ia + len : (ia + len) & am
  c.nia = seq
  const ins = lookupInsn(h0, h2)
  if (ins === null || (ins.priv && (c.mask & PSW_PROBLEM) !== 0)) throw new ProgramException(ins === null ? PGM_OPERATION : PGM_PRIVILEGED)
  ins.run(c, h0, h1, h2)
  const next = c.nia
  c.ia = next
  return next !== seq || ins.endsTranslation
}
