// The translation tier: counts how often each address starts interpretation, translates hot addresses into JS
// blocks (codegen.ts), runs them, and throws them away when their page is stored into. The interpreter (Cpu.step)
// stays the reference semantics; `mode: 'check'` runs every block against it (checked.ts).
import type { Cpu } from '../cpu/cpu.ts'
import { LabError } from '../../domain/errors.ts'
import { ProgramException } from '../cpu/exceptions.ts'
import { programInterrupt } from '../cpu/interrupts.ts'
import { ACC_IFETCH } from '../cpu/constants.ts'
import { DOUBLE } from '../cpu/repr.ts'
import type { Machine } from '../machine.ts'
import { decodeBlock, endsRun, type DecodedBlock } from './block.ts'
import { picLimit, translate, type BlockFn } from './codegen.ts'
import { checkedRun } from './checked.ts'
import { byteLoopBlock, byteLoopIndex } from './idioms.ts'
import { wasmBlockBytes, wasmBlockFn, wasmTranslatable } from './wasm-block.ts'

/** How the translation tier runs: `off` interpreter only, `on` translated blocks, `check` blocks compared with the interpreter. */
export type JitMode = 'off' | 'on' | 'check'

/** Thrown for an unknown LABCON_EMU_JIT value. */
export class JitModeError extends LabError {
  override name = 'JitModeError'
  readonly kind = 'config'
}

/** Parses a JIT mode string (env var LABCON_EMU_JIT or a config value). */
export function parseJitMode(v: string | undefined): JitMode {
  if (v === undefined || v === '' || v === 'on' || v === '1') return 'on'
  if (v === 'off' || v === '0') return 'off'
  if (v === 'check') return 'check'
  throw new JitModeError(`JIT mode '${v}' (--jit or LABCON_EMU_JIT): expected on, off or check`)
}

/** One translated block. */
export interface Block {
  ia: number
  amode: number
  absBase: number
  /** Instructions in the block (upper bound of work between budget checks). */
  insns: number
  /** null: the address cannot start a block (interpret it). */
  fn: BlockFn | null
  src: string
  valid: boolean
  /** Mnemonics executed through interpreter handlers inside this block. */
  fallbacks: string[]
  /** Times the block was entered and instructions it completed (counted only when `profile` is on). */
  runs: number
  executed: number
  /**
   * A block cut short of its decoded length to keep its source under maxSrc (MAX_SRC): the address of the first
   * instruction left out, where a call that ran the whole prefix leaves it; -1 for a block that was not cut.
   */
  cutAt: number
  /** Calls left that reach cutAt before the block is translated again whole (WHOLE_AFTER); 0: never. */
  wholeIn: number
  /** Instructions left before a WebAssembly block (wasm-block.ts) is translated again as JavaScript (Jit.jsAfter);
   * 0: never. */
  jsIn: number
  /** Calls left before a quick block is looked at for translation as a region (REGION_CALLS); 0: never. */
  regionIn: number
  /** The CPU's instruction count when the block was installed (for regionIn). */
  regionSince: number
  /**
   * The `base` argument of its function: the address for a position-independent translation (below PIC_LIMIT, a
   * small integer), else 0 (unused). Not `ia`: a field that ever held a non-small-integer address is a double
   * field, and passing it would allocate a number at every call.
   */
  base: number
}

const SLOTS = 1 << 16
/**
 * Times a block start (a branch target or the address after a block) is reached by the interpreter before it is
 * translated. A new block is expensive long after `new Function`: V8 runs it in its bytecode interpreter and baseline
 * tier (and compiles it again, optimized, in the background) for its first few thousand calls, where a generated
 * block costs ~1 µs per guest instruction against ~0.1 µs in our interpreter. Measured on Debian's kernel boot (init
 * code, crypto self-tests: thousands of blocks run a few thousand times each): blocks run 10-100 times cost ~40 µs a
 * call, 100-1000 times ~15 µs, 1000-10000 times ~4 µs, later ~0.7 µs; the boot from the decompressed kernel to the
 * panic took 46 s host CPU with 500, 25 s with 5000, 16 s with 20000, 17 s interpreting everything. Hot loops reach
 * any of these thresholds within milliseconds, so long compute kernels are not affected.
 */
const HOT = 20_000
/**
 * Byte-copy/fill loops (idioms.ts) cost nothing to translate (a prepared closure, no generated source) and run in bulk:
 * a loop head reached this often is installed when it is one.
 */
