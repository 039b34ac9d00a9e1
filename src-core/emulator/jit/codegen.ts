// Translation of a decoded block into JavaScript source, compiled with `new Function`.
//
// Generated function: (c: Cpu, budget: number) => number of instructions completed. It leaves c.ia at the next
// instruction to run. Straight-line code follows the guest; branches whose target is an instruction of the same
// block (region: block.ts) become JS control flow (`pc = j; continue L`), guest loops nested JS loops (`loops`), with a
// budget check on every backward edge. `c.brk` is false when a block starts and only the code a block calls can set
// it (an interpreter handler, a store's slow path, a system-mask change), each of which is followed by its own check
// that leaves the block: backward edges need not read it (a load, a map check and a truthiness test per iteration).
// Instructions without a template call the interpreter's handler with the decoded fields set, exactly as the
// interpreter does, and leave the block when the handler branched or set `c.brk`. There is no try/catch:
// storage-access slow paths return their exception (PENDING) and the block leaves through its exit tail with
// ia/nia/ilc of the instruction and the instructions completed before it in `c.jitDone` (TH), writes the registers
// back and delivers it as the run loop would (`deliver`; the checked mode throws it), so delivery is identical to the
// interpreter's; interpreter handlers are called with everything written back and those fields set, so their
// exceptions simply propagate.
import type { Cpu } from '../cpu/cpu.ts'
import { JIT_TLB_SIZE } from '../cpu/cpu.ts'
import { EmulatorError, ProgramException } from '../cpu/exceptions.ts'
import { programInterrupt } from '../cpu/interrupts.ts'
import { CR0_AFP, CR0_SSM_SUPPRESS, PGM_FIXED_OVERFLOW, PGM_OPERATION, PGM_PRIVILEGED, PGM_SPECIAL_OPERATION, PSW_PROBLEM } from '../cpu/constants.ts'
import type { Exec } from '../isa/decode.ts'
import type { Fields } from '../isa/formats.ts'
import { relTarget, type BlockInsn, type DecodedBlock } from './block.ts'
import { mask64 } from '../ops/helpers.ts'
import { loadSystemMask } from '../ops/system.ts'

/**
 * A compiled block body; `base` is the logical address of the block's first instruction (see Translation.pic).
 */
export type BlockFn = (c: Cpu, budget: number, base: number) => number

/** Result of translating one block. */
export interface Translation {
  fn: BlockFn
  src: string
  /**
   * The source's length as the measure of its size (Jit's MAX_SRC cut): without the page caches' declarations and the
   * register suffixes of their names (Gen.pageCache), which add characters but no operations, so that a block is cut
   * where it was with one cache per access type.
   */
  size: number
  /** Instructions that got a template (the rest call interpreter handlers). */
  templated: number
  /** Mnemonics of the instructions that call interpreter handlers. */
  fallbacks: string[]
  /**
   * Position-independent: every address the code uses is its `base` argument plus a constant, so the translation
   * runs the same instructions at any base B with B + kmin >= 0 and B + kmax below picLimit(amode) (an upstream
   * test's library code sits at another address in each test: its blocks are compiled, and optimized by V8, once
   * per worker instead of once per test). False: the code holds absolute addresses (a relative target or successor
   * that wraps at the end of the addressing range, or one at or above PIC_LIMIT) and runs only at its own address.
   */
  pic: boolean
  /** Least and greatest offset from the block's address of an address the code uses (pic). */
  kmin: number
  kmax: number
}

/** Addresses of position-independent translations stay below this: `base + k` is then a small integer in V8. */
export const PIC_LIMIT = 2 ** 30
/** Bound (exclusive) of the addresses a position-independent translation may use in addressing mode `amode`. */
export function picLimit(amode: number): number {
  return amode === -1 ? PIC_LIMIT : Math.min(PIC_LIMIT, amode + 1)
}

/** Environment captured by every generated function. */
interface Env {
  f: Exec[]
  h: typeof HELPERS
  x: typeof PENDING
}

const TWO32 = 4294967296
/** Placeholders in generated code, replaced once the block's registers are known: write the register locals back
 * (WB) and reload them after an interpreter call (RL). */
const WB = '@WB@'
const RL = '@RL@'
/**
 * Placeholder for the exit taken when a storage access of the current instruction raised an exception (the helpers
 * below return it in PENDING instead of throwing) or the fixed-point-overflow interruption is due: records where the
 * exception belongs (instructions completed before it, ia/nia/ilc of the instruction) and leaves through the common
 * tail, which writes the registers back and throws it. So the generated function needs no try/catch (whose exception
 * edges made V8 compile large blocks several times slower) and the exception leaves it with the interpreter's state.
 */
const TH = '@T@'

/** An exception raised by a storage-access helper of generated code, thrown by the block's exit tail. */
const PENDING: { e: unknown } = { e: null }
/**
 * Storage-access slow paths of generated code: their exceptions go to PENDING (-1 / 0 returned). The low address word
 * `l` comes as the generated code holds it, an int32 (see Gen.ea).
 */
function jitAbs(c: Cpu, h: number, l: number, acc: 0 | 1): number {
  let p: number
  try {
    p = c.jitAbs(h, l >>> 0, acc)
  } catch (e) {
    PENDING.e = e
    return -1
  }
  // A page stored into is usually read next (bench.elf's crc32 reads the buffer its fill loop wrote): its fetch entry
  // too, so the reading block finds it in the TLB instead of calling this helper from a call site V8 never saw run,
  // which deoptimizes the block. A store permitted implies a fetch permitted (same translation, and a key allowing
  // the store allows the fetch), so this cannot raise; should it, the fetch entry is simply not made.
  if (acc === 1) {
    try {
      c.jitAbs(h, l >>> 0, 0)
    } catch {
      // not entered
    }
  }
  return p
}
function rd16(c: Cpu, h: number, l: number): number {
  try {
    return c.rd16(c.addr64(h, l >>> 0))
  } catch (e) {
    PENDING.e = e
    return 0
  }
}
function rd32(c: Cpu, h: number, l: number): number {
  try {
    return c.rd32(c.addr64(h, l >>> 0))
  } catch (e) {
    PENDING.e = e
    return 0
  }
}
function rd64(c: Cpu, h: number, l: number): void {
  try {
    c.rd64(c.addr64(h, l >>> 0))
  } catch (e) {
    PENDING.e = e
  }
}
function wr16(c: Cpu, h: number, l: number, v: number): void {
  try {
    c.wr16(c.addr64(h, l >>> 0), v)
  } catch (e) {
    PENDING.e = e
  }
}
function wr32(c: Cpu, h: number, l: number, v: number): void {
  try {
    c.wr32(c.addr64(h, l >>> 0), v)
  } catch (e) {
    PENDING.e = e
  }
}
function wr64(c: Cpu, h: number, l: number, v: number, w: number): void {
  try {
    c.wr64(c.addr64(h, l >>> 0), v, w)
  } catch (e) {
    PENDING.e = e
  }
}
/** The program exception `code` for PENDING. */
function pgmPending(code: number): void {
  PENDING.e = new ProgramException(code)
}
/** SSM/STNSM/STOSM's change of the system mask (ops/system.ts); its specification exception goes to PENDING. */
function sysMask(c: Cpu, b: number): void {
  try {
    loadSystemMask(c, b)
  } catch (e) {
    PENDING.e = e
  }
}
/**
 * Delivers the program exception a block's exit tail holds, as the translation tier's run loop does with a thrown one
 * (Jit.run: instructions completed = c.jitDone + 1, then the interruption): a JavaScript throw costs ~5 µs here (V8
 * records a message and a stack trace for it), more than a hundred guest instructions, and programs provoke
 * interruptions in loops (exittime: 200,000 operation exceptions). False (the tail throws) for anything else, and in
 * the checked mode, which compares the exception itself with the interpreter's.
 */
function deliver(c: Cpu, e: unknown): boolean {
  if (!(e instanceof ProgramException) || c.m.jit?.mode === 'check') return false
  programInterrupt(c, e.code, e.ilc < 0 ? c.ilc : e.ilc, e.nullify)
  return true
}
const HELPERS = { jitAbs, rd16, rd32, rd64, wr16, wr32, wr64, pgmPending, sysMask, deliver }

/** A relative target outside the exactly representable range: the instruction uses the interpreter handler. */
class RelOutOfRange extends Error {}

/** Code generator state for one block. */
/** Page caches per access type beyond the first (Gen.pageCache). */
const MAX_PAGE_CACHES = 3

class Gen {
  readonly b: DecodedBlock
  readonly a64: boolean
  /** Instruction index → start index of its straight segment (segments begin at labels). */
  readonly seg: Int32Array
  readonly labels: Set<number>
  readonly loop: boolean
  readonly n: number
  i = 0
  fallbacks: Exec[] = []
  /** Backward internal jumps as [source, target] instruction indices. */
  readonly back: Array<[number, number]> = []
  /** Every internal jump as [source, target] instruction indices. */
  readonly edges: Array<[number, number]> = []
  fb: Uint8Array
  /**
   * Register words whose value is known at translation time at the current instruction (null: unknown): set by
   * immediate loads and inserts of the straight code since the last label, forgotten at labels (reached from
   * elsewhere), interpreter calls and any other write (see learn()).
   */
  readonly kh: Array<number | null> = new Array<number | null>(16).fill(null)
  readonly kl: Array<number | null> = new Array<number | null>(16).fill(null)

  /** Absolute addresses fit int32 (storage below 2 GiB): see translate(). */
  readonly abs32: boolean
  /**
   * The condition code the previous instruction computed, as the conditions that select CC 0 and CC 1 (`q` null: the
   * CC is 0 or 1), when its code ends in that CC store and the current instruction is reached only from it (not a
   * label): a branch on the CC then tests the conditions (ccCond) instead of the stored value (see lastCc()).
   */
  prevCc: { p: string; q: string | null } | null = null

  /** The code holds addresses as B + k (B: the block's address, its third argument), see Translation.pic. */
  readonly pic: boolean
  /** Set when an address cannot be B + k with the same k at every base (pic translations are then made again without). */
  picFailed = false
  kmin = 0
  kmax = 0

  constructor(b: DecodedBlock, labels: Set<number>, abs32: boolean, pic: boolean) {
    this.abs32 = abs32
    this.pic = pic
    this.b = b
    this.a64 = b.amode === -1
    this.n = b.insns.length
    this.labels = labels
    this.loop = labels.size > 0
    this.seg = new Int32Array(this.n)
    this.fb = new Uint8Array(this.n)
    let s = 0
    for (let i = 0; i < this.n; i++) {
      if (labels.has(i)) s = i
      this.seg[i] = s
    }
  }

