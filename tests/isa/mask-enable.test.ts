// An instruction that enables an interruption class (STOSM/SSM turning on the external mask, LCTLG loading the
// CR0 subclass mask) lets a pending interruption in before the next instruction (POP: interruptions are taken
// between instructions once enabled), on both tiers and whatever the slice budget; one that leaves the masks as
// they are or only narrows them (STNSM) does not stop the run: the instructions after it execute in the same slice.
import { describe, expect, it } from 'vitest'
import { CODE, prepare } from './harness.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

const DATA = 0x20000
/** External-new PSW (64-bit, disabled) at 0x5000, where `j .` spins. */
const EXT_NEW = { 0x1b0: '0000000180000000' + '0000000000005000', 0x5000: 'a7f40000' }
/** CR0 bit 54: service-signal subclass mask. */
const CR0_SERVICE_SIGNAL = 0x200
/** lhi %r1,1; j . */
const AFTER = 'a7180001 a7f40000'

/** Prepares `code` (then AFTER) with a service signal pending and runs one 1,000-instruction machine slice. */
function runWithPending(code: string, mask: number, cr0ServiceSignal: boolean, jit: JitMode): { ia: number; r1: number; old: number; code: number } {
  const { m, c } = prepare({ gr: { 10: BigInt(DATA) }, mem: { ...EXT_NEW, [DATA]: '0000000000000200 01' }, mask }, (code + AFTER).replace(/\s+/g, ''), jit)
  if (cr0ServiceSignal) c.crl[0] = c.crl[0]! | CR0_SERVICE_SIGNAL
  m.sclp.pendingParam = 0x1234
  m.run(1000)
  const dv = m.storage.dv
  return { ia: c.ia, r1: c.rl[1]!, old: dv.getUint32(0x130 + 12), code: dv.getUint16(0x86) }
}

const ENABLING: Array<[string, string, number, boolean]> = [
  ['STOSM turning the external mask on', 'ad01a000', 0, true],
  ['SSM loading a mask with the external bit', '8000a008', 0, true],
  ['LCTLG of CR0 with the service-signal subclass bit', 'eb00a000002f', 0x01000000, false],
]

describe.each(['off', 'on'] as const)('enabling takes the pending interruption before the next instruction (tier %s)', (jit) => {
  it.each(ENABLING)('%s', (_n, code, mask, cr0) => {
    const len = code.length / 2
    expect(runWithPending(code, mask, cr0, jit)).toEqual({ ia: 0x5000, r1: 0, old: CODE + len, code: 0x2401 })
  })
})

describe.each(['off', 'on'] as const)('masks left as they are or narrowed: the run goes on (tier %s)', (jit) => {
  it.each([
    ['STNSM with 0xff (no change)', 'acffa000'],
    ['STNSM turning every mask bit off', 'ac00a000'],
    ['STOSM with 0 (no change)', 'ad00a000'],
  ])('%s: no interruption, the next instruction runs, the system mask is stored', (_n, code) => {
    const { m, c } = prepare({ gr: { 10: BigInt(DATA) }, mem: EXT_NEW, mask: 0 }, (code + AFTER).replace(/\s+/g, ''), jit)
    c.crl[0] = c.crl[0]! | CR0_SERVICE_SIGNAL
    m.sclp.pendingParam = 0x1234
    const executed = m.run(1000).executed
    expect({ ia: c.ia, r1: c.rl[1]!, stored: m.storage.u8[DATA], executed, pending: m.sclp.pendingParam }).toEqual({ ia: CODE + 8, r1: 1, stored: 0, executed: 1000, pending: 0x1234 })
  })

  it('LCTLG of CR4 with external interruptions enabled in the PSW but the subclass masked: no interruption', () => {
    const r = runWithPending('eb44a000002f', 0x01000000, false, jit)
    expect({ ia: r.ia, r1: r.r1 }).toEqual({ ia: CODE + 10, r1: 1 })
  })
})
