// The translated-code TLB of generated code (jit/codegen.ts jitAbs): a store that enters its page also enters the
// page for fetches, so a block reading what another block wrote finds it there.
import { describe, expect, it } from 'vitest'
import { JIT_TLB_SIZE } from '@core/emulator/cpu/cpu'
import { LPSWE_END, compare } from './jit-run'

describe('JIT TLB entries', () => {
  it('a store through the slow path enters its page for stores and fetches', () => {
    // mvi 0(r2),0x5a ; lpswe — r2 in a page nothing touched before
    const page = 0x30000
    const m = compare({ code: '925a2000' + LPSWE_END, gr: { 2: page + 0x10 } }, 1000)
    const c = m.cpus[0]!
    expect(m.storage.u8[page + 0x10]).toBe(0x5a)
    const q = (page >>> 12) & (JIT_TLB_SIZE - 1)
    for (const acc of [1, 0]) {
      expect(c.jtL[acc]![q], `access ${acc}`).toBe(page | c.jtGen)
      expect(c.jtH[acc]![q]).toBe(0)
      expect(c.jtB[acc]![q]).toBe(page)
    }
  })
})
