// LMG/STMG in generated code (jit/codegen.ts): an operand inside one page that is not in the translated-code TLB
// goes through the slow path that enters its page (Gen.fill) instead of the interpreter's handler, with the
// handler's exception and, for a store into translated code, the block left after the store.
import { describe, expect, it } from 'vitest'
import { JIT_TLB_SIZE } from '@core/emulator/cpu/cpu'
import { CODE, LPSWE_END, compare } from './jit-run'

const q = (page: number): number => (page >>> 12) & (JIT_TLB_SIZE - 1)

describe('JIT LMG/STMG slow path', () => {
  it('LMG from a page not in the TLB enters it for fetches', () => {
    // lmg r6,r9,0x10(r2) ; lpswe
    const page = 0x30000
    const m = compare({ code: 'eb6920100004' + LPSWE_END, gr: { 2: page } }, 1000)
    const c = m.cpus[0]!
    expect(c.jtL[0]![q(page)]).toBe(page | c.jtGen)
    expect(c.jtB[0]![q(page)]).toBe(page)
  })

  it('STMG to a page not in the TLB enters it for stores', () => {
    // stmg r6,r9,0x10(r2) ; lpswe
    const page = 0x30000
    const m = compare({ code: 'eb6920100024' + LPSWE_END, gr: { 2: page, 6: 1, 7: 2, 8: 3, 9: 4 } }, 1000)
    const c = m.cpus[0]!
    expect(c.jtL[1]![q(page)]).toBe(page | c.jtGen)
    expect(m.storage.dv.getBigUint64(page + 0x28)).toBe(4n)
  })

  it('LMG beyond storage raises the interpreter exception', () => {
    // lmg r6,r9,0(r2) with r2 past the 4 MiB of storage: addressing exception (disabled wait at 0xbad0)
    compare({ code: 'eb6920000004' + LPSWE_END, gr: { 2: 0x800000, 6: 7 } }, 1000, 0xbad0)
  })

  it('STMG crossing a page goes through the handler', () => {
    const m = compare({ code: 'eb692ff80024' + LPSWE_END, gr: { 2: 0x30000, 6: 1, 7: 2, 8: 3, 9: 4 } }, 1000)
    expect(m.storage.dv.getBigUint64(0x31010)).toBe(4n)
  })

  it('STMG into its own block leaves it after the store', () => {
    // iihf/iilf r2 and r3 with `ahi r5,100` twice each; stmg r2,r3,30(r4) over the four `ahi r5,1` after it, in the
    // same block; lpswe. The stored instructions must run, not the translated ones.
    const ahi100 = 'a75a0064'
    const code = `c028${ahi100}c029${ahi100}c038${ahi100}c039${ahi100}` + 'eb23401e0024' + 'a75a0001'.repeat(4) + LPSWE_END
    const m = compare({ code, gr: { 4: CODE } }, 1000)
    expect(m.cpus[0]!.rl[5]).toBe(400)
    expect(m.jit!.stats.invalidated).toBeGreaterThan(0)
  })
})
