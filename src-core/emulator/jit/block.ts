// Block formation for the translation tier: decodes a straight run of instructions inside one 4K page starting at a
// logical address, stopping before anything that must go through the interpreter (most privileged instructions,
// PSW/addressing-mode changes, EXECUTE, host-clock reads, undecodable) and after unconditional or computed branches
// and branches closing a loop around the block (latch);
// a run ending in a relative branch to another place of its page goes on there for a few instructions (a tail,
// MAX_TAIL_INSNS). With `regions`
// (Jit.regions) the block grows into a region: the targets of its relative branches that lie in the same page start
// further runs (decoded the same way), kept when they lead back to the first run, so a loop nest whose paths leave
// and re-enter a straight run (sieve: the test, the marking loop, the increment) runs inside one generated function
// instead of returning to the dispatcher at every branch. Used for quick blocks whose calls come at a high rate
// (jit.ts REGION_CALLS), not for every block: measured slower (see Jit.regions).
import type { Cpu } from '../cpu/cpu.ts'
import type { Fields } from '../isa/formats.ts'
import { ACC_IFETCH, PGM_OPERATION } from '../cpu/constants.ts'
import { pgm } from '../cpu/exceptions.ts'
import { decodeFields, lookupInsn, type Insn } from '../isa/decode.ts'

/** Longest straight run (instructions). */
export const MAX_BLOCK_INSNS = 48
/** Most instructions in a region (all runs); also bounds the work between two budget checks. */
export const MAX_REGION_INSNS = 64
/**
 * Longest tail: a block whose straight run ends in a relative branch to an instruction of the same page outside the
 * block goes on with the run there when that run ends in a branch (or leads back into the block) within this many
 * instructions, instead of returning to the dispatcher (a loop's closing branch back to its call: exittime's
 * `brctg; lgr; basr` is then one block instead of two).
 */
export const MAX_TAIL_INSNS = 8
/**
 * Longest side loop: a conditional branch of a block to an instruction of the same page outside it whose run holds a
 * loop of its own and leads back into the block (an inner loop the compiler placed out of line, entered from the
 * block's loop) is part of the block when that run has at most this many instructions. bench.elf's sieve: the test
 * loop `la; cli; je P; aghi; ahi; brctg` branches at every prime to `P: ahi; iilf; clrjh; lr; lr; M: llgfr; la; mvi;
 * ar; iilf; clrjnh M; j back`; as two blocks it returned to the dispatcher twice per prime (1.8M round trips, about a
 * third of its time); as one, the whole sieve runs inside one generated function.
 */
export const MAX_SIDE_INSNS = 16
/**
 * Longest out-of-line latch: a conditional branch of a block to a run of the same page outside it that jumps back to
 * the block's first instruction within this many instructions (a loop whose closing jump the compiler placed out of
 * line) makes that run part of the block, as a side loop does. Linux's multi-precision multiply (mpihelp_addmul_1,
 * run ~5M times in Debian's boot to check its certificates) closes its loop with `brct r10,X ... X: lgfr r1,r11 ;
 * j L`: as two blocks every iteration returned to the dispatcher twice.
 */
export const MAX_LATCH_INSNS = 4

/** One decoded instruction of a block. */
export interface BlockInsn {
  /** Logical address. */
  ia: number
  /** Logical address of the next sequential instruction (wrapped in the block's addressing mode). */
  nia: number
  len: number
  h0: number
  h1: number
  h2: number
  ins: Insn
  /** Decoded operand fields (those the format lacks are 0; `ins.fields` lists the defined ones). */
  f: Fields
}

/** What a block decoder found. */
export interface DecodedBlock {
  ia: number
  amode: number
  /** Absolute address of the 4K frame that holds the block. */
  absBase: number
  /** The runs one after another: an instruction whose `ia` is not its predecessor's `nia` starts a run. */
  insns: BlockInsn[]
}

