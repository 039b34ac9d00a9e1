// General instructions on registers (POP ch. 7): binary arithmetic, logical, compare, shift, rotate, loads/stores.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_AFP, PGM_DATA, PGM_FIXED_DIVIDE, PGM_SPECIFICATION, LC_DATA_EXC_CODE } from '../cpu/constants.ts'
import {
  add32,
  add64,
  addl32,
  addl64,
  bigToPair,
  cc32,
  cc64,
  cmp32,
  cmp64,
  cmpl32,
  cmpl64,
  mask64,
  ovf,
  pairToBig,
  pairToBigU,
  rotl64,
  sar64,
  shl64,
  shr64,
  sub32,
  sub64,
  subl32,
  subl64,
} from './helpers.ts'

// ---- operand fetchers ---------------------------------------------------------------------------------------
const m32 = (c: Cpu): number => c.rd32(c.ea2())
const m16s = (c: Cpu): number => (c.rd16(c.ea2()) << 16) >> 16
const m8 = (c: Cpu): number => c.rd8(c.ea2())
/** Loads the doubleword operand into th/tl. */
const m64 = (c: Cpu): void => c.rd64(c.ea2())
const sh = (c: Cpu): number => c.ea2() & 63

function set64(c: Cpu, r: number, h: number, l: number): void {
  c.rh[r] = h
  c.rl[r] = l
}
/** Stores th/tl into GR r. */
function put(c: Cpu, r: number): void {
  c.rh[r] = c.th
  c.rl[r] = c.tl
}
function evenPair(c: Cpu, r: number): void {
  if (r & 1) pgm(PGM_SPECIFICATION)
}

// ---- add / subtract (signed) ----------------------------------------------------------------------------------
function a32(c: Cpu, r: number, a: number, b: number): void {
  c.rl[r] = add32(c, a, b)
  ovf(c)
}
function s32(c: Cpu, r: number, a: number, b: number): void {
  c.rl[r] = sub32(c, a, b)
  ovf(c)
}
function a64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number): void {
  add64(c, ah, al, bh, bl)
  put(c, r)
  ovf(c)
}
function s64(c: Cpu, r: number, ah: number, al: number, bh: number, bl: number): void {
  sub64(c, ah, al, bh, bl)
  put(c, r)
  ovf(c)
}
const sx = (v: number): number => v >> 31

export const ar: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.rl[c.r2]!)
export const sr: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, c.rl[c.r2]!)
export const a: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, m32(c))
export const s: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, m32(c))
export const ah: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, m16s(c))
export const sh_: Exec = (c) => s32(c, c.r1, c.rl[c.r1]!, m16s(c))
export const ahi: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.i2)
export const afi: Exec = (c) => a32(c, c.r1, c.rl[c.r1]!, c.i2)
export const ark: Exec = (c) => a32(c, c.r1, c.rl[c.r2]!, c.rl[c.r3]!)
export const srk: Exec = (c) => s32(c, c.r1, c.rl[c.r2]!, c.rl[c.r3]!)
export const ahik: Exec = (c) => a32(c, c.r1, c.rl[c.r3]!, c.i2)
export const agr: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!)
export const sgr: Exec = (c) => s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!)
export const agrk: Exec = (c) => a64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, c.rh[c.r3]!, c.rl[c.r3]!)
export const sgrk: Exec = (c) => s64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, c.rh[c.r3]!, c.rl[c.r3]!)
export const agfr: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const sgfr: Exec = (c) => s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const aghi: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2)
export const agfi: Exec = (c) => a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2)
export const aghik: Exec = (c) => a64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, sx(c.i2), c.i2)
export const ag: Exec = (c) => {
  m64(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const sg: Exec = (c) => {
  m64(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const agf: Exec = (c) => {
  const v = m32(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const sgf: Exec = (c) => {
  const v = m32(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const agh: Exec = (c) => {
  const v = m16s(c)
  a64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const asi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  const v = c.rd32(ad)
  const r = add32(c, v, (c.i2 << 24) >> 24)
  c.wr32(ad, r)
  ovf(c)
}
export const agsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.rd64(ad)
  const i = (c.i2 << 24) >> 24
  add64(c, c.th, c.tl, sx(i), i)
  c.wr64(ad, c.th, c.tl)
  ovf(c)
}

// ---- add / subtract logical ------------------------------------------------------------------------------------
const carry = (c: Cpu): number => (c.cc >>> 1) & 1
export const alr: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 0))
export const slr: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 0))
export const al: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, m32(c), 0))
export const sl: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, m32(c), 0))
export const alfi: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.i2, 0))
export const slfi: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.i2, 0))
export const alrk: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r2]!, c.rl[c.r3]!, 0))
export const slrk: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r2]!, c.rl[c.r3]!, 0))
export const alhsik: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r3]!, c.i2, 0))
export const alcr: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, c.rl[c.r2]!, carry(c)))
export const slbr: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, c.rl[c.r2]!, 1 - carry(c)))
export const alc: Exec = (c) => void (c.rl[c.r1] = addl32(c, c.rl[c.r1]!, m32(c), carry(c)))
export const slb: Exec = (c) => void (c.rl[c.r1] = subl32(c, c.rl[c.r1]!, m32(c), 1 - carry(c)))
function al64(c: Cpu, r: number, bh: number, bl: number, cin: number, ah = c.rh[r]!, alo = c.rl[r]!): void {
  addl64(c, ah, alo, bh, bl, cin)
  put(c, r)
}
function sl64(c: Cpu, r: number, bh: number, bl: number, borrow: number, ah = c.rh[r]!, alo = c.rl[r]!): void {
  subl64(c, ah, alo, bh, bl, borrow)
  put(c, r)
}
export const algr: Exec = (c) => al64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 0)
export const slgr: Exec = (c) => sl64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 0)
export const algfr: Exec = (c) => al64(c, c.r1, 0, c.rl[c.r2]!, 0)
export const slgfr: Exec = (c) => sl64(c, c.r1, 0, c.rl[c.r2]!, 0)
export const algrk: Exec = (c) => al64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const slgrk: Exec = (c) => sl64(c, c.r1, c.rh[c.r3]!, c.rl[c.r3]!, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const alcgr: Exec = (c) => al64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, carry(c))
export const slbgr: Exec = (c) => sl64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!, 1 - carry(c))
export const algfi: Exec = (c) => al64(c, c.r1, 0, c.i2, 0)
export const slgfi: Exec = (c) => sl64(c, c.r1, 0, c.i2, 0)
export const alghsik: Exec = (c) => al64(c, c.r1, sx(c.i2), c.i2, 0, c.rh[c.r3]!, c.rl[c.r3]!)
export const alg: Exec = (c) => {
  m64(c)
  al64(c, c.r1, c.th, c.tl, 0)
}
export const slg: Exec = (c) => {
  m64(c)
  sl64(c, c.r1, c.th, c.tl, 0)
}
export const alcg: Exec = (c) => {
  m64(c)
  al64(c, c.r1, c.th, c.tl, carry(c))
}
export const slbg: Exec = (c) => {
  m64(c)
  sl64(c, c.r1, c.th, c.tl, 1 - carry(c))
}
export const algf: Exec = (c) => al64(c, c.r1, 0, m32(c), 0)
export const slgf: Exec = (c) => sl64(c, c.r1, 0, m32(c), 0)
export const alsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.wr32(ad, addl32(c, c.rd32(ad), (c.i2 << 24) >> 24, 0))
}
export const algsi: Exec = (c) => {
  const ad = c.ea(0, c.b1, c.d1)
  c.rd64(ad)
  const i = (c.i2 << 24) >> 24
  addl64(c, c.th, c.tl, sx(i), i, 0)
  c.wr64(ad, c.th, c.tl)
}

