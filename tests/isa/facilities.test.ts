// STFLE must be consistent with what is decoded (EMULATOR.md): for every facility the machine announces, the
// instructions that facility introduces (POP "Facility indications"; a representative set each) must decode. The
// known gaps are listed exactly, so implementing one of them (or losing one) forces this list to be updated.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { allInsns, insnByMnemonic } from '@core/emulator/isa/decode.ts'

/** Facility bit → instructions it introduces (not exhaustive: the ones compilers and the kernels reach for). */
const INTRODUCES: Record<number, string[]> = {
  7: ['STFLE'],
  18: ['LY', 'STY', 'AY', 'LMY', 'ICMY'],
  21: ['AFI', 'ALFI', 'FLOGR', 'LLC', 'LLH', 'LT', 'LGFI', 'IIHF', 'NIHF', 'XILF'],
  34: ['CRL', 'CGRL', 'CIJ', 'CRJ', 'MVHI', 'MVGHI', 'ASI', 'ALSI', 'LARL', 'CRT', 'CIT', 'MSFI', 'LTGF', 'PFD', 'PFDRL', 'ECAG', 'LAEY'],
  37: ['CELFBR', 'CDLFBR', 'CXLFBR', 'CELGBR', 'CDLGBR', 'CXLGBR', 'CLFEBR', 'CLFDBR', 'CLFXBR', 'CLGEBR', 'CLGDBR', 'CLGXBR', 'SRNMB'],
  45: ['ARK', 'AGRK', 'SLLK', 'POPCNT', 'LOC', 'LOCGR', 'STOC', 'LAA', 'LAAG', 'LAN', 'RISBHG', 'RISBLG', 'LFH', 'STFH', 'AIH', 'BRCTH', 'CIH'],
  49: ['RISBGN', 'LAT', 'LGAT', 'CLT', 'CLGT', 'NIAI', 'BPP', 'BPRP', 'PPA'],
  53: ['LOCHI', 'LOCGHI', 'LOCHHI', 'LOCFH', 'STOCFH', 'LZRF', 'LZRG', 'LLZRGF'],
  57: ['PRNO'],
  58: ['MGRK', 'MSRKC', 'MSGRKC', 'AGH', 'MG', 'MGH', 'MSC', 'MSGC', 'SGH', 'BIC'],
  61: ['NCRK', 'NCGRK', 'NNRK', 'NNGRK', 'NORK', 'NOGRK', 'NXRK', 'NXGRK', 'OCRK', 'OCGRK', 'SELR', 'SELGR', 'SELFHR', 'MVCRL'],
  76: ['PCKMO'],
  77: ['KMF', 'KMO', 'KMCTR', 'PCC'],
  129: ['VL', 'VST', 'VLM', 'VSTM', 'VLR', 'VN', 'VO', 'VX', 'VA', 'VLVG', 'VLGV', 'VGBM', 'VREPI', 'VCEQ', 'VSL'],
  146: ['KMA'],
}

/** Announced facilities whose instructions are not decoded yet (operation exception on use). */
const KNOWN_MISSING: Record<number, string[]> = {
}

describe('facility list vs decoder', () => {
  it('announced facilities decode their instructions, except the listed gaps', () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const missing: Record<number, string[]> = {}
    for (const [bit, mns] of Object.entries(INTRODUCES)) {
      if (!m.facility(Number(bit))) continue
      const gap = mns.filter((mn) => insnByMnemonic(mn) === undefined)
      if (gap.length > 0) missing[Number(bit)] = gap
    }
    expect(missing).toEqual(KNOWN_MISSING)
  })

  it("every table row's facility column names a facility the machine announces (vector only when configured)", () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const noVx = new Machine(defaultConfig({ memMiB: 1, jit: 'off', vector: false }))
    const unannounced = allInsns().filter((i) => i.facility !== 0 && !m.facility(i.facility)).map((i) => `${i.mnemonic} (${i.facility})`)
    const vxRows = allInsns().filter((i) => i.facility === 129)
    expect({ unannounced, vectorRows: vxRows.length > 0, vectorOff: noVx.facility(129) }).toEqual({ unannounced: [], vectorRows: true, vectorOff: false })
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