const IDIOM_HOT = 500
/**
 * A block start that reaches IDIOM_HOT entries within this many instructions of its first is translated then: code
 * entered that often (the decompressor's inflate loop, compute kernels) runs far more than HOT times, and waiting for
 * HOT would interpret 20,000 runs of it (Debian's decompressor stage: 17 s host CPU against 19.5 s without this).
 */
const FAST_WINDOW = 2_000_000
/**
 * Entries at which a quick block start (one that reached IDIOM_HOT entries within FAST_WINDOW instructions of its
 * first) is translated, whole however long. Not at IDIOM_HOT: a short kernel's loops (pgm, arith, sclp-sigp run
 * 0.2-0.4M instructions) are entered a few hundred or thousand times and never again, and our small kernels paid for
 * 8-17 translations each that V8 ran unoptimized for most of their short lives (`npm run bench -- startup`, the five
 * small bundled tests in a warm worker, three alternating runs at load 4-5: 527/584/712 ms translating at IDIOM_HOT,
 * 248/273/352 ms at FAST_HOT). With an interpreter of 30-60 MIPS this applied to a CPU's first million instructions
 * only (Debian's boot to its panic took 37.8/40.8 s of host CPU at FAST_HOT throughout against 32.6/33.1 s); at
 * 180-240 MIPS interpreting such code costs less than a new block's first thousands of calls in V8's baseline tiers,
 * and FAST_HOT holds for the whole run. Measured on a 2-core Debian 12 box in alternating runs of a scratch script
 * around Machine: Debian's init phase (2.0G-2.3G instructions, restored from a snapshot), eight pairs, 4.90 s wall /
 * 7.17 s CPU mean with the first million only against 4.37 / 6.31 s throughout (every pair faster); the whole boot,
 * five pairs, medians 13.74 s wall against 13.28 s.
 *
 * At its IDIOM_HOT-th entry a quick start's heat count jumps ahead, so that its FAST_HOT-th entry makes it HOT, where
 * the interpreter returns to the dispatcher for every start (Jit.warmHeat): the entries in between are counted inside
 * the interpreter like any other, not by a return to run() each.
 */
const FAST_HOT = 5000
/**
 * Generated source length (characters) above which a block that became hot slowly (HOT, not FAST_WINDOW) is cut to a
 * prefix; the rest starts a block of its own. TurboFan's time to optimize a block grows faster than its length:
 * measured on Debian's init phase, blocks under 4K characters took ~7 ms each, 4-10K ~22 ms, longer ones (48
 * instructions with storage accesses, 12-19K) ~70 ms and up to 150 ms, while such code runs a few ten thousand
 * times. Blocks entered at a high rate (the decompressor's) stay whole: cutting them too tripled the dispatcher
 * round trips of the decompressor stage (96M to 284M block runs) and cost more than it saved, and cutting them
 * until WHOLE_AFTER calls reached the cut still made the boot to the panic slower (host CPU, alternating runs:
 * 27.0 s against 23.6 s, medians of three; 20M more block runs, 14M more instructions interpreted while the pieces
 * warmed up).
 */
const MAX_SRC = 4000
/**
 * Calls of a cut block (MAX_SRC) that ran its whole prefix, after which it is translated again uncut: each such
 * call costs a second dispatch and block entry, the whole translation tens of milliseconds of compilation once.
 * Code that became hot slowly and then stays hot (Debian's boot after its init phase) runs its long blocks whole.
 */
const WHOLE_AFTER = 20_000
/**
 * Most instructions one call of a block may run. A loop block called once for a whole slice (2M instructions) is
 * optimized by V8 through on-stack replacement and keeps running that OSR code, which is slower here than the code
 * V8 optimizes for a function called repeatedly. Measured on bench.elf (guest ms sieve/crc32/fnv1a64/total, best of
 * four alternating runs on this noisy 2-core box): uncapped 353/415/189/1036, 32768 367/367/184/922, 8192
 * 354/361/181/904, 2048 361/369/182/916, 512 383/436/189/1012. The extra dispatcher round trip every 8192
 * instructions costs nothing measurable.
 */
const BLOCK_BUDGET = 8192
/**
 * Calls of a quick block (FAST_HOT) after which it is translated again as a region (block.ts, Jit.regions) when they
 * came at a high rate: fewer than REGION_SPAN instructions for all of them, i.e. its calls return to the dispatcher
 * every few hundred instructions. Linux's decompressor (an xz decoder that jumps between short runs of one page,
 * ~27 instructions a call) then stays inside one generated function for most of its work; loops that run long inside
 * one call (bench.elf's, each call ends at BLOCK_BUDGET) stay straight blocks. Measured on a 2-core Debian 12 box with
 * a scratch script around Machine (CommonJS bundle as labcon builds it), alternating runs: regions for every block
 * took the decompressor from 0.33 to 0.25 s per 100M instructions and Debian's boot to its panic from 12.2-13.0 to
 * 11.6-11.7 s, but the init phase after the decompressor 0.2-0.35 s slower; regions for every quick block gave the
 * same boot and made bench.elf's guest time 18 % slower (563-594 ms against 678-696 ms), as V8 compiled its loops
 * bigger for no dispatcher round trips saved.
 */
