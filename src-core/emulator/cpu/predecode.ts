// Pre-decoding for the interpreter's fast path (cpu/interpret.ts): an instruction of the hot set becomes an entry
// with a small operation number and its operands already extracted (and, where that pays, already combined: the
// AND value of NILL, the mask of RISBG), so the loop runs it in one case of a switch with no decoder call, no
// operand fields written through the Cpu and no call through a per-mnemonic function. Every other instruction is
// OP_GENERIC: the table's decode + exec, as before. (First written on branch s4-interp; the cache now holds the
// operands as int32, see cpu/interpret.ts.)
//
// The operation numbers are the case labels of the switch in interpret.ts, written there as literals (a switch
// compiles to a jump table only over literal labels); tests/isa/interp-fast-path.test.ts runs every mnemonic here
// through both paths and compares the whole CPU state.
import { decodeFields, type Insn } from '../isa/decode.ts'

/** Not in the hot set: decode + exec through the instruction's `run`. */
export const OP_GENERIC = 0

/** The pre-extracted operands of a fast-path instruction (filled at decode; the cache stores them as int32). */
export class Decoded {
  /** Operation number (OP_GENERIC or a case of the fast path). */
  op = OP_GENERIC
  // Operands of the fast path; their meaning depends on `op` (see FAST below). r1, r2, x, b: 0-15.
  r1 = 0
  r2 = 0
  x = 0
  b = 0
  d = 0
  i = 0
  j = 0
  k = 0
  /** Its storage operand X(B)+D, which fastLoop resolves before the case runs (OPND_* bits; 0: none). */
  mem = 0
}

/** Storage-operand bits of an entry (Decoded.mem; in the cache's word [3] shifted by 24: PK_OPND, PK_STORE): the
 * operand is fetched (OPND_FETCH) or stored (OPND_STORE), `n` bytes (n - 1 in bits 3-5). */
const OPND_FETCH = 1
const OPND_STORE = 3
const LD = (n: 1 | 2 | 4 | 8): number => OPND_FETCH | ((n - 1) << 3)
const STO = (n: 1 | 2 | 4 | 8): number => OPND_STORE | ((n - 1) << 3)
/** Bits of the cache's word [3]: the entry has a storage operand; it is stored; bits 27-29: its length - 1. */
export const PK_OPND = 1 << 24
export const PK_STORE = 2 << 24

/** 64-bit mask of bits s..e (bit 0 leftmost, wrapping when s > e) as [high word, low word]. */
function mask64(s: number, e: number): [number, number] {
  let h = 0
  let l = 0
  for (let bit = 0; bit < 64; bit++) {
    if (s <= e ? bit >= s && bit <= e : bit >= s || bit <= e) {
      if (bit < 32) h |= 1 << (31 - bit)
      else l |= 1 << (63 - bit)
    }
  }
  return [h, l]
}

/** Fields of an instruction as the generic decoder extracts them. */
type F = ReturnType<typeof decodeFields>

/**
 * The hot set: mnemonic → [operation number, operand setter]. Operands, by operation:
 * register forms r1 = target, r2/x = sources; storage forms x/b/d = X2/B2/D2 (B1/D1 for SI/SIL); i = immediate or
 * relative offset in halfwords (the cache holds int32: a doubled RIL offset may not fit); j = branch mask or second
 * immediate; k = a further immediate (8 bits: the cache keeps its low byte).
 */
