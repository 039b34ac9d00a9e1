// Control instructions (POP ch. 10) and the problem-state system instructions (EPSW, IPM, SPM, SAM*, SVC, STCK*,
// STFLE): PSW and control-register loads, prefix, keys, DAT-table invalidation, TPROT, MVPG, clocks, service calls.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { ProgramException, pgm } from '../cpu/exceptions.ts'
import { ACC_FETCH, ACC_STORE, LC_MON_CLASS, LC_MON_CODE, PGM_MONITOR_EVENT } from '../cpu/constants.ts'
import {
  LC_STFL,
  PGM_ADDRESSING,
  PGM_OPERATION,
  PGM_PAGE_TRANSLATION,
  PGM_SEGMENT_TRANSLATION,
  PGM_SPECIAL_OPERATION,
  PGM_SPECIFICATION,
  PGM_TRANSLATION_SPEC,
  PGM_ASCE_TYPE,
  PGM_REGION_FIRST,
  PGM_REGION_SECOND,
  PGM_REGION_THIRD,
  PGM_PROTECTION,
  PGM_PRIVILEGED,
  PSW_DAT,
  PSW_EXT,
  PSW_IO,
  PSW_KEY,
  PSW_PER,
  CR0_STORE_PROT_OVERRIDE,
  CR0_FETCH_PROT_OVERRIDE,
  CR0_LOW_ADDR_PROT,
  CR0_SSM_SUPPRESS,
} from '../cpu/constants.ts'
import { datFault, datTranslate } from '../mem/dat.ts'
import { svcInterrupt } from '../cpu/interrupts.ts'
import { SKEY_REF } from '../mem/storage.ts'
import { sigp } from '../devices/sigp.ts'
import { stsi, sthyi as sthyiCall, MACHINE_TYPE } from '../devices/stsi.ts'
import { diag } from '../devices/diag.ts'

const TWO32 = 4294967296
const a1 = (c: Cpu): number => c.ea(0, c.b1, c.d1)
const a2 = (c: Cpu): number => c.ea(0, c.b2, c.d2)
function aligned(a: number, n: number): void {
  if (a % n !== 0) pgm(PGM_SPECIFICATION)
}

// ---- PSW ---------------------------------------------------------------------------------------------------------
/** Loads a PSW and raises the early specification exception (ILC 0) when it is invalid. */
function load(c: Cpu, hi: number, lo: number, addr: number): void {
  if (!c.loadPsw(hi, lo, addr)) throw new ProgramException(PGM_SPECIFICATION, 0)
}
export const lpswe: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  const hi = c.rd32(ad)
  const lo = c.rd32(ad + 4)
  c.rd64(ad + 8)
  load(c, hi >>> 0, lo >>> 0, (c.th >>> 0) * TWO32 + (c.tl >>> 0))
}
export const lpsw: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  const hi = c.rd32(ad) >>> 0
  const lo = c.rd32(ad + 4) >>> 0
  if ((hi & 0x00080000) === 0) pgm(PGM_SPECIFICATION)
  load(c, (hi & ~0x00080000) >>> 0, lo & 0x80000000, lo & 0x7fffffff)
}
/**
 * Sets the PSW system-mask byte; cached translations depend only on its DAT bit. The run loop is left (`brk`) only
 * when the new mask can change what happens next: an I/O or external mask bit turned on (a pending interruption may
 * now be taken before the next instruction), or the PER or DAT bit changed (PER picks the run loop; DAT the
 * translation of the next instruction). A mask that stays as it is or only disables (the usual STNSM/STOSM/SSM
 * pairs around a critical section) keeps running: nothing can become deliverable by it.
 */
function setSystemMask(c: Cpu, b: number): void {
  const old = c.mask
  const mask = ((old & 0x00ffffff) | (b << 24)) >>> 0
  c.mask = mask
  if ((old ^ mask) & PSW_DAT) c.flushTlb()
  if ((mask & ~old & (PSW_IO | PSW_EXT)) !== 0 || ((old ^ mask) & (PSW_PER | PSW_DAT)) !== 0) c.brk = true
}
/** The system-mask byte `b` becomes the PSW's bits 0-7 (SSM, STNSM, STOSM; translated blocks call it too): a
 * specification exception after the mask is set when a bit that must be zero is one. That order is the
 * architecture's: an invalid PSW introduced by SSM/STOSM is an early exception, recognized once the new PSW is
 * active, so the old PSW holds the new mask with the instruction's ILC and the next address (POP ch. 6, "Exceptions
 * Associated with the PSW"; Hercules does the same). */