/** Logical target of a relative branch (the mnemonics with a static target), or null for any other instruction. */
export function relTarget(x: BlockInsn, amode: number): number | null {
  let disp: number
  switch (x.ins.mnemonic) {
    case 'BRC':
    case 'BRCL':
    case 'BRCT':
    case 'BRCTG':
    case 'BRAS':
    case 'BRASL':
      disp = x.f.i2
      break
    case 'CRJ':
    case 'CLRJ':
    case 'CGRJ':
    case 'CLGRJ':
    case 'CIJ':
    case 'CLIJ':
    case 'CGIJ':
    case 'CLGIJ':
      disp = x.f.i4
      break
    default:
      return null
  }
  const t = x.ia + disp * 2
  return amode === -1 ? t : (t & amode) >>> 0
}

/**
 * Privileged instructions a block may contain (codegen.ts checks the problem state at run time and raises the
 * privileged-operation exception as the interpreter does): the frequent ones whose handlers leave the run loop
 * themselves when their effect needs it (`brk`: a mask or control register enabling an interruption, a stop; a
 * TLB flush: `jtGen`), so the block goes on after them otherwise. Interruption handlers save and load the control
 * registers (STCTG/LCTLG), critical sections toggle the system mask, SMP code senses other CPUs (SIGP), every print
 * is a SERVC. Not here: PSW loads, DIAGNOSE (resets, IPL), I/O, clock setters and everything rare.
 */
export const BLOCK_PRIVILEGED: ReadonlySet<string> = new Set([
  'SSM', 'STNSM', 'STOSM', 'LCTLG', 'LCTL', 'STCTG', 'STCTL', 'STAP', 'STPX', 'STIDP', 'STFL', 'TPROT', 'PTLB', 'LRA',
  'LRAY', 'LRAG', 'IPTE', 'IDTE', 'SSKE', 'SIGP', 'SERVC',
])
/**
 * Those whose effect reaches beyond the CPU's registers and storage (other CPUs, the SCLP): the checked mode, which
 * runs every block twice (checked.ts), cannot repeat them, so there they stay outside blocks.
 */
export const BLOCK_EXTERNAL: ReadonlySet<string> = new Set(['SIGP', 'SERVC'])

/**
 * The block made for an opcode the table does not know, where a block would start: the operation exception
 * (codegen.ts raises it through the block's exit tail, which costs far less than the interpreter's throw;
 * kvm-unit-tests provoke it on purpose in loops). Not a table entry: only block formation makes it.
 */
export const INVALID_OPCODE: Insn = {
  opc: -1,
  mnemonic: '(invalid opcode)',
  fmt: 'E',
  priv: false,
  semipriv: false,
  interpretOnly: false,
  endsTranslation: true,
  blockEnd: 'branch',
  facility: 0,
  fields: [],
  decode: () => undefined,
  exec: () => pgm(PGM_OPERATION),
  run: () => pgm(PGM_OPERATION),
}

/** True when `ins` may be part of a translated block (the table's flags decide; `checked`: for the checked mode). */
export function blockable(ins: Insn, checked = false): boolean {
  if (ins.semipriv || ins.interpretOnly) return false
  if (!ins.priv) return true
  return BLOCK_PRIVILEGED.has(ins.mnemonic) && !(checked && BLOCK_EXTERNAL.has(ins.mnemonic))
}

/** True when a block ends after `ins`: its successor is not the next sequential instruction. */
function endsBlock(ins: Insn, f: Fields): boolean {
  if (ins.blockEnd === 'never') return false
  // RR-format branches with R2 = 0 do not branch (BCR, BASR, BALR).
  if (ins.fmt === 'RR' && f.r2 === 0) return false
  return ins.blockEnd === 'branch' || f.r1 === 15
}

/**
 * True when `x`, right after the last instruction a block may hold, is still part of it: an unconditional or computed
 * branch (the block ends there anyway). Cut one instruction earlier, it made a block of its own that returned to the
 * dispatcher once more: edat's 48-instruction page-table function returned through a `br %r14` block entered 320,000
 * times (a fifth of the test's block runs) for its one instruction.
 */
export function endsRun(x: BlockInsn): boolean {
  return endsBlock(x.ins, x.f)
}

