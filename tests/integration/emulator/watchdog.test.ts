// DIAGNOSE 0x288 watchdog on a hand-assembled guest: argument checks (specification exceptions as QEMU's diag288
// device gives them), and expiry with `inject-nmi` (restart interruption of CPU 0) or `reset` (the run ends).
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { configFrom, BootOptionError } from '@core/emulator/boot.ts'
import type { WatchdogAction } from '@core/emulator/devices/watchdog.ts'

const CODE = 0x10000
const PGM_TRAP = 0xfff0
const RESTART_TARGET = 0x3000

/** A one-CPU machine running `code` at CODE with GPRs 0-2 set; program-new PSW traps at PGM_TRAP (enabled wait
 * would end the run, so traps are tight loops `j .`), restart-new PSW at RESTART_TARGET (also `j .`). */
function machine(action: WatchdogAction | undefined, code: string, gr: [bigint, bigint, bigint]): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, jit: 'off', watchdog: action }))
  const dv = m.storage.dv
  for (const [off, at] of [
    [0x1d0, PGM_TRAP],
    [0x1a0, RESTART_TARGET],
  ] as const) {
    dv.setUint32(off, 0x00000001)
    dv.setUint32(off + 4, 0x80000000)
    dv.setUint32(off + 12, at)
    dv.setUint32(at, 0xa7f40000)
  }
  const bytes = Uint8Array.from(code.match(/../g)!, (b) => parseInt(b, 16))
  m.storage.u8.set(bytes, CODE)
  const c = m.cpus[0]!
  c.stopped = false
  for (let i = 0; i < 3; i++) {
    c.rh[i] = Number(gr[i]! >> 32n)
    c.rl[i] = Number(BigInt.asIntN(32, gr[i]!))
  }
  if (!c.loadPsw(0x00000001, 0x80000000, CODE)) throw new Error('bad PSW')
  return m
}

/** DIAG 0,2,0x288 then `j .` (an idle spin: the machine lets the time up to the expiry pass at once) */
const DIAG_LOOP = '83020288' + 'a7f40000'
/** DIAG 0,2,0x288 then `brct %r3,.` (a busy loop: it counts, so time passes as the host's) */
const DIAG_BUSY = '83020288' + 'a7360000'

const pgmCode = (m: Machine): number | null => (m.cpus[0]!.ia === PGM_TRAP ? m.storage.dv.getUint16(0x8e) : null)

describe('diag288 watchdog', () => {
  it.each([
    ['no watchdog device', undefined, [0n, 30n, 0n]],
    ['unsupported action', 'inject-nmi', [0n, 30n, 42n]],
    ['unsupported function', 'inject-nmi', [42n, 30n, 0n]],
    ['cancel before init', 'inject-nmi', [2n, 30n, 0n]],
    ['change before init', 'inject-nmi', [1n, 30n, 0n]],
    ['timeout below 15 s', 'inject-nmi', [0n, 14n, 0n]],
  ] as const)('%s: specification exception', (_n, action, gr) => {
    const m = machine(action, DIAG_LOOP, [...gr])
    m.run(10)
    expect(pgmCode(m)).toBe(0x06)
  })

  it('odd R1: specification exception', () => {
    const m = machine('inject-nmi', '83120288a7f40000', [0n, 30n, 0n])
    m.run(10)
    expect(pgmCode(m)).toBe(0x06)
  })

  it('init arms the timer; on expiry inject-nmi takes the restart interruption on CPU 0', () => {
    const m = machine('inject-nmi', DIAG_BUSY, [0n, 15n, 0n])
    m.run(10)
    const wd = m.watchdogDev!
    expect(pgmCode(m)).toBeNull()
    const armedFor = wd.deadlineMs - Date.now()
    expect(armedFor).toBeGreaterThan(14_000)
    expect(armedFor).toBeLessThanOrEqual(15_100)
    m.run(100)
    expect(m.cpus[0]!.ia).toBe(CODE + 4)
    wd.deadlineMs = 1 // expire now
    m.run(100)
    expect(m.cpus[0]!.ia).toBe(RESTART_TARGET)
    // restart old PSW holds the interrupted loop
    expect(m.storage.dv.getUint32(0x120 + 12)).toBe(CODE + 4)
    expect(m.ended).toBeNull()
  })

  it('a CPU that only spins until expiry: the 15 s pass at once on the TOD clock and the restart is taken', () => {
    const m = machine('inject-nmi', DIAG_LOOP, [0n, 15n, 0n])
    const t0 = m.tod.now()
    m.run(100)
    m.run(100)
    const passedUs = Number((m.tod.now() - t0) >> 12n)
    expect({ ia: m.cpus[0]!.ia, old: m.storage.dv.getUint32(0x120 + 12), armed: m.watchdogDev!.deadlineMs }).toEqual({ ia: RESTART_TARGET, old: CODE + 4, armed: 0 })
    expect(passedUs).toBeGreaterThanOrEqual(15_000_000)
    expect(m.skippedUs).toBeGreaterThan(14_000_000)
    expect(m.skippedUs).toBeLessThanOrEqual(15_000_001)
  })

  it('init then cancel disarms it', () => {
    const m = machine('inject-nmi', '83020288' + 'a7080002' + '83020288' + 'a7f40000', [0n, 15n, 0n])
    m.run(3)
    expect(pgmCode(m)).toBeNull()
    expect(m.watchdogDev!.deadlineMs).toBe(0)
  })

  it('a DIAG 308 reset (IPL) disarms it: a cancel afterwards finds it not initialized', () => {
    // diag 0,2,0x288 (init, 15 s); diag 0,4,0x308 with R4 = 1 (load normal) loads the PSW at 0 → 0x4000:
    // lghi %r0,2; diag 0,2,0x288 (cancel) → specification
    const m = machine('inject-nmi', '83020288' + '83040308', [0n, 15n, 0n])
    const dv = m.storage.dv
    dv.setUint32(0, 0x00080000)
    dv.setUint32(4, 0x80004000)
    dv.setUint32(0x4000, 0xa7090002)
    dv.setUint32(0x4004, 0x83020288)
    m.cpus[0]!.rl[4] = 1
    m.run(2)
    expect({ deadline: m.watchdogDev!.deadlineMs, ia: m.cpus[0]!.ia }).toEqual({ deadline: 0, ia: 0x4000 })
    m.run(2)
    expect(pgmCode(m)).toBe(0x06)
  })

  it('action reset ends the run at expiry', () => {
    const m = machine('reset', DIAG_LOOP, [0n, 20n, 0n])
    m.run(10)
    m.watchdogDev!.deadlineMs = 1
    const r = m.run(100)
    expect(r.ended).toBe('stopped')
    expect(m.endDetail).toBe('diag288 watchdog expired (action reset)')
  })

  it('qemu_params: -device diag288 and --watchdog-action configure it', () => {
    expect(configFrom({ qemuParams: '-device diag288,id=watchdog0 --watchdog-action inject-nmi' }).watchdog).toBe('inject-nmi')
    expect(configFrom({ qemuParams: '-device diag288' }).watchdog).toBe('reset')
    expect(configFrom({ qemuParams: '-m 1G' }).watchdog).toBeUndefined()
    expect(() => configFrom({ qemuParams: '-device diag288 --watchdog-action explode' })).toThrow(BootOptionError)
    expect(() => configFrom({ qemuParams: '-device diag288 --watchdog-action explode' })).toThrow(
      "qemu_params: --watchdog-action explode: expected one of reset, shutdown, poweroff, pause, debug, none, inject-nmi",
    )
  })
})
