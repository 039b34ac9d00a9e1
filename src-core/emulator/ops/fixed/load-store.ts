// POP ch. 7, loads and stores: register loads with extension, LOAD AND TEST, storage loads/stores, LOAD ADDRESS,
// characters under mask, load/store multiple, quadword, relative-long. tests/isa/load-store.test.ts
import type { Cpu } from '../../cpu/cpu.ts'
import type { Exec } from '../../isa/decode.ts'
import { pgm } from '../../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../../cpu/constants.ts'
import { cc32, cc64 } from '../helpers.ts'
import { m32, m16s, m8, m64, set64, put, evenPair, sx, rlAddr } from './operands.ts'

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

/** Load/store multiple with wrap from 15 to 0. The loads probe the whole operand first: an access exception in a later
 * page nullifies or suppresses the instruction, so no register may have been loaded (no partial completion). */
export const lm: Exec = (c) => {
  let ad = c.ea2()
  c.probe(ad, (((c.r3 - c.r1) & 15) + 1) * 4, 0)
  for (let r = c.r1; ; r = (r + 1) & 15) {
    c.rl[r] = c.rd32(ad)
    ad = c.wrap(ad + 4)
    if (r === c.r3) break
  }
}
export const lmh: Exec = (c) => {
  let ad = c.ea2()
  c.probe(ad, (((c.r3 - c.r1) & 15) + 1) * 4, 0)
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

// ---- facility additions ----------------------------------------------------------------------------------------
// High-word facility (45).
export const lfh: Exec = (c) => void (c.rh[c.r1] = m32(c))
export const stfh: Exec = (c) => c.wr32(c.ea2(), c.rh[c.r1]!)
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
