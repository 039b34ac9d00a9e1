// The CPU model the built-in emulator claims: a z15 (machine type 8561, as QEMU 7.2's own `qemu` CPU model reports
// for TCG) with the subset of its facilities whose instructions we implement. Facts from QEMU's
// target/s390x/gen-features.c (base + full feature sets of GEN7..GEN15 GA1) and cpu_features_def.h.inc (STFLE bit
// numbers). A machine may legitimately offer fewer facilities than its model has (hypervisors mask them); it must
// never announce one the model lacks, nor one whose instructions are missing (tests/isa/facilities.test.ts).

/** STFLE facility bits of the z13 (2964 GA1): GEN7..GEN13 base and full sets. */
export const Z13_FACILITIES: readonly number[] = [
  0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35, 36, 37, 40, 41, 42,
  43, 44, 45, 47, 48, 49, 50, 51, 52, 53, 57, 64, 69, 71, 72, 73, 74, 75, 76, 77, 78, 80, 81, 82, 129, 131,
]

/** STFLE facility bits the z14 (3906 GA1) adds to the z13's. */
const Z14_ADDS = [38, 54, 58, 59, 60, 130, 133, 134, 135, 139, 144, 145, 146, 147, 156]
/** STFLE facility bits the z15 (8561 GA1) adds to the z14's. */
const Z15_ADDS = [61, 148, 150, 151, 152, 155]

/** STFLE facility bits of the z15 (8561 GA1). */
export const Z15_FACILITIES: readonly number[] = [...Z13_FACILITIES, ...Z14_ADDS, ...Z15_ADDS].sort((a, b) => a - b)

/** The model the emulator claims: its machine type (STIDP, STSI 1.1.1) and its full facility list. */
export const CPU_MODEL = { name: 'z15', type: 0x8561, facilities: Z15_FACILITIES } as const

/**
 * Facilities the machine announces (a subset of CPU_MODEL.facilities), besides the configurable vector (129, 135,
 * 148) and guarded-storage (133) facilities. EDAT-1 (8) is announced since PFMF exists (DAT implemented it
 * before), extract-CPU-time (31) since ECTG does, store-hypervisor-information (74) since STHYI does.
 * Extended-translation 2 and 3 with their enhancements (16, 22, 24, 30: MVCLU, CLCLU, PKA, PKU, UNPKA, UNPKU, TROO/TROT/TRTO/TRTT, CU14/CU24/CU41/CU42, SRSTU) and parsing enhancement
 * (26: TRTE, TRTRE) are announced since those instructions exist, and the floating-point-support enhancements (41:
 * LDGR, LGDR, CPSDR, LPDFR, LNDFR, LCDFR, SRNMT, LFAS, SFASR) since SRNMT does.
 */
export const ANNOUNCED_FACILITIES: readonly number[] = [
  0, 1, 2, 3, 4, 6, 7, 8, 9, 16, 17, 18, 19, 21, 22, 24, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35, 37, 41, 42, 45, 49, 51, 52, 53, 57, 58, 61, 74, 76, 77, 130, 131, 146,
]