// ---- multiply / divide ------------------------------------------------------------------------------------------
export const msr: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.rl[c.r2]!))
export const ms: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, m32(c)))
export const msfi: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.i2))
export const mhi: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, c.i2))
export const mh: Exec = (c) => void (c.rl[c.r1] = Math.imul(c.rl[c.r1]!, m16s(c)))
function mul64(c: Cpu, r: number, b: bigint): void {
  bigToPair(c, pairToBig(c.rh[r]!, c.rl[r]!) * b)
  put(c, r)
}
export const msgr: Exec = (c) => mul64(c, c.r1, pairToBig(c.rh[c.r2]!, c.rl[c.r2]!))
export const msgfr: Exec = (c) => mul64(c, c.r1, BigInt(c.rl[c.r2]!))
export const mghi: Exec = (c) => mul64(c, c.r1, BigInt(c.i2))
export const msgfi: Exec = (c) => mul64(c, c.r1, BigInt(c.i2))
export const msg: Exec = (c) => {
  m64(c)
  mul64(c, c.r1, pairToBig(c.th, c.tl))
}
export const msgf: Exec = (c) => mul64(c, c.r1, BigInt(m32(c)))
export const msrkc: Exec = (c) => {
  const p = BigInt(c.rl[c.r2]!) * BigInt(c.rl[c.r3]!)
  const r = Number(BigInt.asIntN(32, p))
  c.rl[c.r1] = r
  c.cc = BigInt(r) !== p ? 3 : cc32(r)
  ovf(c)
}
// Miscellaneous-instruction-extensions 2 (facility 58): storage forms of the CC-setting multiplies, MG, MGH, SGH.
export const msc: Exec = (c) => {
  const p = BigInt(c.rl[c.r1]!) * BigInt(m32(c))
  const r = Number(BigInt.asIntN(32, p))
  c.rl[c.r1] = r
  c.cc = BigInt(r) !== p ? 3 : cc32(r)
  ovf(c)
}
export const msgc: Exec = (c) => {
  m64(c)
  const p = pairToBig(c.rh[c.r1]!, c.rl[c.r1]!) * pairToBig(c.th, c.tl)
  bigToPair(c, p)
  put(c, c.r1)
  c.cc = BigInt.asIntN(64, p) !== p ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
export const mg: Exec = (c) => {
  evenPair(c, c.r1)
  m64(c)
  const p = pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!) * pairToBig(c.th, c.tl)
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
export const mgh: Exec = (c) => mul64(c, c.r1, BigInt(m16s(c)))
export const sgh: Exec = (c) => {
  const v = m16s(c)
  s64(c, c.r1, c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const msgrkc: Exec = (c) => {
  const p = pairToBig(c.rh[c.r2]!, c.rl[c.r2]!) * pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  bigToPair(c, p)
  put(c, c.r1)
  c.cc = BigInt.asIntN(64, p) !== p ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
function mulPair32(c: Cpu, signed: boolean, b: number): void {
  evenPair(c, c.r1)
  const x = signed ? BigInt(c.rl[c.r1 + 1]!) : BigInt(c.rl[c.r1 + 1]! >>> 0)
  const y = signed ? BigInt(b) : BigInt(b >>> 0)
  bigToPair(c, x * y)
  c.rl[c.r1] = c.th
  c.rl[c.r1 + 1] = c.tl
}
export const mr: Exec = (c) => mulPair32(c, true, c.rl[c.r2]!)
export const m: Exec = (c) => mulPair32(c, true, m32(c))
export const mfy: Exec = (c) => mulPair32(c, true, m32(c))
export const mlr: Exec = (c) => mulPair32(c, false, c.rl[c.r2]!)
export const ml: Exec = (c) => mulPair32(c, false, m32(c))
function mulPair64(c: Cpu, bh: number, bl: number, signed: boolean): void {
  evenPair(c, c.r1)
  const x = signed ? pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!) : pairToBigU(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
  const p = x * (signed ? pairToBig(bh, bl) : pairToBigU(bh, bl))
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
export const mlgr: Exec = (c) => mulPair64(c, c.rh[c.r2]!, c.rl[c.r2]!, false)
export const mlg: Exec = (c) => {
  m64(c)
  mulPair64(c, c.th, c.tl, false)
}
export const mgrk: Exec = (c) => {
  evenPair(c, c.r1)
  const p = pairToBig(c.rh[c.r2]!, c.rl[c.r2]!) * pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  bigToPair(c, p)
  put(c, c.r1 + 1)
  bigToPair(c, p >> 64n)
  put(c, c.r1)
}
function divPair32(c: Cpu, b: number, signed: boolean): void {
  evenPair(c, c.r1)
  const dd = signed ? pairToBig(c.rl[c.r1]!, c.rl[c.r1 + 1]!) : pairToBigU(c.rl[c.r1]!, c.rl[c.r1 + 1]!)
  const dv = signed ? BigInt(b) : BigInt(b >>> 0)
  if (dv === 0n) pgm(PGM_FIXED_DIVIDE)
  const q = dd / dv
  const r = dd % dv
  if (signed ? q !== BigInt.asIntN(32, q) : q > 0xffffffffn) pgm(PGM_FIXED_DIVIDE)
  c.rl[c.r1] = Number(BigInt.asIntN(32, r))
  c.rl[c.r1 + 1] = Number(BigInt.asIntN(32, q))
}
export const dr: Exec = (c) => divPair32(c, c.rl[c.r2]!, true)
export const d: Exec = (c) => divPair32(c, m32(c), true)
export const dlr: Exec = (c) => divPair32(c, c.rl[c.r2]!, false)
export const dl: Exec = (c) => divPair32(c, m32(c), false)
function divSingle64(c: Cpu, dv: bigint): void {
  evenPair(c, c.r1)
  if (dv === 0n) pgm(PGM_FIXED_DIVIDE)
  const dd = pairToBig(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
  const q = dd / dv
  if (q !== BigInt.asIntN(64, q)) pgm(PGM_FIXED_DIVIDE)
  bigToPair(c, dd % dv)
  put(c, c.r1)
  bigToPair(c, q)
  put(c, c.r1 + 1)
}
export const dsgr: Exec = (c) => divSingle64(c, pairToBig(c.rh[c.r2]!, c.rl[c.r2]!))
export const dsgfr: Exec = (c) => divSingle64(c, BigInt(c.rl[c.r2]!))
export const dsg: Exec = (c) => {
  m64(c)
  divSingle64(c, pairToBig(c.th, c.tl))
}
export const dsgf: Exec = (c) => divSingle64(c, BigInt(m32(c)))
function divl128(c: Cpu, dv: bigint): void {
  evenPair(c, c.r1)
  if (dv === 0n) pgm(PGM_FIXED_DIVIDE)
  const dd = (pairToBigU(c.rh[c.r1]!, c.rl[c.r1]!) << 64n) | pairToBigU(c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
  const q = dd / dv
  if (q > 0xffffffffffffffffn) pgm(PGM_FIXED_DIVIDE)
  bigToPair(c, dd % dv)
  put(c, c.r1)
  bigToPair(c, q)
  put(c, c.r1 + 1)
}
export const dlgr: Exec = (c) => divl128(c, pairToBigU(c.rh[c.r2]!, c.rl[c.r2]!))
export const dlg: Exec = (c) => {
  m64(c)
  divl128(c, pairToBigU(c.th, c.tl))
}

// ---- logical (AND/OR/XOR) ---------------------------------------------------------------------------------------
function n32(c: Cpu, r: number, v: number): void {
  c.rl[r] = v
  c.cc = v === 0 ? 0 : 1
}
function n64(c: Cpu, r: number, h: number, l: number): void {
  c.rh[r] = h
  c.rl[r] = l
  c.cc = (h | l) === 0 ? 0 : 1
}
export const nr: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! & c.rl[c.r2]!)
export const or: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! | c.rl[c.r2]!)
export const xr: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! ^ c.rl[c.r2]!)
export const nrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! & c.rl[c.r3]!)
export const ork: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! | c.rl[c.r3]!)
export const xrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! ^ c.rl[c.r3]!)
export const n: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! & m32(c))
export const o: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! | m32(c))
export const x: Exec = (c) => n32(c, c.r1, c.rl[c.r1]! ^ m32(c))
export const ngr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! & c.rh[c.r2]!, c.rl[c.r1]! & c.rl[c.r2]!)
export const ogr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! | c.rh[c.r2]!, c.rl[c.r1]! | c.rl[c.r2]!)
export const xgr: Exec = (c) => n64(c, c.r1, c.rh[c.r1]! ^ c.rh[c.r2]!, c.rl[c.r1]! ^ c.rl[c.r2]!)
export const ngrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! & c.rh[c.r3]!, c.rl[c.r2]! & c.rl[c.r3]!)
export const ogrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! | c.rh[c.r3]!, c.rl[c.r2]! | c.rl[c.r3]!)
export const xgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! ^ c.rh[c.r3]!, c.rl[c.r2]! ^ c.rl[c.r3]!)
// Miscellaneous-instruction-extensions 3 (facility 61): AND/OR with complement, NAND, NOR, NOT XOR, SELECT.
export const ncrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! & ~c.rl[c.r3]!)
export const ncgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! & ~c.rh[c.r3]!, c.rl[c.r2]! & ~c.rl[c.r3]!)
export const ocrk: Exec = (c) => n32(c, c.r1, c.rl[c.r2]! | ~c.rl[c.r3]!)
export const ocgrk: Exec = (c) => n64(c, c.r1, c.rh[c.r2]! | ~c.rh[c.r3]!, c.rl[c.r2]! | ~c.rl[c.r3]!)
export const nnrk: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! & c.rl[c.r3]!))
export const nngrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! & c.rh[c.r3]!), ~(c.rl[c.r2]! & c.rl[c.r3]!))
export const nork: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! | c.rl[c.r3]!))
export const nogrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! | c.rh[c.r3]!), ~(c.rl[c.r2]! | c.rl[c.r3]!))
export const nxrk: Exec = (c) => n32(c, c.r1, ~(c.rl[c.r2]! ^ c.rl[c.r3]!))
export const nxgrk: Exec = (c) => n64(c, c.r1, ~(c.rh[c.r2]! ^ c.rh[c.r3]!), ~(c.rl[c.r2]! ^ c.rl[c.r3]!))
/** SELECT: R2 when the M4 condition holds, else R3; the CC is unchanged. */
export const selr: Exec = (c) => void (c.rl[c.r1] = (c.m4 & (8 >>> c.cc)) !== 0 ? c.rl[c.r2]! : c.rl[c.r3]!)
export const selgr: Exec = (c) => {
  const r = (c.m4 & (8 >>> c.cc)) !== 0 ? c.r2 : c.r3
  set64(c, c.r1, c.rh[r]!, c.rl[r]!)
}
export const selfhr: Exec = (c) => void (c.rh[c.r1] = (c.m4 & (8 >>> c.cc)) !== 0 ? c.rh[c.r2]! : c.rh[c.r3]!)
export const ng: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! & c.th, c.rl[c.r1]! & c.tl)
}
export const og: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! | c.th, c.rl[c.r1]! | c.tl)
}
export const xg: Exec = (c) => {
  m64(c)
  n64(c, c.r1, c.rh[c.r1]! ^ c.th, c.rl[c.r1]! ^ c.tl)
}
/** AND/OR/XOR immediate on a 16- or 32-bit field; `hi` selects the high word, `shift` the halfword. */
function immOp(op: 'n' | 'o' | 'x', hi: boolean, half: -1 | 0 | 16): Exec {
  return (c) => {
    const arr = hi ? c.rh : c.rl
    const cur = arr[c.r1]!
    const fm = half === -1 ? -1 : 0xffff << half
    const iv = half === -1 ? c.i2 : (c.i2 & 0xffff) << half
    let v: number
    if (op === 'n') v = cur & (iv | ~fm)
    else if (op === 'o') v = cur | iv
    else v = cur ^ iv
    arr[c.r1] = v
    c.cc = (v & fm) === 0 ? 0 : 1
  }
}
export const nilf = immOp('n', false, -1)
export const nihf = immOp('n', true, -1)
export const oilf = immOp('o', false, -1)
export const oihf = immOp('o', true, -1)
export const xilf = immOp('x', false, -1)
export const xihf = immOp('x', true, -1)
export const nill = immOp('n', false, 0)
export const nilh = immOp('n', false, 16)
export const nihl = immOp('n', true, 0)
export const nihh = immOp('n', true, 16)
export const oill = immOp('o', false, 0)
export const oilh = immOp('o', false, 16)
export const oihl = immOp('o', true, 0)
export const oihh = immOp('o', true, 16)