  /** Forgets every known register word. */
  forget(): void {
    this.kh.fill(null)
    this.kl.fill(null)
  }
  /** Known 64-bit value of GR r as [hi, lo] int32 words, or null. */
  known(r: number): [number, number] | null {
    const h = this.kh[r]!
    const l = this.kl[r]!
    return h === null || l === null ? null : [h, l]
  }
  /**
   * Updates the known register words after the current instruction, whose generated code is `code`: the words it
   * writes become unknown, except those an immediate load or insert (KNOWN) computes from immediates and known words.
   */
  learn(code: string): void {
    const before: Array<[number | null, number | null]> = this.kh.map((h, r) => [h, this.kl[r]!])
    for (const m of code.matchAll(/\br([hl])\[(\d+)\]=(?!=)/g)) (m[1] === 'h' ? this.kh : this.kl)[Number(m[2])] = null
    KNOWN[this.cur.ins.mnemonic]?.(this.cur.f, before, this.kh, this.kl)
  }
  get cur(): BlockInsn {
    return this.b.insns[this.i]!
  }
  /** Instructions of the current segment completed once instruction `i` completes. */
  done(i = this.i): number {
    return i - this.seg[i]! + 1
  }
  /**
   * JS expression of the logical address `t` (a sequential successor or relative target, not wrapped): `B+k` in a
   * position-independent translation, else the constant.
   */
  at(t: number): string {
    if (!this.pic) return String(t)
    const k = t - this.b.ia
    if (t < 0 || t >= picLimit(this.b.amode)) this.picFailed = true
    // (as an int32: both addresses lie below PIC_LIMIT here. A double in kmin or kmax, from an address that did not,
    // changed the hidden class of every Gen and V8 dropped the optimized translator, in each kernel again)
    else if (k < this.kmin) this.kmin = k | 0
    else if (k > this.kmax) this.kmax = k | 0
    return k === 0 ? 'B' : `(B${k < 0 ? '' : '+'}${k})`
  }
  /** Leaves the block after the current instruction completed, continuing at the JS expression `target`. */
  exit(target: string): string {
    if (/^\d+$/.test(target)) return this.exitTo(this.done(), Number(target))
    return `{n+=${this.done()};c.ia=${target};break D}`
  }
  /**
   * Exits to constant addresses: [instructions completed in the segment, target]. An exit only sets `ex` to its
   * index; the common tail after D adds and stores (XN, XI). Code V8 never ran before optimizing a block has no type
   * feedback, and an `n+=k;c.ia=t` of its own on each exit path made the first run of a loop's exit (the end of a
   * round, rare and late) deoptimize the block and run it unoptimized until V8 compiled it again.
   */
  readonly exits: Array<[number, number]> = []
  /** Leaves the block with `done` more instructions completed, continuing at the constant address `t`. */
  exitTo(done: number, t: number): string {
    if (this.pic) this.at(t)
    let k = this.exits.findIndex(([d, x]) => d === done && x === t)
    if (k < 0) k = this.exits.push([done, t]) - 1
    return `{ex=${k};break D}`
  }
  /** Continues at logical address `t` after the current instruction: internal jump or exit. */
  goto(t: number | null): string {
    if (t === null) throw new RelOutOfRange()
    const j = this.b.insns.findIndex((x) => x.ia === t)
    if (j >= 0 && this.labels.has(j)) {
      // A jump only sets constants (d: instructions completed in this segment); the segment it reaches adds them to n
      // and, when a backward jump reaches it, checks the budget (translate(), pass 3). Every cycle holds a backward
      // jump, so between two checks each instruction runs at most once. A jump that does arithmetic of its own has no
      // type feedback until it is first taken, and V8 deoptimizes an optimized block then: bench.elf's sieve block
      // was optimized before its test `2i > limit` first held, halfway through the first round, and deoptimized there.
      this.edges.push([this.i, j])
      if (j <= this.i) this.back.push([this.i, j])
      return `{d=${this.done()};pc=${j};continue @C${j}@}`
    }
    return this.exit(String(t))
  }
  /** Relative-branch target of the current instruction; null when it leaves [0, 2^53) (templates then fall back). */
  rel(i: number): number | null {
    const t = this.cur.ia + i * 2
    if (this.a64) return t < 0 || t >= 2 ** 53 ? null : t
    const w = (t & this.b.amode) >>> 0
    if (w !== t) this.picFailed = true
    return w
  }
  /**
   * Statement computing the effective address X(B)+D as h (high word) and l (low word), both int32, in int32
   * operations only: a carry into the high word shows as an unsigned result below an addend (a float64 sum of unsigned
   * words cost bench.elf's byte loops a float conversion per access). The carry is a branch, not arithmetic on a
   * comparison: V8 makes a branch never taken before it optimizes the block a deoptimization exit, so the hot path
   * keeps h as loaded (measured: a branch-free carry made the fnv1a64 loop 8% slower). In 24/31-bit mode h is 0 and l
   * is wrapped (non-negative).
   */
  ea(x: number, b: number, d: number): string {
    const regs = [x, b].filter((r) => r !== 0)
    this.memKey = b !== 0 ? b : x
    if (!this.a64) {
      const sum = [...regs.map((r) => `rl[${r}]`), String(d)].join('+')
      return `h=0;l=(${sum})&${this.b.amode};`
    }
    if (regs.length === 0) return d < 0 ? `h=-1;l=${d};` : `h=0;l=${d};`
    // adding d > 0 carries when the unsigned result is below d; adding d < 0 borrows when it is at least 2^32 + d
    const dcarry = d > 0 ? `if((l>>>0)<${d})h=(h+1)|0;` : `if((l>>>0)>=${TWO32 + d})h=(h-1)|0;`
    if (regs.length === 1) {
      const r = regs[0]!
      if (d === 0) return `h=rh[${r}];l=rl[${r}];`
      return `h=rh[${r}];l=(rl[${r}]+${d})|0;${dcarry}`
    }
    const [ra, rb] = regs as [number, number]
    // two words: the carry of their sum (unsigned result below an addend), then that of the displacement
    const sum = `y=rl[${ra}];l=(y+rl[${rb}])|0;h=(rh[${ra}]+rh[${rb}])|0;if((l>>>0)<(y>>>0))h=(h+1)|0;`
    if (d === 0) return sum
    return `${sum}l=(l+${d})|0;${dcarry}`
  }
  /** Expression: GR r used as an address in the block's addressing mode (as Cpu.raddr). */
  raddr(r: number): string {
    if (!this.a64) return `((rl[${r}]&${this.b.amode})>>>0)`
    return `((rh[${r}]>>>0)<2097152?(rh[${r}]>>>0)*${TWO32}+(rl[${r}]>>>0):c.encodeHigh(rh[${r}]>>>0,rl[${r}]>>>0))`
  }
  /**
   * Statement: `p` = absolute address of `size` bytes at h:l for access `acc` via the translated-code TLB, or -1. The
   * page of the last hit per access type stays in locals (a loop walking an array looks the TLB up once a page):
   * sound because a TLB entry changes only with jtGen (interpreter calls leave the block when it changed) or outside
   * a block run (code frames leave the store TLB when a block is compiled). Page and high word are compared in one
   * test of their xors, not `a===b&&c===d`: V8 optimized bench.elf's sieve block while its stores never met the last
   * page (strides of a page and more), so the second comparison had no type feedback and deoptimized the block when a
   * store first did. The last page is kept as its low word (FL/SL, page-aligned), high word (FH/SH) and the difference
   * absolute - logical (FB/SB), so a hit is one addition; the pages compare in their bits 0-51 (`(l^FL)>>>12`). Before
   * the first hit they hold page 0xfffff000 with high word 0 and difference 0: an access there "hits" with a negative
   * p and takes the slow path, as a miss does. (bench.elf's fnv1a64 loop alone, min of 13 repetitions: 0.60-0.62 →
   * 0.54 ns per guest instruction against the page's absolute base and `(l&-4096)^FL`; with a -1 high word or a
   * negative difference as the initial mark instead of 0 V8's code for the loop was as slow as before.)
   */
  fast(size: number, acc: 0 | 1): string {
    // with abs32 the sums are int32 additions without V8's overflow checks
    const i32 = (e: string): string => (this.abs32 ? `(${e})|0` : e)
    const lim = size === 1 ? '' : `(l&4095)<=${4096 - size}&&`
    const [H, L, B] = acc === 0 ? ['JFH', 'JFL', 'JFB'] : ['JSH', 'JSL', 'JSB']
    const sfx = this.pageCache(acc)
    const [ch, cl, cb] = acc === 0 ? ['FH' + sfx, 'FL' + sfx, 'FB' + sfx] : ['SH' + sfx, 'SL' + sfx, 'SB' + sfx]
    const miss = size === 1 ? '' : `(l&4095)>${4096 - size}||`
    // p from the last hit's page first, whether it is that page or not: the hit path then holds no operation of its
    // own, which would lack type feedback while the page never repeated before V8 optimized the block
    return (
      `p=${i32(`l+${cb}`)};if(${miss}(((l^${cl})>>>12)|(h^${ch}))!==0){q=(l>>>12)&${JIT_TLB_SIZE - 1};` +
      `p=${lim}((${L}[q]^((l&-4096)|G))|(${H}[q]^h))===0?${i32(`${this.abs32 ? `(${B}[q]|0)` : `${B}[q]`}+(l&4095)`)}:-1;if(p>=0){${cl}=l&-4096;${ch}=h;${cb}=${i32('p-l')}}}`
    )
  }
  /**
   * The base register of the last ea() (its index register without one; 0: none), consumed by the next fast(): the
   * page cache that access uses (pageCache).
   */
  memKey = 0
  /** Page caches beyond the first per access type, as `F<r>`/`S<r>` (pageCache). */
  readonly caches = new Set<string>()
  /**
   * The suffix of the last-page locals (fast()) for the access ea() set up, of type `acc`: one set per base register,
   * up to MAX_PAGE_CACHES per type, the first set (suffix '') for the rest and for accesses without a register. Code
   * that alternates between a structure and an array (Linux's xz decoder: its range coder's fields at one register,
   * the probabilities at another, the input at a third) then hits in each, where one set missed at every change of
   * page and looked the TLB up.
   */
  private pageCache(acc: 0 | 1): string {
    const r = this.memKey
    this.memKey = 0
    if (r === 0) return ''
    const name = (acc === 0 ? 'F' : 'S') + r
    if (!this.caches.has(name)) {
      let k = 0
      for (const c of this.caches) if (c[0] === name[0]) k++
      if (k >= MAX_PAGE_CACHES) return ''
      this.caches.add(name)
    }
    return String(r)
  }
  /**
   * Statement for an operand of `size` bytes at h:l that fast() did not find: when it lies inside one page, p = its
   * absolute address through the slow path (JA, which enters the page into the TLB, so the next run of the block hits),
   * leaving through TH with the exception the interpreter's handler raises for that page; p stays -1 for an operand
   * that crosses a page (the handler then runs it). LMG/STMG of a function's prologue and epilogue called the
   * handler, with every register written back and reloaded, at each call whose stack page was not in the TLB yet.
   */
  fill(size: number, acc: 0 | 1): string {
    return `if(p<0&&(l&4095)<=${4096 - size}){p=${this.ja(acc)};if(p<0)${TH}}`
  }
  /** Expression: the slow-path absolute address of h:l for access `acc`, or -1 (an int32 with abs32). */
  ja(acc: 0 | 1): string {
    return this.abs32 ? `(JA(c,h,l,${acc})|0)` : `JA(c,h,l,${acc})`
  }
  /** Statement loading `size` bytes at h:l into `v` (signed for 2/4-byte unless `unsigned`). 8 bytes → v (hi), w (lo). */
  load(size: 1 | 2 | 4 | 8, signed16 = false): string {
    // one access statement for both hits (the last page, the TLB), so it has type feedback as soon as either ran
    const f = this.fast(size, 0)
    const miss = `{p=${this.ja(0)};if(p<0)${TH}}`
    if (size === 1) return `${f}if(p<0)${miss}v=u8[p];`
    const pre = `${f}if(p<0&&(l&4095)<=${4096 - size})${miss}`
    const chk = `if(PX.e!==null)${TH}`
    switch (size) {
      case 2:
        return signed16
          ? `${pre}if(p>=0)v=dv.getInt16(p);else{v=(RD16(c,h,l)<<16)>>16;${chk}}`
          : `${pre}if(p>=0)v=dv.getUint16(p);else{v=RD16(c,h,l);${chk}}`
      case 4:
        return `${pre}if(p>=0)v=dv.getInt32(p);else{v=RD32(c,h,l);${chk}}`
      case 8:
        return `${pre}if(p>=0){v=dv.getInt32(p);w=dv.getInt32(p+4)}else{RD64(c,h,l);${chk}v=c.th;w=c.tl}`
    }
  }
  /** Statement storing `size` bytes of `val` (8: hi, lo) at h:l; leaves the block if the store hit translated code. */
  store(size: 1 | 2 | 4 | 8, val: string, lo = ''): string {
    const brk = `if(c.brk)${this.exit(String(this.cur.nia))}`
    const put = (pp: string): string => {
      switch (size) {
        case 1:
          return `u8[${pp}]=${val};`
        case 2:
          return `dv.setUint16(${pp},(${val})&65535);`
        case 4:
          return `dv.setInt32(${pp},${val});`
        case 8:
          return `dv.setInt32(${pp},${val});dv.setInt32(${pp}+4,${lo});`
      }
    }
    const wr = size === 1 ? '' : size === 2 ? `WR16(c,h,l,${val})` : size === 4 ? `WR32(c,h,l,${val})` : `WR64(c,h,l,${val},${lo})`
    const straddle = size === 1 ? '' : `else if((l&4095)>${4096 - size}){${wr};if(PX.e!==null)${TH}${brk}}`
    return `${this.fast(size, 1)}if(p>=0){${put('p')}}${straddle}else{p=${this.ja(1)};if(p<0)${TH}${put('p')}${brk}}`
  }
  /**
   * A template with a fast path that cannot raise an exception (operands found in the translated-code TLB) and the
   * interpreter's handler otherwise: `pre` computes what `cond` tests.
   */
  hybrid(pre: string, cond: string, fast: string): string {
    return `${pre}if(${cond}){${fast}}else{${this.fallback()}}`
  }
  /** Fallback: the interpreter's handler with the decoded fields set; leaves the block if it branched or set brk. */
  fallback(): string {
    const x = this.cur
    const idx = this.fallbacks.length
    this.fallbacks.push(x.ins.exec)
    this.fb[this.i] = 1
    let s = `${WB}c.jitDone=n+${this.i - this.seg[this.i]!};c.ia=${this.at(x.ia)};c.nia=${this.at(x.nia)};c.ilc=${x.len};`
    for (const k of x.ins.fields) s += `c.${k}=${x.f[k]};`
    s += `F${idx}(c);${RL}if(c.nia!==${this.at(x.nia)}||c.brk||c.jtGen!==G)${this.exit('c.nia')}`
    return s
  }
}

const cc32 = (v: string): string => `(${v}===0?0:${v}<0?1:2)`
/**
 * Signed overflow `o` (a JS condition): CC 3 and the fixed-point-overflow exception when the program mask enables it;
 * otherwise CC from `ccExpr`. The CC 3 store is not a `c.cc=` store, so it survives dead-CC elimination. The mask
 * bit is the local OV (read at entry and after interpreter calls, which may set the program mask): the overflow
 * path without the exception then holds no operation needing type feedback (an overflow first met after V8
 * optimized the block, as bench.elf's LCG meets one every ~170,000 steps, deoptimized it at `c.pm&8`).
 */
