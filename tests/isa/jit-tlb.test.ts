// The translated-code TLB of generated code (jit/codegen.ts jitAbs): a store that enters its page also enters the
// page for fetches, so a block reading what another block wrote finds it there; a page that comes to hold translated
// code leaves it for stores, so that a block storing there again is seen to modify that code.
import { describe, expect, it } from 'vitest'
import { JIT_TLB_SIZE } from '@core/emulator/cpu/cpu'
import { LPSWE_END, compare, machine, state } from './jit-run'

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

  it('a page stored into by a block, then translated, is modified by that block\'s next stores', () => {
    // CODE: lghi r1,3; loop: stc r1,3(r2); basr r14,r3; brctg r1,loop; lpswe. At r3 = r2 = 0x30000, a page that is
    // data when the loop first stores into it: lhi r4,0 (its immediate's low byte is what the loop stores); ar r5,r4;
    // br r14. Each pass changes the subroutine's immediate to the pass count, so r5 sums 3 + 2 + 1.
    const page = 0x30000
    const p = { code: 'a7190003' + '42120003' + '0de3' + 'a717fffd' + LPSWE_END, gr: { 2: page, 3: page } }
    const sub = [0xa7, 0x48, 0x00, 0x00, 0x1a, 0x54, 0x07, 0xfe]
    const on = machine(p, 'on')
    const off = machine(p, 'off')
    on.storage.u8.set(sub, page)
    off.storage.u8.set(sub, page)
    for (let k = 0; k < 100 && on.ended === null; k++) {
      on.run(1000)
      off.run(1000)
    }
    expect(state(on)).toEqual(state(off))
    expect(on.ended).toBe('disabled-wait')
    expect(on.cpus[0]!.rl[5]).toBe(6)
    // the subroutine ran translated, and was translated again after each store into it
    expect(on.jit!.all.some((b) => b.ia === page)).toBe(true)
    expect(on.jit!.stats.invalidated).toBeGreaterThanOrEqual(2)
  })
})