export function loadSystemMask(c: Cpu, b: number): void {
  setSystemMask(c, b)
  if (b & 0xb8) pgm(PGM_SPECIFICATION)
}
/** SET SYSTEM MASK; with the SSM-suppression control (CR0 bit 33) on it is a special-operation exception, recognized
 * before the operand is fetched (the privileged-operation check, made first, wins in the problem state). */
export const ssm: Exec = (c) => {
  if ((c.crl[0]! & CR0_SSM_SUPPRESS) !== 0) pgm(PGM_SPECIAL_OPERATION)
  loadSystemMask(c, c.rd8(a2(c)))
}
function stnosm(or: boolean): Exec {
  return (c) => {
    const ad = a1(c)
    const cur = c.mask >>> 24
    c.wr8(ad, cur)
    loadSystemMask(c, or ? cur | c.i2 : cur & c.i2)
  }
}
export const stnsm = stnosm(false)
export const stosm = stnosm(true)
export const epsw: Exec = (c) => {
  c.rl[c.r1] = c.pswHi() | 0
  if (c.r2 !== 0) c.rl[c.r2] = c.pswLo() | 0
}
export const ipm: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r1]! & 0x00ffffff) | (c.cc << 28) | (c.pm << 24))
export const spm: Exec = (c) => {
  const v = c.rl[c.r1]!
  c.cc = (v >>> 28) & 3
  c.pm = (v >>> 24) & 15
}
function sam(mode: number): Exec {
  return (c) => {
    if (mode !== -1 && c.nia > mode) pgm(PGM_SPECIFICATION)
    c.amode = mode
    c.brk = true
  }
}
export const sam24 = sam(0xffffff)
export const sam31 = sam(0x7fffffff)
export const sam64 = sam(-1)
export const svc: Exec = (c) => svcInterrupt(c, c.i2, c.ilc)
export const spka: Exec = (c) => {
  const key = (a2(c) >>> 4) & 15
  // Problem state: the key's bit in the PSW-key mask (CR3 bits 32-47) must be one.
  if (c.problem && (c.crl[3]! & (0x80000000 >>> key)) === 0) pgm(PGM_PRIVILEGED)
  c.mask = ((c.mask & ~PSW_KEY) | (key << 20)) >>> 0
  c.flushTlb()
}
/** Semiprivileged (IPK, IVSK): in the problem state the extraction-authority control (CR0 bit 36) must be one. */
function extractionAuthority(c: Cpu): void {
  if (c.problem && (c.crl[0]! & 0x08000000) === 0) pgm(PGM_PRIVILEGED)
}
export const ipk: Exec = (c) => {
  extractionAuthority(c)
  c.rl[2] = (c.rl[2]! & ~0xff) | (c.pswKey << 4)
}

// ---- control registers ----------------------------------------------------------------------------------------
/** The control registers cached translations depend on: CR0 (its bits 0-47: protection overrides, low-address
 * protection, DAT controls; bits 48-63 are external subclass masks, changed around every SCLP call, and do not
 * affect translation) and the ASCEs in CR1, CR7 and CR13. */
const TRANSLATION_CRS = [0, 1, 7, 13] as const
/** Their values (high and low words) before a control-register load; one machine runs in one thread at a time. */
const before = new Int32Array(8)
function saveTranslationCrs(c: Cpu): void {
  for (let i = 0; i < 4; i++) {
    const r = TRANSLATION_CRS[i]!
    before[2 * i] = c.crh[r]!
    before[2 * i + 1] = c.crl[r]!
  }
}
/** Flushes cached translations after a control-register load when one they depend on changed its value. Loading
 * the values a register already holds (every interruption handler of the kvm-unit-tests library saves CR0-CR15 on
 * entry and reloads them on exit) keeps them: the translations they were made with are still the ones. */