// ---- insert / load immediate ----------------------------------------------------------------------------------
function ins(hi: boolean, half: -1 | 0 | 16, zero: boolean): Exec {
  return (c) => {
    const arr = hi ? c.rh : c.rl
    if (zero) {
      c.rh[c.r1] = 0
      c.rl[c.r1] = 0
    }
    if (half === -1) arr[c.r1] = c.i2
    else arr[c.r1] = (arr[c.r1]! & ~(0xffff << half)) | ((c.i2 & 0xffff) << half)
  }
}
export const iilf = ins(false, -1, false)
export const iihf = ins(true, -1, false)
export const iill = ins(false, 0, false)
export const iilh = ins(false, 16, false)
export const iihl = ins(true, 0, false)
export const iihh = ins(true, 16, false)
export const llilf = ins(false, -1, true)
export const llihf = ins(true, -1, true)
export const llill = ins(false, 0, true)
export const llilh = ins(false, 16, true)
export const llihl = ins(true, 0, true)
export const llihh = ins(true, 16, true)
export const lhi: Exec = (c) => void (c.rl[c.r1] = c.i2)
export const lghi: Exec = (c) => set64(c, c.r1, sx(c.i2), c.i2)
export const lgfi: Exec = (c) => set64(c, c.r1, sx(c.i2), c.i2)

