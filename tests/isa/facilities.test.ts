// STFLE must be consistent with what is decoded (EMULATOR.md) and with the CPU model STIDP/STSI name: every
// facility the machine announces belongs to the model (cpu/model.ts), and the instructions that facility introduces
// (POP "Facility indications"; complete lists (COMPLETE) for 7, 8, 16, 22, 25-28, 31, 32, 37, 41, 42, 57, 74, 76, 77,
// 129, 133 and 146, the former gaps of 0 and a representative set for the others) must decode. The table is no witness
// of its own gaps (coverage.test.ts only sees the rows that exist): SRNMT was missing while LDGR, CPSDR and the rest
// of facility 41 were decoded as base instructions with bit 41 off, so only a complete POP list per facility, checked
// both ways, finds such a gap. The known gaps are listed exactly, so implementing one of them (or losing one) forces
// this list to be updated; a facility with missing instructions must not be announced (KNOWN_MISSING is empty since
// guarded storage, 133, got its instructions). The base's last gap, CMPSC, is implemented: ops/cmpsc.ts.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { allInsns, insnByMnemonic } from '@core/emulator/isa/decode.ts'
import { CPU_MODEL, Z13_FACILITIES, Z15_FACILITIES } from '@core/emulator/cpu/model.ts'
import { MACHINE_TYPE } from '@core/emulator/devices/stsi.ts'

/** The z13 vector facility (129): every instruction (POP ch. 21-24). */
const VECTOR_129 = (
  'VGEF VGEG VGBM VGM VL VLR VLREP VLEB VLEH VLEF VLEG VLEIB VLEIH VLEIF VLEIG VLGV VLLEZ VLM VLBB VLVG VLVGP VLL VMRH ' +
  'VMRL VPK VPKS VPKLS VPERM VPDI VREP VREPI VSCEF VSCEG VSEL VSEG VST VSTEB VSTEH VSTEF VSTEG VSTM VSTL VUPH VUPLH ' +
  'VUPL VUPLL LCBB VA VACC VAC VACCC VN VNC VAVG VAVGL VCKSM VEC VECL VCEQ VCH VCHL VCLZ VCTZ VX VGFM VGFMA VLC VLP ' +
  'VMX VMXL VMN VMNL VMAL VMAH VMALH VMAE VMALE VMAO VMALO VMH VMLH VML VME VMLE VMO VMLO VNO VO VPOPCT VERLLV VERLL ' +
  'VERIM VESLV VESL VESRAV VESRA VESRLV VESRL VSL VSLB VSLDB VSRA VSRAB VSRL VSRLB VS VSCBI VSBI VSBCBI VSUMG VSUMQ ' +
  'VSUM VTM VFAE VFEE VFENE VISTR VSTRC VFA WFC WFK VFCE VFCH VFCHE VCDG VCDLG VCGD VCLGD VFD VFI VLDE VLED VFM VFMA ' +
  'VFMS VFPSO VFSQ VFS VFTCI'
).split(' ')

/** Facility bit → instructions it introduces (not exhaustive: the ones compilers and the kernels reach for). */
const INTRODUCES: Record<number, string[]> = {
  // The base instructions once missing, then a representative set of the rest.
  0: ['CMPSC', 'CUSE', 'CUTFU', 'CUUTF', 'PLO', 'TRE', 'UPT', 'MVC', 'CLCLE', 'LRV', 'STRV', 'LAM', 'STAM', 'CSP', 'SACF', 'STURA', 'LURA'],
  7: ['STFLE'],
  8: ['PFMF'],
  16: ['CLCLU', 'MVCLU', 'PKA', 'PKU', 'UNPKA', 'UNPKU', 'TROO', 'TROT', 'TRTO', 'TRTT'],
  22: ['CU14', 'CU24', 'CU41', 'CU42', 'SRSTU', 'TRTR'],
  25: ['STCKF'],
  26: ['TRTE', 'TRTRE'],
  27: ['MVCOS'],
  28: ['PTFF'],
  31: ['ECTG'],
  32: ['CSST'], // 33 adds CSST function codes and store sizes, no instruction
  18: ['LY', 'STY', 'AY', 'LMY', 'ICMY'],
  21: ['AFI', 'ALFI', 'FLOGR', 'LLC', 'LLH', 'LT', 'LGFI', 'IIHF', 'NIHF', 'XILF'],
  34: ['CRL', 'CGRL', 'CIJ', 'CRJ', 'MVHI', 'MVGHI', 'ASI', 'ALSI', 'LARL', 'CRT', 'CIT', 'MSFI', 'LTGF', 'PFD', 'PFDRL', 'ECAG', 'LAEY'],
  41: ['LDGR', 'LGDR', 'CPSDR', 'LCDFR', 'LNDFR', 'LPDFR', 'SRNMT', 'LFAS', 'SFASR'],
  37: ['CELFBR', 'CDLFBR', 'CXLFBR', 'CELGBR', 'CDLGBR', 'CXLGBR', 'CLFEBR', 'CLFDBR', 'CLFXBR', 'CLGEBR', 'CLGDBR', 'CLGXBR', 'SRNMB', 'CDFTR', 'CXFTR', 'CDLFTR', 'CXLFTR', 'CDLGTR', 'CXLGTR', 'CFDTR', 'CFXTR', 'CLFDTR', 'CLFXTR', 'CLGDTR', 'CLGXTR'],
  42: ['ADTR', 'AXTR', 'SDTR', 'SXTR', 'MDTR', 'MXTR', 'DDTR', 'DXTR', 'CDTR', 'CXTR', 'KDTR', 'KXTR', 'CEDTR', 'CEXTR', 'LTDTR', 'LTXTR', 'LDETR', 'LEDTR', 'LDXTR', 'LXDTR', 'FIDTR', 'FIXTR', 'QADTR', 'QAXTR', 'RRDTR', 'RRXTR', 'ESDTR', 'ESXTR', 'EEDTR', 'EEXTR', 'IEDTR', 'IEXTR', 'CDGTR', 'CXGTR', 'CGDTR', 'CGXTR', 'CDUTR', 'CXUTR', 'CUDTR', 'CUXTR', 'CDSTR', 'CXSTR', 'CSDTR', 'CSXTR', 'TDCET', 'TDCDT', 'TDCXT', 'TDGET', 'TDGDT', 'TDGXT', 'SLDT', 'SLXT', 'SRDT', 'SRXT'],
  45: ['ARK', 'AGRK', 'SLLK', 'POPCNT', 'LOC', 'LOCGR', 'STOC', 'LAA', 'LAAG', 'LAN', 'RISBHG', 'RISBLG', 'LFH', 'STFH', 'AIH', 'BRCTH', 'CIH', 'LPD', 'LPDG'],
  49: ['RISBGN', 'LAT', 'LGAT', 'CLT', 'CLGT', 'NIAI', 'BPP', 'BPRP', 'PPA'],
  53: ['LOCHI', 'LOCGHI', 'LOCHHI', 'LOCFH', 'STOCFH', 'LZRF', 'LZRG', 'LLZRGF'],
  57: ['PRNO'],
  58: ['MGRK', 'MSRKC', 'MSGRKC', 'AGH', 'MG', 'MGH', 'MSC', 'MSGC', 'SGH', 'BIC'],
  74: ['STHYI'],
  61: ['NCRK', 'NCGRK', 'NNRK', 'NNGRK', 'NORK', 'NOGRK', 'NXRK', 'NXGRK', 'OCRK', 'OCGRK', 'SELR', 'SELGR', 'SELFHR', 'MVCRL'],
  76: ['PCKMO'],
  77: ['KMF', 'KMO', 'KMCTR', 'PCC'],
  129: VECTOR_129,
  146: ['KMA'],
  133: ['LGG', 'LLGFSG', 'LGSC', 'STGSC'],
}