function flushAfterLoad(c: Cpu): void {
  let changed = c.crh[0] !== before[0] || ((c.crl[0]! ^ before[1]!) & 0xffff0000) !== 0
  for (let i = 1; i < 4 && !changed; i++) {
    const r = TRANSLATION_CRS[i]!
    changed = c.crh[r] !== before[2 * i] || c.crl[r] !== before[2 * i + 1]
  }
  if (changed) c.flushTlb()
}
/** True when the register range r1..r3 (wrapping at 15) includes a register in the `set` bit mask. */
function crRangeHits(r1: number, r3: number, set: number): boolean {
  for (let r = r1; ; r = (r + 1) & 15) {
    if (set & (1 << r)) return true
    if (r === r3) return false
  }
}
/** Control registers whose contents decide whether a pending interruption can be taken (CR0 external subclass
 * masks, CR6 I/O interruption subclass masks, CR14 machine-check masks) or whether PER events are watched (CR9-11,
 * which pick the run loop). Loading any of them leaves the run loop so that the machine delivers what became
 * enabled; loading only others (CR4's ASNs, CR1/7/13's ASCEs, ...) keeps running. */
const INTERRUPT_CRS = (1 << 0) | (1 << 6) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 14)
/**
 * Absolute address of the `len`-byte operand at `ad` when it lies in one 4K page, -1 when it crosses one (the caller
 * then goes element by element, wrapping in the addressing mode). Either way every access exception for the whole
 * operand is recognized here, before any control register is loaded or any byte stored: the exceptions nullify or
 * suppress LCTL(G)/STCTL(G), so a partial load or store is not permitted (POP ch. 5, "Types of Instruction Ending").
 * A store also reports its PER storage-alteration event for the whole operand. Interruption handlers save and reload
 * all sixteen control registers on every interruption.
 */
function wholeOperand(c: Cpu, ad: number, len: number, acc: typeof ACC_FETCH | typeof ACC_STORE): number {
  if ((ad & 0xfff) + len > 4096) {
    c.probe(ad, len, acc)
    return -1
  }
  if (acc === ACC_STORE) c.probe(ad, len, ACC_STORE)
  return c.abs(ad, acc)
}
/** Number of registers in the range r1..r3 (wrapping at 15). */
const rangeLen = (c: Cpu): number => ((c.r3 - c.r1) & 15) + 1
export const lctlg: Exec = (c) => {
  let ad = a2(c)
  aligned(ad, 8)
  saveTranslationCrs(c)
  const p = wholeOperand(c, ad, rangeLen(c) * 8, ACC_FETCH)
  const dv = c.dv
  for (let r = c.r1, q = p; ; r = (r + 1) & 15, q += 8) {
    // Aligned doublewords never straddle a page: after the probe each one is one translation.
    const at = p >= 0 ? q : c.abs(ad, ACC_FETCH)
    c.crh[r] = dv.getInt32(at)
    c.crl[r] = dv.getInt32(at + 4)
    if (r === c.r3) break
    ad = c.wrap(ad + 8)
  }
  flushAfterLoad(c)
  if (crRangeHits(c.r1, c.r3, INTERRUPT_CRS)) c.brk = true
}
export const lctl: Exec = (c) => {
  let ad = a2(c)
  aligned(ad, 4)
  saveTranslationCrs(c)
  const p = wholeOperand(c, ad, rangeLen(c) * 4, ACC_FETCH)
  const dv = c.dv
  for (let r = c.r1, q = p; ; r = (r + 1) & 15, q += 4) {
    c.crl[r] = dv.getInt32(p >= 0 ? q : c.abs(ad, ACC_FETCH))
    if (r === c.r3) break
    ad = c.wrap(ad + 4)
  }
  flushAfterLoad(c)
  if (crRangeHits(c.r1, c.r3, INTERRUPT_CRS)) c.brk = true
}
export const stctg: Exec = (c) => {
  let ad = a2(c)
  aligned(ad, 8)
  const p = wholeOperand(c, ad, rangeLen(c) * 8, ACC_STORE)
  const dv = c.dv
  for (let r = c.r1, q = p; ; r = (r + 1) & 15, q += 8) {
    const at = p >= 0 ? q : c.abs(ad, ACC_STORE)
    dv.setInt32(at, c.crh[r]!)
    dv.setInt32(at + 4, c.crl[r]!)
    if (r === c.r3) break
    ad = c.wrap(ad + 8)
  }
}
export const stctl: Exec = (c) => {
  let ad = a2(c)
  aligned(ad, 4)
  const p = wholeOperand(c, ad, rangeLen(c) * 4, ACC_STORE)
  const dv = c.dv
  for (let r = c.r1, q = p; ; r = (r + 1) & 15, q += 4) {
    dv.setInt32(p >= 0 ? q : c.abs(ad, ACC_STORE), c.crl[r]!)
    if (r === c.r3) break
    ad = c.wrap(ad + 4)
  }
}