const REGION_CALLS = 1000
/** See REGION_CALLS. */
const REGION_SPAN = 4_000_000
/** Jit.jsAfter. */
const JS_AFTER = 20_000_000
/** Fewest instructions a block is cut to. */
const MIN_INSNS = 4
/** Interpretations of an address before a translation made earlier in this thread is looked up. */
const WARM = 2

/** A translation as the shared cache keeps it (independent of any machine). */
interface SharedTranslation {
  fn: BlockFn
  src: string
  fallbacks: string[]
  insns: number
  /** Block.cutAt as an offset from the block's address; -1: not cut. */
  cut: number
  /** Runs at any block address B with B + kmin >= 0 and B + kmax < picLimit(amode) (Translation.pic); else only at
   * the address in its key. */
  pic: boolean
  kmin: number
  kmax: number
}
/**
 * Translations shared by every machine of this thread, so a warm worker that runs test after test (or the same kernel
 * again) starts with compiled, already optimized blocks. Sound because the key holds everything a translation depends
 * on: addressing mode, the instruction halfwords and their offsets, whether templates are used, and the logical
 * address, or for a position-independent translation (Translation.pic) the address modulo 8 (the alignment checks of
 * relative-long operands) and the range of bases it serves (checked at look-up); the generated code reads all machine
 * state through its `c` argument and its address through `base`. Upstream tests link the same library code at other
 * addresses: position-independent translations serve every test of a worker.
 */
const SHARED = new Map<string, SharedTranslation>()
/** Logical addresses that start some shared translation: a cheap filter before decoding a block to look it up. */
const SHARED_AT = new Set<number>()
/** First instruction halfwords (headKey) of the position-independent shared translations: the same filter for
 * blocks at other addresses. */
const SHARED_HEAD = new Set<number>()
/** The first halfword of an instruction and, for a longer one, its second (the opcode and most operands). */
function headKey(h0: number, h1: number): number {
  return h0 * 65536 + (h0 < 0x4000 ? 0 : h1)
}
/** Bound of the shared cache (cleared when reached). */
const SHARED_MAX = 20_000
/**
 * WebAssembly block modules of this thread by block key (not position-independent: addresses are constants in
 * them). A module is instantiated for each machine's memory; keeping the compiled module saves its compilation.
 */
const WASM_MODULES = new Map<string, WebAssembly.Module>()

/** Cache key of a decoded block (`abs32`: translated for storage below 2 GiB, see translate()). */
function blockKey(d: DecodedBlock, templates: boolean, abs32: boolean, pic: boolean): string {
  let k = `${d.amode}:${pic ? `P${d.ia & 7}` : d.ia}:${templates ? 1 : 0}${abs32 ? 1 : 0}:`
  let nia = d.ia
  for (const x of d.insns) {
    // a run start is part of the key: the same instructions elsewhere in the page make another region
    if (x.ia !== nia) k += `|${x.ia - d.ia}:`
    k += String.fromCharCode(x.h0) + (x.len > 2 ? String.fromCharCode(x.h1) : '') + (x.len > 4 ? String.fromCharCode(x.h2) : '')
    nia = x.nia
  }
  return k
}

/** Drops every shared translation (tests). */
export function clearSharedTranslations(): void {
  SHARED.clear()
  WASM_MODULES.clear()
  SHARED_AT.clear()
  SHARED_HEAD.clear()
}
/** The block table of a machine that has translated nothing yet: short kernels never pay for a 64K-entry table. */
const NO_SLOTS: ReadonlyArray<Block | null> = new Array<Block | null>(SLOTS).fill(null)
/** Jit.slotIa of a machine without its own table: no address is -1. */
const NO_SLOT_IA: Readonly<Float64Array> = new Float64Array(SLOTS).fill(-1)
/**
 * A block table entry. Every entry is made here, so all have one hidden class and the dispatcher's loads of ia, fn,
 * amode, insns and absBase stay monomorphic (an object spread made the "not translatable" entries a second class).
 */