const ovfcc = (o: string, ccExpr: string): string => `if(${o}){cc=3;if(OV){PGM(${PGM_FIXED_OVERFLOW});${TH}}}else{c.cc=${ccExpr};}`

/** Templates: mnemonic → generator of the instruction body (null: use the fallback). */
type Template = (g: Gen, f: Fields) => string | null

/** Signed/unsigned 32-bit compare of two expressions into c.cc. */
const cmp32 = (x: string, y: string, logical: boolean): string =>
  logical ? `x=(${x})>>>0;y=(${y})>>>0;c.cc=x===y?0:x<y?1:2;` : `x=${x};y=${y};c.cc=x===y?0:x<y?1:2;`
/** -2^31: the int32 whose xor flips the sign bit. */
const INT_MIN = '-2147483648'
/**
 * Compare of 64-bit pairs (hi, lo) into the JS variable `r` (0/1/2). Every operation runs whichever words decide:
 * the low words' conversions ran only when the high words were equal, and the relation tests only when the words
 * differed, so the first compare of equal high words (or of equal values) after V8 optimized a block deoptimized it
 * (a fifth of the block deoptimizations of Debian's boot). A word compared unsigned is compared signed with its sign
 * bit flipped (a < b unsigned exactly when a ^ 2^31 < b ^ 2^31 signed), so `x` and `y` hold int32 values on both
 * paths: with `>>> 0` words (uint32) meeting the signed high words of CG in one variable, V8 kept them as doubles
 * and converted and checked them at every compare (seen in a `perf annotate` of the decompressor's hottest block).
 */
const cmp64 = (xh: string, xl: string, yh: string, yl: string, logical: boolean): string =>
  `k1=(${xl})^${INT_MIN};k2=(${yl})^${INT_MIN};` +
  (logical ? `x=(${xh})^${INT_MIN};y=(${yh})^${INT_MIN};` : `x=${xh};y=${yh};`) +
  'if(x===y){x=k1;y=k2}r=(x<y?1:0)|(x>y?2:0);'
/**
 * 64-bit add of (bh, bl) to GR r1's pair from (ah, al) with signed CC and overflow, in int32 operations: the carry
 * out of the low words is an unsigned comparison (the wrapped sum below an addend; for a - b = a + ~b + 1, a not
 * below b), not a sum of unsigned words above 2^32 - 1, which V8 computes in 64-bit or float64 arithmetic.
 */
function add64(r1: number, ah: string, al: string, bh: string, bl: string, sub: boolean): string {
  const v3 = sub ? '((x^y)&(x^w))<0' : '((x^w)&(y^w))<0'
  const lo = sub ? `k1=${al};k2=${bl};v=(k1-k2)|0;` : `k1=${al};v=(k1+(${bl}))|0;`
  const carry = sub ? '((k1>>>0)>=(k2>>>0)?1:0)' : '((v>>>0)<(k1>>>0)?1:0)'
  return `x=${ah};y=${bh};${lo}w=(x+${sub ? '~y' : 'y'}+${carry})|0;rh[${r1}]=w;rl[${r1}]=v;` + ovfcc(v3, '(w|v)===0?0:w<0?1:2')
}
/** 32-bit signed add/sub into GR r1 with CC and overflow. */
function add32(r1: number, x: string, y: string, sub: boolean): string {
  // adding a constant k overflows exactly when the wrapped sum moves the wrong way: below x for k > 0, above it for
  // k < 0 (one comparison instead of the general sign test)
  if (!sub && /^-?\d+$/.test(y)) {
    const k = Number(y)
    const o = k > 0 ? 'v<x' : k < 0 ? 'v>x' : 'false'
    return `x=${x};v=(x+${k})|0;rl[${r1}]=v;${ovfcc(o, cc32('v'))}`
  }
  return sub
    ? `x=${x};y=${y};v=(x-y)|0;rl[${r1}]=v;${ovfcc('((x^y)&(x^v))<0', cc32('v'))}`
    : `x=${x};y=${y};v=(x+y)|0;rl[${r1}]=v;${ovfcc('((x^v)&(y^v))<0', cc32('v'))}`
}
// Logical adds and subtracts in int32 operations: the carry out of an unsigned word sum a + b + cin is
// `(v>>>0) < (a>>>0)`, or `<=` with a carry in (the complement's +1 of a subtraction is a carry in). The sums used to
// be float64 (`(a>>>0)+(b>>>0)` compared with 2^32 - 1): a conversion to and from double per word, in Linux's
// multi-precision multiply loop (mpihelp_addmul_1) at every ALCGR/ALGR of its 64-bit limbs.
/** A 32-bit operand: an integer literal as its int32 value. */
const w32 = (y: string): string => (/^-?\d+$/.test(y) && Number(y) >= 0 && Number(y) < 2 ** 31 ? y : `(${/^-?\d+$/.test(y) ? Number(y) | 0 : y})`)
/** Logical 32-bit add/sub (CC from result and carry). */
function addl32(r1: number, x: string, y: string, sub: boolean): string {
  return sub
    ? `x=${x};v=(x-${w32(y)})|0;rl[${r1}]=v;c.cc=(v!==0?1:0)|((v>>>0)<=(x>>>0)?2:0);`
    : `x=${x};v=(x+${w32(y)})|0;rl[${r1}]=v;c.cc=(v!==0?1:0)|((v>>>0)<(x>>>0)?2:0);`
}
/** Logical 64-bit add/sub. */
function addl64(r1: number, bh: string, bl: string, sub: boolean): string {
  const low = sub ? `v=(x-${w32(bl)})|0;s=(v>>>0)<=(x>>>0)?1:0;` : `v=(x+${w32(bl)})|0;s=(v>>>0)<(x>>>0)?1:0;`
  return (
    `x=rl[${r1}];${low}y=rh[${r1}];w=(y+${sub ? `~${w32(bh)}` : w32(bh)}+s)|0;rh[${r1}]=w;rl[${r1}]=v;` +
    `c.cc=((w|v)!==0?1:0)|((w>>>0)<(y>>>0)||(s!==0&&w===y)?2:0);`
  )
}
/** Logical 32-bit add of GR r1, `y` and the carry the CC holds (ALCR; SLBR with `y` the complement). */
function addlc32(r1: number, y: string): string {
  return `x=rl[${r1}];s=(c.cc>>>1)&1;v=(x+${w32(y)}+s)|0;rl[${r1}]=v;c.cc=(v!==0?1:0)|((v>>>0)<(x>>>0)||(s!==0&&v===x)?2:0);`
}
/** Logical 64-bit add of GR r1, bh:bl and the carry the CC holds (ALCGR; SLBGR with bh:bl the complement). */
function addlc64(r1: number, bh: string, bl: string): string {
  return (
    `x=rl[${r1}];s=(c.cc>>>1)&1;v=(x+${w32(bl)}+s)|0;s=(v>>>0)<(x>>>0)||(s!==0&&v===x)?1:0;` +
    `y=rh[${r1}];w=(y+${w32(bh)}+s)|0;rh[${r1}]=w;rl[${r1}]=v;c.cc=((w|v)!==0?1:0)|((w>>>0)<(y>>>0)||(s!==0&&w===y)?2:0);`
  )
}
/** Link information (BRAS/BASR) of the current instruction into GR r. */
function link(g: Gen, r: number): string {
  const nia = g.cur.nia
  if (g.pic) {
    const a = g.at(nia)
    if (g.a64) return `rh[${r}]=0;rl[${r}]=${a};`
    return g.b.amode === 0x7fffffff ? `rl[${r}]=${a}|-2147483648;` : `rl[${r}]=${a};`
  }
  if (g.a64) return `rh[${r}]=${Math.floor(nia / TWO32) | 0};rl[${r}]=${nia | 0};`
  if (g.b.amode === 0x7fffffff) return `rl[${r}]=${(nia | 0x80000000) | 0};`
  return `rl[${r}]=${nia & 0xffffff};`
}
/** Sets GR r to the address h:l as LA/LARL do (the 24-bit mode zeroes bits 32-39, POP LOAD ADDRESS). */
function setAddr(g: Gen, r: number): string {
  if (g.a64) return `rh[${r}]=h;rl[${r}]=l;`
  if (g.b.amode === 0x7fffffff) return `rl[${r}]=l;`
  return `rl[${r}]=l&16777215;`
}
const cond = (m: number): string => (m === 15 ? 'true' : `(${m}&(8>>>c.cc))!==0`)
/**
 * The branch condition of mask `m` on the CC the previous instruction computed (Gen.prevCc), or the test of the CC
 * value. V8 keeps `cc=v===0?0:v<0?1:2;if((8&(8>>>cc))!==0)` as written: the CC materialized, shifted and tested on
 * the path of every compare-and-branch pair; `if(v===0)` tests the compare itself (the CC is still stored for
 * exits and later readers, but no longer on the branch's dependency chain).
 */
function ccCond(g: Gen, m: number): string {
  const k = g.prevCc
  if (k === null || m === 15) return cond(m)
  const P = `(${k.p})`
  if (k.q === null) {
    // CC 0 or 1
    const sel = ((m & 8) !== 0 ? 1 : 0) | ((m & 4) !== 0 ? 2 : 0)
    return ['false', P, `!${P}`, 'true'][sel]!
  }
  const Q = `(${k.q})`
  const sel = ((m & 8) !== 0 ? 1 : 0) | ((m & 4) !== 0 ? 2 : 0) | ((m & 2) !== 0 ? 4 : 0)
  // CC 0 when P, CC 1 when Q and not P, CC 2 otherwise; CC 3 never
  return ['false', P, `!${P}&&${Q}`, `${P}||${Q}`, `!${P}&&!${Q}`, `${P}||!${Q}`, `!${P}`, 'true'][sel]!
}
/** Top-level `?` or `:` positions of a JS expression (outside parentheses). */
function topLevel(e: string, ch: string): number {
  let depth = 0
  for (let i = 0; i < e.length; i++) {
    const c = e[i]!
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (depth === 0 && c === ch) return i
  }
  return -1
}
/** An expression without the parentheses around all of it. */
function unwrap(e: string): string {
  while (e.startsWith('(') && e.endsWith(')')) {
    let depth = 0
    let whole = true
    for (let i = 0; i < e.length - 1; i++) {
      if (e[i] === '(') depth++
      else if (e[i] === ')') depth--
      if (depth === 0) {
        whole = false
        break
      }
    }
    if (!whole) break
    e = e.slice(1, -1)
  }
  return e
}
/**
 * The CC an instruction's code leaves as its last statement, `c.cc=P?0:Q?1:2;` or `c.cc=P?0:1;` at the top level
 * (every path that completes the instruction runs it), as {p, q}; null for any other code.
 */
function lastCc(code: string): { p: string; q: string | null } | null {
  const m = /c\.cc=([^;]*);$/.exec(code)
  // a statement of its own (not the body of a braceless if or else)
  if (m === null || (m.index > 0 && !/[;}]/.test(code[m.index - 1]!))) return null
  // at the top level: the braces before the store balance
  let depth = 0
  for (let i = 0; i < m.index; i++) depth += code[i] === '{' ? 1 : code[i] === '}' ? -1 : 0
  if (depth !== 0) return null
  const e = unwrap(m[1]!)
  const q1 = topLevel(e, '?')
  if (q1 < 0) return null
  const p = e.slice(0, q1)
  const rest = e.slice(q1 + 1)
  if (!rest.startsWith('0:')) return null
  const r2 = rest.slice(2)
  if (r2 === '1') return /\bcc\b/.test(p) ? null : { p, q: null }
  const q2 = topLevel(r2, '?')
  if (q2 < 0 || r2.slice(q2 + 1) !== '1:2') return null
  const q = r2.slice(0, q2)
  // conditions on the CC itself would read the value just stored
  if (topLevel(q, ':') >= 0 || /\bcc\b/.test(p + q)) return null
  return { p, q }
}
/** Compare-and-branch on a computed relation `r`. */
/** The JS relation between x and y that a compare-and-branch mask selects (8 equal, 4 low, 2 high). */
const REL = ['false', 'false', 'x>y', 'x>y', 'x<y', 'x<y', 'x!==y', 'x!==y', 'x===y', 'x===y', 'x>=y', 'x>=y', 'x<=y', 'x<=y', 'true', 'true']
/** 32-bit compare and branch: the relation tested directly (no CC value computed). */
function cbranch32(g: Gen, x: string, y: string, logical: boolean, m: number, i4: number): string {
  if ((m & 14) === 0) return ''
  const set = logical ? `x=(${x})>>>0;y=(${y})>>>0;` : `x=${x};y=${y};`
  return `${set}if(${REL[m]})${g.goto(g.rel(i4))}`
}
function cbranch(g: Gen, m: number, i4: number): string {
  if (m === 0) return ''
  return `if((${m}&(8>>>r))!==0)${g.goto(g.rel(i4))}`
}