// ---- test under mask -------------------------------------------------------------------------------------------
/** CC of TEST UNDER MASK (register forms): 0 all zero, 3 all one, 1 mixed with leftmost selected 0, 2 mixed with it 1. */
function tmcc(v: number, mask: number): number {
  const sel = v & mask
  if (sel === 0) return 0
  if (sel === mask) return 3
  const top = 1 << (31 - Math.clz32(mask))
  return sel & top ? 2 : 1
}
function tmr(hi: boolean, shift: number): Exec {
  return (c) => {
    const v = ((hi ? c.rh : c.rl)[c.r1]! >>> shift) & 0xffff
    c.cc = tmcc(v, c.i2 & 0xffff)
  }
}
export const tmll = tmr(false, 0)
export const tmlh = tmr(false, 16)
export const tmhl = tmr(true, 0)
export const tmhh = tmr(true, 16)

// ---- loads between registers -----------------------------------------------------------------------------------
export const lr: Exec = (c) => void (c.rl[c.r1] = c.rl[c.r2]!)
export const lgr: Exec = (c) => set64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!)
export const lgfr: Exec = (c) => set64(c, c.r1, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const llgfr: Exec = (c) => set64(c, c.r1, 0, c.rl[c.r2]!)
export const llgtr: Exec = (c) => set64(c, c.r1, 0, c.rl[c.r2]! & 0x7fffffff)
export const lbr: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r2]! << 24) >> 24)
export const lgbr: Exec = (c) => {
  const v = (c.rl[c.r2]! << 24) >> 24
  set64(c, c.r1, sx(v), v)
}
export const lhr: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r2]! << 16) >> 16)
export const lghr: Exec = (c) => {
  const v = (c.rl[c.r2]! << 16) >> 16
  set64(c, c.r1, sx(v), v)
}
export const llcr: Exec = (c) => void (c.rl[c.r1] = c.rl[c.r2]! & 0xff)
export const llgcr: Exec = (c) => set64(c, c.r1, 0, c.rl[c.r2]! & 0xff)
export const llhr: Exec = (c) => void (c.rl[c.r1] = c.rl[c.r2]! & 0xffff)
export const llghr: Exec = (c) => set64(c, c.r1, 0, c.rl[c.r2]! & 0xffff)
export const ltr: Exec = (c) => {
  const v = c.rl[c.r2]!
  c.rl[c.r1] = v
  c.cc = cc32(v)
}
export const ltgr: Exec = (c) => {
  set64(c, c.r1, c.rh[c.r2]!, c.rl[c.r2]!)
  c.cc = cc64(c.rh[c.r1]!, c.rl[c.r1]!)
}
export const ltgfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  set64(c, c.r1, sx(v), v)
  c.cc = cc32(v)
}
export const lcr: Exec = (c) => s32(c, c.r1, 0, c.rl[c.r2]!)
export const lcgr: Exec = (c) => s64(c, c.r1, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
export const lcgfr: Exec = (c) => s64(c, c.r1, 0, 0, sx(c.rl[c.r2]!), c.rl[c.r2]!)
export const lpr: Exec = (c) => {
  const v = c.rl[c.r2]!
  if (v < 0) s32(c, c.r1, 0, v)
  else ltr(c)
}
export const lpgr: Exec = (c) => {
  if (c.rh[c.r2]! < 0) s64(c, c.r1, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
  else ltgr(c)
}
export const lpgfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  if (v < 0) s64(c, c.r1, 0, 0, -1, v)
  else ltgfr(c)
}
export const lnr: Exec = (c) => {
  const v = c.rl[c.r2]!
  const r = v > 0 ? -v : v
  c.rl[c.r1] = r
  c.cc = r === 0 ? 0 : 1
}
export const lngr: Exec = (c) => {
  if (c.rh[c.r2]! >= 0 && (c.rh[c.r2]! | c.rl[c.r2]!) !== 0) sub64(c, 0, 0, c.rh[c.r2]!, c.rl[c.r2]!)
  else {
    c.th = c.rh[c.r2]!
    c.tl = c.rl[c.r2]!
  }
  put(c, c.r1)
  c.cc = (c.th | c.tl) === 0 ? 0 : 1
}
export const lngfr: Exec = (c) => {
  const v = c.rl[c.r2]!
  const r = v > 0 ? -v : v
  set64(c, c.r1, sx(r), r)
  c.cc = r === 0 ? 0 : 1
}
export const flogr: Exec = (c) => {
  evenPair(c, c.r1)
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  if ((h | l) === 0) {
    set64(c, c.r1, 0, 64)
    set64(c, c.r1 + 1, 0, 0)
    c.cc = 0
    return
  }
  const pos = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l)
  // Remainder: input with the found bit cleared.
  mask64(c, pos, pos)
  const mh = c.th
  const ml = c.tl
  set64(c, c.r1 + 1, h & ~mh, l & ~ml)
  set64(c, c.r1, 0, pos)
  c.cc = 2
}
export const popcnt: Exec = (c) => {
  const cnt = (v: number): number => {
    v = v - ((v >>> 1) & 0x55555555)
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
  }
  const pb = (v: number): number => ((cnt(v >>> 24) << 24) | (cnt((v >>> 16) & 0xff) << 16) | (cnt((v >>> 8) & 0xff) << 8) | cnt(v & 0xff)) | 0
  const h = c.rh[c.r2]!
  const l = c.rl[c.r2]!
  // M3 bit 0 (miscellaneous-instruction-extensions 3, facility 61): the total count instead of per-byte counts.
  if (c.m3 & 8) set64(c, c.r1, 0, cnt(h) + cnt(l))
  else set64(c, c.r1, pb(h), pb(l))
  c.cc = (h | l) === 0 ? 0 : 1
}