function newBlock(ia: number, amode: number, absBase: number, insns: number, fn: BlockFn | null, src: string, fallbacks: string[], cutAt = -1, wholeIn = 0, base = 0, jsIn = 0, regionIn = 0, regionSince = 0): Block {
  return { ia, amode, absBase, insns, fn, src, valid: fn !== null, fallbacks, runs: 0, executed: 0, cutAt, wholeIn, base, jsIn, regionIn, regionSince }
}
const NO_FALLBACKS: string[] = []
// One entry made at load with doubles where addresses go: the literal's hidden class holds them as doubles from the
// start (Debian's kernel stored its first double cutAt mid-boot, changing the class, see cpu/repr.ts).
newBlock(DOUBLE, 0, DOUBLE, 0, null, '', NO_FALLBACKS, DOUBLE, 0, 0, 0, 0, DOUBLE)

/** Counters for benchmarks and tests. */
export interface JitStats {
  compiled: number
  invalidated: number
  blockRuns: number
  interpreted: number
  checked: number
  /** Blocks taken from the thread's shared translation cache instead of being compiled. */
  reused: number
  /** Blocks installed as WebAssembly functions (wasm-block.ts; a subset of compiled + reused). */
  wasm: number
}

/** Translation tier of one machine (shared by its CPUs). */
export class Jit {
  readonly m: Machine
  readonly mode: JitMode
  /** Direct-mapped block cache by (ia / 2) mod SLOTS. */
  /** Starts as the shared empty table (never written); a machine's own table is made at its first translation. */
  private slots = NO_SLOTS as Array<Block | null>
  /**
   * The address of each slot's block (-1: none), beside `slots`: run() tests an address against it before it loads
   * the block. A Block's `ia` is a double field, a box of its own in V8's heap, and the test through the block (the
   * slot's element, the block's map, the box, the double) was a third of the dispatcher's time in Debian's
   * decompressor (a `perf annotate` of run()).
   */
  private slotIa = NO_SLOT_IA as Float64Array
  /** Entries of the block starts of each slot not yet translated (counted by run() and, inside an interpreted run,
   * by the interpreter: see warmHeat). */
  readonly heat: Uint16Array
  /** 1 for a slot that holds a translated block (the interpreter returns to run() at a branch to its address). */
  readonly stop: Uint8Array
  /** The byte offsets of heat and stop in the storage's WebAssembly memory (the interpreter's loop counts there), -1
   * when they are arrays of their own. */
  readonly heatAt: number
  readonly stopAt: number
  /** CPU instruction count when each slot's heat count started (see FAST_WINDOW). */
  private readonly heatSince = new Float64Array(SLOTS)
  /** 1 for absolute 4K frames that hold translated code (never entered into store TLBs). */
  readonly codePages: Uint8Array
  private readonly pageBlocks = new Map<number, Block[]>()
  readonly stats: JitStats = { compiled: 0, invalidated: 0, blockRuns: 0, interpreted: 0, checked: 0, reused: 0, wasm: 0 }
  /** Every block compiled so far (profiling, tests). */
  readonly all: Block[] = []
  /** Count block entries per block (Block.runs). */
  profile = false
  /** Keep generated source of every block (dump / debugging). */
  keepSource = false
  /** Block starts reached this often are translated (tests lower it to translate at once). */
  hotAfter = HOT
  /** Block starts reached this often are installed when they are a byte-loop idiom. */
  idiomAfter = IDIOM_HOT
  /** Block starts reaching idiomAfter entries within fastWindow instructions of their first are translated whole at
   * their fastAfter-th entry (FAST_HOT). */
  fastAfter = FAST_HOT
  /** See fastAfter (FAST_WINDOW). */
  fastWindow = FAST_WINDOW
  /** Longest block translated (a longer straight run continues in a block of its own). */
  maxInsns = 48
  /** Longest generated source of a block, in characters (see MAX_SRC). */
  maxSrc = MAX_SRC
  /** Calls of a cut block reaching its cut before it is translated whole (WHOLE_AFTER). */
  wholeAfter = WHOLE_AFTER
  /** Most instructions one block call may run (BLOCK_BUDGET). */
  blockBudget = BLOCK_BUDGET
  /** Translate with templates (false: every instruction calls the interpreter handler; for tests). */
  templates = true
  /**
   * Grow blocks into regions over in-page branch targets that loop back (block.ts). Off: measured slower here, because
   * V8 deoptimizes a large function each time one of its paths runs for the first time and recompiles it (tens of ms a
   * time for a region) while the loop runs in its baseline tiers; the dispatcher round trips regions save cost less
   * (host CPU, alternating runs on this 2-core box: bench.elf 1.25 s without against 1.7-2.3 s with; Debian's boot to
   * the panic 33.5 s against 37.0 s; upstream sieve's first 2e9 instructions 5.1 s against 6.0 s).
   */
  regions = false
  /** Translate a quick block again as a region when its calls come at a high rate (REGION_CALLS); false: never. */
  quickRegions = true
  /** See REGION_CALLS. */
  regionCalls = REGION_CALLS
  /** See REGION_CALLS. */
  regionSpan = REGION_SPAN
  /**
   * Translate blocks whose instructions all have fast cases into WebAssembly functions (wasm-block.ts) when the
   * storage has a WebAssembly memory; off: every block is generated JavaScript. Off by default: measured on this
   * 2-core box (alternating runs, user CPU), Debian's boot to its panic took 22.7/22.6/29.8 s without and
   * 23.6/25.8/26.0 s with; the init phase after the decompressor (2.0G-2.2G instructions, restored from a snapshot)
   * 7.3-8.5 s without and 7.1-8.1 s with (four runs each); bench.elf's sieve and crc32 loops ran 1.1-2x slower as
   * WebAssembly (its fnv1a64 up to 1.3x faster) until jsAfter hands such loops back to JavaScript. The blocks
   * return to the JavaScript dispatcher after each call (3.7M calls per 100M instructions in the decompressor) as
   * generated ones do; calling each other inside WebAssembly would save that round trip.
   */
  wasmBlocks = false
  /**
   * Instructions a WebAssembly block runs before it is translated again as JavaScript (0: never). A WebAssembly block costs
   * microseconds to compile and runs at once as machine code, which pays for code run thousands of times (Debian's
   * init phase); V8's optimized JavaScript of a block keeps its guest registers as int32 halves in machine registers
   * and runs loops of 32-bit arithmetic faster once compiled (bench.elf's crc32), which pays for code that keeps
   * running.
   */
  jsAfter = JS_AFTER
  /** Absolute addresses of this machine's storage fit int32 (see translate()). */
  private readonly abs32: boolean
  /** Earlier machines of this thread left translations: look them up at an address's second execution. */
  private readonly warmStart = SHARED.size > 0
  /**
   * The heat count at which run() looks a block start up in the shared cache (WARM), 0 when it never does. With
   * it, idiomAfter and hotAfter, the counts at which run() acts on a block start (and its first entry): inside a run
   * started with `toJump` the interpreter counts the entries of the branch targets it reaches itself (`heat`) and
   * returns to run() only at a slot that holds a block (`stop`) or at one of these counts, where run() counts the
   * entry. Each return used to cost a dispatch and a new interpreter entry (a new epoch of its cache, whose entries
   * are then compared with storage again): Debian's init phase made ~6.6M of them in 210M instructions, ~5.3M for
   * nothing.
   */
  readonly warmHeat = this.warmStart ? WARM : 0

