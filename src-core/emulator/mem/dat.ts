// Dynamic address translation (POP ch. 3 "Dynamic Address Translation") and key-controlled protection.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { DOUBLE } from '../cpu/repr.ts'
import {
  ACC_FETCH,
  PGM_ADDRESSING,
  ACC_IFETCH,
  ACC_STORE,
  CR0_EDAT,
  CR0_FETCH_PROT_OVERRIDE,
  CR0_IEP,
  CR0_STORE_PROT_OVERRIDE,
  PGM_ASCE_TYPE,
  PGM_PAGE_TRANSLATION,
  PGM_PROTECTION,
  PGM_REGION_FIRST,
  PGM_REGION_SECOND,
  PGM_REGION_THIRD,
  PGM_SEGMENT_TRANSLATION,
  PGM_TRANSLATION_SPEC,
  PSW_AS,
} from '../cpu/constants.ts'
import { SKEY_ACC, SKEY_FETCH } from './storage.ts'

const TWO32 = 4294967296
/** TEID protection codes (enhanced suppression-on-protection 2): bits 56, 60, 61 of the TEID. */
const TEID_PROT_DAT = 0x4
const TEID_PROT_KEY = 0x8
const TEID_PROT_IEP = 0x84

/** Address-space control of the PSW → ASCE control register and TEID ASCE id. */
function asceFor(c: Cpu): { cr: number; id: number } {
  const as = (c.mask & PSW_AS) >>> 14
  if (as === 2) return { cr: 7, id: 2 }
  if (as === 3) return { cr: 13, id: 3 }
  return { cr: 1, id: as === 1 ? 1 : 0 }
}

function fail(c: Cpu, code: number, a: number, acc: number, id: number, extra: number): never {
  const pn = c.pageNo(a)
  c.teidH = Math.floor(pn / 1048576) >>> 0
  c.teidL = (((pn % 1048576) * 4096) | extra | id | (code === PGM_PROTECTION ? 0 : acc === ACC_STORE ? 0x400 : 0x800)) >>> 0
  c.excAccessId = 0
  return pgm(code)
}

/** Reads a table entry (8 bytes, real address → absolute) into th/tl; addressing exception beyond storage. */
function entry(c: Cpu, real: number): void {
  const abs = c.realToAbs(real)
  if (abs + 8 > c.mem.size) {
    c.teidH = 0
    c.teidL = 0
    pgm(PGM_ADDRESSING)
  }
  c.th = c.dv.getInt32(abs)
  c.tl = c.dv.getInt32(abs + 4)
}

/** Real address of the segment- or page-table entry whose invalid bit ended the last failed translation, else -1
 * (LOAD REAL ADDRESS reports it with condition code 1 or 2). */
export const datFault = { entry: -1 }
// (a double field from the start, as the entries' addresses above 2^30 need: a first such store changed the object's
// hidden class and V8 dropped datTranslate's optimized code)
datFault.entry = DOUBLE
datFault.entry = -1