/** Facilities whose INTRODUCES list above is the POP's complete list. */
const COMPLETE = [7, 8, 16, 22, 25, 26, 27, 28, 31, 32, 37, 41, 42, 57, 74, 76, 77, 129, 133, 146]

/** Announced facilities whose instructions are not decoded yet (operation exception on use): none. Guarded storage
 * (133, announced only with `-cpu ...,gs=on`) was the last: ops/guarded-storage.ts. */
const KNOWN_MISSING: Record<number, string[]> = {}

describe('facility list vs decoder', () => {
  it('announced facilities decode their instructions, except the listed gaps (every option on)', () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off', vector: true, guardedStorage: true }))
    const missing: Record<number, string[]> = {}
    for (const [bit, mns] of Object.entries(INTRODUCES)) {
      if (!m.facility(Number(bit))) continue
      const gap = mns.filter((mn) => insnByMnemonic(mn) === undefined)
      if (gap.length > 0) missing[Number(bit)] = gap
    }
    expect(missing).toEqual(KNOWN_MISSING)
  })

  it('announces only facilities of the CPU model STIDP and STSI name (z15, 8561), with every option on', () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off', vector: true, guardedStorage: true }))
    const announced = Array.from({ length: m.facilityWords.length * 32 }, (_, b) => b).filter((b) => m.facility(b))
    expect({
      type: MACHINE_TYPE,
      beyondModel: announced.filter((b) => !CPU_MODEL.facilities.includes(b)),
      z13InZ15: Z13_FACILITIES.every((b) => Z15_FACILITIES.includes(b)),
      linuxZ10: [0, 1, 18, 21, 25, 27, 32, 33, 34, 35].filter((b) => !m.facility(b)),
    }).toEqual({ type: 0x8561, beyondModel: [], z13InZ15: true, linuxZ10: [] })
  })

  it("every table row's facility column names a facility the machine announces (vector, guarded storage when configured)", () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const noVx = new Machine(defaultConfig({ memMiB: 1, jit: 'off', vector: false }))
    const gs = new Machine(defaultConfig({ memMiB: 1, jit: 'off', guardedStorage: true }))
    const unannounced = allInsns().filter((i) => i.facility !== 0 && !m.facility(i.facility)).map((i) => `${i.mnemonic} (${i.facility})`)
    const vxRows = allInsns().filter((i) => i.facility === 129)
    expect({ unannounced, vectorRows: vxRows.length > 0, vectorOff: noVx.facility(129), gsOff: m.facility(133), gsOn: gs.facility(133) }).toEqual({
      unannounced: ['LGG (133)', 'LLGFSG (133)', 'LGSC (133)', 'STGSC (133)'],
      vectorRows: true,
      vectorOff: false,
      gsOff: false,
      gsOn: true,
    })
  })

  it('a complete POP list names every row whose facility column is that facility', () => {
    const unlisted = allInsns().filter((i) => COMPLETE.includes(i.facility) && !INTRODUCES[i.facility]!.includes(i.mnemonic)).map((i) => `${i.mnemonic} (${i.facility})`)
    expect(unlisted).toEqual([])
  })

  it('the facility column agrees with the POP list above wherever the table names a facility', () => {
    const wrong: string[] = []
    for (const [bit, mns] of Object.entries(INTRODUCES)) {
      for (const mn of mns) {
        const f = insnByMnemonic(mn)?.facility ?? 0
        if (f !== 0 && f !== Number(bit)) wrong.push(`${mn}: table ${f}, POP ${bit}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
