// The report `labcon emu` prints when a run ends without an EXIT line: PSW, last program interruptions with the
// fetched instruction, and the facilities a Linux decompressor said it missed.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { missingFacilities, stopReport } from '@core/emulator/stop-report'

describe('stop report', () => {
  it("reads the Linux decompressor's missing-facility line", () => {
    const text = 'The Linux kernel requires more recent processor hardware\nDetected machine-type number: 2964\nMissing facilities: 27,32,33\n'
    expect({ found: missingFacilities(text), none: missingFacilities('Linux version 6.1.0') }).toEqual({ found: [27, 32, 33], none: [] })
  })

  it('names the PSW, the interruption and the instruction of a program that faulted into a disabled wait', () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const dv = m.storage.dv
    // Program-new PSW: disabled wait at 0xdead0 (64-bit); at 0x10000 an invalid opcode after an LHI.
    dv.setUint32(0x1d0, 0x00020001)
    dv.setUint32(0x1d4, 0x80000000)
    dv.setUint32(0x1dc, 0xdead0)
    m.storage.u8.set([0xa7, 0x18, 0x00, 0x05, 0x00, 0x00], 0x10000)
    const c = m.cpus[0]!
    c.loadPsw(0x00000001, 0x80000000, 0x10000)
    c.stopped = false
    while (m.ended === null) m.run(100)
    m.consoleOut('Missing facilities: 27\n')
    const lines = stopReport(m).split('\n')
    expect({
      ended: m.ended,
      psw: lines.find((l) => l.startsWith('PSW=')),
      pgm: lines.filter((l) => l.includes('operation (code 0x1)')),
      missing: lines.find((l) => l.startsWith('the kernel stopped')),
    }).toEqual({
      ended: 'disabled-wait',
      psw: 'PSW=mask 0002000180000000 addr 00000000000dead0 cc 00',
      pgm: ['  CPU 0: operation (code 0x1) old PSW 0x10006: .insn 0x0 (0000) at 0x10004'],
      missing: 'the kernel stopped for missing facilities: 27',
    })
  })

  it('keeps the last eight program interruptions, oldest first, with their instructions', () => {
    const m = new Machine(defaultConfig({ memMiB: 1, jit: 'off' }))
    const c = m.cpus[0]!
    // Ten interruptions of codes 1..10, each at its own address with an LHI (a718 000n) as the instruction.
    for (let i = 1; i <= 10; i++) {
      c.h0 = 0xa718
      c.h1 = i
      c.h2 = 0
      c.ia = 0x10000 + 4 * i
      m.onProgramInterrupt(c, i, 0x10004 + 4 * i)
    }
    expect(m.recentPgm.map((p) => [p.cpu, p.code, p.addr])).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map((i) => [0, i, 0x10004 + 4 * i]))
    expect(m.recentPgm[7]!.insn).toBe('lhi %r1,10 (a718) at 0x10028')
  })
})
