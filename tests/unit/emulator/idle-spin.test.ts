// Idle spins (src-core/emulator/idle.ts): which loops count as changing nothing, and when the machine lets the time
// up to the next timer deadline pass at once (every CPU that runs spins idle, nothing pending, a deadline ahead).
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { inIdleSpin } from '@core/emulator/idle.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

const CODE = 0x10000
/** External-new PSW: 64-bit, disabled, at 0x5000 where `j .` spins. */
const EXT_TARGET = 0x5000

/** A machine with `code` at CODE on each of `cpus` CPUs' start addresses (CPU i at CODE + 0x1000 * i). */
function machine(codes: string[], jit: JitMode = 'off'): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, jit, cpuAddrs: codes.map((_, i) => i) }))
  const dv = m.storage.dv
  dv.setUint32(0x1b0, 0x00000001)
  dv.setUint32(0x1b4, 0x80000000)
  dv.setUint32(0x1bc, EXT_TARGET)
  dv.setUint32(EXT_TARGET, 0xa7f40000)
  codes.forEach((code, i) => {
    const at = CODE + 0x1000 * i
    m.storage.u8.set(Uint8Array.from(code.replace(/\s+/g, '').match(/../g)!, (b) => parseInt(b, 16)), at)
    const c = m.cpus[i]!
    c.stopped = false
    c.crl[0] = 0xe0
    if (!c.loadPsw(0x01000001, 0x80000000, at)) throw new Error('bad PSW')
  })
  return m
}

describe('idle spin recognition', () => {
  it.each([
    ['j .', 'a7f40000', 0],
    ['nop; j 0b (upstream diag288), at the nop', '47000000 a7f4fffe', 0],
    ['nop; j 0b, at the j', '47000000 a7f4fffe', 4],
    ['nopr; jnop; brcl 15 back', '0707 a7040000 c0f4fffffffd', 0],
    ['bcr 15,0 (no branch) then j back', '07f0 a7f4ffff', 0],
  ])('%s: idle', (_n, code, off) => {
    const m = machine([code])
    const c = m.cpus[0]!
    c.ia = CODE + off
    expect(inIdleSpin(c)).toBe(true)
  })

  it.each([
    ['ahi %r3,1; j back (counts)', 'a73a0001 a7f4fffe'],
    ['brct %r3,. (counts)', 'a7360000'],
    ['jne . (depends on the CC)', 'a7740000'],
    ['br %r14 (register target)', '07fe'],
    ['j to a loop that does not come back here', 'a7f40002 a7f40000'],
    ['nine nops in a row, then j back (too long to follow)', '47000000 '.repeat(9) + 'a7f4ffee'],
  ])('%s: not idle', (_n, code) => {
    const m = machine([code])
    expect(inIdleSpin(m.cpus[0]!)).toBe(false)
  })

  it('PER active: not idle (instruction-fetch events would be recognized)', () => {
    const m = machine(['a7f40000'])
    const c = m.cpus[0]!
    c.mask = (c.mask | 0x40000000) >>> 0
    c.crl[9] = 0x40000000
    expect(inIdleSpin(c)).toBe(false)
  })

  it('an address that cannot be fetched: not idle, and no exception escapes', () => {
    const m = machine(['a7f40000'])
    const c = m.cpus[0]!
    c.ia = 0x300000
    expect(inIdleSpin(c)).toBe(false)
  })
})

describe.each(['off', 'on'] as const)('letting idle time pass (tier %s)', (jit) => {
  /** Clock comparator `ms` ahead, its subclass mask on. */
  const armClockComparator = (m: Machine, i: number, ms: number): void => {
    const c = m.cpus[i]!
    c.ckc = m.tod.now() + (BigInt(ms * 1000) << 12n)
    c.crl[0] = c.crl[0]! | 0x800
  }

  it('one CPU spinning with the clock comparator 30 s ahead: the interruption comes at once, 30 s later on the TOD', () => {
    const m = machine(['a7f40000'], jit)
    // (read before arming: the comparator is 30 s after the arming's reading, which a pause here would move past t0)
    const t0 = m.tod.now()
    armClockComparator(m, 0, 30_000)
    for (let i = 0; i < 3 && m.cpus[0]!.ia !== EXT_TARGET; i++) m.run(1000)
    const c = m.cpus[0]!
    expect({ ia: c.ia, code: m.storage.dv.getUint16(0x86), old: m.storage.dv.getUint32(0x130 + 12) }).toEqual({ ia: EXT_TARGET, code: 0x1004, old: CODE })
    expect(Number((m.tod.now() - t0) >> 12n)).toBeGreaterThanOrEqual(30_000_000)
  })

  it('a busy loop with the same deadline: no time is skipped', () => {
    const m = machine(['a73a0001 a7f4fffe'], jit)
    armClockComparator(m, 0, 30_000)
    m.run(1000)
    expect({ skipped: m.skippedUs, inLoop: m.cpus[0]!.ia < CODE + 8 }).toEqual({ skipped: 0, inLoop: true })
  })

  it('a spin with no deadline ahead: nothing skipped, the spin runs on', () => {
    const m = machine(['a7f40000'], jit)
    const r = m.run(1000)
    expect({ skipped: m.skippedUs, ended: r.ended, ia: m.cpus[0]!.ia }).toEqual({ skipped: 0, ended: null, ia: CODE })
  })

  it('two CPUs, one spinning and one counting: no time is skipped', () => {
    const m = machine(['a7f40000', 'a73a0001 a7f4fffe'], jit)
    armClockComparator(m, 0, 30_000)
    m.run(1_000_000)
    expect(m.skippedUs).toBe(0)
  })

  it('two CPUs both spinning: the time passes to the earliest deadline of either, then to the next', () => {
    const m = machine(['a7f40000', 'a7f40000'], jit)
    armClockComparator(m, 0, 50_000)
    armClockComparator(m, 1, 20_000)
    // Rounds of 2,000 instructions per CPU (one per run here); CPU 1 is interrupted first, after 20 s.
    for (let i = 0; i < 100 && m.cpus[1]!.ia !== EXT_TARGET; i++) m.run(4000)
    const first = m.skippedUs
    for (let i = 0; i < 100 && m.cpus[0]!.ia !== EXT_TARGET; i++) m.run(4000)
    expect({ cpu0: m.cpus[0]!.ia, cpu1: m.cpus[1]!.ia }).toEqual({ cpu0: EXT_TARGET, cpu1: EXT_TARGET })
    expect([first > 19_000_000 && first < 21_000_000, m.skippedUs > 49_000_000 && m.skippedUs < 51_000_000]).toEqual([true, true])
  })

  it('a service signal pending (masked): no time is skipped', () => {
    const m = machine(['a7f40000'], jit)
    armClockComparator(m, 0, 30_000)
    m.sclp.pendingParam = 0x1000
    m.run(1000)
    expect(m.skippedUs).toBe(0)
  })
})