/**
 * True for a branch that closes a loop around the whole block, after which the block ends: a branch back to its first
 * instruction, or a BRANCH ON COUNT to an address before it. What follows runs once per loop exit, yet made the
 * block's function load and write back every register it uses at each call: bench.elf's sieve entered its
 * 48-instruction blocks 150,000 times a round to run 3 to 13 instructions of them. Other branches to lower addresses
 * are often no loop's end (compiled code jumps back from out-of-line paths) and leave the block as they did.
 */
function latch(x: BlockInsn, ia: number, amode: number): boolean {
  const t = relTarget(x, amode)
  if (t === null) return false
  const m = x.ins.mnemonic
  return t === ia || (t < ia && (m === 'BRCT' || m === 'BRCTG'))
}

/** Decodes the block at the CPU's logical address `ia`; null when not even its first instruction can be translated.
 * `regions`: grow it over the in-page targets of its branches that lead back to it (see the file comment). */
export function decodeBlock(c: Cpu, ia: number, regions = false): DecodedBlock | null {
  const maxInsns = regions ? MAX_REGION_INSNS : MAX_BLOCK_INSNS
  if (ia % 2 !== 0) return null
  const off0 = ia & 4095
  const page = ia - off0
  const absBase = c.abs(ia, ACC_IFETCH) - off0
  const dv = c.dv
  const amode = c.amode
  const checked = c.m.jit?.mode === 'check'
  const insns: BlockInsn[] = []
  const at = new Set<number>()
  const pending: number[] = []
  /** Decodes a run from page offset `off` (at most `most` instructions); false when its first instruction cannot be
   * translated. */
  const run = (off: number, most = MAX_BLOCK_INSNS): boolean => {
    const first = insns.length
    // the main run of a block may take one instruction more when it is an unconditional branch (endsRun)
    const extra = first === 0 && !regions ? 1 : 0
    while (off < 4096 && insns.length < maxInsns + extra && insns.length - first < most + extra) {
      const x = page + off
      // reached an instruction already decoded: the run continues there (a jump in the generated code)
      if (insns.length > first && at.has(x)) break
      const h0 = dv.getUint16(absBase + off)
      const top = h0 >>> 14
      const len = top === 0 ? 2 : top === 3 ? 6 : 4
      if (off + len > 4096) break
      const h1 = len > 2 ? dv.getUint16(absBase + off + 2) : 0
      const h2 = len > 4 ? dv.getUint16(absBase + off + 4) : 0
      // an unknown opcode is a block of its own (where the interpreter would throw); others stop before it
      const ins = lookupInsn(h0, h2) ?? (insns.length === 0 ? INVALID_OPCODE : null)
      if (ins === null || !blockable(ins, checked)) break
      const next = amode === -1 ? x + len : (x + len) & amode
      const f = decodeFields(ins, h0, h1, h2)
      if ((insns.length >= maxInsns || insns.length - first >= most) && !endsBlock(ins, f)) break
      const bi: BlockInsn = { ia: x, nia: next, len, h0, h1, h2, ins, f }
      insns.push(bi)
      at.add(x)
      const t = relTarget(bi, amode)
      if (t !== null && t % 2 === 0 && t - (t % 4096) === page && t >= 0) pending.push(t)
      off += len
      if (endsBlock(ins, f) || (!regions && latch(bi, ia, amode))) break
    }
    return insns.length > first
  }
  run(off0)
  if (insns.length === 0) return null
  if (!regions) {
    const t = relTarget(insns[insns.length - 1]!, amode)
    const main = insns.length
    if (t !== null && t % 2 === 0 && t - (t % 4096) === page && t >= 0 && !at.has(t) && run(t - page, MAX_TAIL_INSNS)) {
      // kept only when it ends where blocks end anyway (a branch, or back into the block): a tail cut short would
      // leave the block in the middle of straight code and make a block start there that the code never had
      const last = insns[insns.length - 1]!
      if (!endsBlock(last.ins, last.f) && !latch(last, ia, amode) && !at.has(last.nia)) insns.length = main
    }
    sideLoops(insns, at, ia, page, amode, run)
    return { ia, amode, absBase, insns }
  }
  // further runs at the branch targets inside the page, in the order the branches appear
  for (let k = 0; k < pending.length && insns.length < maxInsns; k++) {
    const t = pending[k]!
    if (!at.has(t)) run(t - page)
  }
  return { ia, amode, absBase, insns: loopRuns(insns, amode) }
}