const FAST: Record<string, readonly [number, (e: Decoded, f: F) => void, number]> = {}
function fast(op: number, mns: string, set: (e: Decoded, f: F) => void, mem = 0): void {
  for (const mn of mns.split(' ')) FAST[mn] = [op, set, mem]
}
const rr = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r2
}
/** Two-operand RR/RRE arithmetic: r1 = r1 op r2 (r2 = first source, x = second). */
const rr2 = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r1
  e.x = f.r2
}
/** Three-operand RRF_a: r1 = r2 op r3. */
const rrf3 = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r2
  e.x = f.r3
}
const ri = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r1
  e.i = f.i2
}
const rie3 = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r3
  e.i = f.i2
}
const rx = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.x = f.x2
  e.b = f.b2
  e.d = f.d2
}
const si = (e: Decoded, f: F): void => {
  e.b = f.b1
  e.d = f.d1
  e.i = f.i2
}
/** Shifts (RS_a/RSY_a): r1 = target, r2 = source register, b/d = the shift amount's address. */
const shift = (src: 'r1' | 'r3') => (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f[src]
  e.b = f.b2
  e.d = f.d2
}
/** Logical immediate on a word: i = the value the operation combines, j = the bits that set the CC. */
const logImm = (half: -1 | 0 | 16, and: boolean) => (e: Decoded, f: F): void => {
  const fm = half === -1 ? -1 : 0xffff << half
  const iv = half === -1 ? f.i2 : (f.i2 & 0xffff) << half
  e.r1 = f.r1
  e.i = and ? iv | ~fm : iv
  e.j = fm
}
/** 64-bit immediate loads: j:i = the value (hi:lo). */
const set64 = (hi: boolean, half: -1 | 0 | 16) => (e: Decoded, f: F): void => {
  const v = half === -1 ? f.i2 | 0 : (f.i2 & 0xffff) << half
  e.r1 = f.r1
  e.i = hi ? 0 : v
  e.j = hi ? v : 0
}
/** Insert immediate: i = the value, j = the bits kept. */
const insImm = (half: -1 | 0 | 16) => (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.i = half === -1 ? f.i2 : (f.i2 & 0xffff) << half
  e.j = half === -1 ? 0 : ~(0xffff << half)
}
/** TEST UNDER MASK (register): k = shift of the halfword, i = mask, j = its leftmost bit. */
const tmr = (sh: number) => (e: Decoded, f: F): void => {
  const m = f.i2 & 0xffff
  e.r1 = f.r1
  e.k = sh
  e.i = m
  e.j = m === 0 ? 0 : 1 << (31 - Math.clz32(m))
}
const rel = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.j = f.r1
  e.i = f.i2
}
/** Compare and branch relative: j = M3, i = I4 (halfwords), k = the immediate (CIJ family). */
const cij = (signed: boolean) => (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.j = f.m3
  e.i = f.i4
  e.k = signed ? (f.i2 << 24) >> 24 : f.i2 & 0xff
}
const crj = (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r2
  e.j = f.m3
  e.i = f.i4
}
/** RISBG family: i:j = the mask, k = the rotation, x = flags (1 zero the rest / test only, 2 set the CC). */
const rsbg = (cc: boolean, flagBit: 'i3' | 'i4') => (e: Decoded, f: F): void => {
  const [mh, ml] = mask64(f.i3 & 63, f.i4 & 63)
  e.r1 = f.r1
  e.r2 = f.r2
  e.i = mh
  e.j = ml
  e.k = f.i5 & 63
  e.x = ((f[flagBit] & 0x80) !== 0 ? 1 : 0) | (cc ? 2 : 0)
}

