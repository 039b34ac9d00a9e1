// Program-event recording (POP ch. 4, "Program-Event Recording"): with PSW bit 1 on and an event mask in CR9, the
// CPU recognizes successful branching, instruction fetching and storage alteration (and stores by STORE USING REAL
// ADDRESS) in the range CR10..CR11, and zero-address detection (CR9 bit 37: a register that forms a storage-operand
// address contains zero; not limited to the range) and reports them by a program interruption after the instruction: code 0x80 (ORed
// into the code of a program exception of the same instruction), the PER code and ATMID at 0x96/0x97 and the PER
// address (the instruction's address; for the target of EXECUTE, the EXECUTE's) at 0x98.
// While PER is active the CPU runs only this interpreter loop (translated blocks carry no PER checks).
import type { Cpu } from './cpu.ts'
import type { Insn } from '../isa/decode.ts'
import type { Fields } from '../isa/formats.ts'
import {
  CR9_BRANCH,
  CR9_BRANCH_ADDR_CTL,
  CR9_IFETCH,
  CR9_IFETCH_NULLIFY,
  CR9_STORE,
  CR9_STORE_REAL,
  CR9_STORE_SPACE_CTL,
  PGM_PER,
  PSW_DAT,
  PSW_PER,
} from './constants.ts'
import { ProgramException } from './exceptions.ts'
import { programInterrupt } from './interrupts.ts'

/** CR9 bit 37: zero-address-detection event mask (PER code bit 5, 0x04). */
const CR9_ZERO_ADDR = 0x04000000
const PER_CODE_ZERO_ADDR = 0x04
/** CR9 event masks this emulator recognizes. */
const PER_EVENTS = CR9_BRANCH | CR9_IFETCH | CR9_STORE | CR9_ZERO_ADDR
/** Program-interruption codes of completing conditions: storage altered by their instruction stays reported. */
const COMPLETING = new Set([0x00, 0x08, 0x0a, 0x0c, 0x0d, 0x0e, 0x40])
const TWO64 = 1n << 64n

/** True when PER events can occur: PSW bit 1 and at least one event mask in CR9. */
export function perActive(c: Cpu): boolean {
  return (c.mask & PSW_PER) !== 0 && (c.crl[9]! & PER_EVENTS) !== 0
}

/** The exact 64-bit value of an address number (see Cpu.encodeHigh). */
function exact(c: Cpu, a: number): bigint {
  return BigInt(c.pageNo(a)) * 4096n + BigInt(a % 4096)
}

/** True when the 64-bit address lies in the PER range (CR10 start, CR11 end; wraps when start > end). */
function inRange64(c: Cpu, a: bigint): boolean {
  const s = c.perStart
  const e = c.perEnd
  return s <= e ? a >= s && a <= e : a >= s || a <= e
}

/** True when the address number `a` lies in the PER range. */
export function perInRange(c: Cpu, a: number): boolean {
  return inRange64(c, exact(c, a))
}

/** True when [lo, hi] meets the PER range. */
function meets(c: Cpu, lo: bigint, hi: bigint): boolean {
  const s = c.perStart
  const e = c.perEnd
  if (s <= e) return lo <= e && hi >= s
  return hi >= s || lo <= e
}

/** A store of `len` bytes at logical address `a` (Cpu.wr* and store probes call it while storage-alteration
 * events are enabled): an event when any byte lies in the range; the operand wraps at the addressing mode's end. */
export function perStore(c: Cpu, a: number, len: number): void {
  if (len <= 0) return
  const first = exact(c, a)
  const top = c.amode === -1 ? TWO64 : BigInt((c.amode >>> 0) + 1)
  const last = first + BigInt(len - 1)
  const hit = last < top ? meets(c, first, last) : meets(c, first, top - 1n) || meets(c, 0n, last - top)
  if (hit) c.perCode |= 0x20
}

/** STORE USING REAL ADDRESS stored `len` bytes at real address `real`: storage alteration + store-using-real-address
 * event when CR9 bits 34 and 36 are both one and the operand is in the range. */
export function perStoreReal(c: Cpu, real: number, len: number): void {
  if (!c.perOn || (c.crl[9]! & (CR9_STORE | CR9_STORE_REAL)) !== (CR9_STORE | CR9_STORE_REAL)) return
  for (let i = 0; i < len; i++) {
    if (inRange64(c, BigInt(real + i))) {
      c.perCode |= 0x28
      return
    }
  }
}

/** EXECUTE fetched its target at `target`: an instruction-fetching event when the target lies in the range. */
export function perExecuteFetch(c: Cpu, target: number): void {
  if ((c.crl[9]! & CR9_IFETCH) !== 0 && perInRange(c, target)) c.perCode |= 0x40
}