  constructor(m: Machine, mode: JitMode) {
    this.m = m
    this.mode = mode
    this.codePages = new Uint8Array(Math.ceil(m.storage.size / 4096))
    // (in the storage's state area when it has one: the interpreter's WebAssembly loop counts and reads them too)
    const area = m.storage.alloc(SLOTS * 3)
    this.heat = area === null ? new Uint16Array(SLOTS) : new Uint16Array(area.buffer, area.byteOffset, SLOTS)
    this.stop = area === null ? new Uint8Array(SLOTS) : new Uint8Array(area.buffer, area.byteOffset + 2 * SLOTS, SLOTS)
    this.heatAt = area === null ? -1 : area.byteOffset
    this.stopAt = area === null ? -1 : area.byteOffset + 2 * SLOTS
    this.abs32 = m.storage.size <= 2 ** 31
  }

  /** Runs up to `budget` instructions on `c` (same contract as Cpu.run without a tracer). */
  run(c: Cpu, budget: number): number {
    let n = 0
    c.brk = false
    let slots = this.slots
    let slotIa = this.slotIa
    const heat = this.heat
    const check = this.mode === 'check'
    let inInterp = false
    const hotAfter = this.hotAfter
    const fastWindow = this.fastWindow
    const cap = this.blockBudget
    const profile = this.profile
    // block runs of this call, added to stats at its end (a property increment per dispatch otherwise)
    let runs = 0
    while (n < budget && !c.brk) {
      try {
        while (n < budget && !c.brk) {
          const ia = c.ia
          const h = (ia >>> 1) & (SLOTS - 1) // = (ia / 2) & (SLOTS - 1) for every ia, in integer operations
          if (slotIa[h] === ia) {
            const b = slots[h]!
            if (b.fn !== null && b.amode === c.amode && budget - n >= b.insns) {
              // The interpreter's instruction-page cache (valid until the next TLB flush) saves a TLB look-up.
              const page = ia - (ia & 4095)
              if (page !== c.ipage) {
                c.ibase = c.abs(page, ACC_IFETCH)
                c.ipage = page
              }
              if (c.ibase === b.absBase) {
                runs++
                const left = budget - n > cap ? cap : budget - n
                const r = check ? checkedRun(this, c, b, left) : b.fn(c, left, b.base)
                n += r
                if (profile) {
                  b.runs++
                  b.executed += r
                }
                // a cut block whose calls keep running into its cut: translate it whole (WHOLE_AFTER)
                if (b.wholeIn > 0 && b.cutAt === c.ia && --b.wholeIn === 0 && b.valid) {
                  this.compile(c, b.ia, h, 'whole')
                  slots = this.slots
                  slotIa = this.slotIa
                }
                // a quick block called at a high rate: a region (REGION_CALLS)
                if (b.regionIn > 0 && --b.regionIn === 0 && b.valid && c.icount + n - b.regionSince < this.regionSpan) {
                  this.compile(c, b.ia, h, 'region')
                  slots = this.slots
                  slotIa = this.slotIa
                }
                // a WebAssembly block that keeps running: its JavaScript translation (jsAfter)
                if (b.jsIn > 0 && (b.jsIn -= r) <= 0 && b.valid) {
                  this.compile(c, b.ia, h, 'js')
                  slots = this.slots
                  slotIa = this.slotIa
                }
                continue
              }
              this.setSlot(h, null)
              this.stop[h] = 0
            }
          } else {
            const hot = ++heat[h]!
            if (hot === 1) this.heatSince[h] = c.icount + n
            // (heatSince -1: a quick start, see FAST_HOT)
            let fast = false
            if (hot === this.idiomAfter && c.icount + n - this.heatSince[h]! < fastWindow) {
              this.heatSince[h] = -1
              // the count at which its fastAfter-th entry arrives as hotAfter (at or before idiomAfter: hotAfter comes
              // first, or the count is that entry's)
              const at = hotAfter - (this.fastAfter - hot)
              if (this.fastAfter <= hot) fast = true
              else if (at > hot && at <= 0xffff) heat[h] = at
              // (a hotAfter beyond the counts' range: the interpreter returns here at each entry, to count them)
              else if (at > hot) this.stop[h] = 1
            } else if (this.heatSince[h] === -1 && hot >= this.fastAfter) fast = true
            const full = fast || hot >= hotAfter
            if (full || hot === this.idiomAfter || (hot === WARM && this.warmStart && (SHARED_AT.has(ia) || this.sharedHead(c, ia)))) {
              if (full) heat[h] = 0
              if (this.compile(c, ia, h, fast ? 'fast' : full ? 'full' : hot === WARM ? 'cached' : 'idiom', c.icount + n) !== null) {
                slots = this.slots
                slotIa = this.slotIa
                continue
              }
              slots = this.slots
              slotIa = this.slotIa
            }
          }
          // Interpret up to the next taken branch to a block or to a heat count run() acts on (warmHeat): only
          // branch targets (and block exits) start blocks, so the instructions in between run at interpreter speed
          // without a slot look-up and heat count each.
          inInterp = true
          const m = c.interpret(budget, n, true)
          inInterp = false
          this.stats.interpreted += m - n
          n = m
        }
      } catch (e) {
        if (!(e instanceof ProgramException)) throw e
        if (inInterp) {
          this.stats.interpreted += c.done - n
          n = c.done + 1
          inInterp = false
        } else n += c.jitDone + 1
        c.jitDone = 0
        programInterrupt(c, e.code, e.ilc < 0 ? c.ilc : e.ilc, e.nullify)
      }
    }
    this.stats.blockRuns += runs
    c.icount += n
    return n
  }