const T: Record<string, Template> = {
  // ---- loads between registers and immediates ----
  LR: (_g, f) => `rl[${f.r1}]=rl[${f.r2}];`,
  LGR: (_g, f) => `rh[${f.r1}]=rh[${f.r2}];rl[${f.r1}]=rl[${f.r2}];`,
  LGFR: (_g, f) => `v=rl[${f.r2}];rh[${f.r1}]=v>>31;rl[${f.r1}]=v;`,
  LLGFR: (_g, f) => `v=rl[${f.r2}];rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  LHI: (_g, f) => `rl[${f.r1}]=${f.i2};`,
  LGHI: (_g, f) => `rh[${f.r1}]=${f.i2 >> 31};rl[${f.r1}]=${f.i2};`,
  LGFI: (_g, f) => `rh[${f.r1}]=${f.i2 >> 31};rl[${f.r1}]=${f.i2};`,
  IILF: (_g, f) => `rl[${f.r1}]=${f.i2};`,
  LLILF: (_g, f) => `rh[${f.r1}]=0;rl[${f.r1}]=${f.i2};`,
  LLILL: (_g, f) => `rh[${f.r1}]=0;rl[${f.r1}]=${f.i2 & 0xffff};`,
  LTR: (_g, f) => `v=rl[${f.r2}];rl[${f.r1}]=v;c.cc=${cc32('v')};`,
  LTGR: (_g, f) => `w=rh[${f.r2}];v=rl[${f.r2}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:w<0?1:2;`,
  // ---- add / subtract ----
  AR: (_g, f) => add32(f.r1, `rl[${f.r1}]`, `rl[${f.r2}]`, false),
  SR: (_g, f) => add32(f.r1, `rl[${f.r1}]`, `rl[${f.r2}]`, true),
  AHI: (_g, f) => add32(f.r1, `rl[${f.r1}]`, String(f.i2), false),
  AFI: (_g, f) => add32(f.r1, `rl[${f.r1}]`, String(f.i2), false),
  AHIK: (_g, f) => add32(f.r1, `rl[${f.r3}]`, String(f.i2), false),
  ARK: (_g, f) => add32(f.r1, `rl[${f.r2}]`, `rl[${f.r3}]`, false),
  SRK: (_g, f) => add32(f.r1, `rl[${f.r2}]`, `rl[${f.r3}]`, true),
  AGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', false),
  SGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', true),
  AGRK: (_g, f) => `z=rh[${f.r3}];u=rl[${f.r3}];` + add64(f.r1, `rh[${f.r2}]`, `rl[${f.r2}]`, 'z', 'u', false),
  SGRK: (_g, f) => `z=rh[${f.r3}];u=rl[${f.r3}];` + add64(f.r1, `rh[${f.r2}]`, `rl[${f.r2}]`, 'z', 'u', true),
  AGFR: (_g, f) => `u=rl[${f.r2}];z=u>>31;` + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', false),
  AGHI: (_g, f) => add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, String(f.i2 >> 31), String(f.i2), false),
  AGFI: (_g, f) => add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, String(f.i2 >> 31), String(f.i2), false),
  AGHIK: (_g, f) => add64(f.r1, `rh[${f.r3}]`, `rl[${f.r3}]`, String(f.i2 >> 31), String(f.i2), false),
  ALR: (_g, f) => addl32(f.r1, `rl[${f.r1}]`, `rl[${f.r2}]`, false),
  SLR: (_g, f) => addl32(f.r1, `rl[${f.r1}]`, `rl[${f.r2}]`, true),
  ALFI: (_g, f) => addl32(f.r1, `rl[${f.r1}]`, String(f.i2), false),
  SLFI: (_g, f) => addl32(f.r1, `rl[${f.r1}]`, String(f.i2), true),
  ALGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + addl64(f.r1, 'z', 'u', false),
  SLGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + addl64(f.r1, 'z', 'u', true),
  // with the carry from the CC (CC 2 or 3); subtract with borrow adds the complement and the carry the same way
  ALCR: (_g, f) => addlc32(f.r1, `rl[${f.r2}]`),
  SLBR: (_g, f) => addlc32(f.r1, `~rl[${f.r2}]`),
  ALCGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + addlc64(f.r1, 'z', 'u'),
  SLBGR: (_g, f) => `z=~rh[${f.r2}];u=~rl[${f.r2}];` + addlc64(f.r1, 'z', 'u'),
  // ---- logical ----
  NR: (_g, f) => `v=rl[${f.r1}]&rl[${f.r2}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  OR: (_g, f) => `v=rl[${f.r1}]|rl[${f.r2}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  XR: (_g, f) => `v=rl[${f.r1}]^rl[${f.r2}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  NGR: (_g, f) => `w=rh[${f.r1}]&rh[${f.r2}];v=rl[${f.r1}]&rl[${f.r2}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  OGR: (_g, f) => `w=rh[${f.r1}]|rh[${f.r2}];v=rl[${f.r1}]|rl[${f.r2}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  XGR: (_g, f) => `w=rh[${f.r1}]^rh[${f.r2}];v=rl[${f.r1}]^rl[${f.r2}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  NILF: (_g, f) => `v=rl[${f.r1}]&${f.i2};rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  OILF: (_g, f) => `v=rl[${f.r1}]|${f.i2};rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  XILF: (_g, f) => `v=rl[${f.r1}]^${f.i2};rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  NIHF: (_g, f) => `v=rh[${f.r1}]&${f.i2};rh[${f.r1}]=v;c.cc=v===0?0:1;`,
  OIHF: (_g, f) => `v=rh[${f.r1}]|${f.i2};rh[${f.r1}]=v;c.cc=v===0?0:1;`,
  XIHF: (_g, f) => `v=rh[${f.r1}]^${f.i2};rh[${f.r1}]=v;c.cc=v===0?0:1;`,
  // ---- compare ----
  CR: (_g, f) => cmp32(`rl[${f.r1}]`, `rl[${f.r2}]`, false),
  CLR: (_g, f) => cmp32(`rl[${f.r1}]`, `rl[${f.r2}]`, true),
  CHI: (_g, f) => cmp32(`rl[${f.r1}]`, String(f.i2), false),
  CFI: (_g, f) => cmp32(`rl[${f.r1}]`, String(f.i2), false),
  CLFI: (_g, f) => cmp32(`rl[${f.r1}]`, String(f.i2), true),
  CGR: (_g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, `rh[${f.r2}]`, `rl[${f.r2}]`, false) + 'c.cc=r;',
  CLGR: (_g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, `rh[${f.r2}]`, `rl[${f.r2}]`, true) + 'c.cc=r;',
  CGHI: (_g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, String(f.i2 >> 31), String(f.i2), false) + 'c.cc=r;',
  CGFI: (_g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, String(f.i2 >> 31), String(f.i2), false) + 'c.cc=r;',
  CLGFI: (_g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, '0', String(f.i2), true) + 'c.cc=r;',
  // ---- shifts with a constant amount ----
  SLL: (_g, f) => shift32(f, f.r1, '<<'),
  SRL: (_g, f) => shift32(f, f.r1, '>>>'),
  SLLK: (_g, f) => shift32(f, f.r3, '<<'),
  SRLK: (_g, f) => shift32(f, f.r3, '>>>'),
  SLLG: (_g, f) => (f.b2 !== 0 ? varShift64(f, 'l') : shift64(f.r1, f.r3, f.d2 & 63, 'l')),
  SRLG: (_g, f) => (f.b2 !== 0 ? varShift64(f, 'r') : shift64(f.r1, f.r3, f.d2 & 63, 'r')),
  // ---- address loads ----
  LA: (g, f) => g.ea(f.x2, f.b2, f.d2) + setAddr(g, f.r1),
  LAY: (g, f) => g.ea(f.x2, f.b2, f.d2) + setAddr(g, f.r1),
  LARL: (g, f) => {
    const t = g.rel(f.i2)
    if (t === null) return null
    return (g.pic ? `h=0;l=${g.at(t)};` : `h=${Math.floor(t / TWO32) | 0};l=${t % TWO32 | 0};`) + setAddr(g, f.r1)
  },
  // ---- loads / stores ----
  L: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `rl[${f.r1}]=v;`,
  LY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `rl[${f.r1}]=v;`,
  LG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + `rh[${f.r1}]=v;rl[${f.r1}]=w;`,
  LGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `rh[${f.r1}]=v>>31;rl[${f.r1}]=v;`,
  LLGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  LH: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(2, true) + `rl[${f.r1}]=v;`,
  LHY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(2, true) + `rl[${f.r1}]=v;`,
  LLH: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(2) + `rl[${f.r1}]=v;`,
  LLGH: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(2) + `rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  LLC: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(1) + `rl[${f.r1}]=v;`,
  LLGC: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(1) + `rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  IC: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(1) + `rl[${f.r1}]=(rl[${f.r1}]&-256)|v;`,
  ICY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(1) + `rl[${f.r1}]=(rl[${f.r1}]&-256)|v;`,
  LT: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `rl[${f.r1}]=v;c.cc=${cc32('v')};`,
  LTG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + `rh[${f.r1}]=v;rl[${f.r1}]=w;c.cc=(v|w)===0?0:v<0?1:2;`,
  ST: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(4, `rl[${f.r1}]`),
  STY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(4, `rl[${f.r1}]`),
  STG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(8, `rh[${f.r1}]`, `rl[${f.r1}]`),
  STH: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(2, `rl[${f.r1}]`),
  STHY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(2, `rl[${f.r1}]`),
  STC: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(1, `rl[${f.r1}]&255`),
  STCY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.store(1, `rl[${f.r1}]&255`),
  MVI: (g, f) => g.ea(0, f.b1, f.d1) + g.store(1, String(f.i2 & 255)),
  MVIY: (g, f) => g.ea(0, f.b1, f.d1) + g.store(1, String(f.i2 & 255)),
  CLI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(1) + `c.cc=v===${f.i2}?0:v<${f.i2}?1:2;`,
  CLIY: (g, f) => g.ea(0, f.b1, f.d1) + g.load(1) + `c.cc=v===${f.i2}?0:v<${f.i2}?1:2;`,
  TM: (g, f) => g.ea(0, f.b1, f.d1) + g.load(1) + `v&=${f.i2};c.cc=v===0?0:v===${f.i2}?3:1;`,
  // ---- branches ----
  BRC: (g, f) => (f.r1 === 0 ? '' : `if(${ccCond(g, f.r1)})${g.goto(g.rel(f.i2))}`),
  BRCL: (g, f) => (f.r1 === 0 ? '' : `if(${ccCond(g, f.r1)})${g.goto(g.rel(f.i2))}`),
  BRCT: (g, f) => `v=(rl[${f.r1}]-1)|0;rl[${f.r1}]=v;if(v!==0)${g.goto(g.rel(f.i2))}`,
  BRCTG: (g, f) =>
    `v=rl[${f.r1}];if(v===0)rh[${f.r1}]=(rh[${f.r1}]-1)|0;v=(v-1)|0;rl[${f.r1}]=v;if((v|rh[${f.r1}])!==0)${g.goto(g.rel(f.i2))}`,
  BCR: (g, f) => {
    if (f.r2 === 0 || f.r1 === 0) return ''
    return `if(${cond(f.r1)})${g.exit(g.raddr(f.r2))}`
  },
  BRAS: (g, f) => link(g, f.r1) + g.goto(g.rel(f.i2)),
  BRASL: (g, f) => link(g, f.r1) + g.goto(g.rel(f.i2)),
  BASR: (g, f) => (f.r2 === 0 ? link(g, f.r1) : `s=${g.raddr(f.r2)};` + link(g, f.r1) + g.exit('s')),
  CRJ: (g, f) => cbranch32(g, `rl[${f.r1}]`, `rl[${f.r2}]`, false, f.m3, f.i4),
  CLRJ: (g, f) => cbranch32(g, `rl[${f.r1}]`, `rl[${f.r2}]`, true, f.m3, f.i4),
  CGRJ: (g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, `rh[${f.r2}]`, `rl[${f.r2}]`, false) + cbranch(g, f.m3, f.i4),
  CLGRJ: (g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, `rh[${f.r2}]`, `rl[${f.r2}]`, true) + cbranch(g, f.m3, f.i4),
  CIJ: (g, f) => cbranch32(g, `rl[${f.r1}]`, String((f.i2 << 24) >> 24), false, f.m3, f.i4),
  CLIJ: (g, f) => cbranch32(g, `rl[${f.r1}]`, String(f.i2 & 0xff), true, f.m3, f.i4),
  CGIJ: (g, f) => {
    const i = (f.i2 << 24) >> 24
    return cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, String(i >> 31), String(i), false) + cbranch(g, f.m3, f.i4)
  },
  CLGIJ: (g, f) => cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, '0', String(f.i2 & 0xff), true) + cbranch(g, f.m3, f.i4),
  LOCR: (_g, f) => `if(${cond(f.m3)})rl[${f.r1}]=rl[${f.r2}];`,
  LOCGR: (_g, f) => `if(${cond(f.m3)}){rh[${f.r1}]=rh[${f.r2}];rl[${f.r1}]=rl[${f.r2}]}`,
  // ---- rotate then insert / and / or / xor selected bits ----
  RISBG: (_g, f) => rsbg(f, 'i', true),
  RISBGN: (_g, f) => rsbg(f, 'i', false),
  RNSBG: (_g, f) => rsbg(f, 'n', true),
  ROSBG: (_g, f) => rsbg(f, 'o', true),
  RXSBG: (_g, f) => rsbg(f, 'x', true),
  // ---- complement / positive / logical-character loads ----
  LCR: (_g, f) => add32(f.r1, '0', `rl[${f.r2}]`, true),
  LPR: (_g, f) => `if(rl[${f.r2}]<0){${add32(f.r1, '0', `rl[${f.r2}]`, true)}}else{v=rl[${f.r2}];rl[${f.r1}]=v;c.cc=${cc32('v')}}`,
  LLCR: (_g, f) => `rl[${f.r1}]=rl[${f.r2}]&255;`,
  LLGCR: (_g, f) => `v=rl[${f.r2}]&255;rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  LLHR: (_g, f) => `rl[${f.r1}]=rl[${f.r2}]&65535;`,
  LLGHR: (_g, f) => `v=rl[${f.r2}]&65535;rh[${f.r1}]=0;rl[${f.r1}]=v;`,
  LLIHF: (_g, f) => `rh[${f.r1}]=${f.i2};rl[${f.r1}]=0;`,
  LLILH: (_g, f) => `rh[${f.r1}]=0;rl[${f.r1}]=${((f.i2 & 0xffff) << 16) | 0};`,
  IIHF: (_g, f) => `rh[${f.r1}]=${f.i2};`,
  NILL: (_g, f) => imm16(f, 'n', false, 0),
  NILH: (_g, f) => imm16(f, 'n', false, 16),
  NIHL: (_g, f) => imm16(f, 'n', true, 0),
  NIHH: (_g, f) => imm16(f, 'n', true, 16),
  OILL: (_g, f) => imm16(f, 'o', false, 0),
  OILH: (_g, f) => imm16(f, 'o', false, 16),
  OIHL: (_g, f) => imm16(f, 'o', true, 0),
  OIHH: (_g, f) => imm16(f, 'o', true, 16),
  TMLL: (_g, f) => tmr(f, false, 0),
  TMLH: (_g, f) => tmr(f, false, 16),
  TMHL: (_g, f) => tmr(f, true, 0),
  TMHH: (_g, f) => tmr(f, true, 16),
  // ---- multiply (low halves) ----
  MSR: (_g, f) => `rl[${f.r1}]=Math.imul(rl[${f.r1}],rl[${f.r2}]);`,
  MSFI: (_g, f) => `rl[${f.r1}]=Math.imul(rl[${f.r1}],${f.i2});`,
  MHI: (_g, f) => `rl[${f.r1}]=Math.imul(rl[${f.r1}],${f.i2});`,
  MSGR: (g, f) => msgr(g, f, false),
  MSGFR: (g, f) => msgr(g, f, true),
  MGHI: (_g, f) => `z=rh[${f.r1}];u=rl[${f.r1}];` + mulConst(f.r1, [f.i2 >> 31, f.i2]),
  MSGFI: (_g, f) => `z=rh[${f.r1}];u=rl[${f.r1}];` + mulConst(f.r1, [f.i2 >> 31, f.i2]),
  // ---- relative-long loads/stores (alignment checked at translation; misaligned → interpreter handler) ----
  LRL: (g, f) => rl(g, f, 4, (x) => `${x}rl[${f.r1}]=v;`),
  LGFRL: (g, f) => rl(g, f, 4, (x) => `${x}rh[${f.r1}]=v>>31;rl[${f.r1}]=v;`),
  LLGFRL: (g, f) => rl(g, f, 4, (x) => `${x}rh[${f.r1}]=0;rl[${f.r1}]=v;`),
  LGRL: (g, f) => rl(g, f, 8, (x) => `${x}rh[${f.r1}]=v;rl[${f.r1}]=w;`),
  STRL: (g, f) => rl(g, f, 4, () => g.store(4, `rl[${f.r1}]`), true),
  STGRL: (g, f) => rl(g, f, 8, () => g.store(8, `rh[${f.r1}]`, `rl[${f.r1}]`), true),
  // ---- immediate halfword inserts, distinct-operand logical ops, 64-bit complement/positive ----
  LLIHL: (_g, f) => `rh[${f.r1}]=${f.i2 & 0xffff};rl[${f.r1}]=0;`,
  LLIHH: (_g, f) => `rh[${f.r1}]=${((f.i2 & 0xffff) << 16) | 0};rl[${f.r1}]=0;`,
  IILL: (_g, f) => `rl[${f.r1}]=(rl[${f.r1}]&-65536)|${f.i2 & 0xffff};`,
  IILH: (_g, f) => `rl[${f.r1}]=(rl[${f.r1}]&65535)|${((f.i2 & 0xffff) << 16) | 0};`,
  IIHL: (_g, f) => `rh[${f.r1}]=(rh[${f.r1}]&-65536)|${f.i2 & 0xffff};`,
  IIHH: (_g, f) => `rh[${f.r1}]=(rh[${f.r1}]&65535)|${((f.i2 & 0xffff) << 16) | 0};`,
  NRK: (_g, f) => `v=rl[${f.r2}]&rl[${f.r3}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  ORK: (_g, f) => `v=rl[${f.r2}]|rl[${f.r3}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  XRK: (_g, f) => `v=rl[${f.r2}]^rl[${f.r3}];rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  NGRK: (_g, f) => `w=rh[${f.r2}]&rh[${f.r3}];v=rl[${f.r2}]&rl[${f.r3}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  OGRK: (_g, f) => `w=rh[${f.r2}]|rh[${f.r3}];v=rl[${f.r2}]|rl[${f.r3}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  XGRK: (_g, f) => `w=rh[${f.r2}]^rh[${f.r3}];v=rl[${f.r2}]^rl[${f.r3}];rh[${f.r1}]=w;rl[${f.r1}]=v;c.cc=(w|v)===0?0:1;`,
  LCGR: (_g, f) => `z=rh[${f.r2}];u=rl[${f.r2}];` + add64(f.r1, '0', '0', 'z', 'u', true),
  LPGR: (_g, f) =>
    `z=rh[${f.r2}];u=rl[${f.r2}];if(z<0){${add64(f.r1, '0', '0', 'z', 'u', true)}}else{rh[${f.r1}]=z;rl[${f.r1}]=u;c.cc=(z|u)===0?0:2;}`,
  LTGFR: (_g, f) => `v=rl[${f.r2}];rh[${f.r1}]=v>>31;rl[${f.r1}]=v;c.cc=${cc32('v')};`,
  LGBR: (_g, f) => `v=(rl[${f.r2}]<<24)>>24;rh[${f.r1}]=v>>31;rl[${f.r1}]=v;`,
  LGHR: (_g, f) => `v=(rl[${f.r2}]<<16)>>16;rh[${f.r1}]=v>>31;rl[${f.r1}]=v;`,
  LBR: (_g, f) => `rl[${f.r1}]=(rl[${f.r2}]<<24)>>24;`,
  LHR: (_g, f) => `rl[${f.r1}]=(rl[${f.r2}]<<16)>>16;`,
  CGFR: (_g, f) => `u=rl[${f.r2}];` + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, 'u>>31', 'u', false) + 'c.cc=r;',
  CLGFR: (_g, f) => `u=rl[${f.r2}];` + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, '0', 'u', true) + 'c.cc=r;',
  ALGFR: (_g, f) => `u=rl[${f.r2}];` + addl64(f.r1, '0', 'u', false),
  SLGFR: (_g, f) => `u=rl[${f.r2}];` + addl64(f.r1, '0', 'u', true),
  SRA: (_g, f) =>
    f.b2 !== 0
      ? `s=(rl[${f.b2}]+${f.d2})&63;v=rl[${f.r1}]>>(s>31?31:s);rl[${f.r1}]=v;c.cc=${cc32('v')};`
      : `v=rl[${f.r1}]>>${Math.min(f.d2 & 63, 31)};rl[${f.r1}]=v;c.cc=${cc32('v')};`,
  SRAG: (_g, f) => (f.b2 !== 0 ? varShift64(f, 'a') : sra64(f.r1, f.r3, f.d2 & 63)),
  // ---- arithmetic, logical and compare with a storage operand ----
  A: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + add32(f.r1, `rl[${f.r1}]`, 'v', false),
  S: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + add32(f.r1, `rl[${f.r1}]`, 'v', true),
  AY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + add32(f.r1, `rl[${f.r1}]`, 'v', false),
  SY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + add32(f.r1, `rl[${f.r1}]`, 'v', true),
  AL: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + addl32(f.r1, `rl[${f.r1}]`, 'v', false),
  SL: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + addl32(f.r1, `rl[${f.r1}]`, 'v', true),
  AG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + 'z=v;u=w;' + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', false),
  SG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + 'z=v;u=w;' + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', true),
  AGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + 'z=v>>31;u=v;' + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', false),
  SGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + 'z=v>>31;u=v;' + add64(f.r1, `rh[${f.r1}]`, `rl[${f.r1}]`, 'z', 'u', true),
  ALG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + 'z=v;u=w;' + addl64(f.r1, 'z', 'u', false),
  SLG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + 'z=v;u=w;' + addl64(f.r1, 'z', 'u', true),
  ALGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + 'u=v;' + addl64(f.r1, '0', 'u', false),
  SLGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + 'u=v;' + addl64(f.r1, '0', 'u', true),
  N: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `v=rl[${f.r1}]&v;rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  O: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `v=rl[${f.r1}]|v;rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  X: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + `v=rl[${f.r1}]^v;rl[${f.r1}]=v;c.cc=v===0?0:1;`,
  NG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + `v=rh[${f.r1}]&v;w=rl[${f.r1}]&w;rh[${f.r1}]=v;rl[${f.r1}]=w;c.cc=(v|w)===0?0:1;`,
  OG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + `v=rh[${f.r1}]|v;w=rl[${f.r1}]|w;rh[${f.r1}]=v;rl[${f.r1}]=w;c.cc=(v|w)===0?0:1;`,
  XG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + `v=rh[${f.r1}]^v;w=rl[${f.r1}]^w;rh[${f.r1}]=v;rl[${f.r1}]=w;c.cc=(v|w)===0?0:1;`,
  C: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp32(`rl[${f.r1}]`, 'v', false),
  CY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp32(`rl[${f.r1}]`, 'v', false),
  CL: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp32(`rl[${f.r1}]`, 'v', true),
  CLY: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp32(`rl[${f.r1}]`, 'v', true),
  CG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, 'v', 'w', false) + 'c.cc=r;',
  CLG: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(8) + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, 'v', 'w', true) + 'c.cc=r;',
  CGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, 'v>>31', 'v', false) + 'c.cc=r;',
  CLGF: (g, f) => g.ea(f.x2, f.b2, f.d2) + g.load(4) + cmp64(`rh[${f.r1}]`, `rl[${f.r1}]`, '0', 'v', true) + 'c.cc=r;',
  // ---- storage-to-storage and multiple-register moves: operands inside one page each and in the translated-code
  // TLB run here, anything else (page crossing, TLB miss, exceptions) through the interpreter's handler ----
  MVC: (g, f) => ss(g, f, 1, (n) => `if(z>p&&z<p+${n}){for(y=0;y<${n};y++)u8[z+y]=u8[p+y]}else u8.copyWithin(z,p,p+${n});`),
  XC: (g, f) =>
    ss(g, f, 1, (n) => `if(z===p){u8.fill(0,z,z+${n});c.cc=0;}else{r=0;for(y=0;y<${n};y++){x=u8[z+y]^u8[p+y];u8[z+y]=x;r|=x}c.cc=r===0?0:1;}`),
  NC: (g, f) => ss(g, f, 1, (n) => `r=0;for(y=0;y<${n};y++){x=u8[z+y]&u8[p+y];u8[z+y]=x;r|=x}c.cc=r===0?0:1;`),
  OC: (g, f) => ss(g, f, 1, (n) => `r=0;for(y=0;y<${n};y++){x=u8[z+y]|u8[p+y];u8[z+y]=x;r|=x}c.cc=r===0?0:1;`),
  CLC: (g, f) => ss(g, f, 0, (n) => `r=0;for(y=0;y<${n};y++){x=u8[z+y];w=u8[p+y];if(x!==w){r=x<w?1:2;break}}c.cc=r;`),
  LMG: (g, f) => {
    const cnt = ((f.r3 - f.r1) & 15) + 1
    let body = ''
    for (let k = 0, r = f.r1; k < cnt; k++, r = (r + 1) & 15) body += `rh[${r}]=dv.getInt32(p+${8 * k});rl[${r}]=dv.getInt32(p+${8 * k + 4});`
    return g.hybrid(g.ea(0, f.b2, f.d2) + g.fast(8 * cnt, 0) + g.fill(8 * cnt, 0), 'p>=0', body)
  },
  STMG: (g, f) => {
    const cnt = ((f.r3 - f.r1) & 15) + 1
    let body = ''
    for (let k = 0, r = f.r1; k < cnt; k++, r = (r + 1) & 15) body += `dv.setInt32(p+${8 * k},rh[${r}]);dv.setInt32(p+${8 * k + 4},rl[${r}]);`
    // (a store through the slow path may have hit translated code: leave after it, as store() does)
    const brk = `if(c.brk)${g.exit(String(g.cur.nia))}`
    return g.hybrid(g.ea(0, f.b2, f.d2) + g.fast(8 * cnt, 1) + `if(p>=0){${body}}else{` + g.fill(8 * cnt, 1), 'p>=0', body + brk) + '}'
  },
  // ---- storage-immediate moves and compares (SIL) ----
  MVHHI: (g, f) => g.ea(0, f.b1, f.d1) + g.store(2, String(f.i2 & 0xffff)),
  MVHI: (g, f) => g.ea(0, f.b1, f.d1) + g.store(4, String(f.i2)),
  MVGHI: (g, f) => g.ea(0, f.b1, f.d1) + g.store(8, String(f.i2 >> 31), String(f.i2)),
  CHHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(2, true) + cmp32('v', String(f.i2), false),
  CHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(4) + cmp32('v', String(f.i2), false),
  CLHHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(2) + cmp32('v', String(f.i2 & 0xffff), true),
  CLFHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(4) + cmp32('v', String(f.i2 & 0xffff), true),
  CGHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(8) + cmp64('v', 'w', String(f.i2 >> 31), String(f.i2), false) + 'c.cc=r;',
  CLGHSI: (g, f) => g.ea(0, f.b1, f.d1) + g.load(8) + cmp64('v', 'w', '0', String(f.i2 & 0xffff), true) + 'c.cc=r;',
  // ---- floating-point register loads, stores and moves (every function prologue of the kvm-unit-tests kernels) ----
  LD: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.load(8) + `vr[${f.r1 * 4}]=v;vr[${f.r1 * 4 + 1}]=w;`),
  LDY: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.load(8) + `vr[${f.r1 * 4}]=v;vr[${f.r1 * 4 + 1}]=w;`),
  LE: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.load(4) + `vr[${f.r1 * 4}]=v;`),
  STD: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.store(8, `vr[${f.r1 * 4}]`, `vr[${f.r1 * 4 + 1}]`)),
  STDY: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.store(8, `vr[${f.r1 * 4}]`, `vr[${f.r1 * 4 + 1}]`)),
  STE: (g, f) => fprs(g, [f.r1], g.ea(f.x2, f.b2, f.d2) + g.store(4, `vr[${f.r1 * 4}]`)),
  LDR: (g, f) => fprs(g, [f.r1, f.r2], `vr[${f.r1 * 4}]=vr[${f.r2 * 4}];vr[${f.r1 * 4 + 1}]=vr[${f.r2 * 4 + 1}];`),
  LER: (g, f) => fprs(g, [f.r1, f.r2], `vr[${f.r1 * 4}]=vr[${f.r2 * 4}];`),
  LDGR: (g, f) => fprs(g, [f.r1], `vr[${f.r1 * 4}]=rh[${f.r2}];vr[${f.r1 * 4 + 1}]=rl[${f.r2}];`),
  LGDR: (g, f) => fprs(g, [f.r2], `rh[${f.r1}]=vr[${f.r2 * 4}];rl[${f.r1}]=vr[${f.r2 * 4 + 1}];`),
  LZDR: (g, f) => fprs(g, [f.r1], `vr[${f.r1 * 4}]=0;vr[${f.r1 * 4 + 1}]=0;`),
  // ---- system mask (privileged: translate() adds the problem-state check). The usual save/restore pairs leave the
  // mask as it is: no call then; a change goes through the interpreter's helper, and the block ends when it flushed
  // the TLB or asks to leave the run loop (an interruption enabled, DAT or PER switched) ----
  // an opcode the table does not know (block.ts INVALID_OPCODE): the operation exception, the halfwords kept for reports
  '(invalid opcode)': (g) => `c.h0=${g.cur.h0};c.h1=${g.cur.h1};c.h2=${g.cur.h2};PGM(${PGM_OPERATION});${TH}`,
  IPM: (_g, f) => `rl[${f.r1}]=(rl[${f.r1}]&16777215)|(c.cc<<28)|(c.pm<<24);`,
  SSM: (g, f) => `if((c.crl[0]&${CR0_SSM_SUPPRESS})!==0){PGM(${PGM_SPECIAL_OPERATION});${TH}}` + g.ea(0, f.b2, f.d2) + g.load(1) + 'z=0;x=c.mask>>>24;y=v;' + sysMaskChange(g),
  STNSM: (g, f) => stnosm(g, f, '&'),
  STOSM: (g, f) => stnosm(g, f, '|'),
}