// ---- prefix, CPU identity, facilities --------------------------------------------------------------------------
export const spx: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 4)
  const p = c.rd32(ad) & 0x7fffe000
  if (p + 0x2000 > c.mem.size) pgm(PGM_ADDRESSING)
  c.setPrefix(p)
  c.brk = true
}
export const stpx: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 4)
  c.wr32(ad, c.prefix)
}
export const stap: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 2)
  c.wr16(ad, c.addr)
}
export const stidp: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  // version 0, CPU identification from the CPU address, type, format-1 bit.
  c.wr64(ad, (c.addr & 0xff) << 16, (MACHINE_TYPE << 16) | 0x8000)
}
export const stfl: Exec = (c) => {
  const fl = c.m.facilityWords
  c.dv.setUint32(c.lc(LC_STFL), fl[0]!)
}
export const stfle: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  const fl = c.m.facilityWords
  const have = fl.length / 2
  const want = (c.rl[0]! & 0xff) + 1
  const n = Math.min(want, have)
  c.probe(ad, n * 8, 1)
  for (let i = 0; i < n; i++) c.wr64(ad + i * 8, fl[i * 2]!, fl[i * 2 + 1]!)
  c.rl[0] = (c.rl[0]! & ~0xff) | (have - 1)
  c.cc = want >= have ? 0 : 3
}
export const stsi_: Exec = (c) => void (c.cc = stsi(c, a2(c)))
export const sthyi: Exec = (c) => void (c.cc = sthyiCall(c))
export const sigp_: Exec = (c) => {
  const order = a2(c) & 0xff
  const target = c.rl[c.r3]! & 0xffff
  const param = c.rl[c.r1 | 1]! >>> 0
  c.cc = sigp(c, order, target, param, c.r1)
}
export const diag_: Exec = (c) => diag(c, a2(c) & 0xffff)
export const servc: Exec = (c) => {
  c.cc = c.m.sclp.serviceCall(c, c.rl[c.r1]! >>> 0, c.rnum(c.r2))
}

// ---- clocks and timers ------------------------------------------------------------------------------------------
export const stck: Exec = (c) => {
  const ad = a2(c)
  const t = c.m.tod.now()
  c.wr64(ad, Number(t >> 32n) | 0, Number(t & 0xffffffffn) | 0)
  c.cc = 0
}
export const stckf: Exec = stck
export const stcke: Exec = (c) => {
  const ad = a2(c)
  const t = c.m.tod.now()
  c.probe(ad, 16, 1)
  c.wr8(ad, 0)
  c.wr64(ad + 1, Number(t >> 32n) | 0, Number(t & 0xffffffffn) | 0)
  c.wr32(ad + 9, 0)
  c.wr8(ad + 13, 0)
  c.wr16(ad + 14, c.todpr)
  c.cc = 0
}
export const sck: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  c.rd64(ad)
  c.m.tod.set((BigInt(c.th >>> 0) << 32n) | BigInt(c.tl >>> 0))
  c.cc = 0
}
export const sckc: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  c.rd64(ad)
  c.ckc = (BigInt(c.th >>> 0) << 32n) | BigInt(c.tl >>> 0)
  c.brk = true
}
export const stckc: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  c.wr64(ad, Number(c.ckc >> 32n) | 0, Number(c.ckc & 0xffffffffn) | 0)
}
export const spt: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  c.rd64(ad)
  c.m.setCpuTimer(c, (BigInt(c.th) << 32n) | BigInt(c.tl >>> 0))
  c.brk = true
}
export const stpt: Exec = (c) => {
  const ad = a2(c)
  aligned(ad, 8)
  const v = c.m.cpuTimerValue(c)
  c.wr64(ad, Number((v >> 32n) & 0xffffffffn) | 0, Number(v & 0xffffffffn) | 0)
}
export const sckpf: Exec = (c) => {
  if ((c.rl[0]! & 0xffff0000) !== 0) pgm(PGM_SPECIFICATION)
  c.todpr = c.rl[0]! & 0xffff
}