  /**
   * Translates the block at `ia` into slot `h`; returns it or null when the address is not translatable. `cached`:
   * only a translation from the shared cache is installed (an early look-up before the block is hot); `idiom`: that,
   * or a byte-loop idiom starting at `ia`; `fast`: a block entered so often that it is translated whole however
   * long (FAST_WINDOW); `full`: one that became hot slowly, cut to maxSrc characters of source (MAX_SRC); `whole`: a
   * cut block translated again uncut (WHOLE_AFTER); `region`: a quick block translated again as a region
   * (REGION_CALLS). `at`: the CPU's instruction count now.
   */
  private compile(c: Cpu, ia: number, h: number, how: 'fast' | 'full' | 'cached' | 'idiom' | 'whole' | 'js' | 'region', at = 0): Block | null {
    const cachedOnly = how === 'cached'
    const regions = this.regions || how === 'region'
    let d
    try {
      d = decodeBlock(c, ia, regions)
    } catch (e) {
      if (e instanceof ProgramException) return null // the interpreter recognizes the fetch exception
      throw e
    }
    // Lowcore/prefix frames are written by interruption delivery and devices without going through the TLB.
    const lowFrame = d !== null && (d.absBase < 8192 || (d.absBase >= c.prefix && d.absBase < c.prefix + 8192))
    if (d === null || lowFrame) {
      if (!cachedOnly) {
        this.setSlot(h, newBlock(ia, 0, -1, 0, null, '', NO_FALLBACKS))
        this.stop[h] = 0
      }
      return null
    }
    if (this.wasmBlocks && c.wasm !== null && this.m.storage.memory !== null && how !== 'idiom' && how !== 'js') {
      const wb = this.compileWasm(c, d, ia, h, how === 'cached')
      if (wb !== undefined) return wb
    }
    // the uncut translation of a block that is cut otherwise is cached apart from the cut one
    const whole = how === 'whole' || how === 'js' ? 'W' : ''
    const picKey = blockKey(d, this.templates, this.abs32, true) + whole
    let t = SHARED.get(picKey)
    if (t !== undefined && (d.ia + t.kmin < 0 || d.ia + t.kmax >= picLimit(d.amode))) t = undefined
    const key = t === undefined ? blockKey(d, this.templates, this.abs32, false) + whole : picKey
    if (t === undefined) t = SHARED.get(key)
    if (t !== undefined && this.keepSource && t.src === '') t = undefined
    if (t !== undefined) this.stats.reused++
    else {
      if (cachedOnly) return null
      // A byte-copy/fill loop inside the block starts its own block, run in bulk (idioms.ts).
      const loop = this.templates ? byteLoopIndex(d) : -1
      if (loop > 0) d = { ...d, insns: d.insns.slice(0, loop) }
      const idiom = loop === 0 ? byteLoopBlock(d) : null
      if (idiom === null && !regions && d.insns.length > this.maxInsns) {
        // (and an unconditional branch right after the last one: endsRun)
        const x = d.insns[this.maxInsns]!
        const keep = x.ia === d.insns[this.maxInsns - 1]!.nia && endsRun(x) ? this.maxInsns + 1 : this.maxInsns
        d = { ...d, insns: d.insns.slice(0, keep) }
      }
      if (how === 'idiom' && idiom === null) return null
      // (an idiom's closure holds its addresses)
      let tr = idiom !== null ? { fn: idiom.fn, src: '/* byte-loop idiom (idioms.ts) */', size: 0, fallbacks: [], pic: false, kmin: 0, kmax: 0 } : translate(d, this.templates, this.abs32)
      // A long generated function costs V8 more to optimize than its pieces (see MAX_SRC): keep a prefix under it.
      const maxSrc = how === 'whole' || how === 'fast' || how === 'js' ? Infinity : this.maxSrc
      const decoded = d.insns
      while (idiom === null && !regions && tr.size > maxSrc && d.insns.length > MIN_INSNS) {
        const keep = Math.max(MIN_INSNS, Math.min(d.insns.length - 1, Math.floor((d.insns.length * this.maxSrc) / tr.size)))
        d = { ...d, insns: d.insns.slice(0, keep) }
        tr = translate(d, this.templates, this.abs32)
      }
      const cutAt = idiom === null && d.insns.length < decoded.length ? decoded[d.insns.length]!.ia : -1
      t = { fn: tr.fn, src: this.keepSource ? tr.src : '', fallbacks: tr.fallbacks, insns: idiom?.insns ?? d.insns.length, cut: cutAt === -1 ? -1 : (cutAt - ia) | 0, pic: tr.pic, kmin: tr.kmin, kmax: tr.kmax }
      if (SHARED.size >= SHARED_MAX) clearSharedTranslations()
      SHARED.set(tr.pic ? picKey : key, t)
      SHARED_AT.add(ia)
      if (tr.pic) SHARED_HEAD.add(headKey(decoded[0]!.h0, decoded[0]!.h1))
      this.stats.compiled++
    }
    const cutAt = t.cut === -1 ? -1 : ia + t.cut
    const regionIn = how === 'fast' && this.quickRegions && !regions ? this.regionCalls : 0
    return this.install(h, newBlock(ia, d.amode, d.absBase, t.insns, t.fn, t.src, t.fallbacks, cutAt, cutAt === -1 ? 0 : this.wholeAfter, t.pic ? ia | 0 : 0, 0, regionIn, at))
  }