/**
 * Floating-point registers `regs` used by a template `body`: FPRs other than 0, 2, 4 and 6 need the AFP-register
 * control (CR0 bit 45), read when the instruction runs (a control-register load in the block may change it); without
 * it the interpreter's handler raises the data exception.
 */
function fprs(g: Gen, regs: number[], body: string): string {
  if (regs.every((r) => (r & 9) === 0)) return body
  return g.hybrid('', `(c.crl[0]&${CR0_AFP})!==0`, body)
}
/** STNSM/STOSM: the current system mask stored at D1(B1), then ANDed/ORed with I2. */
function stnosm(g: Gen, f: Fields, op: '&' | '|'): string {
  // the store's slow path may hit translated code (brk): the mask change still belongs to this instruction
  const st = g.ea(0, f.b1, f.d1) + g.fast(1, 1) + `z=0;if(p<0){p=${g.ja(1)};if(p<0)${TH}z=1}`
  return st + `x=c.mask>>>24;u8[p]=x;y=x${op}${f.i2 & 255};` + sysMaskChange(g)
}
/** The new system-mask byte `y` replacing `x`; z = 1 when the block must check whether to leave after it. */
function sysMaskChange(g: Gen): string {
  return `if(y!==x||(y&184)!==0){SM(c,y);if(PX.e!==null)${TH}z=1}if(z!==0&&(c.brk||c.jtGen!==G))${g.exit(String(g.cur.nia))}`
}