/** Records a successful branch to `target` (branch handlers call it; it costs one field test when PER is off). */
export function perBranch(c: Cpu, target: number): void {
  const cr9 = c.crl[9]!
  if ((cr9 & CR9_BRANCH) === 0) return
  if ((cr9 & CR9_BRANCH_ADDR_CTL) !== 0 && !perInRange(c, target)) return
  c.perCode |= 0x80
}

/** Translation-and-mode identification: PSW bits 31 (EA), 32 (BA), 5 (DAT), 16 and 17 (address-space control). */
function atmid(c: Cpu): number {
  const m = c.mask
  return (c.amode === -1 ? 0x80 : 0) | 0x40 | (c.amode !== 0xffffff ? 0x20 : 0) | (m & PSW_DAT ? 0x10 : 0) | (m & 0x8000 ? 0x08 : 0) | (m & 0x4000 ? 0x04 : 0)
}

// ---- zero-address detection ---------------------------------------------------------------------------------------
// Which registers form storage-operand addresses follows Hercules' PER-3 checks (per instruction: base and index
// registers of the operand addresses, or the registers designating operands with their length registers).

/** Instructions whose base/index fields address no storage operand: address arithmetic, branch and EXECUTE targets,
 * shift amounts, codes and masks, and operands that are never accessed (translation, tests, hints). */
const NO_STORAGE_OPERAND = new Set(
  (
    'LA LAY LAE LAEY BC BAL BAS BCT BCTG BXH BXLE BXHG BXLEG EX SLL SRL SLA SRA SLDL SRDL SLDA SRDA SLLG SRLG SLAG ' +
    'SRAG SLLK SRLK SLAK SRAK RLL RLLG SRP SRNM SRNMB SRNMT MC SIGP DIAG SPKA PFD ECAG LRA LRAY LRAG TPROT LCBB VERLL ' +
    'VESL VESRA VESRL VLGV VLVG SAR EAR'
  ).split(' '),
)
type RegOperand = readonly [addr: number, len: number | null, lenBits: 24 | 64]
/** Instructions whose storage operands are designated by registers: [address register, length register (an operand
 * of length zero is not accessed), length bits]. */
const REG_OPERANDS: Readonly<Record<string, (f: Fields) => RegOperand[]>> = {
  MVCL: (f) => [[f.r1, f.r1 + 1, 24], [f.r2, f.r2 + 1, 24]],
  CLCL: (f) => [[f.r1, f.r1 + 1, 24], [f.r2, f.r2 + 1, 24]],
  MVCLE: (f) => [[f.r1, f.r1 + 1, 64], [f.r3, f.r3 + 1, 64]],
  CLCLE: (f) => [[f.r1, f.r1 + 1, 64], [f.r3, f.r3 + 1, 64]],
  MVCLU: (f) => [[f.r1, f.r1 + 1, 64], [f.r3, f.r3 + 1, 64]],
  CLCLU: (f) => [[f.r1, f.r1 + 1, 64], [f.r3, f.r3 + 1, 64]],
  MVST: (f) => [[f.r1, null, 64], [f.r2, null, 64]],
  CLST: (f) => [[f.r1, null, 64], [f.r2, null, 64]],
  SRST: (f) => [[f.r2, null, 64]],
  SRSTU: (f) => [[f.r2, null, 64]],
  CKSM: (f) => [[f.r2, f.r2 + 1, 64]],
  CUSE: (f) => [[f.r1, f.r1 + 1, 64], [f.r2, f.r2 + 1, 64]],
  // COMPRESSION CALL: both operands and the dictionary origin in GR1 (as Hercules' PER-3 check)
  CMPSC: (f) => [[f.r1, f.r1 + 1, 64], [f.r2, f.r2 + 1, 64], [1, null, 64]],
  ...Object.fromEntries(['CU12', 'CU21', 'CU14', 'CU24', 'CU41', 'CU42', 'TROO', 'TROT', 'TRTO', 'TRTT'].map((mn) => [mn, (f: Fields): RegOperand[] => [[f.r1, f.r1 + 1, 64], [f.r2, f.r2 + 1, 64]]])),
  TRE: (f) => [[f.r1, f.r1 + 1, 64], [f.r2, null, 64]],
  MVPG: (f) => [[f.r1, null, 64], [f.r2, null, 64]],
  UPT: () => [[4, null, 64]],
}

/** GR r as it takes part in address generation: 64 bits in the 64-bit mode, bits 32-63 otherwise. */
const regIsZero = (c: Cpu, r: number): boolean => c.rl[r] === 0 && (c.amode !== -1 || c.rh[r] === 0)

/** Base register b and index register x (0: not used) of one operand address: an event when the base register is
 * zero, the index register alone is zero, or base + index is zero. */
