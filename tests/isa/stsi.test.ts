// STORE SYSTEM INFORMATION stores a whole 4K block, on both tiers: every reserved byte zero even over a page that
// held something else (another block, guest data), the same block again after the program changed the stored copy,
// one store access (key-controlled protection: nothing stored; reference and change bits set), and the CPU address
// in 1.2.1 of the CPU that executes it. Blocks are built once per machine and selector; these cases show that
// reusing them stores exactly what building them afresh would.
import { describe, expect, it } from 'vitest'
import { DATA, execute, prepare, runGroup, type Case } from './harness.ts'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { stsi } from '@core/emulator/devices/stsi.ts'

const D = BigInt(DATA)
/** stsi 0(%r10) */
const STSI = 'b27da000'
/** EBCDIC 'LABCON', blank-padded to 16 bytes; machine type 8561 in EBCDIC. */
const LABCON16 = 'd3c1c2c3d6d5' + '40'.repeat(10)
const TYPE = 'f8f5f6f1'
/** r0 = function code 1, selector 1 = 1; r1 = selector 2 = 1 (1.1.1, basic machine configuration). */
const SI111 = { 0: 0x10000001n, 1: 1n, 10: D }
/** 3.2.2 (virtual machines): r0 = 0x30000002, r1 = 2. */
const SI322 = { 0: 0x30000002n, 1: 2n, 10: D }
/** iilh %r0,0x1000; iill %r0,1; lghi %r1,1: switch r0/r1 to 1.1.1. */
const TO_111 = 'a5021000 a5030001 a7190001'

const CASES: Case[] = [
  {
    name: '1.1.1: manufacturer, type, sequence, plant; the rest of the page zero (also over guest data)',
    asm: 'stsi 0(%r10)',
    code: STSI,
    gr: SI111,
    mem: { [DATA]: 'ffffffff', [DATA + 200]: 'ff', [DATA + 4092]: 'ffffffff' },
    want: { cc: 0, mem: { [DATA]: '00000000', [DATA + 32]: LABCON16 + TYPE, [DATA + 200]: '00', [DATA + 4092]: '00000000' } },
  },
  {
    name: '3.2.2 then 1.1.1: nothing of the first block is left (3.2.2 count byte 31 and CPI at 56 back to zero)',
    asm: 'stsi 0(%r10); iilh %r0,0x1000; iill %r0,1; lghi %r1,1; stsi 0(%r10)',
    code: `${STSI} ${TO_111} ${STSI}`,
    gr: SI322,
    want: { cc: 0, gr: { 0: 0x10000001n, 1: 1n }, mem: { [DATA + 28]: '00000000', [DATA + 32]: LABCON16 + TYPE, [DATA + 56]: '0000000000000000' } },
  },
  {
    name: 'the program changes the stored block; the next STSI stores the block as the machine defines it',
    asm: 'stsi 0(%r10); mvi 32(%r10),0xff; stsi 0(%r10)',
    code: `${STSI} 92ffa020 ${STSI}`,
    gr: SI111,
    want: { cc: 0, mem: { [DATA + 32]: LABCON16 } },
  },
  {
    name: 'one store access: reference and change bits of the frame set',
    asm: 'stsi 0(%r10)',
    code: STSI,
    gr: SI111,
    skeys: { [DATA]: 0x10 },
    key: 1,
    want: { cc: 0, mem: { [DATA + 32]: LABCON16 }, skeys: { [DATA]: 0x16 } },
  },
  {
    name: 'key-controlled protection: protection exception, nothing stored',
    asm: 'stsi 0(%r10)',
    code: STSI,
    gr: SI111,
    mem: { [DATA + 32]: 'ff', [DATA + 4095]: 'ff' },
    skeys: { [DATA]: 0x20 },
    key: 1,
    want: { pgm: { code: 4 }, mem: { [DATA + 32]: 'ff', [DATA + 4095]: 'ff' } },
  },
  {
    name: 'unknown selector 1.1.2: CC 3, nothing stored',
    asm: 'stsi 0(%r10)',
    code: STSI,
    gr: { 0: 0x10000001n, 1: 2n, 10: D },
    mem: { [DATA]: 'ff' },
    want: { cc: 3, mem: { [DATA]: 'ff' } },
  },
]

runGroup('STORE SYSTEM INFORMATION', CASES)

describe('STORE SYSTEM INFORMATION on the translation tier', () => {
  it.each(CASES.map((k) => [k.name, k] as const))('%s', (_n, k) => {
    // The same cases with the tier on: STSI stores through the same translation as every other store there.
    const on = prepare(k, k.code.replace(/\s+/g, ''), 'on')
    const off = prepare(k, k.code.replace(/\s+/g, ''), 'off')
    const end = on.end
    execute(on.c, end)
    execute(off.c, end)
    expect(on.m.storage.u8.subarray(DATA, DATA + 4096)).toEqual(off.m.storage.u8.subarray(DATA, DATA + 4096))
    expect(on.c.cc).toBe(off.c.cc)
  })
})

describe('STORE SYSTEM INFORMATION per CPU', () => {
  it('1.2.1 carries the address of the CPU that executes it; 1.2.2 counts the configured and reserved CPUs', () => {
    const m = new Machine(defaultConfig({ memMiB: 2, cpuAddrs: [0, 5], maxCpus: 4 }))
    const dv = m.storage.dv
    const run = (addr: number, fc: number, s1: number, s2: number, at: number): number => {
      const c = m.cpuByAddr(addr)!
      c.rl[0] = (fc << 28) | s1
      c.rl[1] = s2
      return stsi(c, at)
    }
    expect(run(0, 1, 2, 1, 0x20000)).toBe(0)
    expect(run(5, 1, 2, 1, 0x21000)).toBe(0)
    expect(run(0, 1, 2, 1, 0x22000)).toBe(0)
    expect([dv.getUint16(0x20000 + 102), dv.getUint16(0x21000 + 102), dv.getUint16(0x22000 + 102)]).toEqual([0, 5, 0])
    expect(run(5, 1, 2, 2, 0x23000)).toBe(0)
    // total 4, configured 2, reserved 2
    expect([dv.getUint16(0x23000 + 36), dv.getUint16(0x23000 + 38), dv.getUint16(0x23000 + 42)]).toEqual([4, 2, 2])
  })
})
