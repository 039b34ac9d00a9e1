// The interpreter's fast path computes a storage operand's absolute address in int32 arithmetic (cpu/interpret.ts:
// a frame base below FAST_LIMIT made an int32); operands in frames above 2 GiB (storage of more than 2 GiB) must
// still reach the right bytes, through the generic path.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'

const CODE = 0x10000
/** Absolute addresses above 2^31 (and one below, as a control). */
const HIGH = [0x80001000, 0x8fff0ff8, 0x7ffff000]

function run(opnd: number): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2304, jit: 'off' }))
  const dv = m.storage.dv
  // end: LPSWE 0xf00 loads a disabled wait
  dv.setBigUint64(0xf00, 0x0002000180000000n)
  dv.setBigUint64(0xf08, 0xe0e0n)
  dv.setBigUint64(0x1d0, 0x0002000180000000n)
  dv.setBigUint64(0x1d8, 0xbad0n)
  // L: lg r2,0(r3) ; ag r2,0(r3) ; stg r2,8(r3) ; mvi 16(r3),0x5a ; brct r4,L ; lpswe 0xf00
  const code = 'e32030000004' + 'e32030000008' + 'e32030080024' + '925a3010' + 'a746fff5' + 'b2b20f00'
  m.storage.u8.set(Uint8Array.from(code.match(/../g)!, (b) => parseInt(b, 16)), CODE)
  dv.setBigUint64(opnd, 0x0123456789abcdefn)
  const c = m.cpus[0]!
  c.rl[3] = opnd | 0
  c.rl[4] = 5
  c.stopped = false
  c.loadPsw(0x00000001, 0x80000000, CODE)
  m.run(1000)
  return m
}

describe('interpreter operands above 2 GiB of storage', () => {
  for (const a of HIGH) {
    it(`loads, adds and stores at 0x${a.toString(16)} (fast path after the first pass fills the TLB)`, () => {
      const m = run(a)
      expect(m.ended).toBe('disabled-wait')
      expect(m.cpus[0]!.ia).toBe(0xe0e0)
      const dv = m.storage.dv
      // five passes: each doubles the doubleword loaded from the unchanged first operand
      const v = (0x0123456789abcdefn * 2n) & 0xffffffffffffffffn
      expect(dv.getBigUint64(a + 8)).toBe(v)
      expect(m.storage.u8[a + 16]).toBe(0x5a)
      expect(BigInt(m.cpus[0]!.rh[2]! >>> 0) * 2n ** 32n + BigInt(m.cpus[0]!.rl[2]! >>> 0)).toBe(v)
    })
  }
})
