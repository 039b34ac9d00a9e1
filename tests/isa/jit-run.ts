// Shared harness of the translation-tier tests: a program at 0x10000 run translated at once (hotAfter 1) and
// interpreted in the same slices, the whole CPU state compared after every slice.
import { expect } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import type { JitMode } from '@core/emulator/jit/jit.ts'

/** Where programs are placed. */
export const CODE = 0x10000
/** A data area the tests' operands use (two pages). */
export const DATA = 0x20000
/** Program mask bit of fixed-point overflow, as PSW bits 0-31 hold it. */
export const PM_FIXED_OVERFLOW = 0x800
/** LPSWE 0xf00: ends a program in the disabled wait at 0xe0e0. */
export const LPSWE_END = 'b2b20f00'

/** A program: its code as hex, initial general registers, PSW bits 0-31 besides EA. */
export interface Program {
  code: string
  gr: Record<number, number>
  /** PSW bits 0-31 besides EA (e.g. the program mask). */
  psw?: number
  /** Translate regions (Jit.regions). */
  regions?: boolean
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/** A machine with `p` loaded and its PSW pointing at it. */
export function machine(p: Program, jit: JitMode): Machine {
  const m = new Machine(defaultConfig({ memMiB: 4, jit }))
  if (m.jit !== null) {
    m.jit.hotAfter = 1
    m.jit.keepSource = true
    m.jit.profile = true
    m.jit.regions = p.regions ?? false
  }
  const dv = m.storage.dv
  // the program's end: disabled wait at 0xe0e0; any program interruption: disabled wait at 0xbad0
  dv.setBigUint64(0xf00, 0x0002000180000000n)
  dv.setBigUint64(0xf08, 0xe0e0n)
  dv.setBigUint64(0x1d0, 0x0002000180000000n)
  dv.setBigUint64(0x1d8, 0xbad0n)
  for (let i = 0; i < 0x2000; i++) m.storage.u8[DATA + i] = (i * 7 + (i >> 8)) & 255
  m.storage.u8.set(Uint8Array.from(p.code.match(/../g)!, (b) => parseInt(b, 16)), CODE)
  const c = m.cpus[0]!
  for (const [r, v] of Object.entries(p.gr)) {
    c.rh[Number(r)] = Math.floor(v / 2 ** 32) | 0
    c.rl[Number(r)] = v | 0
  }
  c.stopped = false
  c.loadPsw(0x00000001 | (p.psw ?? 0), 0x80000000, CODE)
  return m
}

/** Everything compared: registers, PSW, counts, lowcore, the program's page and the data area. */
export function state(m: Machine): unknown {
  const c = m.cpus[0]!
  return {
    gr: Array.from({ length: 16 }, (_, i) => [c.rh[i]! >>> 0, c.rl[i]! >>> 0]),
    cc: c.cc,
    pm: c.pm,
    ia: c.ia,
    icount: c.icount,
    ended: m.ended,
    lowcore: Array.from(m.storage.u8.subarray(0x80, 0x180)),
    code: hex(m.storage.u8.subarray(CODE, CODE + 0x200)),
    data: hex(m.storage.u8.subarray(DATA, DATA + 0x2000)),
  }
}

/** Runs `p` translated and interpreted in slices of `slice` instructions until the disabled wait at `end`. */
export function compare(p: Program, slice: number, end = 0xe0e0): Machine {
  const on = machine(p, 'on')
  const off = machine(p, 'off')
  for (let k = 0; k < 10_000 && on.ended === null; k++) {
    on.run(slice)
    off.run(slice)
    expect(state(on), `after slice ${k + 1}`).toEqual(state(off))
  }
  expect(on.ended).toBe('disabled-wait')
  expect(on.cpus[0]!.ia).toBe(end)
  expect(on.jit!.stats.blockRuns).toBeGreaterThan(0)
  return on
}

