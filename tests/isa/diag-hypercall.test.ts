// DIAGNOSE 0x500, the KVM hypercall as QEMU 7.2 answers it (hw/s390x/s390-hypercall.c, virtio-ccw.c): subcode 3
// (virtio-ccw notify) returns 0 in GR2 for a subchannel id (GR2 bits 32-63) naming a virtio-ccw device and a queue
// (GR3) below 1024, -EINVAL (-22) otherwise; any other subcode in GR1 (all 64 bits) is a specification exception.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { CODE, runGroup, type Case } from './harness.ts'

const EINVAL = -22n

const CASES: Case[] = [
  { name: 'notify, no such subchannel: GR2 = -EINVAL', asm: 'diag %r0,%r0,0x500', code: '83000500', gr: { 1: 3n, 2: 0x10000n }, want: { gr: { 2: EINVAL } } },
  { name: 'subcode 4: specification', asm: 'diag %r0,%r0,0x500', code: '83000500', gr: { 1: 4n }, want: { pgm: { code: 6 } } },
  { name: 'subcode 3 with GR1 bit 31 one: specification (all 64 bits are the subcode)', asm: 'diag %r0,%r0,0x500', code: '83000500', gr: { 1: 0x100000003n }, want: { pgm: { code: 6 } } },
  { name: 'problem state: privileged operation', asm: 'diag %r0,%r0,0x500', code: '83000500', problem: true, gr: { 1: 3n }, want: { pgm: { code: 2 } } },
]

runGroup('DIAGNOSE 0x500', CASES)

describe('DIAG 0x500 virtio-ccw notify with a virtio-net-ccw device on subchannel 0', () => {
  /** GR2 after `diag 0,0,0x500` with GR1 = 3 and the given GR2/GR3, or the program-interruption code. */
  function notify(gr2: bigint, gr3: bigint): bigint | string {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off', ccwDevices: ['virtio-net-ccw'] }))
    const c = m.cpus[0]!
    m.storage.dv.setUint32(CODE, 0x83000500)
    c.stopped = false
    c.setR64(1, 3n)
    c.setR64(2, gr2)
    c.setR64(3, gr3)
    if (!c.loadPsw(0x00000001, 0x80000000, CODE)) throw new Error('bad PSW')
    c.run(1)
    return c.ia === CODE + 4 ? BigInt.asIntN(64, c.r64(2)) : `ia 0x${c.ia.toString(16)}`
  }

  it('answers 0 for the device and a valid queue, -EINVAL for a bad queue or subchannel', () => {
    expect({
      queue0: notify(0x00010000n, 0n),
      queue1023: notify(0x00010000n, 1023n),
      highBitsIgnored: notify(0xffffffff00010000n, 0n),
      mBitCss0xfe: notify(0xfe090000n, 0n),
      queue1024: notify(0x00010000n, 1024n),
      subchannel1: notify(0x00010001n, 0n),
      noOneBit: notify(0x00000000n, 0n),
    }).toEqual({ queue0: 0n, queue1023: 0n, highBitsIgnored: 0n, mBitCss0xfe: 0n, queue1024: EINVAL, subchannel1: EINVAL, noOneBit: EINVAL })
  })
})