/**
 * Adds the side loops of a block (MAX_SIDE_INSNS): for each conditional branch to an instruction of the page outside
 * the block, in order, the run there is kept when it holds a backward branch to itself (a loop) and leads back into
 * the block (it ends in a jump there or falls into it), or when it is the block's out-of-line latch (MAX_LATCH_INSNS).
 * Only those: an out-of-line run that does neither is usually a rare path (error handling), and V8 deoptimizes a
 * function when a path it never ran before optimizing it runs.
 */
function sideLoops(insns: BlockInsn[], at: Set<number>, ia: number, page: number, amode: number, run: (off: number, most?: number) => boolean): void {
  const main = insns.length
  for (let i = 0; i < main; i++) {
    const x = insns[i]!
    const t = relTarget(x, amode)
    if (t === null || endsBlock(x.ins, x.f) || t % 2 !== 0 || t - (t % 4096) !== page || t < 0 || at.has(t)) continue
    const first = insns.length
    if (!run(t - page, MAX_SIDE_INSNS)) continue
    const side = insns.slice(first)
    const last = side[side.length - 1]!
    const lt = relTarget(last, amode)
    const inBlock = (a: number | null): boolean => a !== null && at.has(a) && !side.some((y) => y.ia === a)
    const back = inBlock(lt) || (!endsBlock(last.ins, last.f) && inBlock(last.nia))
    const loop = side.some((y) => {
      const yt = relTarget(y, amode)
      return yt !== null && yt <= y.ia && side.some((z) => z.ia === yt)
    })
    // (or an out-of-line latch: a few instructions and a jump to the block's start, MAX_LATCH_INSNS)
    const jumpHome = lt === ia && (last.ins.mnemonic === 'BRC' || last.ins.mnemonic === 'BRCL') && last.f.r1 === 15
    const latchRun = jumpHome && side.length <= MAX_LATCH_INSNS
    if (!back || !(loop || latchRun)) {
      for (const y of side) at.delete(y.ia)
      insns.length = first
    }
  }
}

/**
 * The runs of a region that lie on a loop through its first run (they lead back to it): the others would only delay
 * the return to the dispatcher by a few instructions while making the function larger (V8 compiles big functions
 * slowly, and again at each deoptimization, which short-lived code such as Linux's decompressor cannot repay).
 */
function loopRuns(insns: BlockInsn[], amode: number): BlockInsn[] {
  const starts: number[] = [0]
  for (let i = 1; i < insns.length; i++) if (insns[i]!.ia !== insns[i - 1]!.nia) starts.push(i)
  if (starts.length === 1) return insns
  const runOf = new Map<number, number>()
  starts.forEach((s, r) => {
    const end = starts[r + 1] ?? insns.length
    for (let i = s; i < end; i++) runOf.set(insns[i]!.ia, r)
  })
  const next = starts.map((s, r) => {
    const end = starts[r + 1] ?? insns.length
    const out = new Set<number>()
    for (let i = s; i < end; i++) {
      const t = relTarget(insns[i]!, amode)
      const to = t === null ? undefined : runOf.get(t)
      if (to !== undefined) out.add(to)
    }
    const fall = runOf.get(insns[end - 1]!.nia)
    if (fall !== undefined) out.add(fall)
    return out
  })
  // runs that reach the first run, by a fixpoint over the (few) runs
  const back = new Set<number>([0])
  for (let changed = true; changed; ) {
    changed = false
    next.forEach((to, r) => {
      if (!back.has(r) && [...to].some((x) => back.has(x))) {
        back.add(r)
        changed = true
      }
    })
  }
  if (back.size === starts.length) return insns
  return insns.filter((x) => back.has(runOf.get(x.ia)!))
}