// ---- loads / stores from storage --------------------------------------------------------------------------------
export const l: Exec = (c) => void (c.rl[c.r1] = m32(c))
export const lg: Exec = (c) => {
  m64(c)
  put(c, c.r1)
}
export const lgf: Exec = (c) => {
  const v = m32(c)
  set64(c, c.r1, sx(v), v)
}
export const llgf: Exec = (c) => set64(c, c.r1, 0, m32(c))
export const llgt: Exec = (c) => set64(c, c.r1, 0, m32(c) & 0x7fffffff)
export const lh: Exec = (c) => void (c.rl[c.r1] = m16s(c))
export const lgh: Exec = (c) => {
  const v = m16s(c)
  set64(c, c.r1, sx(v), v)
}
export const llh: Exec = (c) => void (c.rl[c.r1] = c.rd16(c.ea2()))
export const llgh: Exec = (c) => set64(c, c.r1, 0, c.rd16(c.ea2()))
export const lb: Exec = (c) => void (c.rl[c.r1] = (m8(c) << 24) >> 24)
export const lgb: Exec = (c) => {
  const v = (m8(c) << 24) >> 24
  set64(c, c.r1, sx(v), v)
}
export const llc: Exec = (c) => void (c.rl[c.r1] = m8(c))
export const llgc: Exec = (c) => set64(c, c.r1, 0, m8(c))
export const lt: Exec = (c) => {
  const v = m32(c)
  c.rl[c.r1] = v
  c.cc = cc32(v)
}
export const ltg: Exec = (c) => {
  m64(c)
  put(c, c.r1)
  c.cc = cc64(c.th, c.tl)
}
export const ltgf: Exec = (c) => {
  const v = m32(c)
  set64(c, c.r1, sx(v), v)
  c.cc = cc32(v)
}
export const st: Exec = (c) => c.wr32(c.ea2(), c.rl[c.r1]!)
export const stg: Exec = (c) => c.wr64(c.ea2(), c.rh[c.r1]!, c.rl[c.r1]!)
export const sth: Exec = (c) => c.wr16(c.ea2(), c.rl[c.r1]!)
export const stc: Exec = (c) => c.wr8(c.ea2(), c.rl[c.r1]!)
/** LA/LARL result: like setRaddr, but the 24-bit mode zeroes bits 32-39 (POP LOAD ADDRESS). */
function setLoadAddr(c: Cpu, a: number): void {
  if (c.amode === 0xffffff) c.rl[c.r1] = a & 0xffffff
  else c.setRaddr(c.r1, a)
}
export const la: Exec = (c) => setLoadAddr(c, c.ea2())
export const ic: Exec = (c) => void (c.rl[c.r1] = (c.rl[c.r1]! & ~0xff) | m8(c))
function icmOp(hi: boolean): Exec {
  return (c) => {
    let ad = c.ea2()
    const arr = hi ? c.rh : c.rl
    let v = arr[c.r1]!
    let any = 0
    let first = -1
    for (let i = 0; i < 4; i++) {
      if (c.m3 & (8 >>> i)) {
        const b = c.rd8(ad)
        ad = c.wrap(ad + 1)
        if (first < 0) first = b
        any |= b
        const sft = 24 - i * 8
        v = (v & ~(0xff << sft)) | (b << sft)
      }
    }
    arr[c.r1] = v
    c.cc = any === 0 ? 0 : first & 0x80 ? 1 : 2
  }
}
export const icm = icmOp(false)
export const icmh = icmOp(true)
function stcmOp(hi: boolean): Exec {
  return (c) => {
    let ad = c.ea2()
    const v = (hi ? c.rh : c.rl)[c.r1]!
    for (let i = 0; i < 4; i++) {
      if (c.m3 & (8 >>> i)) {
        c.wr8(ad, v >>> (24 - i * 8))
        ad = c.wrap(ad + 1)
      }
    }
  }
}
export const stcm = stcmOp(false)
export const stcmh = stcmOp(true)
function clmOp(hi: boolean): Exec {
  return (c) => {
    let ad = c.ea2()
    const v = (hi ? c.rh : c.rl)[c.r1]!
    c.cc = 0
    for (let i = 0; i < 4; i++) {
      if (c.m3 & (8 >>> i)) {
        const a1 = (v >>> (24 - i * 8)) & 0xff
        const b = c.rd8(ad)
        ad = c.wrap(ad + 1)
        if (a1 !== b) {
          c.cc = a1 < b ? 1 : 2
          return
        }
      }
    }
  }
}
/** COMPARE LOGICAL CHAR. UNDER MASK (HIGH): the bytes of bits 0-31 selected by M3. */
export const clmh = clmOp(true)
export const clm: Exec = (c) => {
  let ad = c.ea2()
  const v = c.rl[c.r1]!
  c.cc = 0
  for (let i = 0; i < 4; i++) {
    if (c.m3 & (8 >>> i)) {
      const a1 = (v >>> (24 - i * 8)) & 0xff
      const b = c.rd8(ad)
      ad = c.wrap(ad + 1)
      if (a1 !== b) {
        c.cc = a1 < b ? 1 : 2
        return
      }
    }
  }
}