/** Relative-long storage operand: address fixed at translation; null (interpreter handler) when misaligned or unrepresentable. */
function rl(g: Gen, f: Fields, size: 4 | 8, body: (load: string) => string, store = false): string | null {
  const t = g.rel(f.i2)
  if (t === null || t % size !== 0) return null
  const at = g.pic ? `h=0;l=${g.at(t)};` : `h=${Math.floor(t / TWO32) | 0};l=${t % TWO32 | 0};`
  return at + (store ? body('') : body(g.load(size)))
}

/**
 * SS-format operation on L+1 bytes: z = absolute first operand (stored into unless `acc1` is 0), p = absolute second
 * operand, both through the translated-code TLB; `body(n)` does the work on u8.
 */
function ss(g: Gen, f: Fields, acc1: 0 | 1, body: (n: number) => string): string {
  const n = f.l1 + 1
  return g.hybrid(g.ea(0, f.b1, f.d1) + g.fast(n, acc1) + 'z=p;' + g.ea(0, f.b2, f.d2) + g.fast(n, 0), 'z>=0&&p>=0', body(n))
}
/**
 * Statement: k0 = high word (int32) of the unsigned product of the 32-bit words `a` and `b` (simple expressions, as
 * int32 or uint32), in int32 operations only (16-bit halves; partial products exact in 32 bits), which V8 keeps in
 * machine words: a helper call or float64 arithmetic cost more than the rest of a multiply. Uses k1, k2.
 */
function mulhiSrc(a: string, b: string): string {
  return (
    `k1=Math.imul(${a}>>>16,${b}&65535);k2=Math.imul(${a}&65535,${b}>>>16);` +
    `k0=(Math.imul(${a}>>>16,${b}>>>16)+(k1>>>16)+(k2>>>16)+(((Math.imul(${a}&65535,${b}&65535)>>>16)+(k1&65535)+(k2&65535))>>>16))|0;`
  )
}
/** Low 64 bits of GR r1 times (bh, bl) into GR r1. */
function mul64(r1: number, bh: string, bl: string): string {
  return `x=rh[${r1}];y=rl[${r1}];${mulhiSrc('y', bl)}w=(k0+Math.imul(x,${bl})+Math.imul(y,${bh}))|0;rl[${r1}]=Math.imul(y,${bl});rh[${r1}]=w;`
}
/**
 * Low 64 bits of (z, u) times the constant [kh, kl] into GR r1: zero and one words drop their terms, a low word below
 * 2^15 takes the high word of u*kl from two small products.
 */
function mulConst(r1: number, [kh, kl]: [number, number]): string {
  const K = kl >>> 0
  let pre = ''
  const terms: string[] = []
  if (K >= 0x8000) {
    pre = mulhiSrc('u', String(kl))
    terms.push('k0')
  } else if (K > 1) terms.push(`(((u>>>16)*${K}+(((u&65535)*${K})>>>16))>>>16)`)
  if (K === 1) terms.push('z')
  else if (K !== 0) terms.push(`Math.imul(z,${kl})`)
  if (kh === 1) terms.push('u')
  else if (kh !== 0) terms.push(`Math.imul(u,${kh})`)
  const lo = K === 0 ? '0' : K === 1 ? 'u' : `Math.imul(u,${kl})`
  return `${pre}w=${terms.length === 0 ? '0' : `(${terms.join('+')})|0`};rl[${r1}]=${lo};rh[${r1}]=w;`
}
/** MSGR/MSGFR: GR r1 times the second operand (words bh/bl of GR r2), with a known operand as a constant. */
function msgr(g: Gen, f: Fields, signExt: boolean): string {
  const kb = signExt ? (g.kl[f.r2] === null ? null : ([g.kl[f.r2]! >> 31, g.kl[f.r2]!] as [number, number])) : g.known(f.r2)
  if (kb !== null) return `z=rh[${f.r1}];u=rl[${f.r1}];` + mulConst(f.r1, kb)
  const second = signExt ? `u=rl[${f.r2}];z=u>>31;` : `z=rh[${f.r2}];u=rl[${f.r2}];`
  const ka = g.known(f.r1)
  if (ka !== null) return second + mulConst(f.r1, ka)
  return second + mul64(f.r1, 'z', 'u')
}
/** AND/OR with a 16-bit immediate into one halfword of a register word; CC from that halfword. */
function imm16(f: Fields, op: 'n' | 'o', hi: boolean, half: 0 | 16): string {
  const reg = `${hi ? 'rh' : 'rl'}[${f.r1}]`
  const fm = (0xffff << half) | 0
  const iv = ((f.i2 & 0xffff) << half) | 0
  const expr = op === 'n' ? `${reg}&${iv | ~fm}` : `${reg}|${iv}`
  return `v=${expr};${reg}=v;c.cc=(v&${fm})===0?0:1;`
}
/** TEST UNDER MASK on one halfword of a register. */
function tmr(f: Fields, hi: boolean, shift: number): string {
  const m = f.i2 & 0xffff
  if (m === 0) return 'c.cc=0;'
  const top = 1 << (31 - Math.clz32(m))
  return `v=(${hi ? 'rh' : 'rl'}[${f.r1}]>>>${shift})&${m};c.cc=v===0?0:v===${m}?3:(v&${top})!==0?2:1;`
}
/** RISBG family with the rotation and masks resolved at translation time. */
function rsbg(f: Fields, op: 'i' | 'n' | 'o' | 'x', setCc: boolean): string {
  const r1 = f.r1
  const r2 = f.r2
  const i3 = f.i3
  const i4 = f.i4
  const m = { th: 0, tl: 0 }
  mask64(m as unknown as Cpu, i3 & 63, i4 & 63)
  const mh = m.th | 0
  const ml = m.tl | 0
  let n = f.i5 & 63
  let hs = `rh[${r2}]`
  let ls = `rl[${r2}]`
  if (n >= 32) {
    ;[hs, ls] = [ls, hs]
    n -= 32
  }
  const rot = n === 0 ? `z=${hs};u=${ls};` : `x=${hs};y=${ls};z=(x<<${n})|(y>>>${32 - n});u=(y<<${n})|(x>>>${32 - n});`
  if (op === 'i') {
    const zero = (i4 & 0x80) !== 0
    const h = zero ? `z&${mh}` : `(z&${mh})|(rh[${r1}]&${~mh})`
    const l = zero ? `u&${ml}` : `(u&${ml})|(rl[${r1}]&${~ml})`
    return `${rot}w=${h};v=${l};rh[${r1}]=w;rl[${r1}]=v;${setCc ? 'c.cc=(w|v)===0?0:w<0?1:2;' : ''}`
  }
  const test = (i3 & 0x80) !== 0
  const h = op === 'n' ? `rh[${r1}]&(z|${~mh})` : op === 'o' ? `rh[${r1}]|(z&${mh})` : `rh[${r1}]^(z&${mh})`
  const l = op === 'n' ? `rl[${r1}]&(u|${~ml})` : op === 'o' ? `rl[${r1}]|(u&${ml})` : `rl[${r1}]^(u&${ml})`
  return `${rot}w=${h};v=${l};c.cc=((w&${mh})|(v&${ml}))===0?0:1;${test ? '' : `rh[${r1}]=w;rl[${r1}]=v;`}`
}

