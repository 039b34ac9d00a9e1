// THE instruction table: one row per opcode (opcode, mnemonic, format, handler, privileged). Decoding
// (decode.ts), the disassembler (disasm.ts) and the ISA test skeletons are generated from it.
// Legend: opc < 0x100 = one-byte opcode; 0x100-0xfff = byte + low nibble of byte 1 (RI/RIL/SSF);
// 0x1000-0xffff = first byte + second byte (B2/B3/B9/E5/01) or first byte + last byte (E3/E6/E7/EB/EC/ED).
import type { Exec } from './decode.ts'
import type { Format } from './formats.ts'
import * as fx from '../ops/fixed.ts'
import * as br from '../ops/branch.ts'
import * as st from '../ops/storage.ts'
import * as sy from '../ops/system.ts'
import * as fp from '../ops/float.ts'
import * as vx from '../ops/vector.ts'
import * as cr from '../ops/crypto.ts'

/** One table row. */
export interface Row {
  opc: number
  mn: string
  fmt: Format
  exec: Exec
  priv?: boolean
}
const r = (opc: number, mn: string, fmt: Format, exec: Exec, priv = false): Row => ({ opc, mn, fmt, exec, priv })
const P = true

/** Every instruction the emulator decodes. */
export const TABLE: readonly Row[] = [
  // ---- POP ch. 7: binary arithmetic -----------------------------------------------------------------------------
  r(0x1a, 'AR', 'RR', fx.ar), r(0x1b, 'SR', 'RR', fx.sr), r(0x5a, 'A', 'RX', fx.a), r(0x5b, 'S', 'RX', fx.s),
  r(0xe35a, 'AY', 'RXY', fx.a), r(0xe35b, 'SY', 'RXY', fx.s), r(0x4a, 'AH', 'RX', fx.ah), r(0x4b, 'SH', 'RX', fx.sh_),
  r(0xe37a, 'AHY', 'RXY', fx.ah), r(0xe37b, 'SHY', 'RXY', fx.sh_), r(0xa7a, 'AHI', 'RI', fx.ahi), r(0xc29, 'AFI', 'RIL', fx.afi),
  r(0xb9f8, 'ARK', 'RRF', fx.ark), r(0xb9f9, 'SRK', 'RRF', fx.srk), r(0xecd8, 'AHIK', 'RIE_d', fx.ahik),
  r(0xb908, 'AGR', 'RRE', fx.agr), r(0xb909, 'SGR', 'RRE', fx.sgr), r(0xb9e8, 'AGRK', 'RRF', fx.agrk), r(0xb9e9, 'SGRK', 'RRF', fx.sgrk),
  r(0xb918, 'AGFR', 'RRE', fx.agfr), r(0xb919, 'SGFR', 'RRE', fx.sgfr), r(0xa7b, 'AGHI', 'RI', fx.aghi), r(0xc28, 'AGFI', 'RIL', fx.agfi),
  r(0xecd9, 'AGHIK', 'RIE_d', fx.aghik), r(0xe308, 'AG', 'RXY', fx.ag), r(0xe309, 'SG', 'RXY', fx.sg), r(0xe318, 'AGF', 'RXY', fx.agf),
  r(0xe319, 'SGF', 'RXY', fx.sgf), r(0xe338, 'AGH', 'RXY', fx.agh), r(0xeb6a, 'ASI', 'SIY', fx.asi), r(0xeb7a, 'AGSI', 'SIY', fx.agsi),
  r(0x1e, 'ALR', 'RR', fx.alr), r(0x1f, 'SLR', 'RR', fx.slr), r(0x5e, 'AL', 'RX', fx.al), r(0x5f, 'SL', 'RX', fx.sl),
  r(0xe35e, 'ALY', 'RXY', fx.al), r(0xe35f, 'SLY', 'RXY', fx.sl), r(0xc2b, 'ALFI', 'RIL', fx.alfi), r(0xc25, 'SLFI', 'RIL', fx.slfi),
  r(0xb9fa, 'ALRK', 'RRF', fx.alrk), r(0xb9fb, 'SLRK', 'RRF', fx.slrk), r(0xecda, 'ALHSIK', 'RIE_d', fx.alhsik),
  r(0xb998, 'ALCR', 'RRE', fx.alcr), r(0xb999, 'SLBR', 'RRE', fx.slbr), r(0xe398, 'ALC', 'RXY', fx.alc), r(0xe399, 'SLB', 'RXY', fx.slb),
  r(0xb90a, 'ALGR', 'RRE', fx.algr), r(0xb90b, 'SLGR', 'RRE', fx.slgr), r(0xb91a, 'ALGFR', 'RRE', fx.algfr), r(0xb91b, 'SLGFR', 'RRE', fx.slgfr),
  r(0xb9ea, 'ALGRK', 'RRF', fx.algrk), r(0xb9eb, 'SLGRK', 'RRF', fx.slgrk), r(0xb988, 'ALCGR', 'RRE', fx.alcgr), r(0xb989, 'SLBGR', 'RRE', fx.slbgr),
  r(0xc2a, 'ALGFI', 'RIL', fx.algfi), r(0xc24, 'SLGFI', 'RIL', fx.slgfi), r(0xecdb, 'ALGHSIK', 'RIE_d', fx.alghsik),
  r(0xe30a, 'ALG', 'RXY', fx.alg), r(0xe30b, 'SLG', 'RXY', fx.slg), r(0xe388, 'ALCG', 'RXY', fx.alcg), r(0xe389, 'SLBG', 'RXY', fx.slbg),
  r(0xe31a, 'ALGF', 'RXY', fx.algf), r(0xe31b, 'SLGF', 'RXY', fx.slgf), r(0xeb6e, 'ALSI', 'SIY', fx.alsi), r(0xeb7e, 'ALGSI', 'SIY', fx.algsi),
  r(0xb252, 'MSR', 'RRE', fx.msr), r(0x71, 'MS', 'RX', fx.ms), r(0xe351, 'MSY', 'RXY', fx.ms), r(0xc21, 'MSFI', 'RIL', fx.msfi),
  r(0xa7c, 'MHI', 'RI', fx.mhi), r(0x4c, 'MH', 'RX', fx.mh), r(0xe37c, 'MHY', 'RXY', fx.mh), r(0xb90c, 'MSGR', 'RRE', fx.msgr),
  r(0xb91c, 'MSGFR', 'RRE', fx.msgfr), r(0xa7d, 'MGHI', 'RI', fx.mghi), r(0xc20, 'MSGFI', 'RIL', fx.msgfi), r(0xe30c, 'MSG', 'RXY', fx.msg),
  r(0xe31c, 'MSGF', 'RXY', fx.msgf), r(0xb9fd, 'MSRKC', 'RRF', fx.msrkc), r(0xb9ed, 'MSGRKC', 'RRF', fx.msgrkc), r(0xb9ec, 'MGRK', 'RRF', fx.mgrk),
  r(0xe353, 'MSC', 'RXY', fx.msc), r(0xe383, 'MSGC', 'RXY', fx.msgc), r(0xe384, 'MG', 'RXY', fx.mg), r(0xe33c, 'MGH', 'RXY', fx.mgh),
  r(0xe339, 'SGH', 'RXY', fx.sgh),
  r(0x1c, 'MR', 'RR', fx.mr), r(0x5c, 'M', 'RX', fx.m), r(0xe35c, 'MFY', 'RXY', fx.mfy), r(0xb996, 'MLR', 'RRE', fx.mlr),
  r(0xe396, 'ML', 'RXY', fx.ml), r(0xb986, 'MLGR', 'RRE', fx.mlgr), r(0xe386, 'MLG', 'RXY', fx.mlg),
  r(0x1d, 'DR', 'RR', fx.dr), r(0x5d, 'D', 'RX', fx.d), r(0xb997, 'DLR', 'RRE', fx.dlr), r(0xe397, 'DL', 'RXY', fx.dl),
  r(0xb90d, 'DSGR', 'RRE', fx.dsgr), r(0xb91d, 'DSGFR', 'RRE', fx.dsgfr), r(0xe30d, 'DSG', 'RXY', fx.dsg), r(0xe31d, 'DSGF', 'RXY', fx.dsgf),
  r(0xb987, 'DLGR', 'RRE', fx.dlgr), r(0xe387, 'DLG', 'RXY', fx.dlg),
  // ---- logical -------------------------------------------------------------------------------------------------
  r(0x14, 'NR', 'RR', fx.nr), r(0x16, 'OR', 'RR', fx.or), r(0x17, 'XR', 'RR', fx.xr), r(0x54, 'N', 'RX', fx.n), r(0x56, 'O', 'RX', fx.o),
  r(0x57, 'X', 'RX', fx.x), r(0xe354, 'NY', 'RXY', fx.n), r(0xe356, 'OY', 'RXY', fx.o), r(0xe357, 'XY', 'RXY', fx.x),
  r(0xb9f4, 'NRK', 'RRF', fx.nrk), r(0xb9f6, 'ORK', 'RRF', fx.ork), r(0xb9f7, 'XRK', 'RRF', fx.xrk),
  r(0xb980, 'NGR', 'RRE', fx.ngr), r(0xb981, 'OGR', 'RRE', fx.ogr), r(0xb982, 'XGR', 'RRE', fx.xgr),
  r(0xb9e4, 'NGRK', 'RRF', fx.ngrk), r(0xb9e6, 'OGRK', 'RRF', fx.ogrk), r(0xb9e7, 'XGRK', 'RRF', fx.xgrk),
  r(0xb9f5, 'NCRK', 'RRF', fx.ncrk), r(0xb9e5, 'NCGRK', 'RRF', fx.ncgrk), r(0xb975, 'OCRK', 'RRF', fx.ocrk), r(0xb965, 'OCGRK', 'RRF', fx.ocgrk),
  r(0xb974, 'NNRK', 'RRF', fx.nnrk), r(0xb964, 'NNGRK', 'RRF', fx.nngrk), r(0xb976, 'NORK', 'RRF', fx.nork), r(0xb966, 'NOGRK', 'RRF', fx.nogrk),
  r(0xb977, 'NXRK', 'RRF', fx.nxrk), r(0xb967, 'NXGRK', 'RRF', fx.nxgrk), r(0xb9f0, 'SELR', 'RRF', fx.selr), r(0xb9e3, 'SELGR', 'RRF', fx.selgr),
  r(0xb9c0, 'SELFHR', 'RRF', fx.selfhr),
  r(0xe380, 'NG', 'RXY', fx.ng), r(0xe381, 'OG', 'RXY', fx.og), r(0xe382, 'XG', 'RXY', fx.xg),
  r(0xc0b, 'NILF', 'RIL', fx.nilf), r(0xc0a, 'NIHF', 'RIL', fx.nihf), r(0xc0d, 'OILF', 'RIL', fx.oilf), r(0xc0c, 'OIHF', 'RIL', fx.oihf),
  r(0xc07, 'XILF', 'RIL', fx.xilf), r(0xc06, 'XIHF', 'RIL', fx.xihf), r(0xa57, 'NILL', 'RI', fx.nill), r(0xa56, 'NILH', 'RI', fx.nilh),
  r(0xa55, 'NIHL', 'RI', fx.nihl), r(0xa54, 'NIHH', 'RI', fx.nihh), r(0xa5b, 'OILL', 'RI', fx.oill), r(0xa5a, 'OILH', 'RI', fx.oilh),
  r(0xa59, 'OIHL', 'RI', fx.oihl), r(0xa58, 'OIHH', 'RI', fx.oihh),
  r(0xc09, 'IILF', 'RIL', fx.iilf), r(0xc08, 'IIHF', 'RIL', fx.iihf), r(0xa53, 'IILL', 'RI', fx.iill), r(0xa52, 'IILH', 'RI', fx.iilh),
  r(0xa51, 'IIHL', 'RI', fx.iihl), r(0xa50, 'IIHH', 'RI', fx.iihh), r(0xc0f, 'LLILF', 'RIL', fx.llilf), r(0xc0e, 'LLIHF', 'RIL', fx.llihf),
  r(0xa5f, 'LLILL', 'RI', fx.llill), r(0xa5e, 'LLILH', 'RI', fx.llilh), r(0xa5d, 'LLIHL', 'RI', fx.llihl), r(0xa5c, 'LLIHH', 'RI', fx.llihh),
  r(0xa78, 'LHI', 'RI', fx.lhi), r(0xa79, 'LGHI', 'RI', fx.lghi), r(0xc01, 'LGFI', 'RIL', fx.lgfi),
  r(0xa71, 'TMLL', 'RI', fx.tmll), r(0xa70, 'TMLH', 'RI', fx.tmlh), r(0xa73, 'TMHL', 'RI', fx.tmhl), r(0xa72, 'TMHH', 'RI', fx.tmhh),
  // ---- loads between registers ------------------------------------------------------------------------------------
  r(0x18, 'LR', 'RR', fx.lr), r(0xb904, 'LGR', 'RRE', fx.lgr), r(0xb914, 'LGFR', 'RRE', fx.lgfr), r(0xb916, 'LLGFR', 'RRE', fx.llgfr),
  r(0xb917, 'LLGTR', 'RRE', fx.llgtr), r(0xb926, 'LBR', 'RRE', fx.lbr), r(0xb906, 'LGBR', 'RRE', fx.lgbr), r(0xb927, 'LHR', 'RRE', fx.lhr),
  r(0xb907, 'LGHR', 'RRE', fx.lghr), r(0xb994, 'LLCR', 'RRE', fx.llcr), r(0xb984, 'LLGCR', 'RRE', fx.llgcr), r(0xb995, 'LLHR', 'RRE', fx.llhr),
  r(0xb985, 'LLGHR', 'RRE', fx.llghr), r(0x12, 'LTR', 'RR', fx.ltr), r(0xb902, 'LTGR', 'RRE', fx.ltgr), r(0xb912, 'LTGFR', 'RRE', fx.ltgfr),
  r(0x13, 'LCR', 'RR', fx.lcr), r(0xb903, 'LCGR', 'RRE', fx.lcgr), r(0xb913, 'LCGFR', 'RRE', fx.lcgfr), r(0x10, 'LPR', 'RR', fx.lpr),
  r(0xb900, 'LPGR', 'RRE', fx.lpgr), r(0xb910, 'LPGFR', 'RRE', fx.lpgfr), r(0x11, 'LNR', 'RR', fx.lnr), r(0xb901, 'LNGR', 'RRE', fx.lngr),
  r(0xb911, 'LNGFR', 'RRE', fx.lngfr), r(0xb983, 'FLOGR', 'RRE', fx.flogr), r(0xb9e1, 'POPCNT', 'RRF', fx.popcnt),
  // ---- loads / stores ----------------------------------------------------------------------------------------------
  r(0x58, 'L', 'RX', fx.l), r(0xe358, 'LY', 'RXY', fx.l), r(0xe304, 'LG', 'RXY', fx.lg), r(0xe314, 'LGF', 'RXY', fx.lgf),
  r(0xe316, 'LLGF', 'RXY', fx.llgf), r(0xe317, 'LLGT', 'RXY', fx.llgt), r(0x48, 'LH', 'RX', fx.lh), r(0xe378, 'LHY', 'RXY', fx.lh),
  r(0xe315, 'LGH', 'RXY', fx.lgh), r(0xe395, 'LLH', 'RXY', fx.llh), r(0xe391, 'LLGH', 'RXY', fx.llgh), r(0xe376, 'LB', 'RXY', fx.lb),
  r(0xe377, 'LGB', 'RXY', fx.lgb), r(0xe394, 'LLC', 'RXY', fx.llc), r(0xe390, 'LLGC', 'RXY', fx.llgc), r(0xe312, 'LT', 'RXY', fx.lt),
  r(0xe302, 'LTG', 'RXY', fx.ltg), r(0xe332, 'LTGF', 'RXY', fx.ltgf), r(0x50, 'ST', 'RX', fx.st), r(0xe350, 'STY', 'RXY', fx.st),
  r(0xe324, 'STG', 'RXY', fx.stg), r(0x40, 'STH', 'RX', fx.sth), r(0xe370, 'STHY', 'RXY', fx.sth), r(0x42, 'STC', 'RX', fx.stc),
  r(0xe372, 'STCY', 'RXY', fx.stc), r(0x41, 'LA', 'RX', fx.la), r(0xe371, 'LAY', 'RXY', fx.la), r(0x43, 'IC', 'RX', fx.ic),
  r(0xe373, 'ICY', 'RXY', fx.ic), r(0xbf, 'ICM', 'RS', fx.icm), r(0xeb81, 'ICMY', 'RSY', fx.icm), r(0xeb80, 'ICMH', 'RSY', fx.icmh),
  r(0xbe, 'STCM', 'RS', fx.stcm), r(0xeb2d, 'STCMY', 'RSY', fx.stcm), r(0xeb2c, 'STCMH', 'RSY', fx.stcmh),
  r(0xbd, 'CLM', 'RS', fx.clm), r(0xeb21, 'CLMY', 'RSY', fx.clm),
  r(0x98, 'LM', 'RS', fx.lm), r(0xeb98, 'LMY', 'RSY', fx.lm), r(0xeb96, 'LMH', 'RSY', fx.lmh), r(0xeb04, 'LMG', 'RSY', fx.lmg),
  r(0x90, 'STM', 'RS', fx.stm), r(0xeb90, 'STMY', 'RSY', fx.stm), r(0xeb26, 'STMH', 'RSY', fx.stmh), r(0xeb24, 'STMG', 'RSY', fx.stmg),
  r(0xe38f, 'LPQ', 'RXY', fx.lpq), r(0xe38e, 'STPQ', 'RXY', fx.stpq),
  r(0xe3ca, 'LFH', 'RXY', fx.lfh), r(0xe3cb, 'STFH', 'RXY', fx.stfh), r(0xcc8, 'AIH', 'RIL', fx.aih), r(0xccd, 'CIH', 'RIL', fx.cih),
  r(0xe33b, 'LZRF', 'RXY', fx.lzrf), r(0xe32a, 'LZRG', 'RXY', fx.lzrg), r(0xe33a, 'LLZRGF', 'RXY', fx.llzrgf),
  r(0xe39f, 'LAT', 'RXY', fx.lat), r(0xe385, 'LGAT', 'RXY', fx.lgat), r(0xeb23, 'CLT', 'RSY', fx.clt), r(0xeb2b, 'CLGT', 'RSY', fx.clgt),
  r(0xe375, 'LAEY', 'RXY', fx.laey), r(0xe336, 'PFD', 'RXY', fx.hint), r(0xc62, 'PFDRL', 'RIL', fx.hint), r(0xeb4c, 'ECAG', 'RSY', fx.ecag),
  r(0xb2fa, 'NIAI', 'E', fx.hint), r(0xc7, 'BPP', 'SSE', fx.hint), r(0xc5, 'BPRP', 'SSE', fx.hint), r(0xb2e8, 'PPA', 'RRF', fx.hint),
  r(0xc00, 'LARL', 'RIL', fx.larl), r(0xc4d, 'LRL', 'RIL', fx.lrl), r(0xc48, 'LGRL', 'RIL', fx.lgrl), r(0xc4c, 'LGFRL', 'RIL', fx.lgfrl),
  r(0xc4e, 'LLGFRL', 'RIL', fx.llgfrl), r(0xc45, 'LHRL', 'RIL', fx.lhrl), r(0xc44, 'LGHRL', 'RIL', fx.lghrl), r(0xc42, 'LLHRL', 'RIL', fx.llhrl),
  r(0xc46, 'LLGHRL', 'RIL', fx.llghrl), r(0xc4f, 'STRL', 'RIL', fx.strl), r(0xc4b, 'STGRL', 'RIL', fx.stgrl), r(0xc47, 'STHRL', 'RIL', fx.sthrl),
  // ---- compare ---------------------------------------------------------------------------------------------------
  r(0x19, 'CR', 'RR', fx.cr), r(0x15, 'CLR', 'RR', fx.clr), r(0x59, 'C', 'RX', fx.c_), r(0xe359, 'CY', 'RXY', fx.c_),
  r(0x55, 'CL', 'RX', fx.cl), r(0xe355, 'CLY', 'RXY', fx.cl), r(0x49, 'CH', 'RX', fx.ch), r(0xe379, 'CHY', 'RXY', fx.ch),
  r(0xa7e, 'CHI', 'RI', fx.chi), r(0xc2d, 'CFI', 'RIL', fx.cfi), r(0xc2f, 'CLFI', 'RIL', fx.clfi),
  r(0xb920, 'CGR', 'RRE', fx.cgr), r(0xb921, 'CLGR', 'RRE', fx.clgr), r(0xb930, 'CGFR', 'RRE', fx.cgfr), r(0xb931, 'CLGFR', 'RRE', fx.clgfr),
  r(0xa7f, 'CGHI', 'RI', fx.cghi), r(0xc2c, 'CGFI', 'RIL', fx.cgfi), r(0xc2e, 'CLGFI', 'RIL', fx.clgfi), r(0xe320, 'CG', 'RXY', fx.cg),
  r(0xe321, 'CLG', 'RXY', fx.clg), r(0xe330, 'CGF', 'RXY', fx.cgf), r(0xe331, 'CLGF', 'RXY', fx.clgf), r(0xe334, 'CGH', 'RXY', fx.cgh),
  r(0xe554, 'CHHSI', 'SIL', fx.chhsi), r(0xe55c, 'CHSI', 'SIL', fx.chsi), r(0xe558, 'CGHSI', 'SIL', fx.cghsi),
  r(0xe555, 'CLHHSI', 'SIL', fx.clhhsi), r(0xe55d, 'CLFHSI', 'SIL', fx.clfhsi), r(0xe559, 'CLGHSI', 'SIL', fx.clghsi),
  r(0xc6d, 'CRL', 'RIL', fx.crl), r(0xc6f, 'CLRL', 'RIL', fx.clrl), r(0xc68, 'CGRL', 'RIL', fx.cgrl), r(0xc6a, 'CLGRL', 'RIL', fx.clgrl),
  r(0xc6c, 'CGFRL', 'RIL', fx.cgfrl), r(0xc6e, 'CLGFRL', 'RIL', fx.clgfrl), r(0xc65, 'CHRL', 'RIL', fx.chrl), r(0xc67, 'CLHRL', 'RIL', fx.clhrl),
  r(0xc66, 'CLGHRL', 'RIL', fx.clghrl),
  r(0xb972, 'CRT', 'RRF', fx.crt), r(0xb960, 'CGRT', 'RRF', fx.cgrt), r(0xec72, 'CIT', 'RIE_a', fx.cit), r(0xec70, 'CGIT', 'RIE_a', fx.cgit),
  // ---- shift / rotate ----------------------------------------------------------------------------------------------
  r(0x89, 'SLL', 'RS', fx.sll), r(0x88, 'SRL', 'RS', fx.srl), r(0x8b, 'SLA', 'RS', fx.sla), r(0x8a, 'SRA', 'RS', fx.sra),
  r(0xebdf, 'SLLK', 'RSY', fx.sllk), r(0xebde, 'SRLK', 'RSY', fx.srlk), r(0xebdd, 'SLAK', 'RSY', fx.slak), r(0xebdc, 'SRAK', 'RSY', fx.srak),
  r(0xeb0d, 'SLLG', 'RSY', fx.sllg), r(0xeb0c, 'SRLG', 'RSY', fx.srlg), r(0xeb0b, 'SLAG', 'RSY', fx.slag), r(0xeb0a, 'SRAG', 'RSY', fx.srag),
  r(0xeb1d, 'RLL', 'RSY', fx.rll), r(0xeb1c, 'RLLG', 'RSY', fx.rllg),
  r(0x8d, 'SLDL', 'RS', fx.sldl), r(0x8c, 'SRDL', 'RS', fx.srdl), r(0x8f, 'SLDA', 'RS', fx.slda), r(0x8e, 'SRDA', 'RS', fx.srda),
  r(0xec55, 'RISBG', 'RIE_f', fx.risbg), r(0xec59, 'RISBGN', 'RIE_f', fx.risbgn), r(0xec54, 'RNSBG', 'RIE_f', fx.rnsbg),
  r(0xec56, 'ROSBG', 'RIE_f', fx.rosbg), r(0xec57, 'RXSBG', 'RIE_f', fx.rxsbg), r(0xec5d, 'RISBHG', 'RIE_f', fx.risbhg), r(0xec51, 'RISBLG', 'RIE_f', fx.risblg),
  // ---- branch -----------------------------------------------------------------------------------------------------------
  r(0x07, 'BCR', 'RR', br.bcr), r(0x47, 'BC', 'RX', br.bc), r(0xa74, 'BRC', 'RI', br.brc), r(0xc04, 'BRCL', 'RIL', br.brcl),
  r(0x0d, 'BASR', 'RR', br.basr), r(0x4d, 'BAS', 'RX', br.bas), r(0x05, 'BALR', 'RR', br.balr), r(0x45, 'BAL', 'RX', br.bal),
  r(0xa75, 'BRAS', 'RI', br.bras), r(0xc05, 'BRASL', 'RIL', br.brasl), r(0x06, 'BCTR', 'RR', br.bctr), r(0xb946, 'BCTGR', 'RRE', br.bctgr),
  r(0x46, 'BCT', 'RX', br.bct), r(0xa76, 'BRCT', 'RI', br.brct), r(0xa77, 'BRCTG', 'RI', br.brctg),
  r(0x86, 'BXH', 'RS', br.bxh), r(0x87, 'BXLE', 'RS', br.bxle), r(0xeb44, 'BXHG', 'RSY', br.bxhg), r(0xeb45, 'BXLEG', 'RSY', br.bxleg),
  r(0x84, 'BRXH', 'RSI', br.brxh), r(0x85, 'BRXLE', 'RSI', br.brxle), r(0xec44, 'BRXHG', 'RIE_d', br.brxhg), r(0xec45, 'BRXLG', 'RIE_d', br.brxlg),
  r(0xec76, 'CRJ', 'RIE_b', br.crj), r(0xec64, 'CGRJ', 'RIE_b', br.cgrj), r(0xec77, 'CLRJ', 'RIE_b', br.clrj), r(0xec65, 'CLGRJ', 'RIE_b', br.clgrj),
  r(0xec7e, 'CIJ', 'RIE_c', br.cij), r(0xec7c, 'CGIJ', 'RIE_c', br.cgij), r(0xec7f, 'CLIJ', 'RIE_c', br.clij), r(0xec7d, 'CLGIJ', 'RIE_c', br.clgij),
  r(0xecf6, 'CRB', 'RRS', br.crb), r(0xece4, 'CGRB', 'RRS', br.cgrb), r(0xecf7, 'CLRB', 'RRS', br.clrb), r(0xece5, 'CLGRB', 'RRS', br.clgrb),
  r(0xecfe, 'CIB', 'RIS', br.cib), r(0xecfc, 'CGIB', 'RIS', br.cgib),
  r(0xb9f2, 'LOCR', 'RRF', br.locr), r(0xb9e2, 'LOCGR', 'RRF', br.locgr), r(0xebf2, 'LOC', 'RSY', br.loc), r(0xebe2, 'LOCG', 'RSY', br.locg),
  r(0xebf3, 'STOC', 'RSY', br.stoc), r(0xebe3, 'STOCG', 'RSY', br.stocg), r(0xec42, 'LOCHI', 'RIE_g', br.lochi), r(0xec46, 'LOCGHI', 'RIE_g', br.locghi),
  r(0xe347, 'BIC', 'RXY', br.bic),
  r(0xcc6, 'BRCTH', 'RIL', br.brcth), r(0xec4e, 'LOCHHI', 'RIE_g', br.lochhi), r(0xebe0, 'LOCFH', 'RSY', br.locfh), r(0xebe1, 'STOCFH', 'RSY', br.stocfh),
  r(0xb9e0, 'LOCFHR', 'RRF', br.locfhr),
  r(0x44, 'EX', 'RX', br.ex), r(0xc60, 'EXRL', 'RIL', br.exrl),
  // ---- storage-immediate and storage-storage ---------------------------------------------------------------------
  r(0x92, 'MVI', 'SI', st.mvi), r(0xeb52, 'MVIY', 'SIY', st.mviy), r(0x95, 'CLI', 'SI', st.cli), r(0xeb55, 'CLIY', 'SIY', st.cliy),
  r(0x94, 'NI', 'SI', st.ni), r(0x96, 'OI', 'SI', st.oi), r(0x97, 'XI', 'SI', st.xi), r(0xeb54, 'NIY', 'SIY', st.niy),
  r(0xeb56, 'OIY', 'SIY', st.oiy), r(0xeb57, 'XIY', 'SIY', st.xiy), r(0x91, 'TM', 'SI', st.tm), r(0xeb51, 'TMY', 'SIY', st.tmy),
  r(0xe544, 'MVHHI', 'SIL', st.mvhhi), r(0xe54c, 'MVHI', 'SIL', st.mvhi), r(0xe548, 'MVGHI', 'SIL', st.mvghi),
  r(0xe50a, 'MVCRL', 'SSE', st.mvcrl),
  r(0xd2, 'MVC', 'SS_a', st.mvc), r(0xd4, 'NC', 'SS_a', st.nc), r(0xd6, 'OC', 'SS_a', st.oc), r(0xd7, 'XC', 'SS_a', st.xc),
  r(0xd5, 'CLC', 'SS_a', st.clc), r(0xdc, 'TR', 'SS_a', st.tr), r(0xdd, 'TRT', 'SS_a', st.trt), r(0xe8, 'MVCIN', 'SS_a', st.mvcin),
  r(0x0e, 'MVCL', 'RR', st.mvcl), r(0x0f, 'CLCL', 'RR', st.clcl), r(0xa8, 'MVCLE', 'RS', st.mvcle),
  r(0xb255, 'MVST', 'RRE', st.mvst), r(0xb25d, 'CLST', 'RRE', st.clst), r(0xb25e, 'SRST', 'RRE', st.srst),
  r(0xba, 'CS', 'RS', st.cs), r(0xeb14, 'CSY', 'RSY', st.csy), r(0xeb30, 'CSG', 'RSY', st.csg), r(0xbb, 'CDS', 'RS', st.cds),
  r(0xeb3e, 'CDSG', 'RSY', st.cdsg), r(0xebf8, 'LAA', 'RSY', st.laa), r(0xebfa, 'LAAL', 'RSY', st.laal), r(0xebf4, 'LAN', 'RSY', st.lan),
  r(0xebf6, 'LAO', 'RSY', st.lao), r(0xebf7, 'LAX', 'RSY', st.lax), r(0xebe8, 'LAAG', 'RSY', st.laag), r(0xebe4, 'LANG', 'RSY', st.lang),
  r(0xebe6, 'LAOG', 'RSY', st.laog), r(0xebe7, 'LAXG', 'RSY', st.laxg),
  // ---- POP ch. 10: control --------------------------------------------------------------------------------------------
  r(0xb2b2, 'LPSWE', 'S', sy.lpswe, P), r(0x82, 'LPSW', 'S', sy.lpsw, P), r(0x80, 'SSM', 'S', sy.ssm, P),
  r(0xac, 'STNSM', 'SI', sy.stnsm, P), r(0xad, 'STOSM', 'SI', sy.stosm, P), r(0xb98d, 'EPSW', 'RRE', sy.epsw), r(0xb222, 'IPM', 'RRE', sy.ipm),
  r(0x04, 'SPM', 'RR', sy.spm), r(0x010c, 'SAM24', 'E', sy.sam24), r(0x010d, 'SAM31', 'E', sy.sam31), r(0x010e, 'SAM64', 'E', sy.sam64),
  r(0x0a, 'SVC', 'I', sy.svc), r(0xb20a, 'SPKA', 'S', sy.spka), r(0xb20b, 'IPK', 'S', sy.ipk),
  r(0xeb2f, 'LCTLG', 'RSY', sy.lctlg, P), r(0xb7, 'LCTL', 'RS', sy.lctl, P), r(0xeb25, 'STCTG', 'RSY', sy.stctg, P), r(0xb6, 'STCTL', 'RS', sy.stctl, P),
  r(0xb210, 'SPX', 'S', sy.spx, P), r(0xb211, 'STPX', 'S', sy.stpx, P), r(0xb212, 'STAP', 'S', sy.stap, P), r(0xb202, 'STIDP', 'S', sy.stidp, P),
  r(0xb2b1, 'STFL', 'S', sy.stfl, P), r(0xb2b0, 'STFLE', 'S', sy.stfle), r(0xb27d, 'STSI', 'S', sy.stsi_, P), r(0xae, 'SIGP', 'RS', sy.sigp_, P),
  r(0x83, 'DIAG', 'RS', sy.diag_, P), r(0xb220, 'SERVC', 'RRE', sy.servc, P),
  r(0xb205, 'STCK', 'S', sy.stck), r(0xb27c, 'STCKF', 'S', sy.stckf), r(0xb278, 'STCKE', 'S', sy.stcke), r(0xb204, 'SCK', 'S', sy.sck, P),
  r(0xb206, 'SCKC', 'S', sy.sckc, P), r(0xb207, 'STCKC', 'S', sy.stckc, P), r(0xb208, 'SPT', 'S', sy.spt, P), r(0xb209, 'STPT', 'S', sy.stpt, P),
  r(0x0107, 'SCKPF', 'E', sy.sckpf, P),
  r(0xb229, 'ISKE', 'RRE', sy.iske, P), r(0xb22b, 'SSKE', 'RRF', sy.sske, P), r(0xb22a, 'RRBE', 'RRE', sy.rrbe, P), r(0xb223, 'IVSK', 'RRE', sy.ivsk),
  r(0xb22c, 'TB', 'RRE', sy.tb, P), r(0xb221, 'IPTE', 'RRF', sy.ipte, P), r(0xb98e, 'IDTE', 'RRF', sy.idte, P), r(0xb20d, 'PTLB', 'S', sy.ptlb, P),
  r(0xe501, 'TPROT', 'SSE', sy.tprot, P), r(0xb254, 'MVPG', 'RRE', sy.mvpg),
  r(0xb214, 'SIE', 'S', sy.specialOp, P),
  r(0xb234, 'STSCH', 'S', sy.stsch, P), r(0xb232, 'MSCH', 'S', sy.msch, P), r(0xb235, 'TSCH', 'S', sy.tsch, P), r(0xb23b, 'RCHP', 'S', sy.rchp, P), r(0xb25f, 'CHSC', 'RRE', sy.chsc, P),
  r(0xb233, 'SSCH', 'S', sy.ssch, P), r(0xb230, 'CSCH', 'S', sy.csch, P), r(0xb231, 'HSCH', 'S', sy.hsch, P), r(0xb276, 'XSCH', 'S', sy.xsch, P), r(0xb238, 'RSCH', 'S', sy.rsch, P),
  r(0xb236, 'TPI', 'S', sy.tpi, P), r(0xb239, 'STCRW', 'S', sy.stcrw, P), r(0xb23c, 'SCHM', 'S', sy.schm, P), r(0xb237, 'SAL', 'S', sy.sal, P),
  // ---- POP ch. 9/19: floating point ----------------------------------------------------------------------------------
  r(0x68, 'LD', 'RX', fp.ld), r(0x60, 'STD', 'RX', fp.std), r(0xed65, 'LDY', 'RXY', fp.ld), r(0xed67, 'STDY', 'RXY', fp.std),
  r(0x78, 'LE', 'RX', fp.le), r(0x70, 'STE', 'RX', fp.ste), r(0x28, 'LDR', 'RR', fp.ldr), r(0x38, 'LER', 'RR', fp.ler),
  r(0xb3c1, 'LDGR', 'RRE', fp.ldgr), r(0xb3cd, 'LGDR', 'RRE', fp.lgdr), r(0xb375, 'LZDR', 'RRE', fp.lzdr), r(0xb374, 'LZER', 'RRE', fp.lzer),
  r(0xb29d, 'LFPC', 'S', fp.lfpc), r(0xb29c, 'STFPC', 'S', fp.stfpc), r(0xb384, 'SFPC', 'RRE', fp.sfpc), r(0xb38c, 'EFPC', 'RRE', fp.efpc),
  r(0xb319, 'CDBR', 'RRE', fp.cdbr), r(0xed19, 'CDB', 'RXE', fp.cdb), r(0xb31a, 'ADBR', 'RRE', fp.adbr), r(0xed1a, 'ADB', 'RXE', fp.adb),
  r(0xb31b, 'SDBR', 'RRE', fp.sdbr), r(0xed1b, 'SDB', 'RXE', fp.sdb), r(0xb31c, 'MDBR', 'RRE', fp.mdbr), r(0xed1c, 'MDB', 'RXE', fp.mdb),
  r(0xb31d, 'DDBR', 'RRE', fp.ddbr), r(0xed1d, 'DDB', 'RXE', fp.ddb), r(0xb312, 'LTDBR', 'RRE', fp.ltdbr), r(0xb313, 'LCDBR', 'RRE', fp.lcdbr),
  r(0xb395, 'CDFBR', 'RRE', fp.cdfbr), r(0xb3a5, 'CDGBR', 'RRE', fp.cdgbr), r(0xb3a9, 'CGDBR', 'RRF', fp.cgdbr),
  // ---- message-security assist (query only) ------------------------------------------------------------------
  r(0xb92e, 'KM', 'RRF', cr.km), r(0xb92f, 'KMC', 'RRF', cr.kmc), r(0xb92a, 'KMF', 'RRF', cr.kmf), r(0xb92b, 'KMO', 'RRF', cr.kmo),
  r(0xb92d, 'KMCTR', 'RRF', cr.kmctr), r(0xb929, 'KMA', 'RRF', cr.kma), r(0xb93c, 'PRNO', 'RRF', cr.prno), r(0xb91e, 'KMAC', 'RRF', cr.kmac), r(0xb93e, 'KIMD', 'RRF', cr.kimd),
  r(0xb93f, 'KLMD', 'RRF', cr.klmd), r(0xb928, 'PCKMO', 'RRF', cr.pckmo, P), r(0xb92c, 'PCC', 'RRF', cr.pcc),
  // ---- POP ch. 21: vector ---------------------------------------------------------------------------------------------
  r(0xe706, 'VL', 'VRX', vx.vl), r(0xe70e, 'VST', 'VRX', vx.vst), r(0xe736, 'VLM', 'VRS_a', vx.vlm), r(0xe73e, 'VSTM', 'VRS_a', vx.vstm),
  r(0xe756, 'VLR', 'VRR', vx.vlr), r(0xe768, 'VN', 'VRR', vx.vn), r(0xe76a, 'VO', 'VRR', vx.vo), r(0xe76d, 'VX', 'VRR', vx.vx),
  r(0xe76e, 'VNN', 'VRR', vx.vnn), r(0xe76b, 'VNO', 'VRR', vx.vno), r(0xe7f3, 'VA', 'VRR', vx.va),
  r(0xe722, 'VLVG', 'VRS_b', vx.vlvg), r(0xe721, 'VLGV', 'VRS_c', vx.vlgv), r(0xe744, 'VGBM', 'VRI_a', vx.vgbm), r(0xe745, 'VREPI', 'VRI_a', vx.vrepi),
  r(0xe7f8, 'VCEQ', 'VRR', vx.vceq), r(0xe774, 'VSL', 'VRR', vx.vsl),
]
