// STORE STATUS and STORE ADDITIONAL STATUS layouts (POP ch. 4, "Store Status").
import type { Cpu } from '../cpu/cpu.ts'
import {
  LC_ARS_SA,
  LC_CKC_SA,
  LC_CPUTM_SA,
  LC_CRS_SA,
  LC_FPC_SA,
  LC_FPRS_SA,
  LC_GRS_SA,
  LC_PREFIX_SA,
  LC_PSW_SA,
  LC_TODPR_SA,
} from '../cpu/constants.ts'

/** Absolute address of the architectural-mode identification byte that STOP AND STORE STATUS sets to 1 (z/Arch). */
const LC_AR_MODE_ID = 0xa3

/** Stores the architected status of `t` with the lowcore save-area offsets relative to absolute `base` (0: the
 * save areas of the absolute lowcore, as STOP AND STORE STATUS does, which also sets the mode byte at 163). */
export function storeStatus(t: Cpu, base: number): void {
  const dv = t.dv
  t.mem.touch(base, 0x1400)
  if (base === 0) dv.setUint8(LC_AR_MODE_ID, 1)
  for (let i = 0; i < 16; i++) {
    dv.setInt32(base + LC_FPRS_SA + i * 8, t.vr[i * 4]!)
    dv.setInt32(base + LC_FPRS_SA + i * 8 + 4, t.vr[i * 4 + 1]!)
    dv.setInt32(base + LC_GRS_SA + i * 8, t.rh[i]!)
    dv.setInt32(base + LC_GRS_SA + i * 8 + 4, t.rl[i]!)
    dv.setInt32(base + LC_ARS_SA + i * 4, t.ar[i]!)
    dv.setInt32(base + LC_CRS_SA + i * 8, t.crh[i]!)
    dv.setInt32(base + LC_CRS_SA + i * 8 + 4, t.crl[i]!)
  }
  t.storePswAbs(base + LC_PSW_SA, t.ia)
  dv.setUint32(base + LC_PREFIX_SA, t.prefix)
  dv.setUint32(base + LC_FPC_SA, t.fpc)
  dv.setUint32(base + LC_TODPR_SA, t.todpr & 0xffff)
  const cput = t.m.cpuTimerValue(t)
  dv.setBigInt64(base + LC_CPUTM_SA, cput)
  dv.setBigUint64(base + LC_CKC_SA, (t.ckc >> 8n) & 0x00ffffffffffffffn)
}

/** Offset of the guarded-storage control block in the additional-status area (length code 11 and 12). */
const ADTL_GS_OFFSET = 1024

/** STORE ADDITIONAL STATUS AT ADDRESS: returns 0 or the SIGP status bits to report. The parameter is the area
 * address with a length code in bits 60-63: 0 means 1 KiB (vector registers only); with the guarded-storage facility
 * 10, 11, 12 give 2^LC bytes (from 11 on, the guarded-storage control block at +1024). Checks in QEMU's order:
 * order available, target stopped, area aligned to its length, length code allowed, area in storage. */
export function storeAdditionalStatus(t: Cpu, param: number): number {
  const m = t.m
  const vx = m.facility(129)
  const gs = m.facility(133)
  if (!vx && !gs) return 0x02
  if (!t.stopped) return 0x200
  const lc = param & 0xf
  const addr = param - lc
  const len = 2 ** (lc === 0 ? 10 : lc)
  if (addr % len !== 0) return 0x100
  if (lc !== 0 && (!gs || (lc !== 10 && lc !== 11 && lc !== 12))) return 0x100
  if (addr + len > m.storage.size) return 0x100
  t.mem.touch(addr, len)
  if (vx) {
    for (let i = 0; i < 128; i++) t.dv.setInt32(addr + i * 4, t.vr[i]!)
  }
  // The guarded-storage control block as STGSC stores it: a reserved doubleword of zeros, GSD, GSSM, GSEPLA.
  if (gs && lc >= 11) {
    const cb = addr + ADTL_GS_OFFSET
    t.mem.u8.fill(0, cb, cb + 8)
    for (let i = 0; i < 6; i++) t.dv.setInt32(cb + 8 + i * 4, t.gs[i]!)
  }
  return 0
}
