// SET SYSTEM MASK and STORE THEN AND/OR SYSTEM MASK (POP ch. 10) against the PSW rules of ch. 6: an invalid mask
// (bits 0, 2-4) is an early exception recognized once the new PSW is active, so the mask is loaded, the old PSW holds
// it, the ILC is the instruction's and the address the next one's (the system/370 POP words it: "a program
// interruption for a specification exception occurs immediately after the PSW becomes active"). The SSM-suppression
// control (CR0 bit 33) makes SSM a special-operation exception instead, before its operand is fetched, and leaves
// STNSM/STOSM alone. Interpreted (the group table) and translated (the same SSM inside a block, hotAfter 1).
import { describe, expect, it } from 'vitest'
import { CODE, DATA, runGroup, type Case } from './harness.ts'
import { LPSWE_END, machine, state, type Program } from './jit-run.ts'

const B = { 10: BigInt(DATA) }
const SSM_SUPPRESS = 0x40000000n
/** CR0 as the harness sets it, with the SSM-suppression control on. */
const CR0 = { 0: 0x400e0n | SSM_SUPPRESS }

const CASES: Case[] = [
  { name: 'invalid bit 2: mask loaded, then specification with the ILC of SSM and the next address', asm: 'ssm 0(%r10)', code: '8000a000', gr: B, mem: { [DATA]: '23' }, want: { pswHi: 0x23000001, pgm: { code: 6, ilc: 4 }, ia: CODE + 4 } },
  { name: 'invalid bit 0 through STOSM: mask loaded, old mask stored, specification', asm: 'stosm 0(%r10),0x80', code: 'ad80a000', mask: 0x03000000, gr: B, want: { pswHi: 0x83000001, mem: { [DATA]: '03' }, pgm: { code: 6, ilc: 4 }, ia: CODE + 4 } },
  { name: 'SSM-suppression on: special-operation exception, mask unchanged', asm: 'ssm 0(%r10)', code: '8000a000', cr: CR0, gr: B, mem: { [DATA]: '03' }, want: { cr: CR0, pswHi: 0x00000001, pgm: { code: 0x13 } } },
  { name: 'SSM-suppression on: recognized before the operand is fetched (no addressing exception)', asm: 'ssm 0(%r10)', code: '8000a000', cr: CR0, gr: { 10: 0x7ffff000n }, want: { cr: CR0, pgm: { code: 0x13 } } },
  { name: 'SSM-suppression on, problem state: privileged operation first', asm: 'ssm 0(%r10)', code: '8000a000', cr: CR0, problem: true, gr: B, mem: { [DATA]: '03' }, want: { cr: CR0, pgm: { code: 2 } } },
  { name: 'SSM-suppression on: STOSM still sets the mask', asm: 'stosm 0(%r10),0x03', code: 'ad03a000', cr: CR0, gr: B, want: { cr: CR0, pswHi: 0x03000001, mem: { [DATA]: '00' } } },
  { name: 'SSM-suppression on: STNSM still sets the mask', asm: 'stnsm 0(%r10),0x01', code: 'ac01a000', cr: CR0, mask: 0x03000000, gr: B, want: { cr: CR0, pswHi: 0x01000001, mem: { [DATA]: '03' } } },
]

runGroup('system mask: invalid bits and SSM suppression', CASES)

describe('system mask in a translated block', () => {
  it('SSM with the SSM-suppression control on: special-operation exception, the mask unchanged', () => {
    // lhi r1,1 ; ssm 0(r3) ; lhi r1,2 ; lpswe   (DATA holds 0x03: would enable I/O and external interruptions)
    const p: Program = { code: 'a7180001' + '80003000' + 'a7180002' + LPSWE_END, gr: { 3: DATA } }
    const ms = (['on', 'off'] as const).map((jit) => {
      const m = machine(p, jit)
      m.cpus[0]!.crl[0] = m.cpus[0]!.crl[0]! | Number(SSM_SUPPRESS)
      m.storage.u8[DATA] = 0x03
      for (let k = 0; k < 100 && m.ended === null; k++) m.run(3)
      return m
    })
    const [on, off] = ms as [NonNullable<(typeof ms)[0]>, NonNullable<(typeof ms)[0]>]
    const dv = on.storage.dv
    expect(state(on)).toEqual(state(off))
    expect({ translated: on.jit!.stats.blockRuns > 0, ia: on.cpus[0]!.ia, r1: on.cpus[0]!.rl[1], code: dv.getUint16(0x8e), oldMask: dv.getUint32(0x150) >>> 24, oldAddr: Number(dv.getBigUint64(0x158)) }).toEqual({
      translated: true,
      ia: 0xbad0,
      r1: 1,
      code: 0x13,
      oldMask: 0,
      oldAddr: CODE + 8,
    })
  })
})