/** Load/store multiple with wrap from 15 to 0. */
export const lm: Exec = (c) => {
  let ad = c.ea2()
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.rl[r] = c.rd32(ad)
    ad = c.wrap(ad + 4)
    if (r === c.r3) break
  }
}
export const lmh: Exec = (c) => {
  let ad = c.ea2()
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.rh[r] = c.rd32(ad)
    ad = c.wrap(ad + 4)
    if (r === c.r3) break
  }
}
export const lmg: Exec = (c) => {
  let ad = c.ea2()
  const cnt = ((c.r3 - c.r1) & 15) + 1
  c.probe(ad, cnt * 8, 0)
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.rd64(ad)
    put(c, r)
    ad = c.wrap(ad + 8)
    if (r === c.r3) break
  }
}
export const stm: Exec = (c) => {
  let ad = c.ea2()
  c.probe(ad, (((c.r3 - c.r1) & 15) + 1) * 4, 1)
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.wr32(ad, c.rl[r]!)
    ad = c.wrap(ad + 4)
    if (r === c.r3) break
  }
}
export const stmh: Exec = (c) => {
  let ad = c.ea2()
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.wr32(ad, c.rh[r]!)
    ad = c.wrap(ad + 4)
    if (r === c.r3) break
  }
}
export const stmg: Exec = (c) => {
  let ad = c.ea2()
  c.probe(ad, (((c.r3 - c.r1) & 15) + 1) * 8, 1)
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.wr64(ad, c.rh[r]!, c.rl[r]!)
    ad = c.wrap(ad + 8)
    if (r === c.r3) break
  }
}
export const lpq: Exec = (c) => {
  evenPair(c, c.r1)
  const ad = c.ea2()
  if (ad % 16 !== 0) pgm(PGM_SPECIFICATION)
  c.rd64(ad)
  const h = c.th
  const lo = c.tl
  c.rd64(ad + 8)
  put(c, c.r1 + 1)
  set64(c, c.r1, h, lo)
}
export const stpq: Exec = (c) => {
  evenPair(c, c.r1)
  const ad = c.ea2()
  if (ad % 16 !== 0) pgm(PGM_SPECIFICATION)
  c.wr64(ad, c.rh[c.r1]!, c.rl[c.r1]!)
  c.wr64(ad + 8, c.rh[c.r1 + 1]!, c.rl[c.r1 + 1]!)
}

// ---- relative-long loads/stores (operand must be naturally aligned) ------------------------------------------
function rlAddr(c: Cpu, align: number): number {
  const ad = c.wrap(c.ia + c.i2 * 2)
  if (ad % align !== 0) pgm(PGM_SPECIFICATION)
  return ad
}
export const larl: Exec = (c) => setLoadAddr(c, c.wrap(c.ia + c.i2 * 2))
export const lrl: Exec = (c) => void (c.rl[c.r1] = c.rd32(rlAddr(c, 4)))
export const lgrl: Exec = (c) => {
  c.rd64(rlAddr(c, 8))
  put(c, c.r1)
}
export const lgfrl: Exec = (c) => {
  const v = c.rd32(rlAddr(c, 4))
  set64(c, c.r1, sx(v), v)
}
export const llgfrl: Exec = (c) => set64(c, c.r1, 0, c.rd32(rlAddr(c, 4)))
export const lhrl: Exec = (c) => void (c.rl[c.r1] = (c.rd16(rlAddr(c, 2)) << 16) >> 16)
export const lghrl: Exec = (c) => {
  const v = (c.rd16(rlAddr(c, 2)) << 16) >> 16
  set64(c, c.r1, sx(v), v)
}
export const llhrl: Exec = (c) => void (c.rl[c.r1] = c.rd16(rlAddr(c, 2)))
export const llghrl: Exec = (c) => set64(c, c.r1, 0, c.rd16(rlAddr(c, 2)))
export const strl: Exec = (c) => c.wr32(rlAddr(c, 4), c.rl[c.r1]!)
export const stgrl: Exec = (c) => c.wr64(rlAddr(c, 8), c.rh[c.r1]!, c.rl[c.r1]!)
export const sthrl: Exec = (c) => c.wr16(rlAddr(c, 2), c.rl[c.r1]!)
export const crl: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.rd32(rlAddr(c, 4))))
export const clrl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rd32(rlAddr(c, 4))))
export const cgrl: Exec = (c) => {
  c.rd64(rlAddr(c, 8))
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const clgrl: Exec = (c) => {
  c.rd64(rlAddr(c, 8))
  c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const cgfrl: Exec = (c) => {
  const v = c.rd32(rlAddr(c, 4))
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const clgfrl: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rd32(rlAddr(c, 4))))
export const chrl: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, (c.rd16(rlAddr(c, 2)) << 16) >> 16))
export const clhrl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rd16(rlAddr(c, 2))))
export const clghrl: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rd16(rlAddr(c, 2))))

