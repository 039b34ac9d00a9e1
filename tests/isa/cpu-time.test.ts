// POP ch. 7, EXTRACT CPU TIME (facility 31): GR0 = first operand (doubleword at D1(B1)) minus the CPU timer, GR1 =
// second operand (doubleword at D2(B2)), GR R3 = the doubleword at the address in GR R3, no alignment required,
// condition code unchanged; access exceptions leave every register as it was.
import { describe, expect, it } from 'vitest'
import { DATA, execute, prepare, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
/** One second in CPU-timer units (bit 51 is one microsecond). */
const SECOND = 4096n * 1000000n

describe('ECTG against a CPU timer just set by SPT', () => {
  it('GR0 = op1 - timer (timer at most 1 s below the value set), GR1 = op2, GR3 = the unaligned third operand', () => {
    const op1 = 0x0000100000000000n
    const timer = 0x0000000100000000n
    // spt 0x18(%r10); ectg 0(%r10),8(%r10),%r3
    const { c, end } = prepare(
      { cc: 2, gr: { 3: D + 0x21n, 10: D }, mem: { [DATA]: '0000100000000000 1111222233334444', [DATA + 0x18]: '0000000100000000', [DATA + 0x21]: '0102030405060708' } },
      'b208a018 c831a000a008',
    )
    execute(c, end)
    const gr0 = c.r64(0)
    expect({ gr1: c.r64(1), gr3: c.r64(3), cc: c.cc, elapsedInRange: gr0 - (op1 - timer) >= 0n && gr0 - (op1 - timer) < SECOND }).toEqual({
      gr1: 0x1111222233334444n,
      gr3: 0x0102030405060708n,
      cc: 2,
      elapsedInRange: true,
    })
  })
})

const CASES: Case[] = [
  { name: 'second operand beyond storage: addressing, registers unchanged', asm: 'ectg 0(%r10),1024(%r11),%r3', code: 'c831a000b400', gr: { 0: 7n, 1: 8n, 3: D, 10: D, 11: 0x400000n }, want: { pgm: { code: 5 } } },
  { name: 'third operand beyond storage: addressing, registers unchanged', asm: 'ectg 0(%r10),8(%r10),%r3', code: 'c831a000a008', gr: { 0: 7n, 1: 8n, 3: 0x400000n, 10: D }, want: { pgm: { code: 5 } } },
]

runGroup('EXTRACT CPU TIME', CASES)
