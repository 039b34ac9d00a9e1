// Position-independent translations (codegen.ts Translation.pic, jit.ts SHARED): the same instructions at another
// address reuse the translation made for the first, with every address (link information, LARL, relative-long
// operands, exits, interpreter calls) taken relative to the block's address; a base with another alignment modulo 8
// (relative-long operand checks) gets a translation of its own. Each run is compared with the interpreter.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { clearSharedTranslations, type JitMode } from '@core/emulator/jit/jit.ts'
import { decodeBlock } from '@core/emulator/jit/block.ts'
import { translate } from '@core/emulator/jit/codegen.ts'

// X+0:  LARL r1,X+0x100   X+6: BRAS r14,X+16   X+10: LPSWE 0xf00 (the end)   X+14: NOPR
// X+16: EPSW r3,r4 (an interpreter call)   X+20: LGRL r2,X+0x100   X+26: LTGR r2,r2   X+30: BRC 7,X+40
// X+34: 3 x NOPR   X+40: BR r14   X+0x100: 8 bytes of data
const PROG = 'c01000000080' + 'a7e50005' + 'b2b20f00' + '0700' + 'b98d0034' + 'c42800000076' + 'b9020022' + 'a7740005' + '070007000700' + '07fe'
const DATA = '0123456789abcdef'

function machine(at: number, jit: JitMode): Machine {
  const m = new Machine(defaultConfig({ memMiB: 4, jit }))
  if (m.jit !== null) {
    m.jit.hotAfter = 1
    m.jit.profile = true
  }
  const dv = m.storage.dv
  dv.setBigUint64(0xf00, 0x0002000180000000n)
  dv.setBigUint64(0xf08, 0xe0e0n)
  dv.setBigUint64(0x1d0, 0x0002000180000000n)
  dv.setBigUint64(0x1d8, 0xbad0n)
  const bytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16))
  m.storage.u8.set(bytes(PROG), at)
  m.storage.u8.set(bytes(DATA), at + 0x100)
  const c = m.cpus[0]!
  c.stopped = false
  c.loadPsw(0x00000001, 0x80000000, at)
  return m
}

function state(m: Machine): unknown {
  const c = m.cpus[0]!
  return { gr: Array.from({ length: 16 }, (_, i) => [c.rh[i]! >>> 0, c.rl[i]! >>> 0]), ia: c.ia, ended: m.ended, code: m.storage.dv.getUint16(0x8e) }
}

/** Runs the program at `at` translated and interpreted; returns the translated machine. */
function run(at: number): Machine {
  const on = machine(at, 'on')
  const off = machine(at, 'off')
  for (let k = 0; k < 100 && on.ended === null; k++) on.run(1000)
  for (let k = 0; k < 100 && off.ended === null; k++) off.run(1000)
  expect(on.ended).toBe('disabled-wait')
  expect(state(on)).toEqual(state(off))
  return on
}

describe('JIT: position-independent translations', () => {
  it('runs the same instructions at another address with the translations made for the first', () => {
    clearSharedTranslations()
    const a = run(0x10000)
    expect(a.cpus[0]!.ia).toBe(0xe0e0)
    expect(a.cpus[0]!.rl[1]).toBe(0x10100)
    expect(a.cpus[0]!.rl[14]).toBe(0x1000a)
    expect(a.jit!.stats.compiled).toBeGreaterThanOrEqual(1)
    expect(a.jit!.all.flatMap((x) => x.fallbacks)).toContain('EPSW')
    const b = run(0x12340)
    // link information and addresses of the second copy are its own
    expect(b.cpus[0]!.rl[1]).toBe(0x12440)
    expect(b.cpus[0]!.rl[14]).toBe(0x1234a)
    expect([b.cpus[0]!.rh[2]! >>> 0, b.cpus[0]!.rl[2]! >>> 0]).toEqual([0x01234567, 0x89abcdef])
    expect(b.jit!.stats.compiled).toBe(0)
    expect(b.jit!.stats.reused).toBe(a.jit!.stats.compiled)
  })

  it('translates again at a base with another alignment (a relative-long operand is checked there)', () => {
    clearSharedTranslations()
    run(0x10000)
    // X+0x100 is not a doubleword here: LGRL's specification exception (program interruption: wait at 0xbad0)
    const b = run(0x12344)
    expect(b.cpus[0]!.ia).toBe(0xbad0)
    expect(b.jit!.stats.compiled).toBeGreaterThanOrEqual(1)
  })

  it('keeps absolute addresses where a relative target wraps at the end of the addressing range', () => {
    // BRC 15 backwards from 0x10 by 0x20 bytes in the 31-bit mode wraps to 0x7ffffff0
    const m = new Machine(defaultConfig({ memMiB: 4, jit: 'on' }))
    m.storage.u8.set([0x18, 0x12, 0xa7, 0xf4, 0xff, 0xf0], 0x0c)
    const c = m.cpus[0]!
    c.loadPsw(0x00000000, 0x80000000, 0x0c)
    const d = decodeBlock(c, 0x0c)!
    expect(translate(d, true, true).pic).toBe(false)
    const low = new Machine(defaultConfig({ memMiB: 4, jit: 'on' }))
    low.storage.u8.set([0x18, 0x12, 0xa7, 0xf4, 0x00, 0x10], 0x1000)
    low.cpus[0]!.loadPsw(0x00000000, 0x80000000, 0x1000)
    const t = translate(decodeBlock(low.cpus[0]!, 0x1000)!, true, true)
    expect(t.pic).toBe(true)
    expect([t.kmin, t.kmax]).toEqual([0, 0x22])
  })
})