// ---- compare -----------------------------------------------------------------------------------------------------
export const cr: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const clr: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.rl[c.r2]!))
export const c_: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, m32(c)))
export const cl: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, m32(c)))
export const ch: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, m16s(c)))
export const chi: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.i2))
export const cfi: Exec = (c) => void (c.cc = cmp32(c.rl[c.r1]!, c.i2))
export const clfi: Exec = (c) => void (c.cc = cmpl32(c.rl[c.r1]!, c.i2))
export const cgr: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const clgr: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cgfr: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.rl[c.r2]!), c.rl[c.r2]!))
export const clgfr: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.rl[c.r2]!))
export const cghi: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))
export const cgfi: Exec = (c) => void (c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))
export const clgfi: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, c.i2))
export const cg: Exec = (c) => {
  m64(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const clg: Exec = (c) => {
  m64(c)
  c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl)
}
export const cgf: Exec = (c) => {
  const v = m32(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
export const clgf: Exec = (c) => void (c.cc = cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, 0, m32(c)))
export const cgh: Exec = (c) => {
  const v = m16s(c)
  c.cc = cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(v), v)
}
const siAddr = (c: Cpu): number => c.ea(0, c.b1, c.d1)
export const chhsi: Exec = (c) => void (c.cc = cmp32((c.rd16(siAddr(c)) << 16) >> 16, c.i2))
export const chsi: Exec = (c) => void (c.cc = cmp32(c.rd32(siAddr(c)), c.i2))
export const cghsi: Exec = (c) => {
  c.rd64(siAddr(c))
  c.cc = cmp64(c.th, c.tl, sx(c.i2), c.i2)
}
export const clhhsi: Exec = (c) => void (c.cc = cmpl32(c.rd16(siAddr(c)), c.i2 & 0xffff))
export const clfhsi: Exec = (c) => void (c.cc = cmpl32(c.rd32(siAddr(c)), c.i2 & 0xffff))
export const clghsi: Exec = (c) => {
  c.rd64(siAddr(c))
  c.cc = cmpl64(c.th, c.tl, 0, c.i2 & 0xffff)
}

/** COMPARE AND TRAP: data exception with DXC 0xff when the condition holds. */
/** The compare-and-trap / load-and-trap data exception, DXC 0xff. */
function dxcTrap(c: Cpu): never {
  c.dv.setUint32(c.lc(LC_DATA_EXC_CODE), 0xff)
  // With AFP the DXC also goes into byte 2 of the FPC.
  if (c.crl[0]! & CR0_AFP) c.fpc = ((c.fpc & ~0xff00) | 0xff00) >>> 0
  return pgm(PGM_DATA)
}
function trap(c: Cpu, ccv: number): void {
  if (c.m3 & (8 >>> ccv)) dxcTrap(c)
}
// Load and trap, compare logical and trap (facility 49): the load completes, then a zero value traps.
export const lat: Exec = (c) => {
  const v = m32(c)
  c.rl[c.r1] = v
  if (v === 0) dxcTrap(c)
}
export const lgat: Exec = (c) => {
  m64(c)
  set64(c, c.r1, c.th, c.tl)
  if ((c.th | c.tl) === 0) dxcTrap(c)
}
export const clt: Exec = (c) => trap(c, cmpl32(c.rl[c.r1]!, m32(c)))
export const clgt: Exec = (c) => {
  m64(c)
  trap(c, cmpl64(c.rh[c.r1]!, c.rl[c.r1]!, c.th, c.tl))
}
// High-word facility (45).
export const lfh: Exec = (c) => void (c.rh[c.r1] = m32(c))
export const stfh: Exec = (c) => c.wr32(c.ea2(), c.rh[c.r1]!)
export const aih: Exec = (c) => {
  c.rh[c.r1] = add32(c, c.rh[c.r1]!, c.i2)
  ovf(c)
}
export const cih: Exec = (c) => void (c.cc = cmp32(c.rh[c.r1]!, c.i2))
// Load and zero rightmost byte (facility 53).
export const lzrf: Exec = (c) => void (c.rl[c.r1] = m32(c) & ~0xff)
export const lzrg: Exec = (c) => {
  m64(c)
  set64(c, c.r1, c.th, c.tl & ~0xff)
}
export const llzrgf: Exec = (c) => set64(c, c.r1, 0, m32(c) & ~0xff)
/** LOAD ADDRESS EXTENDED: LA plus the access register from the address-space control (AR mode copies AR B2). */
export const laey: Exec = (c) => {
  setLoadAddr(c, c.ea2())
  const asc = (c.mask >>> 14) & 3
  c.ar[c.r1] = asc === 0 ? 0 : asc === 1 ? (c.b2 === 0 ? 0 : c.ar[c.b2]!) : asc === 2 ? 1 : 2
}
/** Prefetch data, execution hints, branch prediction, processor assist: no architected effect. */
export const hint: Exec = () => {}
/** EXTRACT CPU ATTRIBUTE: no cache information (all ones), as QEMU answers. */
export const ecag: Exec = (c) => set64(c, c.r1, -1, -1)
export const crt: Exec = (c) => trap(c, cmp32(c.rl[c.r1]!, c.rl[c.r2]!))
export const cgrt: Exec = (c) => trap(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, c.rh[c.r2]!, c.rl[c.r2]!))
export const cit: Exec = (c) => trap(c, cmp32(c.rl[c.r1]!, c.i2))
export const cgit: Exec = (c) => trap(c, cmp64(c.rh[c.r1]!, c.rl[c.r1]!, sx(c.i2), c.i2))