  /**
   * The block at `ia` as a WebAssembly function (wasm-block.ts), in slot `h`; undefined when it is not one (a byte
   * loop idiom, an instruction without a fast case): the caller translates it to JavaScript. `cachedOnly`: only a
   * module compiled earlier in this thread is installed (null otherwise).
   */
  private compileWasm(c: Cpu, d0: DecodedBlock, ia: number, h: number, cachedOnly: boolean): Block | null | undefined {
    let d = d0
    const loop = byteLoopIndex(d)
    if (loop === 0) return undefined
    if (loop > 0) d = { ...d, insns: d.insns.slice(0, loop) }
    if (d.insns.length > this.maxInsns) {
      const x = d.insns[this.maxInsns]!
      const keep = x.ia === d.insns[this.maxInsns - 1]!.nia && endsRun(x) ? this.maxInsns + 1 : this.maxInsns
      d = { ...d, insns: d.insns.slice(0, keep) }
    }
    if (!wasmTranslatable(d)) return undefined
    const key = blockKey(d, true, this.abs32, false)
    let mod = WASM_MODULES.get(key)
    if (mod !== undefined) this.stats.reused++
    else {
      if (cachedOnly) return null
      mod = new WebAssembly.Module(wasmBlockBytes(d))
      if (WASM_MODULES.size >= SHARED_MAX) WASM_MODULES.clear()
      WASM_MODULES.set(key, mod)
      this.stats.compiled++
    }
    SHARED_AT.add(ia)
    this.stats.wasm++
    const src = this.keepSource ? `/* WebAssembly block (wasm-block.ts): ${d.insns.map((x) => x.ins.mnemonic).join(' ')} */` : ''
    return this.install(h, newBlock(ia, d.amode, d.absBase, d.insns.length, wasmBlockFn(mod, this.m.storage.memory!), src, NO_FALLBACKS, -1, 0, 0, this.jsAfter))
  }

