// PERFORM LOCKED OPERATION (POP ch. 7): the six operations compare-and-load, compare-and-swap, double
// compare-and-swap, compare-and-swap-and-store, -double-store and -triple-store, each in four forms (function code
// = operation * 4 + form): 32-bit registers, 64-bit parameter list (G), 64-bit registers (GR), 128-bit parameter
// list (X). GR0 bits 56-63 hold the function code, bit 55 the test bit (CC 0 installed, 3 not); GR1 the program lock
// token (one CPU runs at a time here, so every PLO is trivially serialized with every other).
// Operands: op1 comparison value and replacement (R1, R1+1 or parameter-list slots 0, 1), op2 at D2(B2), op3 (R3,
// R3+1 or slots 2, 3), op4 at D4(B4) for the register forms of CL/DCS/CSST, else at the address in slot 4; op5/op7 in
// slots 5/7 stored at the addresses in slots 6/8. The parameter list is at D4(B4): 16-byte slots, a value
// right-aligned in its slot, an address slot holding the ALET at +4 and the 64-bit address at +8.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION, PSW_AS, PSW_DAT } from '../cpu/constants.ts'
import { pairToBigU } from './helpers.ts'

const OP_CL = 0
const OP_DCS = 2
const OP_CSST = 3
const OP_CSDST = 4
const OP_CSTST = 5
/** Form (function code mod 4): register or parameter-list operands, and the operand width in bytes. */
const FORMS = [
  { pl: false, w: 4 },
  { pl: true, w: 8 },
  { pl: false, w: 8 },
  { pl: true, w: 16 },
] as const
/** Highest function code defined (CSTSTX). */
const FC_MAX = 23
/** GR0 bits 32-54 (reserved: specification exception when not zero). */
const GR0_RESERVED = 0xfffffe00
const GR0_TEST = 0x100
/** PSW address-space control 01: access-register mode. */
const AS_AR = 0x4000

const M64 = (1n << 64n) - 1n

function load(c: Cpu, a: number, w: number): bigint {
  if (w === 4) return BigInt(c.rd32(a) >>> 0)
  c.rd64(a)
  const hi = pairToBigU(c.th, c.tl)
  if (w === 8) return hi
  c.rd64(c.wrap(a + 8))
  return (hi << 64n) | pairToBigU(c.th, c.tl)
}

function store(c: Cpu, a: number, w: number, v: bigint): void {
  if (w === 4) return c.wr32(a, Number(v & 0xffffffffn))
  const hi = w === 16 ? (v >> 64n) & M64 : v & M64
  c.wr64(a, Number((hi >> 32n) & 0xffffffffn) | 0, Number(hi & 0xffffffffn) | 0)
  if (w === 16) c.wr64(c.wrap(a + 8), Number((v >> 32n) & 0xffffffffn) | 0, Number(v & 0xffffffffn) | 0)
}

/** Register operand of width 4 (bits 32-63) or 8. */
const reg = (c: Cpu, r: number, w: number): bigint => (w === 4 ? BigInt(c.rl[r]! >>> 0) : c.r64(r))
function setReg(c: Cpu, r: number, w: number, v: bigint): void {
  if (w === 4) c.rl[r] = Number(v) | 0
  else c.setR64(r, v)
}

/** Decoded operands of one PLO execution. */
interface Plo {
  c: Cpu
  op: number
  pl: boolean
  w: number
  /** Second-operand address. */
  a2: number
  /** D4(B4): the fourth operand (register forms of CL, DCS, CSST) or the parameter list. */
  a4: number
}

/** Parameter-list value slot k (width w, right-aligned). */
const slotAddr = (p: Plo, k: number): number => p.c.wrap(p.a4 + 16 * k + 16 - p.w)

/** Operand address taken from parameter-list slot k (4, 6 or 8), aligned to the operand width; in the
 * access-register mode its ALET goes to AR R3 (R3 = 0: specification). */
function plAddress(p: Plo, k: number): number {
  const c = p.c
  if ((c.mask & PSW_DAT) !== 0 && (c.mask & PSW_AS) === AS_AR) {
    if (c.r3 === 0) pgm(PGM_SPECIFICATION)
    c.ar[c.r3] = c.rd32(c.wrap(p.a4 + 16 * k + 4))
  }
  c.rd64(c.wrap(p.a4 + 16 * k + 8))
  const a = c.amode === -1 ? c.addr64(c.th, c.tl) : (c.tl & c.amode) >>> 0
  if (a % p.w !== 0) pgm(PGM_SPECIFICATION)
  return a
}

