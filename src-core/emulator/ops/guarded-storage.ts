// Guarded-storage facility (facility 133, z14; POP ch. 7 "Guarded-Storage Facility" and the instructions LOAD
// GUARDED, LOAD LOGICAL AND SHIFT GUARDED, LOAD GUARDED STORAGE CONTROLS, STORE GUARDED STORAGE CONTROLS).
// The controls are three doublewords per CPU (Cpu.gs): the guarded-storage designation (GSD: origin in bits
// 0-(63-GSC), guarded-load shift GLS in bits 53-55, characteristic GSC in bits 58-63), the section mask (GSSM: one
// bit per 2^(GSC-6)-byte section of the 2^GSC-byte guarded area) and the event parameter-list address (GSEPLA).
// With CR2 bit 59 (guarded-storage enablement) on, a guarded load whose intermediate result points into a section
// whose GSSM bit is one does not load R1: it stores the event parameters into the GSEPL and branches to the handler
// address found there (POP "Guarded-Storage Event").
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { ACC_FETCH, ACC_STORE, PGM_OPERATION, PGM_SPECIAL_OPERATION, PGM_SPECIFICATION, PSW_AS, PSW_DAT } from '../cpu/constants.ts'

/** CR2 bit 59 (low word 0x10): guarded-storage-facility enablement (Linux `__ctl_set_bit(2, 4)`). */
export const CR2_GSE = 0x10
/** Words of Cpu.gs: GSD, GSSM and GSEPLA as high/low pairs. */
export const GS_GSD = 0
export const GS_GSSM = 2
export const GS_GSEPLA = 4
/** Valid guarded-storage characteristics: a guarded area of 32 MiB (512 KiB sections) up to 2^56 bytes. */
const GSC_MIN = 25
const GSC_MAX = 56
/** GSEPL offsets (Linux uapi asm/guarded_storage.h `struct gs_epl`). */
const EPL_EAM = 1
const EPL_ECI = 2
const EPL_EAI = 3
const EPL_EHA = 8
const EPL_EIA = 16
const EPL_EOA = 24
const EPL_EIR = 32
const EPL_ERA = 40
/** GSECI bit 7: the event was caused by LOAD LOGICAL AND SHIFT GUARDED (0: LOAD GUARDED). */
const ECI_IN = 0x01

/** High and low words of an address number (Cpu.ea's: addresses from 2^53 on are window-encoded, see Cpu.pageNo). */
function words(c: Cpu, a: number): [number, number] {
  const pn = c.pageNo(a)
  return [Math.floor(pn / 1048576) | 0, ((pn % 1048576) * 4096 + (a % 4096)) | 0]
}
const u64 = (h: number, l: number): bigint => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0)

function installed(c: Cpu): void {
  if (!c.m.facility(133)) pgm(PGM_OPERATION)
}

/** LGSC/STGSC: operation exception without the facility, special-operation exception while CR2 bit 59 is zero,
 * specification exception for a control block not on a doubleword boundary; returns the operand address. */
function controlsOperand(c: Cpu): number {
  installed(c)
  if ((c.crl[2]! & CR2_GSE) === 0) pgm(PGM_SPECIAL_OPERATION)
  const a = c.ea2()
  if (a % 8 !== 0) pgm(PGM_SPECIFICATION)
  return a
}

/** True when the 64-bit intermediate result h:l designates a guarded section (POP "Guarded-Storage Event"). */
function guarded(c: Cpu, h: number, l: number): boolean {
  if ((c.crl[2]! & CR2_GSE) === 0) return false
  const gs = c.gs
  const gsc = gs[GS_GSD + 1]! & 0x3f
  if (gsc < GSC_MIN || gsc > GSC_MAX) return false
  const ir = u64(h, l)
  const gsd = u64(gs[GS_GSD]!, gs[GS_GSD + 1]!)
  const shift = BigInt(gsc)
  if (ir >> shift !== gsd >> shift) return false
  const section = Number((ir >> (shift - 6n)) & 63n)
  const gssm = u64(gs[GS_GSSM]!, gs[GS_GSSM + 1]!)
  return ((gssm >> BigInt(63 - section)) & 1n) === 1n
}