// ---- storage keys ---------------------------------------------------------------------------------------------------
function frame(c: Cpu, r: number): number {
  const real = c.amode === -1 ? c.rnum(r) : c.rl[r]! & c.amode
  const abs = c.realToAbs(real - (real % 4096))
  if (abs >= c.mem.size) pgm(PGM_ADDRESSING)
  return abs / 4096
}
export const iske: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r1]! & ~0xff) | (c.mem.keys[frame(c, c.r2)]! & 0xfe))
/** SET STORAGE KEY EXTENDED. With EDAT-1 (facility 8) and the multiple-block control (M3 bit 3), R2 is an absolute
 * address and every 4K block from it to the end of its 1M frame gets the key; R2 bits 0-51 (32-51 in the 24/31-bit
 * modes) then hold the next frame's address. The conditional-SSKE bits (facility 10, not installed) are ignored. */
export const sske: Exec = (c) => {
  const key = c.rl[c.r1]! & 0xfe
  if ((c.m3 & 1) !== 0 && c.m.facility(8)) {
    const a = c.raddr(c.r2)
    const start = a - (a % 4096)
    const end = start - (start % 0x100000) + 0x100000
    for (let b = start; b < end; b += 4096) {
      if (b >= c.mem.size) {
        if (b !== start) setBlockAddr(c, c.r2, b)
        c.m.flushAllTlbs()
        pgm(PGM_ADDRESSING)
      }
      c.mem.keys[b / 4096] = key
    }
    setBlockAddr(c, c.r2, end)
  } else c.mem.keys[frame(c, c.r2)] = key
  c.m.flushAllTlbs()
}
/** Replaces the 4K-block address bits of GR r (0-51, or 32-51 in the 24/31-bit modes), keeping bits 52-63. */
function setBlockAddr(c: Cpu, r: number, a: number): void {
  const low = c.rl[r]! & 0xfff
  if (c.amode === -1) {
    c.rh[r] = Math.floor(a / TWO32) | 0
    c.rl[r] = ((a % TWO32) - (a % 4096) + low) | 0
  } else c.rl[r] = ((a & c.amode & ~0xfff) | low) | 0
}
export const rrbe: Exec = (c) => {
  const f = frame(c, c.r2)
  const k = c.mem.keys[f]!
  c.cc = (k >>> 1) & 3
  c.mem.keys[f] = k & ~SKEY_REF
  // Reference recording happens on TLB fills: drop cached translations so the next access records it again.
  c.m.flushAllTlbs()
}
export const ivsk: Exec = (c) => {
  extractionAuthority(c)
  const a = c.raddr(c.r2)
  const abs = c.realToAbs(c.dat ? datTranslate(c, a, ACC_FETCH) : a)
  if (abs >= c.mem.size) pgm(PGM_ADDRESSING)
  c.rl[c.r1] = (c.rl[c.r1]! & ~0xff) | (c.mem.keys[Math.floor(abs / 4096)]! & 0xf8)
}
export const tb: Exec = (c) => {
  const real = c.raddr(c.r2)
  const abs = c.realToAbs(real - (real % 4096))
  if (abs >= c.mem.size) pgm(PGM_ADDRESSING)
  if (c.crl[0]! & CR0_LOW_ADDR_PROT && real < 8192) pgm(PGM_PROTECTION)
  c.u8.fill(0, abs, abs + 4096)
  c.rh[0] = 0
  c.rl[0] = 0
  c.cc = 0
}

// ---- DAT table maintenance -------------------------------------------------------------------------------------------
export const ipte: Exec = (c) => {
  const pto = (c.rh[c.r1]! >>> 0) * TWO32 + ((c.rl[c.r1]! & 0xfffff800) >>> 0)
  const px = (c.rl[c.r2]! >>> 12) & 0xff
  const range = c.r3 !== 0 && c.m4 & 1 ? c.rl[c.r3]! & 0xff : 0
  for (let i = 0; i <= range && px + i < 256; i++) {
    const abs = c.realToAbs(pto + (px + i) * 8)
    if (abs + 8 > c.mem.size) pgm(PGM_ADDRESSING)
    c.dv.setUint32(abs + 4, c.dv.getUint32(abs + 4) | 0x400)
    c.mem.touch(abs, 8)
  }
  c.m.flushAllTlbs()
}
export const idte: Exec = (c) => {
  // Invalidation (bit 52 of R2 zero): mark the designated table entry invalid; clearing-by-ASCE only flushes.
  if ((c.rl[c.r2]! & 0x800) === 0) {
    const dt = (c.rl[c.r1]! >>> 2) & 3
    const origin = (c.rh[c.r1]! >>> 0) * TWO32 + ((c.rl[c.r1]! & 0xfffff000) >>> 0)
    const va = c.rnum(c.r2)
    const shift = dt === 3 ? 53 : dt === 2 ? 42 : dt === 1 ? 31 : 20
    const idx = Math.floor(va / 2 ** shift) % 2048
    const abs = c.realToAbs(origin + idx * 8)
    if (abs + 8 > c.mem.size) pgm(PGM_ADDRESSING)
    c.dv.setUint32(abs + 4, c.dv.getUint32(abs + 4) | 0x20)
    c.mem.touch(abs, 8)
  }
  c.m.flushAllTlbs()
}
export const ptlb: Exec = (c) => c.flushTlb()