/** PERFORM LOCKED OPERATION. */
export const plo: Exec = (c) => {
  const gr0 = c.rl[0]! >>> 0
  if ((gr0 & GR0_RESERVED) !== 0) pgm(PGM_SPECIFICATION)
  const fc = gr0 & 0xff
  if ((gr0 & GR0_TEST) !== 0) {
    c.cc = fc <= FC_MAX ? 0 : 3
    return
  }
  if (fc > FC_MAX) pgm(PGM_SPECIFICATION)
  const op = fc >>> 2
  const form = FORMS[fc & 3]!
  const w = form.w
  // Register forms: R1 even for every operation but CL, R3 even for DCS.
  if (!form.pl && op !== OP_CL && (c.r1 & 1) !== 0) pgm(PGM_SPECIFICATION)
  if (!form.pl && op === OP_DCS && (c.r3 & 1) !== 0) pgm(PGM_SPECIFICATION)
  const a2 = c.ea(0, c.b1, c.d1)
  const a4 = c.ea(0, c.b2, c.d2)
  // op2 on an integral boundary; D4(B4) too when it is the fourth operand or a register form's parameter list,
  // a doubleword boundary for the parameter list of the G and X forms.
  if (a2 % w !== 0 || a4 % (form.pl ? 8 : w) !== 0) pgm(PGM_SPECIFICATION)
  const p: Plo = { c, op, pl: form.pl, w, a2, a4 }
  const op1c = p.pl ? load(c, slotAddr(p, 0), w) : reg(c, c.r1, w)
  const op2 = load(c, a2, w)
  if (op1c !== op2) {
    if (p.pl) {
      c.probe(slotAddr(p, 0), w, 1)
      store(c, slotAddr(p, 0), w, op2)
    } else setReg(c, c.r1, w, op2)
    c.cc = 1
    return
  }
  c.cc = op === OP_DCS ? dcs(p) : swapAndStore(p)
}

/** The fourth-operand address of CL/DCS/CSST: D4(B4) in the register forms, slot 4 in the parameter-list ones. */
const op4Addr = (p: Plo): number => (p.pl ? plAddress(p, 4) : p.a4)

/** op1 replacement: R1+1 or slot 1. */
const op1r = (p: Plo): bigint => (p.pl ? load(p.c, slotAddr(p, 1), p.w) : reg(p.c, p.c.r1 + 1, p.w))

/** CL, CS (op 1), CSST, CSDST, CSTST after op1 compared equal to op2: CC 0. */
function swapAndStore(p: Plo): number {
  const c = p.c
  const w = p.w
  if (p.op === OP_CL) {
    const op4 = load(c, op4Addr(p), w)
    if (p.pl) {
      c.probe(slotAddr(p, 2), w, 1)
      store(c, slotAddr(p, 2), w, op4)
    } else setReg(c, c.r3, w, op4)
    return 0
  }
  const r = op1r(p)
  // Stores of op3, op5, op7 to op4, op6, op8 (from registers or slots 3, 5, 7), then op1r to op2: every target is
  // checked before anything is stored, so an access exception leaves storage unchanged.
  const stores: [number, bigint][] = []
  if (p.op === OP_CSST) {
    const op3 = p.pl ? load(c, slotAddr(p, 3), w) : reg(c, c.r3, w)
    stores.push([op4Addr(p), op3])
  } else if (p.op === OP_CSDST || p.op === OP_CSTST) {
    const n = p.op === OP_CSDST ? 2 : 3
    for (let i = 0; i < n; i++) {
      const v = load(c, slotAddr(p, 3 + 2 * i), w)
      stores.push([plAddress(p, 4 + 2 * i), v])
    }
  }
  stores.push([p.a2, r])
  for (const [a] of stores) c.probe(a, w, 1)
  for (const [a, v] of stores) store(c, a, w, v)
  return 0
}

/** DOUBLE COMPARE AND SWAP after op1 compared equal: op3 comparison value against op4 (CC 2 and op4 into op3 when
 * unequal), else both replacements stored (op3r at op4, op1r at op2), CC 0. */
function dcs(p: Plo): number {
  const c = p.c
  const w = p.w
  const op3c = p.pl ? load(c, slotAddr(p, 2), w) : reg(c, c.r3, w)
  const a4 = op4Addr(p)
  const op4 = load(c, a4, w)
  if (op3c !== op4) {
    if (p.pl) {
      c.probe(slotAddr(p, 2), w, 1)
      store(c, slotAddr(p, 2), w, op4)
    } else setReg(c, c.r3, w, op4)
    return 2
  }
  const op3r = p.pl ? load(c, slotAddr(p, 3), w) : reg(c, c.r3 + 1, w)
  const r = op1r(p)
  c.probe(a4, w, 1)
  c.probe(p.a2, w, 1)
  store(c, a4, w, op3r)
  store(c, p.a2, w, r)
  return 0
}
