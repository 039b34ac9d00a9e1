// Branch instructions (POP ch. 7): conditional, relative, count, index, compare-and-branch, load/store on condition,
// and EXECUTE.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { ProgramException, pgm } from '../cpu/exceptions.ts'
import { PGM_EXECUTE, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { perBranch, perExecuteFetch } from '../cpu/per.ts'
import { cmp32, cmp64, cmpl32, cmpl64, cond } from './helpers.ts'

const rel = (c: Cpu, i: number): number => c.wrap(c.ia + i * 2)
/** Link information stored by BAS/BRAS family in the current addressing mode. */
function link(c: Cpu, r: number): void {
  const nia = c.nia
  if (c.amode === -1) {
    c.rh[r] = Math.floor(nia / 4294967296) | 0
    c.rl[r] = nia | 0
  } else if (c.amode === 0x7fffffff) c.rl[r] = (nia | 0x80000000) | 0
  else c.rl[r] = nia & 0xffffff
}
function jump(c: Cpu, t: number): void {
  c.nia = t
  if (c.perOn) perBranch(c, t)
}

export const bcr: Exec = (c) => {
  if (c.r2 !== 0 && cond(c, c.r1)) jump(c, c.raddr(c.r2))
  // BCR 14,0 / 15,0 are serialization; nothing to do.
}
export const bc: Exec = (c) => {
  if (cond(c, c.r1)) jump(c, c.ea2())
}
/** BRANCH INDIRECT ON CONDITION (facility 58): the doubleword operand is the branch address (fetched always). */
export const bic: Exec = (c) => {
  c.rd64(c.ea2())
  if (!cond(c, c.r1)) return
  const h = c.th >>> 0
  const l = c.tl >>> 0
  if (c.amode !== -1) jump(c, (l & c.amode) >>> 0)
  else jump(c, h < 0x200000 ? h * 4294967296 + l : c.encodeHigh(h, l))
}
export const brc: Exec = (c) => {
  if (cond(c, c.r1)) jump(c, rel(c, c.i2))
}
export const brcl: Exec = (c) => {
  if (cond(c, c.r1)) jump(c, rel(c, c.i2))
}
export const basr: Exec = (c) => {
  const t = c.raddr(c.r2)
  link(c, c.r1)
  if (c.r2 !== 0) jump(c, t)
}
export const bas: Exec = (c) => {
  const t = c.ea2()
  link(c, c.r1)
  jump(c, t)
}
/** BAL/BALR link in the 24-bit mode: ILC (of EXECUTE when executed), CC and program mask in bits 32-39. */
function balLink(c: Cpu, r: number): void {
  if (c.amode !== 0xffffff) return link(c, r)
  c.rl[r] = (((c.ilc >>> 1) << 30) | (c.cc << 28) | (c.pm << 24) | (c.nia & 0xffffff)) | 0
}
export const balr: Exec = (c) => {
  const t = c.raddr(c.r2)
  balLink(c, c.r1)
  if (c.r2 !== 0) jump(c, t)
}
export const bal: Exec = (c) => {
  const t = c.ea2()
  balLink(c, c.r1)
  jump(c, t)
}
export const bras: Exec = (c) => {
  link(c, c.r1)
  jump(c, rel(c, c.i2))
}
export const brasl: Exec = bras
export const bctr: Exec = (c) => {
  const v = (c.rl[c.r1]! - 1) | 0
  const t = c.raddr(c.r2)
  c.rl[c.r1] = v
  if (v !== 0 && c.r2 !== 0) jump(c, t)
}
export const bctgr: Exec = (c) => {
  const t = c.raddr(c.r2)
  dec64(c, c.r1)
  if ((c.rh[c.r1]! | c.rl[c.r1]!) !== 0 && c.r2 !== 0) jump(c, t)
}
export const bct: Exec = (c) => {
  const t = c.ea2()
  const v = (c.rl[c.r1]! - 1) | 0
  c.rl[c.r1] = v
  if (v !== 0) jump(c, t)
}
function dec64(c: Cpu, r: number): void {
  const lo = c.rl[r]!
  if (lo === 0) c.rh[r] = (c.rh[r]! - 1) | 0
  c.rl[r] = (lo - 1) | 0
}
export const brct: Exec = (c) => {
  const v = (c.rl[c.r1]! - 1) | 0
  c.rl[c.r1] = v
  if (v !== 0) jump(c, rel(c, c.i2))
}
export const brctg: Exec = (c) => {
  dec64(c, c.r1)
  if ((c.rh[c.r1]! | c.rl[c.r1]!) !== 0) jump(c, rel(c, c.i2))
}
/** BRANCH RELATIVE ON INDEX HIGH / LOW OR EQUAL (32 and 64 bit). */
function bx(high: boolean, wide: boolean, relative: boolean): Exec {
  return (c) => {
    const t = relative ? rel(c, c.i2) : c.ea2()
    const r3 = c.r3
    const cmpReg = r3 | 1
    let ccv: number
    if (wide) {
      const ih = c.rh[r3]!
      const il = c.rl[r3]!
      const ch = c.rh[cmpReg]!
      const cl = c.rl[cmpReg]!
      const lo = (c.rl[c.r1]! >>> 0) + (il >>> 0)
      const hi = (c.rh[c.r1]! + ih + (lo > 0xffffffff ? 1 : 0)) | 0
      c.rh[c.r1] = hi
      c.rl[c.r1] = lo | 0
      ccv = cmp64(hi, lo | 0, ch, cl)
    } else {
      const inc = c.rl[r3]!
      const cmpv = c.rl[cmpReg]!
      const v = (c.rl[c.r1]! + inc) | 0
      c.rl[c.r1] = v
      ccv = cmp32(v, cmpv)
    }
    if (high ? ccv === 2 : ccv !== 2) jump(c, t)
  }
}
export const bxh = bx(true, false, false)
export const bxle = bx(false, false, false)
export const bxhg = bx(true, true, false)
export const bxleg = bx(false, true, false)
export const brxh = bx(true, false, true)
export const brxle = bx(false, false, true)
export const brxhg = bx(true, true, true)
export const brxlg = bx(false, true, true)

// ---- BRANCH AND SET MODE / BRANCH AND SAVE AND SET MODE (POP ch. 7) --------------------------------------------
/** Branches to the address and mode that the 64-bit value h:l (R2 before R1 was changed) designates: bit 63 one is
 * the 64-bit mode (address with bit 63 zeroed), else bit 32 one the 31-bit mode (bits 33-63), else the 24-bit
 * mode (bits 40-63). */
function setMode(c: Cpu, h: number, l: number): void {
  if (l & 1) {
    c.amode = -1
    jump(c, c.addr64(h, (l >>> 0) - 1))
  } else if (l & 0x80000000) {
    c.amode = 0x7fffffff
    jump(c, l & 0x7fffffff)
  } else {
    c.amode = 0xffffff
    jump(c, l & 0xffffff)
  }
  c.brk = true
}
/** BSM: R1 (when nonzero) gets the current mode: bit 63 set in the 64-bit mode, else bit 32 = PSW bit 32; then
 * the branch with the mode R2 designates (none when R2 is zero). */
export const bsm: Exec = (c) => {
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  const r1 = c.r1
  if (r1 !== 0) {
    if (c.amode === -1) c.rl[r1] = c.rl[r1]! | 1
    else if (c.amode === 0x7fffffff) c.rl[r1] = c.rl[r1]! | 0x80000000
    else c.rl[r1] = c.rl[r1]! & 0x7fffffff
  }
  if (c.r2 !== 0) setMode(c, h, l)
}
/** BASSM: link information in R1 as BASR stores it, with bit 63 one in the 64-bit mode; then the branch with the
 * mode R2 designates (none when R2 is zero). */
export const bassm: Exec = (c) => {
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  link(c, c.r1)
  if (c.amode === -1) c.rl[c.r1] = c.rl[c.r1]! | 1
  if (c.r2 !== 0) setMode(c, h, l)
}

// ---- compare and branch (relative) ---------------------------------------------------------------------------
const cj = (c: Cpu, ccv: number): void => {
  if (c.m3 & (8 >>> ccv)) jump(c, rel(c, c.i4))
}
export const crj: Exec = (c) => cj(c, cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const cgrj: Exec = (c) => cj(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const clrj: Exec = (c) => cj(c, cmpl32(c.rl[c.r1]!, c.rl[c.r2]!))
export const clgrj: Exec = (c) => cj(c, cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cij: Exec = (c) => cj(c, cmp32(c.rl[c.r1]!, (c.i2 << 24) >> 24))
export const cgij: Exec = (c) => {
  const i = (c.i2 << 24) >> 24
  cj(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, i >> 31, i))
}
export const clij: Exec = (c) => cj(c, cmpl32(c.rl[c.r1]!, c.i2 & 0xff))
export const clgij: Exec = (c) => cj(c, cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.i2 & 0xff))
const cb = (c: Cpu, ccv: number): void => {
  if (c.m3 & (8 >>> ccv)) jump(c, c.ea2())
}
export const crb: Exec = (c) => cb(c, cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const cgrb: Exec = (c) => cb(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const clrb: Exec = (c) => cb(c, cmpl32(c.rl[c.r1]!, c.rl[c.r2]!))
export const clgrb: Exec = (c) => cb(c, cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cib: Exec = (c) => cb(c, cmp32(c.rl[c.r1]!, c.i2))
export const cgib: Exec = (c) => cb(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.i2 >> 31, c.i2))

// ---- load/store on condition --------------------------------------------------------------------------------
export const locr: Exec = (c) => {
  if (cond(c, c.m3)) c.rl[c.r1] = c.rl[c.r2]!
}
export const locgr: Exec = (c) => {
  if (cond(c, c.m3)) {
    c.rh[c.r1] = c.rh[c.r2]!
    c.rl[c.r1] = c.rl[c.r2]!
  }
}
export const loc: Exec = (c) => {
  if (cond(c, c.m3)) c.rl[c.r1] = c.rd32(c.ea2())
}
export const locg: Exec = (c) => {
  if (cond(c, c.m3)) {
    c.rd64(c.ea2())
    c.rh[c.r1] = c.th
    c.rl[c.r1] = c.tl
  }
}
export const stoc: Exec = (c) => {
  if (cond(c, c.m3)) c.wr32(c.ea2(), c.rl[c.r1]!)
}
export const stocg: Exec = (c) => {
  if (cond(c, c.m3)) c.wr64(c.ea2(), c.rh[c.r1]!, c.rl[c.r1]!)
}
// High-word and load/store-on-condition 2 forms (facilities 45, 53).
export const brcth: Exec = (c) => {
  const v = (c.rh[c.r1]! - 1) | 0
  c.rh[c.r1] = v
  if (v !== 0) jump(c, rel(c, c.i2))
}
export const lochhi: Exec = (c) => {
  if (cond(c, c.m3)) c.rh[c.r1] = c.i2
}
export const locfh: Exec = (c) => {
  if (cond(c, c.m3)) c.rh[c.r1] = c.rd32(c.ea2())
}
export const stocfh: Exec = (c) => {
  if (cond(c, c.m3)) c.wr32(c.ea2(), c.rh[c.r1]!)
}
export const locfhr: Exec = (c) => {
  if (cond(c, c.m3)) c.rh[c.r1] = c.rh[c.r2]!
}
export const lochi: Exec = (c) => {
  if (cond(c, c.m3)) c.rl[c.r1] = c.i2
}
export const locghi: Exec = (c) => {
  if (cond(c, c.m3)) {
    c.rh[c.r1] = c.i2 >> 31
    c.rl[c.r1] = c.i2
  }
}

// ---- EXECUTE -------------------------------------------------------------------------------------------------
function execute(c: Cpu, target: number): void {
  if (c.inExecute) pgm(PGM_EXECUTE)
  if (target % 2 !== 0) pgm(PGM_SPECIFICATION)
  if (c.perOn) perExecuteFetch(c, target)
  const or = c.r1 !== 0 ? c.rl[c.r1]! & 0xff : 0
  const r1 = c.r1
  const ilc = c.ilc
  const save = c.nia
  let h0 = c.fetch16(target)
  const top = h0 >>> 14
  const h1 = top !== 0 ? c.fetch16(c.wrap(target + 2)) : 0
  const h2 = top === 3 ? c.fetch16(c.wrap(target + 4)) : 0
  if (r1 !== 0) h0 = h0 | or
  if (h0 >>> 8 === 0x44 || (h0 >>> 8 === 0xc6 && (h0 & 15) === 0)) pgm(PGM_EXECUTE)
  c.ilc = ilc
  c.nia = save
  const ia = c.ia
  c.ia = target
  try {
    c.executeImage(h0, h1, h2)
  } catch (e) {
    c.ilc = ilc
    // An early PSW exception (ILC 0) of an executed LPSW/LPSWE: the old PSW is the PSW it loaded.
    if (!(e instanceof ProgramException && e.ilc === 0)) c.ia = ia
    throw e
  }
  c.ia = ia
  c.ilc = ilc
}
export const ex: Exec = (c) => execute(c, c.ea2())
export const exrl: Exec = (c) => execute(c, rel(c, c.i2))