// ---- TEST PROTECTION / MOVE PAGE -------------------------------------------------------------------------------------
const TRANSLATION_CODES = new Set([PGM_SEGMENT_TRANSLATION, PGM_PAGE_TRANSLATION, PGM_ASCE_TYPE, PGM_REGION_FIRST, PGM_REGION_SECOND, PGM_REGION_THIRD])
export const tprot: Exec = (c) => {
  const a = a1(c)
  const key = (a2(c) >>> 4) & 15
  let real = a
  let storeOk = true
  if ((c.mask & PSW_DAT) !== 0) {
    try {
      real = datTranslate(c, a, ACC_FETCH)
    } catch (e) {
      if (e instanceof ProgramException && TRANSLATION_CODES.has(e.code)) {
        c.cc = 3
        return
      }
      throw e
    }
    try {
      datTranslate(c, a, ACC_STORE)
    } catch (e) {
      if (!(e instanceof ProgramException) || e.code !== PGM_PROTECTION) throw e
      storeOk = false
    }
  }
  const abs = c.realToAbs(real)
  if (abs >= c.mem.size) pgm(PGM_ADDRESSING)
  const sk = c.mem.keys[Math.floor(abs / 4096)]!
  const acc = sk >>> 4
  const cr0 = c.crl[0]!
  let fetchOk = true
  if (key !== 0 && acc !== key) {
    const override = acc === 9 && (cr0 & CR0_STORE_PROT_OVERRIDE) !== 0
    if (!override) {
      storeOk = false
      if (sk & 0x08 && !((cr0 & CR0_FETCH_PROT_OVERRIDE) !== 0 && a < 2048)) fetchOk = false
    }
  }
  if (c.crl[0]! & CR0_LOW_ADDR_PROT && (a < 512 || (a >= 4096 && a < 4608))) storeOk = false
  c.cc = !fetchOk ? 2 : storeOk ? 0 : 1
}
export const mvpg: Exec = (c) => {
  const r0 = c.rl[0]!
  const kfc = (r0 >>> 10) & 0x3f
  if (r0 & 0xffff0000 || kfc >= 3) pgm(PGM_SPECIFICATION)
  const cco = (r0 & 0x100) !== 0
  const dst = c.raddr(c.r1)
  const src = c.raddr(c.r2)
  const d0 = dst - (dst % 4096)
  const s0 = src - (src % 4096)
  // Page/segment-translation exceptions: with CCO they set CC 2 (source) or 1 (destination); without CCO they
  // nullify and identify the operand in the operand-access identification.
  const access = (a: number, acc: 0 | 1, ccv: number): number | null => {
    try {
      return c.abs(a, acc)
    } catch (e) {
      if (e instanceof ProgramException && (e.code === PGM_PAGE_TRANSLATION || e.code === PGM_SEGMENT_TRANSLATION)) {
        if (cco) {
          c.cc = ccv
          return null
        }
        c.opAccessId = c.h1 & 0xff
        throw e
      }
      throw e
    }
  }
  const sAbs = access(s0, ACC_FETCH, 2)
  if (sAbs === null) return
  const dAbs = access(d0, ACC_STORE, 1)
  if (dAbs === null) return
  c.u8.copyWithin(dAbs, sAbs, sAbs + 4096)
  c.cc = 0
}

