// z/Architecture constants, named as in the Principles of Operation (POP).

/** Program-interruption codes (POP ch. 6, "Program-Interruption Conditions"). */
export const PGM_OPERATION = 0x01
export const PGM_PRIVILEGED = 0x02
export const PGM_EXECUTE = 0x03
export const PGM_PROTECTION = 0x04
export const PGM_ADDRESSING = 0x05
export const PGM_SPECIFICATION = 0x06
export const PGM_DATA = 0x07
export const PGM_FIXED_OVERFLOW = 0x08
export const PGM_FIXED_DIVIDE = 0x09
export const PGM_DECIMAL_OVERFLOW = 0x0a
export const PGM_DECIMAL_DIVIDE = 0x0b
export const PGM_SEGMENT_TRANSLATION = 0x10
export const PGM_PAGE_TRANSLATION = 0x11
export const PGM_TRANSLATION_SPEC = 0x12
export const PGM_SPECIAL_OPERATION = 0x13
export const PGM_MONITOR_EVENT = 0x40
export const PGM_ASCE_TYPE = 0x38
export const PGM_REGION_FIRST = 0x39
export const PGM_REGION_SECOND = 0x3a
export const PGM_REGION_THIRD = 0x3b
export const PGM_VECTOR_PROCESSING = 0x1b

/** POP names of the program-interruption codes (run verdicts and traces). */
export const PGM_NAMES: Readonly<Record<number, string>> = {
  0x01: 'operation',
  0x02: 'privileged-operation',
  0x03: 'execute',
  0x04: 'protection',
  0x05: 'addressing',
  0x06: 'specification',
  0x07: 'data',
  0x08: 'fixed-point-overflow',
  0x09: 'fixed-point-divide',
  0x0a: 'decimal-overflow',
  0x0b: 'decimal-divide',
  0x10: 'segment-translation',
  0x11: 'page-translation',
  0x12: 'translation-specification',
  0x13: 'special-operation',
  0x1b: 'vector-processing',
  0x38: 'ASCE-type',
  0x39: 'region-first-translation',
  0x3a: 'region-second-translation',
  0x3b: 'region-third-translation',
  0x40: 'monitor-event',
}

/** Codes whose interruption nullifies (old PSW points at the instruction, not past it). */
export const NULLIFYING_CODES: ReadonlySet<number> = new Set([
  PGM_SEGMENT_TRANSLATION,
  PGM_PAGE_TRANSLATION,
  PGM_ASCE_TYPE,
  PGM_REGION_FIRST,
  PGM_REGION_SECOND,
  PGM_REGION_THIRD,
])

/** External-interruption codes. */
export const EXT_EMERGENCY_SIGNAL = 0x1201
export const EXT_EXTERNAL_CALL = 0x1202
export const EXT_CLOCK_COMPARATOR = 0x1004
export const EXT_CPU_TIMER = 0x1005
export const EXT_SERVICE_SIGNAL = 0x2401

/** Lowcore (prefix area) offsets, z/Architecture layout. */
export const LC_EXT_PARAMS = 0x80
export const LC_EXT_CPU_ADDR = 0x84
export const LC_EXT_INT_CODE = 0x86
export const LC_SVC_ILC = 0x88
export const LC_SVC_CODE = 0x8a
export const LC_PGM_ILC = 0x8c
export const LC_PGM_CODE = 0x8e
export const LC_DATA_EXC_CODE = 0x90
/** Monitor class number (halfword) and monitor code (doubleword) of a monitor-event interruption. */
export const LC_MON_CLASS = 0x94
export const LC_MON_CODE = 0xb0
export const LC_EXC_ACCESS_ID = 0xa0
export const LC_OP_ACCESS_ID = 0xa2
export const LC_TRANS_EXC_ID = 0xa8
export const LC_STFL = 0xc8
export const LC_RESTART_OLD = 0x120
export const LC_EXT_OLD = 0x130
export const LC_SVC_OLD = 0x140
export const LC_PGM_OLD = 0x150
export const LC_IO_OLD = 0x170
export const LC_RESTART_NEW = 0x1a0
export const LC_EXT_NEW = 0x1b0
export const LC_SVC_NEW = 0x1c0
export const LC_PGM_NEW = 0x1d0
export const LC_IO_NEW = 0x1f0
/** Store-status save areas (absolute 0x1200.. for STORE STATUS; relative for STORE STATUS AT ADDRESS). */
export const LC_FPRS_SA = 0x1200
export const LC_GRS_SA = 0x1280
export const LC_PSW_SA = 0x1300
export const LC_PREFIX_SA = 0x1318
export const LC_FPC_SA = 0x131c
export const LC_TODPR_SA = 0x1324
export const LC_CPUTM_SA = 0x1328
export const LC_CKC_SA = 0x1330
export const LC_ARS_SA = 0x1340
export const LC_CRS_SA = 0x1380