/** Translates a virtual address to a real address through the ASCE selected by the PSW; throws on exceptions. */
export function datTranslate(c: Cpu, a: number, acc: number): number {
  datFault.entry = -1
  const { cr, id } = asceFor(c)
  const ah = c.crh[cr]!
  const al = c.crl[cr]!
  if (al & 0x20) return a // real-space designation
  const dt = (al >>> 2) & 3
  const tl = al & 3
  let origin = (ah >>> 0) * TWO32 + ((al & 0xfffff000) >>> 0)
  const pn = c.pageNo(a)
  const rfx = Math.floor(pn / 2 ** 41) % 2048
  const rsx = Math.floor(pn / 2 ** 30) % 2048
  const rtx = Math.floor(pn / 2 ** 19) % 2048
  const sx = Math.floor(pn / 2 ** 8) % 2048
  const px = pn % 256
  let prot = false
  let iep = false
  const edat = (c.crl[0]! & CR0_EDAT) !== 0
  const iepOn = (c.crl[0]! & CR0_IEP) !== 0
  // Region levels: 3 = first, 2 = second, 1 = third; dt says where the walk starts.
  if ((dt < 3 && rfx !== 0) || (dt < 2 && rsx !== 0) || (dt < 1 && rtx !== 0)) fail(c, PGM_ASCE_TYPE, a, acc, id, 0)
  let len = tl
  const levels: Array<[number, number]> = [
    [3, rfx],
    [2, rsx],
    [1, rtx],
  ]
  for (const [lvl, idx] of levels) {
    if (lvl > dt) continue
    const code = lvl === 3 ? PGM_REGION_FIRST : lvl === 2 ? PGM_REGION_SECOND : PGM_REGION_THIRD
    if (idx >>> 9 > len) fail(c, code, a, acc, id, 0)
    entry(c, origin + idx * 8)
    const el = c.tl
    if (el & 0x20) fail(c, code, a, acc, id, 0)
    if (((el >>> 2) & 3) !== lvl) fail(c, PGM_TRANSLATION_SPEC, a, acc, id, 0)
    const tf = (el >>> 6) & 3
    if (edat && el & 0x200) prot = true
    origin = (c.th >>> 0) * TWO32 + ((el & 0xfffff000) >>> 0)
    // The next table's offset/length constrain the next index.
    const nextIdx = lvl === 3 ? rsx : lvl === 2 ? rtx : sx
    if (nextIdx >>> 9 < tf) fail(c, lvl === 3 ? PGM_REGION_SECOND : lvl === 2 ? PGM_REGION_THIRD : PGM_SEGMENT_TRANSLATION, a, acc, id, 0)
    len = el & 3
  }
  if (dt === 0 && sx >>> 9 > tl) fail(c, PGM_SEGMENT_TRANSLATION, a, acc, id, 0)
  if (dt !== 0 && sx >>> 9 > len) fail(c, PGM_SEGMENT_TRANSLATION, a, acc, id, 0)
  entry(c, origin + sx * 8)
  const sl = c.tl
  if (sl & 0x20) {
    datFault.entry = origin + sx * 8
    fail(c, PGM_SEGMENT_TRANSLATION, a, acc, id, 0)
  }
  if (((sl >>> 2) & 3) !== 0) fail(c, PGM_TRANSLATION_SPEC, a, acc, id, 0)
  if (sl & 0x200) prot = true
  let real: number
  c.datAbsolute = false
  if (edat && sl & 0x400) {
    // Large (1 MB) frames are absolute: no prefixing applies.
    c.datAbsolute = true
    if (iepOn && sl & 0x100) iep = true
    real = (c.th >>> 0) * TWO32 + ((sl & 0xfff00000) >>> 0) + (pn % 256) * 4096 + (a & 0xfff)
  } else {
    const pto = (c.th >>> 0) * TWO32 + ((sl & 0xfffff800) >>> 0)
    entry(c, pto + px * 8)
    const pl = c.tl
    if (pl & 0x400) {
      datFault.entry = pto + px * 8
      fail(c, PGM_PAGE_TRANSLATION, a, acc, id, 0)
    }
    if (pl & 0x800 || (!iepOn && pl & 0x100)) fail(c, PGM_TRANSLATION_SPEC, a, acc, id, 0)
    if (pl & 0x200) prot = true
    if (iepOn && pl & 0x100) iep = true
    real = (c.th >>> 0) * TWO32 + ((pl & 0xfffff000) >>> 0) + (a & 0xfff)
  }
  if (prot && acc === ACC_STORE) fail(c, PGM_PROTECTION, a, acc, id, TEID_PROT_DAT)
  if (iep && acc === ACC_IFETCH) fail(c, PGM_PROTECTION, a, acc, id, TEID_PROT_IEP)
  return real
}

/** Key-controlled protection for a nonzero PSW key (POP 3-9). Throws a protection exception. */
export function keyCheck(c: Cpu, abs: number, a: number, acc: number): void {
  const key = c.pswKey
  const sk = c.mem.keys[Math.floor(abs / 4096)]!
  const acck = (sk & SKEY_ACC) >>> 4
  if (acck === key) return
  const cr0 = c.crl[0]!
  if (acc === ACC_STORE) {
    if (acck === 9 && cr0 & CR0_STORE_PROT_OVERRIDE) return
  } else {
    if ((sk & SKEY_FETCH) === 0) return
    if (acck === 9 && cr0 & CR0_STORE_PROT_OVERRIDE) return
    if (cr0 & CR0_FETCH_PROT_OVERRIDE && a < 2048 && acc !== ACC_IFETCH) return
  }
  const pn = c.pageNo(a)
  c.teidH = Math.floor(pn / 1048576) >>> 0
  c.teidL = (((pn % 1048576) * 4096) | TEID_PROT_KEY) >>> 0
  c.excAccessId = 0
  pgm(PGM_PROTECTION)
}

export { ACC_FETCH }