/** 64-bit arithmetic right shift of GR r3 by a constant into GR r1, CC from the result. */
function sra64(r1: number, r3: number, n: number): string {
  const h = `rh[${r3}]`
  const l = `rl[${r3}]`
  const set = `rh[${r1}]=w;rl[${r1}]=v;c.cc=(w|v)===0?0:w<0?1:2;`
  if (n === 0) return `w=${h};v=${l};${set}`
  if (n < 32) return `v=(${l}>>>${n})|(${h}<<${32 - n});w=${h}>>${n};${set}`
  return `w=${h}>>31;v=${h}>>${Math.min(n - 32, 31)};${set}`
}
/** 32-bit logical shift of GR `src` into GR r1 by D2(B2) (the low 6 bits of the address). */
function shift32(f: Fields, src: number, op: '<<' | '>>>'): string {
  if (f.b2 === 0) return `rl[${f.r1}]=${(f.d2 & 63) > 31 ? '0' : `rl[${src}]${op}${f.d2 & 63}`};`
  return `s=(rl[${f.b2}]+${f.d2})&63;rl[${f.r1}]=s>31?0:rl[${src}]${op}s;`
}
/** 64-bit shift of GR r3 into GR r1 by D2(B2): logical left/right, arithmetic right (with CC). */
function varShift64(f: Fields, dir: 'l' | 'r' | 'a'): string {
  const h = `rh[${f.r3}]`
  const l = `rl[${f.r3}]`
  const amt = `s=(rl[${f.b2}]+${f.d2})&63;`
  const set = `rh[${f.r1}]=w;rl[${f.r1}]=v;`
  if (dir === 'l') return `${amt}if(s===0){w=${h};v=${l}}else if(s<32){w=(${h}<<s)|(${l}>>>(32-s));v=${l}<<s}else{w=${l}<<(s-32);v=0}${set}`
  if (dir === 'r') return `${amt}if(s===0){w=${h};v=${l}}else if(s<32){v=(${l}>>>s)|(${h}<<(32-s));w=${h}>>>s}else{v=${h}>>>(s-32);w=0}${set}`
  return `${amt}if(s===0){w=${h};v=${l}}else if(s<32){v=(${l}>>>s)|(${h}<<(32-s));w=${h}>>s}else{v=${h}>>(s-32);w=${h}>>31}${set}c.cc=(w|v)===0?0:w<0?1:2;`
}
/** 64-bit logical shift of GR r3 by a constant into GR r1. */
function shift64(r1: number, r3: number, n: number, dir: 'l' | 'r'): string {
  const h = `rh[${r3}]`
  const l = `rl[${r3}]`
  if (n === 0) return `w=${h};v=${l};rh[${r1}]=w;rl[${r1}]=v;`
  if (dir === 'l') {
    if (n < 32) return `w=(${h}<<${n})|(${l}>>>${32 - n});v=${l}<<${n};rh[${r1}]=w;rl[${r1}]=v;`
    return `w=${l}<<${n - 32};rh[${r1}]=w;rl[${r1}]=0;`
  }
  if (n < 32) return `v=(${l}>>>${n})|(${h}<<${32 - n});w=${h}>>>${n};rh[${r1}]=w;rl[${r1}]=v;`
  return `v=${h}>>>${n - 32};rh[${r1}]=0;rl[${r1}]=v;`
}

/** Known words before an instruction, per register: [hi, lo]. */
type Before = Array<[number | null, number | null]>
/** Sets GR r's known words (null: unknown). */
type Learn = (f: Fields, before: Before, kh: Array<number | null>, kl: Array<number | null>) => void
/** A 16-bit immediate insert/AND/OR into one halfword of a known word: the new word, or null. */
const half16 = (w: number | null, op: 'i' | 'n' | 'o', imm: number, shift: 0 | 16): number | null => {
  if (w === null) return null
  const iv = ((imm & 0xffff) << shift) | 0
  const fm = (0xffff << shift) | 0
  return op === 'i' ? (w & ~fm) | iv : op === 'n' ? w & (iv | ~fm) : w | iv
}
const hiHalf = (op: 'i' | 'n' | 'o', shift: 0 | 16): Learn => (f, b, kh) => void (kh[f.r1] = half16(b[f.r1]![0], op, f.i2, shift))
const loHalf = (op: 'i' | 'n' | 'o', shift: 0 | 16): Learn => (f, b, _kh, kl) => void (kl[f.r1] = half16(b[f.r1]![1], op, f.i2, shift))
const set64 = (h: (f: Fields) => number, l: (f: Fields) => number): Learn => (f, _b, kh, kl) => {
  kh[f.r1] = h(f) | 0
  kl[f.r1] = l(f) | 0
}
/**
 * Register words an instruction sets to values known at translation time (Gen.learn), exactly as its template (T)
 * computes them; every other write makes a word unknown.
 */
const KNOWN: Record<string, Learn> = {
  LHI: (f, _b, _kh, kl) => void (kl[f.r1] = f.i2 | 0),
  IILF: (f, _b, _kh, kl) => void (kl[f.r1] = f.i2 | 0),
  IIHF: (f, _b, kh) => void (kh[f.r1] = f.i2 | 0),
  LGHI: set64((f) => f.i2 >> 31, (f) => f.i2),
  LGFI: set64((f) => f.i2 >> 31, (f) => f.i2),
  LLILF: set64(() => 0, (f) => f.i2),
  LLILL: set64(() => 0, (f) => f.i2 & 0xffff),
  LLILH: set64(() => 0, (f) => (f.i2 & 0xffff) << 16),
  LLIHF: set64((f) => f.i2, () => 0),
  LLIHL: set64((f) => f.i2 & 0xffff, () => 0),
  LLIHH: set64((f) => (f.i2 & 0xffff) << 16, () => 0),
  IILL: loHalf('i', 0),
  IILH: loHalf('i', 16),
  IIHL: hiHalf('i', 0),
  IIHH: hiHalf('i', 16),
  NILL: loHalf('n', 0),
  NILH: loHalf('n', 16),
  NIHL: hiHalf('n', 0),
  NIHH: hiHalf('n', 16),
  OILL: loHalf('o', 0),
  OILH: loHalf('o', 16),
  OIHL: hiHalf('o', 0),
  OIHH: hiHalf('o', 16),
  LR: (f, b, _kh, kl) => void (kl[f.r1] = b[f.r2]![1]),
  LGR: (f, b, kh, kl) => {
    kh[f.r1] = b[f.r2]![0]
    kl[f.r1] = b[f.r2]![1]
  },
}

/** Mnemonics with a template (for statistics and tests). */
export const TEMPLATED: ReadonlySet<string> = new Set(Object.keys(T))

/**
 * Labels of the block: instructions reached by a relative branch of the block itself, the starts of its runs, and the
 * instructions a run falls through into.
 */
function internalTargets(b: DecodedBlock): Set<number> {
  const at = new Map<number, number>()
  b.insns.forEach((x, i) => at.set(x.ia, i))
  const out = new Set<number>()
  b.insns.forEach((x, i) => {
    const t = relTarget(x, b.amode)
    const j = t === null ? undefined : at.get(t)
    if (j !== undefined) out.add(j)
    if (i > 0 && b.insns[i - 1]!.nia !== x.ia) {
      out.add(i)
      const k = at.get(b.insns[i - 1]!.nia)
      if (k !== undefined) out.add(k)
    }
  })
  const k = at.get(b.insns[b.insns.length - 1]!.nia)
  if (k !== undefined) out.add(k)
  return out
}

/**
 * Templates that set the CC on every path without reading it and before anything can throw: the CC of an earlier
 * instruction that reaches one of these only through instructions that neither read the CC, nor throw, nor leave the
 * block is dead (never observed) and is not computed.
 */
const CC_SETTERS: ReadonlySet<string> = new Set([
  'LTR', 'LTGR', 'LTGFR', 'AR', 'SR', 'AHI', 'AFI', 'AHIK', 'ARK', 'SRK', 'AGR', 'SGR', 'AGRK', 'SGRK', 'AGFR', 'AGHI',
  'AGFI', 'AGHIK', 'ALR', 'SLR', 'ALFI', 'SLFI', 'ALGR', 'SLGR', 'ALGFR', 'SLGFR', 'NR', 'OR', 'XR', 'NRK', 'ORK',
  'XRK', 'NGR', 'OGR', 'XGR', 'NGRK', 'OGRK', 'XGRK', 'NILF', 'OILF', 'XILF', 'CR', 'CLR', 'CHI', 'CFI', 'CLFI', 'CGR',
  'CLGR', 'CGHI', 'CGFI', 'CLGFI', 'CGFR', 'CLGFR', 'RISBG', 'RNSBG', 'ROSBG', 'RXSBG', 'LCR', 'LPR', 'LCGR', 'LPGR',
  'NILL', 'NILH', 'NIHL', 'NIHH', 'OILL', 'OILH', 'OIHL', 'OIHH', 'TMLL', 'TMLH', 'TMHL', 'TMHH', 'SRA', 'SRAG',
  'NIHF', 'OIHF', 'XIHF',
])
/** A CC store of a template (`c.cc=EXPR;`, EXPR without `;`): removed when the CC is dead. */
/**
 * The block's jumps as nested JS loops: a loop (strongly connected blocks) becomes `for(;;){switch(pc){…}}` inside the
 * case of its entry blocks, recursively with the jumps back to its entries removed, so an inner guest loop is an
 * inner JS loop (V8 then keeps only its own values in registers) instead of one dispatch loop over the whole block.
 * Every block ends in an explicit jump: `pc=j;continue L` names the innermost loop whose switch reaches block j.
 */
function loops(blockCode: Map<number, string>, edges: Array<[number, number]>, seg: Int32Array): string {
  const starts = [...blockCode.keys()].sort((a, b) => a - b)
  const succ = new Map<number, number[]>(starts.map((b) => [b, []]))
  const preds = new Map<number, number[]>(starts.map((b) => [b, []]))
  for (const [i, j] of edges) {
    const from = seg[i]!
    if (!succ.get(from)!.includes(j)) {
      succ.get(from)!.push(j)
      preds.get(j)!.push(from)
    }
  }
  /** Loop label path (outermost first) of the switch that holds each block's own case. */
  const where = new Map<number, string[]>()
  let ids = 0
  type Node = { block: number } | { label: string; headers: number[]; body: Node[] }
  const build = (set: Set<number>, cut: Set<number>, path: string[]): Node[] => {
    const out: Node[] = []
    for (const comp of scc([...set].sort((a, b) => a - b), (b) => succ.get(b)!.filter((t) => set.has(t) && !cut.has(t)))) {
      const b0 = comp[0]!
      if (comp.length === 1 && !(succ.get(b0)!.includes(b0) && !cut.has(b0))) {
        where.set(b0, path)
        out.push({ block: b0 })
        continue
      }
      const inComp = new Set(comp)
      // entries (their cases start the loop in the enclosing switch): blocks entered from outside the loop
      let headers = comp.filter((b) => b === 0 || preds.get(b)!.some((p) => !inComp.has(p)))
      if (headers.length === 0) headers = [b0]
      // the loop's own head: the block whose incoming jumps, once removed, leave the smallest inner loops (keeping
      // loops of one block, the hottest code, intact); the region's entry may well lie in an inner loop
      let head = b0
      let best = Infinity
      for (const h of comp) {
        const sub = scc(comp, (b) => succ.get(b)!.filter((t) => inComp.has(t) && t !== h))
        let size = 0
        let selfLoops = 0
        for (const x of sub) {
          size = Math.max(size, x.length)
          if (x.length === 1 && x[0] !== h && succ.get(x[0]!)!.includes(x[0]!)) selfLoops++
        }
        const score = size * 1000 - selfLoops * 10 - preds.get(h)!.filter((p) => inComp.has(p)).length
        if (score < best) {
          best = score
          head = h
        }
      }
      const label = `L${++ids}`
      out.push({ label, headers, body: build(inComp, new Set([head]), [...path, label]) })
    }
    return out
  }
  const tree = build(new Set(starts), new Set(), [])
  const render = (nodes: Node[], path: string[]): string => {
    let s = ''
    for (const [ix, x] of nodes.entries()) {
      if ('block' in x) {
        let body = blockCode.get(x.block)!
        // A block that ends in a jump to the case right after it falls through into it: the same code as the
        // jump (d and pc set, the loop's switch dispatching to that case) without a round trip through the switch.
        const next = nodes[ix + 1]
        const fall = /([;}\n:])\{d=(\d+);pc=(\d+);continue @C\d+@\}\n$/.exec(body)
        if (fall !== null && next !== undefined && ('block' in next ? [next.block] : next.headers).includes(Number(fall[3]))) {
          body = body.slice(0, fall.index + 1) + `d=${fall[2]};pc=${fall[3]};\n`
        }
        s += `case ${x.block}:` + body.replace(/@C(\d+)@/g, (_m, t: string) => {
          const to = where.get(Number(t))!
          let k = 0
          while (k < path.length && k < to.length && path[k] === to[k]) k++
          return k === 0 ? 'D' : path[k - 1]!
        })
      } else {
        const inner = render(x.body, [...path, x.label])
        // a loop of one block needs no dispatch
        const one = x.body.length === 1 && 'block' in x.body[0]!
        s += x.headers.map((h) => `case ${h}:`).join('') + (one ? `${x.label}:for(;;){${inner.replace(/^case \d+:/, '')}}` : `${x.label}:for(;;){switch(pc){\n${inner}}}`)
      }
    }
    return s
  }
  return `D:for(;;){switch(pc){\n${render(tree, [])}}}`
}

