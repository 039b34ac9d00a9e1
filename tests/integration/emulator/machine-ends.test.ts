// How a run ends on the built-in emulator, through the real Machine loop (timers, idle waits): a disabled wait at an
// odd address (the 0x...fff convention of bare-metal tests) stops the run instead of raising a specification
// exception; the clock comparator wakes an enabled wait; a program interruption whose new PSW leads straight back to
// the faulting instruction ends at once with a verdict that names it.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine'
import { DATA, prepare } from '../../isa/harness.ts'

/** Runs a machine to its end (or 5 s), sleeping through idle waits like the worker does. */
async function runToEnd(m: Machine): Promise<void> {
  const t0 = Date.now()
  while (m.ended === null && Date.now() - t0 < 5000) {
    const r = m.run(100_000)
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 20)))
  }
}

describe('machine ends', () => {
  it('a disabled-wait PSW with an odd address ends the run with that PSW', async () => {
    // lpswe 0(%r10): 00020001 80000000 00000000 00000fff
    const { m } = prepare({ gr: { 10: BigInt(DATA) }, mem: { [DATA]: '0002000180000000' + '0000000000000fff' } }, 'b2b2a000')
    await runToEnd(m)
    expect({ ended: m.ended, detail: m.endDetail }).toEqual({ ended: 'disabled-wait', detail: 'disabled wait PSW 0002000180000000 0000000000000fff on CPU 0' })
  })

  it('the clock comparator interrupts an enabled wait (external interruption 0x1004)', async () => {
    // stck 0x200; lg %r1,0x200; agfi %r1,0x400000 (~1 ms); stg %r1,0x208; sckc 0x208; CR0 bit 52 on; lpswe 0x220
    const code = 'b2050200e31002000004c21800400000e31002080024b2060208eb000210002596080216eb000210002fb2b20220'
    const mem = {
      0x1b0: '0002000180000000' + '0000000000000c0c', // external new PSW: disabled wait at 0xc0c
      0x220: '0102000180000000' + '0000000000010000', // enabled (external) wait
    }
    const { m } = prepare({ mem }, code, 'on')
    await runToEnd(m)
    const extCode = m.storage.dv.getUint16(0x86)
    expect({ ended: m.ended, detail: m.endDetail, extCode }).toEqual({ ended: 'disabled-wait', detail: 'disabled wait PSW 0002000180000000 0000000000000c0c on CPU 0', extCode: 0x1004 })
  })

  it('a zeroed program-new PSW that leads back to the faulting instruction ends the run at once, naming it', async () => {
    // An operation exception (opcode 0x00) at the code address; program-new PSW all zeros: the CPU continues at
    // absolute 0 in 24-bit mode, where the lowcore holds zeros: the same exception at 0, again and again.
    const { m } = prepare({ mem: { 0x1d0: '00000000000000000000000000000000' } }, '0000')
    await runToEnd(m)
    expect({ ended: m.ended, detail: m.endDetail, instructions: m.instructions < 10 }).toEqual({
      ended: 'pgm-loop',
      detail: 'operation exception (code 0x01) at 0x0 (.insn 0x0) repeats: the program-new PSW 00000000 00000000 00000000 00000000 leads back to it',
      instructions: true,
    })
  })
})