function baseIndexZero(c: Cpu, x: number, b: number): boolean {
  if (b === 0) return x !== 0 && regIsZero(c, x)
  if (regIsZero(c, b)) return true
  if (x === 0) return false
  const sumLo = (c.rl[b]! >>> 0) + (c.rl[x]! >>> 0)
  // Bits 32-63 only in the 24/31-bit modes (no wrap); the 64-bit sum modulo 2^64 in the 64-bit mode.
  if (c.amode !== -1) return sumLo === 0
  if (sumLo !== 0 && sumLo !== 2 ** 32) return false
  return ((c.rh[b]! + c.rh[x]! + (sumLo === 0 ? 0 : 1)) | 0) === 0
}

const scratch: Fields = { r1: 0, r2: 0, r3: 0, x2: 0, b1: 0, d1: 0, b2: 0, d2: 0, i2: 0, i3: 0, i4: 0, i5: 0, m3: 0, m4: 0, m5: 0, l1: 0, l2: 0 }

/** True when the instruction at the CPU's address forms a storage-operand address from a register holding zero. */
function zeroAddress(c: Cpu, lookup: (h0: number, h2: number) => Insn | null): boolean {
  let h0: number, h1 = 0, h2 = 0
  try {
    h0 = c.fetch16(c.ia)
    if (h0 >>> 14 !== 0) h1 = c.fetch16(c.wrap(c.ia + 2))
    if (h0 >>> 14 === 3) h2 = c.fetch16(c.wrap(c.ia + 4))
  } catch {
    return false // the fetch raises its exception again when the instruction runs
  }
  const ins = lookup(h0, h2)
  if (ins === null || NO_STORAGE_OPERAND.has(ins.mnemonic) || ins.fmt === 'RRS' || ins.fmt === 'RIS') return false
  for (const k of Object.keys(scratch) as (keyof Fields)[]) scratch[k] = 0
  ins.decode(scratch, h0, h1, h2)
  const regs = REG_OPERANDS[ins.mnemonic]
  if (regs !== undefined) {
    return regs(scratch).some(([a, l, bits]) => regIsZero(c, a) && (l === null || (bits === 24 ? (c.rl[l]! & 0xffffff) !== 0 : !regIsZero(c, l))))
  }
  return (scratch.b1 !== 0 && regIsZero(c, scratch.b1)) || baseIndexZero(c, scratch.x2, scratch.b2)
}

/** The interpreter loop while PER is active (same contract as Cpu.run); `lookup` decodes (passed in by the CPU, so
 * this module does not import the instruction table, whose handlers import it). */
export function runPer(c: Cpu, budget: number, lookup: (h0: number, h2: number) => Insn | null): number {
  let n = 0
  c.brk = false
  const cr9 = c.crl[9]!
  c.perStart = (BigInt(c.crh[10]! >>> 0) << 32n) | BigInt(c.crl[10]! >>> 0)
  c.perEnd = (BigInt(c.crh[11]! >>> 0) << 32n) | BigInt(c.crl[11]! >>> 0)
  // Storage-alteration space control (bit 42): with DAT on, only spaces whose ASCE has its S bit (bit 56) count.
  c.perSA = (cr9 & CR9_STORE) !== 0 && ((cr9 & CR9_STORE_SPACE_CTL) === 0 || (c.mask & PSW_DAT) === 0 || (c.crl[1]! & 0x80) !== 0)
  c.perOn = true
  try {
    while (n < budget && !c.brk) {
      const ia = c.ia
      c.perCode = 0
      c.perAddr = ia
      c.perAtmid = atmid(c)
      try {
        if ((cr9 & CR9_IFETCH) !== 0 && (ia & 1) === 0 && perInRange(c, ia)) {
          c.perCode |= 0x40
          if ((cr9 & CR9_IFETCH_NULLIFY) !== 0) {
            // Instruction-fetching nullification: the interruption comes before the instruction (ILC 0).
            c.perCode |= 0x01
            n++
            programInterrupt(c, PGM_PER, 0, true)
            continue
          }
        }
        if ((cr9 & CR9_ZERO_ADDR) !== 0 && zeroAddress(c, lookup)) c.perCode |= PER_CODE_ZERO_ADDR
        c.step()
        n++
        if (c.perCode !== 0) programInterrupt(c, PGM_PER, c.ilc, false)
      } catch (e) {
        if (!(e instanceof ProgramException)) throw e
        n++
        // A nullified or suppressed instruction altered no storage: only completing conditions keep that event.
        if (!COMPLETING.has(e.code & 0x7f)) c.perCode &= ~0x28
        programInterrupt(c, c.perCode !== 0 ? e.code | PGM_PER : e.code, e.ilc < 0 ? c.ilc : e.ilc, e.nullify)
      }
    }
  } finally {
    c.perOn = false
    c.perSA = false
    c.perCode = 0
  }
  c.icount += n
  return n
}