// Operation numbers: keep them equal to the case labels in interpret.ts.
fast(1, 'LR', rr)
fast(2, 'LGR', rr)
fast(3, 'LTR', rr)
fast(4, 'LTGR', rr)
fast(5, 'LLGFR', rr)
fast(6, 'LGFR', rr)
fast(7, 'LLCR', rr)
fast(8, 'LLGCR', rr)
fast(9, 'LCR', rr)
fast(10, 'LCGR', rr)
fast(11, 'LPR', rr)
fast(12, 'AR', rr2)
fast(12, 'ARK', rrf3)
fast(13, 'SR', rr2)
fast(13, 'SRK', rrf3)
fast(14, 'AGR', rr2)
fast(14, 'AGRK', rrf3)
fast(15, 'SGR', rr2)
fast(15, 'SGRK', rrf3)
fast(16, 'AHI AFI', ri)
fast(16, 'AHIK', rie3)
fast(17, 'AGHI AGFI', ri)
fast(17, 'AGHIK', rie3)
fast(18, 'NR', rr2)
fast(18, 'NRK', rrf3)
fast(19, 'OR', rr2)
fast(19, 'ORK', rrf3)
fast(20, 'XR', rr2)
fast(20, 'XRK', rrf3)
fast(21, 'NGR', rr2)
fast(21, 'NGRK', rrf3)
fast(22, 'OGR', rr2)
fast(22, 'OGRK', rrf3)
fast(23, 'XGR', rr2)
fast(23, 'XGRK', rrf3)
fast(24, 'NILF', logImm(-1, true))
fast(24, 'NILL', logImm(0, true))
fast(24, 'NILH', logImm(16, true))
fast(25, 'OILF', logImm(-1, false))
fast(25, 'OILL', logImm(0, false))
fast(25, 'OILH', logImm(16, false))
fast(26, 'XILF', logImm(-1, false))
fast(27, 'NIHF', logImm(-1, true))
fast(27, 'NIHL', logImm(0, true))
fast(27, 'NIHH', logImm(16, true))
fast(28, 'OIHF', logImm(-1, false))
fast(28, 'OIHL', logImm(0, false))
fast(28, 'OIHH', logImm(16, false))
fast(29, 'XIHF', logImm(-1, false))
fast(30, 'LHI IILF', (e, f) => {
  e.r1 = f.r1
  e.i = f.i2
})
fast(31, 'LGHI LGFI', (e, f) => {
  e.r1 = f.r1
  e.i = f.i2
  e.j = f.i2 >> 31
})
fast(31, 'LLILF', set64(false, -1))
fast(31, 'LLILL', set64(false, 0))
fast(31, 'LLILH', set64(false, 16))
fast(31, 'LLIHF', set64(true, -1))
fast(31, 'LLIHL', set64(true, 0))
fast(31, 'LLIHH', set64(true, 16))
fast(32, 'IILL', insImm(0))
fast(32, 'IILH', insImm(16))
fast(33, 'IIHF', insImm(-1))
fast(33, 'IIHL', insImm(0))
fast(33, 'IIHH', insImm(16))
fast(34, 'TMLL', tmr(0))
fast(34, 'TMLH', tmr(16))
fast(35, 'TMHL', tmr(0))
fast(35, 'TMHH', tmr(16))
fast(36, 'CR', rr)
fast(37, 'CLR', rr)
fast(38, 'CGR', rr)
fast(39, 'CLGR', rr)
fast(40, 'CHI CFI', ri)
fast(41, 'CLFI', ri)
fast(42, 'CGHI CGFI', ri)
fast(43, 'CLGFI', ri)
fast(44, 'LA LAY', rx)
fast(45, 'LARL', rel)
fast(46, 'L LY', rx, LD(4))
fast(47, 'LG', rx, LD(8))
fast(48, 'LGF', rx, LD(4))
fast(49, 'LLGF', rx, LD(4))
fast(50, 'LLGC', rx, LD(1))
fast(51, 'LLC', rx, LD(1))
fast(52, 'LH LHY', rx, LD(2))
fast(53, 'LLH', rx, LD(2))
fast(54, 'LLGH', rx, LD(2))
fast(55, 'IC ICY', rx, LD(1))
fast(56, 'LT', rx, LD(4))
fast(57, 'LTG', rx, LD(8))
fast(58, 'LB', rx, LD(1))
fast(59, 'LGB', rx, LD(1))
fast(60, 'ST STY', rx, STO(4))
fast(61, 'STG', rx, STO(8))
fast(62, 'STC STCY', rx, STO(1))
fast(63, 'STH STHY', rx, STO(2))
fast(64, 'MVI MVIY', si, STO(1))
fast(65, 'CLI CLIY', si, LD(1))
fast(66, 'TM TMY', si, LD(1))
fast(67, 'MVHHI', si, STO(2))
fast(68, 'MVHI', si, STO(4))
fast(69, 'MVGHI', si, STO(8))
fast(70, 'CG', rx, LD(8))
fast(71, 'CLG', rx, LD(8))
fast(72, 'C CY', rx, LD(4))
fast(73, 'CL CLY', rx, LD(4))
fast(74, 'BRC BRCL', rel)
fast(75, 'BCR', (e, f) => {
  e.j = f.r1
  e.r2 = f.r2
})
fast(76, 'BC', (e, f) => {
  rx(e, f)
  e.j = f.r1
})
fast(77, 'BRCT', rel)
fast(78, 'BRCTG', rel)
fast(79, 'BASR', rr)
fast(80, 'BRAS BRASL', rel)
fast(81, 'CIJ', cij(true))
fast(82, 'CGIJ', cij(true))
fast(83, 'CLIJ', cij(false))
fast(84, 'CLGIJ', cij(false))
fast(85, 'CRJ', crj)
fast(86, 'CGRJ', crj)
fast(87, 'CLRJ', crj)
fast(88, 'CLGRJ', crj)
fast(89, 'SLL', shift('r1'))
fast(89, 'SLLK', shift('r3'))
fast(90, 'SRL', shift('r1'))
fast(90, 'SRLK', shift('r3'))
fast(91, 'SLLG', shift('r3'))
fast(92, 'SRLG', shift('r3'))
fast(93, 'RISBG', rsbg(true, 'i4'))
fast(93, 'RISBGN', rsbg(false, 'i4'))
fast(94, 'RXSBG', rsbg(true, 'i3'))
fast(95, 'MSGR', rr)
fast(96, 'MSGFR', rr)
fast(97, 'MGHI MSGFI', ri)
fast(98, 'MSR', rr)
fast(99, 'MHI MSFI', ri)
fast(100, 'SRA', shift('r1'))
fast(100, 'SRAK', shift('r3'))
fast(101, 'SRAG', shift('r3'))
fast(102, 'LLHR', rr)
fast(103, 'LLGHR', rr)
fast(104, 'AG', rx, LD(8))
fast(105, 'N NY', rx, LD(4))
fast(106, 'RLL', shift('r3'))
fast(107, 'RLLG', shift('r3'))
fast(108, 'A AY', rx, LD(4))
fast(109, 'S SY', rx, LD(4))
fast(110, 'X XY', rx, LD(4))
fast(111, 'O OY', rx, LD(4))
fast(112, 'SG', rx, LD(8))
fast(113, 'XG', rx, LD(8))
fast(114, 'ALGF', rx, LD(4))
fast(115, 'ALGFR', rr)
fast(116, 'ALGR', rr)
fast(117, 'LGRL', rel)
fast(118, 'LRL', rel)
fast(119, 'LMG', shift('r3'))
fast(120, 'STMG', shift('r3'))
/** Logical arithmetic with a carry or borrow: k = 1 takes the carry-in from the CC (ALCR, SLBR, SLBGR, ALCGR); x = 1
 * zero-extends the second operand's low word (SLGFR). */