// ---- channel subsystem (see devices/css.ts) ------------------------------------------------------------------------
export const stsch: Exec = (c) => void (c.cc = c.m.css.stsch(c, a2(c)))
export const msch: Exec = (c) => void (c.cc = c.m.css.msch(c, a2(c)))
export const tsch: Exec = (c) => void (c.cc = c.m.css.tsch(c, a2(c)))
export const ssch: Exec = (c) => void (c.cc = c.m.css.ssch(c, a2(c)))
export const csch: Exec = (c) => void (c.cc = c.m.css.csch(c))
export const hsch: Exec = (c) => void (c.cc = c.m.css.hsch(c))
export const xsch: Exec = (c) => void (c.cc = c.m.css.xsch(c))
export const rsch: Exec = (c) => void (c.cc = c.m.css.rsch(c))
export const tpi: Exec = (c) => void (c.cc = c.m.css.tpi(c, a2(c)))
export const stcrw: Exec = (c) => void (c.cc = c.m.css.stcrw(c, a2(c)))
export const schm: Exec = (c) => c.m.css.schm(c)
export const sal: Exec = (c) => c.m.css.sal(c)
export const rchp: Exec = (c) => void (c.cc = c.m.css.rchp(c))
export const chsc: Exec = (c) => void (c.cc = c.m.css.chsc(c, c.raddr(c.r1)))

/** Instructions we decode but whose facility is not installed: operation exception (keeps the table honest). */
export const notInstalled: Exec = () => pgm(PGM_OPERATION)
/** SPECIAL OPERATION (e.g. SIE without SIEF2). */
export const specialOp: Exec = () => pgm(PGM_SPECIAL_OPERATION)
/** Translation-specification guard, reserved for table-format checks. */
export const translationSpec: Exec = () => pgm(PGM_TRANSLATION_SPEC)

// ---- monitoring and LOAD REAL ADDRESS --------------------------------------------------------------------------
/** MONITOR CALL: a monitor-event interruption (completing) when the class's mask bit (CR8 bit 48 + class) is one. */
export const mc: Exec = (c) => {
  if (c.i2 > 15) pgm(PGM_SPECIFICATION)
  const code = a1(c)
  if ((c.crl[8]! & (0x8000 >>> c.i2)) === 0) return
  c.dv.setUint16(c.lc(LC_MON_CLASS), c.i2)
  c.dv.setUint32(c.lc(LC_MON_CODE), Math.floor(code / TWO32) >>> 0)
  c.dv.setUint32(c.lc(LC_MON_CODE) + 4, code >>> 0)
  throw new ProgramException(PGM_MONITOR_EVENT, -1, false)
}

/** Exceptions LOAD REAL ADDRESS reports with condition code 3 (bit 32 of R1 one, the code in bits 48-63). */
const LRA_CC3: ReadonlySet<number> = new Set([PGM_ASCE_TYPE, PGM_REGION_FIRST, PGM_REGION_SECOND, PGM_REGION_THIRD, PGM_SEGMENT_TRANSLATION])

/** LOAD REAL ADDRESS (LRA, LRAY: 32-bit result; LRAG: 64-bit): translates through the PSW's address space even with
 * DAT off. CC 0 real address; 1 segment-table entry invalid; 2 page-table entry invalid (R1: the entry's address);
 * 3 another translation exception (R1 bits 32-63: 0x8000 0000 | interruption code). */
function lraOp(g: boolean): Exec {
  return (c) => {
    const a = c.ea2()
    let real: number
    let cc = 0
    try {
      real = datTranslate(c, a, ACC_FETCH)
    } catch (e) {
      if (!(e instanceof ProgramException)) throw e
      if (datFault.entry >= 0 && (e.code === PGM_SEGMENT_TRANSLATION || e.code === PGM_PAGE_TRANSLATION)) {
        real = datFault.entry
        cc = e.code === PGM_SEGMENT_TRANSLATION ? 1 : 2
      } else if (LRA_CC3.has(e.code)) {
        c.rl[c.r1] = (0x80000000 | e.code) | 0
        c.cc = 3
        return
      } else throw e
    }
    if (!g && real > 0x7fffffff) pgm(PGM_SPECIAL_OPERATION)
    if (g) c.rh[c.r1] = Math.floor(real / TWO32) | 0
    c.rl[c.r1] = real | 0
    c.cc = cc
  }
}
export const lra = lraOp(false)
export const lray = lraOp(false)
export const lrag = lraOp(true)
