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

/** Stores the architected status of `t` with the lowcore save-area offsets relative to absolute `base`. */
export function storeStatus(t: Cpu, base: number): void {
  const dv = t.dv
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

/** STORE ADDITIONAL STATUS AT ADDRESS: returns 0 or the SIGP status bits to report. */
export function storeAdditionalStatus(t: Cpu, param: number): number {
  const m = t.m
  // Without vector and guarded-storage facilities the order does not exist.
  if (!m.facility(129) && !m.facility(133)) return 0x02
  if (!t.stopped) return 0x200
  let lc = param & 0xf
  const addr = param - lc
  if (lc === 0) lc = 10
  const gs = m.facility(133)
  const vx = m.facility(129)
  if (lc !== 10 && lc !== 11 && lc !== 12) return 0x100
  if (lc >= 11 && !gs) return 0x100
  if (addr % 2 ** lc !== 0) return 0x100
  if (addr + 2 ** lc > m.storage.size) return 0x100
  if (vx) {
    for (let i = 0; i < 128; i++) t.dv.setInt32(addr + i * 4, t.vr[i]!)
  }
  return 0
}