const logc = (k: number, x: number) => (e: Decoded, f: F): void => {
  e.r1 = f.r1
  e.r2 = f.r2
  e.k = k
  e.x = x
}
fast(121, 'ALR', logc(0, 0))
fast(121, 'ALCR', logc(1, 0))
fast(122, 'SLR', logc(0, 0))
fast(122, 'SLBR', logc(1, 0))
fast(123, 'SLGR', logc(0, 0))
fast(123, 'SLGFR', logc(0, 1))
fast(123, 'SLBGR', logc(1, 0))
fast(124, 'ALCGR', logc(1, 0))
fast(125, 'AGFR', rr)
fast(126, 'AGF', rx, LD(4))
fast(127, 'OG', rx, LD(8))
fast(128, 'NG', rx, LD(8))
fast(129, 'IPM', rr)
// PREFETCH DATA and NEXT INSTRUCTION ACCESS INTENT: hints, no operation and no exception.
fast(130, 'PFD NIAI', () => {})
fast(131, 'STGRL', rel)
fast(132, 'STRL', rel)
/** Storage-to-storage (SS_a): b/d = B1/D1, x/i = B2/D2, j = L (the length - 1). */
const ss = (e: Decoded, f: F): void => {
  e.b = f.b1
  e.d = f.d1
  e.x = f.b2
  e.i = f.d2
  e.j = f.l1
}
fast(133, 'MVC', ss)
fast(134, 'CLC', ss)
fast(135, 'XC', ss)
fast(136, 'CS CSY', shift('r3'), STO(4))
fast(137, 'ALG', rx, LD(8))
fast(138, 'RNSBG', rsbg(true, 'i3'))
fast(139, 'ROSBG', rsbg(true, 'i3'))

/** Mnemonics the fast path runs (tests). */
export const FAST_MNEMONICS: readonly string[] = Object.keys(FAST)
/** The largest fast-path operation number (operations are 1..FAST_OPS). */
export const FAST_OPS = Math.max(...Object.values(FAST).map((row) => row[0]))
/** The storage-operand bits (Decoded.mem) of each operation number (every mnemonic of an operation has the same). */
export const OP_MEM: readonly number[] = (() => {
  const m = new Array<number>(FAST_OPS + 1).fill(0)
  for (const [op, , mem] of Object.values(FAST)) m[op] = mem
  return m
})()

