// The vector enhancements the machine announces with the vector facility (STFLE 135 and 148, cpu/model.ts): every
// instruction they introduce (POP "Facility indications"; the ones that extend existing opcodes with new element
// sizes or formats are covered by the vector*.test.ts cases) decodes and is listed under its facility.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { insnByMnemonic } from '@core/emulator/isa/decode.ts'

/** Vector-enhancements facility 1 (z14). */
const VE1_135 = ['VBPERM', 'VFMAX', 'VFMIN', 'VFNMA', 'VFNMS', 'VMSL', 'VNN', 'VNX', 'VOC']
/** Vector-enhancements facility 2 (z15). */
const VE2_148 = ['VLBR', 'VLBRREP', 'VLLEBRZ', 'VLEBRH', 'VLEBRF', 'VLEBRG', 'VLER', 'VSTBR', 'VSTEBRH', 'VSTEBRF', 'VSTEBRG', 'VSTER', 'VSLD', 'VSRD', 'VSTRS']

describe('vector enhancements 1 and 2', () => {
  it('are announced with the vector facility and not without it', () => {
    const on = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const off = new Machine(defaultConfig({ memMiB: 1, jit: 'off', vector: false }))
    expect([on.facility(135), on.facility(148), off.facility(135), off.facility(148)]).toEqual([true, true, false, false])
  })
  it('decode every instruction they introduce, each under its facility', () => {
    const wrong = [...VE1_135.map((mn) => [mn, 135] as const), ...VE2_148.map((mn) => [mn, 148] as const)]
      .filter(([mn, fac]) => insnByMnemonic(mn)?.facility !== fac)
      .map(([mn, fac]) => `${mn}: ${insnByMnemonic(mn)?.facility ?? 'missing'}, want ${fac}`)
    expect(wrong).toEqual([])
  })
})