/** Strongly connected components of the graph on `nodes` (Tarjan), each sorted, in the order of their first node. */
function scc(nodes: number[], next: (v: number) => number[]): number[][] {
  const index = new Map<number, number>()
  const low = new Map<number, number>()
  const stack: number[] = []
  const on = new Set<number>()
  const out: number[][] = []
  let ix = 0
  const visit = (v: number): void => {
    index.set(v, ix)
    low.set(v, ix++)
    stack.push(v)
    on.add(v)
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const comp: number[] = []
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        on.delete(w)
        comp.push(w)
        if (w === v) break
      }
      out.push(comp.sort((a, b) => a - b))
    }
  }
  for (const v of nodes) if (!index.has(v)) visit(v)
  return out.sort((a, b) => a[0]! - b[0]!)
}

const CC_STORE = /c\.cc=(?!=)[^;]*;/g
/** A CC read (any `c.cc` that is not the target of a plain `=`). */
const CC_READ = /c\.cc(?!=(?!=))/
/** Code that may raise a program exception (storage access, overflow) or leave the block. */
const MAY_THROW = /PGM\(|JA\(|(RD|WR)\d/
const LEAVES = /break D|continue/

/**
 * Translates a decoded block to a compiled function. `templates: false` makes every instruction a fallback call.
 * `abs32`: the machine's storage is below 2 GiB, so absolute addresses are int32 in the generated code; otherwise
 * the translated-code TLB's Float64Array page bases make them float64, and every storage access converts its
 * address back to an index (bench.elf's fnv1a64 loop: a third of its machine instructions).
 */
export function translate(b: DecodedBlock, templates = true, abs32 = false, pic = true): Translation {
  const labels = internalTargets(b)
  const g = new Gen(b, labels, abs32, pic)
  // a successor that wraps at the end of the addressing range is not the block's address plus a constant elsewhere
  if (pic && b.insns.some((x) => x.nia !== x.ia + x.len)) g.picFailed = true
  const n = b.insns.length
  let templated = 0
  // Pass 1: each instruction's code, with registers as rl[r]/rh[r] and the CC as c.cc.
  const code: string[] = []
  for (let i = 0; i < n; i++) {
    g.i = i
    if (labels.has(i)) {
      g.forget()
      g.prevCc = null
    }
    const x = b.insns[i]!
    const t = templates ? T[x.ins.mnemonic] : undefined
    let c: string | null = null
    try {
      c = t?.(g, x.f) ?? null
    } catch (e) {
      if (!(e instanceof RelOutOfRange)) throw e
    }
    if (c === null) {
      c = g.fallback()
      g.forget()
    } else {
      templated++
      // a template with an interpreter-handler path (hybrid) may change any register there
      if (g.fb[i] === 1) g.forget()
      else g.learn(c)
    }
    g.prevCc = g.fb[i] === 1 ? null : lastCc(c)
    // privileged (block.ts BLOCK_PRIVILEGED): the privileged-operation exception in the problem state, recognized
    // before anything else of the instruction, as the interpreter does
    if (x.ins.priv) c = `if((c.mask&${PSW_PROBLEM})!==0){c.h0=${x.h0};c.h1=${x.h1};c.h2=${x.h2};PGM(${PGM_PRIVILEGED});${TH}}` + c
    // the end of a run continues at the next sequential instruction: a jump inside the block or an exit
    if (i === n - 1 || b.insns[i + 1]!.ia !== x.nia || labels.has(i + 1)) c += g.goto(x.nia)
    code.push(c)
  }
  // Pass 2: dead CC stores.
  const throws = code.map((c, i) => g.fb[i] === 1 || MAY_THROW.test(c))
  for (let i = 0; i < n; i++) {
    if (g.fb[i] === 1 || !code[i]!.includes('c.cc=') || LEAVES.test(code[i]!)) continue
    for (let j = i + 1; j < n; j++) {
      const cj = code[j]!
      if (g.fb[j] === 1 || CC_READ.test(cj)) break
      if (CC_SETTERS.has(b.insns[j]!.ins.mnemonic)) {
        code[i] = code[i]!.replace(CC_STORE, '')
        break
      }
      if (throws[j] || LEAVES.test(cj)) break
    }
  }
  // Registers instruction i's exits write back: those written by any instruction that can run before i completes
  // (the instructions before it, extended through backward jumps that can reach it).
  const writes = code.map((c) => new Set([...c.matchAll(/\br([hl])\[(\d+)\]=(?!=)/g)].map((m) => m[1]! + m[2]!)))
  const exitWrites = (i: number): Set<string> => {
    let end = i + 1
    for (let changed = true; changed; ) {
      changed = false
      for (const [src, dst] of g.back) {
        if (dst < end && src + 1 > end) {
          end = src + 1
          changed = true
        }
      }
    }
    const out = new Set<string>()
    for (let j = 0; j < end; j++) for (const w of writes[j]!) out.add(w)
    return out
  }
  // Pass 3: the body, grouped by label (each group ends in a jump or an exit).
  const blockCode = new Map<number, string>()
  const backTargets = new Set(g.back.map(([, j]) => j))
  let start = 0
  for (let i = 0; i < n; i++) {
    const x = b.insns[i]!
    if (labels.has(i)) {
      start = i
      // the instructions the jump here completed (Gen.goto); a loop head checks the budget (int32 operations, the
      // bound LIM = budget - block length computed at entry: V8 re-read and re-checked the tagged parameter otherwise)
      blockCode.set(start, `n=(n+d)|0;` + (backTargets.has(i) ? `if(n>LIM)${g.exitTo(0, x.ia)}` : ''))
    }
    const th = `{c.jitDone=n+${i - g.seg[i]!};c.ia=${g.at(x.ia)};c.nia=${g.at(x.nia)};c.ilc=${x.len};break D}`
    blockCode.set(start, (blockCode.get(start) ?? '') + code[i]!.split(WB).join(`@W${i}@`).split(TH).join(th) + '\n')
  }
  // Every exit sets c.ia and leaves the labeled statement D for one write-back of the registers the block modifies.
  const core =
    (labels.size > 0 ? loops(blockCode, g.edges, g.seg) : `D:{${blockCode.get(0)!}}`) +
    (g.exits.length > 0 ? `\nif(ex>=0){n+=XN[ex];c.ia=${g.pic ? 'B+' : ''}XI[ex]}` : '') +
    `\n${WB}if(PX.e!==null){const e=PX.e;PX.e=null;if(DLV(c,e)){n=c.jitDone+1;c.jitDone=0;return n}throw e}return n`
  // Registers live in locals H<r>/L<r> for the whole block: loaded at entry, written back (those the block may
  // modify, and the CC) at every exit, before every interpreter call (reloaded after it) and in the catch clause
  // unless the exception came from an interpreter call (then the CPU's arrays already hold the state).
  const used = new Set<string>()
  const dirty = new Set<string>()
  for (const m of core.matchAll(/\br([hl])\[(\d+)\]=(?!=)/g)) dirty.add(m[1]! + m[2]!)
  let local = core.replace(/\br([hl])\[(\d+)\]/g, (_m, hl: string, r: string) => {
    used.add(hl + r)
    return (hl === 'h' ? 'H' : 'L') + r
  })
  local = local.replace(/\bc\.cc\b/g, 'cc')
  const names = [...used].sort()
  const ov = /\bOV\b/.test(local)
  const rl = names.map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}=r${k[0]}[${k.slice(1)}];`).join('') + 'cc=c.cc;' + (ov ? 'OV=(c.pm&8)!==0;' : '')
  // The CC is written back only by a block that assigns it: c.cc holds it otherwise (an interpreter handler that sets
  // it sets c.cc, which the local is reloaded from); a short block that only moves data or branches stored it back
  // unchanged at every run.
  const ccSet = /\bcc=(?!=)/.test(local)
  const wbOf = (set: Set<string>): string =>
    [...set].sort().map((k) => `r${k[0]}[${k.slice(1)}]=${k[0]!.toUpperCase()}${k.slice(1)};`).join('') + (ccSet ? 'c.cc=cc;' : '')
  local = local.replace(/@W(\d+)@/g, (_m, i: string) => wbOf(exitWrites(Number(i)))).split(RL).join(rl).split(WB).join(wbOf(dirty))
  const decls = names.map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}=r${k[0]}[${k.slice(1)}]`)
  const env: Env = {
    f: g.fallbacks,
    h: HELPERS,
    x: PENDING,
  }
  const decl =
    g.fallbacks.map((_, i) => `const F${i}=E.f[${i}];`).join('') +
    (g.exits.length > 0 ? `const XN=[${g.exits.map((x) => x[0]).join(',')}],XI=[${g.exits.map((x) => (g.pic ? x[1] - b.ia : x[1])).join(',')}];` : '') +
    'const PX=E.x,JA=E.h.jitAbs,RD16=E.h.rd16,RD32=E.h.rd32,RD64=E.h.rd64,WR16=E.h.wr16,WR32=E.h.wr32,WR64=E.h.wr64,PGM=E.h.pgmPending,SM=E.h.sysMask,DLV=E.h.deliver;'
  // Only what the body uses is read from the CPU at entry (a short block runs millions of times).
  const consts = [
    ['rl', 'c.rl'],
    ['rh', 'c.rh'],
    ['dv', 'c.dv'],
    ['u8', 'c.u8'],
    ['vr', 'c.vr'],
    ['JFH', 'c.jtH[0]'],
    ['JFL', 'c.jtL[0]'],
    ['JFB', 'c.jtB[0]'],
    ['JSH', 'c.jtH[1]'],
    ['JSL', 'c.jtL[1]'],
    ['JSB', 'c.jtB[1]'],
    ['G', 'c.jtGen'],
  ]
    .filter(([name]) => name === 'rl' || name === 'rh' || new RegExp(`\\b${name}\\b`).test(local))
    .map(([name, expr]) => `${name}=${expr}`)
    .join(',')
  // (the page caches beyond the first: Gen.pageCache)
  const cacheDecls = [...g.caches].map((k) => `,${k[0]}H${k.slice(1)}=0,${k[0]}L${k.slice(1)}=-4096,${k[0]}B${k.slice(1)}=0`).join('')
  let suffixes = 0
  for (const m of local.matchAll(/\b[FS][HLB](\d+)\b/g)) suffixes += m[1]!.length
  const src =
    `${decl}\n` +
    `return function block_${b.ia.toString(16)}(c,budget,B){\n` +
    `const ${consts};\n` +
    `let n=0,d=0,LIM=(budget-${n})|0,pc=0,ex=-1,h=0,l=0,q=0,p=0,v=0,w=0,x=0,y=0,z=0,u=0,s=0,r=0,k0=0,k1=0,k2=0,FH=0,FL=-4096,FB=0,SH=0,SL=-4096,SB=0${cacheDecls},cc=c.cc${ov ? ',OV=(c.pm&8)!==0' : ''}${decls.map((d) => ',' + d).join('')};\n` +
    `${local}\n}`
  if (g.pic && g.picFailed) return translate(b, templates, abs32, false)
  let fn: BlockFn
  try {
    fn = new Function('E', src)(env) as BlockFn
  } catch (e) {
    throw new EmulatorError(`JIT: block at 0x${b.ia.toString(16)} does not compile (${(e as Error).message}):\n${src}`)
  }
  const last = b.insns[n - 1]!
  return {
    fn,
    src,
    size: src.length - cacheDecls.length - suffixes,
    templated,
    fallbacks: b.insns.filter((_, i) => g.fb[i] === 1).map((x) => x.ins.mnemonic),
    pic: g.pic,
    kmin: g.kmin,
    kmax: g.pic ? Math.max(g.kmax, (last.nia - b.ia) | 0) : 0,
  }
}