/** The guarded-storage event: stores the parameters into the GSEPL and branches to its handler address. */
function event(c: Cpu, operand: number, h: number, l: number, llgfsg: boolean): void {
  const gs = c.gs
  const ph = gs[GS_GSEPLA]!
  const pl = gs[GS_GSEPLA + 1]!
  const epl = c.amode === -1 ? c.addr64(ph, pl >>> 0) : (pl & c.amode) >>> 0
  const at = (off: number): number => c.wrap(epl + off)
  c.probe(epl, 48, ACC_STORE)
  c.rd64(at(EPL_EHA))
  const hh = c.th
  const hl = c.tl
  // Addressing mode: bit 6 E (PSW bit 31), bit 7 B (PSW bit 32).
  c.wr8(at(EPL_EAM), c.amode === -1 ? 3 : c.amode === 0x7fffffff ? 1 : 0)
  c.wr8(at(EPL_ECI), llgfsg ? ECI_IN : 0)
  // Access information: bit 1 DAT mode, bits 2-3 address-space control, bits 4-7 the B2 field in AR mode.
  const as = (c.mask & PSW_AS) >>> 14
  c.wr8(at(EPL_EAI), ((c.mask & PSW_DAT) !== 0 ? 0x40 : 0) | (as << 4) | (as === 1 ? c.b2 : 0))
  // The target of an execute-type instruction reports (and returns to) the execute-type instruction: the one before
  // EXECUTE's successor (c.nia and c.ilc are EXECUTE's while its target runs; c.ia is the target's address).
  const [iaH, iaL] = words(c, c.inExecute ? c.wrap(c.nia - c.ilc) : c.ia)
  c.wr64(at(EPL_EIA), iaH, iaL)
  const [opH, opL] = words(c, operand)
  c.wr64(at(EPL_EOA), opH, opL)
  c.wr64(at(EPL_EIR), h, l)
  // Not in the transactional-execution mode: the return address is the guarded load itself (the handler skips it).
  c.wr64(at(EPL_ERA), iaH, iaL)
  c.nia = c.amode === -1 ? c.addr64(hh, hl >>> 0) : (hl & c.amode) >>> 0
}

/** LGG (E34C, RXY): LOAD GUARDED — a doubleword from a doubleword boundary; a guarded-storage event instead of
 * the load when the value designates a guarded section. */
export function lgg(c: Cpu): void {
  installed(c)
  const a = c.ea2()
  if (a % 8 !== 0) pgm(PGM_SPECIFICATION)
  c.rd64(a)
  const h = c.th
  const l = c.tl
  if (guarded(c, h, l)) return event(c, a, h, l, false)
  c.rh[c.r1] = h
  c.rl[c.r1] = l
}

/** LLGFSG (E348, RXY): LOAD LOGICAL AND SHIFT GUARDED — a word from a word boundary, zero-extended and shifted left
 * by the guarded-load shift (GSD bits 53-55); the event check is made on that shifted value. */
export function llgfsg(c: Cpu): void {
  installed(c)
  const a = c.ea2()
  if (a % 4 !== 0) pgm(PGM_SPECIFICATION)
  const w = c.rd32(a)
  const gls = (c.gs[GS_GSD + 1]! >>> 8) & 7
  const v = BigInt(w >>> 0) << BigInt(gls)
  const h = Number(v >> 32n) | 0
  const l = Number(v & 0xffffffffn) | 0
  if (guarded(c, h, l)) return event(c, a, h, l, true)
  c.rh[c.r1] = h
  c.rl[c.r1] = l
}

/** LGSC (E34D, RXY): LOAD GUARDED STORAGE CONTROLS from the 32-byte control block (a reserved doubleword, GSD,
 * GSSM, GSEPLA); a GSC outside 25-56 is a specification exception and nothing is loaded. */
export function lgsc(c: Cpu): void {
  const a = controlsOperand(c)
  c.probe(a, 32, ACC_FETCH)
  const w = new Int32Array(6)
  for (let i = 0; i < 6; i++) w[i] = c.rd32(c.wrap(a + 8 + i * 4))
  const gsc = w[GS_GSD + 1]! & 0x3f
  if (gsc < GSC_MIN || gsc > GSC_MAX) pgm(PGM_SPECIFICATION)
  c.gs.set(w)
}

/** STGSC (E349, RXY): STORE GUARDED STORAGE CONTROLS into the 32-byte control block (reserved doubleword zero). */
export function stgsc(c: Cpu): void {
  const a = controlsOperand(c)
  c.probe(a, 32, ACC_STORE)
  c.wr64(a, 0, 0)
  for (let i = 0; i < 6; i += 2) c.wr64(c.wrap(a + 8 + i * 4), c.gs[i]!, c.gs[i + 1]!)
}
