// Storage instructions with operand-access controls or multi-part atomicity (POP ch. 7 and 10):
// MOVE WITH OPTIONAL SPECIFICATIONS (facility 27) and COMPARE AND SWAP AND STORE (facilities 32, 33).
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { CR0_SECONDARY_SPACE, PGM_PRIVILEGED, PGM_SPECIAL_OPERATION, PGM_SPECIFICATION, PSW_AS, PSW_DAT, PSW_KEY, PSW_PROBLEM } from '../cpu/constants.ts'
import { SKEY_CHANGE, SKEY_REF } from '../mem/storage.ts'

const TWO32 = 4294967296
const AS_HOME = 3

/** One operand's access control: the address space (PSW bits 16-17 numbering) and the access key. */
interface Oac {
  as: number
  key: number
}

/** Absolute address of logical `a` translated in address space `o.as` with key `o.key` (no TLB: MVCOS is rare). */
function absIn(c: Cpu, a: number, acc: 0 | 1, o: Oac): number {
  const saved = c.mask
  c.mask = (c.mask & ~(PSW_AS | PSW_KEY)) | (o.as << 14) | (o.key << 20)
  let abs: number
  try {
    abs = c.translate(a, acc)
  } finally {
    c.mask = saved
  }
  const frame = Math.floor(abs / 4096)
  c.mem.keys[frame] = c.mem.keys[frame]! | SKEY_REF | (acc === 1 ? SKEY_CHANGE : 0)
  if (acc === 1) {
    const jit = c.m.jit
    if (jit !== null && jit.codePages[frame] === 1) jit.codeStore(c, frame)
  }
  return abs
}

/** MOVE WITH OPTIONAL SPECIFICATIONS: up to 4096 bytes from D2(B2) to D1(B1), each operand in the address space
 * and with the key its operand-access control in GR0 names (bits 32-47 first operand, 48-63 second); true length
 * in R3; CC 3 when more than 4096 bytes remain. */
export const mvcos: Exec = (c) => {
  if ((c.mask & PSW_DAT) === 0) pgm(PGM_SPECIAL_OPERATION)
  const psw = { as: (c.mask & PSW_AS) >>> 14, key: (c.mask & PSW_KEY) >>> 20 }
  const oac = (v: number): Oac => ({ as: v & 1 ? (v >>> 6) & 3 : psw.as, key: v & 2 ? (v >>> 12) & 15 : psw.key })
  const g0 = c.rl[0]! >>> 0
  const o1 = oac(g0 >>> 16)
  const o2 = oac(g0 & 0xffff)
  const problem = (c.mask & PSW_PROBLEM) !== 0
  if (problem && (g0 >>> 16) & 1 && o1.as === AS_HOME) pgm(PGM_SPECIAL_OPERATION)
  if (problem && g0 & 1 && o2.as === AS_HOME) pgm(PGM_SPECIAL_OPERATION)
  if ((c.crl[0]! & CR0_SECONDARY_SPACE) === 0 && (o1.as === 2 || o2.as === 2)) pgm(PGM_SPECIAL_OPERATION)
  // In the problem state a key is usable only when the PSW-key mask (CR3 bits 32-47) allows it.
  const pkm = c.crl[3]! >>> 16
  if (problem && (((pkm << o1.key) & 0x8000) === 0 || ((pkm << o2.key) & 0x8000) === 0)) pgm(PGM_PRIVILEGED)
  const d = c.ea(0, c.b1, c.d1)
  const s = c.ea(0, c.b2, c.d2)
  let len = c.amode === -1 ? c.rh[c.r3]! * TWO32 + (c.rl[c.r3]! >>> 0) : c.rl[c.r3]! >>> 0
  if (c.amode === -1 && c.rh[c.r3]! < 0) len = 2 ** 64 + len
  let n = len
  c.cc = 0
  if (len > 4096) {
    n = 4096
    c.cc = 3
  }
  // Access exceptions for every byte are recognized before any byte is stored.
  for (let i = 0; i < n; i = i - ((s + i) % 4096) + 4096) absIn(c, c.wrap(s + i), 0, o2)
  for (let i = 0; i < n; i = i - ((d + i) % 4096) + 4096) absIn(c, c.wrap(d + i), 1, o1)
  let i = 0
  while (i < n) {
    const sa = c.wrap(s + i)
    const da = c.wrap(d + i)
    const run = Math.min(n - i, 4096 - (sa % 4096), 4096 - (da % 4096))
    const sAbs = absIn(c, sa, 0, o2)
    const dAbs = absIn(c, da, 1, o1)
    for (let k = 0; k < run; k++) c.u8[dAbs + k] = c.u8[sAbs + k]!
    i += run
  }
}

/** COMPARE AND SWAP AND STORE: GR0 bits 56-63 function code (0 word, 1 doubleword, 2 quadword with facility 33),
 * bits 48-55 store characteristic (store size 2^sc bytes, 16 with facility 33); GR1 the parameter list (replacement
 * value at +0, store value at +16). CC 0: swapped and stored; CC 1: the current value is loaded into R3. */
