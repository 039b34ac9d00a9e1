// A TLB flush resets what the TLB holds (Cpu.flushTlb resets only the entries `fill` made since the last flush when
// there are few, all of them otherwise): after SET STORAGE KEY EXTENDED no access may use a translation made under
// the frame's old key, however many pages were entered before it.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { ACC_FETCH, ACC_STORE, PGM_PROTECTION } from '@core/emulator/cpu/constants'
import { ProgramException } from '@core/emulator/cpu/exceptions'

const START = 0x10000
/** sske r1,r2 */
const SSKE = [0xb2, 0x2b, 0x00, 0x12]

/** A 2 MiB machine in 64-bit supervisor state with PSW key 1, CPU 0 at START with `code`. */
function machine(code: number[]): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, cpuAddrs: [0], jit: 'off' }))
  m.storage.load(START, new Uint8Array(code))
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  c.mask = (c.mask & ~0x00f00000) | 0x00100000
  c.flushTlb()
  return m
}

/** The program-interruption code of a store (acc 1) or fetch (0) of absolute = real = logical `a`, 0 if none. */
function accessCode(m: Machine, a: number, acc: 0 | 1): number {
  try {
    m.cpus[0]!.abs(a, acc)
    return 0
  } catch (e) {
    if (e instanceof ProgramException) return e.code
    throw e
  }
}

describe('TLB flush', () => {
  it('drops the store translation of a frame SSKE gives another key', () => {
    const m = machine(SSKE)
    const c = m.cpus[0]!
    const page = 0x150000
    m.storage.keys[page / 4096] = 0x10
    expect(accessCode(m, page + 8, ACC_STORE)).toBe(0)
    c.rl[1] = 0x20
    c.rl[2] = page
    expect(c.run(1)).toBe(1)
    expect(m.storage.keys[page / 4096]! & 0xf0).toBe(0x20)
    expect(accessCode(m, page + 8, ACC_STORE)).toBe(PGM_PROTECTION)
    expect(accessCode(m, page + 8, ACC_FETCH)).toBe(0)
  })

  for (const pages of [3, 63, 64, 65, 200]) {
    it(`drops every entry after ${pages} pages were entered for stores`, () => {
      const m = machine(SSKE)
      const c = m.cpus[0]!
      const first = 0x100000
      for (let i = 0; i < pages; i++) {
        m.storage.keys[first / 4096 + i] = 0x10
        expect(accessCode(m, first + i * 4096, ACC_STORE)).toBe(0)
      }
      // Every frame now has key 2 behind the TLB's back; SSKE of one of them flushes the TLB.
      for (let i = 0; i < pages; i++) m.storage.keys[first / 4096 + i] = 0x20
      c.rl[1] = 0x20
      c.rl[2] = first
      expect(c.run(1)).toBe(1)
      const allowed: number[] = []
      for (let i = 0; i < pages; i++) if (accessCode(m, first + i * 4096, ACC_STORE) === 0) allowed.push(i)
      expect(allowed).toEqual([])
    })
  }

  it('drops entries entered between two flushes, whichever flush came last', () => {
    const m = machine([...SSKE, ...SSKE])
    const c = m.cpus[0]!
    const a = 0x140000
    const b = 0x160000
    m.storage.keys[a / 4096] = 0x10
    m.storage.keys[b / 4096] = 0x10
    c.rl[1] = 0x10
    c.rl[2] = 0x1f0000
    expect(accessCode(m, a, ACC_STORE)).toBe(0)
    expect(c.run(1)).toBe(1)
    expect(accessCode(m, b, ACC_STORE)).toBe(0)
    m.storage.keys[a / 4096] = 0x20
    m.storage.keys[b / 4096] = 0x20
    expect(c.run(1)).toBe(1)
    expect(accessCode(m, a, ACC_STORE)).toBe(PGM_PROTECTION)
    expect(accessCode(m, b, ACC_STORE)).toBe(PGM_PROTECTION)
  })
})
