// The translated-code TLB of generated code (jit/codegen.ts jitAbs): a store that enters its page also enters the
// page for fetches, so a block reading what another block wrote finds it there; a page that comes to hold translated
// code leaves it for stores, so that a block storing there again is seen to modify that code.
import { describe, expect, it } from 'vitest'
import { JIT_TLB_SIZE } from '@core/emulator/cpu/cpu'
import { DATA, LPSWE_END, compare, machine, state } from './jit-run'

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

  it('keeps the last page of each base register apart: a loop alternating a structure and an array', () => {
    // lghi r1,100; loop: lg r4,0(r2); lg r6,0(r5,r3); agr r4,r6; stg r4,0(r2); stg r4,8(r5,r3); aghi r5,16;
    // brctg r1,loop; lpswe. r2 in one page, the array at r3 crosses into the next page halfway.
    const code = 'a7190064' + 'e34020000004' + 'e36530000004' + 'b9080046' + 'e34020000024' + 'e34530080024' + 'a75b0010' + 'a717fff0'
    const m = compare({ code: code + LPSWE_END, gr: { 2: DATA, 3: DATA + 0x1c00 } }, 37)
    const dv = m.storage.dv
    // each pass adds the array's doubleword to r2's and stores the running sum after it
    const at = (i: number, k: number): bigint => dv.getBigUint64(DATA + 0x1c00 + 16 * i + k)
    for (let i = 1; i < 100; i++) expect(BigInt.asUintN(64, at(i, 8) - at(i - 1, 8)), `element ${i}`).toBe(at(i, 0))
    expect(dv.getBigUint64(DATA)).toBe(at(99, 8))
    const src = m.jit!.all.map((b) => b.src).join('\n')
    for (const k of ['FL2', 'FL3', 'SL2', 'SL3']) expect(src, k).toContain(`${k}=-4096`)
  })

  it('has at most three page caches of each type besides the first', () => {
    // lg r1,0(r6) … lg r1,0(r10): five base registers, one page each; lpswe
    const code = [6, 7, 8, 9, 10].map((r) => `e310${r.toString(16)}0000004`).join('')
    const gr: Record<number, number> = {}
    for (const r of [6, 7, 8, 9, 10]) gr[r] = DATA + (r - 6) * 0x1000
    const m = compare({ code: code + LPSWE_END, gr }, 1000)
    const src = m.jit!.all.map((b) => b.src).join('\n')
    expect(src.match(/\bFL\d+=-4096/g)).toEqual(['FL6=-4096', 'FL7=-4096', 'FL8=-4096'])
  })
})