/** CR0 bits, as masks on the low word (bit 32 of the 64-bit register = 0x80000000). */
export const CR0_SSM_SUPPRESS = 0x40000000 // bit 33
export const CR0_LOW_ADDR_PROT = 0x10000000 // bit 35
export const CR0_FETCH_PROT_OVERRIDE = 0x02000000 // bit 38
export const CR0_STORE_PROT_OVERRIDE = 0x01000000 // bit 39
export const CR0_EDAT = 0x00800000 // bit 40
export const CR0_IEP = 0x00100000 // bit 43
export const CR0_AFP = 0x00040000 // bit 45
export const CR0_VECTOR = 0x00020000 // bit 46
export const CR0_EMERGENCY_SIGNAL = 0x00004000 // bit 49
export const CR0_EXTERNAL_CALL = 0x00002000 // bit 50
export const CR0_CLOCK_COMPARATOR = 0x00000800 // bit 52
export const CR0_CPU_TIMER = 0x00000400 // bit 53
export const CR0_SERVICE_SIGNAL = 0x00000200 // bit 54

/** PSW mask bits in the high word of the 64-bit mask (bit 0 = 0x80000000). */
export const PSW_PER = 0x40000000
export const PSW_DAT = 0x04000000
export const PSW_IO = 0x02000000
export const PSW_EXT = 0x01000000
export const PSW_KEY = 0x00f00000
export const PSW_BIT12 = 0x00080000
export const PSW_MCHECK = 0x00040000
export const PSW_WAIT = 0x00020000
export const PSW_PROBLEM = 0x00010000
export const PSW_AS = 0x0000c000
export const PSW_CC = 0x00003000
export const PSW_PM = 0x00000f00
export const PSW_RI = 0x00000080
export const PSW_EA = 0x00000001

/** Access types for translation and protection. */
export const ACC_FETCH = 0
export const ACC_STORE = 1
export const ACC_IFETCH = 2

/** PER (POP ch. 4, "Program-Event Recording"): CR9 bits 32-42 as masks on the low word of CR9. The PER code stored
 * at 0x96 is CR9 bits 32-39 of the events that occurred (successful branching 0x80, instruction fetching 0x40,
 * storage alteration 0x20, store using real address 0x08). */
export const CR9_BRANCH = 0x80000000 // bit 32
export const CR9_IFETCH = 0x40000000 // bit 33
export const CR9_STORE = 0x20000000 // bit 34
export const CR9_STORE_REAL = 0x08000000 // bit 36
export const CR9_IFETCH_NULLIFY = 0x01000000 // bit 39
export const CR9_BRANCH_ADDR_CTL = 0x00800000 // bit 40
export const CR9_STORE_SPACE_CTL = 0x00200000 // bit 42
/** Program-interruption code bit of a PER event (alone: code 0x80; with another condition: ORed into its code). */
export const PGM_PER = 0x80
/** PER code and ATMID (bytes), PER address (doubleword) in the lowcore. */
export const LC_PER_CODE = 0x96
export const LC_PER_ATMID = 0x97
export const LC_PER_ADDRESS = 0x98
export const CR0_SECONDARY_SPACE = 0x04000000 // bit 37

/** Entries per access type of a CPU's software TLB (Cpu.tlbTag/tlbBase; the interpreter reads it inline). */
export const TLB_SIZE = 1024