// ---- shifts and rotates ----------------------------------------------------------------------------------------
export const sll: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r1]! << n
}
export const srl: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r1]! >>> n
}
export const sllk: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r3]! << n
}
export const srlk: Exec = (c) => {
  const n = sh(c)
  c.rl[c.r1] = n > 31 ? 0 : c.rl[c.r3]! >>> n
}
function sra32(c: Cpu, r1: number, v: number): void {
  const n = sh(c)
  const r = v >> Math.min(n, 31)
  c.rl[r1] = r
  c.cc = cc32(r)
}
export const sra: Exec = (c) => sra32(c, c.r1, c.rl[c.r1]!)
export const srak: Exec = (c) => sra32(c, c.r1, c.rl[c.r3]!)
function sla32(c: Cpu, r1: number, v: number): void {
  const n = sh(c)
  const sign = v & 0x80000000
  let r = v
  let over = false
  for (let i = 0; i < n; i++) {
    r = r << 1
    if ((r & 0x80000000) !== sign) over = true
  }
  r = (r & 0x7fffffff) | sign
  c.rl[r1] = r
  c.cc = over ? 3 : cc32(r)
  ovf(c)
}
export const sla: Exec = (c) => sla32(c, c.r1, c.rl[c.r1]!)
export const slak: Exec = (c) => sla32(c, c.r1, c.rl[c.r3]!)
export const sllg: Exec = (c) => {
  shl64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
export const srlg: Exec = (c) => {
  shr64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
export const srag: Exec = (c) => {
  sar64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
  c.cc = cc64(c.th, c.tl)
}
export const slag: Exec = (c) => {
  const v = pairToBig(c.rh[c.r3]!, c.rl[c.r3]!)
  const n = BigInt(sh(c))
  const sign = v < 0n
  const full = v << n
  const r = (BigInt.asUintN(63, full) | (sign ? 1n << 63n : 0n))
  bigToPair(c, r)
  put(c, c.r1)
  const over = full >> 63n !== (sign ? -1n : 0n)
  c.cc = over ? 3 : cc64(c.th, c.tl)
  ovf(c)
}
export const rll: Exec = (c) => {
  const n = sh(c) & 31
  const v = c.rl[c.r3]!
  c.rl[c.r1] = n === 0 ? v : (v << n) | (v >>> (32 - n))
}
export const rllg: Exec = (c) => {
  rotl64(c, c.rh[c.r3]!, c.rl[c.r3]!, sh(c))
  put(c, c.r1)
}
function dblShift(kind: 'sldl' | 'srdl' | 'slda' | 'srda'): Exec {
  return (c) => {
    evenPair(c, c.r1)
    const n = BigInt(sh(c))
    const v = pairToBig(c.rl[c.r1]!, c.rl[c.r1 + 1]!)
    let r: bigint
    let over = false
    if (kind === 'sldl') r = v << n
    else if (kind === 'srdl') r = BigInt.asUintN(64, v) >> n
    else if (kind === 'srda') r = v >> n
    else {
      const full = v << n
      r = BigInt.asUintN(63, full) | (v < 0n ? 1n << 63n : 0n)
      over = full >> 63n !== (v < 0n ? -1n : 0n)
    }
    bigToPair(c, r)
    c.rl[c.r1] = c.th
    c.rl[c.r1 + 1] = c.tl
    if (kind === 'slda' || kind === 'srda') {
      c.cc = over ? 3 : cc64(c.th, c.tl)
      ovf(c)
    }
  }
}
export const sldl = dblShift('sldl')
export const srdl = dblShift('srdl')
export const slda = dblShift('slda')
export const srda = dblShift('srda')

/** ROTATE THEN INSERT SELECTED BITS (RISBG/RISBGN) and the AND/OR/XOR variants. */
function risbgOp(setCc: boolean): Exec {
  return (c) => {
    const start = c.i3 & 63
    const end = c.i4 & 63
    const zero = (c.i4 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const rh = c.th
    const rl = c.tl
    mask64(c, start, end)
    const mh = c.th
    const ml = c.tl
    const h = (rh & mh) | (zero ? 0 : c.rh[c.r1]! & ~mh)
    const lo = (rl & ml) | (zero ? 0 : c.rl[c.r1]! & ~ml)
    set64(c, c.r1, h, lo)
    if (setCc) c.cc = cc64(h, lo)
  }
}
export const risbg = risbgOp(true)
export const risbgn = risbgOp(false)
function rsbgOp(op: 'n' | 'o' | 'x'): Exec {
  return (c) => {
    const start = c.i3 & 63
    const end = c.i4 & 63
    const test = (c.i3 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const rh = c.th
    const rl = c.tl
    mask64(c, start, end)
    const mh = c.th
    const ml = c.tl
    const oh = c.rh[c.r1]!
    const ol = c.rl[c.r1]!
    let h: number
    let lo: number
    if (op === 'n') {
      h = oh & (rh | ~mh)
      lo = ol & (rl | ~ml)
    } else if (op === 'o') {
      h = oh | (rh & mh)
      lo = ol | (rl & ml)
    } else {
      h = oh ^ (rh & mh)
      lo = ol ^ (rl & ml)
    }
    c.cc = ((h & mh) | (lo & ml)) === 0 ? 0 : 1
    if (!test) set64(c, c.r1, h, lo)
  }
}
export const rnsbg = rsbgOp('n')
export const rosbg = rsbgOp('o')
export const rxsbg = rsbgOp('x')
/** RISBHG / RISBLG: insert into the high or low word only (bits 0-31 or 32-63 of the selection). */
function risbWord(high: boolean): Exec {
  return (c) => {
    const start = c.i3 & 31
    const end = c.i4 & 31
    const zero = (c.i4 & 0x80) !== 0
    rotl64(c, c.rh[c.r2]!, c.rl[c.r2]!, c.i5 & 63)
    const src = high ? c.th : c.tl
    mask64(c, start, end)
    const mk = c.th
    const arr = high ? c.rh : c.rl
    arr[c.r1] = (src & mk) | (zero ? 0 : arr[c.r1]! & ~mk)
  }
}
export const risbhg = risbWord(true)
export const risblg = risbWord(false)