export const csst: Exec = (c) => {
  const fc = c.rl[0]! & 0xff
  const sc = (c.rl[0]! >>> 8) & 0xff
  const csst2 = c.m.facility(33)
  if (fc > 1 || sc > 3) {
    if (!csst2 || fc > 2 || sc > 4 || (fc === 2 && c.r3 & 1)) pgm(PGM_SPECIFICATION)
  }
  const a1 = c.ea(0, c.b1, c.d1)
  const a2 = c.ea(0, c.b2, c.d2)
  if (a1 % (4 << fc) !== 0 || a2 % (1 << sc) !== 0) pgm(PGM_SPECIFICATION)
  const pl = c.raddr(1) - (c.raddr(1) % 16)
  c.probe(a2, 1 << sc, 1)
  const sv = [c.rd32(c.wrap(pl + 16)), c.rd32(c.wrap(pl + 20)), c.rd32(c.wrap(pl + 24)), c.rd32(c.wrap(pl + 28))]
  const r = c.r3
  let equal: boolean
  if (fc === 0) {
    const nv = c.rd32(pl)
    c.probe(a1, 4, 1)
    const ov = c.rd32(a1)
    equal = ov === c.rl[r]
    if (equal) c.wr32(a1, nv)
    else c.rl[r] = ov
  } else if (fc === 1) {
    c.rd64(pl)
    const nh = c.th
    const nl = c.tl
    c.probe(a1, 8, 1)
    c.rd64(a1)
    equal = c.th === c.rh[r] && c.tl === c.rl[r]
    if (equal) c.wr64(a1, nh, nl)
    else {
      c.rh[r] = c.th
      c.rl[r] = c.tl
    }
  } else {
    const nv = [c.rd32(pl), c.rd32(c.wrap(pl + 4)), c.rd32(c.wrap(pl + 8)), c.rd32(c.wrap(pl + 12))]
    c.probe(a1, 16, 1)
    const ov = [c.rd32(a1), c.rd32(c.wrap(a1 + 4)), c.rd32(c.wrap(a1 + 8)), c.rd32(c.wrap(a1 + 12))]
    equal = ov[0] === c.rh[r] && ov[1] === c.rl[r] && ov[2] === c.rh[r + 1] && ov[3] === c.rl[r + 1]
    if (equal) {
      c.wr64(a1, nv[0]!, nv[1]!)
      c.wr64(c.wrap(a1 + 8), nv[2]!, nv[3]!)
    } else {
      c.rh[r] = ov[0]!
      c.rl[r] = ov[1]!
      c.rh[r + 1] = ov[2]!
      c.rl[r + 1] = ov[3]!
    }
  }
  c.cc = equal ? 0 : 1
  if (!equal) return
  // The store value is left-aligned in the 16-byte field at +16.
  if (sc === 0) c.wr8(a2, sv[0]! >>> 24)
  else if (sc === 1) c.wr16(a2, sv[0]! >>> 16)
  else if (sc === 2) c.wr32(a2, sv[0]!)
  else if (sc === 3) c.wr64(a2, sv[0]!, sv[1]!)
  else {
    c.wr64(a2, sv[0]!, sv[1]!)
    c.wr64(c.wrap(a2 + 8), sv[2]!, sv[3]!)
  }
}

/** Length register of the extended long instructions: 64 bits in the 64-bit mode, else bits 32-63. */
function lenE(c: Cpu, r: number): number {
  return c.amode === -1 ? c.rnum(r) : c.rl[r]! >>> 0
}
function setLenE(c: Cpu, r: number, v: number): void {
  if (c.amode === -1) c.rh[r] = Math.floor(v / TWO32) | 0
  c.rl[r] = v | 0
}
/** Bytes CLCLE compares before it ends with CC 3 (a CPU-determined amount; the program branches back). */
const CLCLE_CHUNK = 4096

/** COMPARE LOGICAL LONG EXTENDED: R1/R1+1 and R3/R3+1 address and length, the shorter operand padded with bits
 * 56-63 of the second-operand address; the registers are left at the first unequal byte. */
export const clcle: Exec = (c) => {
  if (c.r1 & 1 || c.r3 & 1) pgm(PGM_SPECIFICATION)
  let p = c.raddr(c.r1)
  let pl = lenE(c, c.r1 + 1)
  let q = c.raddr(c.r3)
  let ql = lenE(c, c.r3 + 1)
  const pad = c.ea(0, c.b2, c.d2) % 256
  let cc = 0
  for (let n = 0; pl > 0 || ql > 0; n++) {
    if (n === CLCLE_CHUNK) {
      cc = 3
      break
    }
    const x = pl > 0 ? c.rd8(p) : pad
    const y = ql > 0 ? c.rd8(q) : pad
    if (x !== y) {
      cc = x < y ? 1 : 2
      break
    }
    if (pl > 0) {
      p = c.wrap(p + 1)
      pl--
    }
    if (ql > 0) {
      q = c.wrap(q + 1)
      ql--
    }
  }
  c.cc = cc
  c.setRaddr(c.r1, p)
  c.setRaddr(c.r3, q)
  setLenE(c, c.r1 + 1, pl)
  setLenE(c, c.r3 + 1, ql)
}

/** LOAD PAIR DISJOINT (interlocked-access facility 1, bit 45): the first operand into R3, the second into R3+1, both
 * fetched as one interlocked access (CC 0: one CPU in this thread, so always interlocked). */
function lpdOp(len: 4 | 8): Exec {
  return (c) => {
    if (c.r3 & 1) pgm(PGM_SPECIFICATION)
    const a1 = c.ea(0, c.b1, c.d1)
    const a2 = c.ea(0, c.b2, c.d2)
    if (a1 % len !== 0 || a2 % len !== 0) pgm(PGM_SPECIFICATION)
    if (len === 4) {
      const x = c.rd32(a1)
      c.rl[c.r3 + 1] = c.rd32(a2)
      c.rl[c.r3] = x
    } else {
      c.rd64(a1)
      const h = c.th
      const l = c.tl
      c.rd64(a2)
      c.rh[c.r3 + 1] = c.th
      c.rl[c.r3 + 1] = c.tl
      c.rh[c.r3] = h
      c.rl[c.r3] = l
    }
    c.cc = 0
  }
}
export const lpd = lpdOp(4)
export const lpdg = lpdOp(8)