/** What predecode returns (one object, overwritten by each call: the cache copies it into its int32 slot). */
const OUT = new Decoded()
/** Operand fields predecode decodes into (reused: decoding runs at every cache miss, an allocation there showed up
 * as garbage-collection time on Linux's large code footprint). */
const FIELDS: F = { r1: 0, r2: 0, r3: 0, x2: 0, b1: 0, d1: 0, b2: 0, d2: 0, i2: 0, i3: 0, i4: 0, i5: 0, m3: 0, m4: 0, m5: 0, l1: 0, l2: 0 }
/** The hot-set row of each instruction seen so far (null: generic). */
const ROW = new Map<Insn, readonly [number, (e: Decoded, f: F) => void, number] | null>()

/** The fast-path operands of `ins` with these halfwords (op OP_GENERIC when it is not in the hot set); the object
 * returned is valid until the next call. */
export function predecode(ins: Insn, h0: number, h1: number, h2: number): Decoded {
  const e = OUT
  e.op = OP_GENERIC
  e.r1 = e.r2 = e.x = e.b = e.d = e.i = e.j = e.k = e.mem = 0
  let hot = ROW.get(ins)
  if (hot === undefined) {
    hot = FAST[ins.mnemonic] ?? null
    ROW.set(ins, hot)
  }
  if (hot !== null) {
    const f = FIELDS
    f.r1 = f.r2 = f.r3 = f.x2 = f.b1 = f.d1 = f.b2 = f.d2 = f.i2 = f.i3 = f.i4 = f.i5 = f.m3 = f.m4 = f.m5 = f.l1 = f.l2 = 0
    ins.decode(f, h0, h1, h2)
    e.op = hot[0]
    hot[1](e, f)
    e.mem = hot[2]
  }
  return e
}

/**
 * Instructions that never store into storage (nor make a device or another CPU store): register and immediate
 * arithmetic, loads, compares. After one of them on its generic path (not in the hot set, or a hot instruction that
 * fell back) the interpreter's cached instructions stay valid (see newEpoch in interpret.ts). Exceptions do not
 * matter here: an interruption (which stores the old PSW) ends the interpreter's loop, which starts a new epoch
 * when it is entered again. tests/isa/interp-no-store.test.ts runs each with random operands and checks storage.
 */
export const NO_STORE: ReadonlySet<string> = new Set(
  (
    'AR A AY AGR AGRK ARK AHI AFI AHIK AGHI AGFI AGHIK AG AGF AGFR SR S SY SGR SGRK SRK SG SGF SGFR ' +
    'ALR ALRK AL ALY ALGR ALGRK ALG ALGF ALGFR ALFI ALGFI ALCR ALCGR ALC ALCG SLR SLRK SL SLY SLGR SLGRK SLG SLGF ' +
    'SLGFR SLFI SLGFI SLBR SLBGR SLB SLBG ' +
    'MSR MS MSY MSG MSGR MSGF MSGFR MSFI MSGFI MHI MGHI MLR ML MLGR MLG MR M MFY MGRK MSRKC MSGRKC MSC MSGC ' +
    'DR D DLR DL DLGR DLG DSGR DSG DSGFR DSGF ' +
    'LNR LNGR LNGFR LPR LPGR LPGFR LCR LCGR LCGFR LBR LGBR LHR LGHR LLCR LLGCR LLHR LLGHR LLGTR LLGT LGH LH LHY ' +
    'LRV LRVG LRVH LRVR LRVGR LOCR LOCGR LOC LOCG LOCHI LOCGHI ICM ICMY ICMH LM LMY LMG LMH LLGFRL LGFRL LGHRL ' +
    'LHRL LLHRL LLGHRL ' +
    'ROSBG RNSBG RXSBG RISBG RISBGN RISBHG RISBLG SLA SLAK SLAG SRA SRAK SRAG SLDL SRDL SLDA SRDA FLOGR POPCNT ' +
    'CLGFR CLGF CLGHRL CLGRL CLRL CGRL CRL CGFRL CLGFRL CHRL CLHRL CLFHSI CLGHSI CLHHSI CHHSI CHSI CGHSI CLST ' +
    'SRST CLM CLMY CLMH CH CHY CGH CGF CGFR CLGF CL CLY C CY CG CLG ' +
    'NGR NR NGRK NRK OGR OR XGR XR N NY NG O OY OG X XY XG NILF OILF XILF NIHF OIHF XIHF'
  ).split(' '),
)