  /** Puts block `b` into slot `h` and its frame's list (the frame becomes a code page, out of every store TLB). */
  private install(h: number, b: Block): Block {
    if (this.profile) this.all.push(b)
    this.setSlot(h, b)
    this.stop[h] = 1
    const page = b.absBase / 4096
    let list = this.pageBlocks.get(page)
    if (list === undefined) {
      list = []
      this.pageBlocks.set(page, list)
    }
    list.push(b)
    if (this.codePages[page] === 0) {
      this.codePages[page] = 1
      for (const o of this.m.cpus) o.dropStoreTlbFrame(b.absBase)
    }
    return b
  }

  /** True when the instruction at `ia` begins some position-independent shared translation (SHARED_HEAD). */
  private sharedHead(c: Cpu, ia: number): boolean {
    try {
      const h0 = c.fetch16(ia)
      return SHARED_HEAD.has(headKey(h0, h0 < 0x4000 ? 0 : c.fetch16(ia + 2)))
    } catch (e) {
      if (e instanceof ProgramException) return false
      throw e
    }
  }

  /** Puts block `b` (null: none) into slot `h` of the machine's own block table (made on first use). */
  private setSlot(h: number, b: Block | null): void {
    if (this.slots === NO_SLOTS) {
      this.slots = new Array<Block | null>(SLOTS).fill(null)
      this.slotIa = new Float64Array(SLOTS).fill(-1)
    }
    this.slots[h] = b
    this.slotIa[h] = b === null ? -1 : b.ia
  }

  /** A store is about to reach absolute frame `page` that holds translated code: drop its blocks. */
  codeStore(c: Cpu, page: number): void {
    const list = this.pageBlocks.get(page)
    this.codePages[page] = 0
    if (list === undefined) return
    this.pageBlocks.delete(page)
    for (const b of list) {
      b.valid = false
      const h = (b.ia / 2) & (SLOTS - 1)
      if (this.slots[h] === b) {
        this.setSlot(h, null)
        this.stop[h] = 0
      }
      this.stats.invalidated++
    }
    c.brk = true
  }

  /** Drops every translation (tests, reset). */
  flush(): void {
    for (const page of this.pageBlocks.keys()) this.codePages[page] = 0
    this.pageBlocks.clear()
    if (this.slots !== NO_SLOTS) {
      this.slots.fill(null)
      this.slotIa.fill(-1)
    }
    this.heat.fill(0)
    this.stop.fill(0)
  }

  /** Generated source of the block at logical address `ia`, if one is cached (keepSource must be on). */
  sourceAt(ia: number): string | undefined {
    const b = this.slots[(ia / 2) & (SLOTS - 1)]
    return b !== null && b !== undefined && b.ia === ia ? b.src : undefined
  }
}
