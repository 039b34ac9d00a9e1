// Program-event recording (POP ch. 4, "Program-Event Recording"): with PSW bit 1 on and an event mask in CR9, the
// CPU recognizes successful branching, instruction fetching and storage alteration (and stores by STORE USING REAL
// ADDRESS) in the range CR10..CR11 and reports them by a program interruption after the instruction: code 0x80 (ORed
// into the code of a program exception of the same instruction), the PER code and ATMID at 0x96/0x97 and the PER
// address (the instruction's address; for the target of EXECUTE, the EXECUTE's) at 0x98.
// While PER is active the CPU runs only this interpreter loop (translated blocks carry no PER checks).
import type { Cpu } from './cpu.ts'
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

/** CR9 event masks this emulator recognizes. */
const PER_EVENTS = CR9_BRANCH | CR9_IFETCH | CR9_STORE
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

/** The interpreter loop while PER is active (same contract as Cpu.run). */
export function runPer(c: Cpu, budget: number): number {
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
